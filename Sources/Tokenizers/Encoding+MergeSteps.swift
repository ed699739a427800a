// BPE made visible (chapter 2.5): how GPT-2's own merges turn a text's bytes into tokens,
// one merge at a time, for a lesson to print.

/// The parts of a text after one BPE merge.
public struct MergeStep: Equatable, Sendable {
    /// The parts as token ids (every part along the way is a token).
    public let tokens: [Int]
    /// The same parts as text; a part that is not whole UTF-8 shows U+FFFD where it breaks.
    public let pieces: [String]
    /// The token the merge made (its id is its rank: lower ids merge first), nil at the start.
    public let mergedToken: Int?
    /// Where the merged part sits in `tokens`, nil at the start.
    public let mergedIndex: Int?
}

extension Encoding {
    /// The longest text `mergeSteps(of:)` takes, in UTF-8 bytes (every step lists all parts).
    public static let mergeStepsLimit = 1_000

    /// How BPE encodes `text`, step by step: first the text split into pieces and each piece
    /// into single bytes, then one step per merge.
    ///
    /// Each step joins the adjacent pair, inside one piece, whose joined bytes have the
    /// lowest rank (the leftmost such pair on ties), the order tiktoken merges in; pieces
    /// never merge with each other. The last step's tokens are `encodeOrdinary(text)`.
    /// Throws a `ValueError` for texts longer than `mergeStepsLimit` bytes.
    public func mergeSteps(of text: String) throws -> [MergeStep] {
        let utf8 = Array(text.utf8)
        guard utf8.count <= Self.mergeStepsLimit else {
            throw TokenizerError.value("mergeSteps shows merges for short texts (at most \(Self.mergeStepsLimit) bytes); this text has \(utf8.count) bytes")
        }
        // Part boundaries, as byte offsets, for each piece: piece k is bounds[k][0] ..< bounds[k].last.
        var bounds: [[Int]] = []
        utf8.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            PreTokenizer.forEachPiece(base, buffer.count) { start, end in
                bounds.append(Array(start...end))
            }
        }
        return utf8.withUnsafeBufferPointer { buffer -> [MergeStep] in
            guard let base = buffer.baseAddress else {
                return [MergeStep(tokens: [], pieces: [], mergedToken: nil, mergedIndex: nil)]
            }
            var steps = [step(bounds, base, nil, nil)]
            while true {
                // The lowest-rank pair over all pieces; pieces are scanned left to right, so
                // the first minimum found is the leftmost.
                var best: (rank: Int, piece: Int, part: Int)?
                for (k, b) in bounds.enumerated() where b.count > 2 {
                    for i in 0..<(b.count - 2) {
                        let r = table.rank(base + b[i], b[i + 2] - b[i])
                        if r >= 0, r < (best?.rank ?? Int.max) { best = (r, k, i) }
                    }
                }
                guard let merge = best else { break }
                bounds[merge.piece].remove(at: merge.part + 1)
                let index = bounds[..<merge.piece].reduce(0) { $0 + $1.count - 1 } + merge.part
                steps.append(step(bounds, base, merge.rank, index))
            }
            return steps
        }
    }

    private func step(_ bounds: [[Int]], _ base: UnsafePointer<UInt8>, _ merged: Int?, _ index: Int?) -> MergeStep {
        var tokens: [Int] = []
        var pieces: [String] = []
        for b in bounds where b.count > 1 {
            for i in 0..<(b.count - 1) {
                let part = UnsafeBufferPointer(start: base + b[i], count: b[i + 1] - b[i])
                tokens.append(table.rank(base + b[i], b[i + 1] - b[i]))
                pieces.append(String(decoding: part, as: UTF8.self))
            }
        }
        return MergeStep(tokens: tokens, pieces: pieces, mergedToken: merged, mergedIndex: index)
    }
}
