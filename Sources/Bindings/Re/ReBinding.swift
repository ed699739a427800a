// The `re` module of the lesson language, over the Python-compatible engine in
// PyRegex: `re.split`, `re.sub`, `re.findall`, compiled patterns and matches.
// Lesson 01's tokenizer runs on it.
import PyRegex
import Python

enum ReBinding {
    static let patternClass = NativeClass(name: "Pattern", module: "re")
    static let matchClass = NativeClass(name: "Match", module: "re")
    static let errorClass = PyClass(name: "error", bases: [BuiltinTypes.exception("Exception")], moduleName: "re")

    static func text(_ scalars: [Unicode.Scalar]) -> Value {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: scalars)
        return .str(String(s))
    }

    static func scalars(_ value: Value, _ what: String) throws -> [Unicode.Scalar] {
        guard case .str(let s) = value else {
            throw PyException.typeError("expected string or bytes-like object, got '\(value.typeName)'")
        }
        return Array(s.unicodeScalars)
    }

    static func convert(_ e: PyRegexError) -> PyException {
        switch e.kind {
        case .reError: return PyException(errorClass, e.message)
        case .interrupted: return PyException(BuiltinTypes.exception("KeyboardInterrupt"), "")
        default: return PyException(BuiltinTypes.exception(e.kind.rawValue), e.message)
        }
    }

    /// A pattern argument: a string (compiled through the cache) or a Pattern object.
    static func regex(_ value: Value, flags: Int) throws -> PyRegex {
        if let p = value.asObject as? PatternObject { return p.regex }
        guard case .str(let pattern) = value else {
            throw PyException.typeError("first argument must be string or compiled pattern")
        }
        do { return try PyRegexCache.shared.regex(pattern, flags: PyRegexFlags(rawValue: flags)) } catch { throw convert(error) }
    }

    static func run<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as PyRegexError { throw convert(e) }
    }

    static func findall(_ r: PyRegex, _ s: [Unicode.Scalar], pos: Int = 0, endpos: Int? = nil) throws -> Value {
        .list(try run { try r.findall(s, pos: pos, endpos: endpos) }.map { item in
            switch item {
            case .string(let x): return text(x)
            case .tuple(let xs): return .tuple(xs.map(text))
            }
        })
    }

    static func split(_ r: PyRegex, _ s: [Unicode.Scalar], maxsplit: Int) throws -> Value {
        .list(try run { try r.split(s, maxsplit: maxsplit) }.map { $0.map(text) ?? .none })
    }

    static func subn(_ r: PyRegex, _ repl: Value, _ s: [Unicode.Scalar], count: Int) throws -> ([Unicode.Scalar], Int) {
        if case .str(let template) = repl { return try run { try r.subn(template, s, count: count) } }
        do {
            return try r.subn(s, count: count) { m in
                let v = try callValue(repl, Arguments([.object(MatchObject(m))]))
                guard case .str(let out) = v else { throw PyException.typeError("expected str instance, \(v.typeName) found") }
                return out
            }
        } catch let e as PyRegexError { throw convert(e) }
    }

    static let module: NativeModule = {
        let m = NativeModule(name: "re")
        let flags: [(String, PyRegexFlags)] = [("I", .ignoreCase), ("IGNORECASE", .ignoreCase), ("M", .multiline), ("MULTILINE", .multiline),
                                               ("S", .dotAll), ("DOTALL", .dotAll), ("X", .verbose), ("VERBOSE", .verbose),
                                               ("A", .ascii), ("ASCII", .ascii), ("U", .unicode), ("UNICODE", .unicode)]
        for (name, flag) in flags { m.add(name, .int(flag.rawValue)) }
        m.add("error", .object(errorClass))
        m.addFunction("compile", signature: "pattern, flags=0") { args in
            .object(PatternObject(try regex(args["pattern"], flags: args.int("flags"))))
        }
        for name in ["match", "search", "fullmatch"] {
            m.addFunction(name, signature: "pattern, string, flags=0") { args in
                let r = try regex(args["pattern"], flags: args.int("flags"))
                return try PatternObject.matchValue(r, name, try scalars(args["string"], "string"), 0, nil)
            }
        }
        m.addFunction("findall", signature: "pattern, string, flags=0") { args in
            try findall(regex(args["pattern"], flags: args.int("flags")), scalars(args["string"], "string"))
        }
        m.addFunction("finditer", signature: "pattern, string, flags=0") { args in
            let r = try regex(args["pattern"], flags: args.int("flags"))
            return .list(try run { try r.finditer(try scalars(args["string"], "string")) }.map { .object(MatchObject($0)) })
        }
        m.addFunction("split", signature: "pattern, string, maxsplit=0, flags=0") { args in
            try split(regex(args["pattern"], flags: args.int("flags")), scalars(args["string"], "string"), maxsplit: args.int("maxsplit"))
        }
        m.addFunction("sub", signature: "pattern, repl, string, count=0, flags=0") { args in
            text(try subn(regex(args["pattern"], flags: args.int("flags")), args["repl"], scalars(args["string"], "string"), count: args.int("count")).0)
        }
        m.addFunction("subn", signature: "pattern, repl, string, count=0, flags=0") { args in
            let (out, n) = try subn(regex(args["pattern"], flags: args.int("flags")), args["repl"], scalars(args["string"], "string"), count: args.int("count"))
            return .tuple([text(out), .int(n)])
        }
        m.addFunction("escape", signature: "pattern") { args in .str(PyRegex.escape(try args.string("pattern"))) }
        installPatternMethods()
        installMatchMethods()
        m.addClass(patternClass)
        m.addClass(matchClass)
        return m
    }()

    static func register() {
        Interpreter.registerNativeModule("re") { _ in module.module }
    }
}

