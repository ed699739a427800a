// The parser behind `json.loads`: JSON text (UTF-8 bytes) to Python values, with CPython's
// JSONDecodeError messages and positions (`Expecting value: line 1 column 1 (char 0)`).

struct JSONParser {
    let bytes: [UInt8]
    let errorClass: PyClass
    let objectHook: Value
    let pairsHook: Value
    let parseFloat: Value
    let parseInt: Value
    var position = 0
    /// Nesting allowed before RecursionError (the interpreter's recursion limit, as CPython).
    var depthLimit = 1000
    var depth = 0

    init(bytes: [UInt8], errorClass: PyClass, objectHook: Value, pairsHook: Value, parseFloat: Value, parseInt: Value) {
        self.bytes = bytes
        self.errorClass = errorClass
        self.objectHook = objectHook
        self.pairsHook = pairsHook
        self.parseFloat = parseFloat
        self.parseInt = parseInt
    }

    /// JSONDecodeError(msg, doc, pos) with CPython's text and attributes; `at` is a byte offset.
    func error(_ message: String, at offset: Int) -> PyException {
        var characterIndex = 0, line = 1, lineStart = 0
        for i in 0..<min(offset, bytes.count) where bytes[i] & 0xC0 != 0x80 {
            if bytes[i] == 0x0A { line += 1; lineStart = characterIndex + 1 }
            characterIndex += 1
        }
        let column = characterIndex - lineStart + 1
        let e = PyException(errorClass, "\(message): line \(line) column \(column) (char \(characterIndex))")
        _ = try? e.setAttribute("msg", .str(message))
        _ = try? e.setAttribute("doc", .str(String(decoding: bytes, as: UTF8.self)))
        _ = try? e.setAttribute("pos", .int(characterIndex))
        _ = try? e.setAttribute("lineno", .int(line))
        _ = try? e.setAttribute("colno", .int(column))
        return e
    }

    mutating func skipWhitespace() {
        while position < bytes.count {
            let b = bytes[position]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { position += 1 } else { return }
        }
    }

    mutating func parseDocument() throws -> Value {
        // A leading byte-order mark is an error in CPython's loads for str input; skip whitespace only.
        skipWhitespace()
        let value = try parseValue()
        skipWhitespace()
        if position < bytes.count { throw error("Extra data", at: position) }
        return value
    }

