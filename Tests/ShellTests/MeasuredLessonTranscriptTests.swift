// Lesson 08 times and weighs attention on the machine it runs on, so its transcript pins
// everything but the measurements: figures the lesson prints with ≈, and plots of them.
// Regenerate with LLMWB_UPDATE_TRANSCRIPTS=1 (the filter lessonMatchesItsTranscript finds it).
import Foundation
import Testing

enum MeasurementMask {
    /// `≈12.3ms`, `≈4.0MiB`, `≈1.98`, `≈3.1x`: one token starting with ≈, and the padding
    /// before it (its width depends on the number), become ` ≈…`.
    static let measuredFigure = try! NSRegularExpression(pattern: "( *)≈\\S+")
    /// A legend entry: `━━ name (last …)`, or with a marker (no colour) `• name (last …)`.
    static let legendName = try! NSRegularExpression(pattern: "(?:━━|[•+xo*#]) (\\S+) \\(last")

    /// `text` with measured figures masked and each plot (its rows, the └ axis and its tick
    /// values, the caption and the legend) replaced by one line naming its series: `[plot: a, b]`.
    /// A plot is found by its axis line; its rows are the `LinePlot` height above it.
    static func apply(_ text: String, plotHeight: Int = 14) -> String {
        var lines = text.components(separatedBy: "\n")
        var i = 0
        while i < lines.count {
            guard lines[i].contains("└"), lines[i].contains("─"), i >= plotHeight,
                  lines[(i - plotHeight)..<i].allSatisfy({ $0.contains("┤") || $0.contains("│") }) else { i += 1; continue }
            let start = i - plotHeight
            var end = min(i + 2, lines.count)  // the axis and its tick values
            while end < lines.count, lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("x axis:")
                    || lines[end].trimmingCharacters(in: .whitespaces).hasPrefix("y axis:") { end += 1 }
            var names: [String] = []
            while end < lines.count, case let found = matches(legendName, in: lines[end]), !found.isEmpty {
                names += found
                end += 1
            }
            lines.replaceSubrange(start..<end, with: ["[plot: \(names.joined(separator: ", "))]"])
            i = start + 1
        }
        return lines.map(maskFigures).joined(separator: "\n")
    }

    static func maskFigures(_ line: String) -> String {
        let ns = line as NSString
        var result = "", last = 0
        for m in measuredFigure.matches(in: line, range: NSRange(location: 0, length: ns.length)) {
            result += ns.substring(with: NSRange(location: last, length: m.range.location - last))
            result += (m.range(at: 1).length > 0 ? " " : "") + "≈…"
            last = m.range.location + m.range.length
        }
        return result + ns.substring(from: last)
    }

    private static func matches(_ regex: NSRegularExpression, in line: String) -> [String] {
        let ns = line as NSString
        return regex.matches(in: line, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }
}

@Test(arguments: [
    ("    512     ≈0.4ms   ≈3.0MiB", "    512 ≈… ≈…"),
    ("time grows like n^≈1.93 and memory", "time grows like n^≈… and memory"),
    ("would take ≈1,234h here", "would take ≈… here"),
    ("identical tokens: True", "identical tokens: True"),
])
func measurementsAreMasked(_ input: String, _ expected: String) {
    #expect(MeasurementMask.apply(input) == expected)
}

/// A plot (here 2 rows high) becomes one line; the code line above it, with its gutter, stays.
@Test func plotsOfMeasurementsAreMasked() {
    let input = "  │ # @show plot a b_c\n3 ┤  ⡼\n  │ ⢠⠇\n  └┬─\n   0  3\n   x axis: n, log scale\n   • a (last 1)   + b_c (last 2)\nafter"
    #expect(MeasurementMask.apply(input, plotHeight: 2) == "  │ # @show plot a b_c\n[plot: a, b_c]\nafter")
}

/// The lesson at small sizes (n up to 1,024, sequences up to 32 tokens) with a budget no
/// CI machine reaches, so every size is measured on every machine.
@Test func lessonMatchesItsTranscriptWithMeasurementsMasked() throws {
    let lesson = "08_attention_at_scale"
    let settings = [("max_n", "1024"), ("time_budget", "60"), ("kv_max_len", "32"), ("kv_steps", "2")]
    let (raw, succeeded) = try LessonRunner.run(lesson, settings: settings)
    #expect(succeeded, "\(lesson) stopped with an error:\n\(raw.suffix(2000))")
    let text = MeasurementMask.apply(raw)
    let path = LessonRunner.transcriptsFolder + "/\(lesson).txt"
    try LessonRunner.compare(text, toTranscriptAt: path, of: lesson)
}
