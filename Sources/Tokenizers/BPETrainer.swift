// BPE from scratch (chapter 2.5): learn byte-level merges from a small text, recording each
// merge so a lesson can show the vocabulary growing, then encode and decode with them.

/// One merge learned by `BPETrainer`: two adjacent tokens that became a new one.
public struct BPEMerge: Equatable, Sendable {
    /// The token ids merged, left then right.
    public let left: Int
    public let right: Int
    /// The new token's id: 256 for the first merge, then 257, …
    public let token: Int
    /// The new token's bytes (the left token's bytes, then the right's).
    public let bytes: [UInt8]
    /// `bytes` as UTF-8; a token that splits a character shows U+FFFD there.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// How many times the pair stood next to each other in the text when it was chosen.
    public let count: Int
}

/// Learns byte-level BPE merges, the way GPT-2's vocabulary was made, on a small text.
///
/// The text is split with GPT-2's pattern (`PreTokenizer`), so merges never cross a piece
/// boundary; each piece starts as its UTF-8 bytes (token ids 0…255 are the bytes). Each
/// round counts every adjacent pair of tokens over all pieces, merges the most frequent
/// pair everywhere (left to right, so `a a a` with pair `a a` becomes `aa a`), and gives it
/// the next id. Ties go to the pair that occurs first in the text. Training stops at
/// `vocabularySize` tokens or when no piece has two tokens left.
public struct BPETrainer: Sendable {
    /// Tokens wanted in the end: 256 byte tokens plus `vocabularySize - 256` merges.
    public let vocabularySize: Int

    /// Throws a `ValueError` if `vocabularySize` is below 256 (the byte tokens).
    public init(vocabularySize: Int) throws {
        guard vocabularySize >= 256 else {
            throw TokenizerError.value("vocab_size must be at least 256 (one token per byte), got \(vocabularySize)")
        }
        self.vocabularySize = vocabularySize
    }

    /// Learns merges from `text`.
    public func train(_ text: String) -> BPETokenizer {
        // Distinct pieces in order of first appearance, with how often each occurs; scanning
        // them in that order meets every pair first where the full text first has it.
        var words: [[Int]] = []
        var frequencies: [Int] = []
        var indexOfPiece: [String: Int] = [:]
        for piece in PreTokenizer.pieces(text) {
            if let index = indexOfPiece[piece] {
                frequencies[index] += 1
            } else {
                indexOfPiece[piece] = words.count
                words.append(piece.utf8.map { Int($0) })
                frequencies.append(1)
            }
        }

        // Pair counts over the whole text, kept up to date as words change.
        var counts: [Pair: Int] = [:]
        for (w, word) in words.enumerated() {
            Self.forEachPair(word) { counts[$0, default: 0] += frequencies[w] }
        }
        var vocabulary = (0..<256).map { [UInt8($0)] }
        var merges: [BPEMerge] = []
        while vocabulary.count < vocabularySize {
            guard let (pair, count) = Self.mostFrequentPair(counts, words) else { break }
            let token = vocabulary.count
            for w in words.indices where Self.contains(words[w], pair) {
                let frequency = frequencies[w]
                Self.forEachPair(words[w]) { old in
                    let left = (counts[old] ?? 0) - frequency
                    counts[old] = left > 0 ? left : nil
                }
                words[w] = Self.merge(words[w], pair, into: token)
                Self.forEachPair(words[w]) { counts[$0, default: 0] += frequency }
            }
            let bytes = vocabulary[pair.left] + vocabulary[pair.right]
            vocabulary.append(bytes)
            merges.append(BPEMerge(left: pair.left, right: pair.right, token: token, bytes: bytes, count: count))
        }
        return BPETokenizer(merges: merges)
    }

    struct Pair: Hashable {
        let left: Int
        let right: Int
    }

    private static func forEachPair(_ word: [Int], _ body: (Pair) -> Void) {
        guard word.count > 1 else { return }
        for i in 0..<(word.count - 1) { body(Pair(left: word[i], right: word[i + 1])) }
    }

