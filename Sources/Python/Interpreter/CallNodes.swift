// Executable call nodes: argument evaluation, the direct-to-frame fast paths for plain
// calls and method calls, zero-argument super(), and function creation.

/// A call argument: positional, `*iterable`, `name=value` or `**mapping`.
enum CallArgument {
    case positional(ExprNode)
    case starred(ExprNode)
    case keyword(String, ExprNode)
    case doubleStarred(ExprNode)
}

/// How CPython names a callable in argument errors (`__main__.f()`, `print()`, `list.append()`).
func callableDescription(_ callee: Value) -> String {
    guard case .object(let o) = callee else { return "\(callee.typeName) object" }
    if let fn = o as? PyFunction {
        if case .str(let module)? = fn.code.info.globals["__name__"], module != "builtins" {
            return "\(module).\(fn.code.qualifiedName)()"
        }
        return "\(fn.code.qualifiedName)()"
    }
    if let m = o as? PyBoundMethod { return callableDescription(m.function) }
    if let b = o as? PyBuiltinFunction { return b.ownerName.map { "\($0).\(b.name)()" } ?? "\(b.name)()" }
    if let c = o as? PyClass { return "\(c.qualifiedName)()" }
    return "\(o.pyClass.qualifiedName) object"
}

/// Evaluates call arguments, unpacking `*iterable` and `**mapping` (`callee` names the
/// function in CPython's messages for bad unpacking).
func evalArguments(_ arguments: [CallArgument], _ f: Frame, prefix: Value? = nil,
                   callee: @autoclosure () -> String = "function") throws -> Arguments {
    if arguments.isEmpty { return Arguments(prefix.map { [$0] } ?? [], []) }
    var positional: [Value] = []
    positional.reserveCapacity(arguments.count + 1)
    if let p = prefix { positional.append(p) }
    var keywords: [(String, Value)] = []
    for a in arguments {
        switch a {
        case .positional(let n): positional.append(try n.eval(f))
        case .starred(let n):
            let v = try n.eval(f)
            do { positional.append(contentsOf: try iterateToArray(v)) } catch {
                if let e = error as? PyException, e.cls === BuiltinTypes.typeError {
                    throw noted(PyException.typeError("\(callee()) argument after * must be an iterable, not \(v.typeName)"), n.range)
                }
                throw noted(error, n.range)
            }
        case .keyword(let name, let n):
            let v = try n.eval(f)
            if keywords.contains(where: { $0.0 == name }) {
                throw noted(PyException(BuiltinTypes.syntaxError, "keyword argument repeated: \(name)"), n.range)
            }
            keywords.append((name, v))
        case .doubleStarred(let n):
            let v = try n.eval(f)
            var entries: [(Value, Value)] = []
            if case .object(let o) = v, let d = o as? PyDict {
                entries = d.entries.map { ($0.0, $0.1) }
            } else if let keysMethod = try lookupAttribute(v, "keys") {
                do {
                    for k in try iterateToArray(try callValue(keysMethod, Arguments([]))) {
                        entries.append((k, try getItem(v, k)))
                    }
                } catch { throw noted(error, n.range) }
            } else {
                throw noted(PyException.typeError("\(callee()) argument after ** must be a mapping, not \(v.typeName)"), n.range)
            }
            for (k, value) in entries {
                guard case .str(let key) = k else {
                    throw noted(PyException.typeError("keywords must be strings"), n.range)
                }
                if keywords.contains(where: { $0.0 == key }) {
                    throw noted(PyException.typeError("\(callee()) got multiple values for keyword argument '\(key)'"), n.range)
                }
                keywords.append((key, value))
            }
        }
    }
    return Arguments(positional, keywords)
}

/// The arguments of a call made only of plain positional arguments, readable without
/// reference counting (the first three) so calls can fill the callee's frame directly.
struct PlainArguments {
    let nodes: [ExprNode]?
    /// How many plain positional arguments (-1 when the call has other kinds).
    let count: Int
    let argument0: NodeRef<ExprNode>?
    let argument1: NodeRef<ExprNode>?
    let argument2: NodeRef<ExprNode>?

