// Where the lessons are, and which one a user means by "3", "03" or "attention".

import Foundation

/// The numbered lesson files of one `lessons/` folder.
public struct LessonCatalog: Sendable {
    public let folder: String
    /// Lesson files (`NN_name.py`), sorted by number.
    public let paths: [String]

    /// Lists `NN_*.py` files in `folder`.
    public init(folder: String) throws {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder)
        } catch {
            throw LessonError(message: "cannot read the lessons folder \(folder)")
        }
        self.folder = folder
        self.paths = names
            .filter { $0.hasSuffix(".py") && $0.prefix(2).allSatisfy(\.isNumber) && $0.dropFirst(2).first == "_" }
            .sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// The lessons folder: `$LLMWB_LESSONS`, else `./lessons`, else a `lessons` folder
    /// beside or above the executable (a checkout running `.build/release/llmwb`).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        var candidates: [String] = []
        if let explicit = environment["LLMWB_LESSONS"] { candidates.append(explicit) }
        candidates.append((FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("lessons"))
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            candidates.append(directory.appendingPathComponent("lessons").path)
            directory.deleteLastPathComponent()
        }
        var isDirectory: ObjCBool = false
        return candidates.first { FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && isDirectory.boolValue }
    }

    /// Resolves "3", "03", "03_attention" or "attention" to a lesson path.
    public func path(for query: String) throws -> String {
        let q = query.trimmingCharacters(in: .whitespaces).lowercased()
        let names = paths.map { ($0 as NSString).lastPathComponent.lowercased() }
        if let n = Int(q), let i = names.firstIndex(where: { Int($0.prefix(2)) == n }) { return paths[i] }
        if let i = names.firstIndex(where: { $0 == q || $0 == q + ".py" }) { return paths[i] }
        if let i = names.firstIndex(where: { $0.dropFirst(3).hasPrefix(q) }) { return paths[i] }
        let known = names.map { String($0.dropLast(3)) }
        var message = "no lesson \(query)"
        if let suggestion = Suggest.closest(to: q, among: known + known.map { String($0.dropFirst(3)) }) {
            message += "; did you mean \(suggestion)?"
        } else {
            message += " (lessons: \(known.joined(separator: ", ")))"
        }
        throw LessonError(message: message)
    }
}

/// "Did you mean": the closest candidate by edit distance, if it is close enough.
public enum Suggest {
    public static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        return best.1 <= max(2, word.count / 3) ? best.0 : nil
    }

    /// Levenshtein distance.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + [Int](repeating: 0, count: y.count)
            for j in 1...y.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }
}
