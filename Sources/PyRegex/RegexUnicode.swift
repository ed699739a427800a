// Character classes and case folding as CPython's `_sre` sees them: `\d`, `\w`, `\s`
// with Unicode (default) or ASCII meaning, and the simple lower/upper case mappings.

/// Python's `str.isspace()` for one code point (`Py_UNICODE_ISSPACE`).
func regexIsSpace(_ c: UInt32) -> Bool {
    switch c {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A,
         0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
        return true
    default:
        return false
    }
}

/// Python's `str.isdecimal()` for one code point: `\d` of a str pattern.
func regexIsDecimal(_ c: UInt32) -> Bool {
    if c < 128 { return c >= 48 && c <= 57 }
    guard let scalar = Unicode.Scalar(c) else { return false }
    return scalar.properties.numericType == .decimal
}

/// `Py_UNICODE_ISALNUM(c) || c == '_'`: `\w` of a str pattern.
func regexIsWord(_ c: UInt32) -> Bool {
    if c < 128 {
        return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c == 95
    }
    guard let scalar = Unicode.Scalar(c) else { return false }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
        return true
    default:
        return properties.numericType != nil
    }
}

func regexIsASCIIWord(_ c: UInt32) -> Bool {
    c < 128 && regexIsWord(c)
}

/// Tests one character against a class escape; `ascii` selects the `re.ASCII` meaning.
func regexCategoryContains(_ category: RegexCategory, _ c: UInt32, ascii: Bool) -> Bool {
    switch category {
    case .digit: return ascii ? (c >= 48 && c <= 57) : regexIsDecimal(c)
    case .notDigit: return !(ascii ? (c >= 48 && c <= 57) : regexIsDecimal(c))
    case .space: return ascii ? (c == 32 || (c >= 9 && c <= 13)) : regexIsSpace(c)
    case .notSpace: return !(ascii ? (c == 32 || (c >= 9 && c <= 13)) : regexIsSpace(c))
    case .word: return ascii ? regexIsASCIIWord(c) : regexIsWord(c)
    case .notWord: return !(ascii ? regexIsASCIIWord(c) : regexIsWord(c))
    }
}

/// The simple lowercase mapping (`_sre.unicode_tolower`), or ASCII-only with `ascii`.
func regexLower(_ c: UInt32, ascii: Bool) -> UInt32 {
    if c < 128 { return (c >= 65 && c <= 90) ? c + 32 : c }
    if ascii { return c }
    guard let scalar = Unicode.Scalar(c) else { return c }
    let mapping = scalar.properties.lowercaseMapping.unicodeScalars
    // Only U+0130 has a multi-character lowercase; its simple mapping is its first character.
    return mapping.first?.value ?? c
}

/// The simple uppercase mapping (`_PyUnicode_ToUppercase`).
func regexUpper(_ c: UInt32, ascii: Bool) -> UInt32 {
    if c < 128 { return (c >= 97 && c <= 122) ? c - 32 : c }
    if ascii { return c }
    guard let scalar = Unicode.Scalar(c) else { return c }
    let upper = scalar.properties.uppercaseMapping.unicodeScalars
    if upper.count == 1, let single = upper.first { return single.value }
    // Full mappings like "ß" -> "SS" have no simple counterpart except through
    // the titlecase form for the Greek letters with ypogegrammeni.
    let title = scalar.properties.titlecaseMapping.unicodeScalars
    if title.count == 1, let single = title.first { return single.value }
    return c
}

/// Whether a character has case variants (`_sre.unicode_iscased`).
func regexIsCased(_ c: UInt32, ascii: Bool) -> Bool {
    c != regexLower(c, ascii: ascii) || c != regexUpper(c, ascii: ascii)
}

