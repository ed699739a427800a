// itertools' product, permutations, combinations and combinations_with_replacement: the pools
// are read up front (as CPython does), the tuples are produced lazily in CPython's order.

extension ItertoolsModule {
    static func addCombinatorics(_ m: NativeModule) {
        _ = add(m, "product", "*iterables, repeat=1") { cls, args in
            let repeatCount = try args.int("repeat")
            if repeatCount < 0 { throw PyException.valueError("repeat argument cannot be negative") }
            let base = try args.extraPositional.map { try iterateToArray($0) }
            var pools: [[Value]] = []
            for _ in 0..<repeatCount { pools += base }
            var indices = [Int](repeating: 0, count: pools.count)
            var first = true
            var done = pools.contains { $0.isEmpty }
            return LazyIterator(cls) {
                if done { return nil }
                if first {
                    first = false
                } else {
                    var i = pools.count - 1
                    while i >= 0 {
                        indices[i] += 1
                        if indices[i] < pools[i].count { break }
                        indices[i] = 0
                        i -= 1
                    }
                    if i < 0 {
                        done = true
                        return nil
                    }
                }
                return .tuple(indices.enumerated().map { pools[$0.offset][$0.element] })
            }
        }
        _ = add(m, "permutations", "iterable, r=None") { cls, args in
            let pool = try iterateToArray(args["iterable"])
            let n = pool.count
            let r = try args.optionalInt("r") ?? n
            if r < 0 { throw PyException.valueError("r must be non-negative") }
            var indices = Array(0..<n)
            var cycles = Array(stride(from: n, to: n - r, by: -1))
            var first = true
            var done = r > n
            return LazyIterator(cls) {
                if done { return nil }
                if first {
                    first = false
                    return .tuple(indices.prefix(r).map { pool[$0] })
                }
                var i = r - 1
                while i >= 0 {
                    cycles[i] -= 1
                    if cycles[i] == 0 {
                        let moved = indices[i]
                        indices.remove(at: i)
                        indices.append(moved)
                        cycles[i] = n - i
                    } else {
                        let j = cycles[i]
                        indices.swapAt(i, n - j)
                        return .tuple(indices.prefix(r).map { pool[$0] })
                    }
                    i -= 1
                }
                done = true
                return nil
            }
        }
        for withReplacement in [false, true] {
            let name = withReplacement ? "combinations_with_replacement" : "combinations"
            _ = add(m, name, "iterable, r") { cls, args in
                let pool = try iterateToArray(args["iterable"])
                let n = pool.count
                let r = try args.int("r")
                if r < 0 { throw PyException.valueError("r must be non-negative") }
                var indices = withReplacement ? [Int](repeating: 0, count: r) : Array(0..<r)
                var first = true
                var done = withReplacement ? (n == 0 && r > 0) : r > n
                return LazyIterator(cls) {
                    if done { return nil }
                    if first {
                        first = false
                        return .tuple(indices.map { pool[$0] })
                    }
                    var i = r - 1
                    while i >= 0 {
                        if withReplacement ? indices[i] != n - 1 : indices[i] != i + n - r { break }
                        i -= 1
                    }
                    if i < 0 {
                        done = true
                        return nil
                    }
                    if withReplacement {
                        let v = indices[i] + 1
                        for j in i..<r { indices[j] = v }
                    } else {
                        indices[i] += 1
                        for j in (i + 1)..<max(r, i + 1) { indices[j] = indices[j - 1] + 1 }
                    }
                    return .tuple(indices.map { pool[$0] })
                }
            }
        }
    }
}
