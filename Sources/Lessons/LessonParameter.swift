// A lesson parameter: an assignment marked `# @param {...}` (the Colab form),
// its type, range or choices, and how an override rewrites the line.

import Foundation

/// One editable value of a lesson, e.g. `d_out = 2  # @param {type:"integer", min:1, max:64}`.
public struct LessonParameter: Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable { case integer, number, string, boolean }

    public let name: String
    public let kind: Kind
    /// The value as written in the lesson (Python literal text).
    public let defaultLiteral: String
    public let minimum: Double?
    public let maximum: Double?
    public let choices: [String]?
    /// 1-based line of the assignment in the lesson file.
    public let line: Int
    /// Index of the cell that assigns it.
    public let cellIndex: Int

    /// Checks a value the user typed and turns it into the Python literal to assign.
    /// Errors are one plain sentence naming the parameter and what it accepts.
    public func literal(for input: String) throws -> String {
        let text = input.trimmingCharacters(in: .whitespaces)
        if let choices {
            let unquoted = LessonParameter.unquote(text)
            guard let match = choices.first(where: { LessonParameter.unquote($0) == unquoted }) else {
                throw LessonError(message: "\(name) must be one of \(choices.joined(separator: ", ")); got \(text)")
            }
            return match
        }
        switch kind {
        case .integer:
            guard let value = Int(text.replacingOccurrences(of: "_", with: "")) else {
                throw LessonError(message: "\(name) takes a whole number\(rangeText); got \(text)")
            }
            try checkRange(Double(value), text)
            return String(value)
        case .number:
            guard let value = Double(text), value.isFinite else {
                throw LessonError(message: "\(name) takes a number\(rangeText); got \(text)")
            }
            try checkRange(value, text)
            return text.contains(".") || text.contains("e") || text.contains("E") ? text : text + ".0"
        case .boolean:
            switch text.lowercased() {
            case "true", "1", "yes", "on": return "True"
            case "false", "0", "no", "off": return "False"
            default: throw LessonError(message: "\(name) takes True or False; got \(text)")
            }
        case .string:
            return LessonParameter.pythonStringLiteral(LessonParameter.unquote(text))
        }
    }

    private var rangeText: String {
        switch (minimum, maximum) {
        case let (lo?, hi?): return " from \(LessonParameter.format(lo)) to \(LessonParameter.format(hi))"
        case let (lo?, nil): return " of at least \(LessonParameter.format(lo))"
        case let (nil, hi?): return " of at most \(LessonParameter.format(hi))"
        default: return ""
        }
    }

    private func checkRange(_ value: Double, _ text: String) throws {
        if let minimum, value < minimum { throw LessonError(message: "\(name) must be\(rangeText); got \(text)") }
        if let maximum, value > maximum { throw LessonError(message: "\(name) must be\(rangeText); got \(text)") }
    }

    public static func format(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : String(v) }

    static func unquote(_ s: String) -> String {
        if s.count >= 2, let first = s.first, let last = s.last, first == last, first == "\"" || first == "'" {
            return String(s.dropFirst().dropLast())
        }
        return s
    }

    /// Python's repr of a str: single quotes unless the text contains one.
    static func pythonStringLiteral(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case quote: out += "\\\(quote)"
            default: out.append(c)
            }
        }
        return out + String(quote)
    }

    /// The text of the assignment's value: `d_out = 2  # @param` → "2".
    static func valueText(ofAssignment line: String) -> (name: String, value: String)? {
        guard let marker = line.range(of: "# @param") else { return nil }
        let code = line[..<marker.lowerBound]
        guard let equals = code.firstIndex(of: "=") else { return nil }
        let name = code[..<equals].trimmingCharacters(in: .whitespaces)
        let value = code[code.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), !value.isEmpty else { return nil }
        return (name, value)
    }

    /// `line` with its assigned value replaced by `literal`, the comment kept.
    static func rewrite(_ line: String, literal: String) -> String {
        guard let marker = line.range(of: "# @param"), let equals = line[..<marker.lowerBound].firstIndex(of: "=") else {
            return line
        }
        return String(line[...equals]) + " " + literal + "  " + String(line[marker.lowerBound...])
    }
}

/// A problem in a lesson file or with a value given for a parameter.
public struct LessonError: Error, Equatable, CustomStringConvertible {
    public let message: String
    /// `file:line:col` when the problem is in a file.
    public var location: String?
    public init(message: String, location: String? = nil) { (self.message, self.location) = (message, location) }
    public var description: String { location.map { "\($0): error: \(message)" } ?? message }
}
