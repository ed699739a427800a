// Flags and errors of the regex engine behind the lesson language's `re` module
// (book chapter 2, "Tokenizing text"). Values and messages follow CPython 3.11's `re`.

/// The flags of Python's `re` module, with CPython's bit values
/// (`re.I == 2`, `re.M == 8`, `re.S == 16`, `re.U == 32`, `re.X == 64`, `re.A == 256`).
public struct PyRegexFlags: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let template = PyRegexFlags(rawValue: 1)
    public static let ignoreCase = PyRegexFlags(rawValue: 2)
    public static let locale = PyRegexFlags(rawValue: 4)
    public static let multiline = PyRegexFlags(rawValue: 8)
    public static let dotAll = PyRegexFlags(rawValue: 16)
    public static let unicode = PyRegexFlags(rawValue: 32)
    public static let verbose = PyRegexFlags(rawValue: 64)
    public static let debug = PyRegexFlags(rawValue: 128)
    public static let ascii = PyRegexFlags(rawValue: 256)

    /// The flags that choose how `\w`, `\d`, `\s`, `\b` and case folding behave.
    static let typeFlags: PyRegexFlags = [.ascii, .locale, .unicode]
    /// The flags that can only be set for the whole pattern.
    static let globalFlags: PyRegexFlags = [.debug, .template]

    /// The letter of an inline flag group `(?i)`, as in `re._parser.FLAGS`.
    static func inline(_ letter: Unicode.Scalar) -> PyRegexFlags? {
        switch letter {
        case "i": return .ignoreCase
        case "L": return .locale
        case "m": return .multiline
        case "s": return .dotAll
        case "x": return .verbose
        case "a": return .ascii
        case "t": return .template
        case "u": return .unicode
        default: return nil
        }
    }
}

/// An error raised by compiling a pattern or expanding a replacement template.
///
/// `kind` names the Python exception the binding raises; `message` is the exact text
/// Python prints after `re.error: `, including " at position N" (and the line and
/// column when the pattern spans several lines).
public struct PyRegexError: Error, Equatable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// `re.error`
        case reError = "error"
        /// `OverflowError` (repeat counts too large)
        case overflowError = "OverflowError"
        /// `ValueError` (incompatible flags)
        case valueError = "ValueError"
        /// `IndexError` (unknown group name in a template or `group()` call)
        case indexError = "IndexError"
        /// The interrupt hook asked the matcher to stop (Ctrl-C): `KeyboardInterrupt`.
        case interrupted = "KeyboardInterrupt"
    }

    public let kind: Kind
    /// The message without position, as Python's `re.error.msg`.
    public let msg: String
    /// The offset in the pattern (in code points), as `re.error.pos`.
    public let pos: Int?
    /// The full text of the exception, as `str(err)` in Python.
    public let message: String

    public var description: String { message }

    init(kind: Kind, _ msg: String) {
        self.kind = kind
        self.msg = msg
        self.pos = nil
        self.message = msg
    }

    /// A `re.error` with Python's formatting of the position.
    init(_ msg: String, pattern: [Unicode.Scalar]?, pos: Int?) {
        self.kind = .reError
        self.msg = msg
        self.pos = pos
        guard let pattern, let pos else {
            self.message = msg
            return
        }
        var text = "\(msg) at position \(pos)"
        if pattern.contains("\n") {
            let before = pattern[..<min(max(pos, 0), pattern.count)]
            let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
            let lastNewline = before.lastIndex(of: "\n") ?? -1
            text += " (line \(line), column \(pos - lastNewline))"
        }
        self.message = text
    }

    static let interrupted = PyRegexError(kind: .interrupted, "")
}
