// End-to-end sessions through the shell with scripted input: commands, code,
// mistakes that leave the session intact, parameters and rerun, resuming.
import Foundation
import Shell
import Testing

/// Runs `lines` through a fresh shell (no terminal) and returns everything printed.
private func session(_ lines: [String], state: StateStore? = nil) -> String {
    var text = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: state) { text += $0 }
    Shell(workbench: workbench, reader: PlainLineReader(lines: lines), interactive: false).run()
    return text
}

@Test func designSessionWorksWordForWord() {
    let out = session(["lessons", "open 3", "next", "next", "next", "attn_weights_2", "heatmap attn_weights_2",
                       "params", "set d_out 4", "rerun", "attn_weights_2.shape"])
    #expect(out.contains(" 3  03_attention"))
    #expect(out.contains("Lesson 3: Attention"))
    #expect(out.contains("tensor([0.1385, 0.2379, 0.2333, 0.1240, 0.1082, 0.1581])"))
    #expect(out.contains("d_out = 4  (step 6 uses it: `goto 6` runs up to it)"))
    // d_out is step 6's: step 3 runs again from the snapshot after step 2, and nothing differs.
    #expect(out.contains("rerunning step 3 of 03_attention with d_out=4\n\n── 03_attention · step 3 of 13"))
    #expect(out.contains("Sum: tensor(1.)\nnothing changed\n"))
    #expect(out.hasSuffix("torch.Size([6])\n"))
}

/// DESIGN.md's session typed literally: step 1 of lesson 03 already makes `attn_weights`
/// (and draws it with token labels), so every line of the session answers.
@Test func designSessionTypedLiterallyWorks() {
    let out = session(["lessons", "open 3", "next", "attn_weights", "heatmap attn_weights", "params", "set d_out 4",
                       "rerun", "attn_weights.shape"])
    #expect(!out.contains("Error"), "\(out)")
    #expect(out.contains("tensor([[0.2098, 0.2006, 0.1981, 0.1242, 0.1220, 0.1452],\n"))
    // Drawn with token labels by step 1, by the user's `heatmap`, and by the replay.
    #expect(out.components(separatedBy: "journey ░░░0.14 ███0.24 ███0.23 ░░░0.12    0.11 ▒▒▒0.16\n").count == 4, "\(out)")
    #expect(out.contains("d_out = 4  (step 6 uses it: `goto 6` runs up to it)\n"))
    #expect(out.contains("rerunning step 1 of 03_attention with d_out=4\n"))
    #expect(out.contains("nothing changed\n"))
    #expect(out.hasSuffix("torch.Size([6, 6])\n"))
}

/// A name a later step makes: the shell says which step.
@Test func aNameFromALaterStepSaysWhichStepMakesIt() {
    let out = session(["open 3", "next", "queries"])
    #expect(out.contains("NameError: name 'queries' is not defined\n"
                         + "queries is made in step 6 of 03_attention (you are after step 1): `goto 6` runs up to it\n"),
            "\(out)")
}

@Test func designSessionWithAttentionComputedShowsTheNewShape() {
    let out = session(["open 3", "goto 7", "attn_weights.shape", "set d_out 4", "rerun", "queries.shape"])
    #expect(out.contains("d_out = 4  (type `rerun` to replay with it)\n"))
    #expect(out.hasSuffix("torch.Size([6, 4])\n"), "\(out.suffix(300))")
}

@Test func rerunReportsWhatChanged() {
    let out = session(["open 3", "goto 7", "set d_out 4", "rerun"])
    #expect(out.contains("changed:"))
    #expect(out.contains("changed:\n  W_key: 3×2 → 3×4\n"), "\(out)")
    #expect(out.contains("  queries: 6×2 → 6×4\n"))
}

