// GPT-2 encoding against tiktoken: every fixture case exactly (ids, pieces, decodes, errors).
import Testing
import Tokenizers

@Suite("GPT-2 encoding")
struct EncodingTests {
    let fixture: TokenizerFixture
    let enc: Encoding

    init() throws {
        fixture = try TokenizerFixture.load()
        enc = try Encoding.gpt2()
    }

    @Test func metadata() {
        #expect(enc.name == fixture.name)
        #expect(enc.patternString == fixture.pattern)
        #expect(enc.nVocab == fixture.n_vocab)
        #expect(enc.maxTokenValue == fixture.n_vocab - 1)
        #expect(enc.eotToken == fixture.eot_token)
        #expect(enc.specialTokensSet == Set(fixture.special_tokens))
        #expect(enc.specialTokens == ["<|endoftext|>": 50256])
        #expect(enc.isSpecialToken(50256))
        #expect(!enc.isSpecialToken(50255))
        #expect(enc.description == "<Encoding 'gpt2'>")
    }

    @Test func mergeableRanks() throws {
        // The lesson's own merge loop reads `enc._mergeable_ranks`: ids of byte strings.
        #expect(enc.mergeableTokenCount == 50256)
        #expect(enc.mergeableRank(Array("!".utf8)) == 0)
        #expect(enc.mergeableRank(Array(" t".utf8)) == 256)
        #expect(enc.mergeableRank(Array("hello".utf8)) == 31373)
        #expect(enc.mergeableRank(Array("<|endoftext|>".utf8)) == nil)
        #expect(enc.mergeableRank([]) == nil)
        #expect(enc.mergeableRank(Array("hellohello".utf8)) == nil)
        for token in [0, 255, 256, 1000, 50255] {
            #expect(enc.mergeableRank(try enc.decodeSingleTokenBytes(token)) == token)
        }
    }

    @Test func sharedInstance() throws {
        #expect(try Encoding.gpt2() === enc)
        #expect(try Encoding.named("gpt2") === enc)
    }

    @Test func encodeMatchesTiktoken() {
        #expect(fixture.encode.count > 100)
        for c in fixture.encode {
            let call = {
                try enc.encode(c.text, allowedSpecial: c.allowed.selection ?? [],
                               disallowedSpecial: c.disallowed.selection ?? .all)
            }
            if let expected = c.error {
                #expect(pythonError(call) == expected, "text: \(c.text.debugDescription)")
            } else {
                #expect((try? call()) == c.ids, "text: \(c.text.debugDescription)")
            }
        }
    }

    @Test func encodeOrdinaryMatchesTiktoken() {
        for c in fixture.encode_ordinary {
            #expect(enc.encodeOrdinary(c.text) == c.ids, "text: \(c.text.debugDescription)")
            #expect(scalars((try? enc.decode(c.ids)) ?? "<error>") == scalars(c.decoded))
        }
    }

