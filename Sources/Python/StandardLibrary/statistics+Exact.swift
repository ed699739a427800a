// Exact arithmetic behind `statistics`: CPython sums data as fractions, so mean, variance and
// stdev are the correctly rounded values of exact results. Floats and ints are exact binary
// numbers; their sums and sums of squares are kept as big integers scaled by 2^-1074 (2^-2148
// for squares), then divided and rounded once, as CPython's Fraction → float conversion does.
import Foundation

/// An unsigned big integer, little-endian 64-bit limbs (only what the statistics need).
struct BigUInt: Comparable {
    var limbs: [UInt64]

    init(_ v: UInt64 = 0) { limbs = v == 0 ? [] : [v] }
    init(limbs: [UInt64]) { self.limbs = limbs; normalize() }

    mutating func normalize() { while let last = limbs.last, last == 0 { limbs.removeLast() } }
    var isZero: Bool { limbs.isEmpty }
    var bitLength: Int { limbs.isEmpty ? 0 : limbs.count * 64 - limbs[limbs.count - 1].leadingZeroBitCount }
    func bit(_ i: Int) -> Bool { i >= 0 && i / 64 < limbs.count && (limbs[i / 64] >> UInt64(i % 64)) & 1 == 1 }
    func anyBitBelow(_ i: Int) -> Bool {
        guard i > 0 else { return false }
        for k in 0..<min(i / 64, limbs.count) where limbs[k] != 0 { return true }
        guard i / 64 < limbs.count, i % 64 != 0 else { return false }
        return limbs[i / 64] & ((1 << UInt64(i % 64)) - 1) != 0
    }

    func shiftedLeft(_ n: Int) -> BigUInt {
        guard !isZero, n > 0 else { return self }
        let words = n / 64, bits = UInt64(n % 64)
        var out = [UInt64](repeating: 0, count: limbs.count + words + 1)
        for (i, l) in limbs.enumerated() {
            out[i + words] |= l << bits
            if bits != 0 { out[i + words + 1] |= l >> (64 - bits) }
        }
        return BigUInt(limbs: out)
    }

    func shiftedRight(_ n: Int) -> BigUInt {
        let words = n / 64, bits = UInt64(n % 64)
        guard words < limbs.count else { return BigUInt() }
        var out = [UInt64](repeating: 0, count: limbs.count - words)
        for i in 0..<out.count {
            out[i] = limbs[i + words] >> bits
            if bits != 0, i + words + 1 < limbs.count { out[i] |= limbs[i + words + 1] << (64 - bits) }
        }
        return BigUInt(limbs: out)
    }

