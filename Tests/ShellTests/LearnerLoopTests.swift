// The mission's loop typed literally: open a lesson, step to the attention scores, change a
// parameter, rerun (the step's new output, then exactly what changed), look, go back; and
// what the learner defined at the prompt survives it all.
import Foundation
import Shell
import Testing

/// Runs `lines` through a fresh shell (no terminal, no saved progress) and returns everything printed.
private func session(_ lines: [String]) -> String {
    var text = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { text += $0 }
    Shell(workbench: workbench, reader: PlainLineReader(lines: lines), interactive: false).run()
    return text
}

/// What follows the first occurrence of `marker` in `text` ("" when it is absent).
private func after(_ marker: String, in text: String) -> String {
    text.range(of: marker).map { String(text[$0.upperBound...]) } ?? ""
}

@Test func theMissionsLoopShowsTheNewOutputWhatChangedAndKeepsTheLearnersFunction() {
    let out = session(["open 3", "goto 6", "def sq(v):", "    return v * v", "", "total = sq(3)",
                       "set d_out 4", "rerun", "heatmap attn_weights", "back", "back", "sq(total)", "goto 6", "queries.shape"])
    let rerun = after("d_out = 4  (type `rerun` to replay with it)\n", in: out)
    // The step again, with its code and its new output.
    #expect(rerun.hasPrefix("rerunning step 6 of 03_attention with d_out=4\n\n── 03_attention · step 6 of 13 · Queries, keys and values"), "\(rerun.prefix(300))")
    #expect(rerun.contains("  │ d_out = 4\n"))  // the `# @param` annotation is hidden from shown code
    let expected: [String] = [
        "queries: torch.Size([6, 4]) keys: torch.Size([6, 4]) values: torch.Size([6, 4])",
        "changed:",
        "  W_key: 3×2 → 3×4",
        "  W_query: 3×2 → 3×4",
        "  W_value: 3×2 → 3×4",
        "  d_out: 2 → 4",
        "  keys: 6×2 → 6×4",
        "  queries: 6×2 → 6×4",
        "  values: 6×2 → 6×4",
        "attn_weights  torch.Size([6, 6])",
    ]
    let joined = expected.joined(separator: "\n")
    #expect(rerun.contains(joined), "\(rerun)")
    // Steps 1-5 do not use d_out: nothing before step 6 was replayed.
    #expect(!out.contains("replaying"))
    #expect(out.contains("back after step 5: Every token at once\nback after step 4: Similarity by dot product\n81\n"), "\(out.suffix(600))")
    // Forward again: step 6 runs with the new value; the learner's names are still there.
    #expect(out.hasSuffix("torch.Size([6, 4])\n"), "\(out.suffix(300))")
    #expect(!out.contains("Error"), "\(out)")
}

@Test func rerunWithNothingDifferentSaysSo() {
    let out = session(["open 3", "goto 6", "rerun"])
    #expect(out.hasSuffix("queries: torch.Size([6, 2]) keys: torch.Size([6, 2]) values: torch.Size([6, 2])\nnothing changed\n"),
            "\(out.suffix(300))")
}

@Test func rerunOfALaterStepReplaysTheStepsInBetweenAndNamesThem() {
    let out = session(["open 3", "goto 8", "set d_out 4", "rerun"])
    #expect(out.contains("rerunning step 8 of 03_attention with d_out=4\nreplaying steps 6–7 (parameters changed)…\n"), "\(out.suffix(2000))")
    #expect(out.contains("changed:\n"))
    #expect(out.contains("  attn_weights: values changed, max |Δ| "))
    #expect(out.contains("  queries: 6×2 → 6×4\n"))
}

@Test func aNameTheLessonRedefinesIsSaidInOneLine() {
    let out = session(["open 3", "goto 6", "queries = 'mine'", "rerun", "queries.shape"])
    #expect(out.contains("step 6 redefines `queries`: the lesson's value replaces yours\n"), "\(out.suffix(600))")
    #expect(out.hasSuffix("torch.Size([6, 2])\n"))
}

@Test func changedListComparesByContentNotAddress() {
    // Lesson 03's last steps: the sentence's words reorder the rows of x and k.
    let out = session(["open 3", "goto 13", "set sentence \"the cat sat on the fat mat\"", "rerun"])
    let changes = after("changed:\n", in: out)
    #expect(changes.contains("  k: values changed, max |Δ| 1.0000\n"), "\(changes)")
    #expect(changes.contains("  x: values changed, max |Δ| 1.0000\n"))
    #expect(changes.contains("  words: [1]: 'fat' → 'cat'\n"))
    #expect(!changes.contains("0x"))
}
