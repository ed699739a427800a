// Lesson code as the terminal shows it: a small lexer of its own (comments, strings,
// numbers, keywords, the names a def or class makes) gives each piece a colour, and
// drops `# @param …` annotations, which `params` lists instead.

import Foundation

/// Colours Python source, one styled line per source line.
public enum CodeHighlighter {
    enum Style {
        static let keyword = "35", constant = "35", string = "32", number = "33", comment = "2", definition = "34", decorator = "36"
    }

    static let keywords: Set<String> = [
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield",
    ]
    static let constants: Set<String> = ["True", "False", "None", "self"]

    /// The source's lines, styled (render them without colour for plain text), with any
    /// `# @param` comment and the spaces before it removed.
    public static func lines(_ source: String) -> [StyledText] {
        let chars = Array(source)
        var lines: [StyledText] = [], line = StyledText(), i = 0
        var afterDefinitionKeyword = false
        func add(_ text: String, _ style: String?) {
            // Multi-line strings are split at their newlines, keeping the style on each line.
            for (n, piece) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if n > 0 { lines.append(line); line = StyledText() }
                line.append(String(piece), style)
            }
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\n" { add("\n", nil); i += 1; continue }
            if c == "#" {
                let end = chars[i...].firstIndex(of: "\n") ?? chars.count
                let comment = String(chars[i..<end])
                if comment.hasPrefix("# @param") {
                    line = StyledText(line.runs).trimmingTrailingSpaces()
                } else {
                    add(comment, Style.comment)
                }
                i = end; continue
            }
            if let end = stringEnd(chars, at: i) {
                add(String(chars[i..<end]), Style.string); i = end; continue
            }
            if c.isNumber || (c == "." && i + 1 < chars.count && chars[i + 1].isNumber) {
                var j = i + 1
                while j < chars.count {
                    let d = chars[j]
                    if d.isLetter || d.isNumber || d == "_" || d == "." { j += 1 }
                    else if (d == "+" || d == "-") && (chars[j - 1] == "e" || chars[j - 1] == "E") && !String(chars[i..<j]).lowercased().hasPrefix("0x") { j += 1 }
                    else { break }
                }
                add(String(chars[i..<j]), Style.number); i = j; continue
            }
            if c.isLetter || c == "_" {
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
                let word = String(chars[i..<j])
                let style = afterDefinitionKeyword ? Style.definition
                    : keywords.contains(word) ? Style.keyword : constants.contains(word) ? Style.constant : nil
                afterDefinitionKeyword = word == "def" || word == "class"
                add(word, style); i = j; continue
            }
            if c == "@", line.plain.allSatisfy({ $0 == " " }) {
                var j = i + 1
                while j < chars.count, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" || chars[j] == "." { j += 1 }
                add(String(chars[i..<j]), Style.decorator); i = j; continue
            }
            add(String(c), nil); i += 1
        }
        lines.append(line)
        return lines
    }

    /// The end of a string literal starting at `start` (with its prefix: r, b, f, rb, ...),
    /// or nil if none starts there. An unterminated string runs to the end of its line
    /// (or of the source, if triple-quoted).
    static func stringEnd(_ chars: [Character], at start: Int) -> Int? {
        var j = start
        while j < chars.count, j - start < 2, "rRbBuUfF".contains(chars[j]) { j += 1 }
        guard j < chars.count, chars[j] == "\"" || chars[j] == "'" else { return nil }
        if j > start, start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber || chars[start - 1] == "_" { return nil }
        let quote = chars[j]
        let triple = j + 2 < chars.count && chars[j + 1] == quote && chars[j + 2] == quote
        j += triple ? 3 : 1
        while j < chars.count {
            if chars[j] == "\\" { j += 2; continue }
            if !triple && chars[j] == "\n" { return j }
            if chars[j] == quote && (!triple || (j + 2 < chars.count && chars[j + 1] == quote && chars[j + 2] == quote)) {
                return j + (triple ? 3 : 1)
            }
            j += 1
        }
        return chars.count
    }
}

extension StyledText {
    /// Without the spaces at its end.
    func trimmingTrailingSpaces() -> StyledText {
        var copy = self
        while let last = copy.runs.last {
            let kept = String(last.text.reversed().drop { $0 == " " }.reversed())
            if kept.isEmpty { copy.runs.removeLast(); continue }
            copy.runs[copy.runs.count - 1].text = kept
            break
        }
        return copy
    }
}
