// numpy's legacy `RandomState`, bit for bit: MT19937 seeded by `init_genrand`, 53-bit
// doubles, the polar-method gauss with its cached second value, masked rejection for
// integers (`random_bounded_uint64` with use_masked) and `random_interval` for shuffles.
import Foundation

final class RandomState {
    private var key = [UInt32](repeating: 0, count: 624)
    private var position = 624
    private var gauss: Double?

    init(seed: UInt32) { self.seed(seed) }

    /// `mt19937_seed`: Knuth's initialisation from one 32-bit word.
    func seed(_ value: UInt32) {
        var s = value
        for i in 0..<624 {
            key[i] = s
            s = 1_812_433_253 &* (s ^ (s >> 30)) &+ UInt32(i + 1)
        }
        position = 624
        gauss = nil
    }

    /// `mt19937_seed` through `init_by_array` (seeds past 32 bits, or `seed(None)`).
    func seed(array: [UInt32]) {
        seed(19_650_218)
        var i = 1, j = 0
        for _ in 0..<max(624, array.count) {
            key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) &* 1_664_525)) &+ array[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= 624 { key[0] = key[623]; i = 1 }
            if j >= array.count { j = 0 }
        }
        for _ in 0..<623 {
            key[i] = (key[i] ^ ((key[i - 1] ^ (key[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= 624 { key[0] = key[623]; i = 1 }
        }
        key[0] = 0x8000_0000
        position = 624
        gauss = nil
    }

    private func generate() {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7fff_ffff
        for i in 0..<624 {
            let y = (key[i] & upper) | (key[(i + 1) % 624] & lower)
            key[i] = key[(i + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? 0x9908_b0df : 0)
        }
        position = 0
    }

    /// `mt19937_next32`: one tempered word.
    func next32() -> UInt32 {
        if position == 624 { generate() }
        var y = key[position]
        position += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9d2c_5680
        y ^= (y << 15) & 0xefc6_0000
        y ^= y >> 18
        return y
    }

    func next64() -> UInt64 { UInt64(next32()) << 32 | UInt64(next32()) }

    /// `mt19937_next_double`: 53 random bits in [0, 1).
    func nextDouble() -> Double {
        let a = Double(next32() >> 5), b = Double(next32() >> 6)
        return (a * 67_108_864.0 + b) / 9_007_199_254_740_992.0
    }

    /// `legacy_gauss`: Marsaglia's polar method; the second value is kept for the next call.
    func nextGauss() -> Double {
        if let cached = gauss {
            gauss = nil
            return cached
        }
        var x1 = 0.0, x2 = 0.0, r2 = 0.0
        repeat {
            x1 = 2 * nextDouble() - 1
            x2 = 2 * nextDouble() - 1
            r2 = x1 * x1 + x2 * x2
        } while r2 >= 1 || r2 == 0
        let f = (-2 * Foundation.log(r2) / r2).squareRoot()
        gauss = f * x1
        return f * x2
    }

    /// `random_bounded_uint64_fill` with use_masked: `off + v`, v in [0, range], by masked rejection.
    func boundedIntegers(offset: Int64, range: UInt64, count: Int) -> [Int64] {
        if range == 0 { return [Int64](repeating: offset, count: count) }
        var mask = range
        for shift in [1, 2, 4, 8, 16, 32] { mask |= mask >> UInt64(shift) }
        var out = [Int64](repeating: 0, count: count)
        for i in 0..<count {
            var value: UInt64
            if range <= 0xFFFF_FFFF {
                if range == 0xFFFF_FFFF {
                    value = UInt64(next32())
                } else {
                    repeat { value = UInt64(next32()) & mask } while value > range
                }
            } else if range == UInt64.max {
                value = next64()
            } else {
                repeat { value = next64() & mask } while value > range
            }
            out[i] = offset &+ Int64(bitPattern: value)
        }
        return out
    }

    /// `random_interval(max)`: a value in [0, max] by masked rejection (shuffles).
    func interval(_ max: UInt64) -> UInt64 {
        if max == 0 { return 0 }
        var mask = max
        for shift in [1, 2, 4, 8, 16, 32] { mask |= mask >> UInt64(shift) }
        var value: UInt64
        if max <= 0xFFFF_FFFF {
            repeat { value = UInt64(next32()) & mask } while value > max
        } else {
            repeat { value = next64() & mask } while value > max
        }
        return value
    }
}
