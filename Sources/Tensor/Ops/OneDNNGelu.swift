// GELU (erf form) as torch computes it for contiguous float32 tensors of 2+ elements:
// through oneDNN's AVX-512 eltwise kernels, reproduced operation by operation.

/// oneDNN's `eltwise_gelu_erf` (PyTorch routes `F.gelu(x)` there when MKLDNN is on, the
/// input is contiguous float32 and has more than one element). Forward: a piecewise
/// minimax polynomial in |x| per quarter-binade, `x * (1 + ±p(|x|)) * 0.5`.
/// Backward: the Abramowitz–Stegun erf with oneDNN's own exp and constants (bit-exact).
enum OneDNNGelu {
    /// Polynomial coefficients (degree 0 to 5, 25 intervals each) as float bit patterns,
    /// oneDNN's `gelu_erf_minimax_polynomial` table.
    static let coefficients: [Float] = [
        // degree 0
        0xa6f2cb94, 0x32827792, 0x3381cc0c, 0x34523d4a, 0x351ac44d,
        0x35f36d88, 0x36ee8229, 0x37b8a3bb, 0x3867a213, 0x3940033b,
        0x3a2a5a1d, 0x3ae35863, 0x3b7828f2, 0x3c08b14b, 0x3c515ed3,
        0xbb503236, 0xbd8d8e5e, 0xbe8abcd9, 0xbf0c19a2, 0xbeccb328,
        0x3e176ced, 0x3f470d99, 0x3f7abb28, 0x3f800000, 0x00000000,
        // degree 1
        0x3f4c422a, 0x3f4c421f, 0x3f4c4207, 0x3f4c41cb, 0x3f4c413b,
        0x3f4c3fad, 0x3f4c3a2f, 0x3f4c2d40, 0x3f4c146a, 0x3f4bc341,
        0x3f4ad08c, 0x3f48f8cf, 0x3f45fac7, 0x3f404e07, 0x3f3b980f,
        0x3f48dff3, 0x3f78b21b, 0x3fbb0704, 0x40019c32, 0x3fe536d6,
        0x3f81331e, 0x3e6c8684, 0x3c98f936, 0x00000000, 0x3f800000,
        // degree 2
        0xb62173f4, 0x3735e4cf, 0x37f2ff89, 0x388c23be, 0x3917535c,
        0x39ab2ab0, 0x3a60fadb, 0x3af9b960, 0x3b6e5491, 0x3c0a4ec5,
        0x3ca5aa8c, 0x3d2138d9, 0x3d8737d4, 0x3ddfb660, 0x3e0f27ab,
        0x3d94004b, 0xbe0efdeb, 0xbf1d96c3, 0xbf89db58, 0xbf6d9897,
        0xbef69fb8, 0xbdc4f8a8, 0xbbde6422, 0x00000000, 0x00000000,
        // degree 3
        0xbe081a19, 0xbe084570, 0xbe08639b, 0xbe089837, 0xbe08f409,
        0xbe09ab95, 0xbe0b66d0, 0xbe0e400a, 0xbe124df8, 0xbe1bde02,
        0xbe2f19c9, 0xbe4931bf, 0xbe685fbc, 0xbe89c95f, 0xbe96cbca,
        0xbe8044aa, 0xbe0550f2, 0x3dcfd6a1, 0x3e94c826, 0x3e79345f,
        0x3decec91, 0x3ca46568, 0x3aa1e00a, 0x00000000, 0x00000000,
        // degree 4
        0xba3d61db, 0x39f097a3, 0x3a5845dc, 0x3ab1fa35, 0x3b0cefb8,
        0x3b653ab6, 0x3bcae527, 0x3c221712, 0x3c6c5840, 0x3cc0a703,
        0x3d1dcc19, 0x3d63656d, 0x3d955907, 0x3dbf9910, 0x3dd53f69,
        0x3db7dcef, 0x3d639ebe, 0xba6ede48, 0xbd22be69, 0xbd041cf1,
        0xbc64f5ab, 0xbb097a32, 0xb8ebf380, 0x00000000, 0x00000000,
        // degree 5
        0x3cb7d80c, 0x3c9b6050, 0x3c978d11, 0x3c92e850, 0x3c8d058b,
        0x3c848454, 0x3c6cd623, 0x3c4c824b, 0x3c2a7935, 0x3be0b390,
        0x3b0651ac, 0xbb232f53, 0xbbd42fa0, 0xbc2c5366, 0xbc492c9e,
        0xbc2a7aa6, 0xbbd55d04, 0xba823a76, 0x3b102aa8, 0x3ae25a7e,
        0x3a31f792, 0x38b84375, 0x3689bb5a, 0x00000000, 0x00000000,
    ].map { Float(bitPattern: $0) }