    init(_ arguments: [CallArgument]) {
        var plain: [ExprNode] = []
        for a in arguments {
            if case .positional(let n) = a { plain.append(n) } else { plain = []; break }
        }
        let isPlain = plain.count == arguments.count
        nodes = isPlain ? plain : nil
        count = isPlain ? plain.count : -1
        argument0 = plain.count > 0 ? NodeRef(plain[0]) : nil
        argument1 = plain.count > 1 ? NodeRef(plain[1]) : nil
        argument2 = plain.count > 2 ? NodeRef(plain[2]) : nil
    }

    /// Evaluates the arguments into `slots[0..<count]`.
    @inline(__always) func eval(into slots: UnsafeMutablePointer<Value?>, _ f: Frame) throws {
        switch count {
        case 0: break
        case 1: if let a = argument0 { slots[0] = try a.eval(f) }
        case 2:
            if let a = argument0, let b = argument1 {
                slots[0] = try a.eval(f)
                slots[1] = try b.eval(f)
            }
        case 3:
            if let a = argument0, let b = argument1, let c = argument2 {
                slots[0] = try a.eval(f)
                slots[1] = try b.eval(f)
                slots[2] = try c.eval(f)
            }
        default:
            if let nodes = nodes { for i in 0..<nodes.count { slots[i] = try nodes[i].eval(f) } }
        }
    }
}

final class CallNode: ExprNode {
    let functionNode: ExprNode
    let function: NodeRef<ExprNode>
    let arguments: [CallArgument]
    let plain: PlainArguments
    var simpleCount: Int { plain.count }

    init(_ function: ExprNode, _ arguments: [CallArgument], _ range: SourceRange) {
        self.functionNode = function
        self.function = NodeRef(function)
        self.arguments = arguments
        plain = PlainArguments(arguments)
        super.init(range)
    }

    override func eval(_ f: Frame) throws -> Value {
        let callee = try function.eval(f)
        let simpleCount = plain.count
        if simpleCount >= 0, let object = callee.unretainedObject {
            // A Python function: borrow it (the callee value keeps it alive) and fill its frame.
            if object._withUnsafeGuaranteedRef({ $0 is PyFunction }) {
                let result: Value? = try withExtendedLifetime(callee) {
                    try Unmanaged<PyFunction>.fromOpaque(object.toOpaque())._withUnsafeGuaranteedRef { fn in
                        guard fn.isSimple, fn.positionalCount == simpleCount else { return nil }
                        return try fn.callPlain(plain, receiver: nil, in: f, range: range)
                    }
                }
                if let result { return result }
            }
        }
        if simpleCount >= 0, case .object(let o) = callee {
            if let cls = o as? PyClass, let initializer = cls.simpleInit, initializer.isSimple,
                      initializer.positionalCount == simpleCount + 1 {
                let instance = Value.object(PyInstance(cls: cls))
                let result = try initializer.callPlain(plain, receiver: instance, in: f, range: range)
                if !result.isNone {
                    throw noted(PyException.typeError("__init__() should return None, not '\(result.typeName)'"), range)
                }
                return instance
            }
        }
        let args = try evalArguments(arguments, f, callee: callableDescription(callee))
        noteCallSite(callee, f, range)
        do { return try callValue(callee, args) } catch { throw noted(error, range) }
    }
}

/// Records the call's location for builtins that report it (warnings.warn); slow call paths only.
@inline(__always) func noteCallSite(_ callee: Value, _ f: Frame, _ range: SourceRange) {
    if case .object(let o) = callee, let b = o as? PyBuiltinFunction, b.recordsCallSite {
        f.code.interpreter.callSite = (f.code.source, range)
    }
}

