// tiktoken's `Encoding` for GPT-2 (chapter 2.5): text to token ids and back, the same ids,
// the same special-token rules and the same error messages as `tiktoken.get_encoding("gpt2")`.
import Foundation

/// Which special tokens an `encode` call allows or disallows: Python's `"all"`, or a set of
/// strings (an array literal, `[]` for none).
public enum SpecialTokenSelection: Equatable, Sendable, ExpressibleByArrayLiteral {
    case all
    case only(Set<String>)

    public init(arrayLiteral elements: String...) {
        self = .only(Set(elements))
    }
}

/// A byte-level BPE encoding: a regex-like split into pieces, then BPE merges on each
/// piece's UTF-8 bytes. Token ids are ranks: `0..<256` single bytes, then one per merge.
///
///     let enc = try Encoding.gpt2()
///     try enc.encode("Hello, world")      // [15496, 11, 995]
///     try enc.decode([15496, 11, 995])    // "Hello, world"
public final class Encoding: @unchecked Sendable, CustomStringConvertible {
    /// The encoding's name, as `get_encoding` takes it.
    public let name: String
    /// The split pattern tiktoken uses for this encoding (`enc._pat_str`); the split itself
    /// is `PreTokenizer`, which matches it without a regex engine.
    public let patternString: String
    /// Special token text → id (`<|endoftext|>` → 50256 for GPT-2).
    public let specialTokens: [String: Int]

    let table: TokenTable
    private let specialNeedles: [[UInt8]]
    private let specialIds: [Int]
    private let specialTexts: [String]
    private let specialBytesById: [Int: [UInt8]]

    /// Token ids of pieces that are not single tokens, as BPE left them.
    private var pieceCache: [[UInt8]: [Int]] = [:]
    private let pieceCacheLock = NSLock()
    private static let pieceCacheLimit = 100_000

    init(name: String, patternString: String, table: TokenTable, specialTokens: [String: Int]) {
        self.name = name
        self.patternString = patternString
        self.table = table
        self.specialTokens = specialTokens
        let ordered = specialTokens.sorted { $0.key < $1.key }
        specialTexts = ordered.map(\.key)
        specialNeedles = ordered.map { Array($0.key.utf8) }
        specialIds = ordered.map(\.value)
        specialBytesById = Dictionary(ordered.map { ($0.value, Array($0.key.utf8)) }, uniquingKeysWith: { a, _ in a })
    }

    // MARK: Loading

    /// GPT-2's pattern, as tiktoken 0.14 writes it (`r50k_pat_str`).
    public static let gpt2Pattern =
        #"'(?:[sdmt]|ll|ve|re)| ?\p{L}++| ?\p{N}++| ?[^\s\p{L}\p{N}]++|\s++$|\s+(?!\S)|\s"#

    /// The shared GPT-2 encoding, loaded on first use (Swift runs a static initialiser
    /// once, thread-safely); a failure to load is kept and rethrown.
    private static let sharedGPT2: Result<Encoding, Error> = Result {
        guard let vocabURL = Bundle.module.url(forResource: "vocab", withExtension: "bpe", subdirectory: "Resources"),
              let encoderURL = Bundle.module.url(forResource: "encoder", withExtension: "json", subdirectory: "Resources")
        else {
            throw TokenizerError.value("the GPT-2 vocabulary files are missing from the package resources")
        }
        let vocab = try [UInt8](Data(contentsOf: vocabURL))
        let encoder = try [UInt8](Data(contentsOf: encoderURL))
        return try gpt2(vocabBPE: vocab, encoderJSON: encoder)
    }

    /// The GPT-2 encoding (50,257 tokens), loaded once from the package's vocab.bpe and
    /// encoder.json and shared.
    public static func gpt2() throws -> Encoding {
        try sharedGPT2.get()
    }

    /// Builds the GPT-2 encoding from the two data-gym files' contents (tiktoken's
    /// `data_gym_to_mergeable_bpe_ranks`): ranks from vocab.bpe, checked against encoder.json.
    public static func gpt2(vocabBPE: [UInt8], encoderJSON: [UInt8]) throws -> Encoding {
        let tokens = try DataGymLoader.tokens(vocabBPE: vocabBPE)
        let table = try TokenTable(flatBytes: tokens.bytes, offsets: tokens.offsets)
        try DataGymLoader.verify(encoderJSON: encoderJSON, against: table)
        guard table.count == 50_256 else {
            throw TokenizerError.value("GPT-2 has 50256 mergeable tokens, the files give \(table.count)")
        }
        return Encoding(name: "gpt2", patternString: gpt2Pattern, table: table,
                        specialTokens: ["<|endoftext|>": 50_256])
    }

