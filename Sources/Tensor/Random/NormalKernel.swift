// torch's `normal_fill` for float32 tensors of 16+ elements: U24 draws turned into normals
// 16 at a time by the AVX2 lane algorithm of avx_mathfun.h, in scalar Float with exact fma.
// RNG_SPEC.md §4a; `torch.randn` and nn.Embedding init (chapters 2-4).

import CKernels
import Foundation

/// The AVX2 `normal_fill_16` kernel of PyTorch, lane by lane.
///
/// Every float operation below rounds exactly where GCC's contracted AVX2 code rounds:
/// `c.addingProduct(a, b)` is a single-rounding `fma(a, b, c)`, plain `*`/`+` round once.
enum NormalKernel {
    // log256_ps constants (float32 bit patterns of avx_mathfun.h's literals).
    static let sqrtHalf = Float(bitPattern: 0x3F35_04F3)
    static let logP: (Float, Float, Float, Float, Float, Float, Float, Float, Float) = (
        Float(bitPattern: 0x3D90_21BB), Float(bitPattern: 0xBDEB_D1B8), Float(bitPattern: 0x3DEF_251A),
        Float(bitPattern: 0xBDFE_5D4F), Float(bitPattern: 0x3E11_E9BF), Float(bitPattern: 0xBE2A_AE50),
        Float(bitPattern: 0x3E4C_CEAC), Float(bitPattern: 0xBE7F_FFFC), Float(bitPattern: 0x3EAA_AAAA))
    static let logQ1 = Float(bitPattern: 0xB95E_8083)
    static let logQ2 = Float(bitPattern: 0x3F31_8000)
    static let minNormal = Float(bitPattern: 0x0080_0000)
    // sincos256_ps constants.
    static let dp1 = Float(bitPattern: 0xBF49_0000)
    static let dp2 = Float(bitPattern: 0xB97D_A000)
    static let dp3 = Float(bitPattern: 0xB322_2169)
    static let sinS0 = Float(bitPattern: 0xB94C_A1F9)
    static let sinS1 = Float(bitPattern: 0x3C08_839E)
    static let sinS2 = Float(bitPattern: 0xBE2A_AAA3)
    static let cosC0 = Float(bitPattern: 0x37CC_F5CE)
    static let cosC1 = Float(bitPattern: 0xBAB6_061A)
    static let cosC2 = Float(bitPattern: 0x3D2A_AAA5)
    static let fourOverPi = Float(bitPattern: 0x3FA2_F983)
    /// f32(2π), the `_mm256_set1_ps(2.0f * pi)` of the kernel.
    static let twoPi = Float(bitPattern: 0x40C9_0FDB)

    /// `log256_ps` for one lane, x > 0.
    @inline(__always)
    static func log(_ input: Float) -> Float {
        var x = max(input, minNormal)
        let bits = x.bitPattern
        var e = Float(Int32(bitPattern: bits >> 23) - 127) + 1
        x = Float(bitPattern: (bits & ~0x7F80_0000) | 0x3F00_0000)  // mantissa in [0.5, 1)
        if x < sqrtHalf {
            e = e - 1
            x = (x - 1) + x
        } else {
            x = x - 1
        }
        let z = x * x
        var y = logP.0
        y = logP.1.addingProduct(y, x)
        y = logP.2.addingProduct(y, x)
        y = logP.3.addingProduct(y, x)
        y = logP.4.addingProduct(y, x)
        y = logP.5.addingProduct(y, x)
        y = logP.6.addingProduct(y, x)
        y = logP.7.addingProduct(y, x)
        y = logP.8.addingProduct(y, x)
        y = y * x
        y = (e * logQ1).addingProduct(y, z)   // GCC fuses y*z, not e*Q1
        y = y.addingProduct(-z, 0.5)
        x = x + y
        return x.addingProduct(e, logQ2)
    }

