// How a lesson step looks: a title rule, the prose (Markdown.swift), the code in a
// gutter (coloured by CodeHighlighter.swift). Everything fits the terminal's width:
// the rule shortens, long code lines continue under a dotted gutter.

import Foundation
import Lessons

enum StepView {
    private static func style(_ text: String, _ code: String, _ terminal: Terminal) -> String {
        terminal.colors == .none ? text : "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    static func banner(_ lesson: LessonFile, terminal: Terminal) -> String {
        StyledText("Lesson \(lesson.number): \(lesson.title)", "1").wrapped(width: terminal.width)
            .map { $0.render(colors: terminal.colors) }.joined(separator: "\n")
    }

    /// `── 03_attention · step 3 of 13 · Title ─────`, filled to the width. On a narrow
    /// terminal the lesson is named by its number, then the title is cut with `…`.
    static func header(_ lesson: LessonFile, _ step: LessonStep, terminal: Terminal) -> String {
        let width = terminal.width
        var text = "── \(lesson.name) · step \(step.number) of \(lesson.steps.count) · \(step.title) "
        if text.count + 3 > width {
            text = "── \(String(format: "%02d", lesson.number)) · step \(step.number)/\(lesson.steps.count) · \(step.title) "
        }
        if text.count + 3 > width {
            text = StyledText(String(text.dropLast())).truncated(to: max(width - 4, 1)).plain + " "
        }
        let rule = String(repeating: "─", count: max(width - text.count, 0))
        return "\n" + style(text + rule, "1;36", terminal)
    }

    /// Markdown as the terminal shows it (see Markdown.swift).
    static func prose(_ markdown: String, terminal: Terminal) -> String {
        Markdown.render(markdown, terminal: terminal)
    }

    static let gutter = "  │ ", continuation = "  ┆ "

    /// Code in a gutter, highlighted when colour is on, `# @param` annotations left out.
    /// A line wider than the terminal breaks (at a space if it can) and continues on
    /// the next row, indented, after a dotted gutter.
    static func code(_ source: String, terminal: Terminal) -> String {
        "\n" + codeLines(source, terminal: terminal).joined(separator: "\n") + "\n"
    }

    static func codeLines(_ source: String, terminal: Terminal) -> [String] {
        let room = max(terminal.width - gutter.count, 10)
        var rows: [String] = []
        for line in CodeHighlighter.lines(source) {
            // A long comment continues under its own text.
            let commentStart = line.runs.firstIndex { $0.style == CodeHighlighter.Style.comment }
                .map { i in line.runs[..<i].reduce(0) { $0 + $1.text.count } }
            let hanging = commentStart.flatMap { $0 + 2 < room ? $0 + 2 : nil }
            // A blank line gets the gutter alone, with no trailing space.
            if line.plain.isEmpty { rows.append(style(String(gutter.dropLast()), "2", terminal)); continue }
            for (n, piece) in broken(line, width: room, hanging: hanging).enumerated() {
                rows.append(style(n == 0 ? gutter : continuation, "2", terminal) + piece.render(colors: terminal.colors))
            }
        }
        return rows
    }

    /// Text (source code) whose lines wider than the terminal are broken as code lines are.
    static func fitted(_ text: String, terminal: Terminal) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { line in
            broken(StyledText(String(line)), width: terminal.width).map(\.plain)
        }.joined(separator: "\n")
    }

    /// A code line cut into pieces of at most `width` columns: each cut at the last space
    /// that fits (else at the width); the pieces after the first indented 4 more than the
    /// line (or by `hanging`).
    static func broken(_ line: StyledText, width: Int, hanging: Int? = nil) -> [StyledText] {
        guard line.width > width else { return [line] }
        let indentation = line.plain.prefix { $0 == " " }.count
        let hanging = min(hanging ?? indentation + 4, width * 2 / 3)
        var pieces: [StyledText] = [], rest = line, room = width
        while rest.width > room {
            let text = Array(rest.plain)
            let minimum = pieces.isEmpty ? indentation + 1 : 1
            var cut = room
            if minimum < room, let space = (minimum..<room).reversed().first(where: { text[$0] == " " && text[$0 - 1] != " " }) { cut = space + 1 }
            let (head, tail) = rest.split(at: cut)
            pieces.append(pieces.isEmpty ? head.trimmingTrailingSpaces() : StyledText(String(repeating: " ", count: hanging)) + head.trimmingTrailingSpaces())
            rest = tail.split(at: tail.plain.prefix { $0 == " " }.count).1
            room = width - hanging
        }
        if !rest.runs.isEmpty { pieces.append(pieces.isEmpty ? rest : StyledText(String(repeating: " ", count: hanging)) + rest) }
        return pieces
    }
}
