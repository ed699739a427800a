// Selecting reductions: max/min (with and without dim), argmax/argmin, amax/amin.
// Serves greedy decoding (argmax over logits, chapter 4) and numerically stable softmax.

extension Tensor {
    // Named maxElement/maxAlong rather than `max`: a member called `max` would hide
    // Swift's global `max(_:_:)` inside every `extension Tensor` of the module.

    /// `x.max()`: the largest element as a 0-d tensor (NaN wins, as in PyTorch).
    /// Backward (`MaxBackward1`): the gradient shared evenly among the elements equal to it.
    public func maxElement() throws -> Tensor { try extremeOfAll(largest: true) }

    /// `x.min()`: the smallest element as a 0-d tensor. Backward `MinBackward1`.
    public func minElement() throws -> Tensor { try extremeOfAll(largest: false) }

    /// `x.max(dim, keepdim)`: `(values, indices)` along `dim`; indices are int64 and
    /// point at the first occurrence on ties. Backward (`MaxBackward0`): the gradient
    /// goes to the selected positions.
    public func maxAlong(dim: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremeAlong(dim: dim, keepdim: keepdim, largest: true)
    }

    /// `x.min(dim, keepdim)`: `(values, indices)`, as `maxAlong(dim:)`. Backward `MinBackward0`.
    public func minAlong(dim: Int, keepdim: Bool = false) throws -> (values: Tensor, indices: Tensor) {
        try extremeAlong(dim: dim, keepdim: keepdim, largest: false)
    }

    /// `x.argmax()` (index into the flattened tensor) or `x.argmax(dim, keepdim)`; int64.
    public func argmax(dim: Int? = nil, keepdim: Bool = false) throws -> Tensor {
        try argExtreme(dim: dim, keepdim: keepdim, largest: true)
    }

    /// `x.argmin()` / `x.argmin(dim, keepdim)`; int64.
    public func argmin(dim: Int? = nil, keepdim: Bool = false) throws -> Tensor {
        try argExtreme(dim: dim, keepdim: keepdim, largest: false)
    }

    /// `x.amax(dim, keepdim)`: the maximum over `dims` (nil or `[]`: all), values only.
    /// Backward (`AmaxBackward0`): each slice's gradient shared evenly among its ties.
    public func amax(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        try extremeValues(dims: dims, keepdim: keepdim, largest: true, op: "amax", name: "AmaxBackward0")
    }

    /// `x.amin(dim, keepdim)`: the minimum over `dims`. Backward `AminBackward0`.
    public func amin(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        try extremeValues(dims: dims, keepdim: keepdim, largest: false, op: "amin", name: "AminBackward0")
    }

    // MARK: forward and backward

    private func extremeOfAll(largest: Bool) throws -> Tensor {
        let op = largest ? "max" : "min"
        guard count > 0 else {
            throw TensorError.runtime(
                "\(op)(): Expected reduction dim to be specified for input.numel() == 0. "
                + "Specify the reduction dim with the 'dim' argument.")
        }
        return try extremeValues(dims: nil, keepdim: false, largest: largest, op: op,
                                 name: largest ? "MaxBackward1" : "MinBackward1")
    }

    /// Values of the extreme over `dims`; backward shares each slice's gradient among ties.
    private func extremeValues(dims: [Int]?, keepdim: Bool, largest: Bool, op: String,
                               name: String) throws -> Tensor {
        let plan = try reductionPlan(dims, keepdim: keepdim)
        try checkNonEmptySlices(plan, op: op)
        let positions = extremePositions(plan, largest: largest)
        let out = try gather(plan, positions)
        guard dtype == .float32 else { return out }
        return out.recordingGrad(name, inputs: [self]) { [self] g in
            let gc = try g.contiguousData()
            let result = try Tensor(zeros: shape)
            let resultPlan = try result.reductionPlan(dims, keepdim: keepdim)
            let x = floatPointer, r = result.floatPointer, gp = gc.floatPointer
            for (i, base) in plan.outerOffsets.enumerated() {
                let best = x[base + plan.innerOffsets[positions[i]]]
                let ties = plan.innerOffsets.filter { Tensor.sameValue(x[base + $0], best) }.count
                let share = gp[i] / Float(ties)
                for (j, o) in plan.innerOffsets.enumerated() where Tensor.sameValue(x[base + o], best) {
                    r[resultPlan.outerOffsets[i] + resultPlan.innerOffsets[j]] = share
                }
            }
            return [result]
        }
    }

    private func extremeAlong(dim: Int, keepdim: Bool, largest: Bool) throws -> (values: Tensor, indices: Tensor) {
        let plan = try reductionPlan([dim], keepdim: keepdim)
        try checkNonEmptySlices(plan, op: largest ? "max" : "min")
        let positions = extremePositions(plan, largest: largest)
        let values = try gather(plan, positions)
        let indices = try Tensor(int64s: positions.map { Int64($0) }, shape: plan.outputShape)
        guard dtype == .float32 else { return (values, indices) }
        values.recordingGrad(largest ? "MaxBackward0" : "MinBackward0", inputs: [self]) { [shape] g in
            [try Tensor.scatterSelected(g, positions: positions, inputShape: shape, dims: [dim])]
        }
        return (values, indices)
    }

