// numpy's legacy `RandomState`, bit for bit: MT19937 seeded by `init_genrand`, 53-bit
// doubles, the polar-method gauss with its cached second value, masked rejection for
// integers (`random_bounded_uint64` with use_masked) and `random_interval` for shuffles.
import Foundation
import Python

final class RandomState {
    /// The MT19937 of Python's `random` module: the same generator and seeding.
    private var generator = MersenneTwister(seed: 0)
    private var gauss: Double?

    init(seed: UInt32) { self.seed(seed) }

    /// `mt19937_seed`: Knuth's initialisation from one 32-bit word.
    func seed(_ value: UInt32) {
        generator.initGenrand(value)
        gauss = nil
    }

    /// `mt19937_seed` through `init_by_array` (seeds past 32 bits, or `seed(None)`).
    func seed(array: [UInt32]) {
        generator.seed(key: array)
        gauss = nil
    }

    /// `mt19937_next32`: one tempered word.
    func next32() -> UInt32 { generator.next32() }

    func next64() -> UInt64 { UInt64(next32()) << 32 | UInt64(next32()) }

    /// `mt19937_next_double`: 53 random bits in [0, 1).
    func nextDouble() -> Double { generator.nextDouble() }

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
