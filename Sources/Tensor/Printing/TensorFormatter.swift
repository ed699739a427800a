// PyTorch's `_Formatter`: picks int/fixed/scientific notation and a common width for
// every element of a printed tensor. Port of `torch/_tensor_str.py`; serves all lessons.
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Python's float formatting, `'{:.Nf}'.format(x)` and `'{:.Ne}'.format(x)`.
///
/// Both Python and the C library round the exact binary value half-to-even, so
/// finite values go through `vsnprintf`; NaN and infinities are spelled as Python
/// spells them (`nan`, `inf`, `-inf`: no sign on NaN, unlike C's `-nan`).
enum PythonFloatFormat {
    /// `'{:.{precision}f}'.format(x)`.
    static func fixed(_ x: Double, precision: Int) -> String {
        nonFinite(x) ?? cFormat("%.*f", precision, x)
    }

    /// `'{:.{precision}e}'.format(x)`: mantissa, `e`, sign, at least two exponent digits.
    static func exponent(_ x: Double, precision: Int) -> String {
        nonFinite(x) ?? cFormat("%.*e", precision, x)
    }

    private static func nonFinite(_ x: Double) -> String? {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x < 0 ? "-inf" : "inf" }
        return nil
    }

    /// `snprintf(format, precision, x)`, retried with a buffer of the reported length.
    private static func cFormat(_ format: String, _ precision: Int, _ x: Double) -> String {
        let digits = Int32(clamping: max(precision, 0))
        func attempt(capacity: Int) -> (bytes: [CChar], length: Int) {
            var bytes = [CChar](repeating: 0, count: capacity)
            let length = withVaList([digits, x]) { arguments in
                bytes.withUnsafeMutableBufferPointer { vsnprintf($0.baseAddress, capacity, format, arguments) }
            }
            return (bytes, Int(length))
        }
        var result = attempt(capacity: 48)
        if result.length >= 48 { result = attempt(capacity: result.length + 1) }
        let length = min(max(result.length, 0), result.bytes.count)
        return String(decoding: result.bytes[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// One printed element: float32 values are printed from their exact double value,
/// as PyTorch's `tolist()` / `item()` hand them to Python.
enum PrintedElement {
    case float(Double)
    case int(Int64)
    case bool(Bool)
}

/// `_Formatter`: notation and width, decided once from the (summarised) elements.
struct TensorFormatter {
    let precision: Int
    /// Every nonzero finite value is whole: print `3.` instead of `3.0000`.
    private(set) var intMode = true
    private(set) var sciMode = false
    private(set) var maxWidth = 1

    /// Scans `elements` (the summarised data when the tensor is summarised).
    init(floatingDtype: Bool, elements: [PrintedElement], options: PrintOptions) {
        self.precision = options.precision
        guard floatingDtype else {
            for element in elements { maxWidth = max(maxWidth, Self.plainText(element).utf8.count) }
            return
        }
        var nonzeroFinite: [Double] = []
        for case .float(let x) in elements where x.isFinite && x != 0 { nonzeroFinite.append(x) }
        if nonzeroFinite.isEmpty { return }

        var minAbs = Double.infinity, maxAbs = 0.0
        for x in nonzeroFinite {
            minAbs = min(minAbs, abs(x))
            maxAbs = max(maxAbs, abs(x))
            if intMode && x != x.rounded(.up) { intMode = false }
        }
        sciMode = options.sciMode ?? (maxAbs / minAbs > 1000.0 || maxAbs > 1.0e8 || minAbs < 1.0e-4)

        for x in nonzeroFinite {
            let width: Int
            if sciMode {
                width = PythonFloatFormat.exponent(x, precision: precision).utf8.count
            } else if intMode {
                width = PythonFloatFormat.fixed(x, precision: 0).utf8.count + 1  // room for "."
            } else {
                width = PythonFloatFormat.fixed(x, precision: precision).utf8.count
            }
            maxWidth = max(maxWidth, width)
        }
    }

    var width: Int { maxWidth }

    /// `_Formatter.format`: the element's text, right-aligned to the common width.
    func format(_ element: PrintedElement) -> String {
        var text: String
        if case .float(let x) = element {
            if sciMode {
                text = PythonFloatFormat.exponent(x, precision: precision)
            } else if intMode {
                text = PythonFloatFormat.fixed(x, precision: 0)
                if x.isFinite { text += "." }
            } else {
                text = PythonFloatFormat.fixed(x, precision: precision)
            }
        } else {
            text = Self.plainText(element)
        }
        let padding = maxWidth - text.utf8.count
        return padding > 0 ? String(repeating: " ", count: padding) + text : text
    }

    /// `f"{value}"` of a Python int or bool (float elements only come from float32
    /// tensors, which `format` handles above).
    private static func plainText(_ element: PrintedElement) -> String {
        switch element {
        case .int(let v): return String(v)
        case .bool(let b): return b ? "True" : "False"
        case .float(let x): return PythonFloatFormat.fixed(x, precision: 4)
        }
    }
}
