// Snapshots of a generator's state (`get_rng_state` / `set_rng_state`), so the shell can
// rerun a lesson from the same random stream. RNG_SPEC.md §1 and §4b.

/// Everything that determines a generator's future output.
public struct GeneratorState: Equatable, Sendable {
    /// The 624 Mersenne Twister words.
    public var words: [UInt32]
    /// Draws left before the next twist, plus one (1 right after seeding).
    public var left: Int
    /// Index of the next word to temper.
    public var nextIndex: Int
    /// The seed last passed to `manualSeed`.
    public var initialSeed: UInt64
    /// The cached second value of the double Box–Muller pair, if any.
    public var nextDoubleNormal: Double?

    /// Byte size of PyTorch's serialized CPU generator state (`torch.get_rng_state()`).
    public static let torchByteCount = 5056

    /// The state in PyTorch's layout (`CPUGeneratorImplState`, 5056 bytes little-endian):
    /// seed u64, left i32, seeded i32, next u64, 624 × u64 words, normal_x/y/rho f64,
    /// normal_is_valid i32, padding, next_float_normal f32, its valid flag, padding.
    public var torchBytes: [UInt8] {
        var bytes = [UInt8](repeating: 0, count: GeneratorState.torchByteCount)
        func put<T: FixedWidthInteger>(_ value: T, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { raw in
                for (i, b) in raw.enumerated() { bytes[offset + i] = b }
            }
        }
        put(initialSeed, at: 0)
        put(Int32(truncatingIfNeeded: left), at: 8)
        put(Int32(1), at: 12)
        put(UInt64(nextIndex), at: 16)
        for (i, w) in words.enumerated() { put(UInt64(w), at: 24 + 8 * i) }
        if let cached = nextDoubleNormal {
            put(cached.bitPattern, at: 5024)
            put(Int32(1), at: 5040)
        }
        return bytes
    }

    /// Reads PyTorch's serialized layout (see `torchBytes`); nil if it is malformed.
    public init?(torchBytes bytes: [UInt8]) {
        guard bytes.count == GeneratorState.torchByteCount else { return nil }
        func get<T: FixedWidthInteger>(_ type: T.Type, at offset: Int) -> T {
            var value = T.zero
            withUnsafeMutableBytes(of: &value) { raw in
                for i in 0..<raw.count { raw[i] = bytes[offset + i] }
            }
            return T(littleEndian: value)
        }
        let left = Int(get(Int32.self, at: 8))
        let next = Int(get(UInt64.self, at: 16))
        guard (1...Generator.stateWords).contains(left), (0...Generator.stateWords).contains(next) else {
            return nil
        }
        var words = [UInt32](repeating: 0, count: Generator.stateWords)
        for i in 0..<Generator.stateWords {
            words[i] = UInt32(truncatingIfNeeded: get(UInt64.self, at: 24 + 8 * i))
        }
        let valid = get(Int32.self, at: 5040) != 0
        self.init(words: words, left: left, nextIndex: next, initialSeed: get(UInt64.self, at: 0),
                  nextDoubleNormal: valid ? Double(bitPattern: get(UInt64.self, at: 5024)) : nil)
    }

    public init(words: [UInt32], left: Int, nextIndex: Int, initialSeed: UInt64, nextDoubleNormal: Double?) {
        self.words = words
        self.left = left
        self.nextIndex = nextIndex
        self.initialSeed = initialSeed
        self.nextDoubleNormal = nextDoubleNormal
    }
}

extension Generator {
    /// A snapshot of the full state (`get_state()`).
    public func getState() -> GeneratorState {
        GeneratorState(words: Array(UnsafeBufferPointer(start: words, count: Generator.stateWords)),
                       left: left, nextIndex: nextIndex, initialSeed: initialSeed,
                       nextDoubleNormal: nextDoubleNormal)
    }

    /// Restores a snapshot (`set_state()`); the stream continues exactly where it was taken.
    public func setState(_ state: GeneratorState) throws {
        guard state.words.count == Generator.stateWords,
              (1...Generator.stateWords).contains(state.left),
              (0...Generator.stateWords).contains(state.nextIndex) else {
            throw TensorError.runtime("RNG state is wrong size")
        }
        for i in 0..<Generator.stateWords { words[i] = state.words[i] }
        left = state.left
        nextIndex = state.nextIndex
        initialSeed = state.initialSeed
        nextDoubleNormal = state.nextDoubleNormal
    }

    /// A new generator in the same state as this one (an independent copy of the stream).
    public func copy() -> Generator {
        let g = Generator(seed: initialSeed)
        for i in 0..<Generator.stateWords { g.words[i] = words[i] }
        g.left = left
        g.nextIndex = nextIndex
        g.nextDoubleNormal = nextDoubleNormal
        return g
    }
}
