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
        e.missingName = slot.name
        var locals: [String] = []
        if let code = f.function?.code {
            locals = code.parameterNames
            for (name, _) in code.info.assignedLocals where !locals.contains(name) { locals.append(name) }
        }
        let globals = f.code.globals, builtins = f.code.interpreter.builtins
        e.suggestionSources = { [locals, globals.items().map(\.0), Suggestions.builtinNames(builtins)] }
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
    /// `local <op> int-constant` (`n - 1`, `i % 3`): the local's slot (else -1) and the constant.
    let leftSlot: Int
    let rightInt: Int?
    init(_ op: BinaryOperator, _ left: ExprNode, _ right: ExprNode, _ range: SourceRange) {
        self.op = op
        self.leftNode = left
        self.left = NodeRef(left)
        self.rightNode = right
        self.right = NodeRef(right)
        leftSlot = (left as? LocalLoad)?.slot ?? -1
        if case .int(let i)? = (right as? ConstantNode)?.value { rightInt = i } else { rightInt = nil }
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        if leftSlot >= 0, let y = rightInt, case .int(let x)? = f.slots[leftSlot] {
            // Read the local in place: no node calls, no copies.
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
            case .modulo:
                if y != 0 { return .int(floorModulo(x, y)) }
            default: break
            }
        }
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
            case .modulo:
                if y != 0 { return .int(floorModulo(x, y)) }
            case .floorDivide:
                if y != 0 && !(x == .min && y == -1) {
                    let q = x / y
                    return .int((x % y != 0 && ((x < 0) != (y < 0))) ? q - 1 : q)
                }
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
    /// `local <op> int-constant` (`n < 2`): the local's slot (else -1) and the constant.
    let leftSlot: Int
    let rightInt: Int?
    init(_ first: ExprNode, _ ops: [CompareOperator], _ rest: [ExprNode], _ range: SourceRange) {
        singleOp = ops.count == 1 ? ops[0] : nil
        singleRight = ops.count == 1 ? NodeRef(rest[0]) : nil
        leftSlot = ops.count == 1 ? (first as? LocalLoad)?.slot ?? -1 : -1
        if ops.count == 1, case .int(let i)? = (rest[0] as? ConstantNode)?.value { rightInt = i } else { rightInt = nil }
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
        if leftSlot >= 0, let y = rightInt, let op = singleOp, case .int(let x)? = f.slots[leftSlot] {
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
    let nameBit: UInt64
    /// Where `name` sat in the last instance's attribute table (raw memory: no access checks).
    let hint = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    /// The slot when the object is a plain local (`self`), else -1.
    let localSlot: Int
    init(_ object: ExprNode, _ name: String, _ range: SourceRange) {
        self.objectNode = object
        self.object = NodeRef(object)
        self.name = name
        nameBit = InstanceAttributes.bit(for: name)
        localSlot = (object as? LocalLoad)?.slot ?? -1
        hint.initialize(to: 0)
        super.init(range)
    }
    deinit { hint.deallocate() }
    /// A plain instance attribute (`self.x`): a remembered position, no dispatch; nil otherwise.
    @inline(__always) private func instanceAttribute(_ object: Unmanaged<PyObject>) -> Value? {
        object._withUnsafeGuaranteedRef { obj in
            guard let instance = obj as? PyInstance, !instance.cls.hasDataDescriptors,
                  let i = instance.attributeIndex(of: name, bit: nameBit, hint: hint.pointee) else { return nil }
            hint.pointee = i
            return instance.attributeValue(at: i)
        }
    }

    override func eval(_ f: Frame) throws -> Value {
        let o: Value
        if localSlot >= 0, let local = f.slots[localSlot].unretainedObject {
            // `local.name`: inspect the local in place, without retaining it.
            if let v = instanceAttribute(local) { return v }
            o = .object(local.takeUnretainedValue())
        } else {
            o = try object.eval(f)
            if let object = o.unretainedObject, let v = withExtendedLifetime(o, { instanceAttribute(object) }) { return v }
        }
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

/// `name := value`: stores the value and yields it.
final class NamedAssignmentNode: ExprNode {
    let target: TargetNode
    let value: ExprNode
    init(_ target: TargetNode, _ value: ExprNode, _ range: SourceRange) {
        self.target = target
        self.value = value
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let v = try value.eval(f)
        try target.assign(v, f)
        return v
    }
}
