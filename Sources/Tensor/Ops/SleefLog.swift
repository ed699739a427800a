// SLEEF's single-precision log (xlogf_u1, the AVX-512 form PyTorch's Vectorized<float>::log
// runs), for the log of softmax row sums, so log_softmax prints PyTorch's digits.

import Foundation

extension TorchVectorMath {
    /// An unevaluated float sum `hi + lo` (SLEEF's double-float).
    private struct Pair { var hi: Float, lo: Float }

    /// `log(d)` as SLEEF's `xlogf_u1` computes it for normal positive `d`: `d = m 2^e` with
    /// m in [0.75, 1.5) (AVX-512 getmant/getexp), `x = (m - 1) / (m + 1)` in double-float,
    /// `e ln 2 + 2x + x^3 p(x^2)`. Zero, negative, infinite and NaN inputs follow log's rules.
    static func log(_ d: Float) -> Float {
        if d.isNaN || d < 0 { return .nan }
        if d == 0 { return -.infinity }
        if d == .infinity { return .infinity }
        if !d.isNormal { return Float(Foundation.log(Double(d))) }
        let e = Float((d * Float(1.0 / 0.75)).exponent)
        let significand = d.significand
        let m = significand >= 1.5 ? significand * 0.5 : significand
        var s = multiply(Pair(hi: 0.69314718246459960938, lo: -1.904654323148236017e-09), e)
        let x = divide(sum(-1, m), sum(1, m))
        let x2 = x.hi * x.hi
        var t: Float = 0.3027294874
        t = t.fusedAdd(x2, 0.3996108174)
        t = t.fusedAdd(x2, 0.6666694880)
        s = add(s, Pair(hi: x.hi * 2, lo: x.lo * 2))
        s = add(s, x2 * x.hi * t)
        return s.hi + s.lo
    }

    /// `x + y` exactly, as a pair (dfadd2).
    private static func sum(_ x: Float, _ y: Float) -> Pair {
        let s = x + y, v = s - x
        return Pair(hi: s, lo: (x - (s - v)) + (y - v))
    }

    /// `x * y` (dfmul with fused multiply-adds).
    private static func multiply(_ x: Pair, _ y: Float) -> Pair {
        let s = x.hi * y
        return Pair(hi: s, lo: x.lo.fusedAdd(y, x.hi.fusedAdd(y, -s)))
    }

    /// `n / d` (dfdiv with fused multiply-adds).
    private static func divide(_ n: Pair, _ d: Pair) -> Pair {
        let t = 1 / d.hi
        let s = n.hi * t
        let u = t.fusedAdd(n.hi, -s)
        let v = (-d.lo).fusedAdd(t, (-d.hi).fusedAdd(t, 1))
        return Pair(hi: s, lo: s.fusedAdd(v, n.lo.fusedAdd(t, u)))
    }

    /// Pair plus pair (dfadd).
    private static func add(_ x: Pair, _ y: Pair) -> Pair {
        let s = x.hi + y.hi
        return Pair(hi: s, lo: (((x.hi - s) + y.hi) + x.lo) + y.lo)
    }

    /// Pair plus float (dfadd).
    private static func add(_ x: Pair, _ y: Float) -> Pair {
        let s = x.hi + y
        return Pair(hi: s, lo: ((x.hi - s) + y) + x.lo)
    }
}

private extension Float {
    /// `self * b + c` rounded once.
    func fusedAdd(_ b: Float, _ c: Float) -> Float { c.addingProduct(self, b) }
}
