// A script file's bytes to text, as CPython reads a source file (PEP 263): UTF-8 (a BOM is
// dropped) unless a coding comment in the first two lines names Latin-1 or cp1252.
import Foundation

public enum SourceDecoding {
    /// The text of `bytes`, or CPython's SyntaxError for bytes that are not UTF-8:
    ///
    ///     SyntaxError: Non-UTF-8 code starting with '\xe9' in file x.py on line 2, but no
    ///     encoding declared; see https://peps.python.org/pep-0263/ for details
    ///
    /// (one line; the byte is the first of the first invalid sequence, the line 1-based).
    public static func decode(_ bytes: [UInt8], filename: String) throws -> String {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        if let encoding = declaredEncoding(body), let text = String(bytes: body, encoding: encoding) { return text }
        guard let bad = firstInvalidByte(body) else { return String(decoding: body, as: UTF8.self) }
        let line = 1 + body[body.startIndex..<bad].lazy.filter { $0 == 0x0A }.count
        let byte = String(body[bad], radix: 16)
        var error = ScriptSyntaxError(
            "Non-UTF-8 code starting with '\\x\(byte.count < 2 ? "0" + byte : byte)' in file \(filename) on line \(line), "
                + "but no encoding declared; see https://peps.python.org/pep-0263/ for details",
            filename: filename, line: line, column: 0)
        error.showsLocation = false
        throw ScriptError.syntax(error)
    }

    /// The encoding a `# -*- coding: NAME -*-` comment on line 1 or 2 declares, when it is one
    /// that is not UTF-8 and that Foundation decodes (nil otherwise).
    static func declaredEncoding(_ bytes: ArraySlice<UInt8>) -> String.Encoding? {
        let lines = bytes.split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false).prefix(2)
        for (index, raw) in lines.enumerated() {
            let line = String(decoding: raw, as: Unicode.ASCII.self)
            let trimmed = line.drop { $0 == " " || $0 == "\t" || $0 == "\u{0C}" }
            guard trimmed.hasPrefix("#") else {
                // Line 2 counts only after a comment or blank line 1.
                if index == 0 && !trimmed.isEmpty && trimmed != "\r" { return nil }
                continue
            }
            guard let range = trimmed.range(of: "coding") else { continue }
            var rest = trimmed[range.upperBound...]
            guard let first = rest.first, first == ":" || first == "=" else { continue }
            rest = rest.dropFirst().drop { $0 == " " || $0 == "\t" }
            let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }.lowercased()
                .replacingOccurrences(of: "_", with: "-")
            switch name {
            case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "iso-latin-1", "l1": return .isoLatin1
            case "cp1252", "windows-1252": return .windowsCP1252
            default: return nil
            }
        }
        return nil
    }

    /// The index of the first byte of the first sequence that is not well-formed UTF-8.
    static func firstInvalidByte(_ bytes: ArraySlice<UInt8>) -> Int? {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let lead = bytes[i]
            let length: Int
            var low: UInt8 = 0x80, high: UInt8 = 0xBF
            switch lead {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return i
            }
            guard i + length <= bytes.endIndex else { return i }
            for k in 1..<length {
                let b = bytes[i + k]
                let (lo, hi) = k == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                if b < lo || b > hi { return i }
            }
            i += length
        }
        return nil
    }
}