    private static func contains(_ word: [Int], _ pair: Pair) -> Bool {
        guard word.count > 1 else { return false }
        for i in 0..<(word.count - 1) where word[i] == pair.left && word[i + 1] == pair.right {
            return true
        }
        return false
    }

    /// The pair with the highest count and, among equals, the one that occurs first in the
    /// text (words in order of first appearance, pairs left to right); nil if no pairs.
    static func mostFrequentPair(_ counts: [Pair: Int], _ words: [[Int]]) -> (Pair, Int)? {
        var best = 0
        var tied: [Pair] = []
        for (pair, count) in counts {
            if count > best {
                best = count
                tied = [pair]
            } else if count == best {
                tied.append(pair)
            }
        }
        guard best > 0, let only = tied.first else { return nil }
        if tied.count == 1 { return (only, best) }
        let candidates = Set(tied)
        for word in words where word.count > 1 {
            for i in 0..<(word.count - 1) {
                let pair = Pair(left: word[i], right: word[i + 1])
                if candidates.contains(pair) { return (pair, best) }
            }
        }
        return (only, best)
    }

    /// `ids` with every occurrence of `pair`, left to right, replaced by `token`.
    static func merge(_ ids: [Int], _ pair: Pair, into token: Int) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(ids.count)
        var i = 0
        while i < ids.count {
            if i + 1 < ids.count && ids[i] == pair.left && ids[i + 1] == pair.right {
                out.append(token)
                i += 2
            } else {
                out.append(ids[i])
                i += 1
            }
        }
        return out
    }
}

/// A tokenizer made of trained merges: GPT-2's split, then the merges in the order learned.
public struct BPETokenizer: Sendable {
    /// The merges in the order learned; merge k made token 256 + k.
    public let merges: [BPEMerge]
    private let rankOfPair: [BPETrainer.Pair: Int]

    public init(merges: [BPEMerge]) {
        self.merges = merges
        var ranks: [BPETrainer.Pair: Int] = [:]
        for merge in merges where ranks[BPETrainer.Pair(left: merge.left, right: merge.right)] == nil {
            ranks[BPETrainer.Pair(left: merge.left, right: merge.right)] = merge.token
        }
        rankOfPair = ranks
    }

    /// 256 byte tokens plus one per merge.
    public var vocabularySize: Int { 256 + merges.count }

    /// Token `id`'s bytes; a `KeyError` for ids outside the vocabulary.
    public func tokenBytes(_ id: Int) throws -> [UInt8] {
        if id >= 0 && id < 256 { return [UInt8(id)] }
        guard id >= 256 && id < vocabularySize else { throw TokenizerError.key(String(id)) }
        return merges[id - 256].bytes
    }

    /// Splits `text` into pieces, then in each piece merges the adjacent pair that was
    /// learned first (the lowest new id), leftmost on ties, until no learned pair is left.
    public func encode(_ text: String) -> [Int] {
        var tokens: [Int] = []
        for piece in PreTokenizer.pieces(text) {
            var ids = piece.utf8.map { Int($0) }
            while ids.count > 1 {
                var best: (token: Int, index: Int)?
                for i in 0..<(ids.count - 1) {
                    if let token = rankOfPair[BPETrainer.Pair(left: ids[i], right: ids[i + 1])],
                       token < (best?.token ?? Int.max) {
                        best = (token, i)
                    }
                }
                guard let merge = best else { break }
                ids[merge.index] = merge.token
                ids.remove(at: merge.index + 1)
            }
            tokens.append(contentsOf: ids)
        }
        return tokens
    }

    /// The tokens' bytes as UTF-8, malformed sequences replaced by U+FFFD.
    public func decode(_ tokens: [Int]) throws -> String {
        var bytes: [UInt8] = []
        for token in tokens { bytes.append(contentsOf: try tokenBytes(token)) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
