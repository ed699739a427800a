// Formatting: the format-spec mini-language (f-strings, format(), str.format) and
// printf-style `%` formatting, matching CPython's output.
import Foundation

/// A parsed format spec: `[[fill]align][sign][#][0][width][,|_][.precision][type]`.
struct FormatSpec {
    var fill: Character = " "
    var align: Character?
    var sign: Character = "-"
    var alternate = false
    var width = 0
    var grouping: Character?
    var precision: Int?
    var type: Character?
    /// Alignment `=` came from a bare `0` flag (for strings it means left alignment).
    var zeroPadding = false

    init(_ spec: String) throws {
        var chars = Array(spec)
        var i = 0
        func isAlign(_ c: Character) -> Bool { c == "<" || c == ">" || c == "=" || c == "^" }
        if chars.count >= 2, isAlign(chars[1]) {
            fill = chars[0]
            align = chars[1]
            i = 2
        } else if !chars.isEmpty, isAlign(chars[0]) {
            align = chars[0]
            i = 1
        }
        if i < chars.count, chars[i] == "+" || chars[i] == "-" || chars[i] == " " {
            sign = chars[i]
            i += 1
        }
        if i < chars.count, chars[i] == "z" { i += 1 }
        if i < chars.count, chars[i] == "#" {
            alternate = true
            i += 1
        }
        // `0` before the width: zero fill unless a fill was given, and sign-aware padding
        // for numbers unless an alignment was given (strings then pad on the right).
        if i < chars.count, chars[i] == "0" {
            if align == nil {
                fill = "0"
                align = "="
                zeroPadding = true
            } else if chars.count < 2 || !isAlign(chars[1]) {
                fill = "0"
            }
            i += 1
        }
        var widthText = ""
        while i < chars.count, chars[i].isASCII, chars[i].isNumber {
            widthText.append(chars[i])
            i += 1
        }
        width = try FormatSpec.decimal(widthText) ?? 0
        if i < chars.count, chars[i] == "," || chars[i] == "_" {
            grouping = chars[i]
            i += 1
        }
        if i < chars.count, chars[i] == "." {
            i += 1
            var precisionText = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber {
                precisionText.append(chars[i])
                i += 1
            }
            guard let p = try FormatSpec.decimal(precisionText) else { throw PyException.valueError("Format specifier missing precision") }
            precision = p
        }
        if i < chars.count {
            type = chars[i]
            i += 1
        }
        if i < chars.count {
            throw PyException.valueError("Invalid format specifier '\(spec)' for object of type '%TYPE%'")
        }
        chars = []
    }

    /// A width or precision's digits as a number; CPython's error when they pass Py_ssize_t.
    static func decimal(_ digits: String) throws -> Int? {
        if digits.isEmpty { return nil }
        guard let n = Int(digits) else { throw PyException.valueError("Too many decimal digits in format string") }
        return n
    }

    /// Pads `body` (with its sign split off as `prefix`) to `width`; MemoryError when the
    /// padded text could not be held (`f'{1:>100000000000}'`).
    func pad(_ body: String, prefix: String = "", defaultAlign: Character) throws -> String {
        let total = prefix.count + body.count
        guard width > total else { return prefix + body }
        try checkAllocation(elements: width, elementSize: fill.utf8.count)
        let padding = width - total
        switch align ?? defaultAlign {
        case "<": return prefix + body + String(repeating: fill, count: padding)
        case "^":
            let left = padding / 2
            return String(repeating: fill, count: left) + prefix + body + String(repeating: fill, count: padding - left)
        case "=": return prefix + String(repeating: fill, count: padding) + body
        default: return String(repeating: fill, count: padding) + prefix + body
        }
    }
}

/// Inserts a grouping separator every three digits of the integer part of `digits`.
func groupDigits(_ digits: String, _ separator: Character, every: Int = 3) -> String {
    let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let integer = Array(parts[0])
    var out = ""
    for (i, c) in integer.enumerated() {
        if i > 0 && (integer.count - i) % every == 0 { out.append(separator) }
        out.append(c)
    }
    if parts.count > 1 { out += "." + parts[1] }
    return out
}

