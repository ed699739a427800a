// Progress remembered between runs: for each lesson, which step and which parameter
// values. A small JSON file under the user's home (~/.llmwb/state.json).

import Foundation

public struct SavedProgress: Codable, Equatable, Sendable {
    public init(lesson: String, step: Int, overrides: [String: String]) {
        (self.lesson, self.step, self.overrides) = (lesson, step, overrides)
    }
    public var lesson: String
    public var step: Int
    public var overrides: [String: String]
}

/// The file: every lesson's progress under `lessons`, and the last one saved also at the
/// top level, which is the whole of the older format (one lesson), so either version of
/// llmwb reads what the other wrote.
struct StateFile: Codable {
    var lesson: String?
    var step: Int?
    var overrides: [String: String]?
    var lessons: [String: SavedProgress]?

    /// Every lesson's progress, the top-level one included (the older format has only that).
    var all: [String: SavedProgress] {
        var all = lessons ?? [:]
        if let latest, all[latest.lesson] == nil { all[latest.lesson] = latest }
        return all
    }

    /// The progress saved last.
    var latest: SavedProgress? {
        guard let lesson, let step else { return nil }
        return SavedProgress(lesson: lesson, step: step, overrides: overrides ?? [:])
    }
}

public struct StateStore: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `~/.llmwb/state.json`, or nil when there is no home folder.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> StateStore? {
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return StateStore(path: home + "/.llmwb/state.json")
    }

    /// The progress saved last, whichever lesson it was in.
    public func load() -> SavedProgress? { read()?.latest }

    /// The progress saved for `lesson` (a lesson's name, `03_attention`).
    public func load(lesson: String) -> SavedProgress? { read()?.all[lesson] }

    private func read() -> StateFile? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(StateFile.self, from: data)
    }

    /// Saves `progress` for its lesson, keeping the other lessons' (re-read just before, so
    /// another shell's lessons are kept too). Quietly: progress is a convenience and never
    /// stops the session. Written to a temporary file and renamed, so a reader never sees half.
    public func save(_ progress: SavedProgress) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var lessons = read()?.all ?? [:]
        lessons[progress.lesson] = progress
        let file = StateFile(lesson: progress.lesson, step: progress.step, overrides: progress.overrides, lessons: lessons)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(file) else { return }
        let temporary = path + ".\(getpid()).tmp"
        guard FileManager.default.createFile(atPath: temporary, contents: data) else { return }
        if rename(temporary, path) != 0 { try? FileManager.default.removeItem(atPath: temporary) }
    }
}
