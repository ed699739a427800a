// Syntax errors found by the lexer and parser, rendered the way CPython 3.11 prints them.

/// A syntax error at a position in a script (`SyntaxError`, `IndentationError`).
public struct ScriptSyntaxError: Error, Equatable, CustomStringConvertible {
    /// Python's exception name: "SyntaxError", "IndentationError" or "TabError".
    public var kind: String
    public var message: String
    public var filename: String
    /// 1-based line.
    public var line: Int
    /// 0-based column of the caret.
    public var column: Int
    /// 0-based end column (exclusive) of the highlighted span; `column + 1` for a single caret.
    public var endColumn: Int
    /// The offending source line, if known.
    public var sourceLine: String?
    /// CPython prints no caret for some errors ("unexpected indent").
    public var showsCaret = true
    /// CPython prints neither the File line nor the source for a file it cannot decode.
    public var showsLocation = true

    public init(_ message: String, kind: String = "SyntaxError", filename: String = "<string>",
                line: Int, column: Int, endColumn: Int? = nil, sourceLine: String? = nil) {
        self.kind = kind
        self.message = message
        self.filename = filename
        self.line = line
        self.column = column
        self.endColumn = endColumn ?? column + 1
        self.sourceLine = sourceLine
    }

    /// CPython's rendering:
    ///
    ///       File "x.py", line 1
    ///         x = 1 +
    ///                ^
    ///     SyntaxError: invalid syntax
    public var rendered: String {
        guard showsLocation else { return "\(kind): \(message)" }
        var out = "  File \"\(filename)\", line \(line)\n"
        if let source = sourceLine {
            let scalars = Array(source.unicodeScalars)
            var start = 0
            while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" || scalars[start] == "\u{0C}" {
                start += 1
            }
            var end = scalars.count
            while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" || scalars[end - 1] == "\r" {
                end -= 1
            }
            var stripped = ""
            stripped.unicodeScalars.append(contentsOf: scalars[start..<end])
            out += "    \(stripped)\n"
            let caretStart = max(0, column - start)
            let width = max(1, min(endColumn, max(end, column + 1)) - column)
            if showsCaret {
                out += "    " + String(repeating: " ", count: caretStart) + String(repeating: "^", count: width) + "\n"
            }
        }
        out += "\(kind): \(message)"
        return out
    }

    public var description: String { rendered }
}
