// Ordering ops: topk and sort along one dim, with indices.
// Serves top-k sampling in text generation (chapter 5).

extension Tensor {
    /// `x.topk(k, dim=-1, largest=True, sorted=True)`: the `k` largest (or smallest)
    /// elements along `dim` and their int64 indices, in order (NaN counts as largest).
    /// Equal values keep their original order (PyTorch leaves the order of ties
    /// unspecified, so only their values are comparable). The result is sorted even for
    /// `sorted: false`, one of the orders PyTorch allows. Backward (`TopkBackward0`):
    /// the gradient goes back to the selected positions.
    public func topk(_ k: Int, dim: Int = -1, largest: Bool = true, sorted: Bool = true)
        throws -> (values: Tensor, indices: Tensor)
    {
        let d = try wrappedDimension(dim)
        let size = rank == 0 ? 1 : shape[d]
        guard k >= 0 && k <= size else { throw TensorError.runtime("selected index k out of range") }
        return try ordered(dim: d, keep: k, descending: largest, name: "TopkBackward0")
    }

    /// `x.sort(dim=-1, descending=False)`: values and int64 indices along `dim`, stable
    /// (equal values keep their order; NaN sorts as the largest). Backward `SortBackward0`.
    public func sort(dim: Int = -1, descending: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        let d = try wrappedDimension(dim)
        return try ordered(dim: d, keep: rank == 0 ? 1 : shape[d], descending: descending, name: "SortBackward0")
    }

    /// `x.argsort(dim=-1, descending=False)`: the indices of `sort`.
    public func argsort(dim: Int = -1, descending: Bool = false) throws -> Tensor {
        try sort(dim: dim, descending: descending).indices
    }

    /// Sorts each slice along `dim` and keeps the first `keep` entries.
    private func ordered(dim: Int, keep: Int, descending: Bool, name: String) throws -> (values: Tensor, indices: Tensor) {
        var outShape = shape
        if rank > 0 { outShape[dim] = keep }
        let values = try Tensor(zeros: outShape, dtype: dtype)
        let indices = try Tensor(zeros: outShape, dtype: .int64)
        let outPlan = try values.reductionPlan(rank == 0 ? nil : [dim], keepdim: true)
        if dtype == .float64 { throw Tensor.float64Refusal }
        let source = try copyData(as: dtype == .float32 ? .float32 : .int64)
        let sourcePlan = try source.reductionPlan(rank == 0 ? nil : [dim], keepdim: true)
        for (i, base) in sourcePlan.outerOffsets.enumerated() {
            let order: [Int]
            if dtype == .float32 {
                let p = source.floatPointer
                order = Tensor.orderedPositions(sourcePlan.innerOffsets.map { p[base + $0] }, keep: keep,
                                                descending: descending, isNaN: { $0.isNaN })
            } else {
                let p = source.int64Pointer
                order = Tensor.orderedPositions(sourcePlan.innerOffsets.map { p[base + $0] }, keep: keep,
                                                descending: descending, isNaN: { _ in false })
            }
            let outBase = outPlan.outerOffsets[i]
            for j in 0..<keep {
                let o = outBase + outPlan.innerOffsets[j], s = base + sourcePlan.innerOffsets[order[j]]
                indices.int64Pointer[o] = Int64(order[j])
                switch dtype {
                case .float32: values.floatPointer[o] = source.floatPointer[s]
                case .int64: values.int64Pointer[o] = source.int64Pointer[s]
                case .bool: values.boolPointer[o] = source.int64Pointer[s] != 0 ? 1 : 0
                case .float64: break  // refused above
                }
            }
        }
        guard dtype == .float32 else { return (values, indices) }
        let savedIndices = indices.detach()
        values.recordingGrad(name, inputs: [self]) { [shape] g in
            let gc = try g.contiguousData()
            let result = try Tensor(zeros: shape)
            let resultPlan = try result.reductionPlan(shape.isEmpty ? nil : [dim], keepdim: true)
            let gPlan = try gc.reductionPlan(shape.isEmpty ? nil : [dim], keepdim: true)
            let r = result.floatPointer, gp = gc.floatPointer, ip = savedIndices.int64Pointer
            for (i, base) in resultPlan.outerOffsets.enumerated() {
                for j in 0..<keep {
                    let at = gPlan.outerOffsets[i] + gPlan.innerOffsets[j]
                    r[base + resultPlan.innerOffsets[Int(ip[at])]] += gp[at]
                }
            }
            return [result]
        }
        return (values, indices)
    }

    /// The positions of the first `keep` keys in sorted order (descending or not),
    /// NaN counting as the largest and ties in index order. Small `keep` uses a
    /// bounded heap (O(n log k)), as top-k sampling over a vocabulary needs.
    static func orderedPositions<T: Comparable>(_ keys: [T], keep: Int, descending: Bool,
                                                isNaN: (T) -> Bool) -> [Int] {
        func before(_ a: Int, _ b: Int) -> Bool {
            let x = keys[a], y = keys[b]
            let xn = isNaN(x), yn = isNaN(y)
            if xn || yn {
                if xn && yn { return a < b }
                return descending ? xn : yn
            }
            if x != y { return descending ? x > y : x < y }
            return a < b
        }
        if keep * 4 >= keys.count {
            var order = Array(keys.indices)
            order.sort(by: before)
            return Array(order.prefix(keep))
        }
        // A heap of the best `keep` seen so far, the worst of them at the root.
        var heap: [Int] = []
        heap.reserveCapacity(keep)
        for i in keys.indices {
            if heap.count < keep {
                heap.append(i)
                var child = heap.count - 1
                while child > 0 {
                    let parent = (child - 1) / 2
                    guard before(heap[parent], heap[child]) else { break }
                    heap.swapAt(parent, child)
                    child = parent
                }
            } else if keep > 0 && before(i, heap[0]) {
                heap[0] = i
                var parent = 0
                while true {
                    let left = 2 * parent + 1, right = left + 1
                    guard left < heap.count else { break }
                    let worse = right < heap.count && before(heap[left], heap[right]) ? right : left
                    guard before(heap[parent], heap[worse]) else { break }
                    heap.swapAt(parent, worse)
                    parent = worse
                }
            }
        }
        heap.sort(by: before)
        return heap
    }
}
