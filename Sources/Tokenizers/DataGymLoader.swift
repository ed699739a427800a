// Reads GPT-2's original vocabulary files ("data gym" format: vocab.bpe merges and
// encoder.json) into byte-level ranks, as tiktoken's `data_gym_to_mergeable_bpe_ranks` does.

/// GPT-2's files write each byte as a printable character: bytes that print (and are not
/// the space) stand for themselves (`!`…`~`, `¡`…`¬`, `®`…`ÿ`), the other 68 bytes become
/// U+0100, U+0101, … in byte order (so the space is `Ġ`, U+0120, and newline `Ċ`, U+010A).
enum DataGymLoader {
    /// Bytes in rank order: the printable ones first, then the rest; token `r < 256` is the
    /// single byte `rankToByte[r]`.
    static let rankToByte: [UInt8] = {
        let printable = (0..<256).filter(isPrintableByte)
        let rest = (0..<256).filter { !isPrintableByte($0) }
        return (printable + rest).map { UInt8($0) }
    }()

    /// The byte each stand-in character means, indexed by scalar value (-1: not a stand-in).
    static let byteForScalar: [Int16] = {
        var table = [Int16](repeating: -1, count: 256 + 68)
        var next = 256
        for b in 0..<256 {
            if isPrintableByte(b) {
                table[b] = Int16(b)
            } else {
                table[next] = Int16(b)
                next += 1
            }
        }
        return table
    }()

    /// Python's `chr(b).isprintable() and chr(b) != " "` for a byte value.
    static func isPrintableByte(_ b: Int) -> Bool {
        (0x21...0x7E).contains(b) || (0xA1...0xAC).contains(b) || (0xAE...0xFF).contains(b)
    }

    /// The tokens' bytes in rank order, back to back, and where each starts: 256 single
    /// bytes, then one token per merge line of vocab.bpe (`first second`, after the
    /// `#version` line), the two halves joined. Like tiktoken, the first line and the text
    /// after the last newline are skipped.
    static func tokens(vocabBPE: [UInt8]) throws -> (bytes: [UInt8], offsets: [Int]) {
        var bytes = rankToByte
        bytes.reserveCapacity(vocabBPE.count)
        var offsets = Array(0...256)
        offsets.reserveCapacity(50_258)
        try vocabBPE.withUnsafeBufferPointer { file in
            guard let p = file.baseAddress else { throw TokenizerError.value("vocab.bpe is empty") }
            let n = file.count
            let newline = UInt8(ascii: "\n")
            var i = 0
            while i < n && p[i] != newline { i += 1 }
            var lineNumber = 2
            i += 1
            // Each complete line (one ending in a newline) is a merge.
            while i < n {
                var lineEnd = i
                while lineEnd < n && p[lineEnd] != newline { lineEnd += 1 }
                if lineEnd == n { break }
                var halves = 0
                var inHalf = false
                while i < lineEnd {
                    // Whitespace separates the two halves (Python's `str.split()`).
                    let b = p[i]
                    if b == 0x20 || b == 0x09 || b == 0x0D {
                        inHalf = false
                        i += 1
                        continue
                    }
                    if !inHalf {
                        halves += 1
                        inHalf = true
                    }
                    var scalar = UInt32(b)
                    if b >= 0xC0 && b < 0xE0 && i + 1 < lineEnd {
                        scalar = (scalar & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F)
                        i += 2
                    } else {
                        i += 1
                    }
                    guard b < 0x80 || (b >= 0xC0 && b < 0xE0), scalar < 324, byteForScalar[Int(scalar)] >= 0 else {
                        throw TokenizerError.value("vocab.bpe line \(lineNumber): a character that stands for no byte")
                    }
                    bytes.append(UInt8(byteForScalar[Int(scalar)]))
                }
                guard halves == 2 else {
                    throw TokenizerError.value("vocab.bpe line \(lineNumber): expected two tokens, found \(halves)")
                }
                offsets.append(bytes.count)
                i = lineEnd + 1
                lineNumber += 1
            }
        }
        return (bytes, offsets)
    }

    /// Checks encoder.json against the ranks from vocab.bpe, as tiktoken does: every entry
    /// but `<|endoftext|>` and `<|startoftext|>` must be a token with that rank, and every
    /// token must be listed.
    static func verify(encoderJSON: [UInt8], against table: TokenTable) throws {
        var parser = EncoderJSONParser(bytes: encoderJSON)
        var seen = 0
        var token: [UInt8] = []
        token.reserveCapacity(128)
        let endOfText = Array("<|endoftext|>".utf8)
        let startOfText = Array("<|startoftext|>".utf8)
        try parser.forEachEntry { key, value in
            token.removeAll(keepingCapacity: true)
            for scalar in key {
                guard scalar.value < 324, byteForScalar[Int(scalar.value)] >= 0 else {
                    throw TokenizerError.value("encoder.json: character U+\(String(scalar.value, radix: 16, uppercase: true)) stands for no byte")
                }
                token.append(UInt8(byteForScalar[Int(scalar.value)]))
            }
            if token == endOfText || token == startOfText { return }
            let rank = table.rank(of: token)
            guard rank == value else {
                throw TokenizerError.value("encoder.json gives \(String(decoding: token, as: UTF8.self).debugDescription) id \(value), vocab.bpe gives rank \(rank)")
            }
            seen += 1
        }
        guard seen == table.count else {
            throw TokenizerError.value("encoder.json lists \(seen) tokens, vocab.bpe makes \(table.count)")
        }
    }
}