/// `re.compile(...)`'s result.
final class PatternObject: PyObject {
    let regex: PyRegex
    init(_ regex: PyRegex) { self.regex = regex }
    override var pyClass: PyClass { ReBinding.patternClass.pyClass }
    override func repr() throws -> String {
        let flags = regex.flags.subtracting(.unicode)
        let flagText = flags.isEmpty ? "" : ", re.\(flagNames(flags))"
        return "re.compile(\(stringRepr(regex.pattern))\(flagText))"
    }
    private func flagNames(_ f: PyRegexFlags) -> String {
        [(PyRegexFlags.ignoreCase, "IGNORECASE"), (.multiline, "MULTILINE"), (.dotAll, "DOTALL"), (.verbose, "VERBOSE"), (.ascii, "ASCII")]
            .filter { f.contains($0.0) }.map(\.1).joined(separator: "|re.")
    }

    static func matchValue(_ r: PyRegex, _ kind: String, _ s: [Unicode.Scalar], _ pos: Int, _ endpos: Int?) throws -> Value {
        let m: PyMatch? = try ReBinding.run {
            switch kind {
            case "match": return try r.match(s, pos: pos, endpos: endpos)
            case "search": return try r.search(s, pos: pos, endpos: endpos)
            default: return try r.fullmatch(s, pos: pos, endpos: endpos)
            }
        }
        return m.map { .object(MatchObject($0)) } ?? .none
    }
}

/// A successful match.
final class MatchObject: PyObject {
    let match: PyMatch
    init(_ match: PyMatch) { self.match = match }
    override var pyClass: PyClass { ReBinding.matchClass.pyClass }
    override func repr() throws -> String {
        let (s, e) = (try? match.span(0)) ?? (0, 0)
        let text: String
        if case .str(let t) = ReBinding.text(Array(match.string[s..<e])) { text = t } else { text = "" }
        return "<re.Match object; span=(\(s), \(e)), match=\(stringRepr(text))>"
    }
    override func truthValue() throws -> Bool? { true }
    override func getItem(_ key: Value) throws -> Value? { try group(key) }