/// Formats a double with C's printf conversion (`f`, `e`, `g`).
func cFormat(_ d: Double, _ conversion: Character, precision: Int, alternate: Bool = false) -> String {
    if d.isNaN { return conversion.isUppercase ? "NAN" : "nan" }
    if d.isInfinite { return (d < 0 ? "-" : "") + (conversion.isUppercase ? "INF" : "inf") }
    return String(format: "%\(alternate ? "#" : "").\(precision)\(conversion)", d)
}

/// `format(value, spec)`.
public func formatValue(_ value: Value, _ spec: String) throws -> String {
    switch value {
    case .object(let o):
        if let s = try o.format(spec) { return s }
        if spec.isEmpty { return try str(value) }
        throw PyException.typeError("unsupported format string passed to \(value.typeName).__format__")
    case .str(let s):
        if spec.isEmpty { return s }
        return try formatString(s, spec)
    case .int(let i): return try formatInt(i, spec, typeName: "int")
    case .bool(let b):
        if spec.isEmpty { return b ? "True" : "False" }
        return try formatInt(b ? 1 : 0, spec, typeName: "bool")
    case .float(let d): return try formatFloat(d, spec)
    case .none:
        if spec.isEmpty { return "None" }
        throw PyException.typeError("unsupported format string passed to NoneType.__format__")
    }
}

private func parseSpec(_ spec: String, typeName: String) throws -> FormatSpec {
    do {
        return try FormatSpec(spec)
    } catch let e as PyException {
        if case .str(let m)? = e.args.first { e.args = [.str(m.replacingOccurrences(of: "%TYPE%", with: typeName))] }
        throw e
    }
}

func formatString(_ s: String, _ specText: String) throws -> String {
    var spec = try parseSpec(specText, typeName: "str")
    if let t = spec.type, t != "s" {
        throw PyException.valueError("Unknown format code '\(t)' for object of type 'str'")
    }
    if spec.sign != "-" { throw PyException.valueError("Sign not allowed in string format specifier") }
    if spec.align == "=" {
        guard spec.zeroPadding else { throw PyException.valueError("'=' alignment not allowed in string format specifier") }
        spec.align = "<"
    }
    var body = s
    if let p = spec.precision, s.unicodeScalars.count > p { body = String(String.UnicodeScalarView(s.unicodeScalars.prefix(p))) }
    return try spec.pad(body, defaultAlign: "<")
}

func formatInt(_ i: Int, _ specText: String, typeName: String) throws -> String {
    let spec = try parseSpec(specText, typeName: typeName)
    if let t = spec.type, "eEfFgG%".contains(t) {
        return try formatFloat(Double(i), specText)
    }
    if spec.precision != nil { throw PyException.valueError("Precision not allowed in integer format specifier") }
    let magnitude = i.magnitude
    var body: String
    var radixPrefix = ""
    switch spec.type {
    case nil, "d", "n": body = String(magnitude)
    case "b": body = String(magnitude, radix: 2); radixPrefix = "0b"
    case "o": body = String(magnitude, radix: 8); radixPrefix = "0o"
    case "x": body = String(magnitude, radix: 16); radixPrefix = "0x"
    case "X": body = String(magnitude, radix: 16, uppercase: true); radixPrefix = "0X"
    case "c":
        guard let scalar = Unicode.Scalar(UInt32(clamping: i)) else { throw PyException.overflow("%c arg not in range(0x110000)") }
        return try spec.pad(String(scalar), defaultAlign: "<")
    case let t?:
        throw PyException.valueError("Unknown format code '\(t)' for object of type '\(typeName)'")
    }
    if let g = spec.grouping {
        body = groupDigits(body, g, every: spec.type == nil || spec.type == "d" || spec.type == "n" ? 3 : 4)
    }
    var prefix = i < 0 ? "-" : (spec.sign == "+" ? "+" : spec.sign == " " ? " " : "")
    if spec.alternate { prefix += radixPrefix }
    if spec.fill == "0", spec.align == "=", let g = spec.grouping {
        // Zero padding also groups the padding digits, as CPython does.
        let digitsWidth = max(0, spec.width - prefix.count)
        try checkAllocation(elements: digitsWidth, elementSize: 1)
        var raw = String(magnitude)
        // The fewest digits n whose grouping (n + (n - 1) / 3 characters) fills the width.
        var n = max(raw.count, digitsWidth * 3 / 4 - 2, 1)
        while n + (n - 1) / 3 < digitsWidth { n += 1 }
        if n > raw.count { raw = String(repeating: "0", count: n - raw.count) + raw }
        body = groupDigits(raw, g)
        return prefix + body
    }
    return try spec.pad(body, prefix: prefix, defaultAlign: ">")
}

func formatFloat(_ d: Double, _ specText: String) throws -> String {
    let spec = try parseSpec(specText, typeName: "float")
    if let p = spec.precision {
        // CPython keeps float precision in a C int, and the digits must fit in memory.
        if p > Int(Int32.max) { throw PyException.valueError("precision too big") }
        try checkAllocation(elements: p, elementSize: 1)
    }
    var body: String
    let negative = d.sign == .minus && !d.isNaN
    let magnitude = abs(d)
    switch spec.type {
    case nil:
        if let p0 = spec.precision, magnitude.isFinite {
            let p = max(p0, 1)
            let scientific = cFormat(magnitude, "e", precision: p - 1)
            let exponent = Int(scientific.split(separator: "e").last ?? "0") ?? 0
            if exponent < -4 || exponent >= p - 1 {
                var parts = scientific.split(separator: "e").map(String.init)
                if parts[0].contains(".") && !spec.alternate {
                    while parts[0].hasSuffix("0") { parts[0].removeLast() }
                    if parts[0].hasSuffix(".") { parts[0].removeLast() }
                }
                body = parts[0] + "e" + parts[1]
            } else {
                body = cFormat(magnitude, "f", precision: p - 1 - exponent)
                if body.contains(".") {
                    while body.hasSuffix("0") { body.removeLast() }
                    if body.hasSuffix(".") { body += "0" }
                } else {
                    body += ".0"
                }
            }
        } else if spec.precision != nil {
            body = cFormat(magnitude, "g", precision: 1)
        } else {
            body = floatRepr(magnitude)
        }
    case let t? where "fFeE".contains(t):
        body = cFormat(magnitude, t, precision: spec.precision ?? 6, alternate: spec.alternate)
    case "g", "G", "n":
        body = cFormat(magnitude, spec.type == "G" ? "G" : "g", precision: max(spec.precision ?? 6, 1), alternate: spec.alternate)
    case "%":
        body = cFormat(magnitude * 100, "f", precision: spec.precision ?? 6, alternate: spec.alternate) + "%"
    case let t?:
        throw PyException.valueError("Unknown format code '\(t)' for object of type 'float'")
    }
    if let g = spec.grouping, magnitude.isFinite, !body.contains("e") {
        body = groupDigits(body, g)
    }
    let prefix = negative ? "-" : (spec.sign == "+" ? "+" : spec.sign == " " ? " " : "")
    return try spec.pad(body, prefix: prefix, defaultAlign: ">")
}

/// `text % args` (printf-style formatting).
func percentFormat(_ text: String, _ args: Value) throws -> String {
    var values: [Value]
    var mapping: PyDict?
    if case .object(let o) = args, let t = o as? PyTuple {
        values = t.items
    } else if case .object(let o) = args, let d = o as? PyDict {
        mapping = d
        values = [args]
    } else {
        values = [args]
    }
    var out = ""
    let chars = Array(text)
    var i = 0
    var argIndex = 0
    func nextArg() throws -> Value {
        guard argIndex < values.count else { throw PyException.typeError("not enough arguments for format string") }
        defer { argIndex += 1 }
        return values[argIndex]
    }
    while i < chars.count {
        let c = chars[i]
        guard c == "%" else {
            out.append(c)
            i += 1
            continue
        }
        i += 1
        guard i < chars.count else { throw PyException.valueError("incomplete format") }
        var explicit: Value?
        if chars[i] == "(" {
            var name = ""
            i += 1
            while i < chars.count, chars[i] != ")" {
                name.append(chars[i])
                i += 1
            }
            i += 1
            guard let m = mapping else { throw PyException.typeError("format requires a mapping") }
            guard let v = try m.get(.str(name)) else { throw PyException.keyError(.str(name)) }
            explicit = v
        }
        var flags = ""
        while i < chars.count, "-+ #0".contains(chars[i]) {
            flags.append(chars[i])
            i += 1
        }
        var width = ""
        if i < chars.count, chars[i] == "*" {
            width = String(try indexValue(try nextArg()) ?? 0)
            i += 1
        }
        while i < chars.count, chars[i].isASCII, chars[i].isNumber {
            width.append(chars[i])
            i += 1
        }
        if !width.isEmpty, Int(width) == nil { throw PyException.valueError("width too big") }
        var precision: Int?
        if i < chars.count, chars[i] == "." {
            i += 1
            var p = ""
            while i < chars.count, chars[i].isASCII, chars[i].isNumber {
                p.append(chars[i])
                i += 1
            }
            guard p.isEmpty || Int(p).map({ $0 <= Int(Int32.max) }) == true else { throw PyException.valueError("precision too big") }
            precision = Int(p) ?? 0
        }
        guard i < chars.count else { throw PyException.valueError("incomplete format") }
        let conversion = chars[i]
        i += 1
        if conversion == "%" {
            out.append("%")
            continue
        }
        let value = try explicit ?? nextArg()
        var spec = ""
        if flags.contains("-") { spec += "<" } else if flags.contains("0") && "diouxXeEfFgG".contains(conversion) { spec += "0" }
        if flags.contains("+") { spec = (flags.contains("-") ? "<" : "") + "+" + (flags.contains("0") && !flags.contains("-") ? "0" : "") }
        else if flags.contains(" ") { spec = (flags.contains("-") ? "<" : "") + " " + (flags.contains("0") && !flags.contains("-") ? "0" : "") }
        if flags.contains("#") { spec += "#" }
        spec += width
        switch conversion {
        case "s", "r", "a":
            var s = conversion == "s" ? try str(value) : try repr(value)
            if let p = precision { s = String(s.prefix(p)) }
            out += try formatString(s, (flags.contains("-") ? "<" : ">") + width)
        case "d", "i", "u":
            let number: Int
            switch value {
            case .int(let n): number = n
            case .bool(let b): number = b ? 1 : 0
            case .float(let d):
                guard d.isFinite else { throw PyException.overflow("cannot convert float infinity to integer") }
                number = Int(d.rounded(.towardZero))
            case .object(let o):
                // PyNumber_Long: objects with __int__ (a one-element tensor: `"%d" % t`).
                guard let n = try o.toInt() else {
                    throw PyException.typeError("%\(conversion) format: a real number is required, not \(value.typeName)")
                }
                number = n
            default:
                throw PyException.typeError("%\(conversion) format: a real number is required, not \(value.typeName)")
            }
            out += try formatInt(number, spec, typeName: "int")
        case "x", "X", "o":
            guard let n = numericInt(value) else {
                throw PyException.typeError("%\(conversion) format: an integer is required, not \(value.typeName)")
            }
            out += try formatInt(n, spec + String(conversion), typeName: "int")
        case "f", "F", "e", "E", "g", "G":
            guard let d = try numericDouble(value) ?? value.asObject?.toFloat() else {
                throw PyException.typeError("must be real number, not \(value.typeName)")
            }
            out += try formatFloat(d, spec + ".\(precision ?? 6)" + String(conversion))
        case "c":
            if case .str(let s) = value { out += s } else if let n = numericInt(value), let u = Unicode.Scalar(UInt32(clamping: n)) { out.unicodeScalars.append(u) }
        default:
            throw PyException.valueError("unsupported format character '\(conversion)' (0x\(String(conversion.unicodeScalars.first?.value ?? 0, radix: 16))) at index \(i - 1)")
        }
    }
    if mapping == nil, argIndex < values.count {
        throw PyException.typeError("not all arguments converted during string formatting")
    }
    return out
}

/// `template.format(*args, **kwargs)`.
func strFormat(_ template: String, _ arguments: Arguments) throws -> String {
    var autoIndex = 0
    var numbering: Bool?
    return try expandTemplate(template, arguments, &autoIndex, &numbering)
}

/// Expands `template`; nested fields of a spec (`{:{}.{}f}`) continue the automatic numbering.
private func expandTemplate(_ template: String, _ arguments: Arguments, _ autoIndex: inout Int, _ numbering: inout Bool?) throws -> String {
    let chars = Array(template)
    var out = ""
    var i = 0
    while i < chars.count {
        let c = chars[i]
        if c == "{" {
            if i + 1 < chars.count, chars[i + 1] == "{" {
                out.append("{")
                i += 2
                continue
            }
            // Find the matching close brace (nested braces in the spec).
            var depth = 1
            var j = i + 1
            while j < chars.count, depth > 0 {
                if chars[j] == "{" { depth += 1 } else if chars[j] == "}" { depth -= 1 }
                if depth > 0 { j += 1 }
            }
            guard j < chars.count else { throw PyException.valueError("Single '{' encountered in format string") }
            let field = String(chars[(i + 1)..<j])
            i = j + 1
            var fieldName = field
            var conversion: Character?
            var spec = ""
            if let colon = topLevelIndex(of: ":", in: field) {
                fieldName = String(field[..<colon])
                spec = String(field[field.index(after: colon)...])
            }
            if let bang = fieldName.firstIndex(of: "!") {
                conversion = fieldName[fieldName.index(after: bang)...].first
                fieldName = String(fieldName[..<bang])
            }
            let head = fieldName.prefix { $0 != "." && $0 != "[" }
            if head.isEmpty || Int(head) != nil {
                let automatic = head.isEmpty
                if let mode = numbering, mode != automatic {
                    throw PyException.valueError(automatic ? "cannot switch from manual field specification to automatic field numbering"
                                                           : "cannot switch from automatic field numbering to manual field specification")
                }
                numbering = automatic
            }
            var value = try resolveField(fieldName, arguments, &autoIndex)
            // Nested fields in the spec.
            if spec.contains("{") { spec = try expandTemplate(spec, arguments, &autoIndex, &numbering) }
            if conversion == "r" { value = .str(try repr(value)) } else if conversion == "s" { value = .str(try str(value)) } else if conversion == "a" { value = .str(asciiRepr(try repr(value))) }
            out += try formatValue(value, spec)
            continue
        }
        if c == "}" {
            if i + 1 < chars.count, chars[i + 1] == "}" {
                out.append("}")
                i += 2
                continue
            }
            throw PyException.valueError("Single '}' encountered in format string")
        }
        out.append(c)
        i += 1
    }
    return out
}

private func topLevelIndex(of target: Character, in text: String) -> String.Index? {
    var depth = 0
    var index = text.startIndex
    while index < text.endIndex {
        let c = text[index]
        if c == "[" { depth += 1 } else if c == "]" { depth -= 1 } else if c == target && depth == 0 { return index }
        index = text.index(after: index)
    }
    return nil
}

private func resolveField(_ name: String, _ arguments: Arguments, _ autoIndex: inout Int) throws -> Value {
    var head = ""
    var rest = Substring("")
    if let cut = name.firstIndex(where: { $0 == "." || $0 == "[" }) {
        head = String(name[..<cut])
        rest = name[cut...]
    } else {
        head = name
    }
    var value: Value
    if head.isEmpty {
        guard autoIndex < arguments.positional.count else {
            throw PyException.indexError("Replacement index \(autoIndex) out of range for positional args tuple")
        }
        value = arguments.positional[autoIndex]
        autoIndex += 1
    } else if let index = Int(head) {
        guard index < arguments.positional.count else {
            throw PyException.indexError("Replacement index \(index) out of range for positional args tuple")
        }
        value = arguments.positional[index]
    } else {
        guard let v = arguments.keyword(head) else { throw PyException.keyError(.str(head)) }
        value = v
    }
    while let first = rest.first {
        if first == "." {
            rest = rest.dropFirst()
            let end = rest.firstIndex(where: { $0 == "." || $0 == "[" }) ?? rest.endIndex
            value = try getAttribute(value, String(rest[..<end]))
            rest = rest[end...]
        } else if first == "[" {
            guard let close = rest.firstIndex(of: "]") else { throw PyException.valueError("Missing ']' in format string") }
            let key = String(rest[rest.index(after: rest.startIndex)..<close])
            value = try getItem(value, Int(key).map { .int($0) } ?? .str(key))
            rest = rest[rest.index(after: close)...]
        } else {
            break
        }
    }
    return value
}
