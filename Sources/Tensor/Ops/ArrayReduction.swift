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
    /// (float64, float32 or int64). Floats accumulate in their own precision with fused
    /// multiply-adds, k in order from zero: what a BLAS GEMM micro-kernel does for one
    /// panel of k (so numpy's results match bit for bit while k stays within one panel).
    public static func arrayMatmul(_ a: Tensor, _ b: Tensor, as type: DType) throws -> Tensor {
        guard a.rank >= 2, b.rank >= 2 else { throw TensorError.runtime("arrayMatmul needs rank >= 2") }
        let n = a.shape[a.rank - 2], k = a.shape[a.rank - 1], m = b.shape[b.rank - 1]
        let batch = try broadcastShapes(Array(a.shape.dropLast(2)), Array(b.shape.dropLast(2)))
        let x = try a.broadcastView(to: batch + [n, k]).converted(to: type).contiguousData()
        let y = try b.broadcastView(to: batch + [k, m]).converted(to: type).contiguousData()
        let batches = Tensor.elementCount(batch)
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
        let out = try Tensor(zeros: batch + [n, m], dtype: type)
        if type == .float32 {
            fusedProduct(x.floatPointer, y.floatPointer, out.floatPointer, batches: batches, n: n, k: k, m: m)
        } else {
            fusedProduct(x.doublePointer, y.doublePointer, out.doublePointer, batches: batches, n: n, k: k, m: m)
        }
        return out
    }

    /// `c[i, j] = fma(a[i, l], b[l, j], c[i, j])` for l = 0..<k, in i-l-j order so the inner
    /// loop runs along rows (each element still adds its products in l order).
    private static func fusedProduct<T: BinaryFloatingPoint>(_ p: UnsafeMutablePointer<T>, _ q: UnsafeMutablePointer<T>,
                                                             _ o: UnsafeMutablePointer<T>, batches: Int, n: Int, k: Int, m: Int) {
        for t in 0..<batches {
            let a = p + t * n * k, b = q + t * k * m, c = o + t * n * m
            for i in 0..<n {
                let row = c + i * m
                for l in 0..<k {
                    let factor = a[i * k + l], source = b + l * m
                    for j in 0..<m { row[j].addProduct(factor, source[j]) }
                }
            }
        }
    }
}

extension Tensor {
    /// `x · y` for two 1-D float64 tensors of one length, in the order OpenBLAS's AVX-512
    /// ddot adds (what numpy calls): 32-element blocks into four 8-lane fused accumulators,
    /// folded to four 4-lane ones that take a last 16-element block, reduced pairwise; the
    /// elements past the last multiple of 16 then fuse onto the sum one by one.
    public static func arrayDot(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let x = try a.converted(to: .float64).contiguousData(), y = try b.converted(to: .float64).contiguousData()
        let n = min(x.count, y.count)
        let p = x.doublePointer, q = y.doublePointer
        var dot = 0.0
        let blocked = n & ~15
        if blocked > 0 {
            var wide = [Double](repeating: 0, count: 32)  // four 8-lane accumulators
            let wideEnd = blocked & ~31
            var i = 0
            while i < wideEnd {
                for lane in 0..<32 { wide[lane].addProduct(p[i + lane], q[i + lane]) }
                i += 32
            }
            // Fold each 8-lane accumulator to 4 lanes: low half + high half.
            var narrow = [Double](repeating: 0, count: 16)
            for v in 0..<4 { for j in 0..<4 { narrow[v * 4 + j] = wide[v * 8 + j] + wide[v * 8 + 4 + j] } }
            while i < blocked {
                for j in 0..<16 { narrow[j].addProduct(p[i + j], q[i + j]) }
                i += 16
            }
            var total = [Double](repeating: 0, count: 4)
            for j in 0..<4 {
                let pair: Double = narrow[j] + narrow[4 + j]
                total[j] = (pair + narrow[8 + j]) + narrow[12 + j]
            }
            let even: Double = total[0] + total[2], odd: Double = total[1] + total[3]
            dot = even + odd
        }
        for i in blocked..<n { dot.addProduct(q[i], p[i]) }
        return try Tensor(doubles: [dot], shape: [])
    }
}