@Test func mistakesLeaveTheSessionIntact() {
    let out = session(["y = torchh.ones(2, 3)", "import torch", "x = torch.ones(2, 3)", "x @ x", "undefined_name",
                       "def f(:", "", "set d_out 4", "opne 3", "heatmap x", "x.sum()"])
    #expect(out.contains("NameError: name 'torchh' is not defined. Did you mean: 'torch'?"))
    #expect(out.contains("RuntimeError: mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)"))
    #expect(out.contains("NameError: name 'undefined_name' is not defined"))
    #expect(out.contains("SyntaxError"))
    #expect(out.contains("no lesson is open"))
    #expect(out.hasSuffix("tensor(6.)\n"))
}

@Test func multiLineBlocksRunAsOne() {
    let out = session(["def double(v):", "    return 2 * v", "", "print(double(21))", "values = [1,", "  2, 3]", "sum(values)"])
    #expect(out == "42\n6\n")
}

@Test func badParameterValuesAreRefused() {
    let out = session(["open 3", "set d_out 0", "set d_outt 2", "set seed banana"])
    #expect(out.contains("d_out must be from 1 to 16; got 0"))
    #expect(out.contains("03_attention has no parameter d_outt; did you mean d_out?"))
    #expect(out.contains("seed takes a whole number from 0 to 100000; got banana"))
}

@Test func progressIsRememberedAndResumed() throws {
    let path = NSTemporaryDirectory() + "llmwb-state-\(UInt32.random(in: 0...UInt32.max)).json"
    let store = StateStore(path: path)
    _ = session(["open 3", "next", "next", "set d_out 3"], state: store)
    #expect(store.load() == SavedProgress(lesson: "03_attention", step: 2, overrides: ["d_out": "3"]))
    let out = session(["open 3", "attn_scores_2.shape", "params"], state: store)
    #expect(out.contains("resumed at step 2 of 13"))
    #expect(out.contains("torch.Size([6])"))
    #expect(out.contains("d_out"), "\(out)")
    let fresh = session(["open 3 --restart"], state: store)
    #expect(fresh.contains("13 steps. Type `next` to run the first one"))
}

@Test(arguments: [
    ("", "he", ["heatmap", "help"]),
    ("open ", "03", ["03_attention"]),
    ("help ", "pl", ["plot"]),
])
func completionOffersCommandsAndNames(prefix: String, word: String, expected: [String]) {
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { _ in }
    let shell = Shell(workbench: workbench, reader: PlainLineReader(lines: []), interactive: false)
    #expect(shell.complete(line: prefix + word, wordStart: prefix.count, word: word) == expected)
}

@Test func completionKnowsVariablesAndAttributes() {
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { _ in }
    workbench.handle("import torch")
    workbench.handle("weights = torch.ones(2)")
    let shell = Shell(workbench: workbench, reader: PlainLineReader(lines: []), interactive: false)
    #expect(shell.complete(line: "wei", wordStart: 0, word: "wei") == ["weights"])
    #expect(shell.complete(line: "weights.sof", wordStart: 0, word: "weights.sof") == ["weights.softmax"])
}

@Test func completionKnowsDictKeysInSubscripts() {
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { _ in }
    workbench.handle("trace = {\"trf_blocks.0.att\": 1, \"trf_blocks.0.ff\": 2, \"out_head\": 3}")
    let shell = Shell(workbench: workbench, reader: PlainLineReader(lines: []), interactive: false)
    let line = "trace[\"trf_blocks.0.a"
    #expect(shell.complete(line: line, wordStart: 6, word: "\"trf_blocks.0.a") == ["\"trf_blocks.0.att\"]"])
}