    static func + (a: BigUInt, b: BigUInt) -> BigUInt {
        var out = [UInt64](repeating: 0, count: max(a.limbs.count, b.limbs.count) + 1)
        var carry: UInt64 = 0
        for i in 0..<out.count - 1 {
            let (s1, o1) = (i < a.limbs.count ? a.limbs[i] : 0).addingReportingOverflow(i < b.limbs.count ? b.limbs[i] : 0)
            let (s2, o2) = s1.addingReportingOverflow(carry)
            out[i] = s2
            carry = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        out[out.count - 1] = carry
        return BigUInt(limbs: out)
    }

    /// a - b for a >= b.
    static func - (a: BigUInt, b: BigUInt) -> BigUInt {
        var out = a.limbs
        var borrow: UInt64 = 0
        for i in 0..<out.count {
            let (d1, o1) = out[i].subtractingReportingOverflow(i < b.limbs.count ? b.limbs[i] : 0)
            let (d2, o2) = d1.subtractingReportingOverflow(borrow)
            out[i] = d2
            borrow = (o1 ? 1 : 0) + (o2 ? 1 : 0)
        }
        return BigUInt(limbs: out)
    }

    static func * (a: BigUInt, b: BigUInt) -> BigUInt {
        guard !a.isZero, !b.isZero else { return BigUInt() }
        var out = [UInt64](repeating: 0, count: a.limbs.count + b.limbs.count)
        for (i, x) in a.limbs.enumerated() {
            var carry: UInt64 = 0
            for (j, y) in b.limbs.enumerated() {
                let (hi, lo) = x.multipliedFullWidth(by: y)
                let (s1, o1) = out[i + j].addingReportingOverflow(lo)
                let (s2, o2) = s1.addingReportingOverflow(carry)
                out[i + j] = s2
                carry = hi &+ (o1 ? 1 : 0) &+ (o2 ? 1 : 0)
            }
            out[i + b.limbs.count] = carry
        }
        return BigUInt(limbs: out)
    }

    /// (self / d, self % d) for a one-limb divisor.
    func divided(by d: UInt64) -> (BigUInt, UInt64) {
        var out = [UInt64](repeating: 0, count: limbs.count)
        var remainder: UInt64 = 0
        for i in stride(from: limbs.count - 1, through: 0, by: -1) {
            let (q, r) = d.dividingFullWidth((remainder, limbs[i]))
            out[i] = q
            remainder = r
        }
        return (BigUInt(limbs: out), remainder)
    }

    static func < (a: BigUInt, b: BigUInt) -> Bool {
        if a.limbs.count != b.limbs.count { return a.limbs.count < b.limbs.count }
        for i in stride(from: a.limbs.count - 1, through: 0, by: -1) where a.limbs[i] != b.limbs[i] { return a.limbs[i] < b.limbs[i] }
        return false
    }

    /// floor(sqrt(self)), digit by digit.
    func squareRoot() -> BigUInt {
        var remainder = self, result = BigUInt()
        var bit = BigUInt(1).shiftedLeft(max(0, (bitLength - 1) & ~1))
        while !bit.isZero {
            let trial = result + bit
            if !(remainder < trial) {
                remainder = remainder - trial
                result = result.shiftedRight(1) + bit
            } else {
                result = result.shiftedRight(1)
            }
            bit = bit.shiftedRight(2)
        }
        return result
    }
}

/// Exact sums of data (and of squares) and the correctly rounded results built from them.
struct ExactMoments {
    var count = 0
    var positive = BigUInt(), negative = BigUInt()   // sum, scaled by 2^1074
    var squares = BigUInt()                          // sum of squares, scaled by 2^2148

    /// Adds x = m * 2^e exactly; false for values that are not finite numbers.
    mutating func add(_ value: Value) -> Bool {
        var m: UInt64, e: Int, negativeSign: Bool
        switch value {
        case .int(let i): (m, e, negativeSign) = (UInt64(i.magnitude), 0, i < 0)
        case .bool(let b): (m, e, negativeSign) = (b ? 1 : 0, 0, false)
        case .float(let d):
            guard d.isFinite else { return false }
            negativeSign = d < 0
            if d.exponentBitPattern == 0 { (m, e) = (d.significandBitPattern, -1074) }
            else { (m, e) = (d.significandBitPattern | (1 << 52), Int(d.exponentBitPattern) - 1075) }
        default: return false
        }
        count += 1
        guard m != 0 else { return true }
        let scaled = BigUInt(m).shiftedLeft(e + 1074)
        if negativeSign { negative = negative + scaled } else { positive = positive + scaled }
        squares = squares + (BigUInt(m) * BigUInt(m)).shiftedLeft(2 * e + 2148)
        return true
    }

    /// The sum as (magnitude, sign), scaled by 2^1074.
    var sum: (BigUInt, Bool) { negative < positive || negative == positive ? (positive - negative, false) : (negative - positive, true) }

    /// The correctly rounded mean.
    var mean: Double {
        let (s, negativeSign) = sum
        let d = ExactMoments.round(s, UInt64(count), -1074)
        return negativeSign ? -d : d
    }

    /// Sum of squared deviations times n, scaled by 2^2148: n*Σx² - (Σx)².
    var scaledSquaredDeviations: BigUInt {
        let (s, _) = sum
        let total = squares * BigUInt(UInt64(count)), square = s * s
        return square < total ? total - square : BigUInt()
    }

    /// Σ(x - mean)² / (n - ddof), correctly rounded.
    func variance(ddof: Int) -> Double {
        ExactMoments.round(scaledSquaredDeviations, UInt64(count) * UInt64(count - ddof), -2148)
    }

