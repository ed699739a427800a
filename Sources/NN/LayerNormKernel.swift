// PyTorch's CPU layer-norm arithmetic, reproduced operation by operation so that
// `F.layer_norm` matches torch bit for bit (ATen's RowwiseMoments and LayerNormKernel).

/// Row statistics the way ATen's `RowwiseMoments` computes them for float32 on this
/// CPU: a Welford pass in 8 lanes over chunks of 16 vectors, chunks merged in a
/// cascade (pairwise), a scalar Welford tail, then the 8 lanes merged into the tail.
/// The compiled kernel fuses some multiply-adds and not others; each `fma` below is
/// one it fuses (found by comparing bit patterns with torch 2.x on AVX512).
public enum LayerNormKernel {
    static let lanes = 8
    static let chunk = 16
    /// `1 / (j + 1)` in Float, as ATen's `c_vecs`.
    static let reciprocals: [Float] = (0..<chunk).map { 1 / Float($0 + 1) }

    /// (mean, biased variance) of `count` floats.
    static func moments(_ x: UnsafePointer<Float>, _ count: Int) -> (mean: Float, variance: Float) {
        let n = count / lanes
        let m = (n + chunk - 1) / chunk
        let depth = m <= 2 ? 1 : Int.bitWidth - (m - 1).leadingZeroBitCount  // ATen's CeilLog2
        // Stack level k holds lanes [k * lanes ..< (k + 1) * lanes]; scratch on the stack.
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: (2 * depth + 2) * lanes) { floats in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: depth) { counts in
                let m1s = floats.baseAddress!, m0s = counts.baseAddress!
                m1s.initialize(repeating: 0, count: floats.count)
                m0s.initialize(repeating: 0, count: depth)
                let m2s = m1s + depth * lanes, m1v = m2s + depth * lanes, m2v = m1v + lanes
                for i in 0..<m {
                    let base = x + i * chunk * lanes
                    let rows = min(chunk, n - i * chunk)
                    for l in 0..<lanes { m1v[l] = 0; m2v[l] = 0 }
                    for j in 0..<rows {
                        let c = reciprocals[j]
                        for l in 0..<lanes {
                            let v = base[j * lanes + l]
                            let d = v - m1v[l]
                            m1v[l] = m1v[l].addingProduct(d, c)
                            m2v[l] = m2v[l].addingProduct(d, v - m1v[l])
                        }
                    }
                    addMomentsVec(rows, m1v, m2v, &m0s[0], m1s, m2s)
                    var mask = i + 1
                    var j = 1
                    while j < depth && mask & 1 == 0 {
                        addMomentsVec(m0s[j - 1], m1s + (j - 1) * lanes, m2s + (j - 1) * lanes,
                                      &m0s[j], m1s + j * lanes, m2s + j * lanes)
                        m0s[j - 1] = 0
                        for l in 0..<lanes { m1s[(j - 1) * lanes + l] = 0; m2s[(j - 1) * lanes + l] = 0 }
                        mask >>= 1
                        j += 1
                    }
                }
                for k in 1..<max(depth, 1) {
                    addMomentsVec(m0s[k], m1s + k * lanes, m2s + k * lanes, &m0s[0], m1s, m2s)
                }
                return mergeLanes(x, count, n: n, m1s: m1s, m2s: m2s)
            }
        }
    }

    /// The scalar reference for `ExactRowKernels.layerNormRows`: `forwardRow` row by row.
    public static func forwardReference(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int,
                                        n: Int, gamma: UnsafePointer<Float>?, beta: UnsafePointer<Float>?,
                                        eps: Float, means: UnsafeMutablePointer<Float>,
                                        rstds: UnsafeMutablePointer<Float>) {
        for r in 0..<rows {
            (means[r], rstds[r]) = forwardRow(x + r * n, y + r * n, n, gamma: gamma, beta: beta, eps: eps)
        }
    }

    /// One row of the forward, scalar (the reference the SIMD kernel is tested against):
    /// returns (mean, rstd) and writes `y = fma((x - mean) * rstd, gamma, beta)`.
    static func forwardRow(_ row: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, _ n: Int,
                           gamma gp: UnsafePointer<Float>?, beta bp: UnsafePointer<Float>?,
                           eps epsilon: Float) -> (mean: Float, rstd: Float) {
        let (mean, variance) = moments(row, n)
        let rstd = 1 / (variance + epsilon).squareRoot()
        let shift = -mean
        switch (gp, bp) {
        case let (g?, b?):
            for j in 0..<n { y[j] = b[j].addingProduct((row[j] + shift) * rstd, g[j]) }
        case let (g?, nil):
            for j in 0..<n { y[j] = (row[j] + shift) * rstd * g[j] }
        case let (nil, b?):
            for j in 0..<n { y[j] = b[j].addingProduct(row[j] + shift, rstd) }
        case (nil, nil):
            for j in 0..<n { y[j] = (row[j] + shift) * rstd }
        }
        return (mean, rstd)
    }

    /// The scalar Welford tail, then the 8 lanes (n values each) merged into it.
    static func mergeLanes(_ x: UnsafePointer<Float>, _ count: Int, n: Int,
                           m1s: UnsafePointer<Float>, m2s: UnsafePointer<Float>) -> (mean: Float, variance: Float) {
        var m0 = 0
        var m1: Float = 0, m2: Float = 0
        for i in (n * lanes)..<max(count, n * lanes) {
            let v = x[i]
            let d = v - m1
            m0 += 1
            m1 = m1 + d / Float(m0)  // the tail divides and does not fuse
            m2 = m2 + d * (v - m1)
        }
        for l in 0..<lanes {
            let total = m0 + n
            let c: Float = total == 0 ? 0 : Float(n) / Float(total)
            let delta = m1s[l] - m1
            m1 = m1.addingProduct(c, delta)
            m2 = m2 + m2s[l].addingProduct(delta * delta * c, Float(m0))
            m0 = total
        }
        return (m1, m2 / Float(count))
    }

    /// ATen's `AddMomentsVec`: merge (m0Add, m1Add, m2Add) into (m0, m1, m2), 8 lanes.
    @inline(__always)
    static func addMomentsVec(_ m0Add: Int, _ m1Add: UnsafePointer<Float>, _ m2Add: UnsafePointer<Float>,
                              _ m0: inout Int, _ m1: UnsafeMutablePointer<Float>, _ m2: UnsafeMutablePointer<Float>) {
        let total = m0 + m0Add
        let c: Float = total == 0 ? 0 : Float(m0Add) / Float(total)
        let old = Float(m0)
        for l in 0..<lanes {
            let delta = m1Add[l] - m1[l]
            m1[l] = m1[l] + c * delta
            m2[l] = (m2[l] + m2Add[l]).addingProduct(delta * c, delta * old)
        }
        m0 = total
    }
}
