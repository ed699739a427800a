// Runs lessons headless for the tests, as `llmwb run` does, and finds the files.
import Foundation
import Testing
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

    /// Checks `text` against the transcript at `path`, naming the first line that differs;
    /// with LLMWB_UPDATE_TRANSCRIPTS set, writes `text` there instead (review the diff).
    static func compare(_ text: String, toTranscriptAt path: String, of lesson: String, kind: String = "",
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
        if ProcessInfo.processInfo.environment["LLMWB_UPDATE_TRANSCRIPTS"] != nil {
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        guard text != expected else { return }
        let a = text.components(separatedBy: "\n"), b = expected.components(separatedBy: "\n")
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record("\(lesson) differs from its \(kind)transcript at line \(line + 1):\n  got:      \(line < a.count ? a[line] : "<end>")\n  expected: \(line < b.count ? b[line] : "<end>")",
                     sourceLocation: sourceLocation)
    }
}
