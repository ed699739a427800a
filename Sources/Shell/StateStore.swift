// Progress remembered between runs: which lesson, which step, which parameter
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

public struct StateStore: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// `~/.llmwb/state.json`, or nil when there is no home folder.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> StateStore? {
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return StateStore(path: home + "/.llmwb/state.json")
    }

    public func load() -> SavedProgress? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONDecoder().decode(SavedProgress.self, from: data)
    }

    /// Saves quietly: progress is a convenience and never stops the session.
    public func save(_ progress: SavedProgress) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard let data = try? JSONEncoder().encode(progress) else { return }
        FileManager.default.createFile(atPath: path, contents: data)
    }
}
