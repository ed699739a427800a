// Executable expression nodes: the compiled form of the AST. Each node evaluates itself
// against a frame; names are pre-resolved to slots, cells or global slots.

/// Converts any error to a Python exception and records `range` as the failing expression.
@inline(__always) func noted(_ error: Error, _ range: SourceRange, anchored: Bool = false) -> Error {
    let e = (error as? PyException) ?? ErrorConversion.convert(error)
    e.note(range, anchored: anchored)
    return e
}

/// Conversion of Swift errors (e.g. the tensor library's) into Python exceptions.
public enum ErrorConversion {
    nonisolated(unsafe) static var converters: [(Error) -> PyException?] = []

    /// Registers a converter, tried in order before the default (RuntimeError with the
    /// error's description). Call once at startup, before scripts run.
    public static func register(_ converter: @escaping (Error) -> PyException?) {
        converters.append(converter)
    }

    public static func convert(_ error: Error) -> PyException {
        if let e = error as? PyException { return e }
        for c in converters { if let e = c(error) { return e } }
        if let s = error as? ScriptSyntaxError {
            return PyException(BuiltinTypes.exception(s.kind), s.message)
        }
        return PyException.runtimeError(String(describing: error))
    }
}

class ExprNode {
    let range: SourceRange
    init(_ range: SourceRange) { self.range = range }
    func eval(_ f: Frame) throws -> Value {
        throw PyException(BuiltinTypes.exception("SystemError"), "unevaluable node")
    }
}

