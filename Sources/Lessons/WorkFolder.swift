// The folder lessons run in: `~/.llmwb/work` (Sandbox.workFolder). Lessons write there
// (lesson 07's checkpoint), never into the lessons folder, which they may only read;
// `data` there links to the lessons' `data/`, so `open("data/the-verdict.txt")` still reads.
import Foundation
import Python

enum WorkFolder {
    /// Makes the work folder and its `data` link for the lessons in `lessonsFolder`, and
    /// lets scripts read that folder. Returns the folder, or nil if it cannot be made.
    static func prepare(lessonsFolder: String) -> String? {
        let folder = Sandbox.workFolder
        Sandbox.allowReading(lessonsFolder.isEmpty ? "." : lessonsFolder)
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch { return nil }
        let data = (lessonsFolder.isEmpty ? FileManager.default.currentDirectoryPath : lessonsFolder) + "/data"
        let target = Sandbox.resolve(data)
        let link = folder + "/data"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue else { return folder }
        // A folder or file the learner put there is theirs: only a link is replaced.
        if let current = try? FileManager.default.destinationOfSymbolicLink(atPath: link) {
            if current == target { return folder }
            try? FileManager.default.removeItem(atPath: link)
        } else if FileManager.default.fileExists(atPath: link) {
            return folder
        }
        try? FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: target)
        return folder
    }
}
