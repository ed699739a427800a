// Execution frames and functions: a frame is a fixed array of slots (locals, cells,
// comprehension temporaries) resolved at compile time, so locals cost no dictionary lookup.

/// A closure cell shared between a function and the functions nested in it.
final class PyCell: PyObject {
    var value: Value?
    init(_ value: Value? = nil) { self.value = value }
    override var pyClass: PyClass { BuiltinTypes.cell }
}

/// How a statement finished.
enum Flow {
    case normal, breakLoop, continueLoop, returned
}

/// The activation record of a function call, module or class body.
///
/// The hot fields live in raw memory (not stored `var`s) so the call path pays neither
/// exclusivity checks nor reference counting for them.
public final class Frame {
    public let slots: UnsafeMutablePointer<Value?>
    public let slotCount: Int
    let code: CodeInfo
    private let header: UnsafeMutablePointer<FrameHeader>
    /// The class namespace while a class body runs.
    var classNamespace: PyDict?
    /// Set when the call raised, while an exit observer watches (which then resets it).
    var raised = false

    struct FrameHeader {
        var returnValue: Value
        /// Unretained: a frame only lives while its function's call runs.
        var function: Unmanaged<PyFunction>?
    }

    init(code: CodeInfo, function: PyFunction?) {
        self.code = code
        slotCount = code.slotCount
        slots = UnsafeMutablePointer<Value?>.allocate(capacity: max(1, slotCount))
        slots.initialize(repeating: nil, count: max(1, slotCount))
        header = UnsafeMutablePointer<FrameHeader>.allocate(capacity: 1)
        header.initialize(to: FrameHeader(returnValue: .none, function: function.map { .passUnretained($0) }))
    }

    /// The function running in this frame (for zero-argument `super()`).
    var function: PyFunction? {
        @inline(__always) get { header.pointee.function?.takeUnretainedValue() }
        @inline(__always) set { header.pointee.function = newValue.map { .passUnretained($0) } }
    }

    /// The value of the `return` that ended the body.
    var returnValue: Value {
        @inline(__always) get { header.pointee.returnValue }
        @inline(__always) set { header.pointee.returnValue = newValue }
    }

    /// Moves the return value out (leaving None) without reference counting.
    @inline(__always) func takeReturnValue() -> Value {
        var v = Value.none
        swap(&v, &header.pointee.returnValue)
        return v
    }

    @inline(__always) func setFunction(_ function: Unmanaged<PyFunction>?) { header.pointee.function = function }

    /// Clears the slots and return value so the frame can be reused.
    @inline(__always) func reset() {
        for i in 0..<slotCount { slots[i] = nil }
        header.pointee.returnValue = .none
        header.pointee.function = nil
    }

    deinit {
        slots.deinitialize(count: max(1, slotCount))
        slots.deallocate()
        header.deinitialize(count: 1)
        header.deallocate()
    }
}

/// What a frame needs to know about the code it runs.
public final class CodeInfo {
    public let name: String
    let filename: String
    let source: SourceFile
    let interpreter: Interpreter
    let globals: Globals
    public internal(set) var slotCount = 0
    var body: [StmtNode] = []
    /// A function's assigned locals in first-assignment order (see FrameInspection.swift).
    public internal(set) var assignedLocals: [(name: String, slot: Int)] = []

    init(name: String, source: SourceFile, interpreter: Interpreter, globals: Globals) {
        self.name = name
        self.filename = source.filename
        self.source = source
        self.interpreter = interpreter
        self.globals = globals
    }
}

/// A compiled `def` or `lambda`.
public final class FunctionCode {
    public let info: CodeInfo
    /// `__qualname__`, built from its chain of segments when asked for.
    var qualifiedName: String { qualifiedPath.description }
    let qualifiedPath: QualifiedName
    let positionalNames: [String]
    /// Every parameter name in order (`co_varnames` starts with them).
    let parameterNames: [String]
    let positionalCount: Int
    let positionalOnlyCount: Int
    let varArgsSlot: Int?
    let keywordOnlyNames: [String]
    let varKeywordsSlot: Int?
    /// Parameter slots whose value must be wrapped in a cell at entry.
    var cellParameterSlots: [Int] = []
    /// Slots of non-parameter locals captured by inner functions (fresh cell at entry).
    var cellSlots: [Int] = []
    /// Slots receiving the closure's cells, in closure order.
    var freeSlots: [Int] = []
    /// The names of the free variables, in closure order.
    var freeNames: [String] = []
    /// Lambdas evaluate a single expression.
    var expressionBody: ExprNode?
    /// The body's leading string literal (`__doc__`).
    var docString: String?
    /// The compiled body (also in `info.body`), and whether entry must create cells.
    var body: [StmtNode] = [] {
        didSet { bodyHead = linked(body).first.map(NodeRef.init) }
    }
    var bodyHead: NodeRef<StmtNode>?
    var needsCellSetup = false
    let isSimple: Bool
    let definitionRange: SourceRange
    /// The interpreter's depth/limit counters (see `Interpreter.counters`).
    let counters: UnsafeMutablePointer<Int>

