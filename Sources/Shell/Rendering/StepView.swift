// How a lesson step looks: a title rule, the prose, the code in a gutter. Plain
// text without colour; headings bold and code dimmed on colour terminals.

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
        markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            if line.hasPrefix("#") {
                let heading = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
                return style(heading, "1", terminal)
            }
            return terminal.isInteractive ? wrap(String(line), width: terminal.width) : String(line)
        }.joined(separator: "\n")
    }

    /// Breaks a long line at spaces, continuing at its indentation (a list item's text
    /// lines up under itself). Markdown code (4 spaces in) and unbreakable words stay whole.
    static func wrap(_ line: String, width: Int) -> String {
        guard line.count > width, !line.hasPrefix("    ") else { return line }
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