    /// `sincos256_ps` for one lane: (sin x, cos x).
    @inline(__always)
    static func sincos(_ input: Float) -> (sin: Float, cos: Float) {
        var signSin = input.bitPattern & 0x8000_0000
        var x = abs(input)
        var j = Int32(x * fourOverPi)        // cvttps: truncation
        j = (j &+ 1) & ~1
        let y = Float(j)
        let swapSin = (UInt32(bitPattern: j) & 4) << 29
        let polynomialIsSine = (j & 2) == 0
        x = x.addingProduct(y, dp1)
        x = x.addingProduct(y, dp2)
        x = x.addingProduct(y, dp3)
        let signCos = (~UInt32(bitPattern: j &- 2) & 4) << 29
        signSin ^= swapSin
        let z = x * x
        var yc = cosC1.addingProduct(cosC0, z)
        yc = cosC2.addingProduct(yc, z)
        yc = yc * z
        yc = (-(z * 0.5)).addingProduct(yc, z)  // the second yc*z fused into the subtraction
        yc = yc + 1
        var ys = sinS1.addingProduct(sinS0, z)
        ys = sinS2.addingProduct(ys, z)
        ys = ys * z
        ys = x.addingProduct(ys, x)
        // Blend as the kernel does: and/andnot, then add/sub.
        let ysin2: Float = polynomialIsSine ? ys : 0
        let ysin1: Float = polynomialIsSine ? 0 : yc
        let s = ysin1 + ysin2
        let c = (yc - ysin1) + (ys - ysin2)
        return (Float(bitPattern: s.bitPattern ^ signSin), Float(bitPattern: c.bitPattern ^ signCos))
    }

    /// `normal_fill_16_AVX2` on `d[0..<16)`: lane j pairs with lane j+8 (Box–Muller),
    ///
    ///     u1 = 1 - d[j], u2 = d[j+8], r = sqrt(-2 log u1), θ = 2π u2
    ///     d[j] = fma(r cos θ, std, mean), d[j+8] = fma(r sin θ, std, mean)
    @inline(__always)
    static func transform16(_ d: UnsafeMutablePointer<Float>, mean: Float, std: Float) {
        for j in 0..<8 {
            let u1 = 1 - d[j]
            let u2 = d[j + 8]
            let radius = (-2 * log(u1)).squareRoot()
            let (s, c) = sincos(twoPi * u2)
            d[j] = mean.addingProduct(radius * c, std)
            d[j + 8] = mean.addingProduct(radius * s, std)
        }
    }

    /// `normal_fill` on a contiguous float32 buffer of `count >= 16` elements:
    /// `count` U24 draws, a transform of every full block of 16, then (if `count % 16 != 0`)
    /// 16 fresh draws for the last 16 elements and one more transform. Draws:
    /// `count + (count % 16 == 0 ? 0 : 16)`.
    static func fill(_ d: UnsafeMutablePointer<Float>, count: Int, mean: Float, std: Float,
                     generator: Generator) {
        generator.fillUniformFloats(d, count: count)
        let blocks = count / 16
        let vector = RandomKernels.useAVX2 && RandomKernels.avx2Available
        let chunk = vector ? 1 << 16 : 1 << 12  // blocks per parallel task
        if blocks >= 2 * chunk {
            let tasks = (blocks + chunk - 1) / chunk
            DispatchQueue.concurrentPerform(iterations: tasks) { t in
                let first = t * chunk
                transform(d + 16 * first, blocks: min(blocks, first + chunk) - first, mean: mean, std: std,
                          vector: vector)
            }
        } else {
            transform(d, blocks: blocks, mean: mean, std: std, vector: vector)
        }
        if count % 16 != 0 {
            // The tail: 16 fresh draws over the last 16 slots (overwriting transformed values).
            generator.fillUniformFloats(d + count - 16, count: 16)
            transform(d + count - 16, blocks: 1, mean: mean, std: std, vector: vector)
        }
    }

    /// `transform16` on `blocks` consecutive blocks, by the C AVX2 kernel or in Swift.
    static func transform(_ d: UnsafeMutablePointer<Float>, blocks: Int, mean: Float, std: Float, vector: Bool) {
        if vector {
            ck_normal_fill16_avx2(d, blocks, mean, std)
        } else {
            for b in 0..<blocks { transform16(d + 16 * b, mean: mean, std: std) }
        }
    }
}

/// Which implementation runs the hot random kernels.
public enum RandomKernels {
    /// Whether this CPU can run the C AVX2+FMA kernels (`normal_fill` with the same
    /// instructions torch's AVX2/AVX512 builds run, and the fused `uniform_`).
    public static let avx2Available: Bool = ck_normal_fill16_avx2_available() != 0

    /// Whether `normal_` / `randn` and contiguous `uniform_` use the C AVX2 kernels (default:
    /// when available) or the portable Swift code. Both give identical bits; the switch exists
    /// so tests and benchmarks can run either. Process-wide, like `Generator.default`.
    nonisolated(unsafe) public static var useAVX2: Bool = avx2Available
}
