// CPython's iteration order for sets of ints: CPython iterates a set in hash-table slot
// order, so `print({3, 1, 2})` shows `{1, 2, 3}`. We replay CPython's open-addressing
// insertion (setobject.c: linear probes of 9, perturbed probing, resize at 3/5 full) to
// reproduce that order. Sets of other values (whose CPython hashes are randomized per
// process, like str) keep insertion order.

enum SetOrder {
    /// CPython's `hash()` of an int (modulus 2**61 - 1, -1 maps to -2).
    static func intHash(_ i: Int) -> Int {
        let modulus = (1 << 61) - 1
        var h = i.magnitude % UInt(modulus)
        if i < 0 { h = UInt(bitPattern: -Int(h)) }
        let signed = Int(bitPattern: h)
        return signed == -1 ? -2 : signed
    }

    /// The elements in CPython's iteration order, or nil when that order is not reproducible.
    static func cpythonOrder(_ elements: [Value]) -> [Value]? {
        guard elements.count > 1, elements.count <= 4096 else { return nil }
        var hashes: [Int] = []
        hashes.reserveCapacity(elements.count)
        for e in elements {
            switch e {
            case .int(let i): hashes.append(intHash(i))
            case .bool(let b): hashes.append(b ? 1 : 0)
            default: return nil
            }
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