final class ConstantNode: ExprNode {
    let value: Value
    init(_ value: Value, _ range: SourceRange) {
        self.value = value
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value { value }
}

final class LocalLoad: ExprNode {
    let slot: Int
    let name: String
    init(_ slot: Int, _ name: String, _ range: SourceRange) {
        self.slot = slot
        self.name = name
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        if let v = f.slots[slot] { return v }
        let e = PyException(BuiltinTypes.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
        e.note(range)
        throw e
    }
}

final class CellLoad: ExprNode {
    let slot: Int
    let name: String
    let isFree: Bool
    init(_ slot: Int, _ name: String, isFree: Bool, _ range: SourceRange) {
        self.slot = slot
        self.name = name
        self.isFree = isFree
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        if case .object(let o)? = f.slots[slot], let cell = o as? PyCell, let v = cell.value { return v }
        let e = isFree
            ? PyException(BuiltinTypes.nameError, "cannot access free variable '\(name)' where it is not associated with a value in enclosing scope")
            : PyException(BuiltinTypes.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value")
        e.note(range)
        throw e
    }
}

final class GlobalLoad: ExprNode {
    let slot: GlobalSlot
    let builtin: GlobalSlot
    init(_ slot: GlobalSlot, _ builtin: GlobalSlot, _ range: SourceRange) {
        self.slot = slot
        self.builtin = builtin
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        if let v = slot.value { return v }
        if let v = builtin.value { return v }
        let e = PyException.nameError(slot.name)
        e.note(range)
        throw e
    }
}

/// A name read in a class body: the class namespace first, then the enclosing resolution.
final class ClassLoad: ExprNode {
    let name: String
    let fallback: ExprNode
    init(_ name: String, fallback: ExprNode, _ range: SourceRange) {
        self.name = name
        self.fallback = fallback
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        if let ns = f.classNamespace, let v = ns.storage.get(try HashKey(.str(name))) { return v }
        return try fallback.eval(f)
    }
}

final class UnaryNode: ExprNode {
    let op: UnaryOperator
    let operandNode: ExprNode
    let operand: NodeRef<ExprNode>
    init(_ op: UnaryOperator, _ operand: ExprNode, _ range: SourceRange) {
        self.op = op
        self.operandNode = operand
        self.operand = NodeRef(operand)
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let v = try operand.eval(f)
        if op == .not { return .bool(!(try isTruthy(v))) }
        do { return try unaryOp(op, v) } catch { throw noted(error, range) }
    }
}

final class BinaryNode: ExprNode {
    let op: BinaryOperator
    let leftNode: ExprNode
    let left: NodeRef<ExprNode>
    let rightNode: ExprNode
    let right: NodeRef<ExprNode>
    init(_ op: BinaryOperator, _ left: ExprNode, _ right: ExprNode, _ range: SourceRange) {
        self.op = op
        self.leftNode = left
        self.left = NodeRef(left)
        self.rightNode = right
        self.right = NodeRef(right)
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let a = try left.eval(f)
        let b = try right.eval(f)
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case .add:
                let (r, o) = x.addingReportingOverflow(y)
                if !o { return .int(r) }
            case .subtract:
                let (r, o) = x.subtractingReportingOverflow(y)
                if !o { return .int(r) }
            case .multiply:
                let (r, o) = x.multipliedReportingOverflow(by: y)
                if !o { return .int(r) }
            default: break
            }
        } else if case .float(let x) = a, case .float(let y) = b {
            switch op {
            case .add: return .float(x + y)
            case .subtract: return .float(x - y)
            case .multiply: return .float(x * y)
            default: break
            }
        }
        do { return try binaryOp(op, a, b) } catch { throw noted(error, range, anchored: true) }
    }
}

final class BooleanNode: ExprNode {
    let isAnd: Bool
    let operands: [ExprNode]
    init(isAnd: Bool, _ operands: [ExprNode], _ range: SourceRange) {
        self.isAnd = isAnd
        self.operands = operands
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        var v = Value.none
        for (i, operand) in operands.enumerated() {
            v = try operand.eval(f)
            if i == operands.count - 1 { break }
            let truth: Bool
            do { truth = try isTruthy(v) } catch { throw noted(error, range) }
            if truth != isAnd { return v }
        }
        return v
    }
}

final class CompareNode: ExprNode {
    let firstNode: ExprNode
    let first: NodeRef<ExprNode>
    let ops: [CompareOperator]
    let rest: [ExprNode]
    /// The single-comparison case (`a < b`), read without reference counting.
    let singleOp: CompareOperator?
    let singleRight: NodeRef<ExprNode>?
    init(_ first: ExprNode, _ ops: [CompareOperator], _ rest: [ExprNode], _ range: SourceRange) {
        singleOp = ops.count == 1 ? ops[0] : nil
        singleRight = ops.count == 1 ? NodeRef(rest[0]) : nil
        self.firstNode = first
        self.first = NodeRef(first)
        self.ops = ops
        self.rest = rest
        super.init(range)
    }
    @inline(__always) func compare(_ a: Value, _ op: CompareOperator, _ b: Value) throws -> Value {
        if case .int(let x) = a, case .int(let y) = b {
            switch op {
            case .less: return .bool(x < y)
            case .lessEqual: return .bool(x <= y)
            case .greater: return .bool(x > y)
            case .greaterEqual: return .bool(x >= y)
            case .equal: return .bool(x == y)
            case .notEqual: return .bool(x != y)
            default: break
            }
        }
        do { return try compareValues(a, op, b) } catch { throw noted(error, range) }
    }
    override func eval(_ f: Frame) throws -> Value {
        var a = try first.eval(f)
        if let op = singleOp, let right = singleRight { return try compare(a, op, try right.eval(f)) }
        var result = Value.true
        for i in 0..<ops.count {
            let b = try rest[i].eval(f)
            result = try compare(a, ops[i], b)
            do {
                if !(try isTruthy(result)) { return result }
            } catch { throw noted(error, range) }
            a = b
        }
        return result
    }
}

final class ConditionalNode: ExprNode {
    let test: ExprNode, body: ExprNode, orElse: ExprNode
    init(_ test: ExprNode, _ body: ExprNode, _ orElse: ExprNode, _ range: SourceRange) {
        self.test = test
        self.body = body
        self.orElse = orElse
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let t = try test.eval(f)
        let truth: Bool
        do { truth = try isTruthy(t) } catch { throw noted(error, test.range) }
        return try truth ? body.eval(f) : orElse.eval(f)
    }
}

final class AttributeNode: ExprNode {
    let objectNode: ExprNode
    let object: NodeRef<ExprNode>
    let name: String
    init(_ object: ExprNode, _ name: String, _ range: SourceRange) {
        self.objectNode = object
        self.object = NodeRef(object)
        self.name = name
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let o = try object.eval(f)
        do { return try getAttribute(o, name) } catch { throw noted(error, range) }
    }
}

final class SubscriptNode: ExprNode {
    let objectNode: ExprNode
    let object: NodeRef<ExprNode>
    let keyNode: ExprNode
    let key: NodeRef<ExprNode>
    init(_ object: ExprNode, _ key: ExprNode, _ range: SourceRange) {
        self.objectNode = object
        self.object = NodeRef(object)
        self.keyNode = key
        self.key = NodeRef(key)
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let o = try object.eval(f)
        let k = try key.eval(f)
        if case .object(let obj) = o, case .int(let i) = k, let list = obj as? PyList, i >= 0, i < list.items.count {
            return list.items[i]
        }
        do { return try getItem(o, k) } catch { throw noted(error, range, anchored: true) }
    }
}

final class SliceNode: ExprNode {
    let lower: ExprNode?, upper: ExprNode?, step: ExprNode?
    init(_ lower: ExprNode?, _ upper: ExprNode?, _ step: ExprNode?, _ range: SourceRange) {
        self.lower = lower
        self.upper = upper
        self.step = step
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        .object(PySlice(start: try lower?.eval(f) ?? .none, stop: try upper?.eval(f) ?? .none, step: try step?.eval(f) ?? .none))
    }
}

/// A display element: a value or a `*iterable` to splice in.
struct Element {
    let node: ExprNode
    let starred: Bool
}

func evalElements(_ elements: [Element], _ f: Frame) throws -> [Value] {
    var out: [Value] = []
    out.reserveCapacity(elements.count)
    for e in elements {
        if e.starred {
            let v = try e.node.eval(f)
            do { out.append(contentsOf: try iterateToArray(v)) } catch { throw noted(error, e.node.range) }
        } else {
            out.append(try e.node.eval(f))
        }
    }
    return out
}

final class TupleNode: ExprNode {
    let elements: [Element]
    init(_ elements: [Element], _ range: SourceRange) {
        self.elements = elements
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value { .tuple(try evalElements(elements, f)) }
}

final class ListNode: ExprNode {
    let elements: [Element]
    init(_ elements: [Element], _ range: SourceRange) {
        self.elements = elements
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value { .list(try evalElements(elements, f)) }
}

final class SetNode: ExprNode {
    let elements: [Element]
    init(_ elements: [Element], _ range: SourceRange) {
        self.elements = elements
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let s = PySet()
        for v in try evalElements(elements, f) {
            do { try s.add(v) } catch { throw noted(error, range) }
        }
        return .object(s)
    }
}

final class DictNode: ExprNode {
    let keys: [ExprNode?]
    let values: [ExprNode]
    init(_ keys: [ExprNode?], _ values: [ExprNode], _ range: SourceRange) {
        self.keys = keys
        self.values = values
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let d = PyDict()
        for i in 0..<values.count {
            if let k = keys[i] {
                let key = try k.eval(f)
                let value = try values[i].eval(f)
                do { try d.set(key, value) } catch { throw noted(error, k.range) }
            } else {
                let other = try values[i].eval(f)
                guard case .object(let o) = other, let od = o as? PyDict else {
                    throw noted(PyException.typeError("'\(other.typeName)' object is not a mapping"), values[i].range)
                }
                for (k, v) in od.entries { try d.set(k, v) }
            }
        }
        return .object(d)
    }
}

/// An f-string: literal pieces and formatted fields.
final class FormattedStringNode: ExprNode {
    enum Piece {
        case literal(String)
        case field(ExprNode, conversion: Character?, spec: FormattedStringNode?, debug: String?)
    }
    let pieces: [Piece]
    init(_ pieces: [Piece], _ range: SourceRange) {
        self.pieces = pieces
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let s): out += s
            case .field(let node, let conversion, let spec, let debug):
                if let d = debug { out += d }
                var v = try node.eval(f)
                do {
                    switch conversion {
                    case "r": v = .str(try repr(v))
                    case "s": v = .str(try str(v))
                    case "a": v = .str(try repr(v))
                    default: break
                    }
                    var specText = ""
                    if let s = spec, case .str(let text) = try s.eval(f) { specText = text }
                    if case .str(let s) = v, specText.isEmpty { out += s } else { out += try formatValue(v, specText) }
                } catch { throw noted(error, node.range) }
            }
        }
        return .str(out)
    }
}

