// numpy's float text: Dragon4 positional and scientific forms (shortest round-trip digits,
// cut at a precision with exact rounding), and the scalar str/repr rules of numpy 2.
import Foundation

/// The shortest round-trip decimal digits of a finite value: `value = d.ddd × 10^exponent`.
struct ShortestDigits {
    var negative: Bool
    /// No leading or trailing zeros; "0" for zero.
    var digits: [UInt8]
    var exponent: Int

    init(_ value: Double, float32: Bool) {
        let text = float32 ? Float(value).description : value.description
        negative = text.hasPrefix("-")
        let body = negative ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: "e", maxSplits: 1)
        let mantissa = parts.first.map(String.init) ?? "0"
        let power = parts.count > 1 ? Int(parts[1]) ?? 0 : 0
        let integerLength = mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count
        var all = mantissa.utf8.filter { $0 != UInt8(ascii: ".") }.map { $0 - UInt8(ascii: "0") }
        var leading = 0
        while leading < all.count && all[leading] == 0 { leading += 1 }
        if leading == all.count {
            digits = [0]
            exponent = 0
            return
        }
        all.removeFirst(leading)
        while all.last == 0 { all.removeLast() }
        digits = all
        exponent = integerLength - 1 - leading + power
    }

    var digitText: String { String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self) }
}

enum NumpyFloatText {
    /// Dragon4 positional, unique digits, at most `precision` fractional digits (exactly
    /// rounded past them), trailing zeros trimmed to the point, then `minDigits` zeros back,
    /// the integer part padded left to `padLeft` and the fraction right to `padRight`.
    static func positional(_ value: Double, float32: Bool, precision: Int, minDigits: Int = 0,
                           padLeft: Int = 0, padRight: Int = 0, sign: Bool = false) -> String {
        let d = ShortestDigits(value, float32: float32)
        var integerPart: String, fraction: String
        let fractionalDigits = max(0, d.digits.count - 1 - d.exponent)
        if fractionalDigits <= precision {
            let text = d.digitText
            if d.exponent >= 0 {
                if d.digits.count > d.exponent + 1 {
                    let split = text.index(text.startIndex, offsetBy: d.exponent + 1)
                    integerPart = String(text[..<split])
                    fraction = String(text[split...])
                } else {
                    integerPart = text + String(repeating: "0", count: d.exponent + 1 - d.digits.count)
                    fraction = ""
                }
            } else {
                integerPart = "0"
                fraction = String(repeating: "0", count: -d.exponent - 1) + text
            }
            if d.digits == [0] { fraction = "" }
        } else {
            let text = String(format: "%.\(precision)f", Swift.abs(value))
            let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
            integerPart = String(pieces[0])
            fraction = pieces.count > 1 ? String(pieces[1]) : ""
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        if fraction.count < minDigits { fraction += String(repeating: "0", count: minDigits - fraction.count) }
        if d.negative { integerPart = "-" + integerPart } else if sign { integerPart = "+" + integerPart }
        let left = String(repeating: " ", count: max(0, padLeft - integerPart.count))
        let right = String(repeating: " ", count: max(0, padRight - fraction.count))
        return left + integerPart + "." + fraction + right
    }

    /// Dragon4 scientific: `d.ddd` with at most `precision` digits after the point
    /// (exactly rounded past them), zeros trimmed then padded to `minDigits`, `e`, a signed
    /// exponent of at least `expDigits` digits; the mantissa padded left to `padLeft`.
    static func scientific(_ value: Double, float32: Bool, precision: Int, minDigits: Int = 0,
                           padLeft: Int = 0, expDigits: Int = 2, trimPoint: Bool = false) -> String {
        let d = ShortestDigits(value, float32: float32)
        var lead: String, fraction: String, exponent: Int
        // Past the unique digits, `minDigits` asks for more of the exact value's digits.
        if d.digits.count - 1 <= precision && d.digits.count - 1 >= minDigits {
            let text = d.digitText
            lead = String(text.prefix(1))
            fraction = String(text.dropFirst())
            exponent = d.digits == [0] ? 0 : d.exponent
        } else {
            let digits = d.digits.count - 1 > precision ? precision : minDigits
            let text = String(format: "%.\(digits)e", Swift.abs(value))
            let parts = text.split(separator: "e")
            let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
            lead = String(mantissa[0])
            fraction = mantissa.count > 1 ? String(mantissa[1]) : ""
            exponent = Int(parts.count > 1 ? parts[1] : "0") ?? 0
            while fraction.hasSuffix("0") { fraction.removeLast() }
        }
        if fraction.count < minDigits { fraction += String(repeating: "0", count: minDigits - fraction.count) }
        if d.negative { lead = "-" + lead }
        let magnitude = String(Swift.abs(exponent))
        let expText = (exponent < 0 ? "-" : "+")
            + String(repeating: "0", count: max(0, expDigits - magnitude.count)) + magnitude
        let left = String(repeating: " ", count: max(0, padLeft - lead.count))
        let point = fraction.isEmpty && trimPoint ? "" : "."
        return left + lead + point + fraction + "e" + expText
    }

    /// `str(np.float64(x))` / `str(np.float32(x))`: positional between 1e-4 and 1e16
    /// (1e6 for float32) with ".0" for whole numbers, else scientific as Python prints.
    static func scalarString(_ value: Double, float32: Bool) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        let magnitude = Swift.abs(value)
        let limit = float32 ? 1e6 : 1e16
        if magnitude == 0 || (magnitude >= 1e-4 && magnitude < limit) {
            let text = positional(value, float32: float32, precision: 400)
            return text.hasSuffix(".") ? text + "0" : text
        }
        return scientific(value, float32: float32, precision: 400, trimPoint: true)
    }
}
