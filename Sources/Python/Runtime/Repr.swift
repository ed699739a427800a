// repr() and str() of every value, including CPython's float repr (shortest round-trip
// digits, `1e-05`, `1.0`, `inf`) and its string quoting rules.
import Foundation

/// `repr(value)`.
public func repr(_ value: Value) throws -> String {
    switch value {
    case .none: return "None"
    case .bool(let b): return b ? "True" : "False"
    case .int(let i): return String(i)
    case .float(let d): return floatRepr(d)
    case .str(let s): return stringRepr(s)
    case .object(let o):
        let depth = try ReprDepth.enter(" while getting the repr of an object")
        defer { depth.pointee -= 1 }
        return try o.repr()
    }
}

/// How many objects are being repr'd (or compared) one inside another on this thread: a
/// list nested a million deep raises RecursionError, as CPython's Py_EnterRecursiveCall
/// does, instead of running out of stack.
enum ReprDepth {
    /// Enters one level, or raises "maximum recursion depth exceeded" + `context`; the
    /// caller leaves it with `pointee -= 1` on the returned counter.
    static func enter(_ context: String) throws -> UnsafeMutablePointer<Int> {
        let depth = current
        if depth.pointee >= limit {
            throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded" + context)
        }
        depth.pointee += 1
        return depth
    }

    /// CPython's default recursion limit, which its reprs count against.
    static let limit = 1000

    /// This thread's counter (a thread-specific pointer, allocated on first use).
    static var current: UnsafeMutablePointer<Int> {
        if let p = pthread_getspecific(key) { return p.assumingMemoryBound(to: Int.self) }
        let p = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        p.initialize(to: 0)
        pthread_setspecific(key, p)
        return p
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key) { $0?.deallocate() }
        return key
    }()
}

/// `str(value)`.
public func str(_ value: Value) throws -> String {
    switch value {
    case .str(let s): return s
    case .object(let o): return try o.str() ?? o.repr()
    default: return try repr(value)
    }
}

/// The digits and decimal exponent of the shortest round-trip representation of a finite,
/// positive double: value = 0.d1d2d3... × 10^exponent.
func shortestDigits(_ d: Double) -> (digits: [UInt8], exponent: Int) {
    // Swift's description is shortest round-trip; parse its digits and exponent.
    let text = d.description
    var digits: [UInt8] = []
    var exponent = 0
    var pointPosition: Int?
    var seenE = false
    var expText = ""
    for c in text.utf8 {
        if seenE {
            expText.append(Character(Unicode.Scalar(c)))
        } else if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            seenE = true
        } else if c == UInt8(ascii: ".") {
            pointPosition = digits.count
        } else if c >= 48 && c <= 57 {
            digits.append(c - 48)
        }
    }
    let point = pointPosition ?? digits.count
    exponent = point + (Int(expText) ?? 0)
    // Strip leading zeros.
    while let first = digits.first, first == 0, digits.count > 1 {
        digits.removeFirst()
        exponent -= 1
    }
    while let last = digits.last, last == 0, digits.count > 1 { digits.removeLast() }
    return (digits, exponent)
}

/// CPython's `repr(float)`.
public func floatRepr(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d < 0 ? "-inf" : "inf" }
    if d == 0 { return d.sign == .minus ? "-0.0" : "0.0" }
    let sign = d < 0 ? "-" : ""
    let (digits, exponent) = shortestDigits(abs(d))
    let digitText = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
    // Python uses fixed notation when -4 <= exponent10 < 16 (exponent10 = exponent - 1).
    let e10 = exponent - 1
    if e10 >= -4 && e10 < 16 {
        if exponent <= 0 {
            return sign + "0." + String(repeating: "0", count: -exponent) + digitText
        }
        if exponent >= digits.count {
            return sign + digitText + String(repeating: "0", count: exponent - digits.count) + ".0"
        }
        let index = digitText.index(digitText.startIndex, offsetBy: exponent)
        return sign + digitText[..<index] + "." + digitText[index...]
    }
    var mantissa = String(digitText.prefix(1))
    if digits.count > 1 { mantissa += "." + digitText.dropFirst() }
    let expSign = e10 < 0 ? "-" : "+"
    let expDigits = String(abs(e10)).leftPadded(to: 2, with: "0")
    return sign + mantissa + "e" + expSign + expDigits
}

/// Whether Python's `str.isprintable` holds for a scalar (used by repr).
func isPrintable(_ c: Unicode.Scalar) -> Bool {
    if c == " " { return true }
    switch c.properties.generalCategory {
    case .control, .format, .surrogate, .privateUse, .unassigned, .lineSeparator, .paragraphSeparator, .spaceSeparator:
        return false
    default:
        return true
    }
}

/// CPython's `repr(str)`: single quotes unless the text has `'` and no `"`.
public func stringRepr(_ s: String) -> String {
    let hasSingle = s.unicodeScalars.contains("'")
    let hasDouble = s.unicodeScalars.contains("\"")
    let quote: Unicode.Scalar = hasSingle && !hasDouble ? "\"" : "'"
    var out = String.UnicodeScalarView()
    out.append(quote)
    for c in s.unicodeScalars {
        switch c {
        case "\\": out.append(contentsOf: "\\\\".unicodeScalars)
        case "\n": out.append(contentsOf: "\\n".unicodeScalars)
        case "\r": out.append(contentsOf: "\\r".unicodeScalars)
        case "\t": out.append(contentsOf: "\\t".unicodeScalars)
        default:
            if c == quote {
                out.append("\\")
                out.append(c)
            } else if c.value < 0x20 || c.value == 0x7F {
                out.append(contentsOf: ("\\x" + String(c.value, radix: 16).leftPadded(to: 2, with: "0")).unicodeScalars)
            } else if c.value >= 0x80 && !isPrintable(c) {
                let hex = String(c.value, radix: 16)
                let text = c.value <= 0xFF ? "\\x" + hex.leftPadded(to: 2, with: "0")
                    : c.value <= 0xFFFF ? "\\u" + hex.leftPadded(to: 4, with: "0") : "\\U" + hex.leftPadded(to: 8, with: "0")
                out.append(contentsOf: text.unicodeScalars)
            } else {
                out.append(c)
            }
        }
    }
    out.append(quote)
    return String(out)
}

/// Detects self-referencing containers during repr (`a = []; a.append(a)` prints `[[...]]`).
/// The set of containers being printed is per thread (each interpreter runs on its own).
enum ReprGuard {
    final class Active { var ids: Set<ObjectIdentifier> = [] }
    private static let key = "llmwb.reprGuard"

    private static var active: Active {
        if let a = Thread.current.threadDictionary[key] as? Active { return a }
        let a = Active()
        Thread.current.threadDictionary[key] = a
        return a
    }

    /// Runs `body` unless `object` is already being printed on this thread (then `placeholder`).
    static func guarded(_ object: AnyObject, placeholder: String, _ body: () throws -> String) rethrows -> String {
        let state = active
        let id = ObjectIdentifier(object)
        if state.ids.contains(id) { return placeholder }
        state.ids.insert(id)
        defer { state.ids.remove(id) }
        return try body()
    }
}