/// A call argument: positional, `*iterable`, `name=value` or `**mapping`.
enum CallArgument {
    case positional(ExprNode)
    case starred(ExprNode)
    case keyword(String, ExprNode)
    case doubleStarred(ExprNode)
}

func evalArguments(_ arguments: [CallArgument], _ f: Frame, prefix: Value? = nil) throws -> Arguments {
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
                    throw noted(PyException.typeError("Value after * must be an iterable, not \(v.typeName)"), n.range)
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
            guard case .object(let o) = v, let d = o as? PyDict else {
                throw noted(PyException.typeError("argument after ** must be a mapping, not \(v.typeName)"), n.range)
            }
            for (k, value) in d.entries {
                guard case .str(let key) = k else { throw noted(PyException.typeError("keywords must be strings"), n.range) }
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
        if simpleCount >= 0, case .object(let o) = callee {
            if let fn = o as? PyFunction {
                let code = fn.code
                if code.isSimple, code.positionalCount == simpleCount {
                    let frame = code.acquireFrame(fn)
                    defer { code.releaseFrame(frame) }
                    try plain.eval(into: frame.slots, f)
                    do { return try fn.run(frame) } catch { throw noted(error, range) }
                }
            } else if let cls = o as? PyClass, let initializer = cls.simpleInit, initializer.code.isSimple,
                      initializer.code.positionalCount == simpleCount + 1 {
                let instance = Value.object(PyInstance(cls: cls))
                let frame = initializer.code.acquireFrame(initializer)
                defer { initializer.code.releaseFrame(frame) }
                frame.slots[0] = instance
                try plain.eval(into: frame.slots + 1, f)
                let result: Value
                do { result = try initializer.run(frame) } catch { throw noted(error, range) }
                if !result.isNone {
                    throw noted(PyException.typeError("__init__() should return None, not '\(result.typeName)'"), range)
                }
                return instance
            }
        }
        let args = try evalArguments(arguments, f)
        do { return try callValue(callee, args) } catch { throw noted(error, range) }
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
    private var cachedClass: PyClass?
    private var cachedMethod: PyBuiltinFunction?
    /// Method resolution cache for instances of user classes.
    private var cachedInstanceClass: PyClass?
    private var cachedGeneration = -1
    private var cachedFunction: PyFunction?

    init(_ receiver: ExprNode, _ name: String, _ arguments: [CallArgument], _ range: SourceRange, nameRange: SourceRange) {
        self.receiverNode = receiver
        self.receiver = NodeRef(receiver)
        self.name = name
        self.arguments = arguments
        self.nameRange = nameRange
        plain = PlainArguments(arguments)
        super.init(range)
    }

    override func eval(_ f: Frame) throws -> Value {
        let target = try receiver.eval(f)
        if case .object(let o) = target {
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
                if let fn = resolved, !cls.hasDataDescriptors, instance.attributes[name] == nil {
                    let code = fn.code
                    if plain.count >= 0, code.isSimple, code.positionalCount == plain.count + 1 {
                        let frame = code.acquireFrame(fn)
                        defer { code.releaseFrame(frame) }
                        frame.slots[0] = target
                        try plain.eval(into: frame.slots + 1, f)
                        do { return try fn.run(frame) } catch { throw noted(error, range) }
                    }
                    let args = try evalArguments(arguments, f, prefix: target)
                    do { return try fn.call(args) ?? .none } catch { throw noted(error, range) }
                }
            } else if o.pyClass === cachedClass, let method = cachedMethod {
                let args = try evalArguments(arguments, f, prefix: target)
                do { return try method.body(args) } catch { throw noted(error, range) }
            } else if o.pyClass.isBuiltinType, !(o is PyClass), !(o is PyModule),
                      (try? o.getAttribute(name)) == nil,
                      case .object(let m)? = o.pyClass.lookup(name), let method = m as? PyBuiltinFunction {
                cachedClass = o.pyClass
                cachedMethod = method
                let args = try evalArguments(arguments, f, prefix: target)
                do { return try method.body(args) } catch { throw noted(error, range) }
            }
        } else {
            let cls = target.pyClass
            if case .object(let m)? = cls.lookup(name), let method = m as? PyBuiltinFunction {
                let args = try evalArguments(arguments, f, prefix: target)
                do { return try method.body(args) } catch { throw noted(error, range) }
            }
        }
        let callee: Value
        do { callee = try getAttribute(target, name) } catch { throw noted(error, receiver.range.to(nameRange)) }
        if plain.count >= 0, case .object(let o) = callee, let fn = o as? PyFunction,
           fn.code.isSimple, fn.code.positionalCount == plain.count {
            let frame = fn.code.acquireFrame(fn)
            defer { fn.code.releaseFrame(frame) }
            try plain.eval(into: frame.slots, f)
            do { return try fn.run(frame) } catch { throw noted(error, range) }
        }
        let args = try evalArguments(arguments, f)
        do { return try callValue(callee, args) } catch { throw noted(error, range) }
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
        return .object(PyFunction(code: code, defaults: try defaults.map { try $0.eval(f) }, keywordDefaults: kw, closure: cells))
    }
}

