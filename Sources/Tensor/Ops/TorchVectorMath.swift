// PyTorch's vectorised exp (SLEEF's expf, 1 ulp) and its lane-wise reduce_all, reproduced
// so softmax rows (attention weights, chapter 3; next-token probabilities) and sigmoid print
// PyTorch's digits.

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

    /// `a * b + c` rounded once, as an FMA instruction computes it. (The product of
    /// two floats is exact in Double; the sum rounds twice only in cases so rare we
    /// have not met one, and this avoids libm's slow software `fmaf` on CPUs Swift
    /// does not compile for FMA by default.)
    @inline(__always)
    static func fused(_ a: Float, _ b: Float, _ c: Float) -> Float {
        Float(Double(a) * Double(b) + Double(c))
    }

    /// SLEEF's `xexpf` (what `Vectorized<float>::exp()` calls): `2^q * p(s)` with
    /// `q = rint(d / ln 2)`, `s = d - q ln 2` in two parts, a degree-6 polynomial with
    /// fused multiply-adds, and a two-step `ldexp`. Branch-free, so loops over it vectorise.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let d = Swift.min(Swift.max(x, -104), 100)
        // rint(d / ln 2) by the 1.5 * 2^23 trick: q lands in the low mantissa bits.
        let shifted = d * 1.442695040888963407359924681001892137426645954152985934135449406931 as Float
            + 12_582_912
        let q = Int32(bitPattern: shifted.bitPattern) &- 0x4B40_0000
        let qf = shifted - 12_582_912
        var s = fused(qf, -0.693145751953125, d)
        s = fused(qf, -1.428606765330187045e-06, s)
        var u: Float = 0.000198527617612853646278381
        u = fused(u, s, 0.00139304355252534151077271)
        u = fused(u, s, 0.00833336077630519866943359)
        u = fused(u, s, 0.0416664853692054748535156)
        u = fused(u, s, 0.166666671633720397949219)
        u = fused(u, s, 0.5)
        u = 1 + fused(s * s, u, s)
        // vldexp2: u * 2^(q >> 1) * 2^(q - (q >> 1)).
        let half = q &>> 1
        var result = u * power2(half) * power2(q &- half)
        result = x < -104 ? 0 : result
        result = x > 100 ? .infinity : result
        return x.isNaN ? x : result
    }

    /// `2^e` as a float built from its exponent bits (SLEEF's `vpow2i`).
    @inline(__always)
    private static func power2(_ e: Int32) -> Float {
        Float(bitPattern: UInt32(bitPattern: (e &+ 127) &<< 23))
    }

    /// ATen's `vec::reduce_all` with `+` over `n` floats `stride` apart: vector-wide
    /// running sums (the tail only in its lanes), then the lanes folded pairwise
    /// (`i ^ width/2`, ..., `i ^ 1`); fewer than a vector's floats add in order.
    static func sum(_ p: UnsafePointer<Float>, count n: Int, stride s: Int = 1, lanes: Int = width) -> Float {
        let w = lanes
        if n < w {
            var total: Float = n > 0 ? p[0] : 0
            var i = 1
            while i < n { total += p[i * s]; i += 1 }
            return total
        }
        return w == 16 ? laneSum(p, count: n, stride: s, SIMD16<Float>.self)
            : laneSum(p, count: n, stride: s, SIMD8<Float>.self)
    }

    @inline(__always)
    private static func laneSum<V: SIMD>(_ p: UnsafePointer<Float>, count n: Int, stride s: Int,
                                         _: V.Type) -> Float where V.Scalar == Float {
        let w = V.scalarCount
        func load(_ d: Int) -> V {
            if s == 1 { return UnsafeRawPointer(p + d).loadUnaligned(as: V.self) }
            var v = V()
            for i in 0..<w { v[i] = p[(d + i) * s] }
            return v
        }
        var acc = load(0)
        var d = w
        while d + w <= n {
            acc += load(d)
            d += w
        }
        for i in 0..<(n - d) { acc[i] += p[(d + i) * s] }
        var step = w / 2
        while step >= 1 {
            var folded = acc
            for i in 0..<w { folded[i] = acc[i] + acc[i ^ step] }
            acc = folded
            step /= 2
        }
        return acc[0]
    }
}
