// Copies and dtype conversions: clone, contiguous, to(dtype), float/long/bool.
// Chapter 2 turns token ids into float embeddings; chapter 3 calls contiguous()
// before merging attention heads.

extension Tensor {
    /// `clone()`: a copy with the same strides when the layout is dense (PyTorch's
    /// preserve_format), else row-major. d/dx = g.
    public func clone() throws -> Tensor {
        let out: Tensor
        if let layout = denseLayout() {
            out = try Tensor(zeros: shape, dtype: dtype)
            out.strides = layout
            try out.assign(self)
        } else {
            out = try rowMajorCopy()
        }
        return out.recordingGrad("CloneBackward0", inputs: [self]) { g in [g] }
    }

    /// A row-major copy recorded as CloneBackward0 (what `contiguous()` and `reshape` make).
    func contiguousClone() throws -> Tensor {
        try rowMajorCopy().recordingGrad("CloneBackward0", inputs: [self]) { g in [g] }
    }

    /// A row-major copy through the strided kernels (no per-element offset table).
    func rowMajorCopy() throws -> Tensor {
        let out = try Tensor(zerosShapedLike: shape, dtype: dtype)
        try out.assign(self)
        return out
    }

    /// `contiguous()`: `self` when already row-major, else a row-major copy.
    public func contiguous() throws -> Tensor {
        isContiguous ? self : try contiguousClone()
    }

    /// Strides of a dense permutation of a row-major layout (what clone keeps), or nil.
    /// nil also for row-major tensors themselves, which need no special layout.
    private func denseLayout() -> [Int]? {
        if isContiguous || count == 0 { return nil }
        // Order dims by decreasing stride; dense if they form a row-major layout of the permuted shape.
        let order = (0..<rank).sorted { strides[$0] > strides[$1] || (strides[$0] == strides[$1] && $0 < $1) }
        var expected = 1
        var result = [Int](repeating: 0, count: rank)
        for d in order.reversed() {
            if shape[d] != 1 && strides[d] != expected { return nil }
            result[d] = expected
            expected *= shape[d]
        }
        return result
    }

    /// `to(dtype)`: `self` when the dtype already matches, else a converted copy
    /// (floats truncate toward zero into int64; nonzero is True).
    public func to(_ type: DType) throws -> Tensor {
        try converted(to: type)
    }

    /// `float()`.
    public func float() throws -> Tensor { try to(.float32) }
    /// `long()`.
    public func long() throws -> Tensor { try to(.int64) }
    /// `bool()`.
    public func bool() throws -> Tensor { try to(.bool) }

    /// Writes `source` (broadcast to this shape, converted to this dtype) into this
    /// tensor's elements, through its strides. No autograd.
    func assign(_ source: Tensor) throws {
        let x = source.dtype == dtype ? source : try source.converted(to: dtype)
        let g = Tensor.geometry(self, [x])
        switch dtype {
        case .float32: ElementwiseKernels.unary(g, floatPointer, x.floatPointer) { $0 }
        case .int64: ElementwiseKernels.unary(g, int64Pointer, x.int64Pointer) { $0 }
        case .float64: ElementwiseKernels.unary(g, doublePointer, x.doublePointer) { $0 }
        case .bool: ElementwiseKernels.unary(g, boolPointer, x.boolPointer) { $0 }
        }
    }
}
