// Python's `json` module: dumps/loads/dump/load with CPython's output text (indent,
// separators, sort_keys, ensure_ascii, float repr) and its JSONDecodeError messages.
// The parser works on UTF-8 bytes (a 1 MB file parses in milliseconds in release).

enum JSONModule {
    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "json")
        let decodeError = PyClass(name: "JSONDecodeError", bases: [BuiltinTypes.valueError], moduleName: "json.decoder")
        m.add("JSONDecodeError", .object(decodeError))
        let dumpsSignature = "obj, *, skipkeys=False, ensure_ascii=True, check_circular=True, allow_nan=True, cls=None, indent=None, separators=None, default=None, sort_keys=False, **kw"
        func encode(_ args: BoundArguments) throws -> String {
            var encoder = try JSONEncoder(args)
            encoder.depthLimit = interpreter.recursionLimit
            try encoder.encode(args["obj"], level: 0)
            return encoder.output
        }
        m.addFunction("dumps", signature: dumpsSignature) { args in .str(try encode(args)) }
        m.addFunction("dump", signature: "obj, fp, " + dumpsSignature.dropFirst(5)) { args in
            let text = try encode(args)
            _ = try callValue(try getAttribute(args["fp"], "write"), .str(text))
            return .none
        }
        let loadsSignature = "s, *, cls=None, object_hook=None, parse_float=None, parse_int=None, parse_constant=None, object_pairs_hook=None, **kw"
        func decode(_ text: Value, _ args: BoundArguments) throws -> Value {
            let bytes: [UInt8]
            switch text {
            case .str(let s): bytes = Array(s.utf8)
            case .object(let o as PyBytes): bytes = Array(try UTF8Decoding.decode(o.bytes[...]).utf8)
            default: throw PyException.typeError("the JSON object must be str, bytes or bytearray, not \(text.typeName)")
            }
            var parser = JSONParser(bytes: bytes, errorClass: decodeError, objectHook: args["object_hook"],
                                    pairsHook: args["object_pairs_hook"], parseFloat: args["parse_float"], parseInt: args["parse_int"])
            parser.depthLimit = interpreter.recursionLimit
            return try parser.parseDocument()
        }
        m.addFunction("loads", signature: loadsSignature) { args in try decode(args["s"], args) }
        m.addFunction("load", signature: "fp, " + loadsSignature.dropFirst(3)) { args in
            try decode(try callValue(try getAttribute(args["fp"], "read")), args)
        }
        return m.module
    }
}

/// Writes Python values as JSON text, as `json.dumps` does.
struct JSONEncoder {
    var output = ""
    let indent: String?
    let itemSeparator: String
    let keySeparator: String
    let ensureASCII: Bool
    let allowNaN: Bool
    let sortKeys: Bool
    let skipKeys: Bool
    let defaultFunction: Value
    var active = Set<ObjectIdentifier>()
    var depthLimit = 1000

    init(_ args: BoundArguments) throws {
        switch args["indent"] {
        case .none: indent = nil
        case .str(let s): indent = s
        case let v:
            let width = max(0, try v.asInt("indent"))
            try checkAllocation(elements: width, elementSize: 1)
            indent = String(repeating: " ", count: width)
        }
        if args.isNone("separators") {
            itemSeparator = indent == nil ? ", " : ","
            keySeparator = ": "
        } else {
            let parts = try iterateToArray(args["separators"])
            guard parts.count == 2 else {
                throw PyException.valueError(parts.count > 2 ? "too many values to unpack (expected 2)" : "not enough values to unpack (expected 2, got \(parts.count))")
            }
            guard case .str(let item) = parts[0], case .str(let key) = parts[1] else {
                let (position, bad) = parts[1].typeName != "str" ? (5, parts[1]) : (6, parts[0])
                throw PyException.typeError("make_encoder() argument \(position) must be str, not \(bad.typeName)")
            }
            itemSeparator = item
            keySeparator = key
        }
        ensureASCII = try args.bool("ensure_ascii")
        allowNaN = try args.bool("allow_nan")
        sortKeys = try args.bool("sort_keys")
        skipKeys = try args.bool("skipkeys")
        defaultFunction = args["default"]
        output.reserveCapacity(256)
    }

    mutating func newline(_ level: Int) {
        guard let indent = indent else { return }
        output += "\n"
        for _ in 0..<level { output += indent }
    }

    func floatText(_ d: Double) throws -> String {
        if d.isFinite { return floatRepr(d) }
        if !allowNaN { throw PyException.valueError("Out of range float values are not JSON compliant") }
        return d.isNaN ? "NaN" : d < 0 ? "-Infinity" : "Infinity"
    }

