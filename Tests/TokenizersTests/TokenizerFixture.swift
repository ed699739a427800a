// Reads Fixtures/tokenizer.json, written by Tests/Fixtures/make_tokenizer_fixtures.py from
// tiktoken's own "gpt2" encoding.
import Foundation
import Testing
import Tokenizers

/// Python's `allowed_special` / `disallowed_special` argument as the fixture records it:
/// absent (the default), "all", or a list of strings.
struct SelectionArgument: Decodable {
    let selection: SpecialTokenSelection?

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            selection = nil
        } else if let word = try? container.decode(String.self) {
            guard word == "all" else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: word)
            }
            selection = .all
        } else {
            selection = .only(Set(try container.decode([String].self)))
        }
    }
}

struct PythonError: Decodable, Equatable {
    let type: String
    let message: String
}

struct EncodeCase: Decodable {
    let text: String
    let allowed: SelectionArgument
    let disallowed: SelectionArgument
    let ids: [Int]?
    let error: PythonError?
}

struct OrdinaryCase: Decodable {
    let text: String
    let ids: [Int]
    let decoded: String
    let pieces: [String]?
}

struct DecodeCase: Decodable {
    let tokens: [Int]
    let bytes: [UInt8]
    let text: String
}

struct DecodeErrorCase: Decodable {
    let tokens: [Int]
    let error: PythonError
}

struct SingleTokenCase: Decodable {
    let token: Int
    let bytes: [UInt8]
}

struct SingleTokenErrorCase: Decodable {
    let token: Int
    let error: PythonError
}

struct TrainedMerge: Decodable {
    let left: Int
    let right: Int
    let token: Int
    let bytes: [UInt8]
    let count: Int
}

struct TrainingCase: Decodable {
    let text: String
    let vocab_size: Int
    let merges: [TrainedMerge]
    let ids: [Int]
}

struct MergeStepsCase: Decodable {
    let text: String
    let ids: [Int]
}

struct CodePointBlock: Decodable {
    let start: UInt32
    let count: Int
    let hash: String
}

struct TokenizerFixture: Decodable {
    let code_point_blocks: [CodePointBlock]
    let training: [TrainingCase]
    let merge_steps: [MergeStepsCase]
    let name: String
    let pattern: String
    let n_vocab: Int
    let eot_token: Int
    let special_tokens: [String]
    let encode: [EncodeCase]
    let encode_ordinary: [OrdinaryCase]
    let decode: [DecodeCase]
    let decode_errors: [DecodeErrorCase]
    let single_tokens: [SingleTokenCase]
    let single_token_errors: [SingleTokenErrorCase]

    static func load() throws -> TokenizerFixture {
        let url = try #require(Bundle.module.url(forResource: "tokenizer", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        return try JSONDecoder().decode(TokenizerFixture.self, from: Data(contentsOf: url))
    }
}

/// The error a throwing call raised, as Python would name it (nil if it returned).
func pythonError<T>(_ body: () throws -> T) -> PythonError? {
    do {
        _ = try body()
        return nil
    } catch let error as TokenizerError {
        return PythonError(type: error.pythonType, message: error.message)
    } catch {
        return PythonError(type: "unexpected", message: "\(error)")
    }
}

/// Exact text equality: Swift's `==` on strings is canonical equivalence, which would let
/// "é" (one scalar) equal "e" + U+0301; tokenizers must keep the scalars as they are.
func scalars(_ s: String) -> [UInt32] {
    s.unicodeScalars.map(\.value)
}

func scalars(_ strings: [String]) -> [[UInt32]] {
    strings.map(scalars)
}
