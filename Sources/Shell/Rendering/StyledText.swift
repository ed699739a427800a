// Text in runs of one style each (bold, a code colour, ...), measured and wrapped by
// what the terminal shows, so escape codes never count and never leak across lines.

/// A run of text drawn in one style; `style` is an SGR code list such as "1" or "2;3".
public struct StyledRun: Equatable, Sendable {
    public var text: String
    public var style: String?

    public init(_ text: String, _ style: String? = nil) { (self.text, self.style) = (text, style) }
}

/// A line (or paragraph) of styled runs.
public struct StyledText: Equatable, Sendable {
    public var runs: [StyledRun]

    public init(_ runs: [StyledRun] = []) { self.runs = runs }
    public init(_ text: String, _ style: String? = nil) { runs = text.isEmpty ? [] : [StyledRun(text, style)] }

    /// Columns the text takes on screen (one per character).
    public var width: Int { runs.reduce(0) { $0 + $1.text.count } }
    public var plain: String { runs.map(\.text).joined() }

    public static func + (a: StyledText, b: StyledText) -> StyledText { StyledText(a.runs + b.runs) }
    public mutating func append(_ text: String, _ style: String? = nil) {
        guard !text.isEmpty else { return }
        if let last = runs.last, last.style == style { runs[runs.count - 1].text += text } else { runs.append(StyledRun(text, style)) }
    }

    /// The text with escape codes around each styled run when colour is on; plain otherwise.
    public func render(colors: ColorSupport) -> String {
        runs.map { run in
            guard colors != .none, let style = run.style, !run.text.isEmpty else { return run.text }
            return "\u{1B}[\(style)m\(run.text)\u{1B}[0m"
        }.joined()
    }

    /// The first `count` columns and the rest.
    func split(at count: Int) -> (StyledText, StyledText) {
        var head = StyledText(), tail = StyledText(), left = count
        for run in runs {
            if left >= run.text.count { head.runs.append(run); left -= run.text.count; continue }
            if left > 0 { head.append(String(run.text.prefix(left)), run.style) }
            tail.append(String(run.text.dropFirst(max(left, 0))), run.style)
            left = 0
        }
        return (head, tail)
    }

    /// The text cut to `width` columns, ending in `…` when something was cut.
    public func truncated(to width: Int) -> StyledText {
        guard self.width > width else { return self }
        var (head, _) = split(at: max(width - 1, 0))
        head.append("…", runs.last?.style)
        return head
    }

    /// Words (split at spaces), each keeping its styles.
    var words: [StyledText] {
        var words: [StyledText] = [], current = StyledText()
        for run in runs {
            for (i, piece) in run.text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
                if i > 0 { if !current.runs.isEmpty { words.append(current) }; current = StyledText() }
                current.append(String(piece), run.style)
            }
        }
        if !current.runs.isEmpty { words.append(current) }
        return words
    }

    /// Filled into lines of at most `width` columns: breaks between words, the first line
    /// after `first`, the others after `rest` (a hanging indent). A word longer than a
    /// whole line is cut.
    public func wrapped(width: Int, first: StyledText = StyledText(), rest: StyledText = StyledText()) -> [StyledText] {
        var lines: [StyledText] = [], line = first, empty = true
        for var word in words {
            if !empty && line.width + 1 + word.width > width {
                lines.append(line)
                (line, empty) = (rest, true)
            }
            if !empty { line.append(" ") }
            // A word wider than a line is cut where the line ends.
            while line.width + word.width > width && width - line.width > 0 && word.width > width - rest.width {
                let (head, tail) = word.split(at: width - line.width)
                lines.append(line + head)
                (line, word) = (rest, tail)
            }
            line = line + word
            empty = false
        }
        lines.append(line)
        return lines
    }
}
