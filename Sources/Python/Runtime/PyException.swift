// Exceptions: Python exception instances double as Swift `Error`s, carrying the
// traceback entries collected while they propagate.

/// One frame of a traceback: where the exception passed through.
public struct TracebackEntry: Equatable {
    public var filename: String
    public var functionName: String
    public var range: SourceRange
    /// The frame's source (for printing the line); nil for native code.
    public var source: SourceFile?
    /// Underline even when the expression spans the whole line (binary operations, subscripts).
    public var anchored = false

    public static func == (a: TracebackEntry, b: TracebackEntry) -> Bool {
        a.filename == b.filename && a.functionName == b.functionName && a.range == b.range
    }
}

/// An instance of `BaseException` or a subclass; thrown as a Swift error.
public final class PyException: PyInstance, Error {
    public var args: [Value] = []
    /// Innermost frame first.
    public var traceback: [TracebackEntry] = []
    /// The range of the innermost expression that failed in the frame currently unwinding.
    var pendingRange: SourceRange?
    /// Whether that expression is a binary operation or subscript (CPython 3.11 underlines
    /// those even when they span the whole line).
    var pendingAnchored = false
    public var cause: PyException?
    public var context: PyException?
    public var suppressContext = false
    /// Overrides `str(self)` (OSError's "[Errno 2] ..." text).
    var customMessage: String?
    /// For SyntaxError raised by an import: where the bad code is (printed like CPython).
    public var syntaxDetails: ScriptSyntaxError?
    /// NameError/AttributeError: the missing name and the candidate lists for "Did you
    /// mean" (see Suggestions.swift), computed only when the traceback is printed.
    var missingName: String?
    var suggestionSources: (() -> [[String]])?

    public init(_ cls: PyClass, args: [Value] = []) {
        self.args = args
        super.init(cls: cls)
    }

    public convenience init(_ cls: PyClass, _ message: String) {
        self.init(cls, args: [.str(message)])
    }

    /// Set once the current frame's entry is recorded (a re-raise adds no second entry).
    var frameSealed = false

    /// Records `range` as the failing expression in the current frame (first one wins).
    @inline(__always) func note(_ range: SourceRange, anchored: Bool = false) {
        if pendingRange == nil && !frameSealed {
            pendingRange = range
            pendingAnchored = anchored
        }
    }

    /// Closes the current frame's entry of the traceback.
    func finishFrame(filename: String, functionName: String, source: SourceFile?) {
        frameSealed = true
        guard let range = pendingRange else { return }
        traceback.append(TracebackEntry(filename: filename, functionName: functionName, range: range, source: source,
                                        anchored: pendingAnchored))
        pendingRange = nil
        pendingAnchored = false
    }

    /// Called when the exception leaves a frame: the caller's frame may note its range.
    func leaveFrame(filename: String, functionName: String, source: SourceFile?) {
        finishFrame(filename: filename, functionName: functionName, source: source)
        frameSealed = false
    }

    /// The text after `TypeName: ` in a traceback (Python's `str(exception)`).
    public var message: String {
        if cls.isSubclass(of: BuiltinTypes.keyError), args.count == 1 {
            return (try? Python.repr(args[0])) ?? ""
        }
        return (try? str()) ?? ""
    }

    override public func str() throws -> String? {
        if let m = customMessage { return m }
        if let custom = cls.lookup("__str__"), case .object(let f) = custom, !(f is PyBuiltinFunction) {
            return try super.str()
        }
        if cls.isSubclass(of: BuiltinTypes.keyError), args.count == 1 { return try Python.repr(args[0]) }
        switch args.count {
        case 0: return ""
        case 1: return try Python.str(args[0])
        default: return try Python.repr(.tuple(args))
        }
    }

    override public func repr() throws -> String {
        if let custom = cls.lookup("__repr__"), case .object(let f) = custom, !(f is PyBuiltinFunction) {
            return try super.repr()
        }
        if args.count == 1 { return "\(cls.name)(\(try Python.repr(args[0])))" }
        return "\(cls.name)\(try Python.repr(.tuple(args)))"
    }

