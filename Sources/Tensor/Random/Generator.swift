// The PyTorch CPU random engine: at::mt19937 plus the generator state around it
// (seed, cached double normal). RNG_SPEC.md §1, §2 and §4b; every `torch.manual_seed` lesson.

import Foundation

/// A PyTorch-exact CPU random number generator (`torch.Generator`).
///
/// The engine is the 32-bit Mersenne Twister `at::mt19937`: seeded from the low 32 bits
/// of the 64-bit seed, tempered output, one 624-word twist every 624 draws. The generator
/// also caches the second value of each double Box–Muller pair (§4b), which only
/// `manualSeed` and `setState` clear.
///
/// Not thread-safe, like PyTorch's (which holds a lock per kernel): one generator is
/// driven from one thread at a time.
public final class Generator {
    /// Words in the Mersenne Twister state.
    static let stateWords = 624
    /// The seed `torch.Generator()` starts with (`default_rng_seed_val`).
    public static let defaultSeed: UInt64 = 67_280_421_310_721

    /// The process-wide generator, `torch`'s global one (`torch.manual_seed`, `torch.rand`).
    ///
    /// Global mutable state by design, as in PyTorch: scripts run on one thread, and every
    /// op that draws takes its generator as an argument defaulting to this one. Seeded
    /// nondeterministically at start-up, like PyTorch's default generator.
    /// Per interpreter: the installed `ExecutionContext`'s generator when there is one.
    public static var `default`: Generator {
        get { ExecutionContext.current?.generator ?? processDefault }
        set {
            if let context = ExecutionContext.current { context.generator = newValue } else { processDefault = newValue }
        }
    }
    nonisolated(unsafe) private static var processDefault = Generator(seed: UInt64.random(in: .min ... .max))

    /// `torch.manual_seed(seed)` on the default generator (negative seeds wrap modulo 2^64).
    public static func manualSeed<Seed: BinaryInteger>(_ seed: Seed) { Generator.default.manualSeed(seed) }

    /// The 624 state words, owned by this generator.
    let words: UnsafeMutablePointer<UInt32>
    /// Draws left before the next twist, plus one (`left_` of at::mt19937).
    var left: Int = 1
    /// Index of the next state word to temper (`next_`).
    var nextIndex: Int = 0
    /// The seed last given to `manualSeed` (`initial_seed()`), all 64 bits.
    public internal(set) var initialSeed: UInt64
    /// The cached sine half of the last double Box–Muller pair (§4b).
    var nextDoubleNormal: Double?

    /// A generator seeded with `seed` (`torch.Generator().manual_seed(seed)`).
    public init(seed: UInt64 = Generator.defaultSeed) {
        words = .allocate(capacity: Generator.stateWords)
        initialSeed = seed
        manualSeed(seed)
    }

    deinit { words.deallocate() }

    /// `generator.manual_seed(seed)`: keeps `seed` modulo 2^64 as `initialSeed` (so -1
    /// becomes 2^64 - 1, as Python's wrap does), seeds the engine from its low 32 bits and
    /// clears the normal cache.
    public func manualSeed<Seed: BinaryInteger>(_ seed: Seed) {
        let seed = UInt64(truncatingIfNeeded: seed)
        initialSeed = seed
        words[0] = UInt32(truncatingIfNeeded: seed)
        for j in 1..<Generator.stateWords {
            let previous = words[j - 1]
            words[j] = 1_812_433_253 &* (previous ^ (previous >> 30)) &+ UInt32(j)
        }
        left = 1
        nextIndex = 0
        nextDoubleNormal = nil
    }

    /// `generator.seed()`: re-seeds from a nondeterministic 64-bit value and returns it.
    @discardableResult
    public func seed() -> UInt64 {
        let value = UInt64.random(in: .min ... .max)
        manualSeed(value)
        return value
    }

    /// One 32-bit engine output (`random()`).
    @inline(__always)
    public func random() -> UInt32 {
        left -= 1
        if left == 0 {
            Generator.twist(words)
            left = Generator.stateWords
            nextIndex = 0
        }
        let y = words[nextIndex]
        nextIndex += 1
        return Generator.temper(y)
    }