/// Lowercase characters that share an uppercase with another lowercase character
/// (CPython's `re._casefix._EXTRA_CASES`).
func regexExtraCases(_ lower: UInt32) -> [UInt32] {
    switch lower {
    case 0x0069: return [0x0131]
    case 0x0073: return [0x017F]
    case 0x00B5: return [0x03BC]
    case 0x0131: return [0x0069]
    case 0x017F: return [0x0073]
    case 0x0345: return [0x03B9, 0x1FBE]
    case 0x0390: return [0x1FD3]
    case 0x03B0: return [0x1FE3]
    case 0x03B2: return [0x03D0]
    case 0x03B5: return [0x03F5]
    case 0x03B8: return [0x03D1]
    case 0x03B9: return [0x0345, 0x1FBE]
    case 0x03BA: return [0x03F0]
    case 0x03BC: return [0x00B5]
    case 0x03C0: return [0x03D6]
    case 0x03C1: return [0x03F1]
    case 0x03C2: return [0x03C3]
    case 0x03C3: return [0x03C2]
    case 0x03C6: return [0x03D5]
    case 0x03D0: return [0x03B2]
    case 0x03D1: return [0x03B8]
    case 0x03D5: return [0x03C6]
    case 0x03D6: return [0x03C0]
    case 0x03F0: return [0x03BA]
    case 0x03F1: return [0x03C1]
    case 0x03F5: return [0x03B5]
    case 0x0432: return [0x1C80]
    case 0x0434: return [0x1C81]
    case 0x043E: return [0x1C82]
    case 0x0441: return [0x1C83]
    case 0x0442: return [0x1C84, 0x1C85]
    case 0x044A: return [0x1C86]
    case 0x0463: return [0x1C87]
    case 0x1C80: return [0x0432]
    case 0x1C81: return [0x0434]
    case 0x1C82: return [0x043E]
    case 0x1C83: return [0x0441]
    case 0x1C84: return [0x0442, 0x1C85]
    case 0x1C85: return [0x0442, 0x1C84]
    case 0x1C86: return [0x044A]
    case 0x1C87: return [0x0463]
    case 0x1C88: return [0xA64B]
    case 0x1E61: return [0x1E9B]
    case 0x1E9B: return [0x1E61]
    case 0x1FBE: return [0x0345, 0x03B9]
    case 0x1FD3: return [0x0390]
    case 0x1FE3: return [0x03B0]
    case 0xA64B: return [0x1C88]
    case 0xFB05: return [0xFB06]
    case 0xFB06: return [0xFB05]
    default: return []
    }
}

/// A compiled character set, tested as `_sre` tests `IN` / `IN_UNI_IGNORE`.
///
/// Without IGNORECASE a character is a member when some item contains it. With
/// IGNORECASE (and at least one cased member), members are replaced by their lowercase
/// forms plus `regexExtraCases`, and `lower(ch)` is tested instead, as CPython's
/// `_optimize_charset` does; members beyond the BMP are tested as `RANGE_UNI_IGNORE`.
final class RegexCharSet {
    let negated: Bool
    let ascii: Bool
    /// Items tested against the character (or its lowercase, when folding).
    private var items: [RegexSetItem] = []
    /// Lowercased BMP members when folding: 1024 words of 64 bits.
    private var foldedBMP: [UInt64] = []
    private var folding = false
    /// Membership of code points below 256, precomputed.
    private var latin1 = [Bool](repeating: false, count: 256)

    init(negated: Bool, items: [RegexSetItem], ignoreCase: Bool, ascii: Bool) {
        self.negated = negated
        self.ascii = ascii
        if ignoreCase {
            var hasCased = false
            var bitmap = [UInt64](repeating: 0, count: 1024)
            var tail: [RegexSetItem] = []
            func mark(_ c: UInt32) {
                bitmap[Int(c >> 6)] |= 1 << UInt64(c & 63)
            }
            func addLowered(_ c: UInt32) -> Bool {
                let lower = regexLower(c, ascii: ascii)
                guard lower < 0x10000 else { return false }
                mark(lower)
                if !ascii { for extra in regexExtraCases(lower) { mark(extra) } }
                return true
            }
            for item in items {
                switch item {
                case .literal(let c):
                    if !addLowered(c) { tail.append(item); hasCased = true }
                    if regexIsCased(c, ascii: ascii) { hasCased = true }
                case .range(let lo, let hi):
                    var c = lo
                    while c <= hi && c < 0x10000 {
                        if !addLowered(c) { break }
                        if !hasCased && regexIsCased(c, ascii: ascii) { hasCased = true }
                        c += 1
                    }
                    if c <= hi {
                        tail.append(item)
                        hasCased = true
                    }
                case .category:
                    tail.append(item)
                }
            }
            if hasCased {
                self.folding = true
                self.foldedBMP = bitmap
                self.items = tail
            } else {
                self.items = items
            }
        } else {
            self.items = items
        }
        for c in 0..<256 { latin1[c] = slowContains(UInt32(c)) }
    }

    @inline(__always)
    func contains(_ c: UInt32) -> Bool {
        c < 256 ? latin1[Int(c)] : slowContains(c)
    }

    func slowContains(_ c: UInt32) -> Bool {
        var found = false
        if folding {
            let lower = regexLower(c, ascii: ascii)
            if lower < 0x10000 && foldedBMP[Int(lower >> 6)] & (1 << UInt64(lower & 63)) != 0 {
                found = true
            } else {
                found = itemsContain(lower, upperToo: true)
            }
        } else {
            found = itemsContain(c, upperToo: false)
        }
        return found != negated
    }

    private func itemsContain(_ c: UInt32, upperToo: Bool) -> Bool {
        for item in items {
            switch item {
            case .literal(let m):
                if m == c { return true }
            case .range(let lo, let hi):
                if c >= lo && c <= hi { return true }
                if upperToo {
                    let upper = regexUpper(c, ascii: ascii)
                    if upper >= lo && upper <= hi { return true }
                }
            case .category(let category):
                if regexCategoryContains(category, c, ascii: ascii) { return true }
            }
        }
        return false
    }
}
