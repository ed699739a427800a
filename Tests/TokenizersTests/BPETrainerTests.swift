// BPE from scratch: the trainer's merges against a reference loop in the fixture script,
// and GPT-2's merges shown step by step ending where tiktoken's encoding ends.
import Testing
import Tokenizers

@Suite("BPE training and merge steps")
struct BPETrainerTests {
    let fixture: TokenizerFixture

    init() throws {
        fixture = try TokenizerFixture.load()
    }

    @Test func trainedMergesMatchReference() throws {
        #expect(fixture.training.count == 5)
        for c in fixture.training {
            let tokenizer = try BPETrainer(vocabularySize: c.vocab_size).train(c.text)
            #expect(tokenizer.merges.count == c.merges.count, "text: \(c.text.prefix(40).debugDescription)")
            for (merge, expected) in zip(tokenizer.merges, c.merges) {
                #expect(merge.left == expected.left && merge.right == expected.right
                        && merge.token == expected.token && merge.bytes == expected.bytes
                        && merge.count == expected.count,
                        "merge \(merge.token): got \(merge), expected \(expected)")
            }
            #expect(tokenizer.encode(c.text) == c.ids, "text: \(c.text.prefix(40).debugDescription)")
            #expect(scalars(try tokenizer.decode(c.ids)) == scalars(c.text))
        }
    }

    @Test func smallExampleByHand() throws {
        // "aaabdaaabac": "aa" occurs 4 times; then "aa"+"a" and "a"+"b" both occur twice and
        // the tie goes to the pair seen first in the text, "aa"+"a".
        let tokenizer = try BPETrainer(vocabularySize: 259).train("aaabdaaabac")
        #expect(tokenizer.merges.map(\.text) == ["aa", "aaa", "aaab"])
        #expect(tokenizer.merges.map(\.count) == [4, 2, 2])
        #expect(tokenizer.merges.map(\.left) == [97, 256, 257])
        #expect(tokenizer.merges.map(\.right) == [97, 97, 98])
        #expect(tokenizer.encode("aaabdaaabac") == [258, 100, 258, 97, 99])
        #expect(tokenizer.vocabularySize == 259)
        #expect(try tokenizer.tokenBytes(258) == Array("aaab".utf8))
    }

    @Test func stopsWhenNothingIsLeftToMerge() throws {
        let tokenizer = try BPETrainer(vocabularySize: 1000).train("ab ab")
        // Pieces "ab" and " ab": merges a+b, then " "+"ab"; then every piece is one token.
        #expect(tokenizer.merges.map(\.text) == ["ab", " ab"])
        #expect(tokenizer.encode("ab ab") == [256, 257])
    }

    @Test func errors() throws {
        #expect(pythonError { try BPETrainer(vocabularySize: 255) }
                == PythonError(type: "ValueError",
                               message: "vocab_size must be at least 256 (one token per byte), got 255"))
        let tokenizer = try BPETrainer(vocabularySize: 257).train("aa")
        #expect(pythonError { try tokenizer.decode([257]) } == PythonError(type: "KeyError", message: "257"))
        #expect(pythonError { try tokenizer.decode([-1]) } == PythonError(type: "KeyError", message: "-1"))
    }

    @Test func mergeStepsEndAtTiktokensIds() throws {
        let enc = try Encoding.gpt2()
        #expect(fixture.merge_steps.count == 6)
        for c in fixture.merge_steps {
            let steps = try enc.mergeSteps(of: c.text)
            let first = try #require(steps.first)
            // The start: one single-byte token per byte of the text.
            #expect(try enc.decodeTokensBytes(first.tokens) == c.text.utf8.map { [$0] })
            #expect(first.tokens.count == c.text.utf8.count)
            #expect(first.mergedToken == nil && first.mergedIndex == nil)
            #expect(steps.last?.tokens == c.ids, "text: \(c.text.debugDescription)")
            var previousRank = -1
            for step in steps.dropFirst() {
                // Each step merges one pair; ranks never go down; the bytes never change.
                let index = try #require(step.mergedIndex)
                let token = try #require(step.mergedToken)
                #expect(step.tokens[index] == token)
                #expect(token >= previousRank)
                previousRank = token
                #expect(try enc.decodeBytes(step.tokens) == Array(c.text.utf8))
                #expect(step.pieces.count == step.tokens.count)
            }
            #expect(steps.count == c.text.utf8.count - c.ids.count + 1)
        }
    }

    @Test func mergeStepsOfAWord() throws {
        let enc = try Encoding.gpt2()
        let steps = try enc.mergeSteps(of: " tokenization")
        #expect(steps.first?.pieces == [" ", "t", "o", "k", "e", "n", "i", "z", "a", "t", "i", "o", "n"])
        #expect(steps.last?.pieces == [" token", "ization"])
        #expect(steps[1].pieces == [" t", "o", "k", "e", "n", "i", "z", "a", "t", "i", "o", "n"])
        #expect(steps[1].mergedToken == 256)
        #expect(pythonError { try enc.mergeSteps(of: String(repeating: "a", count: 1001)) }?.type == "ValueError")
    }
}
