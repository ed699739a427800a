// numpy's reductions and scans over tensors of any dtype: sum (numpy's pairwise order),
// prod, max/min and their positions, cumsum/cumprod, argsort. Outside autograd; the
// numpy binding composes mean/var/std from these.

import Foundation

extension Tensor {
    /// `np.add.reduce` over `axes` (nil: all) in `type` (float64, float32 or int64).
    /// Reductions over trailing axes add in numpy's pairwise order (blocks of 8, split
    /// past 128 elements); other axes add sequentially, as numpy's iterator does.
    public func arraySum(axes: [Int]?, keepdims: Bool, as type: DType) throws -> Tensor {
        let x = try converted(to: type)
        let plan = try x.reductionPlan(axes, keepdim: keepdims)
        let out = try Tensor(zeros: plan.outputShape, dtype: type)
        let trailing = plan.reducedDims == Array((rank - plan.reducedDims.count)..<rank)
        let n = plan.reducedCount
        // The element stride along the flattened reduced dims, when they walk one stride.
        var stride = 1
        if n > 1 {
            stride = plan.innerOffsets[1] - plan.innerOffsets[0]
            for j in 1..<n where plan.innerOffsets[j] != j * stride { stride = 0; break }
        }
        let pairwise = trailing && stride != 0
        switch type {
        case .float64:
            let p = x.doublePointer, o = out.doublePointer
            for (i, base) in plan.outerOffsets.enumerated() {
                o[i] = pairwise ? Tensor.pairwiseSum(p + base, n, stride)
                                : plan.innerOffsets.reduce(0.0) { $0 + p[base + $1] }
            }
        case .float32:
            let p = x.floatPointer, o = out.floatPointer
            for (i, base) in plan.outerOffsets.enumerated() {
                o[i] = pairwise ? Tensor.pairwiseSum(p + base, n, stride)
                                : plan.innerOffsets.reduce(Float(0)) { $0 + p[base + $1] }
            }
        case .int64, .bool:
            let p = x.int64Pointer, o = out.int64Pointer
            for (i, base) in plan.outerOffsets.enumerated() {
                o[i] = plan.innerOffsets.reduce(Int64(0)) { $0 &+ p[base + $1] }
            }
        }
        return out
    }

    /// numpy's `pairwise_sum`: exact for n < 8, eight partial sums up to 128, halves beyond.
    static func pairwiseSum<T: BinaryFloatingPoint>(_ a: UnsafePointer<T>, _ n: Int, _ stride: Int) -> T {
        if n < 8 {
            var res: T = 0
            for i in 0..<n { res += a[i * stride] }
            return res
        }
        if n <= 128 {
            var r = (0..<8).map { a[$0 * stride] }
            var i = 8
            while i < n - n % 8 {
                for j in 0..<8 { r[j] += a[(i + j) * stride] }
                i += 8
            }
            var res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
            while i < n { res += a[i * stride]; i += 1 }
            return res
        }
        var n2 = n / 2
        n2 -= n2 % 8
        return pairwiseSum(a, n2, stride) + pairwiseSum(a + n2 * stride, n - n2, stride)
    }

    /// `np.multiply.reduce` over `axes` (nil: all), sequentially, in `type`.
    public func arrayProduct(axes: [Int]?, keepdims: Bool, as type: DType) throws -> Tensor {
        let x = try converted(to: type)
        let plan = try x.reductionPlan(axes, keepdim: keepdims)
        let out = try Tensor(zeros: plan.outputShape, dtype: type)
        for (i, base) in plan.outerOffsets.enumerated() {
            switch type {
            case .float64: let p = x.doublePointer; out.doublePointer[i] = plan.innerOffsets.reduce(1.0) { $0 * p[base + $1] }
            case .float32: let p = x.floatPointer; out.floatPointer[i] = plan.innerOffsets.reduce(Float(1)) { $0 * p[base + $1] }
            case .int64, .bool: let p = x.int64Pointer; out.int64Pointer[i] = plan.innerOffsets.reduce(Int64(1)) { $0 &* p[base + $1] }
            }
        }
        return out
    }

    /// `np.max`/`np.min` over `axes` (nil: all): values of this dtype; NaN wins.
    public func arrayExtreme(axes: [Int]?, keepdims: Bool, largest: Bool) throws -> Tensor {
        let plan = try reductionPlan(axes, keepdim: keepdims)
        return try gather(plan, extremePositions(plan, largest: largest))
    }

    /// `np.argmax`/`np.argmin` along `axis` (nil: the flattened array): int64 positions,
    /// the first on ties, the first NaN if any.
    public func arrayExtremePosition(axis: Int?, keepdims: Bool, largest: Bool) throws -> Tensor {
        let source = axis == nil ? try contiguousData().makeView(shape: [count], strides: [1], offset: 0)
            .replacingOffset(offset) : self
        let plan = try source.reductionPlan(axis.map { [$0] } ?? [0], keepdim: keepdims)
        let positions = source.extremePositions(plan, largest: largest)
        return try Tensor(int64s: positions.map { Int64($0) }, shape: plan.outputShape)
    }

    private func replacingOffset(_ value: Int) -> Tensor {
        makeView(shape: shape, strides: strides, offset: value)
    }

