// SLEEF's single-precision exp (the 1-ulp `Sleef_expf_u10` PyTorch's CPU kernels call
// through `Vectorized<float>::exp()`), transcribed so ops built on it (sigmoid) round
// exactly as PyTorch does, and the vector width that decides which elements PyTorch
// computes with it. Chapter 3 onwards.

import Foundation

enum SleefMath {
    /// Floats per `Vectorized<float>` in PyTorch's CPU kernels: 16 where it runs its
    /// AVX-512 kernels, 8 otherwise (AVX2). Vectorised loops step over 2 vectors at a
    /// time and leave the remainder to scalar code (the C library's functions).
    static let vectorWidth: Int = {
        #if arch(x86_64) && os(Linux)
        if let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let flags = info.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) {
            let set = Set(flags.split(separator: " ").map(String.init))
            if ["avx512f", "avx512bw", "avx512vl", "avx512dq"].allSatisfy(set.contains) { return 16 }
        }
        #endif
        return 8
    }()

    // ln 2 split in a high part exact in float and a low correction (SLEEF's L2Uf, L2Lf).
    private static let log2e: Float = 1.442695040888963407359924681001892137426645954152985934135449406931
    private static let ln2High: Float = 0.693145751953125
    private static let ln2Low: Float = 1.428606765330187045e-06

    /// e^d with SLEEF's algorithm: d = q ln2 + s, e^s by a degree-6 polynomial in fused
    /// multiply-adds, scaled by 2^q. 0 below -104, inf above 100.
    @inline(__always)
    static func exp(_ d: Float) -> Float {
        if d.isNaN { return d }
        if d < -104 { return 0 }
        if d > 100 { return .infinity }
        let q = (d * log2e).rounded(.toNearestOrEven)
        var s = d.addingProduct(q, -ln2High)
        s = s.addingProduct(q, -ln2Low)
        var u: Float = 0.000198527617612853646278381
        u = Float(0.00139304355252534151077271).addingProduct(u, s)
        u = Float(0.00833336077630519866943359).addingProduct(u, s)
        u = Float(0.0416664853692054748535156).addingProduct(u, s)
        u = Float(0.166666671633720397949219).addingProduct(u, s)
        u = Float(0.5).addingProduct(u, s)
        u = 1 + s.addingProduct(s * s, u)
        // ldexp in two steps, as SLEEF's vldexp2 does, so 2^q never overflows on its own.
        let e = Int32(q)
        let half = e >> 1
        return u * powerOfTwo(half) * powerOfTwo(e - half)
    }

    /// 2^e for a normal exponent (-126...127).
    @inline(__always)
    private static func powerOfTwo(_ e: Int32) -> Float {
        Float(bitPattern: UInt32(truncatingIfNeeded: e + 127) << 23)
    }
}
