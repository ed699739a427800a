// A lesson on disk: `lessons/NN_name.py` in the percent notebook format.
// `# %%` starts a code cell, `# %% [markdown]` a prose cell of `# `-commented
// Markdown. A step is a code cell, shown with the prose that introduces it and, after
// its output, the commentary that follows it; prose after the last code cell closes the lesson.

import Foundation

/// One cell of a lesson file.
public struct LessonCell: Equatable, Sendable {
    public enum Kind: Sendable { case code, markdown }
    public let kind: Kind
    /// Code as written, or the Markdown with its comment markers removed.
    public let source: String
    /// 1-based line of the first line of `source` in the file.
    public let firstLine: Int
}

/// A step: a code cell with the prose before it, the commentary after it and the title in force.
///
/// The Markdown between two code cells is cut at its first heading: the text before the
/// heading comments on the output above it (the earlier step's commentary), the heading and
/// what follows introduce the next step. Markdown with no heading introduces the next step,
/// as such text usually leads into the code below it. Everything after the last code cell
/// is the last step's commentary: the lesson's closing words.
public struct LessonStep: Equatable, Sendable {
    public let number: Int          // 1-based
    public let title: String
    public let prose: String        // Markdown shown before the code ("" if none)
    public let code: String
    public let firstLine: Int
    /// Markdown shown after the output ("" if none).
    public internal(set) var commentary: String = ""
}

/// A parsed lesson file.
public struct LessonFile: Sendable {
    public let path: String
    public let number: Int
    /// File name without extension, e.g. `03_attention`.
    public let name: String
    /// The first Markdown heading, e.g. "Attention".
    public let title: String
    public let cells: [LessonCell]
    public let steps: [LessonStep]
    public let parameters: [LessonParameter]

    /// Reads and parses a lesson; errors name the file and line.
    public static func load(path: String) throws -> LessonFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw LessonError(message: "cannot read lesson file \(path)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw LessonError(message: "\(path) is not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    public static func parse(_ text: String, path: String) throws -> LessonFile {
        let fileName = (path as NSString).lastPathComponent
        let name = fileName.hasSuffix(".py") ? String(fileName.dropLast(3)) : fileName
        let number = Int(name.prefix { $0.isNumber }) ?? 0
        let lines = text.components(separatedBy: "\n")
        var cells: [LessonCell] = []
        var kind: LessonCell.Kind = .code
        var body: [String] = []
        var bodyStart = 1
        func flush() {
            // Trim blank lines at both ends, keeping line numbers right.
            var start = 0, end = body.count
            while start < end && body[start].trimmingCharacters(in: .whitespaces).isEmpty { start += 1 }
            while end > start && body[end - 1].trimmingCharacters(in: .whitespaces).isEmpty { end -= 1 }
            guard start < end else { return }
            let chunk = Array(body[start..<end])
            let source = kind == .markdown ? chunk.map(uncomment).joined(separator: "\n") : chunk.joined(separator: "\n")
            cells.append(LessonCell(kind: kind, source: source, firstLine: bodyStart + start))
        }
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("# %%") {
                flush()
                kind = line.dropFirst(4).trimmingCharacters(in: .whitespaces).hasPrefix("[markdown]") ? .markdown : .code
                body = []
                bodyStart = i + 2
            } else {
                body.append(line)
            }
        }
        flush()

        var parameters: [LessonParameter] = []
        for (index, cell) in cells.enumerated() where cell.kind == .code {
            for (offset, line) in cell.source.components(separatedBy: "\n").enumerated() where line.contains("# @param") {
                let lineNumber = cell.firstLine + offset
                let location = "\(path):\(lineNumber):\((line.range(of: "# @param").map { line.distance(from: line.startIndex, to: $0.lowerBound) } ?? 0) + 1)"
                do {
                    parameters.append(try parseParameter(line, line: lineNumber, cellIndex: index))
                } catch var error as LessonError {
                    error.location = location
                    throw error
                }
            }
        }
        let duplicates = Dictionary(grouping: parameters, by: \.name).filter { $0.value.count > 1 }
        if let (name, uses) = duplicates.first {
            throw LessonError(message: "parameter \(name) is declared twice (lines \(uses.map { String($0.line) }.joined(separator: " and ")))",
                              location: "\(path):\(uses[1].line):1")
        }

        var steps: [LessonStep] = []
        var title = ""
        var currentTitle = name
        var between: [String] = []   // the Markdown cells since the last code cell
        for cell in cells {
            switch cell.kind {
            case .markdown:
                for (_, heading) in headings(in: cell.source) {
                    if title.isEmpty { title = heading }
                    currentTitle = heading
                }
                between.append(cell.source)
            case .code:
                let text = between.joined(separator: "\n\n")
                // Text before the first heading comments on the previous step's output;
                // before the first step, or with no heading, it all introduces this step.
                let cut = steps.isEmpty ? text.startIndex : headings(in: text).first?.start ?? text.startIndex
                if !steps.isEmpty { steps[steps.count - 1].commentary = trimmedLines(String(text[..<cut])) }
                steps.append(LessonStep(number: steps.count + 1, title: currentTitle, prose: trimmedLines(String(text[cut...])),
                                        code: cell.source, firstLine: cell.firstLine))
                between = []
            }
        }
        // Markdown after the last code cell closes the lesson, after the last step's output.
        if !steps.isEmpty, !between.isEmpty {
            steps[steps.count - 1].commentary = trimmedLines(between.joined(separator: "\n\n"))
        }
        return LessonFile(path: path, number: number, name: name, title: title.isEmpty ? name : title,
                          cells: cells, steps: steps, parameters: parameters)
    }