    /// The MT19937 output tempering of one state word.
    @inline(__always)
    static func temper(_ word: UInt32) -> UInt32 {
        var y = word
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// Writes the next `count` outputs to `destination`, in order: `count` calls of `random()`
    /// as one loop over the state (locals instead of per-draw property access).
    func fillWords(_ destination: UnsafeMutablePointer<UInt32>, count: Int) {
        var produced = 0
        var left = self.left, next = self.nextIndex
        let words = self.words
        while produced < count {
            if left == 1 {
                Generator.twist(words)
                left = Generator.stateWords + 1
                next = 0
            }
            let run = min(left - 1, count - produced)
            let source = words + next, target = destination + produced
            for k in 0..<run { target[k] = Generator.temper(source[k]) }
            produced += run
            next += run
            left -= run
        }
        self.left = left
        self.nextIndex = next
    }

    /// Two draws, the first as the high word (`random64()`).
    @inline(__always)
    public func random64() -> UInt64 {
        let high = UInt64(random())
        return (high << 32) | UInt64(random())
    }

    /// `U24()`: one draw to a float in [0, 1), `(u32 & 0xFFFFFF) * 2^-24`.
    @inline(__always)
    func uniformFloat() -> Float {
        Float(random() & 0xFF_FFFF) * 0x1p-24
    }

    /// `U53()`: two draws to a double in [0, 1), `(random64() & (2^53 - 1)) * 2^-53`.
    @inline(__always)
    func uniformDouble() -> Double {
        Double(random64() & 0x1F_FFFF_FFFF_FFFF) * 0x1p-53
    }

    /// Fills `count` floats with `U24()` draws, in order.
    func fillUniformFloats(_ destination: UnsafeMutablePointer<Float>, count: Int) {
        guard count > 0 else { return }
        destination.withMemoryRebound(to: UInt32.self, capacity: count) { fillWords($0, count: count) }
        for i in 0..<count {
            destination[i] = Float(destination[i].bitPattern & 0xFF_FFFF) * 0x1p-24
        }
    }

    /// Runs `body` with a reader that hands out the next `total` words of this generator,
    /// pulled in chunks (per-element loops then run on a local buffer). `body` must read
    /// exactly `total` words: the whole amount is taken from the stream.
    func withWords<Result>(_ total: Int, _ body: (inout WordReader) throws -> Result) rethrows -> Result {
        let capacity = max(1, min(total, 4096))
        let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        defer { buffer.deallocate() }
        var reader = WordReader(generator: self, buffer: buffer, capacity: capacity, remaining: total)
        return try body(&reader)
    }

    /// Advances the stream by `count` draws, as if they were drawn and discarded.
    /// MT19937 has no cheap jump-ahead: this runs one twist per 624 draws (no tempering).
    public func skip(_ count: Int) {
        var remaining = max(count, 0)
        let available = left - 1  // words before the next twist
        if remaining <= available {
            left -= remaining
            nextIndex += remaining
            return
        }
        remaining -= available
        // Each further block starts with the draw that twists.
        while remaining > Generator.stateWords {
            Generator.twist(words)
            remaining -= Generator.stateWords
        }
        Generator.twist(words)
        left = Generator.stateWords - (remaining - 1)
        nextIndex = remaining
    }

    /// `at::normal_distribution<double>(0, 1)`: the double Box–Muller of §4b, returning
    /// the cached sine of the previous pair when there is one.
    ///
    ///     u1 = U53(); u2 = U53(); r = sqrt(-2 log1p(-u2)); θ = 2π u1
    ///     cache r·sin θ, return r·cos θ
    func standardNormalDouble() -> Double {
        if let cached = nextDoubleNormal {
            nextDoubleNormal = nil
            return cached
        }
        let u1 = uniformDouble()
        let u2 = uniformDouble()
        let radius = Foundation.sqrt(-2.0 * Foundation.log1p(-u2))
        let theta = 2.0 * Double.pi * u1
        nextDoubleNormal = radius * Foundation.sin(theta)
        return radius * Foundation.cos(theta)
    }

    /// The standard MT19937 twist of all 624 words, in place.
    static func twist(_ s: UnsafeMutablePointer<UInt32>) {
        let n = Generator.stateWords, m = 397
        @inline(__always) func mix(_ i: Int, _ i1: Int, _ im: Int) {
            let y = (s[i] & 0x8000_0000) | (s[i1] & 0x7FFF_FFFF)
            s[i] = s[im] ^ (y >> 1) ^ ((s[i1] & 1) != 0 ? 0x9908_B0DF : 0)
        }
        for i in 0..<(n - m) { mix(i, i + 1, i + m) }
        for i in (n - m)..<(n - 1) { mix(i, i + 1, i + m - n) }
        mix(n - 1, 0, m - 1)
    }
}

/// The next words of a generator, pulled in chunks of up to 4096 (see `withWords`).
struct WordReader {
    let generator: Generator
    let buffer: UnsafeMutablePointer<UInt32>
    let capacity: Int
    /// Words still to pull from the generator.
    var remaining: Int
    var position = 0
    var available = 0

    init(generator: Generator, buffer: UnsafeMutablePointer<UInt32>, capacity: Int, remaining: Int) {
        self.generator = generator
        self.buffer = buffer
        self.capacity = capacity
        self.remaining = remaining
    }

    /// `random()`.
    @inline(__always)
    mutating func next() -> UInt32 {
        if position == available { refill() }
        let word = buffer[position]
        position += 1
        return word
    }

    /// `random64()`: the first word is the high half.
    @inline(__always)
    mutating func next64() -> UInt64 {
        let high = UInt64(next())
        return high << 32 | UInt64(next())
    }

    /// `U53()`.
    @inline(__always)
    mutating func uniformDouble() -> Double {
        Double(next64() & 0x1F_FFFF_FFFF_FFFF) * 0x1p-53
    }

    /// `U24()`.
    @inline(__always)
    mutating func uniformFloat() -> Float {
        Float(next() & 0xFF_FFFF) * 0x1p-24
    }

    @inline(never)
    mutating func refill() {
        // Past the declared total (a caller's mistake) words are still taken in order.
        let k = max(1, min(capacity, remaining))
        generator.fillWords(buffer, count: k)
        remaining -= k
        position = 0
        available = k
    }
}