    mutating func encode(_ value: Value, level: Int) throws {
        switch value {
        case .none: output += "null"
        case .bool(let b): output += b ? "true" : "false"
        case .int(let i): output += String(i)
        case .float(let d): output += try floatText(d)
        case .str(let s): writeString(s)
        case .object(let o):
            if let list = o as? PyList { try writeArray(list.items, o, level) }
            else if let tuple = o as? PyTuple { try writeArray(tuple.items, o, level) }
            else if let dict = o as? PyDict { try writeObject(dict, level) }
            else if let i = o as? PyInstance, i.cls.isSubclass(of: BuiltinTypes.int), let n = try o.toInt() { output += String(n) }
            else if let i = o as? PyInstance, case .object(let t)? = i.cls.lookup("_member_type_"),
                    t === BuiltinTypes.int || t === BuiltinTypes.str, let v = i.attributes["_value_"] {
                // IntEnum / StrEnum members are ints / strs in CPython.
                try encode(v, level: level)
            }
            else {
                guard !defaultFunction.isNone else {
                    throw PyException.typeError("Object of type \(value.typeName) is not JSON serializable")
                }
                let id = ObjectIdentifier(o)
                if active.contains(id) { throw PyException.valueError("Circular reference detected") }
                active.insert(id)
                defer { active.remove(id) }
                try encode(try callValue(defaultFunction, value), level: level)
            }
        }
    }

    mutating func enter(_ o: PyObject) throws -> ObjectIdentifier {
        if active.count >= depthLimit {
            throw PyException(BuiltinTypes.exception("RecursionError"), "maximum recursion depth exceeded while encoding a JSON object")
        }
        let id = ObjectIdentifier(o)
        if active.contains(id) { throw PyException.valueError("Circular reference detected") }
        active.insert(id)
        return id
    }

    mutating func writeArray(_ items: [Value], _ o: PyObject, _ level: Int) throws {
        if items.isEmpty { output += "[]"; return }
        let id = try enter(o)
        defer { active.remove(id) }
        output += "["
        newline(level + 1)
        for (i, item) in items.enumerated() {
            if i > 0 { output += itemSeparator; newline(level + 1) }
            try encode(item, level: level + 1)
        }
        newline(level)
        output += "]"
    }

    mutating func writeObject(_ dict: PyDict, _ level: Int) throws {
        var entries = dict.entries
        if entries.isEmpty { output += "{}"; return }
        let id = try enter(dict)
        defer { active.remove(id) }
        if sortKeys {
            var failure: Error?
            entries.sort { a, b in
                do { return try isTruthy(try compareValues(a.0, .less, b.0)) } catch { failure = failure ?? error; return false }
            }
            if let failure = failure { throw failure }
        }
        output += "{"
        newline(level + 1)
        var first = true
        for (key, item) in entries {
            let keyText: String
            switch key {
            case .str(let s): keyText = s
            case .int(let i): keyText = String(i)
            case .float(let d): keyText = try floatText(d)
            case .bool(let b): keyText = b ? "true" : "false"
            case .none: keyText = "null"
            default:
                if skipKeys { continue }
                throw PyException.typeError("keys must be str, int, float, bool or None, not \(key.typeName)")
            }
            if !first { output += itemSeparator; newline(level + 1) }
            first = false
            writeString(keyText)
            output += keySeparator
            try encode(item, level: level + 1)
        }
        newline(level)
        output += "}"
    }

    mutating func writeString(_ s: String) {
        // Fast path: printable ASCII without quotes or backslashes is written as is.
        var plain = true
        for b in s.utf8 where b < 0x20 || b == 0x22 || b == 0x5C || (b >= 0x7F && ensureASCII) {
            plain = false
            break
        }
        if plain {
            output += "\""
            output += s
            output += "\""
            return
        }
        output += "\""
        var plainStart = s.unicodeScalars.startIndex
        let scalars = s.unicodeScalars
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let c = scalars[i]
            let v = c.value
            if v >= 0x20 && v != 0x22 && v != 0x5C && (v < 0x7F || !ensureASCII) {
                i = scalars.index(after: i)
                continue
            }
            output.unicodeScalars.append(contentsOf: scalars[plainStart..<i])
            switch v {
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x09: output += "\\t"
            case 0x08: output += "\\b"
            case 0x0C: output += "\\f"
            default:
                if v > 0xFFFF {
                    let u = v - 0x10000
                    JSONEncoder.appendEscape(0xD800 | (u >> 10), to: &output)
                    JSONEncoder.appendEscape(0xDC00 | (u & 0x3FF), to: &output)
                } else {
                    JSONEncoder.appendEscape(v, to: &output)
                }
            }
            i = scalars.index(after: i)
            plainStart = i
        }
        output.unicodeScalars.append(contentsOf: scalars[plainStart..<scalars.endIndex])
        output += "\""
    }

    static func appendEscape(_ v: UInt32, to output: inout String) {
        let hex = String(v, radix: 16)
        output += "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}
