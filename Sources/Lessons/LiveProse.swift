// Live prose: a lesson's Markdown may name the lesson's variables, `{num_epochs}`,
// `{mha.head_dim}`, `{dropout_rate:.0%}`, and the shell shows their current values.

import Foundation
import Python

/// Placeholders in lesson Markdown, filled in when the prose is shown.
///
/// A placeholder is `{path}` or `{path:spec}`: `path` is a name the lesson has defined
/// followed by any number of `.attribute`s, `spec` is a Python format spec (as in an
/// f-string, without nested braces). It is replaced by `format(value, spec)`. Anything
/// else in braces is left as written: set literals, `{type:"integer"}`, LaTeX, and also a
/// placeholder whose name is not defined (yet), whose attribute is missing, whose value is
/// a module, function or class, or whose spec does not apply. `{{path}}` writes `{path}`
/// literally. `llmwb exec` never shows Markdown, so there they stay as written.
public enum LiveProse {
    /// One placeholder found in a text: the whole `{...}` and its parts.
    struct Placeholder: Equatable {
        let range: Range<String.Index>
        let path: [String]
        let spec: String
        /// `{{...}}`: to be written as `{...}`, never filled.
        let escaped: Bool
    }

    /// `markdown` with each placeholder replaced by `value(path, spec)`, or left as written
    /// when that gives nil.
    public static func fill(_ markdown: String, value: ([String], String) -> String?) -> String {
        var out = ""
        var last = markdown.startIndex
        for p in placeholders(in: markdown) {
            out += markdown[last..<p.range.lowerBound]
            let inner = p.path.joined(separator: ".") + (p.spec.isEmpty ? "" : ":" + p.spec)
            if p.escaped { out += "{" + inner + "}" } else { out += value(p.path, p.spec) ?? String(markdown[p.range]) }
            last = p.range.upperBound
        }
        return out + markdown[last...]
    }

    /// The placeholders in `text`, in order.
    static func placeholders(in text: String) -> [Placeholder] {
        var found: [Placeholder] = []
        var i = text.startIndex
        while let open = text[i...].firstIndex(of: "{") {
            let escaped = text[text.index(after: open)...].first == "{"
            let start = escaped ? text.index(after: open) : open
            if let (path, spec, close) = parse(text, from: text.index(after: start)) {
                let end = text.index(after: close)
                if escaped {
                    if text[end...].first == "}" {
                        found.append(Placeholder(range: open..<text.index(after: end), path: path, spec: spec, escaped: true))
                        i = text.index(after: end)
                        continue
                    }
                } else {
                    found.append(Placeholder(range: open..<end, path: path, spec: spec, escaped: false))
                    i = end
                    continue
                }
            }
            i = text.index(after: open)
        }
        return found
    }

    /// Reads `name(.attr)*(:spec)?}` from `start`: the path, the spec and the `}`'s index.
    private static func parse(_ text: String, from start: String.Index) -> ([String], String, String.Index)? {
        var path: [String] = [], i = start
        while true {
            let name = text[i...].prefix { $0 == "_" || $0.isLetter || $0.isNumber }
            guard let first = name.first, first == "_" || first.isLetter, name.allSatisfy(\.isASCII) else { return nil }
            path.append(String(name))
            i = name.endIndex
            guard i < text.endIndex, text[i] == "." else { break }
            i = text.index(after: i)
        }
        guard i < text.endIndex else { return nil }
        if text[i] == "}" { return (path, "", i) }
        guard text[i] == ":" else { return nil }
        let specStart = text.index(after: i)
        guard let close = text[specStart...].firstIndex(where: { "{}\n".contains($0) }), text[close] == "}" else { return nil }
        return (path, String(text[specStart..<close]), close)
    }

    /// `format(value, spec)` of the value `path` leads to from `root`, or nil when an attribute
    /// is missing, the value is a module, function or class, or formatting fails.
    public static func format(_ root: Value, path: ArraySlice<String>, spec: String, in interpreter: Interpreter) -> String? {
        guard case .object(let module)? = interpreter.global("__builtins__"), let builtins = module as? PyModule,
              let getattr = builtins.globals["getattr"], let format = builtins.globals["format"] else { return nil }
        var value = root
        for name in path {
            guard let next = try? interpreter.call(getattr, Arguments([value, .str(name)])) else { return nil }
            value = next
        }
        if case .object(let o) = value, o is PyClass || o is PyModule { return nil }
        if ["function", "builtin_function_or_method", "method"].contains(value.typeName) { return nil }
        if spec.isEmpty { return interpreter.str(value) }
        guard case .str(let text)? = try? interpreter.call(format, Arguments([value, .str(spec)])) else { return nil }
        return text
    }
}

extension LessonSession {
    /// `markdown` with its placeholders filled from the lesson's variables as they are now.
    /// Prose shown before `step` runs also sees the parameters that step assigns, at the
    /// values it is about to give them (an override set with `set`, or the lesson's default).
    public func liveProse(_ markdown: String, before step: LessonStep? = nil) -> String {
        guard markdown.contains("{") else { return markdown }
        var pending: [String: Value] = [:]
        if let step {
            let lines = step.firstLine..<(step.firstLine + step.code.components(separatedBy: "\n").count)
            for p in lesson.parameters where lines.contains(p.line) {
                if let v = LiveProse.literalValue(value(of: p)) { pending[p.name] = v }
            }
        }
        return LiveProse.fill(markdown) { path, spec in
            guard let name = path.first, let root = pending[name] ?? interpreter.global(name) else { return nil }
            return LiveProse.format(root, path: path.dropFirst(), spec: spec, in: interpreter)
        }
    }
}

extension LiveProse {
    /// The value of a parameter literal as a lesson writes it (`10`, `0.5`, `True`, `'the cat'`).
    static func literalValue(_ literal: String) -> Value? {
        let text = literal.trimmingCharacters(in: .whitespaces)
        if text == "True" { return .bool(true) }
        if text == "False" { return .bool(false) }
        if let i = Int(text.replacingOccurrences(of: "_", with: "")) { return .int(i) }
        if let d = Double(text) { return .float(d) }
        guard text.count >= 2, let quote = text.first, quote == "'" || quote == "\"", text.last == quote else { return nil }
        var out = "", escaping = false
        for c in text.dropFirst().dropLast() {
            if escaping {
                switch c {
                case "n": out.append("\n")
                case "t": out.append("\t")
                default: out.append(c)
                }
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        return .str(out)
    }
}