/// A list/set/dict comprehension or generator expression, run inline in the frame.
final class ComprehensionNode: ExprNode {
    struct Clause {
        let target: TargetNode
        let iterable: ExprNode
        let conditions: [ExprNode]
    }
    let kind: ComprehensionKind
    let clauses: [Clause]
    let element: ExprNode
    let value: ExprNode?
    /// Slots of comprehension variables captured by lambdas (fresh cells per run).
    let cellSlots: [Int]

    init(_ kind: ComprehensionKind, _ clauses: [Clause], element: ExprNode, value: ExprNode?, cellSlots: [Int], _ range: SourceRange) {
        self.kind = kind
        self.clauses = clauses
        self.element = element
        self.value = value
        self.cellSlots = cellSlots
        super.init(range)
    }

    /// For a generator expression passed as the only argument of a call: the call's range
    /// (where CPython puts the caller frame's carets).
    var callRange: SourceRange?

    var frameName: String {
        switch kind {
        case .list: return "<listcomp>"
        case .set: return "<setcomp>"
        case .dict: return "<dictcomp>"
        case .generator: return "<genexpr>"
        }
    }

    override func eval(_ f: Frame) throws -> Value {
        for s in cellSlots { f.slots[s] = .object(PyCell()) }
        let first = try clauses[0].iterable.eval(f)
        do {
            return try build(first, f)
        } catch {
            // CPython 3.11 runs comprehensions in their own frame.
            let e = (error as? PyException) ?? ErrorConversion.convert(error)
            e.leaveFrame(filename: f.code.filename, functionName: frameName, source: f.code.source)
            e.note(callRange ?? range)
            throw e
        }
    }

