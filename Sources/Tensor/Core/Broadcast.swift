// Broadcasting: the shape two operands meet at, the strides that read an operand
// as if expanded to it, and the reverse for gradients (sum back to the input shape).

extension Tensor {
    /// The broadcast shape of two shapes, as PyTorch computes it (right-aligned;
    /// each pair of sizes must be equal or contain a 1).
    public static func broadcastShapes(_ a: [Int], _ b: [Int]) throws -> [Int] {
        let rank = max(a.count, b.count)
        var result = [Int](repeating: 1, count: rank)
        for i in 0..<rank {
            let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
            let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
            if x == y || y == 1 { result[i] = x } else if x == 1 { result[i] = y } else {
                throw TensorError.runtime(
                    "The size of tensor a (\(x)) must match the size of tensor b (\(y)) "
                    + "at non-singleton dimension \(i)")
            }
        }
        return result
    }

    /// Strides that read this tensor as if expanded to `target` (0 on broadcast dims).
    /// `target` must be a broadcast of `shape`.
    public func broadcastStrides(to target: [Int]) -> [Int] {
        var result = [Int](repeating: 0, count: target.count)
        let lead = target.count - rank
        for d in 0..<rank where shape[d] != 1 || target[lead + d] == 1 {
            result[lead + d] = shape[d] == 1 ? 0 : strides[d]
        }
        return result
    }

    /// A view of this tensor expanded to `target` (no copy, no autograd).
    public func broadcastView(to target: [Int]) -> Tensor {
        makeView(shape: target, strides: broadcastStrides(to: target), offset: offset)
    }

    /// Sums a float gradient of a broadcast shape back down to `target`, the shape of
    /// the operand that was broadcast. Returns `self` when the shapes already agree.
    public func sumToShape(_ target: [Int]) throws -> Tensor {
        if shape == target { return self }
        let source = try contiguousData()
        let out = try Tensor(zeros: target, dtype: .float32)
        // Read `out` with broadcast strides and add every source element into its slot.
        let outStrides = out.broadcastStrides(to: shape)
        let src = source.floatPointer, dst = out.floatPointer
        var index = [Int](repeating: 0, count: shape.count)
        var position = 0
        for i in 0..<source.count {
            dst[position] += src[i]
            var d = shape.count - 1
            while d >= 0 {
                index[d] += 1
                position += outStrides[d]
                if index[d] < shape[d] { break }
                position -= outStrides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
        return out
    }
}