    /// `tiktoken.get_encoding(name)`: only `"gpt2"` ships with the package.
    public static func named(_ name: String) throws -> Encoding {
        if name == "gpt2" { return try gpt2() }
        throw TokenizerError.value("Unknown encoding \(name).\nPlugins found: ['tiktoken_ext.openai_public']\ntiktoken version: 0.14.0 (are you on latest?)")
    }

    // MARK: Properties

    /// The largest token id, mergeable or special.
    public var maxTokenValue: Int { max(table.count - 1, specialIds.max() ?? 0) }
    /// `enc.n_vocab`: `maxTokenValue + 1` (50257 for GPT-2).
    public var nVocab: Int { maxTokenValue + 1 }
    /// `enc.eot_token`: the id of `<|endoftext|>`.
    public var eotToken: Int { specialTokens["<|endoftext|>"] ?? maxTokenValue }
    /// `enc.special_tokens_set`.
    public var specialTokensSet: Set<String> { Set(specialTokens.keys) }
    /// How many tokens BPE can make (`len(enc._mergeable_ranks)`: 50256 for GPT-2); their
    /// ids are `0..<mergeableTokenCount`.
    public var mergeableTokenCount: Int { table.count }
    /// `enc._mergeable_ranks.get(bytes)`: the rank (= id) of a byte string that is a
    /// mergeable token, nil otherwise. Lower ranks were learned, and merge, first.
    public func mergeableRank(_ bytes: [UInt8]) -> Int? {
        let rank = table.rank(of: bytes)
        return rank >= 0 ? rank : nil
    }
    /// `enc.is_special_token(token)`.
    public func isSpecialToken(_ token: Int) -> Bool { specialBytesById[token] != nil }
    /// Python's `repr(enc)`: `<Encoding 'gpt2'>`.
    public var description: String { "<Encoding \(PythonRepr.string(name))>" }

    // MARK: Encoding

    /// `enc.encode(text, allowed_special=…, disallowed_special=…)`.
    ///
    /// Text matching a disallowed special token throws tiktoken's `ValueError`; by default
    /// every special token is disallowed. Allowed special tokens become their ids; the rest
    /// of the text is split into pieces and each piece BPE-encoded.
    public func encode(_ text: String, allowedSpecial: SpecialTokenSelection = [],
                       disallowedSpecial: SpecialTokenSelection = .all) throws -> [Int] {
        let allowed: Set<String>
        switch allowedSpecial {
        case .all: allowed = specialTokensSet
        case .only(let set): allowed = set
        }
        let disallowed: Set<String>
        switch disallowedSpecial {
        case .all: disallowed = specialTokensSet.subtracting(allowed)
        case .only(let set): disallowed = set
        }
        var text = text
        return try text.withUTF8 { buffer -> [Int] in
            if !disallowed.isEmpty {
                let texts = disallowed.sorted()
                if let match = Self.firstOccurrence(of: texts.map { Array($0.utf8) }, in: buffer, from: 0) {
                    throw TokenizerError.value(Self.disallowedMessage(texts[match.needle]))
                }
            }
            return encodeAllowingSpecial(buffer, allowed)
        }
    }

    /// `enc.encode_ordinary(text)`: special token text is encoded as plain text.
    public func encodeOrdinary(_ text: String) -> [Int] {
        var text = text
        return text.withUTF8 { buffer -> [Int] in
            var tokens: [Int] = []
            guard let base = buffer.baseAddress else { return tokens }
            tokens.reserveCapacity(buffer.count / 3)
            appendOrdinary(base, buffer.count, into: &tokens)
            return tokens
        }
    }

    /// tiktoken's message for a disallowed special token found in the text.
    static func disallowedMessage(_ token: String) -> String {
        let r = PythonRepr.string(token)
        return "Encountered text corresponding to disallowed special token \(r).\n"
            + "If you want this text to be encoded as a special token, "
            + "pass it to `allowed_special`, e.g. `allowed_special={\(r), ...}`.\n"
            + "If you want this text to be encoded as normal text, disable the check for this token "
            + "by passing `disallowed_special=(enc.special_tokens_set - {\(r)})`.\n"
            + "To disable this check for all special tokens, pass `disallowed_special=()`.\n"
    }

