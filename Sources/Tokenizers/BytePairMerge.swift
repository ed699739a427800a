// Byte-level BPE on one piece (chapter 2.5): start from single bytes and keep merging the
// adjacent pair whose joined bytes have the lowest rank, exactly as tiktoken's
// `_byte_pair_merge` does.

extension TokenTable {
    /// Appends the tokens of the piece `p[0..<n]` (n ≥ 2) to `tokens`.
    ///
    /// `parts[k] = (start, rank)`: part k begins at byte `start`, and `rank` is the rank of
    /// the bytes of parts k and k+1 joined (`Int.max` if that is not a token). Each step
    /// merges the pair with the lowest rank, the leftmost on ties, then re-ranks the pairs on
    /// either side of it; at most n-1 steps of O(n) each.
    func bytePairMerge(_ p: UnsafePointer<UInt8>, _ n: Int, into tokens: inout [Int]) {
        let none = Int.max
        var parts: [(start: Int, rank: Int)] = []
        parts.reserveCapacity(n + 1)
        var minRank = none
        var minIndex = 0
        for i in 0..<(n - 1) {
            let r = rank(p + i, 2)
            let pairRank = r < 0 ? none : r
            if pairRank < minRank {
                minRank = pairRank
                minIndex = i
            }
            parts.append((i, pairRank))
        }
        parts.append((n - 1, none))
        parts.append((n, none))

        // The rank of parts i and i+1 joined, i.e. bytes parts[i].start ..< parts[i+2].start
        // once part i+1 is gone (so the lookup spans parts[i] ..< parts[i+3] before removal).
        func joinedRank(_ i: Int) -> Int {
            guard i + 3 < parts.count else { return none }
            let start = parts[i].start
            let r = rank(p + start, parts[i + 3].start - start)
            return r < 0 ? none : r
        }

        while minRank != none {
            let i = minIndex
            if i > 0 { parts[i - 1].rank = joinedRank(i - 1) }
            parts[i].rank = joinedRank(i)
            parts.remove(at: i + 1)
            minRank = none
            for k in 0..<(parts.count - 1) where parts[k].rank < minRank {
                minRank = parts[k].rank
                minIndex = k
            }
        }
        for k in 0..<(parts.count - 1) {
            let start = parts[k].start
            tokens.append(rank(p + start, parts[k + 1].start - start))
        }
    }
}