    @Test func splitMatchesTiktokenPattern() {
        let withPieces = fixture.encode_ordinary.filter { $0.pieces != nil }
        #expect(withPieces.count > 100)
        for c in withPieces {
            #expect(scalars(enc.preTokenize(c.text)) == scalars(c.pieces ?? []),
                    "text: \(c.text.debugDescription)")
        }
    }

    /// The fixture script's probe for 256 code points: each one between letters, between
    /// digits and between spaces, so its class (letter, number, whitespace, other) shows.
    static func blockProbe(_ start: UInt32) -> String {
        var text = String.UnicodeScalarView()
        for value in start..<(start + 256) {
            guard let c = Unicode.Scalar(value) else { continue }
            text.append(contentsOf: ["x", c, "x", "1", c, "1", " ", c, " "] as [Unicode.Scalar])
        }
        return String(text)
    }

    /// FNV-1a, 64-bit, over each id as 4 little-endian bytes (as the fixture script does).
    static func fnv1a(_ ids: [Int]) -> String {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for id in ids {
            for shift in stride(from: 0, to: 32, by: 8) {
                h = (h ^ UInt64((id >> shift) & 0xFF)) &* 0x0000_0100_0000_01B3
            }
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    @Test func everyCodePointClassMatchesTiktoken() {
        #expect(fixture.code_point_blocks.count > 500)
        for block in fixture.code_point_blocks {
            let ids = enc.encodeOrdinary(Self.blockProbe(block.start))
            #expect(ids.count == block.count && Self.fnv1a(ids) == block.hash,
                    "code points U+\(String(block.start, radix: 16, uppercase: true)) + 256")
        }
    }

    @Test func roundTrip() throws {
        for c in fixture.encode_ordinary {
            let ids = try enc.encode(c.text, allowedSpecial: .all)
            #expect(scalars(try enc.decode(ids)) == scalars(c.text), "text: \(c.text.debugDescription)")
            #expect(try enc.decodeBytes(ids) == Array(c.text.utf8))
        }
    }

    @Test func decodeMatchesTiktoken() throws {
        for c in fixture.decode {
            #expect(try enc.decodeBytes(c.tokens) == c.bytes, "tokens: \(c.tokens)")
            #expect(scalars(try enc.decode(c.tokens)) == scalars(c.text), "tokens: \(c.tokens)")
        }
    }

    @Test func decodeErrors() {
        for c in fixture.decode_errors {
            #expect(pythonError { try enc.decode(c.tokens) } == c.error, "tokens: \(c.tokens)")
            #expect(pythonError { try enc.decodeBytes(c.tokens) } == c.error, "tokens: \(c.tokens)")
        }
    }

    @Test func singleTokenBytes() throws {
        for c in fixture.single_tokens {
            #expect(try enc.decodeSingleTokenBytes(c.token) == c.bytes, "token: \(c.token)")
        }
        for c in fixture.single_token_errors {
            #expect(pythonError { try enc.decodeSingleTokenBytes(c.token) } == c.error, "token: \(c.token)")
        }
        #expect(try enc.decodeTokensBytes([31373, 995]) == [Array("hello".utf8), Array(" world".utf8)])
    }

    @Test(arguments: [
        (TokenizerError.key("Invalid token for decoding: 50257"),
         "KeyError: 'Invalid token for decoding: 50257'"),
        (TokenizerError.key("50257"), "KeyError: '50257'"),
        (TokenizerError.value("bad"), "ValueError: bad"),
        (TokenizerError.overflow("out of range integral type conversion attempted"),
         "OverflowError: out of range integral type conversion attempted"),
    ])
    func errorRendering(error: TokenizerError, rendered: String) {
        #expect(error.description == rendered)
    }

    @Test func unknownEncodingName() {
        #expect(pythonError { try Encoding.named("gpt3") } == PythonError(
            type: "ValueError",
            message: "Unknown encoding gpt3.\nPlugins found: ['tiktoken_ext.openai_public']\ntiktoken version: 0.14.0 (are you on latest?)"))
    }

    @Test func bookExample() throws {
        // Chapter 2.5: the book's sample, with <|endoftext|> allowed.
        let text = "Hello, do you like tea? <|endoftext|> In the sunlit terraces of someunknownPlace."
        let ids = try enc.encode(text, allowedSpecial: ["<|endoftext|>"])
        #expect(ids == [15496, 11, 466, 345, 588, 8887, 30, 220, 50256, 554, 262, 4252, 18250,
                        8812, 2114, 286, 617, 34680, 27271, 13])
        #expect(try enc.decode(ids) == text)
    }
}

@Suite("GPT-2 vocabulary files")
struct VocabularyFileTests {
    @Test(arguments: [
        ("#version: 0.2\nĠ t x\n", "{}", "vocab.bpe line 2: expected two tokens, found 3"),
        ("#version: 0.2\nĠ \u{3000}\n", "{}", "vocab.bpe line 2: a character that stands for no byte"),
        ("#version: 0.2\n", "{}", "encoder.json lists 0 tokens, vocab.bpe makes 256"),
        ("#version: 0.2\n", "{\"!\": }", "encoder.json: expected a number at byte 6"),
        ("#version: 0.2\n", "{\"!\": 1}", "encoder.json gives \"!\" id 1, vocab.bpe gives rank 0"),
        ("#version: 0.2\n", "{\"\\u3000\": 1}", "encoder.json: character U+3000 stands for no byte"),
        ("#version: 0.2\n", "{\"!\": 0", "encoder.json: expected '}' at byte 7"),
    ])
    func corruptFilesThrowValueError(vocab: String, encoder: String, message: String) {
        #expect(pythonError {
            try Encoding.gpt2(vocabBPE: Array(vocab.utf8), encoderJSON: Array(encoder.utf8))
        } == PythonError(type: "ValueError", message: message))
    }
}