    /// sqrt(Σ(x - mean)² / (n - ddof)), correctly rounded (round-to-odd square root, as CPython).
    func standardDeviation(ddof: Int) -> Double {
        let numerator = scaledSquaredDeviations, divisor = UInt64(count) * UInt64(count - ddof)
        guard !numerator.isZero else { return 0 }
        var shift = max(0, 240 + divisor.bitWidth - divisor.leadingZeroBitCount - numerator.bitLength)
        shift += shift & 1
        let (quotient, remainder) = numerator.shiftedLeft(shift).divided(by: divisor)
        var root = quotient.squareRoot()
        if remainder != 0 || root * root != quotient { root.limbs[0] |= 1 }
        return ExactMoments.round(root, 1, (-2148 - shift) / 2)
    }

    /// (n / m) * 2^scale rounded to the nearest double, for a big divisor: ~61 quotient bits by
    /// long division, the remainder as a sticky bit.
    static func roundQuotient(_ n: BigUInt, _ m: BigUInt, _ scale: Int) -> Double {
        guard !n.isZero, !m.isZero else { return m.isZero ? .nan : 0 }
        var numerator = n, divisor = m, s = scale
        let t = n.bitLength - m.bitLength
        if t < 60 { numerator = n.shiftedLeft(60 - t); s -= 60 - t } else { divisor = m.shiftedLeft(t - 60); s += t - 60 }
        var q: UInt64 = 0
        for i in stride(from: 62, through: 0, by: -1) {
            let shifted = divisor.shiftedLeft(i)
            if !(numerator < shifted) {
                numerator = numerator - shifted
                q |= 1 << UInt64(i)
            }
        }
        return round(BigUInt(q), 1, s, sticky: !numerator.isZero)
    }

    /// (n / d) * 2^scale rounded to the nearest double, ties to even.
    static func round(_ n: BigUInt, _ d: UInt64, _ scale: Int, sticky: Bool = false) -> Double {
        guard !n.isZero, d != 0 else { return d == 0 ? .nan : 0 }
        let shift = max(0, 55 + d.bitWidth - d.leadingZeroBitCount - n.bitLength)
        let (q, r) = n.shiftedLeft(shift).divided(by: d)
        let s = scale - shift
        let h = q.bitLength
        let drop = max(h - 53, -1074 - s)
        if drop > h { return 0 }
        var top = drop >= 64 * q.limbs.count ? 0 : q.shiftedRight(drop).limbs.first ?? 0
        if drop > 0 {
            let half = q.bit(drop - 1), rest = q.anyBitBelow(drop - 1) || r != 0 || sticky
            if half && (rest || top & 1 == 1) { top += 1 }
        }
        return scalbn(Double(top), drop + s)
    }
}

extension StatisticsModule {
    /// Native helpers the Python part calls: `_exact(data, what, ddof)` → float or None
    /// (None when the data has non-finite or non-number values: the Python fallback handles them).
    static func addExactHelpers(_ module: PyModule) {
        module.globals["_exact"] = .object(PyBuiltinFunction(name: "_exact") { args in
            var moments = ExactMoments()
            for v in try iterateToArray(args[0]) where !moments.add(v) { return .none }
            let ddof = try args[2].asInt()
            guard moments.count > ddof else { return .none }
            switch try args[1].asString() {
            case "mean": return .float(moments.mean)
            case "harmonic":
                // n / Σ(1/x): the data are the reciprocals, as CPython computes them.
                let (total, negativeSign) = moments.sum
                if negativeSign || total.isZero { return .none }
                return .float(ExactMoments.roundQuotient(BigUInt(UInt64(moments.count)).shiftedLeft(1074), total, 0))
            case "fsum":
                let (total, negativeSign) = moments.sum
                let d = ExactMoments.round(total, 1, -1074)
                return .float(negativeSign ? -d : d)
            case "variance": return .float(moments.variance(ddof: ddof))
            default: return .float(moments.standardDeviation(ddof: ddof))
            }
        })
    }
}