    /// The text of a Markdown heading line (`## Dropout` → "Dropout"), nil for other lines.
    public static func headingText(_ line: String) -> String? {
        let hashes = line.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count), line.dropFirst(hashes.count).first == " " else { return nil }
        let text = line.dropFirst(hashes.count).trimmingCharacters(in: .whitespaces)
        return text.isEmpty ? nil : text
    }

    /// The heading lines of `markdown`: where each starts, and its text. Lines inside
    /// ``` fences are not headings.
    private static func headings(in markdown: String) -> [(start: String.Index, text: String)] {
        var found: [(start: String.Index, text: String)] = []
        var fenced = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { fenced.toggle() }
            if !fenced, let heading = headingText(String(line)) { found.append((line.startIndex, heading)) }
        }
        return found
    }

    /// `text` without blank lines at either end.
    private static func trimmedLines(_ text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        while let first = lines.first, first.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeFirst() }
        while let last = lines.last, last.trimmingCharacters(in: .whitespaces).isEmpty { lines.removeLast() }
        return lines.joined(separator: "\n")
    }

    /// `# text` → `text`, `#` → "".
    private static func uncomment(_ line: String) -> String {
        if line.hasPrefix("# ") { return String(line.dropFirst(2)) }
        if line.hasPrefix("#") { return String(line.dropFirst()) }
        return line
    }

    /// Parses `name = value  # @param {type:"integer", min:1, max:64}` or `# @param ["a", "b"]`.
    static func parseParameter(_ line: String, line lineNumber: Int, cellIndex: Int) throws -> LessonParameter {
        guard let (name, value) = LessonParameter.valueText(ofAssignment: line),
              let marker = line.range(of: "# @param") else {
            throw LessonError(message: "# @param must follow a simple assignment such as `d_out = 2  # @param {type:\"integer\"}`")
        }
        let spec = line[marker.upperBound...].trimmingCharacters(in: .whitespaces)
        if spec.hasPrefix("[") {
            let choices = try splitList(String(spec.dropFirst().dropLast()), closing: spec.last)
            let kind: LessonParameter.Kind = choices.allSatisfy { Int($0) != nil } ? .integer
                : choices.allSatisfy { Double($0) != nil } ? .number : .string
            return LessonParameter(name: name, kind: kind, defaultLiteral: value, minimum: nil, maximum: nil,
                                   choices: choices, line: lineNumber, cellIndex: cellIndex)
        }
        var fields: [String: String] = [:]
        if !spec.isEmpty {
            guard spec.hasPrefix("{"), spec.hasSuffix("}") else {
                throw LessonError(message: "expected {type:..., min:..., max:...} or [choices] after # @param, found `\(spec)`")
            }
            for item in try splitList(String(spec.dropFirst().dropLast()), closing: "]") {
                let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { throw LessonError(message: "expected key:value in # @param, found `\(item)`") }
                fields[LessonParameter.unquote(parts[0])] = LessonParameter.unquote(parts[1])
            }
        }
        let typeName = fields["type"] ?? inferType(value)
        let kind: LessonParameter.Kind
        switch typeName {
        case "integer": kind = .integer
        case "number", "slider": kind = fields["step"].flatMap(Double.init).map { $0.isFinite && $0 == $0.rounded() } == true
            && Int(value) != nil ? .integer : .number
        case "string", "raw": kind = .string
        case "boolean": kind = .boolean
        default:
            let types = ["integer", "number", "slider", "string", "boolean"]
            if let guess = Suggest.closest(to: typeName, among: types) {
                throw LessonError(message: "unknown @param type \"\(typeName)\"; did you mean \"\(guess)\"?")
            }
            throw LessonError(message: "unknown @param type \"\(typeName)\" (use integer, number, slider, string or boolean)")
        }
        let knownFields = ["type", "min", "max", "step"]
        for key in fields.keys.sorted() where !knownFields.contains(key) {
            if let guess = Suggest.closest(to: key, among: knownFields) {
                throw LessonError(message: "unknown @param field \(key); did you mean \(guess)?")
            }
            throw LessonError(message: "unknown @param field \(key) (use type, min, max, step)")
        }
        func number(_ key: String) throws -> Double? {
            guard let text = fields[key] else { return nil }
            guard let v = Double(text) else { throw LessonError(message: "@param \(key) must be a number, found \(text)") }
            return v
        }
        return LessonParameter(name: name, kind: kind, defaultLiteral: value, minimum: try number("min"),
                               maximum: try number("max"), choices: nil, line: lineNumber, cellIndex: cellIndex)
    }

    private static func inferType(_ literal: String) -> String {
        if literal == "True" || literal == "False" { return "boolean" }
        if Int(literal) != nil { return "integer" }
        if Double(literal) != nil { return "number" }
        return "string"
    }

    /// Splits `a, "b, c", d` at top-level commas, respecting quotes.
    private static func splitList(_ text: String, closing: Character?) throws -> [String] {
        guard closing == "]" || closing == "}" else { throw LessonError(message: "unclosed # @param specification") }
        var items: [String] = [], current = "", quote: Character?
        for c in text {
            if let q = quote { current.append(c); if c == q { quote = nil }; continue }
            if c == "\"" || c == "'" { quote = c; current.append(c); continue }
            if c == "," { items.append(current.trimmingCharacters(in: .whitespaces)); current = ""; continue }
            current.append(c)
        }
        if quote != nil { throw LessonError(message: "unterminated string in # @param specification") }
        let last = current.trimmingCharacters(in: .whitespaces)
        if !last.isEmpty { items.append(last) }
        return items
    }
}