    private func build(_ first: Value, _ f: Frame) throws -> Value {
        switch kind {
        case .list, .generator:
            var out: [Value] = []
            try run(0, first, f) { out.append(try element.eval(f)) }
            return kind == .list ? .list(out) : .object(ArrayIterator(out))
        case .set:
            let s = PySet()
            try run(0, first, f) {
                let v = try element.eval(f)
                do { try s.add(v) } catch { throw noted(error, element.range) }
            }
            return .object(s)
        case .dict:
            let d = PyDict()
            try run(0, first, f) {
                let k = try element.eval(f)
                let v = try value?.eval(f) ?? .none
                do { try d.set(k, v) } catch { throw noted(error, element.range) }
            }
            return .object(d)
        }
    }

    private func run(_ level: Int, _ first: Value, _ f: Frame, _ body: () throws -> Void) throws {
        let clause = clauses[level]
        let iterable = level == 0 ? first : try clause.iterable.eval(f)
        let iterator: PyIterator
        do { iterator = try makeIterator(iterable) } catch { throw noted(error, clause.iterable.range) }
        var counter = 0
        while let item = try iterator.next() {
            counter &+= 1
            if counter & 0x3FF == 0, Interpreter.interruptRequested { try checkInterrupt() }
            try clause.target.assign(item, f)
            var keep = true
            for c in clause.conditions where !(try isTruthy(try c.eval(f))) {
                keep = false
                break
            }
            if !keep { continue }
            if level + 1 < clauses.count { try run(level + 1, first, f, body) } else { try body() }
        }
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
