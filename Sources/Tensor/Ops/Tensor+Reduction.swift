// Summing reductions: sum, mean, var, std, prod, all, any, bincount.
// Serves the losses (mean), LayerNorm (mean/var, chapter 4) and data statistics.

import Foundation

extension Tensor {
    // MARK: sum and mean

    /// `x.sum()` / `x.sum(dim, keepdim)`: the sum over `dims` (nil or `[]`: every dim).
    ///
    /// float32 sums add in PyTorch's order (see `CascadeSum`) where we reproduce it,
    /// else in Double rounded once; int64 and bool sum to int64.
    /// Backward (`SumBackward0`/`SumBackward1`): the gradient repeated along `dims`.
    public func sum(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        let plan = try reductionPlan(dims, keepdim: keepdim, materializeInner: dtype != .float32)
        let out: Tensor
        switch dtype {
        case .float32:
            out = try floatSum(plan)
        case .float64:
            out = try Tensor(zeros: plan.outputShape, dtype: .float64)
            let o = out.doublePointer, p = doublePointer
            for (i, base) in plan.outerOffsets.enumerated() {
                var acc = 0.0
                for j in plan.innerOffsets { acc += p[base + j] }
                o[i] = acc
            }
        case .int64, .bool:
            out = try Tensor(zeros: plan.outputShape, dtype: .int64)
            let o = out.int64Pointer
            if dtype == .int64 {
                let p = int64Pointer
                for (i, base) in plan.outerOffsets.enumerated() {
                    var acc: Int64 = 0
                    for j in plan.innerOffsets { acc &+= p[base + j] }
                    o[i] = acc
                }
            } else {
                let p = boolPointer
                for (i, base) in plan.outerOffsets.enumerated() {
                    var acc: Int64 = 0
                    for j in plan.innerOffsets where p[base + j] != 0 { acc += 1 }
                    o[i] = acc
                }
            }
        }
        let name = dims == nil ? "SumBackward0" : "SumBackward1"
        return out.recordingGrad(name, inputs: [self]) { [shape] g in
            [try Tensor.expandedGradient(g, to: shape, plan: plan)]
        }
    }

    /// `x.mean()` / `x.mean(dim, keepdim)`: the float sum divided by the count (in
    /// float32, as PyTorch's `sum(...).div_(n)`). Integer inputs raise PyTorch's error.
    /// Backward (`MeanBackward0`/`MeanBackward1`): the gradient over `n`, repeated.
    public func mean(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        guard dtype == .float32 else {
            throw TensorError.notImplemented(
                "mean(): could not infer output dtype. Input dtype must be either a floating point or "
                + "complex dtype. Got: \(scalarTypeName)")
        }
        let plan = try reductionPlan(dims, keepdim: keepdim, materializeInner: false)
        let n = Float(plan.reducedCount)
        let out = try floatSum(plan)
        let o = out.floatPointer
        for i in 0..<out.count { o[i] /= n }
        let name = dims == nil ? "MeanBackward0" : "MeanBackward1"
        return out.recordingGrad(name, inputs: [self]) { [shape] g in
            [try Tensor.expandedGradient(g, to: shape, plan: plan, scale: 1 / n)]
        }
    }

    // MARK: variance and standard deviation

    /// `x.var(dim, unbiased=True, keepdim=False)` / `var(dim, correction=c)`:
    /// `sum((x - mean)^2) / max(0, n - correction)`, two passes in Double as PyTorch's
    /// CPU kernel accumulates. Backward (`VarBackward0`): `2/(n-c) * g * (x - mean)`.
    public func variance(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try varianceOrDeviation(dims: dims, correction: correction, keepdim: keepdim, root: false)
    }

    /// `x.std(dim, unbiased=True, keepdim=False)`: the square root of `variance`.
    /// Backward (`StdBackward0`): the variance backward of `g / (2 * std)`.
    public func std(dims: [Int]? = nil, correction: Double = 1, keepdim: Bool = false) throws -> Tensor {
        try varianceOrDeviation(dims: dims, correction: correction, keepdim: keepdim, root: true)
    }

