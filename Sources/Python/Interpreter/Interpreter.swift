// The public entry point: an interpreter owns the builtins, loaded modules and the
// `__main__` namespace; it runs scripts and evaluates shell input, reporting output
// through caller-provided sinks.
import Foundation

/// A script failure: a syntax error or an uncaught Python exception.
public enum ScriptError: Error, CustomStringConvertible {
    case syntax(ScriptSyntaxError)
    case exception(PyException)

    /// The text Python would print (traceback or syntax error report). An uncaught
    /// `SystemExit` prints no traceback: only its code when that is not None or an int.
    public var rendered: String {
        switch self {
        case .syntax(let s): return s.rendered
        case .exception(let e):
            if e.isSystemExit {
                switch e.exitCode {
                case .none, .int, .bool: return ""
                case let code: return ((try? Python.str(code)) ?? "") + "\n"
                }
            }
            return renderTraceback(e)
        }
    }

    /// Whether this is an uncaught `SystemExit` (`sys.exit()`, `exit()`).
    public var isSystemExit: Bool {
        if case .exception(let e) = self { return e.isSystemExit }
        return false
    }

    /// The process exit status CPython would end with (`sys.exit(n)` gives n).
    public var exitStatus: Int32 {
        guard case .exception(let e) = self, e.isSystemExit else { return 1 }
        switch e.exitCode {
        case .none: return 0
        case .int(let n): return Int32(truncatingIfNeeded: n)
        case .bool(let b): return b ? 1 : 0
        default: return 1
        }
    }

    /// The exception's Python type name ("NameError", "SyntaxError", ...).
    public var typeName: String {
        switch self {
        case .syntax(let s): return s.kind
        case .exception(let e): return e.cls.name
        }
    }

    public var description: String { rendered }
}

/// Runs lesson-language code.
///
///     let interpreter = Interpreter(output: { print($0, terminator: "") })
///     try interpreter.run(source: "print(1 + 2)", filename: "demo.py")
///     let echoed = try interpreter.evaluate("x * 2")   // Value? to show, IPython-style
public final class Interpreter {
    /// Set from a SIGINT handler to interrupt running code with KeyboardInterrupt.
    @exclusivity(unchecked) nonisolated(unsafe) public static var interruptRequested = false