    override public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "args": return .tuple(args)
        case "__cause__": return cause.map { .object($0) } ?? Value.none
        case "__context__": return context.map { .object($0) } ?? Value.none
        case "__suppress_context__": return .bool(suppressContext)
        case "code" where isSystemExit && attributes["code"] == nil: return exitCode
        case "value" where cls.isSubclass(of: BuiltinTypes.stopIteration) && attributes["value"] == nil:
            return args.first ?? Value.none
        case "__traceback__": return traceback.isEmpty ? Value.none : .object(PyTracebackObject())
        case "code" where cls.isSubclass(of: BuiltinTypes.exception("SystemExit")):
            if let own = attributes["code"] { return own }
            return args.isEmpty ? Value.none : args.count == 1 ? args[0] : .tuple(args)
        default: return try super.getAttribute(name)
        }
    }

    override public func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        switch name {
        case "args":
            args = try iterateToArray(value)
        case "__cause__", "__context__":
            let linked: PyException?
            switch value {
            case .none: linked = nil
            case .object(let o as PyException): linked = o
            default: throw PyException.typeError("exception \(name == "__cause__" ? "cause" : "context") must be None or derive from BaseException")
            }
            if name == "__cause__" {
                cause = linked
                suppressContext = true
            } else {
                context = linked
            }
        case "__suppress_context__":
            suppressContext = try isTruthy(value)
        default:
            return try super.setAttribute(name, value)
        }
        return true
    }

    var isSystemExit: Bool { cls.isSubclass(of: BuiltinTypes.exception("SystemExit")) }

    /// `SystemExit.code`: None, the single argument, or the arguments as a tuple.
    public var exitCode: Value {
        if case .some(let code) = attributes["code"] { return code }
        switch args.count {
        case 0: return .none
        case 1: return args[0]
        default: return .tuple(args)
        }
    }

    /// The name shown in tracebacks: `ValueError`, or `module.Name` for non-builtin classes.
    public var typeDisplayName: String {
        cls.moduleName == "builtins" || cls.moduleName == "__main__" ? cls.name : "\(cls.moduleName).\(cls.name)"
    }

    // MARK: - Constructors for the common errors

    public static func typeError(_ message: String) -> PyException { PyException(BuiltinTypes.typeError, message) }
    public static func valueError(_ message: String) -> PyException { PyException(BuiltinTypes.valueError, message) }
    public static func indexError(_ message: String) -> PyException { PyException(BuiltinTypes.indexError, message) }
    public static func keyError(_ key: Value) -> PyException { PyException(BuiltinTypes.keyError, args: [key]) }
    public static func attributeError(_ message: String) -> PyException { PyException(BuiltinTypes.attributeError, message) }
    public static func nameError(_ name: String) -> PyException {
        PyException(BuiltinTypes.nameError, "name '\(name)' is not defined")
    }
    public static func runtimeError(_ message: String) -> PyException { PyException(BuiltinTypes.runtimeError, message) }
    public static func zeroDivision(_ message: String) -> PyException { PyException(BuiltinTypes.zeroDivisionError, message) }
    public static func overflow(_ message: String = "integer overflow: the lesson language's int is 64-bit") -> PyException {
        PyException(BuiltinTypes.overflowError, message)
    }
    public static func notImplemented(_ message: String) -> PyException { PyException(BuiltinTypes.notImplementedError, message) }
    public static func stopIteration() -> PyException { PyException(BuiltinTypes.stopIteration) }
}

/// Builds the builtin exception hierarchy (CPython's names and parents).
enum ExceptionHierarchy {
    static func make() -> [String: PyClass] {
        var classes: [String: PyClass] = [:]
        let base = PyClass(name: "BaseException", bases: [BuiltinTypes.object])
        base.instanceFactory = { PyException($0) }
        base.dict["__init__"] = .object(PyBuiltinFunction(name: "__init__") { args in
            guard case .object(let o)? = args.positional.first, let e = o as? PyException else {
                throw PyException.typeError("descriptor '__init__' requires a 'BaseException' object")
            }
            e.args = Array(args.positional.dropFirst())
            return .none
        })
        base.dict["with_traceback"] = .object(PyBuiltinFunction(name: "with_traceback") { args in
            args.positional.first ?? .none
        })
        classes["BaseException"] = base
        let tree: [(String, String)] = [
            ("SystemExit", "BaseException"), ("KeyboardInterrupt", "BaseException"),
            ("GeneratorExit", "BaseException"), ("Exception", "BaseException"),
            ("ArithmeticError", "Exception"), ("FloatingPointError", "ArithmeticError"),
            ("OverflowError", "ArithmeticError"), ("ZeroDivisionError", "ArithmeticError"),
            ("AssertionError", "Exception"), ("AttributeError", "Exception"), ("BufferError", "Exception"),
            ("EOFError", "Exception"), ("ImportError", "Exception"), ("ModuleNotFoundError", "ImportError"),
            ("LookupError", "Exception"), ("IndexError", "LookupError"), ("KeyError", "LookupError"),
            ("MemoryError", "Exception"), ("NameError", "Exception"), ("UnboundLocalError", "NameError"),
            ("OSError", "Exception"), ("FileExistsError", "OSError"), ("FileNotFoundError", "OSError"),
            ("IsADirectoryError", "OSError"), ("NotADirectoryError", "OSError"), ("PermissionError", "OSError"),
            ("TimeoutError", "OSError"), ("ConnectionError", "OSError"),
            ("ReferenceError", "Exception"), ("RuntimeError", "Exception"),
            ("NotImplementedError", "RuntimeError"), ("RecursionError", "RuntimeError"),
            ("StopIteration", "Exception"), ("StopAsyncIteration", "Exception"),
            ("SyntaxError", "Exception"), ("IndentationError", "SyntaxError"), ("TabError", "IndentationError"),
            ("SystemError", "Exception"), ("TypeError", "Exception"), ("ValueError", "Exception"),
            ("UnicodeError", "ValueError"), ("UnicodeDecodeError", "UnicodeError"),
            ("UnicodeEncodeError", "UnicodeError"),
            ("Warning", "Exception"), ("UserWarning", "Warning"), ("DeprecationWarning", "Warning"),
            ("RuntimeWarning", "Warning"), ("FutureWarning", "Warning"),
        ]
        for (name, parent) in tree {
            guard let parentClass = classes[parent] else { continue }
            classes[name] = PyClass(name: name, bases: [parentClass])
        }
        for cls in classes.values { cls.isBuiltinType = true }
        return classes
    }
}

/// The `tb` passed to `__exit__` and read from `e.__traceback__`: an opaque object (the
/// lesson language keeps tracebacks inside the exception).
public final class PyTracebackObject: PyObject {
    override public var pyClass: PyClass { BuiltinTypes.traceback }
}