    /// tiktoken's `_encode_native`: find the next special token that is allowed, encode the
    /// ordinary text before it, then the special token's id; repeat.
    private func encodeAllowingSpecial(_ buffer: UnsafeBufferPointer<UInt8>, _ allowed: Set<String>) -> [Int] {
        var tokens: [Int] = []
        guard let base = buffer.baseAddress else { return tokens }
        tokens.reserveCapacity(buffer.count / 3)
        let n = buffer.count
        var start = 0
        while true {
            var found: (start: Int, needle: Int)?
            var searchFrom = start
            while searchFrom <= n, let match = Self.firstOccurrence(of: specialNeedles, in: buffer, from: searchFrom) {
                if allowed.contains(specialTexts[match.needle]) {
                    found = match
                    break
                }
                searchFrom = match.start + 1
            }
            let end = found?.start ?? n
            appendOrdinary(base + start, end - start, into: &tokens)
            guard let special = found else { break }
            tokens.append(specialIds[special.needle])
            start = special.start + specialNeedles[special.needle].count
        }
        return tokens
    }

    /// The leftmost occurrence, at or after byte `from`, of any of `needles` (the longest
    /// one if several start there). An empty needle matches at `from`.
    static func firstOccurrence(of needles: [[UInt8]], in buffer: UnsafeBufferPointer<UInt8>,
                                from: Int) -> (start: Int, needle: Int)? {
        let n = buffer.count
        guard from <= n else { return nil }
        for i in from...n {
            var best: Int?
            for (k, needle) in needles.enumerated() where i + needle.count <= n {
                if let b = best, needles[b].count >= needle.count { continue }
                var matches = true
                for (j, byte) in needle.enumerated() where buffer[i + j] != byte {
                    matches = false
                    break
                }
                if matches { best = k }
            }
            if let b = best { return (i, b) }
        }
        return nil
    }

    /// Splits `p[0..<n]` into pieces and appends each piece's tokens.
    private func appendOrdinary(_ p: UnsafePointer<UInt8>, _ n: Int, into tokens: inout [Int]) {
        PreTokenizer.forEachPiece(p, n) { start, end in
            appendPiece(p + start, end - start, into: &tokens)
        }
    }

    /// One piece: a whole-token piece is its token (most words are); otherwise BPE, cached.
    @inline(__always)
    private func appendPiece(_ p: UnsafePointer<UInt8>, _ n: Int, into tokens: inout [Int]) {
        let whole = table.rank(p, n)
        if whole >= 0 {
            tokens.append(whole)
            return
        }
        let key = Array(UnsafeBufferPointer(start: p, count: n))
        pieceCacheLock.lock()
        let cached = pieceCache[key]
        pieceCacheLock.unlock()
        if let cached {
            tokens.append(contentsOf: cached)
            return
        }
        var merged: [Int] = []
        table.bytePairMerge(p, n, into: &merged)
        pieceCacheLock.lock()
        if pieceCache.count >= Self.pieceCacheLimit { pieceCache.removeAll(keepingCapacity: true) }
        pieceCache[key] = merged
        pieceCacheLock.unlock()
        tokens.append(contentsOf: merged)
    }

    /// GPT-2's split of `text` into the pieces BPE runs on (what the pattern's `findall` gives).
    public func preTokenize(_ text: String) -> [String] {
        PreTokenizer.pieces(text)
    }

    // MARK: Decoding

    /// tiktoken takes ids as unsigned 32-bit integers; anything else fails the conversion.
    private static func checkRange(_ tokens: [Int]) throws {
        for token in tokens where token < 0 || token > Int(UInt32.max) {
            throw TokenizerError.overflow("out of range integral type conversion attempted")
        }
    }

    /// `enc.decode_bytes(tokens)`: the tokens' bytes joined.
    public func decodeBytes(_ tokens: [Int]) throws -> [UInt8] {
        try Self.checkRange(tokens)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(tokens.count * 4)
        for token in tokens {
            if token < table.count {
                bytes.append(contentsOf: table.bytes(of: token))
            } else if let special = specialBytesById[token] {
                bytes.append(contentsOf: special)
            } else {
                throw TokenizerError.key("Invalid token for decoding: \(token)")
            }
        }
        return bytes
    }

    /// `enc.decode(tokens)`: the bytes as UTF-8, each malformed sequence replaced by U+FFFD
    /// (Python's `errors="replace"`).
    public func decode(_ tokens: [Int]) throws -> String {
        String(decoding: try decodeBytes(tokens), as: UTF8.self)
    }

    /// `enc.decode_single_token_bytes(token)`.
    public func decodeSingleTokenBytes(_ token: Int) throws -> [UInt8] {
        try Self.checkRange([token])
        if token < table.count { return Array(table.bytes(of: token)) }
        if let special = specialBytesById[token] { return special }
        throw TokenizerError.key(String(token))
    }

    /// `enc.decode_tokens_bytes(tokens)`: each token's bytes.
    public func decodeTokensBytes(_ tokens: [Int]) throws -> [[UInt8]] {
        try tokens.map(decodeSingleTokenBytes)
    }
}
