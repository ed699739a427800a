// Vectorised exp and tanh for the fast GPT's softmaxes, loss and GELU: eight
// lanes at a time with plain SSE2-level operations (no libm call per element).

extension GPTKernels {
    typealias Lanes = SIMD8<Float>

    /// e^x for each lane, Cephes' expf: x = n ln2 + r, |r| <= ln2/2, e^r by a degree-6
    /// polynomial, times 2^n built in the exponent bits. Relative error about 2e-7; inputs are
    /// clamped to [-87.3, 88.7] (so e^-inf is about 1e-38, not 0).
    @inline(__always)
    static func exp(_ value: Lanes) -> Lanes {
        let x = value.clamped(lowerBound: Lanes(repeating: -87.3), upperBound: Lanes(repeating: 88.7))
        // n = round(x / ln2): adding 1.5 * 2^23 leaves the rounded integer in the low mantissa bits
        let magic = Lanes(repeating: 12_582_912)
        let shifted = x * 1.442_695_04 + magic
        let n = shifted - magic
        let r = x - n * 0.693_359_375 + n * 2.121_944_4e-4
        var p = Lanes(repeating: 1.987_569_15e-4)
        p = p * r + 1.398_199_95e-3
        p = p * r + 8.333_451_9e-3
        p = p * r + 4.166_579_59e-2
        p = p * r + 1.666_666_55e-1
        p = p * r + 5.000_000_12e-1
        let y = p * (r * r) + r + 1
        let integer = unsafeBitCast(shifted, to: SIMD8<Int32>.self) &- 0x4B40_0000
        let scale = unsafeBitCast((integer &+ 127) &<< 23, to: Lanes.self)
        return y * scale
    }

    /// tanh for each lane as 1 - 2 / (e^(2x) + 1) (absolute error about 2e-7).
    @inline(__always)
    static func tanh(_ x: Lanes) -> Lanes {
        1 - 2 / (exp(x + x) + 1)
    }

    @inline(__always)
    static func load(_ p: UnsafePointer<Float>) -> Lanes {
        UnsafeRawPointer(p).loadUnaligned(as: Lanes.self)
    }

    @inline(__always)
    static func store(_ v: Lanes, _ p: UnsafeMutablePointer<Float>) {
        UnsafeMutableRawPointer(p).storeBytes(of: v, as: Lanes.self)
    }

    /// row[j] = e^(row[j] - shift) for j < count; returns their sum.
    @inline(__always)
    static func exponentiate(_ row: UnsafeMutablePointer<Float>, count: Int, shift: Float) -> Float {
        var sums = Lanes()
        var j = 0
        while j + 8 <= count {
            let e = exp(load(row + j) - shift)
            store(e, row + j)
            sums += e
            j += 8
        }
        var sum = sums.sum()
        if j < count {
            var tail = Lanes(repeating: -Float.infinity)
            for i in j..<count { tail[i - j] = row[i] - shift }
            let e = exp(tail)
            for i in j..<count { row[i] = e[i - j]; sum += e[i - j] }
        }
        return sum
    }

    /// sum_j e^(row[j] - shift) for j < count, leaving the row as it is.
    @inline(__always)
    static func sumOfExponentials(_ row: UnsafePointer<Float>, count: Int, shift: Float) -> Float {
        var sums = Lanes()
        var j = 0
        while j + 8 <= count {
            sums += exp(load(row + j) - shift)
            j += 8
        }
        var sum = sums.sum()
        if j < count {
            var tail = Lanes(repeating: -Float.infinity)
            for i in j..<count { tail[i - j] = row[i] - shift }
            let e = exp(tail)
            for i in j..<count { sum += e[i - j] }
        }
        return sum
    }
}
