// PyTorch's vectorised exp (SLEEF's expf, 1 ulp) and its lane-wise reduce_all, reproduced
// so softmax rows (attention weights, chapter 3; next-token probabilities) print PyTorch's digits.

import Foundation

/// The arithmetic of ATen's `Vectorized<float>` that softmax uses, element for element.
enum TorchVectorMath {
    /// Floats per `Vectorized<float>` in PyTorch's softmax kernels: 16 where the CPU
    /// runs ATen's AVX-512 kernels, 8 otherwise (AVX2, NEON).
    static let width: Int = {
        #if arch(x86_64) && os(Linux)
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) {
            let set = Set(flags.split(separator: " ").map(String.init))
            if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(set.contains) { return 16 }
        }
        #endif
        return 8
    }()

    /// SLEEF's `xexpf` (what `Vectorized<float>::exp()` calls): `2^q * p(s)` with
    /// `q = rint(d / ln 2)`, `s = d - q ln 2` in two parts, a degree-6 polynomial with
    /// fused multiply-adds, and a two-step `ldexp`.
    static func exp(_ d: Float) -> Float {
        if d.isNaN { return d }
        if d < -104 { return 0 }
        if d > 100 { return .infinity }
        let q = Int32((d * 1.442695040888963407359924681001892137426645954152985934135449406931)
            .rounded(.toNearestOrEven))
        let qf = Float(q)
        var s = d.addingProduct(qf, -0.693145751953125)
        s = s.addingProduct(qf, -1.428606765330187045e-06)
        var u: Float = 0.000198527617612853646278381
        u = Float(0.00139304355252534151077271).addingProduct(u, s)
        u = Float(0.00833336077630519866943359).addingProduct(u, s)
        u = Float(0.0416664853692054748535156).addingProduct(u, s)
        u = Float(0.166666671633720397949219).addingProduct(u, s)
        u = Float(0.5).addingProduct(u, s)
        u = 1 + s.addingProduct(s * s, u)
        // vldexp2: u * 2^(q >> 1) * 2^(q - (q >> 1)).
        let half = q >> 1
        return u * power2(half) * power2(q - half)
    }

    /// `2^e` as a float built from its exponent bits (SLEEF's `vpow2i`).
    private static func power2(_ e: Int32) -> Float {
        Float(bitPattern: UInt32(truncatingIfNeeded: (e &+ 127) << 23))
    }

    /// ATen's `vec::reduce_all` with `+` over `n` floats produced by `value(i)`:
    /// vector-wide running sums (the tail only in its lanes), then the lanes folded
    /// pairwise (`i ^ width/2`, ..., `i ^ 1`); fewer than a vector's floats add in order.
    static func sum(count n: Int, _ value: (Int) -> Float) -> Float {
        let w = width
        if n < w {
            var total: Float = n > 0 ? value(0) : 0
            for i in 1..<Swift.max(n, 1) { total += value(i) }
            return total
        }
        var lanes = [Float](repeating: 0, count: w)
        for i in 0..<w { lanes[i] = value(i) }
        var d = w
        while d + w <= n {
            for i in 0..<w { lanes[i] += value(d + i) }
            d += w
        }
        for i in 0..<(n - d) { lanes[i] += value(d + i) }
        var step = w / 2
        var folded = lanes
        while step >= 1 {
            for i in 0..<w { folded[i] = lanes[i] + lanes[i ^ step] }
            lanes = folded
            step /= 2
        }
        return lanes[0]
    }
}
