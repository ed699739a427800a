// Views: new shapes and strides over the same storage, no copy. view/reshape,
// transpose/permute/T, (un)squeeze, flatten, expand. Chapter 3's multi-head
// attention is built from these ([b, t, d_out] -> [b, heads, t, head_dim]).

extension Tensor {
    /// `dim` wrapped into `0..<rank` (negative counts from the end), or PyTorch's IndexError.
    /// A 0-d tensor accepts dims -1 and 0, as in PyTorch.
    static func checkedDim(_ dim: Int, rank: Int) throws -> Int {
        let size = Swift.max(rank, 1)
        guard dim >= -size && dim < size else {
            throw TensorError.index("Dimension out of range (expected to be in range of "
                                    + "[\(-size), \(size - 1)], but got \(dim))")
        }
        return dim < 0 ? dim + size : dim
    }

    /// `shape` with a single -1 replaced by the size that makes `count` elements (PyTorch's
    /// `infer_size`: the product wraps as in C++, then the result's count is checked).
    static func inferShape(_ shape: [Int], count: Int) throws -> [Int] {
        var inferred: Int?
        var known = 1
        for (i, s) in shape.enumerated() {
            if s == -1 {
                if inferred != nil { throw TensorError.runtime("only one dimension can be inferred") }
                inferred = i
            } else if s < 0 {
                throw TensorError.runtime("invalid shape dimension \(s) at index \(i) of shape \(shape)")
            } else {
                known = known &* s
            }
        }
        var result = shape
        if count == known || (inferred != nil && known > 0 && count % known == 0) {
            if let i = inferred {
                if known == 0 {
                    throw TensorError.runtime("cannot reshape tensor of 0 elements into shape \(shape) because the "
                                              + "unspecified dimension size -1 can be any value and is ambiguous")
                }
                result[i] = count / known
            }
            _ = try checkedViewCount(result)
            return result
        }
        throw TensorError.runtime("shape '\(shape)' is invalid for input of size \(count)")
    }

