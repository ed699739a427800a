// Tokens of the lesson language: Python's token kinds, with source ranges.

/// A string literal as the lexer saw it. Plain and bytes literals are decoded here;
/// f-strings keep their raw body so the parser can split out the `{...}` fields.
struct StringLiteral: Equatable {
    enum Kind: Equatable { case text, bytes, formatted }
    var kind: Kind
    /// Decoded text (`.text`), or the raw body between the quotes (`.formatted`).
    var text: String
    /// Decoded bytes for `.bytes`.
    var bytes: [UInt8]
    /// Whether the literal had an `r` prefix (f-strings decode escapes later).
    var isRaw: Bool
    /// Line and column where the body (after the opening quotes) starts.
    var bodyLine: Int
    var bodyColumn: Int
}

enum TokenKind: Equatable {
    case name(String)
    case keyword(String)
    case int(Int)
    /// An integer literal too large for 64 bits (kept as text for the error message).
    case bigInt(String)
    case float(Double)
    case string(StringLiteral)
    case op(String)
    case newline
    case indent
    case dedent
    case endOfFile
}

struct Token: Equatable {
    var kind: TokenKind
    var range: SourceRange

    var isNewlineOrEnd: Bool {
        switch kind {
        case .newline, .endOfFile: return true
        default: return false
        }
    }

    /// The token's text as CPython would quote it in messages.
    var displayText: String {
        switch kind {
        case .name(let n), .keyword(let n): return n
        case .op(let o): return o
        case .int(let v): return String(v)
        case .bigInt(let s): return s
        case .float(let d): return String(d)
        case .string: return "string"
        case .newline: return "newline"
        case .indent: return "indent"
        case .dedent: return "dedent"
        case .endOfFile: return "end of file"
        }
    }
}

let pythonKeywords: Set<String> = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
]