/// `receiver.name(args)` without materializing a bound method when possible.
final class MethodCallNode: ExprNode {
    let receiverNode: ExprNode
    let receiver: NodeRef<ExprNode>
    let name: String
    let arguments: [CallArgument]
    let plain: PlainArguments
    let nameRange: SourceRange
    let nameBit: UInt64
    let isListAppend: Bool
    @exclusivity(unchecked) private var cachedClass: PyClass?
    @exclusivity(unchecked) private var cachedMethod: PyBuiltinFunction?
    /// Method resolution cache for instances of user classes.
    @exclusivity(unchecked) private var cachedInstanceClass: PyClass?
    @exclusivity(unchecked) private var cachedGeneration = -1
    @exclusivity(unchecked) private var cachedFunction: PyFunction?
    /// Module function cache (`random.random()`, `math.sqrt(x)`): the module and the slot of
    /// its global `name`, so repeated calls skip the hashed lookup.
    @exclusivity(unchecked) private var cachedModule: PyModule?
    @exclusivity(unchecked) private var cachedModuleSlot: GlobalSlot?

    init(_ receiver: ExprNode, _ name: String, _ arguments: [CallArgument], _ range: SourceRange, nameRange: SourceRange) {
        self.receiverNode = receiver
        self.receiver = NodeRef(receiver)
        self.name = name
        self.arguments = arguments
        self.nameRange = nameRange
        nameBit = InstanceAttributes.bit(for: name)
        plain = PlainArguments(arguments)
        isListAppend = name == "append" && plain.count == 1
        super.init(range)
    }

    override func eval(_ f: Frame) throws -> Value {
        let target = try receiver.eval(f)
        if case .object(let o) = target {
            // `items.append(x)` on a list (builtin types cannot be subclassed or patched).
            if isListAppend, let list = o as? PyList, let argument = plain.argument0 {
                let v = try argument.eval(f)
                list.items.append(v)
                return .none
            }
            if let instance = o as? PyInstance {
                let cls = instance.cls
                var resolved: PyFunction?
                if cls === cachedInstanceClass && cachedGeneration == PyClass.cacheGeneration {
                    resolved = cachedFunction
                } else {
                    if case .object(let m)? = cls.lookup(name) { resolved = m as? PyFunction }
                    cachedInstanceClass = cls
                    cachedGeneration = PyClass.cacheGeneration
                    cachedFunction = resolved
                }
                if let fn = resolved, !cls.hasDataDescriptors,
                   instance.attributeIndex(of: name, bit: nameBit, hint: Int.max) == nil {
                    if plain.count >= 0, fn.isSimple, fn.positionalCount == plain.count + 1 {
                        return try fn.callPlain(plain, receiver: target, in: f, range: range)
                    }
                    let args = try evalArguments(arguments, f, prefix: target, callee: callableDescription(.object(fn)))
                    do { return try fn.call(args) ?? .none } catch { throw noted(error, range) }
                }
            } else if o.pyClass === cachedClass, let method = cachedMethod {
                let args = try evalArguments(arguments, f, prefix: target, callee: callableDescription(.object(method)))
                do { return try method.body(args) } catch { throw noted(error, range) }
            } else if o.pyClass.isBuiltinType || o.pyClass.hasFixedMethods, !(o is PyClass), !(o is PyModule),
                      (try? o.getAttribute(name)) == nil,
                      case .object(let m)? = o.pyClass.lookup(name), let method = m as? PyBuiltinFunction {
                cachedClass = o.pyClass
                cachedMethod = method
                let args = try evalArguments(arguments, f, prefix: target, callee: callableDescription(.object(method)))
                do { return try method.body(args) } catch { throw noted(error, range) }
            }
        } else {
            let cls = target.pyClass
            if case .object(let m)? = cls.lookup(name), let method = m as? PyBuiltinFunction {
                let args = try evalArguments(arguments, f, prefix: target, callee: callableDescription(.object(method)))
                do { return try method.body(args) } catch { throw noted(error, range) }
            }
        }
        let callee: Value
        if case .object(let o) = target, let module = o as? PyModule, let value = moduleAttribute(module) {
            callee = value
        } else {
            do { callee = try getAttribute(target, name) } catch { throw noted(error, receiver.range.to(nameRange)) }
        }
        if plain.count >= 0, case .object(let o) = callee, let fn = o as? PyFunction,
           fn.isSimple, fn.positionalCount == plain.count {
            return try fn.callPlain(plain, receiver: nil, in: f, range: range)
        }
        let args = try evalArguments(arguments, f, callee: callableDescription(callee))
        noteCallSite(callee, f, range)
        do { return try callValue(callee, args) } catch { throw noted(error, range) }
    }
}

