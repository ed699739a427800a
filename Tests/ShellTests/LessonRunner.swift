// Runs lessons headless for the tests, as `llmwb run` does, and finds the files.
import Foundation
import Lessons
import Shell

enum LessonRunner {
    /// The repository's lessons folder, found from this source file.
    static let lessonsFolder: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("lessons").path
    }()

    static let transcriptsFolder: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Transcripts").path
    }()

    /// Everything `llmwb run LESSON --set ...` prints, and whether every step succeeded.
    static func run(_ lesson: String, settings: [(String, String)] = [], terminal: Terminal = .plain) throws -> (text: String, succeeded: Bool) {
        var text = ""
        let workbench = Workbench(terminal: terminal, lessonsFolder: lessonsFolder, state: nil) { text += $0 }
        workbench.headless = true
        try workbench.open(lesson + " --restart")
        guard let session = workbench.session else { return (text, false) }
        for (name, value) in settings { try session.set(name, to: value) }
        var succeeded = true
        while !session.isFinished {
            if !(try workbench.next()) { succeeded = false; break }
        }
        return (text, succeeded)
    }
}
