// CPython's iteration order for sets of ints: CPython iterates a set in hash-table slot
// order, so `print({3, 1, 2})` shows `{1, 2, 3}`. We replay CPython's open-addressing
// insertion (setobject.c: linear probes of 9, perturbed probing, resize at 3/5 full) to
// reproduce that order. Sets of other values (whose CPython hashes are randomized per
// process, like str) keep insertion order. Also CPython's hashes of ints, floats and tuples.

enum SetOrder {
    /// CPython's `hash()` of an int (modulus 2**61 - 1, -1 maps to -2).
    static func intHash(_ i: Int) -> Int {
        let modulus = (1 << 61) - 1
        var h = i.magnitude % UInt(modulus)
        if i < 0 { h = UInt(bitPattern: -Int(h)) }
        let signed = Int(bitPattern: h)
        return signed == -1 ? -2 : signed
    }

    /// CPython's `hash()` of a float (`_Py_HashDouble`): the value modulo 2**61 - 1, so
    /// `hash(2.0) == hash(2)`; infinities hash to ±314159. NaN has no fixed hash (nil).
    static func floatHash(_ d: Double) -> Int? {
        if d.isNaN { return nil }
        if d.isInfinite { return d > 0 ? 314159 : -314159 }
        let bits: UInt = 61
        let modulus: UInt = (1 << 61) - 1
        guard d != 0 else { return 0 }
        // frexp: m in [0.5, 1), |d| = m * 2**e
        var m = abs(d).significand / 2
        var e = Int(abs(d).exponent) + 1
        var x: UInt = 0
        while m != 0 {
            x = ((x << 28) & modulus) | x >> (bits - 28)
            m *= 268435456.0
            e -= 28
            let y = UInt(m)
            m -= Double(y)
            x += y
            if x >= modulus { x -= modulus }
        }
        let shift = e >= 0 ? UInt(e % 61) : UInt(60 - ((-1 - e) % 61))
        x = ((x << shift) & modulus) | x >> (bits - shift)
        var signed = Int(bitPattern: x)
        if d < 0 { signed = -signed }
        return signed == -1 ? -2 : signed
    }

    /// CPython's tuple hash (xxHash-style lanes over the item hashes).
    static func tupleHash(_ itemHashes: [Int]) -> Int {
        let prime1: UInt = 11400714785074694791, prime2: UInt = 14029467366897019727, prime5: UInt = 2870177450012600261
        var acc = prime5
        for h in itemHashes {
            acc = acc &+ UInt(bitPattern: h) &* prime2
            acc = (acc << 31) | (acc >> 33)
            acc = acc &* prime1
        }
        acc = acc &+ (UInt(itemHashes.count) ^ (prime5 ^ 3527539))
        return acc == UInt.max ? 1546275796 : Int(bitPattern: acc)
    }

    /// CPython's hash of `value` when it does not vary between runs (ints, floats and
    /// tuples of them), else nil.
    static func stableHash(_ value: Value) -> Int? {
        switch value {
        case .int(let i): return intHash(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return floatHash(d)
        case .object(let o):
            guard let t = o as? PyTuple else { return nil }
            var hashes: [Int] = []
            hashes.reserveCapacity(t.items.count)
            for item in t.items {
                guard let h = stableHash(item) else { return nil }
                hashes.append(h)
            }
            return tupleHash(hashes)
        default: return nil
        }
    }

    /// The elements in CPython's iteration order, or nil when that order is not reproducible.
    static func cpythonOrder(_ elements: [Value]) -> [Value]? {
        guard elements.count > 1, elements.count <= 4096 else { return nil }
        var hashes: [Int] = []
        hashes.reserveCapacity(elements.count)
        for e in elements {
            guard let h = stableHash(e) else { return nil }
            hashes.append(h)
        }
        var size = 8
        var table = [Int](repeating: -1, count: size)    // element index per slot, -1 empty
        var fill = 0
        func insert(_ element: Int, into table: inout [Int], mask: Int) {
            let hash = hashes[element]
            var perturb = UInt(bitPattern: hash)
            var i = hash & mask
            while true {
                let probes = i + 9 <= mask ? 9 : 0
                for k in 0...probes where table[i + k] == -1 {
                    table[i + k] = element
                    return
                }
                perturb >>= 5
                i = (i &* 5 &+ 1 &+ Int(bitPattern: perturb)) & mask
            }
        }
        for element in elements.indices {
            insert(element, into: &table, mask: size - 1)
            fill += 1
            if fill * 5 >= (size - 1) * 3 {
                let used = fill
                var newSize = 8
                while newSize <= used * 4 { newSize <<= 1 }
                var newTable = [Int](repeating: -1, count: newSize)
                for slot in table where slot != -1 { insert(slot, into: &newTable, mask: newSize - 1) }
                table = newTable
                size = newSize
            }
        }
        return table.compactMap { $0 == -1 ? nil : elements[$0] }
    }
}
