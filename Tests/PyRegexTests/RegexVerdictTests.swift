// The book's chapter 2 tokenizer (re.split / re.sub on the-verdict.txt) through the
// regex engine, compared with CPython 3.11's results in RegexVerdictFixtures.

import Foundation
import PyRegex
import Testing

/// Python's `str.strip()`: drops leading and trailing whitespace (`str.isspace`).
func pythonStrip(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
    let isSpace: (Unicode.Scalar) -> Bool = { c in
        switch c.value {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
             0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }
    guard let first = s.firstIndex(where: { !isSpace($0) }),
          let last = s.lastIndex(where: { !isSpace($0) }) else { return [] }
    return Array(s[first...last])
}

/// The book's `the-verdict.txt`, found from this file's place in the repository.
func loadTheVerdict() throws -> [Unicode.Scalar] {
    let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons/data/the-verdict.txt")
    return Array(try String(contentsOf: url, encoding: .utf8).unicodeScalars)
}

private func pieces(_ joined: String) -> [String] {
    joined.split(separator: "\u{1F}", omittingEmptySubsequences: false).map(String.init)
}

@Suite("Regex: the book's tokenizer on the-verdict.txt")
struct RegexVerdictTests {
    @Test func splitOnPunctuationAndSpace() throws {
        let text = try loadTheVerdict()
        #expect(text.count == RegexVerdictFixtures.textLength)
        let regex = try PyRegex.compile(#"([,.:;?_!"()\']|--|\s)"#)
        let result = try regex.split(text)
        #expect(result.count == RegexVerdictFixtures.splitCount)
        let tokens = result.compactMap { $0.map(pythonStrip) }.filter { !$0.isEmpty }
            .map { String(String.UnicodeScalarView($0)) }
        #expect(tokens == pieces(RegexVerdictFixtures.tokens))
    }

    @Test func splitOnWhitespace() throws {
        let text = try loadTheVerdict()
        let result = try PyRegex.compile(#"(\s)"#).split(text).map { String(String.UnicodeScalarView($0 ?? [])) }
        #expect(result == pieces(RegexVerdictFixtures.whitespaceSplit))
    }

    @Test func decodeRemovesSpaceBeforePunctuation() throws {
        let joined = pieces(RegexVerdictFixtures.tokens).joined(separator: " ")
        let decoded = try PyRegex.compile(#"\s+([,.?!"()\'])"#).sub(#"\1"#, Array(joined.unicodeScalars))
        #expect(String(String.UnicodeScalarView(decoded)) == RegexVerdictFixtures.decoded)
    }
}
