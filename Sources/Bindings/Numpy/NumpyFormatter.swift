// `print(arr)` and `repr(arr)` as numpy 2.4 prints them (numpy/_core/arrayprint.py):
// FloatingFormat/IntegerFormat/BoolFormat widths, `_formatArray` wrapping at the line
// width, `...` summaries past the threshold, and repr's `dtype=`/`shape=` extras.
import Foundation
import Tensor

/// `np.set_printoptions` state: one set per interpreter (see BindingsContext).
struct NumpyPrintOptions {
    var precision = 8
    var threshold = 1000
    var edgeitems = 3
    var linewidth = 75
    var suppress = false

    /// The running interpreter's options.
    static var current: NumpyPrintOptions {
        get { BindingsContext.current.numpyPrintOptions }
        set { BindingsContext.current.numpyPrintOptions = newValue }
    }
}

struct NumpyFormatter {
    let tensor: Tensor
    let options: NumpyPrintOptions
    /// Row-major values in the dtype's natural Swift form.
    private let doubles: [Double]
    private let integers: [Int64]
    private let format: (Int) -> String

    init(_ tensor: Tensor, options: NumpyPrintOptions = NumpyPrintOptions.current) {
        self.tensor = tensor
        self.options = options
        let summarise = tensor.count > options.threshold
        // The elements the widths are computed from: all, or the summary's edges.
        let shown = summarise ? NumpyFormatter.edgePositions(tensor.shape, options.edgeitems) : Array(0..<tensor.count)
        switch tensor.dtype {
        case .float64, .float32:
            let values = tensor.doubleValues()
            doubles = values
            integers = []
            let floating = FloatingFormat(shown.map { values[$0] }, float32: tensor.dtype == .float32, options: options)
            format = { floating.format(values[$0]) }
        case .int64:
            let values = tensor.int64Values()
            integers = values
            doubles = []
            let subset = shown.map { values[$0] }
            let width = max(String(subset.max() ?? 0).count, String(subset.min() ?? 0).count)
            format = { i in
                let s = String(values[i])
                return String(repeating: " ", count: max(0, width - s.count)) + s
            }
        case .bool:
            let values = tensor.boolValues()
            doubles = []
            integers = []
            let trueText = tensor.rank == 0 ? "True" : " True"
            format = { values[$0] ? trueText : "False" }
        }
    }

    /// Flat positions kept by `_leading_trailing`: `edge` items at each end of every long axis.
    static func edgePositions(_ shape: [Int], _ edge: Int) -> [Int] {
        let strides = Tensor.contiguousStrides(shape)
        var result: [Int] = []
        func visit(_ axis: Int, _ base: Int) {
            if axis == shape.count { result.append(base); return }
            let n = shape[axis]
            let indices = n > 2 * edge ? Array(0..<edge) + Array((n - edge)..<n) : Array(0..<n)
            for i in indices { visit(axis + 1, base + i * strides[axis]) }
        }
        visit(0, 0)
        return result
    }

