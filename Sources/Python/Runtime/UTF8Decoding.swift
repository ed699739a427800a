// Strict UTF-8 decoding with CPython's UnicodeDecodeError text: reading a binary or
// Latin-1 file as text, and `bytes.decode()`.

enum UTF8Decoding {
    /// The text of `bytes`, or CPython's UnicodeDecodeError at the first bad sequence
    /// (positions count from the start of `bytes`).
    static func decode(_ bytes: ArraySlice<UInt8>) throws -> String {
        if let (start, end, reason) = firstError(bytes) {
            let where_ = end - start == 1
                ? "byte 0x\(hex(bytes[bytes.startIndex + start])) in position \(start)"
                : "bytes in position \(start)-\(end - 1)"
            throw PyException(BuiltinTypes.exception("UnicodeDecodeError"), "'utf-8' codec can't decode \(where_): \(reason)")
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }

    /// CPython's rules (Objects/stringlib/codecs.h): the span of the bad sequence, relative
    /// to the start, and why.
    static func firstError(_ bytes: ArraySlice<UInt8>) -> (Int, Int, String)? {
        let b = Array(bytes)
        var i = 0
        func continuation(_ k: Int, _ range: ClosedRange<UInt8> = 0x80...0xBF) -> Bool? {
            k < b.count ? range.contains(b[k]) : nil
        }
        while i < b.count {
            let lead = b[i]
            let length: Int
            var second: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0x00...0x7F: i += 1; continue
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; second = 0xA0...0xBF
            case 0xED: length = 3; second = 0x80...0x9F
            case 0xE1...0xEF: length = 3
            case 0xF0: length = 4; second = 0x90...0xBF
            case 0xF4: length = 4; second = 0x80...0x8F
            case 0xF1...0xF3: length = 4
            default: return (i, i + 1, "invalid start byte")
            }
            for k in 1..<length {
                switch continuation(i + k, k == 1 ? second : 0x80...0xBF) {
                case nil: return (i, b.count, "unexpected end of data")
                case false?: return (i, i + k, "invalid continuation byte")
                case true?: continue
                }
            }
            i += length
        }
        return nil
    }
}