    private func varianceOrDeviation(dims: [Int]?, correction: Double, keepdim: Bool, root: Bool) throws -> Tensor {
        guard dtype == .float32 else {
            throw TensorError.notImplemented("std and var only support floating point and complex dtypes")
        }
        let plan = try reductionPlan(dims, keepdim: keepdim)
        let n = plan.reducedCount
        let divisor = Swift.max(0, Double(n) - correction)
        let out = try reduceFloat(plan) { p, inner, linear in
            let mean = Tensor.doubleSum(p, inner, linear) / Double(n)
            var squares: Double = 0
            for j in inner { let d = Double(p[j]) - mean; squares += d * d }
            let v = squares / divisor
            return Float(root ? v.squareRoot() : v)
        }
        let saved = out.detach()
        return out.recordingGrad(root ? "StdBackward0" : "VarBackward0", inputs: [self]) { [self] g in
            // g' = g / (2 std) for std; then (2 / dof) * g' * (x - mean(x)).
            var gradient = try g.contiguousData()
            if root {
                gradient = try gradient.copyData(as: .float32)
                let gp = gradient.floatPointer, sp = saved.floatPointer
                for i in 0..<gradient.count { gp[i] = gp[i] / (2 * sp[i]) }
            }
            let result = try Tensor.expandedGradient(gradient, to: shape, plan: plan, scale: Float(2 / divisor))
            // PyTorch's var_backward centres with self.mean(dim): the float mean.
            let means = try mean(dims: plan.reducedDims.isEmpty ? nil : plan.reducedDims)
            let source = try contiguousData()
            let centred = try Tensor.expandedGradient(means, to: shape, plan: plan)
            let r = result.floatPointer, x = source.floatPointer, m = centred.floatPointer
            for i in 0..<result.count { r[i] *= x[i] - m[i] }
            return [result]
        }
    }

    // MARK: product

    /// `x.prod()` / `x.prod(dim, keepdim)`. Backward (`ProdBackward0`/`ProdBackward1`):
    /// each element gets `g` times the product of the others in its slice (exact with zeros).
    public func prod(dim: Int? = nil, keepdim: Bool = false) throws -> Tensor {
        if dtype == .float64 { throw Tensor.float64Refusal }
        let plan = try reductionPlan(dim.map { [$0] }, keepdim: dim == nil ? false : keepdim)
        if dtype != .float32 {
            let values = try copyData(as: .int64)
            let p = values.int64Pointer
            let contiguousPlan = try values.reductionPlan(dim.map { [$0] }, keepdim: dim == nil ? false : keepdim)
            let out = try Tensor(zeros: plan.outputShape, dtype: .int64)
            for (i, base) in contiguousPlan.outerOffsets.enumerated() {
                var acc: Int64 = 1
                for j in contiguousPlan.innerOffsets { acc = acc &* p[base + j] }
                out.int64Pointer[i] = acc
            }
            return out
        }
        let out = try reduceFloat(plan) { p, inner, _ in
            var acc: Float = 1
            for j in inner { acc *= p[j] }
            return acc
        }
        return out.recordingGrad(dim == nil ? "ProdBackward0" : "ProdBackward1", inputs: [self]) { [self] g in
            let gc = try g.contiguousData()
            let result = try Tensor(zeros: shape)
            let resultPlan = try result.reductionPlan(dim.map { [$0] }, keepdim: false)
            let x = floatPointer, r = result.floatPointer, gp = gc.floatPointer
            var prefix = [Float](repeating: 1, count: plan.reducedCount + 1)
            for (i, base) in plan.outerOffsets.enumerated() {
                // Product of the others = prefix product before j times suffix product after j.
                for (j, o) in plan.innerOffsets.enumerated() { prefix[j + 1] = prefix[j] * x[base + o] }
                var suffix: Float = 1
                for j in stride(from: plan.reducedCount - 1, through: 0, by: -1) {
                    r[resultPlan.outerOffsets[i] + resultPlan.innerOffsets[j]] = gp[i] * prefix[j] * suffix
                    suffix *= x[base + plan.innerOffsets[j]]
                }
            }
            return [result]
        }
    }

    // MARK: logical reductions