extension MethodCallNode {
    /// The module's global `name` through the cached slot; nil when unbound.
    @inline(__always) private func moduleAttribute(_ module: PyModule) -> Value? {
        if module !== cachedModule {
            cachedModule = module
            cachedModuleSlot = module.globals.slot(name)
        }
        return cachedModuleSlot?.value
    }
}

/// Zero-argument `super()` inside a method.
final class SuperNode: ExprNode {
    let receiverSlot: Int?
    init(receiverSlot: Int?, _ range: SourceRange) {
        self.receiverSlot = receiverSlot
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        guard let cls = f.function?.definingClass else {
            throw noted(PyException.runtimeError("super(): __class__ cell not found"), range)
        }
        guard let slot = receiverSlot, var receiver = f.slots[slot] else {
            throw noted(PyException.runtimeError("super(): no arguments"), range)
        }
        if case .object(let o) = receiver, let cell = o as? PyCell, let v = cell.value { receiver = v }
        return .object(PySuper(start: cls, receiver: receiver))
    }
}

/// Creates a function object (for `def` and `lambda`).
final class MakeFunctionNode: ExprNode {
    let code: FunctionCode
    let defaults: [ExprNode]
    let keywordDefaults: [(String, ExprNode)]
    /// Slots in the defining frame holding the cells to close over.
    let closureSlots: [Int]
    /// `def f(x: int) -> str`: evaluated when the function is made (`__annotations__`).
    var annotations: [(String, ExprNode)] = []
    init(_ code: FunctionCode, defaults: [ExprNode], keywordDefaults: [(String, ExprNode)], closureSlots: [Int], _ range: SourceRange) {
        self.code = code
        self.defaults = defaults
        self.keywordDefaults = keywordDefaults
        self.closureSlots = closureSlots
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        var kw: [String: Value] = [:]
        for (name, node) in keywordDefaults { kw[name] = try node.eval(f) }
        let cells: [PyCell] = closureSlots.map { slot in
            if case .object(let o)? = f.slots[slot], let cell = o as? PyCell { return cell }
            return PyCell()
        }
        let function = PyFunction(code: code, defaults: try defaults.map { try $0.eval(f) }, keywordDefaults: kw, closure: cells)
        if !annotations.isEmpty {
            let d = PyDict()
            for (name, node) in annotations { try d.set(.str(name), try node.eval(f)) }
            function.attributes["__annotations__"] = .object(d)
        }
        return .object(function)
    }
}

/// An unretained reference to a node owned elsewhere (by its parent's strong property or
/// block array). Calls through it skip reference counting, which dominates tree-walking
/// cost in Swift otherwise.
struct NodeRef<Node: AnyObject> {
    let raw: Unmanaged<Node>
    init(_ node: Node) { raw = .passUnretained(node) }
}

extension NodeRef where Node == ExprNode {
    @inline(__always) func eval(_ f: Frame) throws -> Value {
        try raw._withUnsafeGuaranteedRef { try $0.eval(f) }
    }
    var range: SourceRange { raw._withUnsafeGuaranteedRef { $0.range } }
}

extension NodeRef where Node == StmtNode {
    @inline(__always) func exec(_ f: Frame) throws -> Flow {
        try raw._withUnsafeGuaranteedRef { try $0.exec(f) }
    }
    var range: SourceRange { raw._withUnsafeGuaranteedRef { $0.range } }
    var next: NodeRef<StmtNode>? { raw._withUnsafeGuaranteedRef { $0.next } }
}
