// In-place ops (`add_`, `masked_fill_`, `zero_`, `copy_`, ...): the result is
// written into the tensor's own storage, visible through every view, and the
// tensor takes over the op's autograd node, as in PyTorch. Chapter 3's
// `attn_scores.masked_fill_(mask, -torch.inf)` is the main user.

extension Tensor {
    /// PyTorch's checks before writing into `self`: no in-place on a leaf that
    /// requires grad (while grad mode is on), and no writing through broadcast strides.
    func checkInPlace() throws {
        if GradMode.isEnabled && requiresGrad && isLeaf {
            throw TensorError.runtime("a leaf Variable that requires grad is being used in an in-place operation.")
        }
        for d in 0..<rank where shape[d] > 1 && strides[d] == 0 {
            throw TensorError.runtime(
                "unsupported operation: more than one element of the written-to tensor refers to a single "
                + "memory location. Please clone() the tensor before performing the operation.")
        }
    }

    /// Computes `compute(old self)` out of place and writes it into `self`, which then
    /// carries the op's grad_fn. The op reads a snapshot holding the old values and the
    /// old history, so its backward sees what the forward saw. `castCheck` enforces
    /// PyTorch's rule that the result dtype must not be higher than `self`'s.
    func inPlace(othersRequireGrad: Bool = false, castCheck: Bool = true,
                 _ compute: (Tensor) throws -> Tensor) throws -> Tensor {
        try checkInPlace()
        let recording = GradMode.isEnabled && (requiresGrad || othersRequireGrad)
        var source = self
        if recording {
            source = try copyData(as: dtype)
            source.gradFn = gradFn
            source.requiresGrad = requiresGrad
        }
        let result = try compute(source)
        guard result.shape == shape else {
            throw TensorError.runtime("output with shape \(shape) doesn't match the broadcast shape \(result.shape)")
        }
        if castCheck && result.dtype > dtype {
            throw TensorError.runtime(
                "result type \(result.dtype.typeName) can't be cast to the desired output type \(dtype.typeName)")
        }
        try assign(result)
        // Only float tensors carry gradients; an int tensor copying from a float one stays a leaf.
        if recording && dtype == .float32, let fn = result.gradFn {
            gradFn = fn
            requiresGrad = true
        }
        return self
    }

    /// `add_(other)`.
    @discardableResult
    public func add_(_ other: Tensor) throws -> Tensor {
        try inPlace(othersRequireGrad: other.requiresGrad) { try $0.add(other) }
    }
    @discardableResult
    public func add_(_ other: Scalar) throws -> Tensor { try inPlace { try $0.add(other) } }

    /// `sub_(other)`.
    @discardableResult
    public func sub_(_ other: Tensor) throws -> Tensor {
        try inPlace(othersRequireGrad: other.requiresGrad) { try $0.sub(other) }
    }
    @discardableResult
    public func sub_(_ other: Scalar) throws -> Tensor { try inPlace { try $0.sub(other) } }

    /// `mul_(other)`.
    @discardableResult
    public func mul_(_ other: Tensor) throws -> Tensor {
        try inPlace(othersRequireGrad: other.requiresGrad) { try $0.mul(other) }
    }
    @discardableResult
    public func mul_(_ other: Scalar) throws -> Tensor { try inPlace { try $0.mul(other) } }

    /// `div_(other)` (true division: integer tensors refuse, as the result is float).
    @discardableResult
    public func div_(_ other: Tensor) throws -> Tensor {
        try inPlace(othersRequireGrad: other.requiresGrad) { try $0.div(other) }
    }
    @discardableResult
    public func div_(_ other: Scalar) throws -> Tensor { try inPlace { try $0.div(other) } }

    /// `masked_fill_(mask, value)`: the mask must broadcast to `self`'s shape.
    @discardableResult
    public func maskedFill_(_ mask: Tensor, _ value: Scalar) throws -> Tensor {
        try checkMask(mask)
        return try inPlace { try $0.maskedFill(mask, value) }
    }

    /// `clamp_(min, max)`.
    @discardableResult
    public func clamp_(min low: Scalar? = nil, max high: Scalar? = nil) throws -> Tensor {
        try inPlace { try $0.clamp(min: low, max: high) }
    }

    /// `fill_(value)`: every element becomes `value` (cast to this dtype). d/dself = 0.
    @discardableResult
    public func fill_(_ value: Scalar) throws -> Tensor {
        try inPlace(castCheck: false) { old in
            try Tensor.full(old.shape, value, dtype: old.dtype)
                .recordingGrad("FillBackward2", inputs: [old]) { g in [try Tensor.zerosLike(g)] }
        }
    }

    /// `zero_()`. d/dself = 0.
    @discardableResult
    public func zero_() throws -> Tensor {
        try inPlace { old in
            try Tensor(zeros: old.shape, dtype: old.dtype)
                .recordingGrad("ZeroBackward0", inputs: [old]) { g in [try Tensor.zerosLike(g)] }
        }
    }

    /// `copy_(src)`: `src` broadcast to this shape and cast to this dtype.
    /// d/dself = 0, d/dsrc = g summed back to src's shape.
    @discardableResult
    public func copy_(_ source: Tensor) throws -> Tensor {
        let target = try Tensor.broadcastShapes(shape, source.shape)
        guard target == shape else {
            throw TensorError.runtime("output with shape \(shape) doesn't match the broadcast shape \(target)")
        }
        return try inPlace(othersRequireGrad: source.requiresGrad, castCheck: false) { old in
            let out = try Tensor(zeros: old.shape, dtype: old.dtype)
            try out.assign(source)
            return out.recordingGrad("CopyBackwards", inputs: [old, source]) { g in
                [try Tensor.zerosLike(g), try Tensor.gradient(for: source) { g }]
            }
        }
    }
}
