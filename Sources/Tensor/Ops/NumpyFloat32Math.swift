// numpy's own float32 exp and log (loops_exponent_log.dispatch.c.src, the AVX2/AVX-512F
// kernels numpy runs for every float32 exp/log on x86): Cody-Waite range reduction and
// rational minimax approximations with fused multiply-adds. Not correctly rounded, so a
// libm expf differs from numpy in the last bit for about a third of inputs.

enum NumpyFloat32Math {
    private static func constant(_ text: String) -> Float { Float(text) ?? 0 }

    private static let log2e = constant("1.442695040888963407359924681001892137")
    private static let codyWaiteHigh = constant("-6.93145752e-1")
    private static let codyWaiteLow = constant("-1.42860677e-6")
    private static let expP: [Float] = ["9.999999999980870924916e-01", "7.257664613233124478488e-01",
                                        "2.473615434895520810817e-01", "5.114512081637298353406e-02",
                                        "6.757896990527504603057e-03", "5.082762527590693718096e-04"].map(constant)
    private static let expQ: [Float] = ["1.0", "-2.742335390411667452936e-01", "2.159509375685829852307e-02"].map(constant)
    private static let logP: [Float] = ["0.0", "9.999999999999998702752e-01", "2.112677543073053063722e+00",
                                        "1.480000633576506585156e+00", "3.808837741388407920751e-01",
                                        "2.589979117907922693523e-02"].map(constant)
    private static let logQ: [Float] = ["1.0", "2.612677543073109236779e+00", "2.453006071784736363091e+00",
                                        "9.864942958519418960339e-01", "1.546476374983906719538e-01",
                                        "5.875095403124574342950e-03"].map(constant)
    private static let logE2 = constant("0.693147180559945309417232121458176568")
    private static let sqrtHalf = constant("0.707106781186547524400844362104849039")

    /// `c + a * b`, fused (`_mm512_fmadd_ps(a, b, c)`).
    @inline(__always) private static func fma(_ a: Float, _ b: Float, _ c: Float) -> Float { c.addingProduct(a, b) }

    /// `simd_exp_FLOAT`: exp(x) = P(y)/Q(y) * 2^k, y = x - k ln 2, k = rint(x / ln 2).
    static func exp(_ input: Float) -> Float {
        if input.isNaN { return .nan }
        if input >= 88.72283935546875 { return .infinity }
        if input <= -103.97208404541015625 { return 0 }
        let magic: Float = 12_582_912  // 0x1.8p23: adding and subtracting rounds to an integer
        let quadrant = (input * log2e + magic) - magic
        var x = fma(quadrant, codyWaiteHigh, input)
        x = fma(quadrant, codyWaiteLow, x)
        x = fma(quadrant, 0, x)
        var numerator = fma(expP[5], x, expP[4])
        numerator = fma(numerator, x, expP[3])
        numerator = fma(numerator, x, expP[2])
        numerator = fma(numerator, x, expP[1])
        numerator = fma(numerator, x, expP[0])
        var denominator = fma(expQ[2], x, expQ[1])
        denominator = fma(denominator, x, expQ[0])
        let poly = numerator / denominator
        // _mm512_scalef_ps: poly * 2^quadrant, rounded once.
        return Float(Double(poly) * Double(sign: .plus, exponent: Int(quadrant), significand: 1))
    }

    /// `simd_log_FLOAT`: log(x) = P(m-1)/Q(m-1) + e ln 2 for x = m 2^e, m in (sqrt(1/2), sqrt(2)].
    static func log(_ input: Float) -> Float {
        if input.isNaN { return .nan }
        if input < 0 { return -.nan }
        if input == 0 { return -.infinity }
        if input == .infinity { return .infinity }
        var exponent = Float(input.exponent + 1)
        var x = input.significand / 2  // in [0.5, 1), as getmant(x, [0.5, 1))
        if x <= sqrtHalf {
            x = x + x
            exponent -= 1
        }
        x -= 1
        var numerator = fma(logP[5], x, logP[4])
        numerator = fma(numerator, x, logP[3])
        numerator = fma(numerator, x, logP[2])
        numerator = fma(numerator, x, logP[1])
        numerator = fma(numerator, x, logP[0])
        var denominator = fma(logQ[5], x, logQ[4])
        denominator = fma(denominator, x, logQ[3])
        denominator = fma(denominator, x, logQ[2])
        denominator = fma(denominator, x, logQ[1])
        denominator = fma(denominator, x, logQ[0])
        return fma(exponent, logE2, numerator / denominator)
    }
}