    /// Strides that read this tensor's elements in row-major order as `newShape`
    /// without copying, or nil when impossible (PyTorch's `computeStride`).
    func viewStrides(_ newShape: [Int]) -> [Int]? {
        if shape.isEmpty { return [Int](repeating: 1, count: newShape.count) }
        var newStrides = [Int](repeating: 0, count: newShape.count)
        if count == 0 {
            if shape == newShape { return strides }
            return Tensor.contiguousStrides(newShape)
        }
        var viewDim = newShape.count - 1
        var chunkBaseStride = strides[strides.count - 1]
        var tensorCount = 1, viewCount = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            tensorCount *= shape[d]
            // At the end of a run of dims that are contiguous with each other, fill the view's dims.
            if d == 0 || (shape[d - 1] != 1 && strides[d - 1] != tensorCount * chunkBaseStride) {
                while viewDim >= 0 && (viewCount < tensorCount || newShape[viewDim] == 1) {
                    newStrides[viewDim] = viewCount * chunkBaseStride
                    viewCount *= newShape[viewDim]
                    viewDim -= 1
                }
                if viewCount != tensorCount { return nil }
                if d > 0 {
                    chunkBaseStride = strides[d - 1]
                    tensorCount = 1
                    viewCount = 1
                }
            }
        }
        return viewDim == -1 ? newStrides : nil
    }

    /// `view(*shape)`: the same storage read as `shape` (one -1 is inferred).
    /// Throws when the strides do not allow it; use `reshape`.
    public func view(_ shape: [Int]) throws -> Tensor {
        let newShape = try Tensor.inferShape(shape, count: count)
        guard let newStrides = viewStrides(newShape) else {
            throw TensorError.runtime(
                "view size is not compatible with input tensor's size and stride (at least one dimension "
                + "spans across two contiguous subspaces). Use .reshape(...) instead.")
        }
        let inputShape = self.shape
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordingGrad("ViewBackward0", inputs: [self]) { g in [try g.reshape(inputShape)] }
    }

    /// `reshape(*shape)`: a view when possible, else a contiguous copy.
    public func reshape(_ shape: [Int]) throws -> Tensor {
        let newShape = try Tensor.inferShape(shape, count: count)
        if viewStrides(newShape) != nil { return try view(newShape) }
        // PyTorch: _unsafe_view(clone(contiguous)), two nodes.
        let copy = try contiguousClone()
        let inputShape = copy.shape
        return copy.makeView(shape: newShape, strides: Tensor.contiguousStrides(newShape), offset: copy.offset)
            .recordingGrad("UnsafeViewBackward0", inputs: [copy]) { g in [try g.reshape(inputShape)] }
    }

    /// `transpose(dim0, dim1)`: swaps two dims (negative dims count from the end).
    public func transpose(_ dim0: Int, _ dim1: Int) throws -> Tensor {
        let a = try Tensor.checkedDim(dim0, rank: rank), b = try Tensor.checkedDim(dim1, rank: rank)
        if rank == 0 {
            return makeView(shape: shape, strides: strides, offset: offset)
                .recordingGrad("TransposeBackward0", inputs: [self]) { g in [g] }
        }
        var newShape = shape, newStrides = strides
        newShape.swapAt(a, b)
        newStrides.swapAt(a, b)
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordingGrad("TransposeBackward0", inputs: [self]) { g in [try g.transpose(a, b)] }
    }

    /// `permute(*dims)`: dim i of the result is dim `dims[i]` of `self`.
    public func permute(_ dims: [Int]) throws -> Tensor {
        guard dims.count == rank else {
            throw TensorError.runtime(
                "permute(sparse_coo): number of dimensions in the tensor input does not match the length of "
                + "the desired ordering of dimensions i.e. input.dim() = \(rank) is not equal to "
                + "len(dims) = \(dims.count)")
        }
        let order = try dims.map { try Tensor.checkedDim($0, rank: rank) }
        guard Set(order).count == order.count else {
            throw TensorError.runtime("permute(): duplicate dims are not allowed.")
        }
        var inverse = [Int](repeating: 0, count: rank)
        for (i, d) in order.enumerated() { inverse[d] = i }
        _ = try Tensor.checkedViewCount(order.map { shape[$0] })
        return makeView(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
            .recordingGrad("PermuteBackward0", inputs: [self]) { g in [try g.permute(inverse)] }
    }

    /// `x.T`: all dims reversed (PyTorch deprecates it beyond 2-D but still reverses).
    public var T: Tensor {
        get throws { try permute(Array((0..<rank).reversed())) }
    }

    /// `x.mT`: the last two dims swapped (batches of matrices).
    public var mT: Tensor {
        get throws {
            guard rank >= 2 else {
                throw TensorError.runtime("tensor.mT is only supported on matrices or batches of matrices. "
                                          + "Got \(rank)-D tensor.")
            }
            return try transpose(-2, -1)
        }
    }

    /// `t()`: transpose of a tensor with at most 2 dims.
    public func t() throws -> Tensor {
        guard rank <= 2 else {
            throw TensorError.runtime("t() expects a tensor with <= 2 dimensions, but self is \(rank)D")
        }
        let swapped = rank == 2
            ? makeView(shape: shape.reversed(), strides: strides.reversed(), offset: offset)
            : makeView(shape: shape, strides: strides, offset: offset)
        return swapped.recordingGrad("TBackward0", inputs: [self]) { g in [try g.t()] }
    }

    /// `unsqueeze(dim)`: inserts a size-1 dim at `dim` (in `-(rank+1)...rank`).
    public func unsqueeze(_ dim: Int) throws -> Tensor {
        let d = try Tensor.checkedDim(dim, rank: rank + 1)
        var newShape = shape, newStrides = strides
        let stride = d < rank ? shape[d] &* strides[d] : 1
        newShape.insert(1, at: d)
        newStrides.insert(stride, at: d)
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordingGrad("UnsqueezeBackward0", inputs: [self]) { g in [try g.squeeze(d)] }
    }

    /// `squeeze()`: drops every size-1 dim.
    public func squeeze() throws -> Tensor {
        let keep = (0..<rank).filter { shape[$0] != 1 }
        let inputShape = shape
        return makeView(shape: keep.map { shape[$0] }, strides: keep.map { strides[$0] }, offset: offset)
            .recordingGrad("SqueezeBackward0", inputs: [self]) { g in [try g.reshape(inputShape)] }
    }

    /// `squeeze(dim)`: drops `dim` if its size is 1, else returns a same-shape view.
    public func squeeze(_ dim: Int) throws -> Tensor {
        let d = try Tensor.checkedDim(dim, rank: rank)
        let drops = rank > 0 && shape[d] == 1
        var newShape = shape, newStrides = strides
        if drops {
            newShape.remove(at: d)
            newStrides.remove(at: d)
        }
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordingGrad("SqueezeBackward1", inputs: [self]) { g in [drops ? try g.unsqueeze(d) : g] }
    }

    /// `flatten(start_dim, end_dim)`: merges dims start...end into one (via `reshape`).
    public func flatten(_ startDim: Int = 0, _ endDim: Int = -1) throws -> Tensor {
        let start = try Tensor.checkedDim(startDim, rank: rank), end = try Tensor.checkedDim(endDim, rank: rank)
        guard start <= end else {
            throw TensorError.runtime("flatten() has invalid args: start_dim cannot come after end_dim")
        }
        if rank == 0 { return try reshape([1]) }
        if start == end { return self }
        let merged = try Tensor.checkedViewCount(Array(shape[start...end]))
        return try reshape(Array(shape[..<start]) + [merged] + Array(shape[(end + 1)...]))
    }

    /// `expand(*sizes)`: a broadcast view; -1 keeps a size, new dims go in front.
    public func expand(_ sizes: [Int]) throws -> Tensor {
        guard sizes.count >= rank else {
            let typeName = dtype == .bool ? "CPUBoolType" : "torch.\(dtype.typeName)Tensor"
            throw TensorError.runtime(
                "expand(\(typeName){\(shape)}, size=\(sizes)): the number of sizes provided "
                + "(\(sizes.count)) must be greater or equal to the number of dimensions in the tensor (\(rank))")
        }
        let lead = sizes.count - rank
        var newShape = sizes, newStrides = [Int](repeating: 0, count: sizes.count)
        for i in 0..<sizes.count {
            if i < lead {
                guard sizes[i] >= 0 else {
                    throw TensorError.runtime("The expanded size of the tensor (\(sizes[i])) isn't allowed in a "
                                              + "leading, non-existing dimension \(i)")
                }
                continue
            }
            let d = i - lead
            if sizes[i] == -1 { newShape[i] = shape[d] }
            if newShape[i] < 0 && shape[d] == 1 {
                throw TensorError.runtime("numel: integer multiplication overflow")
            }
            if shape[d] == newShape[i] {
                newStrides[i] = strides[d]
            } else if shape[d] == 1 {
                newStrides[i] = 0
            } else {
                throw TensorError.runtime(
                    "The expanded size of the tensor (\(sizes[i])) must match the existing size (\(shape[d])) at "
                    + "non-singleton dimension \(i).  Target sizes: \(sizes).  Tensor sizes: \(shape)")
            }
        }
        _ = try Tensor.checkedViewCount(newShape)
        let inputShape = shape
        return makeView(shape: newShape, strides: newStrides, offset: offset)
            .recordingGrad("ExpandBackward0", inputs: [self]) { g in [try g.sumToShape(inputShape)] }
    }

    /// `expand_as(other)`.
    public func expandAs(_ other: Tensor) throws -> Tensor { try expand(other.shape) }
}
