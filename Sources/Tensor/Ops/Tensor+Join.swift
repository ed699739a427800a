// Joining tensors along a dim: `torch.cat` and `torch.stack`, with PyTorch's dtype
// promotion and error texts. Chapter 5's generation loop appends tokens with cat.

extension Tensor {
    /// `torch.cat(tensors, dim)`: concatenation along an existing dim. 1-D empty
    /// tensors are skipped (PyTorch's legacy rule). Backward hands each input its slice.
    public static func cat(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard !tensors.isEmpty else {
            throw TensorError.value("torch.cat(): expected a non-empty list of Tensors")
        }
        for (i, t) in tensors.enumerated() where t.rank == 0 {
            throw TensorError.runtime("zero-dimensional tensor (at position \(i)) cannot be concatenated")
        }
        let type = tensors.map(\.dtype).reduce(DType.bool) { DType.promote($0, $1) }
        let used = tensors.enumerated().filter { !($0.element.rank == 1 && $0.element.count == 0) }
        guard let first = used.first?.element else {
            return try Tensor(zeros: [0], dtype: type)
                .recordingGrad("CatBackward0", inputs: tensors) { _ in try tensors.map { _ in try Tensor(zeros: [0]) } }
        }
        let d = try checkedDim(dim, rank: first.rank)
        var outShape = first.shape
        outShape[d] = 0
        for (i, t) in used {
            guard t.rank == first.rank else {
                throw TensorError.runtime("Tensors must have same number of dimensions: got \(first.rank) and \(t.rank)")
            }
            for k in 0..<t.rank where k != d && t.shape[k] != first.shape[k] {
                throw TensorError.runtime(
                    "Sizes of tensors must match except in dimension \(d). Expected size \(first.shape[k]) but "
                    + "got size \(t.shape[k]) for tensor number \(i) in the list.")
            }
            // Wrapping as PyTorch's sum does: a size past Int64 is then refused as negative.
            outShape[d] = outShape[d] &+ t.shape[d]
        }
        let out = try Tensor(zeros: outShape, dtype: type)
        var starts = [Int](repeating: 0, count: tensors.count)
        var position = 0
        for (i, t) in used {
            starts[i] = position
            try out.slice(d, from: position, length: t.shape[d]).assign(t)
            position += t.shape[d]
        }
        let skipped = Set(tensors.indices).subtracting(used.map(\.offset))
        return out.recordingGrad("CatBackward0", inputs: tensors) { g in
            try tensors.enumerated().map { i, t in
                if skipped.contains(i) { return try Tensor(zeros: [0]) }
                return t.requiresGrad ? g.slice(d, from: starts[i], length: t.shape[d]) : nil
            }
        }
    }

    /// `torch.stack(tensors, dim)`: joins equal-shaped tensors along a new dim.
    public static func stack(_ tensors: [Tensor], dim: Int = 0) throws -> Tensor {
        guard let first = tensors.first else {
            throw TensorError.runtime("stack expects a non-empty TensorList")
        }
        for (i, t) in tensors.enumerated() where t.shape != first.shape {
            throw TensorError.runtime("stack expects each tensor to be equal size, but got \(first.shape) at "
                                      + "entry 0 and \(t.shape) at entry \(i)")
        }
        let d = try checkedDim(dim, rank: first.rank + 1)
        let out = try GradMode.withNoGrad { try cat(tensors.map { try $0.unsqueeze(d) }, dim: d) }
        return out.recordingGrad("StackBackward0", inputs: tensors) { g in
            tensors.enumerated().map { i, t in
                guard t.requiresGrad else { return nil }
                // [.., n, ..] -> the i-th slice along d, without that dim.
                let piece = g.slice(d, from: i, length: 1)
                var shape = piece.shape, strides = piece.strides
                shape.remove(at: d)
                strides.remove(at: d)
                return piece.makeView(shape: shape, strides: strides, offset: piece.offset)
            }
        }
    }

    /// A view of `length` entries along `dim` starting at `start` (no autograd).
    func slice(_ dim: Int, from start: Int, length: Int) -> Tensor {
        var newShape = shape
        newShape[dim] = length
        return makeView(shape: newShape, strides: strides, offset: offset + start * strides[dim])
    }
}
