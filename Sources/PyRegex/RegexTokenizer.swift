// The pattern tokenizer of CPython's `re._parser.Tokenizer`: one character, or a
// backslash and the character after it; positions count code points, as Python's.

/// One token: a character, or `\` followed by one character.
struct RegexToken: Equatable {
    var first: Unicode.Scalar
    var second: Unicode.Scalar?

    var isEscape: Bool { second != nil }
    var length: Int { second == nil ? 1 : 2 }
    /// The token's text, as in Python error messages (`\q`).
    var text: String {
        var s = String(first)
        if let second { s.unicodeScalars.append(second) }
        return s
    }
    func `is`(_ c: Unicode.Scalar) -> Bool { second == nil && first == c }
    func isIn(_ set: String) -> Bool { second == nil && set.unicodeScalars.contains(first) }
}

struct RegexTokenizer {
    let pattern: [Unicode.Scalar]
    private(set) var index = 0
    private(set) var next: RegexToken?

    init(_ pattern: [Unicode.Scalar]) throws(PyRegexError) {
        self.pattern = pattern
        try advance()
    }

    private mutating func advance() throws(PyRegexError) {
        var i = index
        guard i < pattern.count else {
            next = nil
            return
        }
        var token = RegexToken(first: pattern[i], second: nil)
        if pattern[i] == "\\" {
            i += 1
            guard i < pattern.count else {
                throw PyRegexError("bad escape (end of pattern)", pattern: pattern, pos: pattern.count - 1)
            }
            token.second = pattern[i]
        }
        index = i + 1
        next = token
    }

    /// Consumes the next token if it is the plain character `c`.
    mutating func match(_ c: Unicode.Scalar) throws(PyRegexError) -> Bool {
        if let next, next.is(c) {
            try advance()
            return true
        }
        return false
    }

    mutating func get() throws(PyRegexError) -> RegexToken? {
        let this = next
        try advance()
        return this
    }

    /// Up to `n` plain characters from `charset`.
    mutating func getWhile(_ n: Int, _ charset: (Unicode.Scalar) -> Bool) throws(PyRegexError) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        for _ in 0..<n {
            guard let c = next, c.second == nil, charset(c.first) else { break }
            result.append(c.first)
            try advance()
        }
        return result
    }

    /// The text up to `terminator` (a group name), with Python's errors.
    mutating func getUntil(_ terminator: Unicode.Scalar, _ name: String) throws(PyRegexError) -> String {
        var result = ""
        var length = 0
        while true {
            let c = next
            try advance()
            guard let c else {
                if length == 0 { throw error("missing " + name) }
                throw error("missing \(terminator), unterminated name", offset: length)
            }
            if c.is(terminator) {
                if length == 0 { throw error("missing " + name, offset: 1) }
                break
            }
            result += c.text
            length += c.length
        }
        return result
    }

    func tell() -> Int { index - (next?.length ?? 0) }

    mutating func seek(_ i: Int) throws(PyRegexError) {
        index = i
        try advance()
    }

    func error(_ msg: String, offset: Int = 0) -> PyRegexError {
        PyRegexError(msg, pattern: pattern, pos: tell() - offset)
    }

    func checkGroupName(_ name: String, offset: Int) throws(PyRegexError) {
        if !regexIsIdentifier(name) {
            throw error("bad character in group name \(pyRepr(name))", offset: name.unicodeScalars.count + offset)
        }
    }
}

/// Python's `str.isidentifier()`.
func regexIsIdentifier(_ s: String) -> Bool {
    var first = true
    for c in s.unicodeScalars {
        if first {
            guard c == "_" || c.properties.isXIDStart else { return false }
            first = false
        } else if !c.properties.isXIDContinue {
            return false
        }
    }
    return !first
}

/// Python's `repr()` of a str, used in error messages.
func pyRepr(_ s: String) -> String {
    let scalars = s.unicodeScalars
    let quote: Unicode.Scalar = scalars.contains("'") && !scalars.contains("\"") ? "\"" : "'"
    var out = String(quote)
    for c in scalars {
        switch c {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
            if c == quote {
                out += "\\" + String(c)
            } else if pyIsPrintable(c) {
                out.unicodeScalars.append(c)
            } else if c.value < 0x100 {
                out += "\\x" + hex(c.value, width: 2)
            } else if c.value < 0x10000 {
                out += "\\u" + hex(c.value, width: 4)
            } else {
                out += "\\U" + hex(c.value, width: 8)
            }
        }
    }
    out.unicodeScalars.append(quote)
    return out
}

private func hex(_ v: UInt32, width: Int) -> String {
    let digits = String(v, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
}

/// Python's `str.isprintable()` for one character: not in categories Cc, Cf, Cs,
/// Co, Cn, Zl, Zp, Zs (except the space itself).
func pyIsPrintable(_ c: Unicode.Scalar) -> Bool {
    if c == " " { return true }
    switch c.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned,
         .lineSeparator, .paragraphSeparator, .spaceSeparator:
        return false
    default:
        return true
    }
}
