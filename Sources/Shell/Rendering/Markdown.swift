// A lesson's Markdown as the terminal shows it: headings, paragraphs filled to the
// width, lists with a hanging indent, code blocks, and inline emphasis, strong text,
// code spans and links. With colour, the markers become styles; without colour (pipes,
// NO_COLOR) they are dropped, except the backticks of code spans, which mark what to
// type or a name in the code: `*token*` → token, `**query**` → query, `set d_out 4`
// keeps its backticks, [text](url) → text (url), bullets become •.

import Foundation

/// Renders Markdown for a terminal.
public enum Markdown {
    /// Prose is filled to the terminal's width, but no wider than this: long lines are
    /// hard to read.
    public static let measure = 80

    /// Styles used with colour on (SGR codes).
    enum Style {
        static let heading = "1", title = "1;4", emphasis = "3", strong = "1", code = "36", link = "4", url = "2", rule = "2"
    }

    public static func render(_ markdown: String, terminal: Terminal) -> String {
        let width = min(terminal.width, measure)
        let colors = terminal.colors != .none
        return lines(markdown, width: width, colors: colors).map { $0.render(colors: terminal.colors) }.joined(separator: "\n")
    }

    /// The rendered lines, before escape codes are added.
    static func lines(_ markdown: String, width: Int, colors: Bool) -> [StyledText] {
        var out: [StyledText] = []
        let source = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var i = 0
        while i < source.count {
            let line = source[i], text = line.trimmingCharacters(in: .whitespaces)
            let indent = line.prefix { $0 == " " }.count
            if text.isEmpty {
                out.append(StyledText()); i += 1
            } else if text.hasPrefix("```") || text.hasPrefix("~~~") {
                // A fenced code block: its lines as written (the fences are not shown).
                let fence = String(text.prefix(3))
                i += 1
                while i < source.count && !source[i].trimmingCharacters(in: .whitespaces).hasPrefix(fence) {
                    out += preformatted("    " + source[i], width: width, style: colors ? Style.code : nil); i += 1
                }
                i += 1
            } else if indent >= 4 {
                out += preformatted(line, width: width, style: colors ? Style.code : nil); i += 1
            } else if let level = headingLevel(text) {
                let heading = String(text.dropFirst(level)).trimmingCharacters(in: .whitespaces)
                let styled = inline(heading, colors: colors).restyled(level == 1 ? Style.title : Style.heading, when: colors)
                out += styled.wrapped(width: width); i += 1
            } else if text.hasPrefix("|") {
                out += preformatted(line, width: width, style: nil); i += 1    // a table: as written
            } else if text.count >= 3, Set(text.filter { $0 != " " }).count == 1, "-*_".contains(text.first ?? "x") {
                out.append(StyledText(String(repeating: "─", count: width), colors ? Style.rule : nil)); i += 1
            } else if let (marker, contentStart) = listMarker(line) {
                // A list item, with its continuation lines (indented, or lazily not).
                var content = String(line.dropFirst(contentStart))
                i += 1
                while i < source.count, continues(source[i]) { content += " " + source[i].trimmingCharacters(in: .whitespaces); i += 1 }
                let bullet = marker.last == "." || marker.last == ")" ? marker : "•"
                let first = StyledText(String(repeating: " ", count: indent) + bullet + " ")
                let rest = StyledText(String(repeating: " ", count: first.width))
                out += inline(content, colors: colors).wrapped(width: width, first: first, rest: rest)
            } else {
                // A paragraph (or a quote): its lines joined, then filled to the width.
                let quote = text.hasPrefix(">")
                var content = quote ? String(text.dropFirst()).trimmingCharacters(in: .whitespaces) : text
                i += 1
                while i < source.count, continues(source[i]), listMarker(source[i]) == nil,
                      quote == source[i].trimmingCharacters(in: .whitespaces).hasPrefix(">") {
                    let next = source[i].trimmingCharacters(in: .whitespaces)
                    content += " " + (quote ? String(next.dropFirst()).trimmingCharacters(in: .whitespaces) : next); i += 1
                }
                let prefix = StyledText(quote ? "> " : "")
                let styled = inline(content, colors: colors)
                out += (quote ? styled.restyled(Style.emphasis, when: colors) : styled).wrapped(width: width, first: prefix, rest: prefix)
            }
        }
        return out
    }

