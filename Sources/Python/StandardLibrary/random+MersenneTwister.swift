// MT19937, the generator behind Python's `random` module, seeded exactly as CPython's
// `_randommodule.c` does (init_genrand / init_by_array, genrand_res53 for random()).
// numpy's legacy RandomState (Bindings/Numpy) draws from the same generator.

/// The 32-bit Mersenne Twister with CPython's seeding and float conversion.
public struct MersenneTwister {
    @usableFromInline static let n = 624, m = 397
    @usableFromInline var state = [UInt32](repeating: 0, count: 624)
    @usableFromInline var index = 625

    public init(key: [UInt32]) { seed(key: key) }

    /// Seeded from one 32-bit word (`init_genrand`, numpy's `mt19937_seed`).
    public init(seed: UInt32) { initGenrand(seed) }

    /// `init_genrand(s)`: Knuth's initialisation from one word.
    public mutating func initGenrand(_ s: UInt32) {
        state[0] = s
        for i in 1..<Self.n {
            state[i] = 1_812_433_253 &* (state[i - 1] ^ (state[i - 1] >> 30)) &+ UInt32(i)
        }
        index = Self.n
    }

    /// CPython's `init_by_array(self, key, keyused)`.
    public mutating func seed(key: [UInt32]) {
        let key = key.isEmpty ? [0] : key
        initGenrand(19_650_218)
        var i = 1, j = 0
        for _ in 0..<max(Self.n, key.count) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(truncatingIfNeeded: j)
            i += 1; j += 1
            if i >= Self.n { state[0] = state[Self.n - 1]; i = 1 }
            if j >= key.count { j = 0 }
        }
        for _ in 0..<(Self.n - 1) {
            state[i] = (state[i] ^ ((state[i - 1] ^ (state[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= Self.n { state[0] = state[Self.n - 1]; i = 1 }
        }
        state[0] = 0x8000_0000
    }

    /// The key CPython derives from a non-negative integer seed: its 32-bit words, low first.
    static func key(for seed: UInt64) -> [UInt32] {
        if seed >> 32 == 0 { return [UInt32(seed)] }
        return [UInt32(truncatingIfNeeded: seed), UInt32(seed >> 32)]
    }

    /// A seed from the operating system's entropy (CPython reads 624 words of urandom).
    static func entropyKey() -> [UInt32] {
        var generator = SystemRandomNumberGenerator()
        return (0..<624).map { _ in UInt32.random(in: .min ... .max, using: &generator) }
    }

    @usableFromInline mutating func twist() {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7fff_ffff, matrixA: UInt32 = 0x9908_b0df
        state.withUnsafeMutableBufferPointer { mt in
            for k in 0..<Self.n {
                let y = (mt[k] & upper) | (mt[(k + 1) % Self.n] & lower)
                mt[k] = mt[(k + Self.m) % Self.n] ^ (y >> 1) ^ ((y & 1) == 0 ? 0 : matrixA)
            }
        }
        index = 0
    }

    /// `genrand_uint32`.
    @inlinable public mutating func next32() -> UInt32 {
        if index >= Self.n { twist() }
        var y = state[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    /// `random()`: 53 random bits in [0, 1) (`genrand_res53`).
    @inlinable public mutating func nextDouble() -> Double {
        let a = next32() >> 5, b = next32() >> 6
        return (Double(a) * 67_108_864.0 + Double(b)) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` for 0 <= k <= 64, as CPython fills words low first.
    mutating func bits(_ k: Int) -> UInt64 {
        if k == 0 { return 0 }
        if k <= 32 { return UInt64(next32() >> (32 - k)) }
        let low = UInt64(next32())
        let high = UInt64(next32() >> (64 - k))
        return low | (high << 32)
    }

    /// `_randbelow_with_getrandbits(n)` for n > 0.
    @inline(__always) mutating func below(_ n: Int) -> Int {
        let k = Int.bitWidth - n.leadingZeroBitCount
        var r = Int(bits(k))
        while r >= n { r = Int(bits(k)) }
        return r
    }

    /// `getstate()`'s words and position.
    var snapshot: (words: [UInt32], index: Int) { (state, index) }

    mutating func restore(words: [UInt32], index: Int) {
        state = words
        self.index = index
    }
}
