// Selecting by a bool mask: `torch.where(cond, a, b)` and `masked_fill`, the op that
// puts -inf above the diagonal of chapter 3's causal attention scores.

extension Tensor {
    /// `torch.where(condition, a, b)`: `a` where the condition holds, else `b`, all
    /// broadcast together. The dtype is `a`'s and `b`'s promotion.
    /// d/da = g where cond (else 0); d/db = g where not cond.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard condition.dtype == .bool else {
            throw TensorError.runtime("where expected condition to be a boolean tensor, but got a tensor "
                                      + "with dtype \(condition.dtype.typeName)")
        }
        let type = DType.promote(a.dtype, b.dtype)
        let shape = try broadcastShapes(broadcastShapes(condition.shape, a.shape), b.shape)
        let x = try a.converted(to: type), y = try b.converted(to: type)
        let out = try Tensor(zeros: shape, dtype: type)
        let g = geometry(out, [condition, x, y])
        let c = condition.boolPointer
        switch type {
        case .float32: ElementwiseKernels.ternary(g, out.floatPointer, c, x.floatPointer, y.floatPointer) { $0 != 0 ? $1 : $2 }
        case .int64: ElementwiseKernels.ternary(g, out.int64Pointer, c, x.int64Pointer, y.int64Pointer) { $0 != 0 ? $1 : $2 }
        case .bool: ElementwiseKernels.ternary(g, out.boolPointer, c, x.boolPointer, y.boolPointer) { $0 != 0 ? $1 : $2 }
        case .float64: ElementwiseKernels.ternary(g, out.doublePointer, c, x.doublePointer, y.doublePointer) { $0 != 0 ? $1 : $2 }
        }
        return out.recordingGrad("WhereBackward0", inputs: [a, b]) { grad in
            let zero = try Tensor(zeros: [])
            return [try gradient(for: a) { try Tensor.where(condition, grad, zero) },
                    try gradient(for: b) { try Tensor.where(condition, zero, grad) }]
        }
    }

    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Scalar) throws -> Tensor {
        try Tensor.where(condition, a, a.wrapped(b))
    }

    public static func `where`(_ condition: Tensor, _ a: Scalar, _ b: Tensor) throws -> Tensor {
        try Tensor.where(condition, b.wrapped(a), b)
    }

    public static func `where`(_ condition: Tensor, _ a: Scalar, _ b: Scalar) throws -> Tensor {
        let type = DType.promote(a.dtype, b.dtype)
        return try Tensor.where(condition, scalarTensor(a, dtype: type), scalarTensor(b, dtype: type))
    }

    /// `masked_fill(mask, value)`: a copy with `value` (cast to this dtype) where `mask`
    /// is true; the mask broadcasts with `self`. d/dself = g with masked places zeroed.
    public func maskedFill(_ mask: Tensor, _ value: Scalar) throws -> Tensor {
        try checkMask(mask)
        let fill = try Tensor.scalarTensor(value, dtype: dtype)
        let out = try GradMode.withNoGrad { try Tensor.where(mask, fill, self) }
        return out.recordingGrad("MaskedFillBackward0", inputs: [self]) { [self] g in
            [try Tensor.gradient(for: self) { try g.maskedFill(mask, .float(0)) }]
        }
    }

    /// `masked_fill(mask, value)` with a 0-d tensor value; the value gets the sum of
    /// the gradient over the masked places.
    public func maskedFill(_ mask: Tensor, _ value: Tensor) throws -> Tensor {
        try checkMask(mask)
        guard value.rank == 0 else {
            throw TensorError.runtime("masked_fill_ only supports a 0-dimensional value tensor, but got "
                                      + "tensor with \(value.rank) dimension(s).")
        }
        let fill = try value.copyData(as: dtype)
        let out = try GradMode.withNoGrad { try Tensor.where(mask, fill, self) }
        return out.recordingGrad("MaskedFillBackward1", inputs: [self, value]) { [self] g in
            [try Tensor.gradient(for: self) { try g.maskedFill(mask, .float(0)) },
             try Tensor.gradient(for: value) {
                let picked = try Tensor.where(mask, g, Tensor(zeros: [])).contiguousData()
                var total: Float = 0
                for i in 0..<picked.count { total += picked.floatPointer[i] }
                return try Tensor(scalar: total)
             }]
        }
    }

    func checkMask(_ mask: Tensor) throws {
        guard mask.dtype == .bool else {
            let name = mask.dtype == .float32 ? "float" : "long int"
            throw TensorError.runtime("masked_fill_ only supports boolean masks, but got mask with dtype \(name)")
        }
    }
}