    /// `array2string(a, separator=, prefix=)` with the suffix length taken off the width.
    func arrayString(separator: String, prefix: String, suffixLength: Int) -> String {
        if tensor.count == 0 { return "[]" }
        let width = options.linewidth - suffixLength
        let summary = tensor.count > options.threshold ? "..." : ""
        let strides = Tensor.contiguousStrides(tensor.shape)
        let shape = tensor.shape
        let edge = options.edgeitems

        func recurse(_ axis: Int, _ base: Int, _ hangingIndent: String, _ currentWidth: Int) -> String {
            let axesLeft = shape.count - axis
            if axesLeft == 0 { return format(base) }
            let nextIndent = hangingIndent + " "
            let nextWidth = currentWidth - 1
            let length = shape[axis]
            let showSummary = !summary.isEmpty && 2 * edge < length
            let leading = showSummary ? edge : 0
            let trailing = showSummary ? edge : length
            var s = ""
            if axesLeft == 1 {
                let trimmedSeparator = separator.trimmingCharacters(in: .whitespaces)
                let elementWidth = currentWidth - max(trimmedSeparator.count, 1)
                var line = hangingIndent
                for i in 0..<leading {
                    let word = recurse(axis + 1, base + i * strides[axis], nextIndent, nextWidth)
                    NumpyFormatter.extendLine(&s, &line, word, elementWidth, hangingIndent)
                    line += separator
                }
                if showSummary {
                    NumpyFormatter.extendLine(&s, &line, summary, elementWidth, hangingIndent)
                    line += separator
                }
                var i = trailing
                while i > 1 {
                    let word = recurse(axis + 1, base + (length - i) * strides[axis], nextIndent, nextWidth)
                    NumpyFormatter.extendLine(&s, &line, word, elementWidth, hangingIndent)
                    line += separator
                    i -= 1
                }
                let word = recurse(axis + 1, base + (length - 1) * strides[axis], nextIndent, nextWidth)
                NumpyFormatter.extendLine(&s, &line, word, elementWidth, hangingIndent)
                s += line
            } else {
                let trimmedSeparator = String(separator.reversed().drop(while: { $0 == " " }).reversed())
                let lineSeparator = trimmedSeparator + String(repeating: "\n", count: axesLeft - 1)
                for i in 0..<leading {
                    s += hangingIndent + recurse(axis + 1, base + i * strides[axis], nextIndent, nextWidth) + lineSeparator
                }
                if showSummary { s += hangingIndent + summary + lineSeparator }
                var i = trailing
                while i > 1 {
                    s += hangingIndent + recurse(axis + 1, base + (length - i) * strides[axis], nextIndent, nextWidth)
                        + lineSeparator
                    i -= 1
                }
                s += hangingIndent + recurse(axis + 1, base + (length - 1) * strides[axis], nextIndent, nextWidth)
            }
            return "[" + String(s.dropFirst(hangingIndent.count)) + "]"
        }
        return recurse(0, 0, String(repeating: " ", count: 1 + prefix.count), width)
    }

    /// `_extendLine_pretty` for one-line words: wrap when the word would pass the width,
    /// unless the line holds only the indent.
    private static func extendLine(_ s: inout String, _ line: inout String, _ word: String,
                                   _ width: Int, _ indent: String) {
        if word.contains("\n") {
            let words = word.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let longest = words.map(\.count).max() ?? 0
            let wrapIndent: String
            if line.count + longest > width && line.count > indent.count {
                s += rstrip(line) + "\n"
                line = indent + words[0]
                wrapIndent = indent
            } else {
                wrapIndent = String(repeating: " ", count: line.count)
                line += words[0]
            }
            for w in words.dropFirst() {
                s += rstrip(line) + "\n"
                line = wrapIndent + w
            }
            line += String(repeating: " ", count: longest - (words.last?.count ?? 0))
            return
        }
        if line.count + word.count > width && line.count > indent.count {
            s += rstrip(line) + "\n"
            line = indent
        }
        line += word
    }

    private static func rstrip(_ text: String) -> String {
        String(text.reversed().drop(while: { $0 == " " }).reversed())
    }

    // MARK: str and repr

    /// `str(arr)`: the bracketed body with single-space separators (0-d: the scalar's str).
    static func str(_ t: Tensor) -> String {
        if t.rank == 0 { return scalarString(t) }
        return NumpyFormatter(t).arrayString(separator: " ", prefix: "", suffixLength: 0)
    }

    /// `repr(arr)`: `array([...])` plus `shape=` (empty or summarised) and `dtype=` (not
    /// float64/int64/bool, or empty) extras, on a new line when they would pass the width.
    static func repr(_ t: Tensor) -> String {
        let options = NumpyPrintOptions.current
        let prefix = "array("
        let body = NumpyFormatter(t).arrayString(separator: ", ", prefix: prefix, suffixLength: 1)
        var extras: [String] = []
        if (t.count == 0 && t.shape != [0]) || t.count > options.threshold {
            extras.append("shape=" + shapeText(t.shape))
        }
        if t.dtype == .float32 || t.count == 0 { extras.append("dtype=" + NumpyDType.name(t.dtype)) }
        if extras.isEmpty { return prefix + body + ")" }
        let text = prefix + body + ","
        let extra = extras.joined(separator: ", ") + ")"
        let lastLine = text.count - ((text.lastIndex(of: "\n").map { text.distance(from: text.startIndex, to: $0) + 1 }) ?? 0)
        let spacer = lastLine + extra.count + 1 > options.linewidth ? "\n" + String(repeating: " ", count: prefix.count) : " "
        return text + spacer + extra
    }