    @inline(__always)
    static func fused(_ a: Float, _ b: Float, _ c: Float) -> Float { TorchVectorMath.fused(a, b, c) }

    /// `gelu(x)` for one element.
    @inline(__always)
    static func forward(_ x: Float) -> Float {
        let magnitude = Float(bitPattern: x.bitPattern & 0x7fff_ffff)
        // Interval index from the exponent and two mantissa bits, clamped to 1...24;
        // past the bound erf is 1 (interval 23).
        var index = (Int32(bitPattern: magnitude.bitPattern) &+ Int32(bitPattern: 0xc21f_ffff)) >> 21
        index = Swift.min(Swift.max(index, 1), 24)
        if Float(bitPattern: 0x40b1_5cee) < magnitude { index = 23 }
        let i = Int(index)
        return coefficients.withUnsafeBufferPointer { c in
            var p = c[5 * 25 + i]
            var degree = 4
            while degree >= 0 {
                p = fused(p, magnitude, c[degree * 25 + i])
                degree -= 1
            }
            if x.sign == .minus { p = -p }
            return x * (p + 1) * 0.5
        }
    }

    /// oneDNN's `exp_compute_vector_fwd`: `2 * 2^(n-1) * p(r)`, `n = floor(x log2 e + 1/2)`,
    /// a degree-5 polynomial; below ln(FLT_MIN) the result is 0.
    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let low = Float(bitPattern: 0xc2ae_ac50), high = Float(bitPattern: 0x42b1_7218)
        let v = Swift.max(Swift.min(x, high), low)
        let n = (v * Float(bitPattern: 0x3fb8_aa3b) + 0.5).rounded(.down)
        let r = fused(-n, Float(bitPattern: 0x3f31_7218), v)
        let e = Int32(n - 1) &+ 127
        let scale = x < low ? 0 : Float(bitPattern: UInt32(bitPattern: e &<< 23))
        var p = Float(bitPattern: 0x3c07_cfce)
        p = fused(p, r, Float(bitPattern: 0x3d2b_9d0d))
        p = fused(p, r, Float(bitPattern: 0x3e2a_ad40))
        p = fused(p, r, Float(bitPattern: 0x3eff_fee3))
        p = fused(p, r, Float(bitPattern: 0x3f7f_fffb))
        p = fused(p, r, 1)
        return p * scale * 2
    }

    /// `dy * gelu'(x)` as oneDNN's `gelu_erf_compute_vector_bwd` computes it.
    @inline(__always)
    static func backward(_ dy: Float, _ x: Float) -> Float {
        let r = x * Float(0.70710678118654752440)
        let q = exp(-(r * r))
        let t = r * Float(bitPattern: 0x3f10_6eba) * q  // oneDNN's 1/√π, one ulp below the nearest float
        let w = 1 / fused(0.3275911, abs(r), 1)
        let s = -q * w
        var poly: Float = 1.061405429
        poly = fused(poly, w, -1.453152027)
        poly = fused(poly, w, 1.421413741)
        poly = fused(poly, w, -0.284496736)
        poly = fused(poly, w, 0.254829592)
        var erf = fused(s, poly, 1)
        if r.sign == .minus { erf = -erf }
        return dy * fused(erf, 0.5, t + 0.5)
    }
}
