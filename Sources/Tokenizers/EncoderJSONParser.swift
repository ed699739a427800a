// A small, fast reader for GPT-2's encoder.json: one flat object of string keys and
// integer values (1 MB, 50,257 entries), used to check the vocabulary when it loads.

/// Reads `{"key": 123, ...}` with JSON string escapes (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`,
/// `\r`, `\t`, `\uXXXX` with surrogate pairs). Anything else throws a `ValueError`.
struct EncoderJSONParser {
    let bytes: [UInt8]
    private var position = 0
    private var key: [Unicode.Scalar] = []

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Calls `body(key, value)` for each entry, in file order.
    mutating func forEachEntry(_ body: ([Unicode.Scalar], Int) throws -> Void) throws {
        skipWhitespace()
        try expect(UInt8(ascii: "{"))
        skipWhitespace()
        if peek() == UInt8(ascii: "}") { return }
        while true {
            skipWhitespace()
            try readString()
            skipWhitespace()
            try expect(UInt8(ascii: ":"))
            skipWhitespace()
            let value = try readInteger()
            try body(key, value)
            skipWhitespace()
            if peek() == UInt8(ascii: ",") {
                position += 1
                continue
            }
            try expect(UInt8(ascii: "}"))
            return
        }
    }

    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    private func failure(_ what: String) -> TokenizerError {
        .value("encoder.json: \(what) at byte \(position)")  // 0-based offset
    }

    private mutating func expect(_ byte: UInt8) throws {
        guard peek() == byte else { throw failure("expected '\(Character(Unicode.Scalar(byte)))'") }
        position += 1
    }

    private mutating func skipWhitespace() {
        while let b = peek(), b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 {
            position += 1
        }
    }

    /// Reads a string into `key`.
    private mutating func readString() throws {
        try expect(UInt8(ascii: "\""))
        key.removeAll(keepingCapacity: true)
        while true {
            guard let b = peek() else { throw failure("unterminated string") }
            if b == UInt8(ascii: "\"") {
                position += 1
                return
            }
            if b == UInt8(ascii: "\\") {
                position += 1
                key.append(try readEscape())
                continue
            }
            let (value, length) = Self.decodeScalar(bytes, position, bytes.count)
            guard let scalar = Unicode.Scalar(value), length > 1 || value < 0x80 else {
                throw failure("invalid UTF-8")
            }
            key.append(scalar)
            position += length
        }
    }

    private mutating func readEscape() throws -> Unicode.Scalar {
        guard let b = peek() else { throw failure("unterminated escape") }
        position += 1
        switch b {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let high = try readHex4()
            if (0xD800..<0xDC00).contains(high) {
                guard peek() == UInt8(ascii: "\\") else { throw failure("lone surrogate") }
                position += 1
                try expect(UInt8(ascii: "u"))
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("lone surrogate") }
                let value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                guard let scalar = Unicode.Scalar(value) else { throw failure("bad escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(high) else { throw failure("lone surrogate") }
            return scalar
        default:
            throw failure("bad escape")
        }
    }

    private mutating func readHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let b = peek() else { throw failure("short \\u escape") }
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw failure("bad hex digit")
            }
            value = value << 4 | digit
            position += 1
        }
        return value
    }

    private mutating func readInteger() throws -> Int {
        var negative = false
        if peek() == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var value = 0
        var digits = 0
        while let b = peek(), b >= UInt8(ascii: "0"), b <= UInt8(ascii: "9") {
            guard digits < 18 else { throw failure("number too long") }
            value = value * 10 + Int(b - UInt8(ascii: "0"))
            digits += 1
            position += 1
        }
        guard digits > 0 else { throw failure("expected a number") }
        return negative ? -value : value
    }

    /// One scalar of UTF-8 text at `i` (a malformed byte decodes as itself, length 1).
    static func decodeScalar(_ bytes: [UInt8], _ i: Int, _ end: Int) -> (UInt32, Int) {
        let b0 = UInt32(bytes[i])
        func continuation(_ k: Int) -> UInt32? {
            guard i + k < end, bytes[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[i + k] & 0x3F)
        }
        if b0 < 0x80 { return (b0, 1) }
        if b0 >= 0xC0, b0 < 0xE0, let c1 = continuation(1) { return ((b0 & 0x1F) << 6 | c1, 2) }
        if b0 >= 0xE0, b0 < 0xF0, let c1 = continuation(1), let c2 = continuation(2) {
            return ((b0 & 0x0F) << 12 | c1 << 6 | c2, 3)
        }
        if b0 >= 0xF0, let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) {
            return ((b0 & 0x07) << 18 | c1 << 12 | c2 << 6 | c3, 4)
        }
        return (b0, 1)
    }
}