@Test func helpListsEveryCommandAndExplainsOne() {
    let out = session(["help", "help heatmap", "help heatmpa"])
    // A usage too long for the line continues on the next, indented: joined up again here.
    let joined = out.replacing(#/\n +\[/#, with: " [")
    for command in CommandCatalog.commands { #expect(joined.contains("  " + command.usage)) }
    #expect(out.contains("  EXPR may slice a larger tensor (`heatmap w[0, 1]`). --labels takes a list of"))
    #expect(out.contains("no command heatmpa; did you mean heatmap?"))
}

@Test func heatmapRemembersTheLessonsLabels() {
    let out = session(["open 3", "goto 5", "heatmap attn_weights", "heatmap attn_weights --labels none"])
    #expect(out.contains("attn_weights  torch.Size([6, 6])  (labels: tokens)\n"))
    #expect(out.contains("\nstep    "))
    #expect(out.hasSuffix("""
        attn_weights  torch.Size([6, 6])
            0     1     2     3     4     5
        0 ▓0.21 ▓0.20 ▓0.20 ░0.12 ░0.12 ░0.15
        1 ░0.14 █0.24 █0.23 ░0.12  0.11 ▒0.16
        2 ░0.14 █0.24 █0.23 ░0.12  0.11 ▒0.16
        3 ░0.14 ▓0.21 ▓0.20 ░0.15 ░0.13 ▒0.17
        4 ▒0.15 ▓0.20 ▓0.20 ░0.14 ▓0.19 ░0.13
        5 ░0.14 ▓0.22 ▓0.21 ░0.14  0.10 ▓0.19
          0.0988 [   ░░░░░░▒▒▒▒▒▒▓▓▓▓▓▓███] 0.2379

        """), "\(out.suffix(400))")
}

/// A reader whose user presses Ctrl-C instead of typing the line marked `nil`.
private final class InterruptingReader: LineReader {
    var lines: [String?]
    var interrupted = false
    init(_ lines: [String?]) { self.lines = lines }
    func readLine(prompt: String) -> String? {
        guard !lines.isEmpty else { return nil }
        let line = lines.removeFirst()
        interrupted = line == nil
        return line ?? ""
    }
    func addHistory(_ line: String) {}
    func takeInterrupt() -> Bool { defer { interrupted = false }; return interrupted }
}

@Test func ctrlCWhileTypingDropsTheBlock() {
    var out = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: nil, state: nil) { out += $0 }
    Shell(workbench: workbench, reader: InterruptingReader(["def f(x):", "    return x", nil, "f", nil, "1 + 1"]),
          interactive: false).run()
    #expect(out.contains("NameError: name 'f' is not defined"))
    #expect(out.hasSuffix("\n2\n"))
}

@Test func paramsListsValuesRangesAndSteps() {
    let out = session(["open 3", "set d_out 3", "params"])
    #expect(out.hasSuffix("""
          d_out        = 3           integer 1…16      (step 6, default 2)
          seed         = 123         integer 0…100000  (step 6)
          dropout_rate = 0.5         number 0…0.9      (step 10)
          sentence     = "the fat cat sat on the mat"  string            (step 12)
        change one with `set NAME VALUE`, then `rerun`

        """), "\(out.suffix(600))")
}

/// The bare prompt has torch, nn and F, as the help's examples assume.
@Test func theBarePromptHasTorchNnAndF() {
    let out = session(["x = torch.ones(2, 3)", "x.shape", "nn.Linear(3, 1).weight.shape", "F.relu(-x).sum()", "vars"])
    #expect(out == "torch.Size([2, 3])\ntorch.Size([1, 3])\ntensor(0.)\n  x  Tensor  torch.Size([2, 3]) torch.float32\n", "\(out)")
}

/// Lesson 03's closing explanation follows the last step's heatmap.
@Test func theLastStepShowsTheClosingProse() {
    let out = session(["open 3", "goto 13", "next"])
    #expect(out.contains("Read the heatmap by rows."), "\(out.suffix(1500))")
    #expect(out.hasSuffix("that was the last step of 03_attention. `lessons` lists the others.\n"))
}

/// A masked score row: the min is -inf, as torch.min says; mean and std are of the finite values.
@Test func statsCountsInfinitiesInMinAndMax() {
    let out = session(["x = torch.tensor([[0.5, float('-inf')], [1.5, 2.0]])", "stats x"])
    #expect(out == """
        shape torch.Size([2, 2])  dtype torch.float32  elements 4
        min -inf  max 2  mean 1.33333  std 0.763763 (of the finite values)
        NaN 0  inf 1

        """, "\(out)")
}