    mutating func parseValue() throws -> Value {
        guard position < bytes.count else { throw error("Expecting value", at: position) }
        switch bytes[position] {
        case UInt8(ascii: "\""): return .str(try parseString())
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "n") where matches("null"): position += 4; return .none
        case UInt8(ascii: "t") where matches("true"): position += 4; return .true
        case UInt8(ascii: "f") where matches("false"): position += 5; return .false
        case UInt8(ascii: "N") where matches("NaN"): position += 3; return .float(.nan)
        case UInt8(ascii: "I") where matches("Infinity"): position += 8; return .float(.infinity)
        case UInt8(ascii: "-") where matches("-Infinity"): position += 9; return .float(-.infinity)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw error("Expecting value", at: position)
        }
    }

    func matches(_ word: StaticString) -> Bool {
        let n = word.utf8CodeUnitCount
        guard position + n <= bytes.count else { return false }
        return word.withUTF8Buffer { w in
            for i in 0..<n where bytes[position + i] != w[i] { return false }
            return true
        }
    }

    mutating func parseNumber() throws -> Value {
        let start = position
        if bytes[position] == UInt8(ascii: "-") { position += 1 }
        func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        guard isDigit(position) else { throw error("Expecting value", at: start) }
        if bytes[position] == 0x30 { position += 1 } else { while isDigit(position) { position += 1 } }
        var isFloat = false
        if position < bytes.count, bytes[position] == UInt8(ascii: "."), isDigit(position + 1) {
            isFloat = true
            position += 1
            while isDigit(position) { position += 1 }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            var p = position + 1
            if p < bytes.count, bytes[p] == UInt8(ascii: "+") || bytes[p] == UInt8(ascii: "-") { p += 1 }
            if isDigit(p) {
                isFloat = true
                position = p
                while isDigit(position) { position += 1 }
            }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if isFloat {
            if !parseFloat.isNone { return try callValue(parseFloat, .str(text)) }
            return .float(Double(text) ?? .nan)
        }
        if !parseInt.isNone { return try callValue(parseInt, .str(text)) }
        if let i = Int(text) { return .int(i) }
        throw PyException.overflow()
    }

    mutating func parseString() throws -> String {
        let start = position
        position += 1
        var result = ""
        var chunkStart = position
        while true {
            guard position < bytes.count else { throw error("Unterminated string starting at", at: start) }
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                result += String(decoding: bytes[chunkStart..<position], as: UTF8.self)
                position += 1
                return result
            }
            if b < 0x20 { throw error("Invalid control character at", at: position) }
            if b != UInt8(ascii: "\\") { position += 1; continue }
            result += String(decoding: bytes[chunkStart..<position], as: UTF8.self)
            guard position + 1 < bytes.count else { throw error("Unterminated string starting at", at: start) }
            let escape = bytes[position + 1]
            switch escape {
            case UInt8(ascii: "\""): result += "\""
            case UInt8(ascii: "\\"): result += "\\"
            case UInt8(ascii: "/"): result += "/"
            case UInt8(ascii: "b"): result += "\u{8}"
            case UInt8(ascii: "f"): result += "\u{C}"
            case UInt8(ascii: "n"): result += "\n"
            case UInt8(ascii: "r"): result += "\r"
            case UInt8(ascii: "t"): result += "\t"
            case UInt8(ascii: "u"):
                var code = try hex4(at: position + 2)
                position += 6
                if code >= 0xD800 && code < 0xDC00, position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"),
                   bytes[position + 1] == UInt8(ascii: "u") {
                    let low = try hex4(at: position + 2)
                    if low >= 0xDC00 && low < 0xE000 {
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                        position += 6
                    }
                }
                // A lone surrogate cannot live in a Swift string: U+FFFD stands in for it.
                result.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
                chunkStart = position
                continue
            default: throw error("Invalid \\escape", at: position)
            }
            position += 2
            chunkStart = position
        }
    }

    func hex4(at offset: Int) throws -> UInt32 {
        guard offset + 4 <= bytes.count else { throw error("Invalid \\uXXXX escape", at: offset - 1) }
        var v: UInt32 = 0
        for i in offset..<offset + 4 {
            let b = bytes[i]
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x61...0x66: d = b - 0x61 + 10
            case 0x41...0x46: d = b - 0x41 + 10
            default: throw error("Invalid \\uXXXX escape", at: offset - 1)
            }
            v = v * 16 + UInt32(d)
        }
        return v
    }

    mutating func enter(_ what: String) throws {
        depth += 1
        if depth > depthLimit {
            throw PyException(BuiltinTypes.exception("RecursionError"), "maximum recursion depth exceeded while decoding a JSON \(what) from a unicode string")
        }
    }

    mutating func parseArray() throws -> Value {
        try enter("array")
        defer { depth -= 1 }
        position += 1
        var items: [Value] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") {
            position += 1
            return .list(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue())
            skipWhitespace()
            guard position < bytes.count else { throw error("Expecting ',' delimiter", at: position) }
            if bytes[position] == UInt8(ascii: "]") { position += 1; return .list(items) }
            guard bytes[position] == UInt8(ascii: ",") else { throw error("Expecting ',' delimiter", at: position) }
            position += 1
        }
    }

    mutating func parseObject() throws -> Value {
        try enter("object")
        defer { depth -= 1 }
        position += 1
        var pairs: [(String, Value)] = []
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") {
            position += 1
            return try finishObject(pairs)
        }
        while true {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
                throw error("Expecting property name enclosed in double quotes", at: position)
            }
            let key = try parseString()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("Expecting ':' delimiter", at: position) }
            position += 1
            skipWhitespace()
            pairs.append((key, try parseValue()))
            skipWhitespace()
            guard position < bytes.count else { throw error("Expecting ',' delimiter", at: position) }
            if bytes[position] == UInt8(ascii: "}") { position += 1; return try finishObject(pairs) }
            guard bytes[position] == UInt8(ascii: ",") else { throw error("Expecting ',' delimiter", at: position) }
            position += 1
        }
    }

    func finishObject(_ pairs: [(String, Value)]) throws -> Value {
        if !pairsHook.isNone { return try callValue(pairsHook, .list(pairs.map { .tuple([.str($0.0), $0.1]) })) }
        let d = PyDict()
        for (k, v) in pairs { d.storage.set(.str(k), v) }
        if !objectHook.isNone { return try callValue(objectHook, .object(d)) }
        return .object(d)
    }
}