    /// `(2,3)`: the spaceless form numpy's error messages use.
    static func compactShape(_ shape: [Int]) -> String { shapeText(shape).replacingOccurrences(of: " ", with: "") }

    /// `(2, 3)`, `(3,)`, `()`.
    static func shapeText(_ shape: [Int]) -> String {
        shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
    }

    /// `str` of a numpy scalar (the one element of `t`).
    static func scalarString(_ t: Tensor) -> String {
        switch t.dtype {
        case .float64, .float32: return NumpyFloatText.scalarString(t.doubleValues()[0], float32: t.dtype == .float32)
        case .int64: return String(t.int64Values()[0])
        case .bool: return t.boolValues()[0] ? "True" : "False"
        }
    }

    /// `repr` of a numpy scalar: `np.float64(1.5)`, `np.int64(3)`, `np.True_`.
    static func scalarRepr(_ t: Tensor) -> String {
        switch t.dtype {
        case .bool: return t.boolValues()[0] ? "np.True_" : "np.False_"
        default: return "np.\(NumpyDType.name(t.dtype))(\(scalarString(t)))"
        }
    }
}

/// numpy's `FloatingFormat` in its default `maxprec` mode.
struct FloatingFormat {
    let float32: Bool
    var exponential = false
    var padLeft = 0, padRight = 0, precision: Int, minDigits = 0, expSize = -1

    init(_ data: [Double], float32: Bool, options: NumpyPrintOptions) {
        self.float32 = float32
        precision = options.precision
        let finite = data.filter { $0.isFinite }
        let nonZero = finite.filter { $0 != 0 }.map { Swift.abs($0) }
        if let maxValue = nonZero.max(), let minValue = nonZero.min() {
            let cutoff = float32 ? 1e6 : 1e8
            if maxValue >= cutoff || (!options.suppress && (minValue < 0.0001 || maxValue / minValue > 1000)) {
                exponential = true
            }
        }
        if finite.isEmpty {
            padLeft = 0; padRight = 0; expSize = -1
        } else if exponential {
            let texts = finite.map { NumpyFloatText.scientific($0, float32: float32, precision: precision) }
            var fractionLength = 0, integerLength = 0, exponentLength = 0
            for text in texts {
                let parts = text.split(separator: "e")
                let mantissa = parts[0].split(separator: ".", omittingEmptySubsequences: false)
                integerLength = max(integerLength, mantissa[0].count)
                fractionLength = max(fractionLength, mantissa.count > 1 ? mantissa[1].count : 0)
                exponentLength = max(exponentLength, parts.count > 1 ? parts[1].count : 0)
            }
            expSize = exponentLength - 1
            precision = fractionLength
            minDigits = fractionLength
            padLeft = integerLength
            padRight = expSize + 2 + precision
        } else {
            var fractionLength = 0, integerLength = 0
            for value in finite {
                let text = NumpyFloatText.positional(value, float32: float32, precision: precision)
                let parts = text.split(separator: ".", omittingEmptySubsequences: false)
                integerLength = max(integerLength, parts[0].count)
                fractionLength = max(fractionLength, parts.count > 1 ? parts[1].count : 0)
            }
            padLeft = integerLength
            padRight = fractionLength
            minDigits = 0
        }
        if finite.count != data.count {
            let negativeInfinity = data.contains { $0.isInfinite && $0 < 0 }
            let offset = padRight + 1
            padLeft = max(padLeft, 3 - offset, 3 + (negativeInfinity ? 1 : 0) - offset)
        }
    }

    func format(_ x: Double) -> String {
        if !x.isFinite {
            let text = x.isNaN ? "nan" : (x < 0 ? "-inf" : "inf")
            return String(repeating: " ", count: max(0, padLeft + padRight + 1 - text.count)) + text
        }
        if exponential {
            return NumpyFloatText.scientific(x, float32: float32, precision: precision, minDigits: minDigits,
                                             padLeft: padLeft, expDigits: expSize)
        }
        return NumpyFloatText.positional(x, float32: float32, precision: precision, minDigits: minDigits,
                                         padLeft: padLeft, padRight: padRight)
    }
}
