// The byte-level vocabulary: every token's bytes in one flat buffer, and an open-addressing
// hash from bytes to rank, the lookup tiktoken's merge loop does (chapter 2.5, BPE).

/// Token bytes by rank, and rank by bytes.
///
/// Ranks are token ids: `0..<count`. Token `r`'s bytes are
/// `bytes[offsets[r] ..< offsets[r + 1]]`. The hash table maps a byte string to its rank with
/// linear probing over a power-of-two number of slots (at least twice the token count).
final class TokenTable: @unchecked Sendable {
    let count: Int
    private let bytes: UnsafeMutablePointer<UInt8>
    private let offsets: UnsafeMutablePointer<Int>
    private let slots: UnsafeMutablePointer<Int32>
    private let mask: Int
    /// The rank of each single byte, which every byte-level vocabulary has.
    private let byteRanks: UnsafeMutablePointer<Int32>

    /// Builds the table from the tokens' bytes in rank order.
    convenience init(tokens: [[UInt8]]) throws {
        var offsets = [0]
        offsets.reserveCapacity(tokens.count + 1)
        var flat: [UInt8] = []
        for token in tokens {
            flat.append(contentsOf: token)
            offsets.append(flat.count)
        }
        try self.init(flatBytes: flat, offsets: offsets)
    }

    /// Builds the table from all tokens' bytes back to back and where each starts (token
    /// `r` is `flatBytes[offsets[r] ..< offsets[r + 1]]`). Throws if a byte string appears
    /// twice or a single byte has no token.
    init(flatBytes: [UInt8], offsets tokenOffsets: [Int]) throws {
        count = max(tokenOffsets.count - 1, 0)
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(flatBytes.count, 1))
        flatBytes.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { storage.initialize(from: base, count: source.count) }
        }
        bytes = storage
        offsets = .allocate(capacity: count + 1)
        offsets.initialize(from: tokenOffsets.isEmpty ? [0] : tokenOffsets, count: count + 1)
        var slotCount = 1
        while slotCount < 2 * max(count, 1) { slotCount <<= 1 }
        slots = .allocate(capacity: slotCount)
        slots.initialize(repeating: -1, count: slotCount)
        mask = slotCount - 1
        byteRanks = .allocate(capacity: 256)
        byteRanks.initialize(repeating: -1, count: 256)

        for rank in 0..<count {
            let start = bytes + offsets[rank]
            let length = offsets[rank + 1] - offsets[rank]
            var slot = Self.hash(start, length) & mask
            while slots[slot] >= 0 {
                if equal(Int(slots[slot]), start, length) {
                    throw TokenizerError.value("token \(rank) repeats the bytes of token \(slots[slot])")
                }
                slot = (slot + 1) & mask
            }
            slots[slot] = Int32(rank)
            if length == 1 { byteRanks[Int(start[0])] = Int32(rank) }
        }
        for b in 0..<256 where byteRanks[b] < 0 {
            throw TokenizerError.value("the vocabulary has no token for byte \(b)")
        }
    }

    deinit {
        bytes.deallocate()
        offsets.deallocate()
        slots.deallocate()
        byteRanks.deallocate()
    }

    /// FNV-1a over the bytes, then a multiply-shift mix so low bits spread.
    @inline(__always)
    private static func hash(_ p: UnsafePointer<UInt8>, _ length: Int) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for i in 0..<length {
            h = (h ^ UInt64(p[i])) &* 0x0000_0100_0000_01b3
        }
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        h ^= h >> 32
        return Int(truncatingIfNeeded: h)
    }

    @inline(__always)
    private func equal(_ rank: Int, _ p: UnsafePointer<UInt8>, _ length: Int) -> Bool {
        let start = offsets[rank]
        guard offsets[rank + 1] - start == length else { return false }
        let q = bytes + start
        for i in 0..<length where q[i] != p[i] { return false }
        return true
    }

    /// The rank of the byte string `p[0..<length]`, or -1 if it is not a token.
    @inline(__always)
    func rank(_ p: UnsafePointer<UInt8>, _ length: Int) -> Int {
        if length == 1 { return Int(byteRanks[Int(p[0])]) }
        var slot = Self.hash(p, length) & mask
        while true {
            let candidate = Int(slots[slot])
            if candidate < 0 { return -1 }
            if equal(candidate, p, length) { return candidate }
            slot = (slot + 1) & mask
        }
    }

    /// The rank of a byte array, or -1.
    func rank(of token: [UInt8]) -> Int {
        if token.isEmpty { return -1 }
        return token.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return -1 }
            return rank(base, buffer.count)
        }
    }

    /// The rank of a single byte.
    @inline(__always)
    func rank(ofByte b: UInt8) -> Int { Int(byteRanks[Int(b)]) }

    /// Token `rank`'s bytes (rank must be in `0..<count`).
    func bytes(of rank: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes + offsets[rank], count: offsets[rank + 1] - offsets[rank])
    }
}
