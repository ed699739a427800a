// How a lesson step looks: a title rule, the prose, the code in a gutter. Plain
// text without colour; headings bold and code dimmed on colour terminals.

import Foundation
import Lessons

enum StepView {
    private static func style(_ text: String, _ code: String, _ terminal: Terminal) -> String {
        terminal.colors == .none ? text : "\u{1B}[\(code)m\(text)\u{1B}[0m"
    }

    static func banner(_ lesson: LessonFile, terminal: Terminal) -> String {
        style("Lesson \(lesson.number): \(lesson.title)", "1", terminal)
    }

    static func header(_ lesson: LessonFile, _ step: LessonStep, terminal: Terminal) -> String {
        let text = "── \(lesson.name) · step \(step.number) of \(lesson.steps.count) · \(step.title) "
        let rule = String(repeating: "─", count: max(terminal.width - text.count, 3))
        return "\n" + style(text + rule, "1;36", terminal)
    }

    /// Markdown as the terminal shows it: headings emphasised, the rest as written, and
    /// on a terminal narrower than a line, wrapped between words.
    static func prose(_ markdown: String, terminal: Terminal) -> String {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let paragraphs = terminal.isInteractive ? reflowed(lines, width: terminal.width) : lines
        return paragraphs.map { line -> String in
            if line.hasPrefix("#") {
                let heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                return style(heading, "1", terminal)
            }
            return line
        }.joined(separator: "\n")
    }

    /// On a terminal narrower than the prose, each paragraph (or list item) is joined and
    /// wrapped again to fit; paragraphs that fit, headings and code are left as written.
    static func reflowed(_ lines: [String], width: Int) -> [String] {
        var out: [String] = [], paragraph: [String] = []
        func flush() {
            if paragraph.contains(where: { $0.count > width }) {
                out.append(wrap(paragraph.map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " "),
                                width: width, indent: paragraph[0].prefix { $0 == " " }.count))
            } else {
                out += paragraph
            }
            paragraph = []
        }
        for line in lines {
            let text = line.trimmingCharacters(in: .whitespaces)
            let isListItem = text.range(of: #"^([-*+]|\d+[.)]) "#, options: .regularExpression) != nil
            if text.isEmpty || line.hasPrefix("#") || line.hasPrefix("    ") || isListItem { flush() }
            if text.isEmpty || line.hasPrefix("#") || line.hasPrefix("    ") { out.append(line) } else { paragraph.append(line) }
        }
        flush()
        return out
    }

    /// Breaks a line at spaces, continuing under the text of a list item. Words longer
    /// than the width stay whole.
    static func wrap(_ text: String, width: Int, indent: Int = 0) -> String {
        let line = String(repeating: " ", count: indent) + text
        guard line.count > width else { return line }
        let indent = line.prefix { $0 == " " }
        let marker = line.dropFirst(indent.count).prefix { $0 != " " }
        let hanging = String(repeating: " ", count: indent.count + (marker.count <= 3 && marker.last.map { ".-*".contains($0) } == true ? marker.count + 1 : 0))
        var lines: [String] = [], current = String(indent)
        for word in line.dropFirst(indent.count).split(separator: " ") {
            let blank = current.allSatisfy { $0 == " " }
            if !blank && current.count + 1 + word.count > width {
                lines.append(current)
                current = hanging + word
            } else {
                current += (blank ? "" : " ") + word
            }
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    static func code(_ source: String, terminal: Terminal) -> String {
        "\n" + source.split(separator: "\n", omittingEmptySubsequences: false)
            .map { style("  │ ", "2", terminal) + $0 }.joined(separator: "\n") + "\n"
    }
}
