// Python's `random` module: a Mersenne Twister bit-exact with CPython 3.11 (seeding,
// random(), getrandbits, _randbelow, choice/shuffle/sample/choices and the distributions).
import Foundation

/// A `random.Random` instance: the generator and `gauss`'s cached second value.
final class RandomObject: PyObject {
    @exclusivity(unchecked) var generator: MersenneTwister
    var gaussNext: Double?
    let cls: PyClass
    /// `random.SystemRandom`: seeded from the OS's entropy, with no seed() or state.
    var isSystem = false

    init(cls: PyClass) {
        self.cls = cls
        generator = MersenneTwister(key: MersenneTwister.entropyKey())
    }

    override var pyClass: PyClass { cls }

    /// `seed(a)`: ints by their magnitude's 32-bit words, floats by their hash, None by entropy.
    func seed(_ a: Value) throws {
        gaussNext = nil
        switch a {
        case .none: generator.seed(key: MersenneTwister.entropyKey())
        case .bool(let b): generator.seed(key: [b ? 1 : 0])
        case .int(let i): generator.seed(key: MersenneTwister.key(for: UInt64(i.magnitude)))
        case .float(let d): generator.seed(key: MersenneTwister.key(for: UInt64(bitPattern: Int64(SetOrder.floatHash(d) ?? 0))))
        case .str(let s): generator.seed(key: RandomModule.stringSeedKey(Array(s.utf8)))
        case .object(let o):
            if let b = o as? PyBytes { generator.seed(key: RandomModule.stringSeedKey(b.bytes)); return }
            if let i = try indexValue(a) { generator.seed(key: MersenneTwister.key(for: UInt64(i.magnitude))); return }
            throw PyException.typeError("The only supported seed types are: None,\nint, float, str, bytes, and bytearray.")
        }
    }

    func random() -> Double { generator.nextDouble() }
}

enum RandomModule {
    static let nvMagic = 4 * Foundation.exp(-0.5) / Foundation.sqrt(2.0)

    /// Version-2 seeding of str/bytes: the big integer `int.from_bytes(a + sha512(a))`.
    static func stringSeedKey(_ bytes: [UInt8]) -> [UInt32] {
        let all = bytes + SHA512.digest(bytes)
        // Big-endian bytes → little-endian 32-bit words, dropping leading zero words.
        var words: [UInt32] = []
        var i = all.count
        while i > 0 {
            var w: UInt32 = 0
            let lo = max(0, i - 4)
            for b in all[lo..<i] { w = (w << 8) | UInt32(b) }
            words.append(w)
            i = lo
        }
        while words.count > 1, words.last == 0 { words.removeLast() }
        return words
    }

    static func this(_ args: Arguments, _ name: String) throws -> RandomObject {
        guard case .object(let o)? = args.positional.first, let r = o as? RandomObject else {
            throw PyException.typeError("descriptor '\(name)' requires a 'Random' object")
        }
        return r
    }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "random")
        let randomClass = NativeClass(name: "Random", module: "random")
        let cls = randomClass.pyClass
        cls.constructor = { c, args in
            if args.positional.count > 1 { throw PyException.typeError("Random() takes at most 1 argument (\(args.positional.count) given)") }
            let r = RandomObject(cls: c)
            if let a = args.positional.first { try r.seed(a) }
            return .object(r)
        }
        let shared = RandomObject(cls: cls)
        for (name, body) in RandomMethods.table {
            randomClass.addRawMethod(name) { args in
                let r = try this(args, name)
                return try body(r, Arguments(Array(args.positional.dropFirst()), args.keywords))
            }
            m.addFunction(name) { args in try body(shared, args) }
        }
        cls.hasFixedMethods = true
        m.addClass(randomClass)
        let systemClass = NativeClass(name: "SystemRandom", module: "random", base: cls)
        systemClass.pyClass.constructor = { c, _ in
            let r = RandomObject(cls: c)
            r.isSystem = true
            return .object(r)
        }
        m.addClass(systemClass)
        return m.module
    }
}