    /// `x.all()` / `x.all(dim, keepdim)`: whether every element is nonzero (bool result).
    public func all(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        try logicalReduction(dims: dims, keepdim: keepdim, every: true)
    }

    /// `x.any()` / `x.any(dim, keepdim)`: whether some element is nonzero (bool result).
    public func any(dims: [Int]? = nil, keepdim: Bool = false) throws -> Tensor {
        try logicalReduction(dims: dims, keepdim: keepdim, every: false)
    }

    private func logicalReduction(dims: [Int]?, keepdim: Bool, every: Bool) throws -> Tensor {
        let source = try copyData(as: .bool)
        let plan = try source.reductionPlan(dims, keepdim: keepdim)
        let out = try Tensor(zeros: plan.outputShape, dtype: .bool)
        let p = source.boolPointer, o = out.boolPointer
        for (i, base) in plan.outerOffsets.enumerated() {
            var result = every
            for j in plan.innerOffsets where (p[base + j] != 0) != every { result = !every; break }
            o[i] = result ? 1 : 0
        }
        return out
    }

    // MARK: counting

    /// `x.bincount(minlength=0)`: for a 1-D non-negative int64 tensor, how often each
    /// value occurs; length `max(max(x) + 1, minlength)`, int64.
    public func bincount(minlength: Int = 0) throws -> Tensor {
        guard !dtype.isFloatingPoint else {
            throw TensorError.notImplemented("\"bincount_cpu\" not implemented for '\(dtype.typeName)'")
        }
        guard minlength >= 0 else { throw TensorError.runtime("minlength should be >= 0") }
        let values = int64Values()
        guard rank == 1, !values.contains(where: { $0 < 0 }) else {
            throw TensorError.runtime("bincount only supports 1-d non-negative integral inputs.")
        }
        let length = Swift.max(Int(values.max() ?? -1) + 1, minlength)
        let out = try Tensor(zeros: [length], dtype: .int64)
        let o = out.int64Pointer
        for v in values { o[Int(v)] += 1 }
        return out
    }

    // MARK: kernels

    /// float32 sums over `plan`: PyTorch's order where reproduced, else Double.
    private func floatSum(_ plan: ReductionPlan) throws -> Tensor {
        let out = try Tensor(zeros: plan.outputShape, dtype: .float32)
        if torchOrderSums(plan, into: out.floatPointer) { return out }
        let full = try reductionPlan(plan.reducedDims, keepdim: plan.outputShape == plan.keptShape)
        return try reduceFloat(full) { Float(Tensor.doubleSum($0, $1, $2)) }
    }

    /// Runs `body` on each output element's slice: the pointer at the slice's base,
    /// the inner offsets and whether they are linear. Rows run in parallel when large.
    func reduceFloat(_ plan: ReductionPlan,
                     _ body: (UnsafePointer<Float>, UnsafeBufferPointer<Int>, Bool) -> Float) throws -> Tensor {
        let out = try Tensor(zeros: plan.outputShape, dtype: .float32)
        let p = UnsafePointer(floatPointer), o = out.floatPointer
        plan.innerOffsets.withUnsafeBufferPointer { inner in
            plan.outerOffsets.withUnsafeBufferPointer { outer in
                RowParallel.forEach(outer.count, workPerRow: inner.count) { rows in
                    for i in rows { o[i] = body(p + outer[i], inner, plan.innerIsLinear) }
                }
            }
        }
        return out
    }

    /// The Double sum of a slice, with four accumulators on the linear path.
    static func doubleSum(_ p: UnsafePointer<Float>, _ inner: UnsafeBufferPointer<Int>, _ linear: Bool) -> Double {
        let n = inner.count
        guard linear else {
            var acc: Double = 0
            for j in inner { acc += Double(p[j]) }
            return acc
        }
        var a0: Double = 0, a1: Double = 0, a2: Double = 0, a3: Double = 0
        var j = 0
        while j + 4 <= n {
            a0 += Double(p[j]); a1 += Double(p[j + 1]); a2 += Double(p[j + 2]); a3 += Double(p[j + 3])
            j += 4
        }
        while j < n { a0 += Double(p[j]); j += 1 }
        return (a0 + a1) + (a2 + a3)
    }
}