    /// `np.cumsum`/`np.cumprod` along `axis` in `type`, sequentially; same shape.
    public func arrayScan(axis: Int, multiply: Bool, as type: DType) throws -> Tensor {
        let x = try converted(to: type)
        let out = try Tensor(zeros: shape, dtype: type)
        let plan = try x.reductionPlan([axis], keepdim: true)
        let outPlan = try out.reductionPlan([axis], keepdim: true)
        for (i, base) in plan.outerOffsets.enumerated() {
            let outBase = outPlan.outerOffsets[i]
            switch type {
            case .float64:
                let p = x.doublePointer, o = out.doublePointer
                var acc: Double = multiply ? 1 : 0
                for (j, off) in plan.innerOffsets.enumerated() {
                    acc = multiply ? acc * p[base + off] : acc + p[base + off]
                    o[outBase + outPlan.innerOffsets[j]] = acc
                }
            case .float32:
                let p = x.floatPointer, o = out.floatPointer
                var acc: Float = multiply ? 1 : 0
                for (j, off) in plan.innerOffsets.enumerated() {
                    acc = multiply ? acc * p[base + off] : acc + p[base + off]
                    o[outBase + outPlan.innerOffsets[j]] = acc
                }
            case .int64, .bool:
                let p = x.int64Pointer, o = out.int64Pointer
                var acc: Int64 = multiply ? 1 : 0
                for (j, off) in plan.innerOffsets.enumerated() {
                    acc = multiply ? acc &* p[base + off] : acc &+ p[base + off]
                    o[outBase + outPlan.innerOffsets[j]] = acc
                }
            }
        }
        return out
    }

    /// `np.argsort` along `axis`: int64 positions of a stable ascending sort, NaNs last.
    public func arrayArgsort(axis: Int) throws -> Tensor {
        let x = try converted(to: .float64)
        let exactInts = dtype == .int64
        let ints = exactInts ? try converted(to: .int64) : x
        let out = try Tensor(zeros: shape, dtype: .int64)
        let plan = try x.reductionPlan([axis], keepdim: true)
        let intPlan = try ints.reductionPlan([axis], keepdim: true)
        let outPlan = try out.reductionPlan([axis], keepdim: true)
        for (i, base) in plan.outerOffsets.enumerated() {
            var order = Array(0..<plan.reducedCount)
            if exactInts {
                let p = ints.int64Pointer, b = intPlan.outerOffsets[i]
                let keys = intPlan.innerOffsets.map { p[b + $0] }
                order = Tensor.stableOrder(order) { keys[$0] < keys[$1] }
            } else {
                let p = x.doublePointer
                let keys = plan.innerOffsets.map { p[base + $0] }
                order = Tensor.stableOrder(order) { a, b in
                    keys[a] < keys[b] || (!keys[a].isNaN && keys[b].isNaN)
                }
            }
            let o = out.int64Pointer, outBase = outPlan.outerOffsets[i]
            for (j, position) in order.enumerated() { o[outBase + outPlan.innerOffsets[j]] = Int64(position) }
        }
        return out
    }

    /// A stable merge sort of `items` by `less`.
    static func stableOrder(_ items: [Int], _ less: (Int, Int) -> Bool) -> [Int] {
        if items.count < 2 { return items }
        let middle = items.count / 2
        let left = stableOrder(Array(items[..<middle]), less), right = stableOrder(Array(items[middle...]), less)
        var merged: [Int] = []
        merged.reserveCapacity(items.count)
        var i = 0, j = 0
        while i < left.count && j < right.count {
            if less(right[j], left[i]) { merged.append(right[j]); j += 1 } else { merged.append(left[i]); i += 1 }
        }
        merged += left[i...]
        merged += right[j...]
        return merged
    }

    /// `a @ b` for `a` [..., n, k] and `b` [..., k, m] (batch dims broadcast), in `type`
    /// (float64, float32 or int64): a plain triple loop, floats accumulated in Double.
    public static func arrayMatmul(_ a: Tensor, _ b: Tensor, as type: DType) throws -> Tensor {
        guard a.rank >= 2, b.rank >= 2 else { throw TensorError.runtime("arrayMatmul needs rank >= 2") }
        let n = a.shape[a.rank - 2], k = a.shape[a.rank - 1], m = b.shape[b.rank - 1]
        let batch = try broadcastShapes(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))
        let x = try a.broadcastView(to: batch + [n, k]).converted(to: type == .int64 ? .int64 : .float64).contiguousData()
        let y = try b.broadcastView(to: batch + [k, m]).converted(to: type == .int64 ? .int64 : .float64).contiguousData()
        let batches = batch.reduce(1, *)
        if type == .int64 {
            let out = try Tensor(zeros: batch + [n, m], dtype: .int64)
            let p = x.int64Pointer, q = y.int64Pointer, o = out.int64Pointer
            for t in 0..<batches {
                for i in 0..<n {
                    for j in 0..<m {
                        var acc: Int64 = 0
                        for l in 0..<k { acc &+= p[t * n * k + i * k + l] &* q[t * k * m + l * m + j] }
                        o[t * n * m + i * m + j] = acc
                    }
                }
            }
            return out
        }
        let out = try Tensor(zeros: batch + [n, m], dtype: .float64)
        let p = x.doublePointer, q = y.doublePointer, o = out.doublePointer
        // i-l-j order: each output row gains a[i, l] * b[l, :] for l = 0, 1, ...; every
        // element still sums its products in l order, and the inner loop vectorises.
        for t in 0..<batches {
            let a = p + t * n * k, b = q + t * k * m, c = o + t * n * m
            for i in 0..<n {
                let row = c + i * m
                for l in 0..<k {
                    let factor = a[i * k + l], source = b + l * m
                    for j in 0..<m { row[j] += factor * source[j] }
                }
            }
        }
        return type == .float64 ? out : try out.converted(to: type)
    }
}
