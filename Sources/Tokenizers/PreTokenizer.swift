// GPT-2's split of text into pieces before BPE (chapter 2.5): a hand-written matcher for
// tiktoken's pattern, giving exactly the pieces its regex finds, without a regex engine.

/// The four kinds of character GPT-2's pattern tells apart.
enum CharacterClass: UInt8 {
    /// `\p{L}`: general categories Lu, Ll, Lt, Lm, Lo.
    case letter
    /// `\p{N}`: Nd, Nl, No.
    case number
    /// `\s`: the Unicode White_Space property, as Rust's `regex` crate defines `\s`
    /// (so U+0085 and U+00A0 are whitespace, U+001C…U+001F and U+200B are not).
    case whitespace
    /// `[^\s\p{L}\p{N}]`: punctuation, symbols, marks, controls, everything else.
    case other
}

/// Splits text the way tiktoken's `gpt2` pattern does:
///
///     '(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s
///
/// Read leftmost-first at each position, the alternatives amount to:
/// 1. `'s`, `'d`, `'m`, `'t`, `'ll`, `'ve`, `'re` (ASCII, case-sensitive);
/// 2. an optional ASCII space, then a run of letters, or of numbers, or of other characters
///    (the class of the first character after the space picks the run);
/// 3. a run of whitespace: all of it if it reaches the end of the text; otherwise all but
///    its last character (`\s+(?!\S)` backs off one so the last space can start the next
///    word), or the single character if the run has only one.
enum PreTokenizer {
    /// Classes of U+0000…U+07FF (ASCII and the two-byte range: Latin, Greek, Cyrillic,
    /// Hebrew, Arabic, …), looked up once.
    private static let smallClasses: [CharacterClass] = (0..<0x800).map { value in
        Unicode.Scalar(UInt32(value)).map(classifyWithProperties) ?? .other
    }

    /// White_Space characters all have category Zs, Zl, Zp or Cc, and none is a letter or
    /// number, so the (costly) property is read only for those four categories.
    private static func classifyWithProperties(_ scalar: Unicode.Scalar) -> CharacterClass {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            return .letter
        case .decimalNumber, .letterNumber, .otherNumber:
            return .number
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control:
            return properties.isWhitespace ? .whitespace : .other
        default:
            return .other
        }
    }

    /// The class of a scalar value (one read from valid UTF-8).
    @inline(__always)
    static func classify(_ value: UInt32) -> CharacterClass {
        if value < 0x800 { return smallClasses[Int(value)] }
        guard let scalar = Unicode.Scalar(value) else { return .other }
        return classifyWithProperties(scalar)
    }

    /// The scalar starting at byte `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    static func scalar(_ p: UnsafePointer<UInt8>, _ i: Int) -> (UInt32, Int) {
        let b0 = UInt32(p[i])
        if b0 < 0x80 { return (b0, 1) }
        if b0 < 0xE0 { return ((b0 & 0x1F) << 6 | UInt32(p[i + 1] & 0x3F), 2) }
        if b0 < 0xF0 {
            return ((b0 & 0x0F) << 12 | UInt32(p[i + 1] & 0x3F) << 6 | UInt32(p[i + 2] & 0x3F), 3)
        }
        return ((b0 & 0x07) << 18 | UInt32(p[i + 1] & 0x3F) << 12
            | UInt32(p[i + 2] & 0x3F) << 6 | UInt32(p[i + 3] & 0x3F), 4)
    }

    /// The length of a contraction (`'s`, `'ll`, …) starting with the `'` at `i`, or 0.
    @inline(__always)
    private static func contractionLength(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> Int {
        guard i + 1 < n else { return 0 }
        switch p[i + 1] {
        case UInt8(ascii: "s"), UInt8(ascii: "d"), UInt8(ascii: "m"), UInt8(ascii: "t"):
            return 2
        case UInt8(ascii: "l"):
            return i + 2 < n && p[i + 2] == UInt8(ascii: "l") ? 3 : 0
        case UInt8(ascii: "v"), UInt8(ascii: "r"):
            return i + 2 < n && p[i + 2] == UInt8(ascii: "e") ? 3 : 0
        default:
            return 0
        }
    }

    /// Calls `body(start, end)` for each piece of the valid UTF-8 text `p[0..<n]`, as byte
    /// offsets, in order; the pieces cover the text exactly.
    @inline(__always)
    static func forEachPiece(_ p: UnsafePointer<UInt8>, _ n: Int, _ body: (Int, Int) -> Void) {
        var i = 0
        while i < n {
            let (c, length) = scalar(p, i)
            if c == 0x27 {
                let contraction = contractionLength(p, i, n)
                if contraction > 0 {
                    body(i, i + contraction)
                    i += contraction
                    continue
                }
            }
            // ` ?X+`: the class of the first character after an optional space picks the run.
            var runStart = i
            var runLength = length
            var runClass = classify(c)
            if c == 0x20 && i + 1 < n {
                let (next, nextLength) = scalar(p, i + 1)
                let nextClass = classify(next)
                if nextClass != .whitespace {
                    runStart = i + 1
                    runLength = nextLength
                    runClass = nextClass
                }
            }
            if runClass != .whitespace {
                var j = runStart + runLength
                while j < n {
                    let (cj, lj) = scalar(p, j)
                    if classify(cj) != runClass { break }
                    j += lj
                }
                body(i, j)
                i = j
                continue
            }
            // Whitespace: `\s++$`, then `\s+(?!\S)`, then `\s`.
            var j = i
            var lastStart = i
            var characters = 0
            while j < n {
                let (cj, lj) = scalar(p, j)
                if classify(cj) != .whitespace { break }
                lastStart = j
                j += lj
                characters += 1
            }
            let end = (j == n || characters == 1) ? j : lastStart
            body(i, end)
            i = end
        }
    }

    /// The pieces of `text`, as strings.
    static func pieces(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { buffer -> [String] in
            guard let base = buffer.baseAddress else { return [] }
            var result: [String] = []
            forEachPiece(base, buffer.count) { start, end in
                result.append(String(decoding: UnsafeBufferPointer(start: base + start, count: end - start), as: UTF8.self))
            }
            return result
        }
    }
}