extension Tensor {
    /// `A @ x` for a float64 matrix [n, k] (n >= 2) and vector [k], in the order OpenBLAS's
    /// x86-64 dgemv_t adds (what numpy calls): rows of k in blocks of up to 2048, each block
    /// summed per output by a kernel chosen by the output's group (four fused lanes folded
    /// (l0 + l2) + (l1 + l3) for groups of four outputs; two-lane multiply-then-add kernels
    /// for the last two or one), blocks added in order; the last k mod 4 terms added after.
    public static func arrayMatrixVector(_ a: Tensor, _ v: Tensor) throws -> Tensor {
        let m = try a.converted(to: .float64).contiguousData(), x = try v.converted(to: .float64).contiguousData()
        let n = m.shape[0], k = m.shape[1]
        let out = try Tensor(zeros: [n], dtype: .float64)
        let p = m.doublePointer, q = x.doublePointer, y = out.doublePointer
        let blockLimit = 2048
        let remainder = k & 3
        var blockStart = 0
        var left = k & ~3
        while left > 0 {
            let block = min(left, blockLimit)
            for j in 0..<n {
                let row = p + j * k
                let kind = j < (n & ~3) ? 4 : ((n & 2) != 0 && j < (n & ~3) + 2 ? 2 : 1)
                y[j] = y[j] + blockSum(row, q, blockStart, blockStart + block, kind: kind)
            }
            blockStart += block
            left -= block
        }
        for j in 0..<n where remainder > 0 {
            let row = p + j * k, s = k - remainder
            if remainder == 1 {
                y[j].addProduct(row[s], q[s])
            } else {
                var t = (row[s + 1] * q[s + 1]).addingProduct(row[s], q[s])
                if remainder == 3 { t.addProduct(row[s + 2], q[s + 2]) }
                y[j] = y[j] + t
            }
        }
        return out
    }

    /// One output's sum over rows `lo..<hi` (a multiple of 4) in the dgemv_t kernel `kind`.
    private static func blockSum(_ row: UnsafeMutablePointer<Double>, _ x: UnsafeMutablePointer<Double>,
                                 _ lo: Int, _ hi: Int, kind: Int) -> Double {
        var l0 = 0.0, l1 = 0.0, l2 = 0.0, l3 = 0.0
        var i = lo
        switch kind {
        case 4:  // four fused lanes
            while i < hi {
                l0.addProduct(row[i], x[i]); l1.addProduct(row[i + 1], x[i + 1])
                l2.addProduct(row[i + 2], x[i + 2]); l3.addProduct(row[i + 3], x[i + 3])
                i += 4
            }
            return (l0 + l2) + (l1 + l3)
        case 2:  // one two-lane accumulator, multiply then add
            while i < hi {
                l0 = l0 + row[i] * x[i]; l1 = l1 + row[i + 1] * x[i + 1]
                l0 = l0 + row[i + 2] * x[i + 2]; l1 = l1 + row[i + 3] * x[i + 3]
                i += 4
            }
            return l0 + l1
        default:  // two two-lane accumulators, multiply then add
            while i < hi {
                l0 = l0 + row[i] * x[i]; l1 = l1 + row[i + 1] * x[i + 1]
                l2 = l2 + row[i + 2] * x[i + 2]; l3 = l3 + row[i + 3] * x[i + 3]
                i += 4
            }
            let s0: Double = l2 + l0, s1: Double = l3 + l1
            return s0 + s1
        }
    }
}

extension Tensor {
    /// `x @ B` for a float64 vector [k] and matrix [k, p] (p >= 2), in the order OpenBLAS's
    /// x86-64 dgemv_n adds (what numpy calls). Outputs in groups of four take the columns of
    /// B four rows at a time, `y + fma(b3, x3, fma(b2, x2, fma(b0, x0, b1 * x1)))`, then two
    /// rows as `y + fma(b0, x0, b1 * x1)`, then one as `y + b0 * x0`; the last p mod 4
    /// outputs sum fused from zero, in pairs when p itself is 2 or 3.
    public static func arrayVectorMatrix(_ v: Tensor, _ b: Tensor) throws -> Tensor {
        let x = try v.converted(to: .float64).contiguousData(), m = try b.converted(to: .float64).contiguousData()
        let k = m.shape[0], p = m.shape[1]
        let out = try Tensor(zeros: [p], dtype: .float64)
        let q = x.doublePointer, a = m.doublePointer, y = out.doublePointer
        let grouped = p & ~3
        for j in 0..<p {
            @inline(__always) func c(_ i: Int) -> Double { a[i * p + j] }
            var sum = 0.0
            if j < grouped {
                var i = 0
                while i + 4 <= k {
                    var t = (c(i + 1) * q[i + 1]).addingProduct(c(i), q[i])
                    t.addProduct(c(i + 2), q[i + 2])
                    t.addProduct(c(i + 3), q[i + 3])
                    sum = sum + t
                    i += 4
                }
                if k & 2 != 0 {
                    sum = sum + (c(i + 1) * q[i + 1]).addingProduct(c(i), q[i])
                    i += 2
                }
                if k & 1 != 0 { sum = sum + c(i) * q[i] }
            } else if p == 2 || p == 3 {
                var i = 0
                while i + 4 <= k {
                    sum = sum + (c(i + 1) * q[i + 1]).addingProduct(c(i), q[i])
                    sum = sum + (c(i + 3) * q[i + 3]).addingProduct(c(i + 2), q[i + 2])
                    i += 4
                }
                while i < k { sum.addProduct(c(i), q[i]); i += 1 }
            } else {
                for i in 0..<k { sum.addProduct(c(i), q[i]) }
            }
            y[j] = sum
        }
        return out
    }
}
