// Nothing shared, nothing lost (issue #14): each interpreter has its own native modules,
// progress is kept per lesson (and still read from the older one-lesson file), and two
// shells on one home both keep their history lines.

import Bindings
import Foundation
import Python
import Shell
import Testing

@Suite("Session isolation and state")
struct SessionIsolationTests {
    private func interpreter() -> (Interpreter, () -> String) {
        Bindings.registerAll()
        let box = TextBox()
        return (Interpreter(output: { box.text += $0 }), { defer { box.text = "" }; return box.text })
    }

    @Test func assigningToAModuleAttributeStaysInItsInterpreter() throws {
        let (first, firstOutput) = interpreter()
        try first.run(source: "import torch\ntorch.manual_seed = 123\nimport numpy as np\nnp.pi = 3\n", filename: "<a>")
        let (second, secondOutput) = interpreter()
        try second.run(source: "import torch, numpy as np\nprint(torch.manual_seed(5).initial_seed(), np.pi)\n", filename: "<b>")
        #expect(secondOutput() == "5 3.141592653589793\n")
        try first.run(source: "print(torch.manual_seed, np.pi)\n", filename: "<a>")
        #expect(firstOutput() == "123 3\n")
    }

    @Test func submoduleCopiesAreOneObjectPerInterpreter() throws {
        let (i, output) = interpreter()
        try i.run(source: """
            import torch.nn.functional as F
            import torch, sys
            from torch import nn
            print(F is torch.nn.functional, nn is torch.nn, sys.modules['torch.nn'] is nn)
            F.relu = None
            """, filename: "<a>")
        #expect(output() == "True True True\n")
        let (other, otherOutput) = interpreter()
        try other.run(source: "import torch\nprint(torch.nn.functional.relu(torch.tensor([-1.0, 2.0])))\n", filename: "<b>")
        #expect(otherOutput() == "tensor([0., 2.])\n")
    }

    @Test func numpysGlobalStateBelongsToEachInterpreter() throws {
        let (first, firstOutput) = interpreter()
        try first.run(source: "import numpy as np\nnp.random.seed(1)\nnp.set_printoptions(precision=2)\n", filename: "<a>")
        // Making (and using) another interpreter neither reseeds nor resets the first one's.
        let (second, secondOutput) = interpreter()
        try second.run(source: "import numpy as np\nnp.random.seed(2)\nprint(np.array([1/3]))\n", filename: "<b>")
        #expect(secondOutput() == "[0.33333333]\n")
        try first.run(source: "print(np.random.randint(10), np.array([1/3]))\n", filename: "<a>")
        #expect(firstOutput() == "5 [0.33]\n")
    }

    @Test func matmulPrecisionAndTqdmWriteBelongToEachInterpreter() throws {
        let (first, firstOutput) = interpreter()
        try first.run(source: "import torch, tqdm\ntorch.set_float32_matmul_precision('medium')\n", filename: "<a>")
        let (second, secondOutput) = interpreter()
        try second.run(source: "import torch, tqdm\nprint(torch.get_float32_matmul_precision())\n", filename: "<b>")
        #expect(secondOutput() == "highest\n")
        // tqdm.write goes to the interpreter that calls it, not to the one that imported tqdm last.
        try first.run(source: "tqdm.tqdm.write('from a')\nprint(torch.get_float32_matmul_precision())\n", filename: "<a>")
        #expect(firstOutput() == "from a\nmedium\n")
        #expect(secondOutput() == "")
    }

    @Test func breakpointsStopOnlyTheInterpretersGivenThem() throws {
        let stops = TextBox()
        let list = Breakpoints { stop in stops.text += stop.function + ";" }
        list.names = ["double"]
        defer { list.names = [] }
        let (first, _) = interpreter(), (second, _) = interpreter()
        first.breakpoints = list
        for i in [second, first] { try i.run(source: "def double(x):\n    return 2 * x\ndouble(2)\n", filename: "<b>") }
        #expect(stops.text == "double;")
    }

    @Test func progressIsKeptPerLesson() throws {
        let store = StateStore(path: NSTemporaryDirectory() + "llmwb-state-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(atPath: store.path) }
        store.save(SavedProgress(lesson: "03_attention", step: 2, overrides: ["d_out": "3"]))
        store.save(SavedProgress(lesson: "01_tokenizer", step: 4, overrides: [:]))
        #expect(store.load(lesson: "03_attention") == SavedProgress(lesson: "03_attention", step: 2, overrides: ["d_out": "3"]))
        #expect(store.load(lesson: "01_tokenizer") == SavedProgress(lesson: "01_tokenizer", step: 4, overrides: [:]))
        #expect(store.load() == SavedProgress(lesson: "01_tokenizer", step: 4, overrides: [:]))
        #expect(store.load(lesson: "02_embeddings") == nil)
    }

    @Test func theOlderOneLessonFileIsReadAndKept() throws {
        let store = StateStore(path: NSTemporaryDirectory() + "llmwb-state-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(atPath: store.path) }
        let old = #"{"lesson":"03_attention","step":5,"overrides":{"seed":"7"}}"#
        FileManager.default.createFile(atPath: store.path, contents: Data(old.utf8))
        #expect(store.load(lesson: "03_attention") == SavedProgress(lesson: "03_attention", step: 5, overrides: ["seed": "7"]))
        store.save(SavedProgress(lesson: "04_multi_head", step: 1, overrides: [:]))
        #expect(store.load(lesson: "03_attention")?.step == 5)
        // The file still opens as the older format: its top level is the lesson saved last.
        let data = try #require(FileManager.default.contents(atPath: store.path))
        #expect(try JSONDecoder().decode(SavedProgress.self, from: data) == SavedProgress(lesson: "04_multi_head", step: 1, overrides: [:]))
    }

    @Test func reopeningALessonResumesItsOwnStep() throws {
        let store = StateStore(path: NSTemporaryDirectory() + "llmwb-state-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(atPath: store.path) }
        func session(_ lines: [String]) -> String {
            var text = ""
            let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: store) { text += $0 }
            Shell(workbench: workbench, reader: PlainLineReader(lines: lines), interactive: false).run()
            return text
        }
        _ = session(["open 3", "next", "next", "open 1", "next"])
        let three = session(["open 3"])
        #expect(three.contains("resumed at step 2 of 13"), "\(three)")
        let one = session(["open 1"])
        #expect(one.contains("resumed at step 1 of 10"), "\(one)")
    }

    @Test func historyIsAppendedSoAnotherShellsLinesStay() throws {
        let path = NSTemporaryDirectory() + "llmwb-history-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: path) }
        FileManager.default.createFile(atPath: path, contents: Data("old line\n".utf8))
        let reader = ReadlineReader(historyPath: path) { _, _, _ in [] }
        // Another shell on the same home appends its line after this one has read the file.
        let other = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        other.seekToEndOfFile()
        other.write(Data("other shell's line\n".utf8))
        try other.close()
        reader.addHistory("this shell's line")
        let lines = String(decoding: try #require(FileManager.default.contents(atPath: path)), as: UTF8.self)
        #expect(lines == "old line\nother shell's line\nthis shell's line\n")
    }
}

private final class TextBox: @unchecked Sendable {
    var text = ""
}