    /// Frames of finished calls, reused by the next call (frames never outlive their call).
    let frames = FramePool()

    deinit { frames.drain() }

    /// The parameter list as written (inspect.signature reads names and kinds from it).
    let parameters: Parameters

    init(info: CodeInfo, qualifiedName: QualifiedName, parameters: Parameters, range: SourceRange) {
        self.info = info
        self.parameters = parameters
        self.qualifiedPath = qualifiedName
        positionalNames = parameters.positional.map(\.name)
        parameterNames = parameters.allNames
        positionalCount = parameters.positional.count
        positionalOnlyCount = parameters.positionalOnlyCount
        keywordOnlyNames = parameters.keywordOnly.map(\.name)
        var next = positionalNames.count
        if parameters.varArgs != nil {
            varArgsSlot = next
            next += 1
        } else {
            varArgsSlot = nil
        }
        next += keywordOnlyNames.count
        varKeywordsSlot = parameters.varKeywords != nil ? next : nil
        counters = info.interpreter.counters
        isSimple = parameters.varArgs == nil && parameters.varKeywords == nil && parameters.keywordOnly.isEmpty
        definitionRange = range
    }
}

/// Frames of finished calls of one code object, kept for the next call. Raw memory (not a
/// Swift array) so the hot call path has no exclusivity checks; copies share the pool.
struct FramePool {
    private let frames = UnsafeMutablePointer<Unmanaged<Frame>>.allocate(capacity: FramePool.capacity)
    private let count: UnsafeMutablePointer<Int> = {
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        p.pointee = 0
        return p
    }()
    static let capacity = 32

    /// A cleared frame, owned (+1) by the caller until `give`, or nil when the pool is empty.
    @inline(__always) func take() -> Unmanaged<Frame>? {
        let n = count.pointee
        if n == 0 { return nil }
        count.pointee = n - 1
        return frames[n - 1]
    }

    /// Clears `frame` and keeps it for the next call (or frees it when the pool is full).
    @inline(__always) func give(_ frame: Unmanaged<Frame>) {
        frame._withUnsafeGuaranteedRef { $0.reset() }
        let n = count.pointee
        if n < FramePool.capacity {
            frames[n] = frame
            count.pointee = n + 1
        } else {
            frame.release()
        }
    }

    /// Frees the pooled frames and the pool (when its code object goes away).
    func drain() {
        for i in 0..<count.pointee { frames[i].release() }
        frames.deallocate()
        count.deallocate()
    }
}

/// A Python function object.
public final class PyFunction: PyObject {
    let code: FunctionCode
    var defaults: [Value]
    var keywordDefaults: [String: Value]
    let closure: [PyCell]
    var attributes: [String: Value] = [:]
    /// The class whose body defined this function (for zero-argument `super()`). Strong on
    /// purpose: a weak reference would give every class a side table and slow all refcounting.
    var definingClass: PyClass?

    // Copied from `code` (complete once the function object exists) so calls read them
    // without loading, and reference counting, the code object.
    let frames: FramePool
    let isSimple: Bool
    let positionalCount: Int
    let counters: UnsafeMutablePointer<Int>
    let needsCellSetup: Bool
    let bodyHead: NodeRef<StmtNode>?
    let expressionBody: NodeRef<ExprNode>?

    init(code: FunctionCode, defaults: [Value], keywordDefaults: [String: Value], closure: [PyCell]) {
        self.code = code
        self.defaults = defaults
        self.keywordDefaults = keywordDefaults
        self.closure = closure
        frames = code.frames
        isSimple = code.isSimple
        positionalCount = code.positionalCount
        counters = code.counters
        needsCellSetup = code.needsCellSetup
        bodyHead = code.bodyHead
        expressionBody = code.expressionBody.map(NodeRef.init)
    }

    public var name: String { code.info.name }

    override public var pyClass: PyClass { BuiltinTypes.function }
    override public var isCallable: Bool { true }

