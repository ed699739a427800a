// Makes new lesson-language inputs from old ones: byte edits, token splices, line
// shuffles, giant sizes, deep nesting and broken UTF-8, driven by a seeded generator so a
// run can be repeated exactly.

/// SplitMix64: small, fast and the same on every machine.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Mutates inputs in the ways a learner's typing (or pasting) goes wrong, plus random bytes.
struct Mutator {
    var random: SeededGenerator
    /// Inputs to splice pieces from (the seeds).
    let pool: [[UInt8]]

    /// Pieces of the language, so mutations reach past the lexer into the parser and
    /// interpreter: keywords, brackets, operators, tricky literals and torch calls.
    static let dictionary: [[UInt8]] = [
        "def ", "class ", "lambda ", "return ", "yield ", "for ", " in ", "while ", "if ", "elif ", "else:",
        "try:", "except ", "except Exception as e:", "finally:", "with ", " as ", "raise ", "assert ",
        "import ", "from ", "global ", "nonlocal ", "del ", "pass", "break", "continue", "not ", " and ", " or ",
        " is ", "None", "True", "False", "...", "(", ")", "[", "]", "{", "}", ":", ",", ";", ".", "=", "==",
        "+=", "-=", "*=", "@=", "+", "-", "*", "**", "/", "//", "%", "@", "<", ">", "<=", "!=", "&", "|",
        "^", "~", "<<", ">>", "->", ":=", "*args", "**kwargs", "\n", "\n    ", "\n        ", "\t", "\\\n",
        "#", "\"", "'", "\"\"\"", "f\"", "f\"{x}\"", "f\"{x:.4f}\"", "f\"{x!r:>10}\"", "b\"", "r\"", "\\",
        "0", "1", "-1", "2", "3", "7", "0.5", "1e308", "1e-308", "2**63", "2**64", "10**20", "-2**63",
        "float('nan')", "float('inf')", "0x7fffffffffffffff", "1_000", "0o17", "0b101", "1j",
        "[]", "{}", "()", "[1, 2, 3]", "{'a': 1}", "(1,)", "\"abc\"", "''", "range(3)", "len", "print",
        "x", "y", "self", "super().__init__()", "__init__", "__getitem__", "__len__", "__repr__",
        "torch.", "torch.tensor([[1., 2.], [3., 4.]])", "torch.ones(2, 3)", "torch.zeros(0)",
        "torch.randn(2, 3)", "torch.arange(6)", "torch.empty(", "torch.manual_seed(123)", ".view(",
        ".reshape(-1)", ".T", ".transpose(0, 1)", ".sum(dim=-1)", ".softmax(dim=-1)", ".shape",
        "[:, None]", "[..., -1]", "[::-1]", "[1:]", ".unsqueeze(0)", ".masked_fill(", ".backward()",
        "nn.Linear(2, 3)", "nn.Module", "nn.Embedding(4, 2)", "nn.Dropout(0.5)", "torch.nn.functional.",
        "tiktoken.get_encoding(\"gpt2\")", ".encode(\"hi\")", ".decode([", "re.split(r'(\\s)', ",
        "import torch\n", "from torch import nn\n", "import re\n", "import math\n", "import tiktoken\n",
        "\u{00e9}", "\u{1F600}", "\u{200B}", "\u{0}", "\r", "\r\n",
        // Giant sizes where sizes go (issue #14 found these crashing).
        "torch.zeros(0, 2**62, 2**62)", "torch.empty(0).reshape(0, 2**62, 2**62)", ".expand(2**62, -1)",
        ".repeat(2**62)", ".view(2**62, -1)", "torch.randn(10**11)", "'x'.ljust(10**11)", ".zfill(2**62)",
        "f'{1:>100000000000}'", "format(1, '>100000000000')", "'%100000000000d' % 1", "bytes(10**11)",
        "bytearray(2**62)", "[0] * 10**11", "(0,) * 2**62", "'ab'.expandtabs(10**11)", "len(range(-2**62, 2**62))",
        "' '.join(['x' * 10**7] * 10**4)", "json.dumps([1], indent=10**11)",
    ].map { Array($0.utf8) }

    /// Integers that go wrong in size positions: past memory, past Int when multiplied,
    /// at Int's edge, negative.
    static let giantSizes: [[UInt8]] = [
        "10**11", "2**62", "2**63 - 1", "9223372036854775807", "-1", "-2**63", "2**64", "0, 2**62, 2**62",
        "2**31, 2**31", "10**6, 10**6", "2**40, 2**40, 0",
    ].map { Array($0.utf8) }

    /// Openings (with their closings) that nest: a few deep, or past CPython's limits
    /// (200 brackets, 100 indents, its parser stack and compiler recursion).
    static let nestings: [(open: String, close: String)] = [
        ("lambda: ", ""), ("-", ""), ("not ", ""), ("(", ")"), ("[", "]"), ("{1: ", "}"), ("1 if 1 else ", ""),
        ("1 + ", ""), ("2 ** ", ""), ("f(", ")"), ("x.y", ""), ("print(", ")[0]"),
    ]

