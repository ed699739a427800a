// Where a reduction reads: dim wrapping, kept/reduced geometry, and the row-parallel
// loop shared by reductions, softmax and sorting (lessons 2-5: losses, LayerNorm, argmax).

import Foundation

/// The geometry of a reduction over some dims of a strided tensor.
///
/// Output element `i` combines the input elements at `outerOffsets[i] + innerOffsets[j]`
/// for every `j`; both lists run in row-major order over the kept and reduced dims.
struct ReductionPlan {
    /// Shape of the result (`keepdim` applied).
    let outputShape: [Int]
    /// The input shape with every reduced dim set to 1 (the `keepdim=True` shape).
    let keptShape: [Int]
    /// The reduced dims, wrapped and sorted.
    let reducedDims: [Int]
    let outerOffsets: [Int]
    /// Empty when the plan was made without them (`materializeInner: false`) and
    /// they would be `0, 1, 2, ...`.
    let innerOffsets: [Int]
    /// Whether the inner offsets are `0, 1, 2, ...`, so the inner loop can run linearly.
    let innerIsLinear: Bool
    /// Elements combined into each output element.
    let reducedCount: Int

    var outputCount: Int { outerOffsets.count }
}

extension Tensor {
    /// Wraps a possibly negative dim into `0..<rank` with PyTorch's error; a 0-d tensor
    /// accepts -1 and 0, as in PyTorch.
    func wrappedDimension(_ dim: Int) throws -> Int {
        let r = Swift.max(rank, 1)
        guard dim >= -r && dim < r else {
            throw TensorError.index(
                "Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(dim))")
        }
        return dim < 0 ? dim + r : dim
    }

    /// The dims a reduction runs over: all of them for `nil` or `[]` (as PyTorch does for
    /// `dim=[]`), otherwise the wrapped dims, sorted, refusing repeats.
    func reducedDimensions(_ dims: [Int]?) throws -> [Int] {
        guard let dims, !dims.isEmpty else { return Array(0..<rank) }
        var seen = Set<Int>()
        for dim in dims {
            let d = try wrappedDimension(dim)
            if !seen.insert(d).inserted {
                throw TensorError.runtime("dim \(d) appears multiple times in the list of dims")
            }
        }
        return rank == 0 ? [] : seen.sorted()
    }

    /// Plans a reduction of `dims` (nil: all) of this tensor, reading it through its strides.
    /// With `materializeInner: false`, linear inner offsets are left out (kernels that
    /// walk a run by count and stride need no list as long as the tensor).
    func reductionPlan(_ dims: [Int]?, keepdim: Bool, materializeInner: Bool = true) throws -> ReductionPlan {
        let reduced = try reducedDimensions(dims)
        let isReduced = (0..<rank).map { reduced.contains($0) }
        var kept = shape
        for d in reduced { kept[d] = 1 }
        let keptDims = (0..<rank).filter { !isReduced[$0] }
        let outer = makeView(shape: keptDims.map { shape[$0] }, strides: keptDims.map { strides[$0] }, offset: 0)
        let inner = makeView(shape: reduced.map { shape[$0] }, strides: reduced.map { strides[$0] }, offset: 0)
        let linear = inner.isContiguous
        // The output is a new tensor: refuse its shape (and the offsets list) as allocation does.
        // An empty input (`[0, 2**62, 2**62]`) has no elements to read whatever its other dims.
        _ = try Tensor.storageBytes(outer.shape, itemSize: MemoryLayout<Int>.stride)
        _ = try Tensor.checkedContiguousStrides(outer.shape)
        let outerBytes = outer.count &* MemoryLayout<Int>.stride
        guard MemoryBudget.allows(Double(outerBytes)) else { throw TensorError.runtime(Storage.allocationFailure(bytes: outerBytes)) }
        let empty = count == 0
        return ReductionPlan(
            outputShape: keepdim ? kept : keptDims.map { shape[$0] }, keptShape: kept,
            reducedDims: reduced, outerOffsets: outer.elementOffsets(),
            innerOffsets: empty || (linear && !materializeInner) ? [] : inner.elementOffsets(),
            innerIsLinear: linear, reducedCount: empty ? 0 : inner.count)
    }

    /// PyTorch's name for a dtype in error messages ("Float", "Long", "Bool").
    var scalarTypeName: String {
        switch dtype {
        case .float32: return "Float"
        case .int64: return "Long"
        case .bool: return "Bool"
        case .float64: return "Double"
        }
    }

    /// `gradient` (of a reduction's output shape) repeated along the reduced dims:
    /// a contiguous float tensor of `shape` (the reduced input's), each element times `scale`.
    static func expandedGradient(_ gradient: Tensor, to shape: [Int], plan: ReductionPlan,
                                 scale: Float = 1) throws -> Tensor {
        let g = try gradient.contiguousData()
        // Read the gradient as the keepdim shape, broadcast over the reduced dims.
        let keptView = g.makeView(shape: plan.keptShape, strides: Tensor.contiguousStrides(plan.keptShape),
                                  offset: g.offset)
        let out = try keptView.broadcastView(to: shape).copyData(as: .float32)
        if scale != 1 {
            let p = out.floatPointer
            for i in 0..<out.count { p[i] *= scale }
        }
        return out
    }
}

/// Splits `count` rows into chunks run on all cores when the work is large enough.
enum RowParallel {
    /// Read once: asking the system on every reduction cost ~16% of a small `sum()`.
    private static let cores = ProcessInfo.processInfo.activeProcessorCount

    /// Calls `body` on disjoint ranges covering `0..<count`; in parallel when
    /// `count * workPerRow` passes a threshold where threads pay for themselves.
    static func forEach(_ count: Int, workPerRow: Int, _ body: (Range<Int>) -> Void) {
        let total = count * Swift.max(workPerRow, 1)
        guard cores > 1, count > 1, total >= 1 << 15 else {
            if count > 0 { body(0..<count) }
            return
        }
        let chunks = Swift.min(count, cores * 4)
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            let start = count * c / chunks, end = count * (c + 1) / chunks
            if start < end { body(start..<end) }
        }
    }
}
