// What Python's operators, subscripts and conversions do on a tensor: `a + b`,
// `2 * t`, `t[0, :, None]`, `t[mask] = 0`, `if t:`, `float(t)`, `f"{t:.4f}"`.
import Python
import Tensor

enum TensorSlots {
    /// A Python number as a tensor-op scalar.
    static func scalar(_ value: Value) -> Scalar? {
        switch value {
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(Int64(i))
        case .float(let d): return .float(d)
        default: return nil
        }
    }

    static func binary(_ t: Tensor, _ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        if let o = other.tensorValue {
            let (a, b) = reflected ? (o, t) : (t, o)
            switch op {
            case .add: return .tensor(try a.add(b))
            case .subtract: return .tensor(try a.sub(b))
            case .multiply: return .tensor(try a.mul(b))
            case .divide: return .tensor(try a.div(b))
            case .floorDivide: return .tensor(try a.floorDivide(b))
            case .modulo: return .tensor(try a.remainder(b))
            case .power: return .tensor(try a.pow(b))
            case .matrixMultiply: return .tensor(try a.matmul(b))
            case .bitAnd: return .tensor(try a.bitwiseAnd(b))
            case .bitOr: return .tensor(try a.bitwiseOr(b))
            case .bitXor: return .tensor(try a.bitwiseXor(b))
            default: return nil
            }
        }
        guard let s = scalar(other) else { return nil }
        if !reflected {
            switch op {
            case .add: return .tensor(try t.add(s))
            case .subtract: return .tensor(try t.sub(s))
            case .multiply: return .tensor(try t.mul(s))
            case .divide: return .tensor(try t.div(s))
            case .floorDivide: return .tensor(try t.floorDivide(s))
            case .modulo: return .tensor(try t.remainder(s))
            case .power: return .tensor(try t.pow(s))
            case .bitAnd: return .tensor(try t.bitwiseAnd(s))
            case .bitOr: return .tensor(try t.bitwiseOr(s))
            case .bitXor: return .tensor(try t.bitwiseXor(s))
            default: return nil
            }
        }
        switch op {
        case .add: return .tensor(try t.add(s))
        case .multiply: return .tensor(try t.mul(s))
        case .subtract: return .tensor(try t.rsub(s))
        case .divide: return .tensor(try t.rdiv(s))
        case .floorDivide: return .tensor(try t.rfloorDivide(s))
        case .modulo: return .tensor(try t.rremainder(s))
        case .power: return .tensor(try Tensor.pow(s, t))
        case .bitAnd: return .tensor(try t.bitwiseAnd(s))
        case .bitOr: return .tensor(try t.bitwiseOr(s))
        case .bitXor: return .tensor(try t.bitwiseXor(s))
        default: return nil
        }
    }

    /// `t += x` and friends update `t` in place, as PyTorch does.
    static func inPlace(_ t: Tensor, _ op: BinaryOperator, _ other: Value) throws -> Value? {
        if let o = other.tensorValue {
            switch op {
            case .add: _ = try t.add_(o)
            case .subtract: _ = try t.sub_(o)
            case .multiply: _ = try t.mul_(o)
            case .divide: _ = try t.div_(o)
            default: return nil
            }
            return .tensor(t)
        }
        guard let s = scalar(other) else { return nil }
        switch op {
        case .add: _ = try t.add_(s)
        case .subtract: _ = try t.sub_(s)
        case .multiply: _ = try t.mul_(s)
        case .divide: _ = try t.div_(s)
        default: return nil
        }
        return .tensor(t)
    }

    static func unary(_ t: Tensor, _ op: UnaryOperator) throws -> Value? {
        switch op {
        case .minus: return .tensor(try t.neg())
        case .plus: return .tensor(t)
        case .invert: return .tensor(try t.bitwiseNot())
        case .not: return nil
        }
    }

