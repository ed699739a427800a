// Python numbers as tensor operands (`x * 2`, `torch.full((2, 3), 0.5)`), and
// PyTorch's result-type rules between tensors and numbers. Serves every chapter.

/// A Python number used where PyTorch accepts a `Scalar`: `True`, `3`, `0.5`.
public enum Scalar: Equatable, Sendable, CustomStringConvertible {
    case bool(Bool)
    case int(Int64)
    case float(Double)

    /// The dtype a tensor made from this number gets: bool, int64, or the default float32.
    public var dtype: DType {
        switch self {
        case .bool: return .bool
        case .int: return .int64
        case .float: return .float32
        }
    }

    /// The value as a double (`True` is 1).
    public var doubleValue: Double {
        switch self {
        case .bool(let v): return v ? 1 : 0
        case .int(let v): return Double(v)
        case .float(let v): return v
        }
    }

    /// The value cast to float32 the way C++ casts a double (round to nearest).
    public var floatValue: Float {
        switch self {
        case .bool(let v): return v ? 1 : 0
        case .int(let v): return Float(v)
        case .float(let v): return Float(v)
        }
    }

    /// The value cast to int64 (floats truncate toward zero, as C++ does).
    public var int64Value: Int64 {
        switch self {
        case .bool(let v): return v ? 1 : 0
        case .int(let v): return v
        case .float(let v):
            guard v.isFinite, v > -9.3e18, v < 9.3e18 else { return Int64.min }
            return Int64(v.rounded(.towardZero))
        }
    }

    public var boolValue: Bool { doubleValue != 0 }

    public var description: String {
        switch self {
        case .bool(let v): return v ? "True" : "False"
        case .int(let v): return String(v)
        case .float(let v): return String(v)
        }
    }
}

extension Tensor {
    /// A 0-d tensor holding `value` converted to `dtype` (outside autograd).
    static func scalarTensor(_ value: Scalar, dtype: DType) throws -> Tensor {
        let t = try Tensor(zeros: [], dtype: dtype)
        t.store(value, at: 0)
        return t
    }

    /// Writes `value`, converted to this tensor's dtype, at storage offset `position`.
    func store(_ value: Scalar, at position: Int) {
        switch dtype {
        case .float32: floatPointer[position] = value.floatValue
        case .int64: int64Pointer[position] = value.int64Value
        case .bool: boolPointer[position] = value.boolValue ? 1 : 0
        case .float64: doublePointer[position] = value.doubleValue
        }
    }

    /// PyTorch's result type of a tensor and a Python number: the number only
    /// raises the dtype when it is of a higher category (bool < integer < float).
    static func resultType(_ dtype: DType, _ scalar: Scalar) -> DType {
        DType.promote(dtype, scalar.dtype)
    }
}

extension DType {
    /// The C++ type name PyTorch uses in messages: "Float", "Long", "Bool".
    var typeName: String {
        switch self {
        case .bool: return "Bool"
        case .int64: return "Long"
        case .float32: return "Float"
        case .float64: return "Double"
        }
    }
}
