// Python's `repr` of a `str`, for error messages that quote user text the way tiktoken's
// f-strings (`{token!r}`) and `KeyError` do.

enum PythonRepr {
    /// `repr(s)`: single quotes unless `s` holds a `'` and no `"`; backslash escapes for
    /// the quote, `\\`, `\t`, `\n`, `\r`, and `\xNN` / `\uNNNN` / `\UNNNNNNNN` for characters
    /// Python does not print (control, format, separators other than the space, unassigned).
    static func string(_ s: String) -> String {
        let hasSingle = s.unicodeScalars.contains("'")
        let hasDouble = s.unicodeScalars.contains("\"")
        let quote: Unicode.Scalar = (hasSingle && !hasDouble) ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case quote: out += "\\" + String(quote)
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            default:
                if isPrintable(scalar) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += escaped(scalar.value)
                }
            }
        }
        out.unicodeScalars.append(quote)
        return out
    }

    /// `str.isprintable()` for one character: everything but categories Cc, Cf, Cs, Co, Cn,
    /// Zl, Zp and Zs (the ASCII space excepted).
    static func isPrintable(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == " " { return true }
        switch scalar.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned,
             .lineSeparator, .paragraphSeparator, .spaceSeparator:
            return false
        default:
            return true
        }
    }

    private static func escaped(_ value: UInt32) -> String {
        let (prefix, width) = value <= 0xFF ? ("\\x", 2) : value <= 0xFFFF ? ("\\u", 4) : ("\\U", 8)
        let hex = String(value, radix: 16)
        return prefix + String(repeating: "0", count: width - hex.count) + hex
    }
}
