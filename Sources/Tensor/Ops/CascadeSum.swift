// PyTorch's float32 summation order (ATen's cascade_sum in SumKernel.cpp), reproduced
// so sums and means print the same digits as PyTorch (losses, LayerNorm means, chapter 4-5).

/// Float sums that add in the order PyTorch's CPU kernel adds.
///
/// PyTorch sums float32 in float32, in vector lanes, four interleaved accumulators
/// ("ilp") each of which is a four-level cascade. The result differs from the exact
/// sum by a few ulps, and those ulps show up in printed values, so we follow it.
/// Covered: reductions whose reduced dims merge into one strided run (a whole tensor
/// in memory order, one dim, or adjacent dims) in one thread, as PyTorch runs inputs
/// of up to 32768 elements; other reductions add in Double and round once.
enum CascadeSum {
    /// Floats per vector in PyTorch's sum kernel: 8. (Measured against torch 2.15 on
    /// an AVX-512 machine: its sums match 8 lanes, not 16.)
    static let vectorWidth = 8

    /// ATen's `multi_row_sum` for one row: `n` values `stride` apart, added into a
    /// four-level cascade whose level size is `2^max(4, ceil(log2 n) / 4)`.
    static func cascade(_ p: UnsafePointer<Float>, stride s: Int, count n: Int) -> Float {
        let power = Swift.max(4, ceilLog2(n) / 4)
        let step = 1 << power, mask = step - 1
        var a0: Float = 0, a1: Float = 0, a2: Float = 0, a3: Float = 0
        var i = 0
        while i + step <= n {
            for _ in 0..<step { a0 += p[i * s]; i += 1 }
            a1 += a0; a0 = 0
            if i & (mask << power) == 0 {
                a2 += a1; a1 = 0
                if i & (mask << (2 * power)) == 0 { a3 += a2; a2 = 0 }
            }
        }
        while i < n { a0 += p[i * s]; i += 1 }
        a0 += a1; a0 += a2; a0 += a3
        return a0
    }

    /// ATen's `row_sum`: four interleaved cascades, the leftover values, then the four combined.
    static func rowSum(_ p: UnsafePointer<Float>, stride s: Int, count n: Int) -> Float {
        let quarter = n / 4
        var p0 = cascade(p, stride: 4 * s, count: quarter)
        let p1 = cascade(p + s, stride: 4 * s, count: quarter)
        let p2 = cascade(p + 2 * s, stride: 4 * s, count: quarter)
        let p3 = cascade(p + 3 * s, stride: 4 * s, count: quarter)
        for i in (quarter * 4)..<n { p0 += p[i * s] }
        p0 += p1; p0 += p2; p0 += p3
        return p0
    }

    /// ATen's `vectorized_inner_sum` for one contiguous row: a `rowSum` per vector
    /// lane (run on 8-float SIMD vectors, lane for lane the same float adds), then
    /// the tail added one by one, then the lanes in order.
    static func vectorInnerSum(_ p: UnsafePointer<Float>, count n: Int) -> Float {
        let vectors = n / 8, quarter = vectors / 4
        func load(_ v: Int) -> SIMD8<Float> { UnsafeRawPointer(p + v * 8).loadUnaligned(as: SIMD8<Float>.self) }
        // multi_row_sum over vectors: four interleaved rows (vector 4i + k is row k), each a cascade.
        let power = Swift.max(4, ceilLog2(quarter) / 4)
        let step = 1 << power, mask = step - 1
        var acc = [SIMD8<Float>](repeating: .zero, count: 16)  // [level * 4 + row]
        var i = 0
        while i + step <= quarter {
            for _ in 0..<step {
                for k in 0..<4 { acc[k] += load(4 * i + k) }
                i += 1
            }
            for level in 1..<4 {
                for k in 0..<4 { acc[level * 4 + k] += acc[(level - 1) * 4 + k]; acc[(level - 1) * 4 + k] = .zero }
                if i & (mask << (level * power)) != 0 { break }
            }
        }
        while i < quarter {
            for k in 0..<4 { acc[k] += load(4 * i + k) }
            i += 1
        }
        for level in 1..<4 { for k in 0..<4 { acc[k] += acc[level * 4 + k] } }
        var partial = acc[0]
        for v in (quarter * 4)..<vectors { partial += load(v) }
        partial += acc[1]; partial += acc[2]; partial += acc[3]
        var total: Float = 0
        for k in (vectors * 8)..<n { total += p[k] }
        for lane in 0..<8 { total += partial[lane] }
        return total
    }

    /// `c10::utils::CeilLog2`.
    static func ceilLog2(_ x: Int) -> Int {
        if x <= 2 { return 1 }
        return (Int.bitWidth - (x - 1).leadingZeroBitCount - 1) + 1
    }
}

extension Tensor {
    /// Writes the float32 sums PyTorch computes for `plan`'s output elements into
    /// `out`; false (nothing written) when the reduced dims do not merge into one run.
    func torchOrderSums(_ plan: ReductionPlan, into out: UnsafeMutablePointer<Float>) -> Bool {
        // An empty input (perhaps `[0, 2**62, 2**62]`) takes the general path, which reads nothing.
        guard dtype == .float32, count > 0 else { return false }
        // The reduced dims, fastest first, merged while each continues the previous.
        let reduced = plan.reducedDims.filter { shape[$0] != 1 }.sorted { strides[$0] < strides[$1] }
        var count = 1, stride = 1
        for (k, d) in reduced.enumerated() {
            if k == 0 { count = shape[d]; stride = strides[d]; continue }
            guard strides[d] == count * stride else { return false }
            count *= shape[d]
        }
        if reduced.isEmpty { stride = 1 }
        // The fastest output dim as PyTorch's iterator sees it: the trailing kept dims,
        // merged while their input strides continue one another.
        let kept = (0..<rank).filter { !plan.reducedDims.contains($0) && shape[$0] != 1 }
        var columns = 1, columnStride = 0
        for d in kept.reversed() {
            if columns == 1 { columns = shape[d]; columnStride = strides[d]; continue }
            guard strides[d] == columns * columnStride else { break }
            columns *= shape[d]
        }
        let width = CascadeSum.vectorWidth
        let p = UnsafePointer(floatPointer)
        plan.outerOffsets.withUnsafeBufferPointer { outer in
            RowParallel.forEach(outer.count, workPerRow: count) { rows in
                for i in rows {
                    let start = p + outer[i], j = i % columns
                    if stride == 1 && count >= width {
                        out[i] = CascadeSum.vectorInnerSum(start, count: count)
                    } else if columnStride == 1 && columns >= width {
                        // Vectorised outer sum: columns in blocks of 4 vectors use one cascade each.
                        let blocked = columns / (4 * width) * (4 * width)
                        out[i] = j < blocked ? CascadeSum.cascade(start, stride: stride, count: count)
                            : CascadeSum.rowSum(start, stride: stride, count: count)
                    } else if stride < columnStride {
                        out[i] = CascadeSum.rowSum(start, stride: stride, count: count)
                    } else {
                        // Scalar outer sum (also a whole tensor of fewer elements than a vector).
                        out[i] = j < columns / 4 * 4 ? CascadeSum.cascade(start, stride: stride, count: count)
                            : CascadeSum.rowSum(start, stride: stride, count: count)
                    }
                }
            }
        }
        return true
    }
}
