// Escapes of the pattern parser (`\n`, `\x41`, `\u00e9`, `\N{...}`, `\1`, `\d`), as
// CPython 3.11's `re._parser._escape` and `_class_escape` read them.

func regexIsASCIIDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
func regexIsOctalDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "7" }
func regexIsHexDigit(_ c: Unicode.Scalar) -> Bool {
    regexIsASCIIDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
}
func regexIsASCIILetter(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
}

func regexPlainEscape(_ c: Unicode.Scalar) -> UInt32? {
    switch c {
    case "a": return 7
    case "b": return 8
    case "f": return 12
    case "n": return 10
    case "r": return 13
    case "t": return 9
    case "v": return 11
    case "\\": return 92
    default: return nil
    }
}

func regexCategoryEscape(_ c: Unicode.Scalar) -> RegexCategory? {
    switch c {
    case "d": return .digit
    case "D": return .notDigit
    case "s": return .space
    case "S": return .notSpace
    case "w": return .word
    case "W": return .notWord
    default: return nil
    }
}

func regexAnchorEscape(_ c: Unicode.Scalar) -> RegexAnchor? {
    switch c {
    case "A": return .beginningString
    case "b": return .boundary
    case "B": return .nonBoundary
    case "Z": return .endString
    default: return nil
    }
}

func regexHexValue(_ digits: [Unicode.Scalar]) -> UInt32 {
    digits.reduce(0) { acc, c in
        let v = c.value
        let d: UInt32 = v <= 57 ? v - 48 : (v | 0x20) - 87
        return acc &* 16 &+ d
    }
}

func regexOctalValue(_ digits: [Unicode.Scalar]) -> UInt32 {
    digits.reduce(0) { acc, c in acc * 8 + (c.value - 48) }
}

/// What an escape inside `[...]` stands for.
enum RegexClassEscape {
    case literal(UInt32)
    case category(RegexCategory)
}

extension RegexParser {
    /// An escape outside a set (`_escape`).
    mutating func escape(_ token: RegexToken) throws(PyRegexError) -> RegexNode {
        guard let c = token.second else { return .literal(token.first.value) }
        if let anchor = regexAnchorEscape(c) { return .anchor(anchor) }
        if let category = regexCategoryEscape(c) { return .set(negated: false, items: [.category(category)]) }
        if let value = regexPlainEscape(c) { return .literal(value) }
        if let value = try numericEscape(c, token) { return .literal(value) }
        if c == "0" {
            let digits = try source.getWhile(2, regexIsOctalDigit)
            return .literal(regexOctalValue(digits))
        }
        if regexIsASCIIDigit(c) {
            var text = [c]
            if let next = source.next, next.second == nil, regexIsASCIIDigit(next.first) {
                text.append(next.first)
                _ = try source.get()
                if regexIsOctalDigit(text[0]), regexIsOctalDigit(text[1]),
                   let third = source.next, third.second == nil, regexIsOctalDigit(third.first) {
                    text.append(third.first)
                    _ = try source.get()
                    let value = regexOctalValue(text)
                    if value > 0o377 {
                        throw source.error("octal escape value \\\(String(String.UnicodeScalarView(text))) outside of range 0-0o377",
                                           offset: text.count + 1)
                    }
                    return .literal(value)
                }
            }
            let group = Int(octalDecimal(text))
            if group < state.groups {
                if !state.checkGroup(group) {
                    throw source.error("cannot refer to an open group", offset: text.count + 1)
                }
                try state.checkLookbehindGroup(group, source)
                return .groupRef(group)
            }
            throw source.error("invalid group reference \(group)", offset: text.count)
        }
        if regexIsASCIILetter(c) { throw source.error("bad escape " + token.text, offset: 2) }
        return .literal(c.value)
    }

    func octalDecimal(_ digits: [Unicode.Scalar]) -> UInt32 {
        digits.reduce(0) { $0 * 10 + ($1.value - 48) }
    }

    /// `\x..`, `\u....`, `\U........` and `\N{...}`; nil for other escapes.
    mutating func numericEscape(_ c: Unicode.Scalar, _ token: RegexToken) throws(PyRegexError) -> UInt32? {
        let width: Int
        switch c {
        case "x": width = 2
        case "u": width = 4
        case "U": width = 8
        case "N":
            if !(try source.match("{")) { throw source.error("missing {") }
            let name = try source.getUntil("}", "character name")
            guard let scalar = regexLookupCharacterName(name) else {
                throw source.error("undefined character name \(pyRepr(name))",
                                   offset: name.unicodeScalars.count + 4)
            }
            return scalar.value
        default: return nil
        }
        let digits = try source.getWhile(width, regexIsHexDigit)
        let text = token.text + String(String.UnicodeScalarView(digits))
        if digits.count != width {
            throw source.error("incomplete escape \(text)", offset: digits.count + 2)
        }
        let value = regexHexValue(digits)
        if c == "U" && (value > 0x10FFFF) {
            throw source.error("bad escape \(text)", offset: digits.count + 2)
        }
        return value
    }

    /// An escape inside a set (`_class_escape`).
    mutating func classEscape(_ token: RegexToken) throws(PyRegexError) -> RegexClassEscape {
        guard let c = token.second else { return .literal(token.first.value) }
        if let value = regexPlainEscape(c) { return .literal(value) }
        if let category = regexCategoryEscape(c) { return .category(category) }
        if let value = try numericEscape(c, token) { return .literal(value) }
        if regexIsOctalDigit(c) {
            let digits = [c] + (try source.getWhile(2, regexIsOctalDigit))
            let value = regexOctalValue(digits)
            if value > 0o377 {
                throw source.error("octal escape value \\\(String(String.UnicodeScalarView(digits))) outside of range 0-0o377",
                                   offset: digits.count + 1)
            }
            return .literal(value)
        }
        if regexIsASCIIDigit(c) || regexIsASCIILetter(c) {
            throw source.error("bad escape " + token.text, offset: 2)
        }
        return .literal(c.value)
    }
}

extension String {
    /// The text Python's `int()` would see after stripping surrounding whitespace.
    func trimmingPythonIntWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        var lo = 0
        var hi = scalars.count
        while lo < hi, regexIsSpace(scalars[lo].value) { lo += 1 }
        while hi > lo, regexIsSpace(scalars[hi - 1].value) { hi -= 1 }
        return String(String.UnicodeScalarView(scalars[lo..<hi]))
    }
}

/// `unicodedata.lookup(name)`: the character with this Unicode name (case-insensitive).
func regexLookupCharacterName(_ name: String) -> Unicode.Scalar? {
    let wanted = name.uppercased()
    let planes: [ClosedRange<UInt32>] = [0...0x3FFFF, 0xE0000...0xE01EF]
    for plane in planes {
        for value in plane {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.properties.name == wanted || scalar.properties.nameAlias == wanted { return scalar }
        }
    }
    return nil
}