    /// `## Title` → 2; nil if the line is not a heading.
    static func headingLevel(_ text: String) -> Int? {
        let hashes = text.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes) else { return nil }
        let after = text.dropFirst(hashes)
        return after.isEmpty || after.first == " " ? hashes : nil
    }

    /// `  - item` → ("-", 4): the marker and where the item's text starts.
    static func listMarker(_ line: String) -> (String, Int)? {
        let indent = line.prefix { $0 == " " }.count
        guard indent < 4 else { return nil }
        let rest = line.dropFirst(indent)
        var marker = ""
        if let first = rest.first, "-*+".contains(first) {
            marker = String(first)
        } else {
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 3, let end = rest.dropFirst(digits.count).first, end == "." || end == ")" else { return nil }
            marker = digits + String(end)
        }
        guard rest.dropFirst(marker.count).first == " " else { return nil }
        let spaces = rest.dropFirst(marker.count).prefix { $0 == " " }.count
        return (marker, indent + marker.count + spaces)
    }

    /// Whether `line` carries on the paragraph or item above it (it is not blank and
    /// starts no block of its own).
    static func continues(_ line: String) -> Bool {
        let text = line.trimmingCharacters(in: .whitespaces)
        return !text.isEmpty && listMarker(line) == nil && headingLevel(text) == nil
            && !text.hasPrefix("```") && !text.hasPrefix("~~~") && !text.hasPrefix("|")
    }

    /// A code block's line as written; a line wider than the terminal continues on the
    /// next line, further indented.
    static func preformatted(_ line: String, width: Int, style: String?) -> [StyledText] {
        let text = StyledText(line, style)
        guard text.width > width else { return [text] }
        let indent = line.prefix { $0 == " " }.count
        return StyledText(String(line.dropFirst(indent)), style)
            .wrapped(width: width, first: StyledText(String(repeating: " ", count: indent)),
                     rest: StyledText(String(repeating: " ", count: min(indent + 2, width / 2))))
    }

    // MARK: inline

    /// Emphasis, strong text, code spans, links and escapes in one paragraph's text.
    public static func inline(_ text: String, colors: Bool) -> StyledText {
        var out = StyledText()
        parse(Array(text), colors: colors, styles: [], into: &out)
        return out
    }

    private static func parse(_ chars: [Character], colors: Bool, styles: [String], into out: inout StyledText) {
        let current = styles.isEmpty ? nil : styles.joined(separator: ";")
        func emit(_ s: String, _ extra: String? = nil) {
            let style = ([current, extra].compactMap { $0 }).joined(separator: ";")
            out.append(s, colors && !style.isEmpty ? style : nil)
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isPunctuation || chars[i + 1].isSymbol {
                emit(String(chars[i + 1])); i += 2; continue
            }
            if c == "`", let (content, end) = codeSpan(chars, at: i) {
                emit(colors ? content : "`" + content + "`", Style.code)
                i = end; continue
            }
            if c == "*" || c == "_", let (inner, run, end) = delimited(chars, at: i) {
                let added = run == 1 ? [Style.emphasis] : run == 2 ? [Style.strong] : [Style.strong, Style.emphasis]
                parse(inner, colors: colors, styles: styles + added, into: &out)
                i = end; continue
            }
            if c == "[", let (label, url, end) = link(chars, at: i) {
                parse(label, colors: colors, styles: styles + [Style.link], into: &out)
                if String(label) != url { emit(" (" + url + ")", Style.url) }
                i = end; continue
            }
            if c == "<", let close = chars[i...].firstIndex(of: ">"), String(chars[(i + 1)..<close]).hasPrefix("http"),
               !chars[(i + 1)..<close].contains(" ") {
                emit(String(chars[(i + 1)..<close]), Style.link)
                i = close + 1; continue
            }
            emit(String(c)); i += 1
        }
    }

    /// A code span at `start` (a run of backticks closed by a run of the same length):
    /// its content and the index after it.
    private static func codeSpan(_ chars: [Character], at start: Int) -> (String, Int)? {
        let run = chars[start...].prefix { $0 == "`" }.count
        var j = start + run
        while j < chars.count {
            guard chars[j] == "`" else { j += 1; continue }
            let closing = chars[j...].prefix { $0 == "`" }.count
            if closing == run {
                var content = String(chars[(start + run)..<j])
                if content.count > 2 && content.hasPrefix(" ") && content.hasSuffix(" ") { content = String(content.dropFirst().dropLast()) }
                return (content, j + run)
            }
            j += closing
        }
        return nil
    }

    /// `*x*`, `**x**`, `_x_`, `__x__`, `***x***` at `start`: the text inside, the length of
    /// the delimiter run and the index after the closing one. An opening run must be
    /// followed by a non-space and a closing one preceded by one (so `2 * 3 * 4` stays);
    /// underscores only count at word edges (so `max_length` stays).
    private static func delimited(_ chars: [Character], at start: Int) -> ([Character], Int, Int)? {
        let delimiter = chars[start]
        let run = min(chars[start...].prefix { $0 == delimiter }.count, 3)
        let afterOpen = start + run
        guard afterOpen < chars.count, !chars[afterOpen].isWhitespace else { return nil }
        if delimiter == "_", start > 0, chars[start - 1].isLetter || chars[start - 1].isNumber { return nil }
        var j = afterOpen
        while j < chars.count {
            if chars[j] == "`", let (_, end) = codeSpan(chars, at: j) { j = end; continue }
            if chars[j] == "\\" { j += 2; continue }
            guard chars[j] == delimiter else { j += 1; continue }
            let closing = chars[j...].prefix { $0 == delimiter }.count
            let after = j + closing
            let rightFlanking = !chars[j - 1].isWhitespace
            let wordEdge = delimiter == "*" || after >= chars.count || !(chars[after].isLetter || chars[after].isNumber)
            if closing >= run && rightFlanking && wordEdge && j > afterOpen {
                return (Array(chars[afterOpen..<j]), run, j + run)
            }
            j = after
        }
        return nil
    }

    /// `[label](url)` at `start`: the label, the url and the index after the link.
    private static func link(_ chars: [Character], at start: Int) -> ([Character], String, Int)? {
        var depth = 0, j = start
        while j < chars.count {
            if chars[j] == "[" { depth += 1 } else if chars[j] == "]" { depth -= 1; if depth == 0 { break } }
            j += 1
        }
        guard j + 1 < chars.count, chars[j + 1] == "(", let close = chars[(j + 1)...].firstIndex(of: ")") else { return nil }
        let url = String(chars[(j + 2)..<close]).trimmingCharacters(in: .whitespaces)
        guard !url.isEmpty, !url.contains(" ") else { return nil }
        return (Array(chars[(start + 1)..<j]), url, close + 1)
    }
}

extension StyledText {
    /// Every run with `style` added in front of its own (for a heading's text).
    func restyled(_ style: String, when colors: Bool) -> StyledText {
        guard colors else { return self }
        return StyledText(runs.map { StyledRun($0.text, $0.style.map { style + ";" + $0 } ?? style) })
    }
}
