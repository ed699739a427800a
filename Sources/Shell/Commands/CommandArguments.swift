// A command's flags, read from its usage in the catalogue (`[--labels EXPR]`, `[--values]`),
// so parsing, the error for an unknown flag and Tab completion all follow that one text.

import Foundation
import Lessons

/// A flag a command's usage lists: `--labels` with its value placeholder (`EXPR`), or none.
public struct CommandFlag: Equatable, Sendable {
    public let name: String
    public let value: String?

    /// `--labels EXPR`, `--values`.
    public var usage: String { value.map { "\(name) \($0)" } ?? name }
}

extension ShellCommand {
    /// The flags in the usage: `heatmap EXPR [--labels EXPR] [--values]` → --labels EXPR, --values.
    public var flags: [CommandFlag] {
        let words = usage.split(separator: " ").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "[]")) }
        return words.indices.compactMap { i in
            guard words[i].hasPrefix("--") else { return nil }
            let next = i + 1 < words.count ? words[i + 1] : ""
            let takesValue = !next.isEmpty && !next.hasPrefix("--") && next.allSatisfy { $0.isUppercase }
            return CommandFlag(name: words[i], value: takesValue ? next : nil)
        }
    }
}

/// The words after a command: its expressions and its flags, each flag's value the word after it.
struct CommandArguments {
    var expressions: [String] = []
    private var given: [String: String] = [:]

    /// Reads `text` for `command`. Throws for a flag its usage does not list, and for a
    /// value missing after a flag that takes one (`examples` gives the hint, by flag name).
    init(_ text: String, for command: ShellCommand, examples: [String: String] = [:]) throws {
        let flags = command.flags
        let words = Workbench.splitExpressions(text)
        var i = 0
        while i < words.count {
            let word = words[i]
            i += 1
            guard word.hasPrefix("--") else { expressions.append(word); continue }
            guard let flag = flags.first(where: { $0.name == word }) else {
                var message = "\(command.name) has no option \(word)"
                if let close = Suggest.closest(to: word, among: flags.map(\.name)) { message += "; did you mean \(close)?" }
                throw WorkbenchError(message + " (options: \(flags.map(\.usage).joined(separator: ", ")))")
            }
            guard flag.value != nil else { given[word] = ""; continue }
            guard i < words.count, !words[i].hasPrefix("--") else {
                throw WorkbenchError("\(word) takes \(examples[word] ?? "a value: \(flag.usage)")")
            }
            given[word] = words[i]
            i += 1
        }
    }

    /// Whether the flag was given.
    func has(_ flag: String) -> Bool { given[flag] != nil }

    /// The value after the flag, when given.
    func value(_ flag: String) -> String? { given[flag] }

    /// The expressions as one (heatmap takes one, which may hold spaces: `a + b`).
    var expression: String { expressions.joined(separator: " ") }
}
