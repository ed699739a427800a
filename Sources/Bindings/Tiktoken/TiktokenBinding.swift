// The `tiktoken` module: `get_encoding("gpt2")` and its Encoding object, exact to
// OpenAI's library, offline (the vocabulary ships with the workbench). Lesson 01.
import Python
import Tokenizers

enum TiktokenBinding {
    static let encodingClass = NativeClass(name: "Encoding", module: "tiktoken.core")

    static let module: NativeModule = {
        let m = NativeModule(name: "tiktoken")
        installEncodingMethods()
        m.addClass(encodingClass)
        m.addFunction("get_encoding", signature: "encoding_name") { args in
            .object(EncodingObject(try convert { try Encoding.named(args.string("encoding_name")) }))
        }
        m.addFunction("encoding_for_model", signature: "model_name") { args in
            let model = try args.string("model_name")
            guard model.hasPrefix("gpt2") else {
                throw PyException(BuiltinTypes.keyError, "Could not automatically map \(model) to a tokeniser. Please use `tiktoken.get_encoding` to explicitly get the tokeniser you expect.")
            }
            return .object(EncodingObject(try convert { try Encoding.gpt2() }))
        }
        m.addFunction("list_encoding_names") { _ in .list([.str("gpt2")]) }
        return m
    }()

    static func register() {
        ErrorConversion.register { error in
            guard let e = error as? TokenizerError else { return nil }
            switch e {
            case .key(let m): return PyException(BuiltinTypes.keyError, args: [.str(m)])
            default: return PyException(BuiltinTypes.exception(e.pythonType), e.message)
            }
        }
        Interpreter.registerNativeModule("tiktoken") { _ in module.module }
    }

    private static func convert<T>(_ body: () throws -> T) throws -> T { try body() }

    /// `allowed_special=` / `disallowed_special=`: "all", a set/list of strings, or empty.
    static func selection(_ value: Value, _ name: String) throws -> SpecialTokenSelection {
        if case .str(let s) = value {
            guard s == "all" else { throw PyException.valueError("\(name) must be 'all' or a set of strings") }
            return .all
        }
        if value.isNone { return [] }
        return .only(Set(try iterateToArray(value).map { try $0.asString(name) }))
    }

    static func tokens(_ value: Value) throws -> [Int] {
        try iterateToArray(value).map { try $0.asInt("token") }
    }

    static func installEncodingMethods() {
        let c = encodingClass
        func encoding(_ v: Value) throws -> Encoding {
            guard let e = v.asObject as? EncodingObject else { throw PyException.typeError("expected a tiktoken Encoding") }
            return e.encoding
        }
        c.addMethod("encode", signature: "text, *, allowed_special=None, disallowed_special='all'") { this, args in
            let e = try encoding(this)
            let allowed = try selection(args["allowed_special"], "allowed_special")
            let ids = try e.encode(args.string("text"), allowedSpecial: allowed,
                                   disallowedSpecial: selection(args["disallowed_special"], "disallowed_special"))
            return .list(ids.map { .int($0) })
        }
        c.addMethod("encode_ordinary", signature: "text") { this, args in
            .list(try encoding(this).encodeOrdinary(args.string("text")).map { .int($0) })
        }
        c.addMethod("decode", signature: "tokens, errors='replace'") { this, args in
            .str(try encoding(this).decode(tokens(args["tokens"])))
        }
        c.addMethod("decode_bytes", signature: "tokens") { this, args in
            .object(PyBytes(try encoding(this).decodeBytes(tokens(args["tokens"]))))
        }
        c.addMethod("decode_single_token_bytes", signature: "token") { this, args in
            .object(PyBytes(try encoding(this).decodeSingleTokenBytes(args.int("token"))))
        }
        c.addMethod("decode_tokens_bytes", signature: "tokens") { this, args in
            .list(try encoding(this).decodeTokensBytes(tokens(args["tokens"])).map { .object(PyBytes($0)) })
        }
        c.addProperty("n_vocab", get: { .int(try encoding($0).nVocab) })
        c.addProperty("eot_token", get: { .int(try encoding($0).eotToken) })
        c.addProperty("max_token_value", get: { .int(try encoding($0).maxTokenValue) })
        c.addProperty("name", get: { .str(try encoding($0).name) })
        c.addProperty("special_tokens_set", get: { this in
            let set = PySet()
            for token in try encoding(this).specialTokensSet.sorted() { _ = try set.add(.str(token)) }
            return .object(set)
        })
        c.addProperty("_mergeable_ranks", get: { .object(MergeableRanksObject(try encoding($0))) })
    }
}

/// A tiktoken Encoding as a script object; prints `<Encoding 'gpt2'>`.
final class EncodingObject: PyObject {
    let encoding: Encoding
    init(_ encoding: Encoding) { self.encoding = encoding }
    override var pyClass: PyClass { TiktokenBinding.encodingClass.pyClass }
    override func repr() throws -> String { encoding.description }
}

/// `enc._mergeable_ranks`: bytes → rank, looked up in the encoder's own table.
final class MergeableRanksObject: PyObject {
    let encoding: Encoding
    init(_ encoding: Encoding) { self.encoding = encoding }
    override func repr() throws -> String { "<mergeable ranks of \(encoding.description): \(encoding.mergeableTokenCount) entries>" }
    override func length() throws -> Int? { encoding.mergeableTokenCount }
    private func rank(_ key: Value) -> Int? {
        guard let bytes = key.asObject as? PyBytes else { return nil }
        return encoding.mergeableRank(bytes.bytes)
    }
    override func getItem(_ key: Value) throws -> Value? {
        guard let r = rank(key) else { throw PyException.keyError(key) }
        return .int(r)
    }
    override func contains(_ value: Value) throws -> Bool? { rank(value) != nil }
    override func getAttribute(_ name: String) throws -> Value? {
        guard name == "get" else { return nil }
        return .object(PyBuiltinFunction(name: "get") { [self] args in
            guard let key = args.positional.first else { throw PyException.typeError("get expected at least 1 argument, got 0") }
            if let r = rank(key) { return .int(r) }
            return args.positional.count > 1 ? args.positional[1] : .none
        })
    }
}