    func group(_ key: Value) throws -> Value {
        let g: [Unicode.Scalar]?
        do {
            if case .str(let name) = key { g = try match.group(named: name) } else { g = try match.group(try key.asInt("group")) }
        } catch let e as PyRegexError { throw ReBinding.convert(e) }
        return g.map(ReBinding.text) ?? .none
    }
}

extension ReBinding {
    static func installPatternMethods() {
        let c = patternClass
        func pattern(_ v: Value) throws -> PyRegex {
            guard let p = v.asObject as? PatternObject else { throw PyException.typeError("expected a compiled pattern") }
            return p.regex
        }
        for name in ["match", "search", "fullmatch"] {
            c.addMethod(name, signature: "string, pos=0, endpos=None") { this, args in
                try PatternObject.matchValue(pattern(this), name, scalars(args["string"], "string"), args.int("pos"), args.optionalInt("endpos"))
            }
        }
        c.addMethod("findall", signature: "string, pos=0, endpos=None") { this, args in
            try findall(pattern(this), scalars(args["string"], "string"), pos: args.int("pos"), endpos: args.optionalInt("endpos"))
        }
        c.addMethod("finditer", signature: "string, pos=0, endpos=None") { this, args in
            let r = try pattern(this)
            return .list(try run { try r.finditer(try scalars(args["string"], "string")) }.map { .object(MatchObject($0)) })
        }
        c.addMethod("split", signature: "string, maxsplit=0") { this, args in
            try split(pattern(this), scalars(args["string"], "string"), maxsplit: args.int("maxsplit"))
        }
        c.addMethod("sub", signature: "repl, string, count=0") { this, args in
            text(try subn(pattern(this), args["repl"], scalars(args["string"], "string"), count: args.int("count")).0)
        }
        c.addMethod("subn", signature: "repl, string, count=0") { this, args in
            let (out, n) = try subn(pattern(this), args["repl"], scalars(args["string"], "string"), count: args.int("count"))
            return .tuple([text(out), .int(n)])
        }
        c.addProperty("pattern", get: { .str(try pattern($0).pattern) })
        c.addProperty("groups", get: { .int(try pattern($0).groupCount) })
        c.addProperty("flags", get: { .int(try pattern($0).flags.rawValue) })
    }

    static func installMatchMethods() {
        let c = matchClass
        func m(_ v: Value) throws -> MatchObject {
            guard let m = v.asObject as? MatchObject else { throw PyException.typeError("expected a match object") }
            return m
        }
        c.addMethod("group", signature: "*groups") { this, args in
            let object = try m(this)
            let keys = args.extraPositional.isEmpty ? [Value.int(0)] : args.extraPositional
            let values = try keys.map { try object.group($0) }
            return values.count == 1 ? values[0] : .tuple(values)
        }
        c.addMethod("groups", signature: "default=None") { this, args in
            let d = args["default"]
            return .tuple(try m(this).match.groups().map { $0.map(text) ?? d })
        }
        c.addMethod("groupdict", signature: "default=None") { this, args in
            let dict = PyDict()
            for (name, value) in try m(this).match.groupdict() { try dict.set(.str(name), value.map(text) ?? args["default"]) }
            return .object(dict)
        }
        for name in ["start", "end", "span"] {
            c.addMethod(name, signature: "group=0") { this, args in
                let match = try m(this).match
                let index = try args.int("group")
                let (s, e) = try run { try match.span(index) }
                switch name {
                case "start": return .int(s)
                case "end": return .int(e)
                default: return .tuple([.int(s), .int(e)])
                }
            }
        }
        c.addProperty("string", get: { text(try m($0).match.string) })
        c.addProperty("lastindex", get: { try m($0).match.lastindex.map { .int($0) } ?? .none })
        c.addProperty("lastgroup", get: { try m($0).match.lastgroup.map { .str($0) } ?? .none })
        c.addProperty("pos", get: { .int(try m($0).match.pos) })
        c.addProperty("endpos", get: { .int(try m($0).match.endpos) })
    }
}
