// `source NAME`: the real code under a built-in, in the language it is written in.
// `source softmax`, `source nn.Linear`, `source tiktoken`, `source gpt` (a lesson module).
// The Swift and C sources ship inside the shell's resource bundle (Plugins/SourceArchive),
// so this works from any folder.

import Foundation

struct SourceBrowser {
    /// One file of the package: its path from the package folder and its text.
    typealias SourceText = (path: String, text: String)

    /// The package's sources, lowest layer first (Tensor before NN before Script), so a
    /// name defined at several layers shows the code doing the work.
    let files: [SourceText]
    let lessonsFolder: String?

    /// The sources packed at build time, read once; nil when the resource bundle is missing.
    static let bundled: [SourceText]? = {
        let folders = [Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()]
        for folder in folders {
            for name in ["llmwb_Shell.resources", "llmwb_Shell.bundle"] {
                guard let bundle = Bundle(url: folder.appendingPathComponent(name)),
                      let url = bundle.url(forResource: "SourceArchive", withExtension: "txt"),
                      let archive = try? String(contentsOf: url, encoding: .utf8) else { continue }
                return unpack(archive)
            }
        }
        return nil
    }()

    private static let layers = ["Tensor", "CKernels", "NN", "Tokenizers", "Python", "PyRegex", "Bindings", "Lessons", "Shell", "llmwb"]

    /// Splits the archive the plugin writes: per file, U+001E, the path, a newline, the text, a newline.
    static func unpack(_ archive: String) -> [SourceText] {
        let files = archive.split(separator: "\u{1E}").compactMap { record -> SourceText? in
            guard let newline = record.firstIndex(of: "\n") else { return nil }
            var text = record[record.index(after: newline)...]
            if text.hasSuffix("\n") { text = text.dropLast() }
            return (String(record[..<newline]), String(text))
        }
        func rank(_ path: String) -> Int {
            let module = path.split(separator: "/").dropFirst().first.map(String.init) ?? ""
            return layers.firstIndex(of: module) ?? layers.count
        }
        return files.sorted { (rank($0.path), $0.path) < (rank($1.path), $1.path) }
    }

    /// Modules that are a whole file rather than one declaration.
    private static let modules: [String: String] = [
        "tiktoken": "Sources/Tokenizers/Encoding.swift", "re": "Sources/PyRegex/PyRegex.swift",
        "gemm": "Sources/Tensor/Kernels/GEMM.swift", "autograd": "Sources/Tensor/Autograd/Backward.swift",
        "random": "Sources/Tensor/Random/Generator.swift", "printing": "Sources/Tensor/Printing/Tensor+Description.swift",
    ]

    func show(_ query: String) throws -> String {
        let name = query.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw WorkbenchError("source takes a name, e.g. source softmax, source nn.Linear, source gpt") }
        if let lessonsFolder, let text = try? String(contentsOfFile: "\(lessonsFolder)/\(name).py", encoding: .utf8) {
            return "lessons/\(name).py\n\n" + text
        }
        guard !files.isEmpty else {
            throw WorkbenchError("this llmwb was installed without its sources (the llmwb_Shell resource bundle beside it)")
        }
        // A module (`tiktoken`, `collections`) or a file by name (`Tensor+Softmax`): the whole file.
        let wholeFile = SourceBrowser.modules[name.lowercased()]
            ?? files.first { $0.path == "Sources/Python/StandardLibrary/\(name).swift" }?.path
            ?? files.first { ($0.path as NSString).lastPathComponent == name || ($0.path as NSString).lastPathComponent == name + ".swift" }?.path
        if let path = wholeFile, let file = files.first(where: { $0.path == path }) {
            return "\(file.path)\n\n" + file.text
        }
        // A declaration: `softmax`, `nn.Linear`, `cross_entropy` (as crossEntropy).
        let last = String(name.split(separator: ".").last ?? Substring(name))
        let names = Set([last, SourceBrowser.camelCase(last)])
        for file in files {
            let lines = file.text.components(separatedBy: "\n")
            if let i = lines.firstIndex(where: { SourceBrowser.declaredName(in: $0).map(names.contains) ?? false }) {
                return "\(file.path):\(i + 1)\n\n" + SourceBrowser.declaration(lines, from: i) + SourceBrowser.neighbours(file, lines, except: i)
            }
        }
        throw WorkbenchError("no Swift declaration of \(name) found (try a function or type name such as softmax, Linear, GEMM, or a file such as Tensor+Softmax)")
    }

    /// The name a line declares (`func softmax(`, `final class Linear:`), if it declares one.
    static func declaredName(in line: String) -> String? {
        let words = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let keyword = words.firstIndex(where: { ["func", "class", "struct", "enum", "protocol"].contains($0) }),
              keyword + 1 < words.count else { return nil }
        // Only modifiers may come before the keyword (`public static func`), not code.
        let modifiers: Set<Substring> = ["public", "internal", "private", "fileprivate", "static", "final", "override",
                                         "mutating", "nonisolated", "open", "indirect"]
        guard words[..<keyword].allSatisfy({ modifiers.contains($0) || $0.hasPrefix("@") }) else { return nil }
        return String(words[keyword + 1].prefix { $0.isLetter || $0.isNumber || $0 == "_" })
    }

    /// A footer naming the file's other declarations, so the learner can follow the code down.
    static func neighbours(_ file: SourceText, _ lines: [String], except line: Int) -> String {
        var others: [String] = []
        for (i, text) in lines.enumerated() where i != line {
            if let name = declaredName(in: text), !name.isEmpty, !others.contains(name) { others.append(name) }
        }
        guard !others.isEmpty else { return "" }
        let fileName = ((file.path as NSString).lastPathComponent as NSString).deletingPathExtension
        let listed = others.prefix(8).joined(separator: ", ") + (others.count > 8 ? ", …" : "")
        return "\n\nalso in \(file.path): \(listed)\n(`source NAME` shows one, `source \(fileName)` the whole file)"
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
}
