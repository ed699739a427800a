// Replacement templates of `re.sub` (`\1`, `\g<name>`, `\n`), parsed as CPython 3.11's
// `re._parser.parse_template` and expanded as `re._parser.expand_template`.

/// A parsed replacement: literal pieces and group references, in order.
struct RegexTemplate {
    enum Piece {
        case literal([Unicode.Scalar])
        case group(Int)
    }
    var pieces: [Piece] = []

    /// Parses `template` for a pattern with `groupCount` groups named by `groupIndex`.
    init(_ template: [Unicode.Scalar], groupCount: Int, groupIndex: [String: Int]) throws(PyRegexError) {
        var source = try RegexTokenizer(template)
        var literal: [Unicode.Scalar] = []
        func addGroup(_ index: Int, _ offset: Int, _ source: RegexTokenizer,
                      _ pieces: inout [Piece], _ literal: inout [Unicode.Scalar]) throws(PyRegexError) {
            if index > groupCount { throw source.error("invalid group reference \(index)", offset: offset) }
            if !literal.isEmpty {
                pieces.append(.literal(literal))
                literal.removeAll()
            }
            pieces.append(.group(index))
        }
        func isOctal(_ t: RegexToken?) -> Bool {
            guard let t, t.second == nil else { return false }
            return t.first >= "0" && t.first <= "7"
        }
        func isDecimal(_ t: RegexToken?) -> Bool {
            guard let t, t.second == nil else { return false }
            return t.first >= "0" && t.first <= "9"
        }
        while let this = try source.get() {
            guard let c = this.second else {
                literal.append(this.first)
                continue
            }
            if c == "g" {
                if !(try source.match("<")) { throw source.error("missing <") }
                let name = try source.getUntil(">", "group name")
                let length = name.unicodeScalars.count
                let index: Int
                if regexIsIdentifier(name) {
                    guard let found = groupIndex[name] else {
                        throw PyRegexError(kind: .indexError, "unknown group name \(pyRepr(name))")
                    }
                    index = found
                } else {
                    let trimmed = name.trimmingPythonIntWhitespace()
                    guard !trimmed.isEmpty,
                          let value = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed),
                          value >= 0 else {
                        throw source.error("bad character in group name \(pyRepr(name))", offset: length + 1)
                    }
                    if value >= regexMaxGroups {
                        throw source.error("invalid group reference \(value)", offset: length + 1)
                    }
                    index = value
                }
                try addGroup(index, length + 1, source, &pieces, &literal)
            } else if c == "0" {
                var digits: [Unicode.Scalar] = []
                if isOctal(source.next), let d = try source.get() {
                    digits.append(d.first)
                    if isOctal(source.next), let e = try source.get() { digits.append(e.first) }
                }
                let value = digits.reduce(UInt32(0)) { $0 * 8 + ($1.value - 48) } & 0xFF
                literal.append(Unicode.Scalar(UInt8(value)))
            } else if c >= "0" && c <= "9" {
                var digits: [Unicode.Scalar] = [c]
                var isOctalEscape = false
                if isDecimal(source.next), let d = try source.get() {
                    digits.append(d.first)
                    if c <= "7" && d.first <= "7" && isOctal(source.next), let e = try source.get() {
                        digits.append(e.first)
                        isOctalEscape = true
                        let value = digits.reduce(UInt32(0)) { $0 * 8 + ($1.value - 48) }
                        if value > 0o377 {
                            throw source.error("octal escape value \\\(String(String.UnicodeScalarView(digits))) outside of range 0-0o377",
                                               offset: 4)
                        }
                        literal.append(Unicode.Scalar(UInt8(value)))
                    }
                }
                if !isOctalEscape {
                    let index = digits.reduce(0) { $0 * 10 + Int($1.value - 48) }
                    try addGroup(index, digits.count, source, &pieces, &literal)
                }
            } else {
                switch c {
                case "a": literal.append("\u{07}")
                case "b": literal.append("\u{08}")
                case "f": literal.append("\u{0C}")
                case "n": literal.append("\n")
                case "r": literal.append("\r")
                case "t": literal.append("\t")
                case "v": literal.append("\u{0B}")
                case "\\": literal.append("\\")
                default:
                    if (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") {
                        throw source.error("bad escape " + this.text, offset: 2)
                    }
                    literal.append(this.first)
                    literal.append(c)
                }
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
    }

    /// The replacement text for one match; unmatched groups give "".
    func expand(_ match: PyMatch, into out: inout [Unicode.Scalar]) {
        for piece in pieces {
            switch piece {
            case .literal(let text): out.append(contentsOf: text)
            case .group(let index):
                if let range = match.range(index) { out.append(contentsOf: match.string[range]) }
            }
        }
    }
}
