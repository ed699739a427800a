// int and float: constructors (`int("42")`, `int(x, 16)`, `float("1e-3")`) and methods.
import Foundation

enum NumberMethods {
    /// Parses an int literal the way `int(text, base)` does.
    static func parseInt(_ text: String, base: Int) throws -> Int {
        let original = text
        var s = text.trimmingWhitespace().replacingOccurrences(of: "_", with: "")
        var negative = false
        if s.hasPrefix("-") { negative = true; s.removeFirst() } else if s.hasPrefix("+") { s.removeFirst() }
        var radix = base
        let lower = s.lowercased()
        if (radix == 16 || radix == 0) && lower.hasPrefix("0x") { radix = 16; s.removeFirst(2) }
        else if (radix == 8 || radix == 0) && lower.hasPrefix("0o") { radix = 8; s.removeFirst(2) }
        else if (radix == 2 || radix == 0) && lower.hasPrefix("0b") { radix = 2; s.removeFirst(2) }
        if radix == 0 { radix = 10 }
        guard !s.isEmpty, !original.contains("__"), let magnitude = Int(s, radix: radix) else {
            if !s.isEmpty, s.allSatisfy({ $0.isHexDigit }), UInt64(s, radix: radix) != nil || s.count > 18 {
                throw PyException.overflow()
            }
            throw PyException.valueError("invalid literal for int() with base \(base): \(stringRepr(original))")
        }
        return negative ? -magnitude : magnitude
    }

    static func intFromDouble(_ d: Double) throws -> Int {
        if d.isNaN { throw PyException.valueError("cannot convert float NaN to integer") }
        if d.isInfinite { throw PyException.overflow("cannot convert float infinity to integer") }
        guard let i = Int(exactly: d.rounded(.towardZero)) else { throw PyException.overflow() }
        return i
    }

    static func toInt(_ v: Value) throws -> Int {
        switch v {
        case .int(let i): return i
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return try intFromDouble(d)
        case .str(let s): return try parseInt(s, base: 10)
        case .object(let o):
            if let i = try o.toInt() { return i }
            if let b = o as? PyBytes { return try parseInt(String(decoding: b.bytes, as: UTF8.self), base: 10) }
        case .none: break
        }
        throw PyException.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'")
    }

    static func parseFloat(_ text: String) throws -> Double {
        let s = text.trimmingWhitespace().replacingOccurrences(of: "_", with: "").lowercased()
        switch s {
        case "inf", "+inf", "infinity", "+infinity": return .infinity
        case "-inf", "-infinity": return -.infinity
        case "nan", "+nan", "-nan": return .nan
        default: break
        }
        let allowed = Set("0123456789.e+-")
        guard !s.isEmpty, s.allSatisfy({ allowed.contains($0) }), let d = Double(s) else {
            throw PyException.valueError("could not convert string to float: \(stringRepr(text))")
        }
        return d
    }

    static func toDouble(_ v: Value) throws -> Double {
        switch v {
        case .int(let i): return Double(i)
        case .bool(let b): return b ? 1 : 0
        case .float(let d): return d
        case .str(let s): return try parseFloat(s)
        case .object(let o): if let d = try o.toFloat() { return d }
        case .none: break
        }
        throw PyException.typeError("float() argument must be a string or a real number, not '\(v.typeName)'")
    }

