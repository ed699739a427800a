// Source positions for AST nodes and diagnostics: every node of a lesson script
// carries the span it was parsed from, so tracebacks can put carets under it.

/// A span of source text. Lines are 1-based; columns are 0-based Unicode-scalar
/// offsets into the line (Python's `col_offset` counted in characters).
public struct SourceRange: Equatable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var endLine: Int
    public var endColumn: Int

    public init(line: Int, column: Int, endLine: Int, endColumn: Int) {
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
    }

    /// The smallest range covering both `self` and `other`.
    public func to(_ other: SourceRange) -> SourceRange {
        SourceRange(line: line, column: column, endLine: other.endLine, endColumn: other.endColumn)
    }

    public static let unknown = SourceRange(line: 0, column: 0, endLine: 0, endColumn: 0)

    public var description: String { "\(line):\(column)-\(endLine):\(endColumn)" }
}

/// The text of a script, split into lines once, shared by tracebacks.
public final class SourceFile: @unchecked Sendable {
    public let filename: String
    public let text: String
    public let lines: [String]

    public init(filename: String, text: String) {
        self.filename = filename
        self.text = text
        var result: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                result.append(current)
                current = ""
            } else if scalar != "\r" {
                current.unicodeScalars.append(scalar)
            }
        }
        result.append(current)
        self.lines = result
    }

    /// The 1-based line `number`, or nil past the end.
    public func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        return lines[number - 1]
    }
}