    override public func repr() throws -> String {
        var name = code.qualifiedName
        if case .str(let q)? = attributes["__qualname__"] { name = q }
        return "<function \(name) at \(addressString)>"
    }

    override public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        // `functools.wraps` may rename a function: assigned names win over the code's.
        case "__name__": return attributes["__name__"] ?? .str(code.info.name)
        case "__qualname__": return attributes["__qualname__"] ?? .str(code.qualifiedName)
        case "__module__": return attributes["__module__"] ?? code.info.globals["__name__"] ?? Value.none
        case "__doc__": return attributes["__doc__"] ?? code.docString.map { .str($0) } ?? Value.none
        case "__dict__":
            let d = PyDict()
            for (k, v) in attributes where !k.hasPrefix("__") { try d.set(.str(k), v) }
            return .object(d)
        case "__annotations__":
            if let a = attributes["__annotations__"] { return a }
            let d = Value.object(PyDict())
            attributes["__annotations__"] = d
            return d
        case "__defaults__": return defaults.isEmpty ? Value.none : .tuple(defaults)
        default: return attributes[name]
        }
    }

    override public func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        attributes[name] = value
        return true
    }

    override public func call(_ arguments: Arguments) throws -> Value? {
        let pooled = frames.take() ?? newFrame()
        defer { frames.give(pooled) }
        return try pooled._withUnsafeGuaranteedRef { frame in
            frame.setFunction(.passUnretained(self))
            try bind(arguments, into: frame)
            return try run(frame)
        }
    }

    /// Calls with a call site's plain positional arguments, evaluated in `caller` straight
    /// into the new frame's slots (after `receiver`, a method's self, when given). The
    /// caller checked `isSimple` and the argument count; errors of the body get `range`.
    func callPlain(_ arguments: PlainArguments, receiver: Value?, in caller: Frame, range: SourceRange) throws -> Value {
        let pooled = frames.take() ?? newFrame()
        defer { frames.give(pooled) }
        return try pooled._withUnsafeGuaranteedRef { frame in
            frame.setFunction(.passUnretained(self))
            if let r = receiver {
                frame.slots[0] = r
                try arguments.eval(into: frame.slots + 1, caller)
            } else {
                try arguments.eval(into: frame.slots, caller)
            }
            do { return try run(frame) } catch { throw noted(error, range) }
        }
    }

    @inline(never) private func newFrame() -> Unmanaged<Frame> {
        .passRetained(Frame(code: code.info, function: nil))
    }

    /// Binds call arguments to parameter slots with CPython's error messages.
    func bind(_ arguments: Arguments, into frame: Frame) throws {
        let slots = frame.slots
        let positional = arguments.positional
        let names = code.positionalNames
        let nameText = code.qualifiedName
        if code.isSimple && arguments.keywords.isEmpty && positional.count == names.count {
            for i in 0..<positional.count { slots[i] = positional[i] }
            return
        }
        let count = min(positional.count, names.count)
        for i in 0..<count { slots[i] = positional[i] }
        let tooManyPositional = positional.count > names.count && code.varArgsSlot == nil
        if let v = code.varArgsSlot {
            slots[v] = .tuple(positional.count > names.count ? Array(positional[names.count...]) : [])
        }
        var extra: PyDict?
        if let v = code.varKeywordsSlot {
            let d = PyDict()
            extra = d
            slots[v] = .object(d)
        }
        var positionalOnlyPassed: [String] = []
        for (name, value) in arguments.keywords {
            if extra == nil, let i = names.firstIndex(of: name), i < code.positionalOnlyCount {
                positionalOnlyPassed.append(name)
            } else if let i = names.firstIndex(of: name), i >= code.positionalOnlyCount {
                if slots[i] != nil {
                    throw PyException.typeError("\(nameText)() got multiple values for argument '\(name)'")
                }
                slots[i] = value
            } else if let k = code.keywordOnlyNames.firstIndex(of: name) {
                let slot = names.count + (code.varArgsSlot != nil ? 1 : 0) + k
                if slots[slot] != nil {
                    throw PyException.typeError("\(nameText)() got multiple values for argument '\(name)'")
                }
                slots[slot] = value
            } else if let d = extra {
                try d.set(.str(name), value)
            } else {
                throw PyException.typeError("\(nameText)() got an unexpected keyword argument '\(name)'")
            }
        }
        if tooManyPositional {
            let required = names.count - defaults.count
            let takes = defaults.isEmpty ? "\(names.count)" : "from \(required) to \(names.count)"
            let plural = names.count == 1 && defaults.isEmpty ? "" : "s"
            let firstKeywordOnly = names.count + (code.varArgsSlot != nil ? 1 : 0)
            let keywordOnlyGiven = (0..<code.keywordOnlyNames.count).filter { slots[firstKeywordOnly + $0] != nil }.count
            let given = positional.count
            var givenText = "\(given)"
            if keywordOnlyGiven > 0 {
                givenText += " positional argument\(given == 1 ? "" : "s") (and \(keywordOnlyGiven) keyword-only argument\(keywordOnlyGiven == 1 ? "" : "s"))"
            }
            throw PyException.typeError("\(nameText)() takes \(takes) positional argument\(plural) but \(givenText) \(given == 1 && keywordOnlyGiven == 0 ? "was" : "were") given")
        }
        if !positionalOnlyPassed.isEmpty {
            throw PyException.typeError("\(nameText)() got some positional-only arguments passed as keyword arguments: '\(positionalOnlyPassed.joined(separator: ", "))'")
        }
        // Defaults and missing arguments.
        let firstDefault = names.count - defaults.count
        var missing: [String] = []
        for i in 0..<names.count where slots[i] == nil {
            if i >= firstDefault { slots[i] = defaults[i - firstDefault] } else { missing.append(names[i]) }
        }
        if !missing.isEmpty {
            throw PyException.typeError("\(nameText)() missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(listNames(missing))")
        }
        var missingKeywords: [String] = []
        for (k, name) in code.keywordOnlyNames.enumerated() {
            let slot = names.count + (code.varArgsSlot != nil ? 1 : 0) + k
            if slots[slot] == nil {
                if let d = keywordDefaults[name] { slots[slot] = d } else { missingKeywords.append(name) }
            }
        }
        if !missingKeywords.isEmpty {
            throw PyException.typeError("\(nameText)() missing \(missingKeywords.count) required keyword-only argument\(missingKeywords.count == 1 ? "" : "s"): \(listNames(missingKeywords))")
        }
    }

    private func listNames(_ names: [String]) -> String {
        let quoted = names.map { "'\($0)'" }
        if quoted.count == 1 { return quoted[0] }
        if quoted.count == 2 { return "\(quoted[0]) and \(quoted[1])" }
        return quoted.dropLast().joined(separator: ", ") + ", and " + quoted[quoted.count - 1]
    }

    /// Runs the body in a frame whose parameters are bound.
    func run(_ frame: Frame) throws -> Value {
        if Interpreter.interruptRequested { try checkInterrupt() }
        let counters = self.counters
        counters[0] += 1
        defer { counters[0] -= 1 }
        if counters[0] >= counters[1] {
            throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded")
        }
        if needsCellSetup { setUpCells(frame) }
        // Debugger hooks (trace, breakpoints) see the locals as the call ends. After a
        // return they run here, so that `abort` at a breakpoint stops the call at once.
        var returned = false
        defer { if !returned, let observer = FunctionCode.exitObserver { observer(code, frame) } }
        do {
            let value = try runBody(frame)
            returned = true
            if let observer = FunctionCode.exitObserver {
                observer(code, frame)
                if Interpreter.interruptRequested { try checkInterrupt() }
            }
            return value
        } catch let e as PyException {
            e.leaveFrame(filename: code.info.filename, functionName: code.info.name, source: code.info.source)
            if FunctionCode.exitObserver != nil { frame.raised = true }
            throw e
        }
    }

    private func runBody(_ frame: Frame) throws -> Value {
        if let e = expressionBody { return try e.eval(frame) }
        var current = bodyHead
        while let s = current {
            if try s.exec(frame) == .returned { return frame.takeReturnValue() }
            current = s.next
        }
        return .none
    }

    /// Wraps captured parameters in cells, makes fresh cells and installs the closure's.
    private func setUpCells(_ frame: Frame) {
        let slots = frame.slots
        for s in code.cellParameterSlots { slots[s] = .object(PyCell(slots[s])) }
        for s in code.cellSlots { slots[s] = .object(PyCell()) }
        for (i, s) in code.freeSlots.enumerated() { slots[s] = .object(closure[i]) }
    }
}

/// Raises KeyboardInterrupt if Ctrl-C was pressed (the flag is set by the shell's signal handler).
func checkInterrupt() throws {
    if Interpreter.interruptRequested {
        Interpreter.interruptRequested = false
        throw PyException(BuiltinTypes.keyboardInterrupt)
    }
}