    static func installInt(_ c: PyClass) {
        c.constructor = { _, args in
            if let k = args.keywords.first, k.0 != "base" {
                throw PyException.typeError("'\(k.0)' is an invalid keyword argument for int()")
            }
            let p = args.positional
            let base = p.count > 1 ? p[1] : args.keyword("base")
            if p.isEmpty { return .int(0) }
            if let base = base {
                guard case .str(let s) = p[0] else { throw PyException.typeError("int() can't convert non-string with explicit base") }
                guard let b = numericInt(base), b == 0 || (2...36).contains(b) else {
                    throw PyException.valueError("int() base must be >= 2 and <= 36, or 0")
                }
                return .int(try parseInt(s, base: b))
            }
            return .int(try toInt(p[0]))
        }
        c.method("bit_length") { args in
            .int(Int.bitWidth - (numericInt(args[0]) ?? 0).magnitude.leadingZeroBitCount)
        }
        c.method("bit_count") { args in .int((numericInt(args[0]) ?? 0).magnitude.nonzeroBitCount) }
        c.method("conjugate") { args in .int(numericInt(args[0]) ?? 0) }
        for (name, value) in [("imag", { (_: Value) in Value.int(0) }), ("numerator", { Value.int(numericInt($0) ?? 0) }),
                              ("denominator", { (_: Value) in Value.int(1) })] {
            c.dict[name] = .object(PyProperty(getter: .object(PyBuiltinFunction(name: name) { args in value(args[0]) })))
        }
        c.method("is_integer") { _ in .true }
        c.method("__index__") { args in .int(numericInt(args[0]) ?? 0) }
        c.method("__int__") { args in .int(numericInt(args[0]) ?? 0) }
        c.method("__float__") { args in .float(Double(numericInt(args[0]) ?? 0)) }
        c.method("to_bytes") { args in
            let value = numericInt(args[0]) ?? 0
            let length = args.positional.count > 1 ? numericInt(args[1]) ?? 1 : numericInt(args.keyword("length") ?? .int(1)) ?? 1
            var order = "big"
            if args.positional.count > 2, case .str(let s) = args[2] { order = s }
            if case .str(let s)? = args.keyword("byteorder") { order = s }
            var bytes = (0..<length).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) }
            if order == "big" { bytes.reverse() }
            return .object(PyBytes(bytes))
        }
        c.dict["from_bytes"] = .object(PyClassMethod(.object(PyBuiltinFunction(name: "from_bytes") { args in
            let bytes = try iterateToArray(args.positional.count > 1 ? args[1] : .none).compactMap(numericInt)
            var order = "big"
            if args.positional.count > 2, case .str(let s) = args[2] { order = s }
            if case .str(let s)? = args.keyword("byteorder") { order = s }
            let ordered = order == "big" ? bytes : bytes.reversed()
            var result = 0
            for b in ordered { result = result << 8 | b }
            return .int(result)
        })))
        for name in ["real", "numerator"] {
            c.dict[name] = .object(PyProperty(getter: .object(PyBuiltinFunction(name: name) { args in
                .int(numericInt(args[0]) ?? 0)
            })))
        }
    }

    static func installFloat(_ c: PyClass) {
        c.constructor = { _, args in
            try args.expectNoKeywords("float")
            try args.expectCount("float", 0...1)
            guard let v = args.positional.first else { return .float(0) }
            return .float(try toDouble(v))
        }
        c.method("is_integer") { args in
            guard case .float(let d) = args[0] else { return .false }
            return .bool(d.isFinite && d.rounded() == d)
        }
        c.method("__float__") { args in args[0] }
        c.method("__int__") { args in
            guard case .float(let d) = args[0] else { return .int(0) }
            return .int(try intFromDouble(d))
        }
        c.method("hex") { args in
            guard case .float(let d) = args[0] else { return .none }
            return .str(pythonFloatHex(d))
        }
        c.dict["fromhex"] = .object(PyClassMethod(.object(PyBuiltinFunction(name: "fromhex") { args in
            guard args.count == 2, case .str(let text) = args[1] else { throw PyException.typeError("fromhex() argument must be str") }
            var t = text.trimmingCharacters(in: .whitespaces).lowercased()
            let negative = t.hasPrefix("-")
            if t.hasPrefix("-") || t.hasPrefix("+") { t.removeFirst() }
            if !t.hasPrefix("0x") { t = "0x" + t }
            if !t.contains("p") { t += "p0" }
            guard let d = Double(t) else { throw PyException.valueError("invalid hexadecimal floating-point string") }
            return .float(negative ? -d : d)
        })))
        c.method("as_integer_ratio") { args in
            guard case .float(var d) = args[0] else { return .none }
            if d.isInfinite { throw PyException.overflow("cannot convert Infinity to integer ratio") }
            if d.isNaN { throw PyException.valueError("cannot convert NaN to integer ratio") }
            var denominator = 1
            while d.rounded() != d, denominator < 1 << 52 {
                d *= 2
                denominator *= 2
            }
            return .tuple([.int(try intFromDouble(d)), .int(denominator)])
        }
        c.dict["real"] = .object(PyProperty(getter: .object(PyBuiltinFunction(name: "real") { args in args[0] })))
    }
}

/// `float.hex()` as CPython writes it: `0x1.<13 hex digits>p<exp>` for normal numbers
/// (trailing zeros kept), `0x0.<digits>p-1022` for subnormals, `0x0.0p+0` for zero.
func pythonFloatHex(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    let sign = d.sign == .minus ? "-" : ""
    if d == 0 { return sign + "0x0.0p+0" }
    let bits = d.bitPattern
    let fraction = bits & ((1 << 52) - 1)
    let biased = Int((bits >> 52) & 0x7ff)
    let lead = biased == 0 ? 0 : 1
    let exponent = biased == 0 ? -1022 : biased - 1023
    var digits = String(fraction, radix: 16)
    digits = String(repeating: "0", count: 13 - digits.count) + digits
    return "\(sign)0x\(lead).\(digits)p\(exponent >= 0 ? "+" : "")\(exponent)"
}