    /// Byte sequences that are not UTF-8: a lone Latin-1 letter, a cut sequence, a byte-order
    /// mark of UTF-16, an overlong encoding, an encoded surrogate, bytes never valid.
    static let brokenUTF8: [[UInt8]] = [[0xE9], [0xC3], [0xE2, 0x82], [0xFF, 0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF8], [0x80]]

    init(seed: UInt64, pool: [[UInt8]]) {
        random = SeededGenerator(seed: seed)
        self.pool = pool
    }

    /// One to four mutations of `input`, kept under `maximumLength` bytes (room for a
    /// hundred indented lines, or a few thousand nested openings).
    mutating func mutate(_ input: [UInt8], maximumLength: Int = 8192) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            bytes = mutateOnce(bytes)
        }
        return bytes.count > maximumLength ? Array(bytes.prefix(maximumLength)) : bytes
    }

    private mutating func position(in bytes: [UInt8]) -> Int { Int.random(in: 0...bytes.count, using: &random) }

    private mutating func range(in bytes: [UInt8]) -> Range<Int> {
        let start = position(in: bytes)
        let length = Int.random(in: 0...min(16, bytes.count - start), using: &random)
        return start..<(start + length)
    }

    private mutating func mutateOnce(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        switch Int.random(in: 0..<13, using: &random) {
        case 0:  // delete a short run
            bytes.removeSubrange(range(in: bytes))
        case 1:  // duplicate a short run in place
            let r = range(in: bytes)
            bytes.insert(contentsOf: bytes[r], at: r.lowerBound)
        case 2, 3:  // insert a piece of the language
            let piece = Mutator.dictionary[Int.random(in: 0..<Mutator.dictionary.count, using: &random)]
            bytes.insert(contentsOf: piece, at: position(in: bytes))
        case 4:  // replace a run with a piece of the language
            let piece = Mutator.dictionary[Int.random(in: 0..<Mutator.dictionary.count, using: &random)]
            bytes.replaceSubrange(range(in: bytes), with: piece)
        case 5:  // splice a run from another input
            guard let other = pool.randomElement(using: &random), !other.isEmpty else { break }
            let r = range(in: other)
            bytes.insert(contentsOf: other[r], at: position(in: bytes))
        case 6:  // swap two lines, or drop one
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            guard lines.count > 1 else { break }
            let a = Int.random(in: 0..<lines.count, using: &random), b = Int.random(in: 0..<lines.count, using: &random)
            if Bool.random(using: &random) { lines.swapAt(a, b) } else { lines.remove(at: a) }
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        case 7:  // re-indent a line
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            guard !lines.isEmpty else { break }
            let i = Int.random(in: 0..<lines.count, using: &random)
            let body = lines[i].drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") }
            lines[i] = Array(repeating: UInt8(ascii: " "), count: Int.random(in: 0...9, using: &random)) + body
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        case 8:  // a random byte, any value (invalid UTF-8 included)
            bytes.insert(UInt8.random(in: 0...255, using: &random), at: position(in: bytes))
        case 10:  // a giant size in place of a number
            let numbers = bytes.indices.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
            guard let i = numbers.randomElement(using: &random) else { break }
            var end = i
            while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
            let size = Mutator.giantSizes[Int.random(in: 0..<Mutator.giantSizes.count, using: &random)]
            bytes.replaceSubrange(i..<end, with: size)
        case 11:  // deep nesting: an expression, or blocks indented one level each
            let depth = [3, 50, 101, 201, 1000, 3001, 6001][Int.random(in: 0..<7, using: &random)]
            let at = position(in: bytes)
            if Int.random(in: 0..<4, using: &random) == 0 {
                var block: [UInt8] = []
                for level in 0..<min(depth, 102) { block += Array(repeating: UInt8(ascii: " "), count: level) + Array("if x:\n".utf8) }
                bytes.insert(contentsOf: block + Array(repeating: UInt8(ascii: " "), count: min(depth, 102)) + Array("pass\n".utf8), at: at)
            } else {
                let (open, close) = Mutator.nestings[Int.random(in: 0..<Mutator.nestings.count, using: &random)]
                let count = min(depth, 6000 / max(open.utf8.count, 1))
                let nested = String(repeating: open, count: count) + "1" + String(repeating: close, count: count)
                bytes.insert(contentsOf: Array(nested.utf8), at: at)
            }
        case 12:  // bytes that are not UTF-8
            bytes.insert(contentsOf: Mutator.brokenUTF8[Int.random(in: 0..<Mutator.brokenUTF8.count, using: &random)], at: position(in: bytes))
        default:  // change a digit
            let digits = bytes.indices.filter { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[$0]) }
            guard let i = digits.randomElement(using: &random) else { break }
            bytes[i] = UInt8(ascii: "0") + UInt8.random(in: 0...9, using: &random)
        }
        return bytes
    }
}