    private func argExtreme(dim: Int?, keepdim: Bool, largest: Bool) throws -> Tensor {
        let op = largest ? "argmax" : "argmin"
        if dim == nil && count == 0 {
            throw TensorError.index("\(op)(): Expected reduction dim to be specified for input.numel() == 0.")
        }
        let plan = try reductionPlan(dim.map { [$0] }, keepdim: keepdim)
        try checkNonEmptySlices(plan, op: op)
        let positions = extremePositions(plan, largest: largest)
        let shape = dim == nil && keepdim ? [Int](repeating: 1, count: rank) : plan.outputShape
        return try Tensor(int64s: positions.map { Int64($0) }, shape: shape)
    }

    /// PyTorch's error for a reduction over a dim of size 0.
    private func checkNonEmptySlices(_ plan: ReductionPlan, op: String) throws {
        guard plan.reducedCount == 0, plan.outputCount > 0 || count == 0 else { return }
        let dim = plan.reducedDims.first(where: { shape[$0] == 0 }) ?? 0
        throw TensorError.index("\(op)(): Expected reduction dim \(dim) to have non-zero size.")
    }

    /// For each output element, the position (in inner order) of its slice's extreme:
    /// the first one on ties; NaN counts as the extreme, as in PyTorch.
    func extremePositions(_ plan: ReductionPlan, largest: Bool) -> [Int] {
        var positions = [Int](repeating: 0, count: plan.outputCount)
        guard plan.reducedCount > 0 else { return positions }
        switch dtype {
        case .float32:
            let p = floatPointer, n = plan.reducedCount
            plan.innerOffsets.withUnsafeBufferPointer { inner in
                for (i, base) in plan.outerOffsets.enumerated() {
                    let row = p + base
                    var best = row[inner[0]], at = 0
                    if best.isNaN { positions[i] = 0; continue }
                    var j = 1
                    while j < n {
                        let v = row[plan.innerIsLinear ? j : inner[j]]
                        if v.isNaN { at = j; break }
                        if largest ? v > best : v < best { best = v; at = j }
                        j += 1
                    }
                    positions[i] = at
                }
            }
        case .float64:
            let p = doublePointer
            for (i, base) in plan.outerOffsets.enumerated() {
                var best = p[base + plan.innerOffsets[0]], at = 0
                if best.isNaN { positions[i] = 0; continue }
                for (j, o) in plan.innerOffsets.enumerated().dropFirst() {
                    let v = p[base + o]
                    if v.isNaN { at = j; break }
                    if largest ? v > best : v < best { best = v; at = j }
                }
                positions[i] = at
            }
        case .int64:
            let p = int64Pointer
            for (i, base) in plan.outerOffsets.enumerated() {
                var best = p[base + plan.innerOffsets[0]], at = 0
                for (j, o) in plan.innerOffsets.enumerated().dropFirst() {
                    let v = p[base + o]
                    if largest ? v > best : v < best { best = v; at = j }
                }
                positions[i] = at
            }
        case .bool:
            let p = boolPointer
            for (i, base) in plan.outerOffsets.enumerated() {
                var best = p[base + plan.innerOffsets[0]], at = 0
                for (j, o) in plan.innerOffsets.enumerated().dropFirst() {
                    let v = p[base + o]
                    if largest ? v > best : v < best { best = v; at = j }
                }
                positions[i] = at
            }
        }
        return positions
    }

    /// The elements at `positions` (one per output element), same dtype, output shape.
    func gather(_ plan: ReductionPlan, _ positions: [Int]) throws -> Tensor {
        let out = try Tensor(zeros: plan.outputShape, dtype: dtype)
        for (i, base) in plan.outerOffsets.enumerated() {
            let o = base + plan.innerOffsets[positions[i]]
            switch dtype {
            case .float32: out.floatPointer[i] = floatPointer[o]
            case .int64: out.int64Pointer[i] = int64Pointer[o]
            case .bool: out.boolPointer[i] = boolPointer[o]
            case .float64: out.doublePointer[i] = doublePointer[o]
            }
        }
        return out
    }

    /// The gradient of a selection along `dims`: zeros of `inputShape` with `g[i]`
    /// added at slice `i`'s selected position (`positions[i]`, in inner order).
    static func scatterSelected(_ g: Tensor, positions: [Int], inputShape: [Int], dims: [Int]) throws -> Tensor {
        let gc = try g.contiguousData()
        let result = try Tensor(zeros: inputShape)
        let plan = try result.reductionPlan(dims, keepdim: false)
        let r = result.floatPointer, gp = gc.floatPointer
        for (i, base) in plan.outerOffsets.enumerated() { r[base + plan.innerOffsets[positions[i]]] += gp[i] }
        return result
    }

    /// Equality that treats NaN as equal to NaN (for sharing gradients among ties).
    static func sameValue(_ a: Float, _ b: Float) -> Bool { a == b || (a.isNaN && b.isNaN) }
}
