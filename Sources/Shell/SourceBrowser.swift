// `source NAME`: the real code under a built-in, in the language it is written in.
// `source softmax`, `source nn.Linear`, `source tiktoken`, `source gpt` (a lesson module).

import Foundation

struct SourceBrowser {
    /// The package's `Sources` folder, found beside or above the executable (or `LLMWB_SOURCES`).
    let sourcesFolder: String?
    let lessonsFolder: String?

    static func locateSources(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let explicit = environment["LLMWB_SOURCES"] { candidates.append(explicit) }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("Sources").path)
            directory.deleteLastPathComponent()
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/Sources")
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/Tensor") }
    }

    /// Modules that are a whole file or folder rather than one declaration.
    private static let modules: [String: String] = [
        "tiktoken": "Tokenizers/Encoding.swift", "re": "Script/Regex/PyRegex.swift",
        "gemm": "Tensor/Kernels/GEMM.swift", "autograd": "Tensor/Autograd/Backward.swift",
        "random": "Tensor/Random/Generator.swift", "printing": "Tensor/Printing/Tensor+Description.swift",
    ]

    func show(_ query: String) throws -> String {
        let name = query.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw WorkbenchError("source takes a name, e.g. source softmax, source nn.Linear, source gpt") }
        if let lessonsFolder, FileManager.default.fileExists(atPath: "\(lessonsFolder)/\(name).py"),
           let text = try? String(contentsOfFile: "\(lessonsFolder)/\(name).py", encoding: .utf8) {
            return "lessons/\(name).py\n\n" + text
        }
        guard let sourcesFolder else {
            throw WorkbenchError("the workbench's Swift sources are not beside this executable; run it from its package (swift run llmwb)")
        }
        if let file = SourceBrowser.modules[name.lowercased()],
           let text = try? String(contentsOfFile: sourcesFolder + "/" + file, encoding: .utf8) {
            return "Sources/\(file)\n\n" + text
        }
        let last = String(name.split(separator: ".").last ?? Substring(name))
        let camel = SourceBrowser.camelCase(last)
        let patterns = [last, camel].flatMap { n in
            ["func \(n)(", "func \(n)<", "class \(n)", "struct \(n)", "enum \(n)", "func \(n)_("]
        }
        for path in swiftFiles(in: sourcesFolder) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            let lines = text.components(separatedBy: "\n")
            for (i, line) in lines.enumerated() where patterns.contains(where: { line.contains($0 + " ") || line.contains($0) && !$0.hasSuffix(" ") && line.contains($0) }) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard patterns.contains(where: { p in trimmed.range(of: p).map { r in
                    let after = trimmed[r.upperBound...].first
                    return p.hasSuffix("(") || p.hasSuffix("<") || after == nil || after == " " || after == ":" || after == "{" || after == "<"
                } ?? false }) else { continue }
                let relative = path.replacingOccurrences(of: sourcesFolder, with: "Sources")
                return "\(relative):\(i + 1)\n\n" + SourceBrowser.declaration(lines, from: i)
            }
        }
        throw WorkbenchError("no Swift declaration of \(name) found (try a function or type name such as softmax, Linear, GEMM)")
    }

    /// The declaration starting at `start`, with its doc comment, up to its closing brace.
    static func declaration(_ lines: [String], from start: Int) -> String {
        var first = start
        while first > 0 && lines[first - 1].trimmingCharacters(in: .whitespaces).hasPrefix("///") { first -= 1 }
        var depth = 0, end = start, opened = false
        for i in start..<lines.count {
            for c in lines[i] {
                if c == "{" { depth += 1; opened = true } else if c == "}" { depth -= 1 }
            }
            end = i
            if opened && depth <= 0 { break }
        }
        let limit = 80
        var body = Array(lines[first...end])
        if body.count > limit { body = Array(body.prefix(limit)) + ["    … (\(end - first + 1 - limit) more lines)"] }
        return body.joined(separator: "\n")
    }

    static func camelCase(_ snake: String) -> String {
        let parts = snake.split(separator: "_")
        guard let head = parts.first else { return snake }
        return String(head) + parts.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    private func swiftFiles(in folder: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: folder) else { return [] }
        return e.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map { folder + "/" + $0 }
    }
}
