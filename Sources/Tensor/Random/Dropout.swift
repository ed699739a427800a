// Dropout as PyTorch's CPU `at::native::dropout` computes it: a bernoulli(1-p) mask scaled
// by f32(1 / f32(1-p)), with MulBackward0 autograd. RNG_SPEC.md §5; book chapter 3.7 and 4.

extension Tensor {
    /// `F.dropout(x, p, training)` / `nn.Dropout(p)` on CPU.
    ///
    /// - `p == 0`, `!training` or an empty `x`: returns `x` itself, no draws.
    /// - `p == 1`: `x * 0` (no draws).
    /// - otherwise: `noise = empty_like(x).bernoulli_(1 - p)` (2 draws per element, memory
    ///   order), `noise /= f32(1 - p)`, `out = f32(x * noise)`.
    ///
    /// The result records `MulBackward0` (inputs `x` and the noise), as PyTorch's does;
    /// its backward is `grad * noise`.
    public static func dropout(_ x: Tensor, p: Double = 0.5, training: Bool = true,
                               generator: Generator = .default) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
        }
        if p == 0 || !training || x.count == 0 { return x }
        if p == 1 {
            let zero = try Tensor(zeros: [], dtype: x.dtype)
            return try multiplyRecordingGrad(x, zero)
        }
        let noise = try x.emptyLike()
        try noise.bernoulli_(1 - p, generator: generator)
        guard x.dtype == .float32 else {
            throw TensorError.runtime(
                "result type Float can't be cast to the desired output type \(x.dtype.scalarTypeName)")
        }
        // noise.div_(1 - p): a float32 division by f32(1 - p).
        let keep = Float(1 - p)
        let n = noise.floatPointer
        for i in 0..<noise.count { n[i] = n[i] / keep }
        return try multiplyRecordingGrad(x, noise)
    }

    /// `a * b` for `b` of `a`'s shape or 0-d, as a new contiguous tensor of `a`'s dtype,
    /// recording `MulBackward0` (gradient to `a` only: `grad * b`).
    static func multiplyRecordingGrad(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try multiplyElementwise(a, b)
        return out.recordingGrad("MulBackward0", inputs: [a, b]) { gradOut in
            [try multiplyElementwise(gradOut, b), nil]
        }
    }

    /// Elementwise product of `a` and `b` (same shape, or `b` 0-d), outside autograd.
    static func multiplyElementwise(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = try Tensor(zeros: a.shape, dtype: a.dtype)
        if a.dtype == .float32 && a.isContiguous && b.isContiguous && b.count == a.count {
            let x = a.floatPointer, y = b.floatPointer, d = out.floatPointer
            for i in 0..<a.count { d[i] = x[i] * y[i] }
            return out
        }
        let aOffsets = a.elementOffsets()
        let bOffsets = b.rank == 0 ? [Int](repeating: 0, count: aOffsets.count) : b.elementOffsets()
        switch a.dtype {
        case .float32:
            let x = a.floatPointer, y = b.floatPointer, d = out.floatPointer
            for i in 0..<aOffsets.count { d[i] = x[aOffsets[i]] * y[bOffsets[i]] }
        case .int64:
            let x = a.int64Pointer, y = b.int64Pointer, d = out.int64Pointer
            for i in 0..<aOffsets.count { d[i] = x[aOffsets[i]] &* y[bOffsets[i]] }
        case .bool:
            let x = a.boolPointer, y = b.boolPointer, d = out.boolPointer
            for i in 0..<aOffsets.count { d[i] = x[aOffsets[i]] & y[bOffsets[i]] }
        case .float64:
            throw Tensor.float64Refusal
        }
        return out
    }
}
