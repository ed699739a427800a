// The failure catalogue (issue #9): bad input of every kind a learner gives the
// workbench, each with the one whole message it must answer. The tables live in
// FailureCatalog+*.swift; this file holds the fixtures and the tests that read them.
import Foundation
import Python
import Shell
import Tensor
import Testing

/// One bad input: lines typed (after a setup whose output is not checked) and the
/// whole answer the workbench must print for them.
struct BadInput: Sendable, CustomTestStringConvertible {
    let setup: [String]
    let lines: [String]
    let answer: String
    /// The lessons folder: the repository's, or the catalogue's folder of broken lessons.
    let lessons: String

    init(_ lines: [String], after setup: [String] = [], lessons: String = LessonRunner.lessonsFolder, _ answer: String) {
        (self.lines, self.setup, self.lessons, self.answer) = (lines, setup, lessons, answer)
    }

    init(_ line: String, after setup: [String] = [], lessons: String = LessonRunner.lessonsFolder, _ answer: String) {
        self.init(line.components(separatedBy: "\n"), after: setup, lessons: lessons, answer)
    }

    var testDescription: String { lines.joined(separator: " ⏎ ") }
}

/// The tables (FailureCatalog+*.swift), one per kind of mistake.
enum FailureCatalog {
    /// A giant value at the prompt: its first 4,000 characters, then what was left out.
    static let giantValues: [BadInput] = {
        let list = "[" + (0..<1_000_000).map(String.init).joined(separator: ", ") + "]"
        return [
            BadInput("big = list(range(10**6)); big", String(list.prefix(4000)) + "…\n"
                     + "(showing 4,000 of 7,888,890 characters of its repr; print() or show prints it all)"),
            BadInput(#"s = "x" * (100 * 1024 * 1024); s"#, "'" + String(repeating: "x", count: 4000) + "…\n"
                     + "(showing 4,000 of 104,857,600 characters; print() or show prints it all)"),
        ]
    }()
}

/// Files the catalogue opens: binary and Latin-1 text, broken safetensors, broken lessons.
enum CatalogueFiles {
    /// A folder of its own under the temporary directory, made once per test run.
    static let folder: String = {
        let folder = NSTemporaryDirectory() + "llmwb-catalogue-\(getpid())"
        // Outside the sandbox's folders: the catalogue lets scripts use it, as --allow-path would.
        Sandbox.allow(folder)
        let lessons = folder + "/lessons/"
        try? FileManager.default.createDirectory(atPath: folder + "/adir", withIntermediateDirectories: true)
        try? FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
        func write(_ name: String, _ bytes: [UInt8]) {
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(bytes))
        }
        func length(_ n: Int) -> [UInt8] { (0..<8).map { UInt8(truncatingIfNeeded: n >> (8 * $0)) } }
        write("binary.bin", Array("hello\u{0}".utf8) + [0xFF, 0xFE] + Array(" binary".utf8))
        write("latin1.txt", Array("caf".utf8) + [0xE9, 0x0A])
        write("cut.txt", Array("caf".utf8) + [0xC3])
        write("short-header.safetensors", length(8) + Array("{\"a\":1".utf8))
        write("garbage.safetensors", Array("garbage file here".utf8))
        write("empty.safetensors", [])
        let header = Array(#"{"w":{"dtype":"F32","shape":[4,4],"data_offsets":[0,64]}}"#.utf8)
        write("cut.safetensors", length(header.count) + header + [UInt8](repeating: 0, count: 54))
        write("badjson.safetensors", length(5) + Array("{abc}".utf8))
        write("lessons/01_broken.py", Array("# %% [markdown]\n# # Broken\n\n# %%\nx = 1\ndef f(:\n    pass\n".utf8))
        write("lessons/02_badparam.py", Array("# %%\nd = 2  # @param {type:\"integr\"}\n".utf8))
        write("lessons/03_huge.py", Array("# %%\nn = 5  # @param {type:\"integer\", min:1e300, max:1e308}\n".utf8))
        write("lessons/04_latin.py", Array("# %%\nx = 'caf".utf8) + [0xE9] + Array("'\n".utf8))
        write("lessons/05_twice.py", Array("# %%\nd = 2  # @param {type:\"integer\"}\nd = 3  # @param {type:\"integer\"}\n".utf8))
        write("lessons/06_field.py", Array("# %%\nd = 2  # @param {type:\"integer\", mn:1}\n".utf8))
        write("lessons/07_loop.py", Array("# %%\nx = 1\n\n# %%\nwhile True:\n    x += 1\n".utf8))
        return folder
    }()

    static var lessons: String { folder + "/lessons" }

    /// How Storage names this machine's memory in a MemoryError.
    static let machineMemory = Storage.formatBytes(Int(ProcessInfo.processInfo.physicalMemory))
}

/// Runs `setup`, then `lines` through the shell (no terminal); returns what the lines printed.
func answer(to lines: [String], after setup: [String], lessons: String = LessonRunner.lessonsFolder) -> String {
    var text = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: lessons, state: nil) { text += $0 }
    for line in setup { workbench.handle(line) }
    text = ""
    Shell(workbench: workbench, reader: PlainLineReader(lines: lines), interactive: false).run()
    return text
}

@Suite("Failure catalogue")
struct FailureCatalogTests {
    private func check(_ bad: BadInput, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let got = answer(to: bad.lines, after: bad.setup, lessons: bad.lessons)
        #expect(got == bad.answer + "\n", "\n--- got ---\n\(got)--- expected ---\n\(bad.answer)\n", sourceLocation: sourceLocation)
    }

    @Test(arguments: FailureCatalog.syntax) func syntaxError(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.runtime) func runtimeError(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.tensors) func tensorError(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.limits) func resourceLimit(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.giantValues) func giantValueIsSummarised(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.files) func badFile(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.lessonFiles) func badLessonFile(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.commands) func badCommand(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.plots) func badPlotOrHeatmap(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.sandbox) func sandboxed(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.signals) func sessionState(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.fileSandbox) func fileSandbox(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.sizes) func giantSizeOrNesting(_ bad: BadInput) { check(bad) }
    @Test(arguments: FailureCatalog.export) func savedPicture(_ bad: BadInput) { check(bad) }

    @Test func catalogueCoversAHundredBadInputs() {
        let all = FailureCatalog.syntax + FailureCatalog.runtime + FailureCatalog.tensors + FailureCatalog.limits
            + FailureCatalog.giantValues + FailureCatalog.files + FailureCatalog.lessonFiles + FailureCatalog.commands + FailureCatalog.sandbox
            + FailureCatalog.signals
            + FailureCatalog.fileSandbox
            + FailureCatalog.plots + FailureCatalog.sizes
            + FailureCatalog.export
        #expect(all.count >= 100)
        #expect(Set(all.map(\.testDescription)).count == all.count, "each bad input appears once")
    }
}
