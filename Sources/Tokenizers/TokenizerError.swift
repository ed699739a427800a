// The one error type of the tokenizer layer: each case is the Python exception tiktoken
// raises for the same mistake, with tiktoken's text (chapter 2, `tiktoken.get_encoding`).

/// An error from encoding, decoding or loading, carrying the Python exception type it becomes.
public enum TokenizerError: Error, Equatable, CustomStringConvertible {
    /// `ValueError`: a disallowed special token in the text, an unknown encoding name,
    /// a corrupt vocabulary resource.
    case value(String)
    /// `KeyError`: a token id with no bytes in the vocabulary. The message is the key's
    /// text; Python shows it quoted (see `description`).
    case key(String)
    /// `OverflowError`: a token id that does not fit tiktoken's unsigned 32-bit ids.
    case overflow(String)

    /// The Python exception class name this error is raised as.
    public var pythonType: String {
        switch self {
        case .value: return "ValueError"
        case .key: return "KeyError"
        case .overflow: return "OverflowError"
        }
    }

    /// The exception's argument (`e.args[0]`).
    public var message: String {
        switch self {
        case .value(let m), .key(let m), .overflow(let m): return m
        }
    }

    /// The last line of Python's traceback: `ValueError: text`, or for a `KeyError` the
    /// argument's `repr`, as `str(KeyError(...))` gives it: `KeyError: '50257'`.
    public var description: String {
        switch self {
        case .key(let m): return "\(pythonType): \(PythonRepr.string(m))"
        default: return "\(pythonType): \(message)"
        }
    }
}
