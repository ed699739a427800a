// Comparisons, logical and bitwise ops: `==`, `<`, `&`, `|`, `~` and friends.
// They make the bool masks of chapter 3 (causal masks) and carry no gradient.

extension Tensor {
    // MARK: comparisons (bool results)

    /// `self == other`, broadcast, as a bool tensor.
    public func eq(_ other: Tensor) throws -> Tensor {
        try Tensor.comparison(self, other, float: { $0 == $1 }, int: { $0 == $1 })
    }
    public func eq(_ other: Scalar) throws -> Tensor { try eq(wrapped(other)) }

    /// `self != other`.
    public func ne(_ other: Tensor) throws -> Tensor {
        try Tensor.comparison(self, other, float: { $0 != $1 }, int: { $0 != $1 })
    }
    public func ne(_ other: Scalar) throws -> Tensor { try ne(wrapped(other)) }

    /// `self < other`.
    public func lt(_ other: Tensor) throws -> Tensor {
        try Tensor.comparison(self, other, float: { $0 < $1 }, int: { $0 < $1 })
    }
    public func lt(_ other: Scalar) throws -> Tensor { try lt(wrapped(other)) }

    /// `self <= other`.
    public func le(_ other: Tensor) throws -> Tensor {
        try Tensor.comparison(self, other, float: { $0 <= $1 }, int: { $0 <= $1 })
    }
    public func le(_ other: Scalar) throws -> Tensor { try le(wrapped(other)) }

    /// `self > other`.
    public func gt(_ other: Tensor) throws -> Tensor {
        try Tensor.comparison(self, other, float: { $0 > $1 }, int: { $0 > $1 })
    }
    public func gt(_ other: Scalar) throws -> Tensor { try gt(wrapped(other)) }

    /// `self >= other`.
    public func ge(_ other: Tensor) throws -> Tensor {
        try Tensor.comparison(self, other, float: { $0 >= $1 }, int: { $0 >= $1 })
    }
    public func ge(_ other: Scalar) throws -> Tensor { try ge(wrapped(other)) }

    // MARK: logical (any dtype in, bool out; nonzero is true)

    /// `torch.logical_and(self, other)`.
    public func logicalAnd(_ other: Tensor) throws -> Tensor {
        try Tensor.comparison(self, other, float: { $0 != 0 && $1 != 0 }, int: { $0 != 0 && $1 != 0 })
    }

    /// `torch.logical_or(self, other)`.
    public func logicalOr(_ other: Tensor) throws -> Tensor {
        try Tensor.comparison(self, other, float: { $0 != 0 || $1 != 0 }, int: { $0 != 0 || $1 != 0 })
    }

    /// `torch.logical_xor(self, other)`.
    public func logicalXor(_ other: Tensor) throws -> Tensor {
        try Tensor.comparison(self, other, float: { ($0 != 0) != ($1 != 0) }, int: { ($0 != 0) != ($1 != 0) })
    }

    /// `torch.logical_not(self)`.
    public func logicalNot() throws -> Tensor {
        try Tensor.comparison(self, Tensor.scalarTensor(.int(0), dtype: .int64),
                              float: { a, _ in a == 0 }, int: { a, _ in a == 0 })
    }

    // MARK: bitwise (bool and int64 only)

    /// `self & other`: logical and on bools, bitwise on integers.
    public func bitwiseAnd(_ other: Tensor) throws -> Tensor {
        try bitwise(other, "and", int: { $0 & $1 }, bool: { $0 & $1 })
    }
    public func bitwiseAnd(_ other: Scalar) throws -> Tensor { try bitwiseAnd(wrapped(other)) }

    /// `self | other`.
    public func bitwiseOr(_ other: Tensor) throws -> Tensor {
        try bitwise(other, "or", int: { $0 | $1 }, bool: { $0 | $1 })
    }
    public func bitwiseOr(_ other: Scalar) throws -> Tensor { try bitwiseOr(wrapped(other)) }

    /// `self ^ other`.
    public func bitwiseXor(_ other: Tensor) throws -> Tensor {
        try bitwise(other, "xor", int: { $0 ^ $1 }, bool: { $0 ^ $1 })
    }
    public func bitwiseXor(_ other: Scalar) throws -> Tensor { try bitwiseXor(wrapped(other)) }

    /// `~self`: logical not on bools, bitwise not on integers.
    public func bitwiseNot() throws -> Tensor {
        switch dtype {
        case .float32, .float64:
            throw TensorError.type("~ (operator.invert) is only implemented on integer and Boolean-type tensors")
        case .int64:
            return try mapNumeric(boolError: "", float: { $0 }, int: { ~$0 })
        case .bool:
            let out = try Tensor(zeros: shape, dtype: .bool)
            ElementwiseKernels.unary(Tensor.geometry(out, [self]), out.boolPointer, boolPointer) { $0 ^ 1 }
            return out
        }
    }

    private func bitwise(_ other: Tensor, _ name: String,
                         int: (Int64, Int64) -> Int64, bool: @escaping (UInt8, UInt8) -> UInt8) throws -> Tensor {
        let type = DType.promote(dtype, other.dtype)
        if type == .float32 {
            throw TensorError.notImplemented("\"bitwise_\(name)_cpu\" not implemented for 'Float'")
        }
        return try Tensor.arithmetic(self, other, type, float: { a, _ in a }, int: int, bool: bool)
    }
}