    /// Receives everything scripts print (already including line ends).
    public var output: (String) -> Void
    /// Receives `print(..., file=sys.stderr)` text; defaults to `output`.
    public var errorOutput: (String) -> Void
    /// Directories searched for `import name` → `name.py` (the script's folder first).
    public var searchPaths: [String] = []
    /// Where the last call of a call-site-recording builtin (warnings.warn) was written.
    var callSite: (file: SourceFile, range: SourceRange)?
    /// `sys.argv`: the script's name and arguments (set before the script imports `sys`).
    public var argv: [String] = [""]
    /// Python's recursion limit (frames).
    public var recursionLimit: Int {
        get { counters[1] }
        set { counters[1] = newValue }
    }
    /// [current call depth, recursion limit]: raw storage keeps the per-call bookkeeping cheap.
    let counters: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 2)
        p[0] = 0
        p[1] = 1000
        return p
    }()

    let builtins = Globals()
    public let mainModule: PyModule
    var modules: [String: PyModule] = [:]
    var depth: Int {
        get { counters[0] }
        set { counters[0] = newValue }
    }
    var handling: [PyException] = []
    private var running = false
    /// The functions this interpreter stops in (its session's list; see Breakpoints).
    public var breakpoints: Breakpoints?
    /// This interpreter's copies of native modules, by the shared module (see `ownCopy`).
    var moduleCopies: [ObjectIdentifier: (shared: PyModule, copy: PyModule)] = [:]

    deinit { counters.deallocate() }

    /// State that host libraries keep per interpreter (the tensor module's random generator
    /// and print options), entered around everything this interpreter runs, so that a fresh
    /// interpreter starts like a fresh Python process. Installed by `Interpreter.onCreate`.
    public var scopes: [InterpreterScope] = []

    public init(output: @escaping (String) -> Void = { _ in }, errorOutput: ((String) -> Void)? = nil) {
        self.output = output
        self.errorOutput = errorOutput ?? output
        mainModule = PyModule(name: "__main__")
        Builtins.install(into: builtins, interpreter: self)
        mainModule.globals["__builtins__"] = .object(PyModule(name: "builtins", globals: builtins))
        modules["__main__"] = mainModule
        modules["builtins"] = PyModule(name: "builtins", globals: builtins)
        for setup in Interpreter.setups() { setup(self) }
    }

    /// Runs `work` inside every scope, outermost first.
    func withScopes<T>(_ work: () throws -> T) rethrows -> T {
        try enterScope(0, work)
    }

    private func enterScope<T>(_ index: Int, _ work: () throws -> T) rethrows -> T {
        if index == scopes.count { return try work() }
        return try scopes[index].enter { try enterScope(index + 1, work) }
    }

    // MARK: - Running code

    /// Runs a whole script in `__main__`. Throws `ScriptError` on failure.
    public func run(source: String, filename: String) throws {
        try execute(source: source, filename: filename, echo: false)
    }

    /// Runs statements like IPython: returns the value of a final bare expression (nil when
    /// there is none, when it is None, or when the line ends with `;`).
    @discardableResult
    public func evaluate(_ source: String, filename: String = "<stdin>") throws -> Value? {
        try execute(source: source, filename: filename, echo: true)
    }

    /// `repr(value)` as text, never throwing.
    public func repr(_ value: Value) -> String {
        withScopes { (try? Python.repr(value)) ?? "<\(value.typeName) object>" }
    }

    /// `str(value)` as text, never throwing.
    public func str(_ value: Value) -> String {
        withScopes { (try? Python.str(value)) ?? "<\(value.typeName) object>" }
    }

    /// Names bound in `__main__`, in definition order (excluding dunder names).
    public var globalNames: [String] {
        mainModule.globals.items().map(\.0).filter { !($0.hasPrefix("__") && $0.hasSuffix("__")) }
    }

    public func global(_ name: String) -> Value? { mainModule.globals[name] }

    public func setGlobal(_ name: String, _ value: Value) { mainModule.globals[name] = value }

    /// Calls a callable value (e.g. a function defined by a script) from Swift.
    public func call(_ callee: Value, _ arguments: Arguments) throws -> Value {
        do {
            return try onLargeStack { try callValue(callee, arguments) }
        } catch let e as ScriptError {
            throw e
        } catch {
            throw ScriptError.exception(ErrorConversion.convert(error))
        }
    }

    @discardableResult
    private func execute(source: String, filename: String, echo: Bool) throws -> Value? {
        if searchPaths.isEmpty {
            let directory = (filename as NSString).deletingLastPathComponent
            searchPaths = [directory.isEmpty ? FileManager.default.currentDirectoryPath : directory]
        }
        mainModule.globals["__file__"] = filename.hasPrefix("<") ? nil : .str(filename)
        if argv == [""], !filename.hasPrefix("<") { argv = [filename] }
        depth = 0
        handling = []
        return try onLargeStack {
            try self.executeInModule(source: source, filename: filename, module: self.mainModule, echo: echo)
        }
    }

    func executeInModule(source: String, filename: String, module: PyModule, echo: Bool) throws -> Value? {
        let parsed: Module
        let file: SourceFile
        do {
            parsed = try Parser.parse(source, filename: filename)
            file = parsed.source
        } catch let e as ScriptSyntaxError {
            throw ScriptError.syntax(e)
        } catch let e as PyException {
            throw ScriptError.exception(e)
        }
        var compiler = Compiler(interpreter: self, globals: module.globals, file: file)
        let code: CodeInfo
        let last: ExprNode?
        do {
            (code, last) = try compiler.compileModule(parsed.body, name: "<module>", echoLast: echo)
        } catch let e as ScriptSyntaxError {
            throw ScriptError.syntax(e)
        } catch let e as PyException {
            throw ScriptError.exception(e)
        }
        let frame = Frame(code: code, function: nil)
        do {
            _ = try execBlock(code.body, frame)
            guard let final = last else { return nil }
            let value = try final.eval(frame)
            if value.isNone || endsWithSemicolon(file, final.range) { return nil }
            module.globals["_"] = value
            return value
        } catch {
            let e = ErrorConversion.convert(error)
            if let last = last { e.note(last.range) }
            e.leaveFrame(filename: filename, functionName: "<module>", source: file)
            throw ScriptError.exception(e)
        }
    }

    private func endsWithSemicolon(_ file: SourceFile, _ range: SourceRange) -> Bool {
        guard let line = file.line(range.endLine) else { return false }
        let rest = line.unicodeScalars.dropFirst(range.endColumn)
        for c in rest {
            if c == ";" { return true }
            if c == "#" { return false }
            if c != " " && c != "\t" && c != ")" { return false }
        }
        return false
    }

    /// Runs `body` on a thread with a 512 MB stack so deep recursion hits RecursionError
    /// long before the native stack could overflow.
    func onLargeStack<T>(_ work: @escaping () throws -> T) throws -> T {
        let body = { try self.withScopes(work) }
        if running || Thread.current.stackSize >= 256 << 20 { return try body() }
        running = true
        defer { running = false }
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            box.result = Result { try body() }
            done.signal()
        }
        thread.stackSize = 512 << 20
        thread.start()
        done.wait()
        switch box.result {
        case .success(let v)?: return v
        case .failure(let e)?: throw e
        case nil: throw ScriptError.exception(PyException.runtimeError("interpreter thread did not finish"))
        }
    }

    // MARK: - Modules

    /// Setup run on every new interpreter (the bindings install their scopes here).
    nonisolated(unsafe) private static var setupFunctions: [(Interpreter) -> Void] = []

    /// Adds a setup every interpreter created from now on runs as its last step.
    public static func onCreate(_ setup: @escaping (Interpreter) -> Void) {
        registryLock.lock()
        defer { registryLock.unlock() }
        setupFunctions.append(setup)
    }

    static let registryLock = NSLock()

    private static func setups() -> [(Interpreter) -> Void] {
        registryLock.lock()
        defer { registryLock.unlock() }
        return setupFunctions
    }

    /// Imports a module by dotted name (native, built-in, or a `.py` file in `searchPaths`).
    public func importModule(_ name: String) throws -> PyModule {
        if let m = modules[name] { return m }
        let parts = name.split(separator: ".").map(String.init)
        if parts.count > 1 {
            let parent = try importModule(parts.dropLast().joined(separator: "."))
            if let m = modules[name] { return m }
            if case .object(let o)? = parent.globals[parts[parts.count - 1]], let m = o as? PyModule {
                modules[name] = m
                return m
            }
        }
        // Native modules are shared by the process, so each interpreter gets its own copy;
        // the standard library's are built for this interpreter.
        let native = Interpreter.nativeModuleLoader(name).map { loader in { (i: Interpreter) in i.ownCopy(of: try loader(i)) } }
        if let loader = native ?? StandardLibrary.modules[name] {
            let m = try loader(self)
            modules[name] = m
            SysModule.recordImport(name, m, self)
            if parts.count > 1, let parent = modules[parts.dropLast().joined(separator: ".")] {
                parent.globals[parts[parts.count - 1]] = .object(m)
            }
            return m
        }
        // A top-level name is looked for in the search paths; a submodule in its package's folder.
        var directories = searchPaths
        if parts.count > 1 {
            directories = []
            if let parent = modules[parts.dropLast().joined(separator: ".")],
               case .object(let o)? = parent.globals["__path__"], let list = o as? PyList {
                directories = list.items.compactMap { if case .str(let d) = $0 { return d }; return nil }
            }
        }
        // `__import__('')` and friends: CPython's ValueError, never an index past the end.
        guard let last = parts.last else { throw PyException(BuiltinTypes.valueError, "Empty module name") }
        for directory in directories {
            let folder = (directory as NSString).appendingPathComponent(last)
            let initFile = (folder as NSString).appendingPathComponent("__init__.py")
            let file = folder + ".py"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: initFile) {
                return try loadFileModule(name, path: initFile, packageFolder: folder)
            } else if FileManager.default.fileExists(atPath: file) {
                return try loadFileModule(name, path: file)
            } else if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue {
                // A folder without __init__.py: a namespace package, as in Python 3.
                let module = PyModule(name: name)
                module.globals["__path__"] = .object(PyList([.str(folder)]))
                module.globals["__package__"] = .str(name)
                modules[name] = module
                if parts.count > 1, let parent = modules[parts.dropLast().joined(separator: ".")] {
                    parent.globals[last] = .object(module)
                }
                return module
            }
        }
        let e = PyException(BuiltinTypes.moduleNotFoundError, LeftOut.message(for: name))
        _ = try? e.setAttribute("name", .str(name))
        throw e
    }

    /// The absolute name of a relative import (`from .utils import x` in package `mingpt`
    /// is `mingpt.utils`), as `importlib._bootstrap._resolve_name` computes it.
    func resolveRelative(_ module: String, level: Int, globals: Globals) throws -> String {
        var package = ""
        if case .str(let p)? = globals["__package__"] { package = p }
        guard !package.isEmpty else {
            throw PyException(BuiltinTypes.importError, "attempted relative import with no known parent package")
        }
        var bits = package.split(separator: ".").map(String.init)
        guard bits.count >= level else {
            throw PyException(BuiltinTypes.importError, "attempted relative import beyond top-level package")
        }
        bits.removeLast(level - 1)
        return module.isEmpty ? bits.joined(separator: ".") : bits.joined(separator: ".") + "." + module
    }

    private func loadFileModule(_ name: String, path: String, packageFolder: String? = nil) throws -> PyModule {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PyException(BuiltinTypes.importError, "cannot read module file '\(path)'")
        }
        let source = String(decoding: data, as: UTF8.self)
        let module = PyModule(name: name)
        module.globals["__file__"] = .str(path)
        if let folder = packageFolder {
            module.globals["__path__"] = .object(PyList([.str(folder)]))
            module.globals["__package__"] = .str(name)
        } else {
            module.globals["__package__"] = .str(name.split(separator: ".").dropLast().joined(separator: "."))
        }
        modules[name] = module
        SysModule.recordImport(name, module, self)
        let parts = name.split(separator: ".").map(String.init)
        if parts.count > 1, let parent = modules[parts.dropLast().joined(separator: ".")] {
            parent.globals[parts[parts.count - 1]] = .object(module)
        }
        let savedDepth = depth
        let savedHandling = handling
        defer {
            depth = savedDepth
            handling = savedHandling
        }
        do {
            _ = try executeInModule(source: source, filename: path, module: module, echo: false)
        } catch let error as ScriptError {
            modules[name] = nil
            switch error {
            case .exception(let e): throw e
            case .syntax(let s):
                let e = PyException(BuiltinTypes.exception(s.kind), s.message)
                e.syntaxDetails = s
                throw e
            }
        }
        return module
    }
}

/// State a host library keeps for one interpreter, entered on the interpreter's thread
/// around everything it runs (see `Interpreter.scopes`).
public protocol InterpreterScope: AnyObject {
    func enter<T>(_ body: () throws -> T) rethrows -> T
}

/// Carries a result from the interpreter thread back to the caller (which waits for it).
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, Error>?
}