    static func compare(_ t: Tensor, _ op: CompareOperator, _ other: Value) throws -> Value? {
        if let o = other.tensorValue {
            switch op {
            case .equal: return .tensor(try t.eq(o))
            case .notEqual: return .tensor(try t.ne(o))
            case .less: return .tensor(try t.lt(o))
            case .lessEqual: return .tensor(try t.le(o))
            case .greater: return .tensor(try t.gt(o))
            case .greaterEqual: return .tensor(try t.ge(o))
            default: return nil
            }
        }
        guard let s = scalar(other) else {
            // `t == None` is False and `t != None` True, as in PyTorch.
            if op == .equal { return .false }
            if op == .notEqual { return .true }
            return nil
        }
        switch op {
        case .equal: return .tensor(try t.eq(s))
        case .notEqual: return .tensor(try t.ne(s))
        case .less: return .tensor(try t.lt(s))
        case .lessEqual: return .tensor(try t.le(s))
        case .greater: return .tensor(try t.gt(s))
        case .greaterEqual: return .tensor(try t.ge(s))
        default: return nil
        }
    }

    /// `x in t`: whether any element equals `x`.
    static func contains(_ t: Tensor, _ value: Value) throws -> Bool? {
        let mask: Tensor
        if let o = value.tensorValue { mask = try t.eq(o) } else if let s = scalar(value) { mask = try t.eq(s) } else {
            throw PyException.runtimeError("Tensor.__contains__ only supports Tensor or scalar, but you passed in a \(value.typeName).")
        }
        return try mask.any().boolValues().first ?? false
    }

    // MARK: subscripts

    /// A subscript key as tensor indices: ints, slices, None, ..., tensors, lists.
    static func indices(_ key: Value) throws -> [TensorIndex] {
        if case .object(let o) = key, let tuple = o as? PyTuple { return try tuple.items.map(index) }
        return [try index(key)]
    }

    private static func index(_ key: Value) throws -> TensorIndex {
        switch key {
        case .none: return .none
        case .bool(let b): return .tensor(try Tensor(bools: [b], shape: []))
        case .int(let i): return .int(i)
        case .object(let o):
            if let t = o as? TensorObject {
                if t.tensor.rank == 0 && t.tensor.dtype == .int64 { return .int(Int(try t.tensor.itemInt64())) }
                return .tensor(t.tensor)
            }
            if let slice = o as? PySlice {
                func bound(_ v: Value) throws -> Int? { v.isNone ? nil : try v.asInt("slice indices") }
                return .slice(start: try bound(slice.start), stop: try bound(slice.stop), step: try bound(slice.step))
            }
            if o is EllipsisObject { return .ellipsis }
            if o is PyList || o is PyTuple {
                return .tensor(try TensorConversion.tensor(from: key, dtype: nil))
            }
            if let i = try o.toIndex() { return .int(i) }
        default: break
        }
        throw PyException.indexError(
            "only integers, slices (`:`), ellipsis (`...`), None and long or byte Variables are valid indices (got \(key.typeName))")
    }

    /// `t[key] = value`, the value a tensor or a Python number.
    static func setItem(_ t: Tensor, _ key: Value, _ value: Value) throws {
        let source: Tensor
        if let v = value.tensorValue {
            source = v
        } else if let s = scalar(value) {
            source = try Tensor.full([], s, dtype: t.dtype)
        } else {
            source = try TensorConversion.tensor(from: value, dtype: t.dtype)
        }
        try t.indexPut(indices(key), source)
    }

    // MARK: conversions

    static func truth(_ t: Tensor) throws -> Bool {
        guard t.count == 1 else {
            throw PyException.runtimeError("Boolean value of Tensor with \(t.count == 0 ? "no values" : "more than one value") is ambiguous")
        }
        return t.boolValues()[0]
    }

    /// The one element as a Python number, or PyTorch's error naming the conversion.
    static func scalar(_ t: Tensor, _ what: String) throws -> Scalar {
        guard t.count == 1 else {
            throw PyException.runtimeError("a Tensor with \(t.count) elements cannot be converted to Scalar")
        }
        switch try t.item() {
        case .float(let d): return .float(d)
        case .int(let i): return .int(i)
        case .bool(let b): return .bool(b)
        }
    }

    /// `t.item()`: a Python float, int or bool.
    static func pythonScalar(_ t: Tensor) throws -> Value {
        switch try scalar(t, "item") {
        case .float(let d): return .float(d)
        case .int(let i): return .int(Int(i))
        case .bool(let b): return .bool(b)
        }
    }
}
