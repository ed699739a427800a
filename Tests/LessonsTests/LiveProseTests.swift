// Live prose: which braces in lesson Markdown are placeholders, how they are filled from
// a lesson's variables, and that prose before a step sees the parameters it assigns.
import Foundation
import Testing
import Lessons
import Python

/// `fill` with values from a table; a path it does not know stays as written.
private func filled(_ text: String) -> String {
    let table = ["n": "4", "m.head_dim": "2", "rate:.0%": "50%", "rate": "0.5"]
    return LiveProse.fill(text) { path, spec in table[path.joined(separator: ".") + (spec.isEmpty ? "" : ":" + spec)] }
}

@Test(arguments: [
    ("{n} heads", "4 heads"),
    ("width {m.head_dim}.", "width 2."),
    ("{rate:.0%} dropped, rate {rate}", "50% dropped, rate 0.5"),
    ("{{n}} is written as is", "{n} is written as is"),
    ("{{rate:.0%}}", "{rate:.0%}"),
    ("unknown {x} stays", "unknown {x} stays"),
    ("a set {1, 2} and {n, m}", "a set {1, 2} and {n, m}"),
    (#"`{type:"integer", min:1}`"#, #"`{type:"integer", min:1}`"#),
    (#"$\frac{n}{2}$"#, #"$\frac4{2}$"#),
    ("{n\n}", "{n\n}"),
    ("{ n }", "{ n }"),
    ("{2n}", "{2n}"),
    ("{n.}", "{n.}"),
    ("{n:{m}}", "{n:{m}}"),
    ("{", "{"),
    ("}{n}{", "}4{"),
])
func placeholders(_ text: String, _ expected: String) {
    #expect(filled(text) == expected)
}

/// A lesson in a temporary folder: `k` and `m` are set by step 1, `p` is a parameter of step 2.
private func session(overrides: [String: String] = [:]) throws -> LessonSession {
    let folder = NSTemporaryDirectory() + "live-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/09_live.py"
    let text = """
    # %%
    k = 3
    class M:
        head_dim = 8
    m = M()
    f = print

    # %% [markdown]
    # ## Two
    # p is {p}, k is {k}

    # %%
    p = 0.25  # @param {type:"number", min:0, max:1}
    s = 'it\\'s'  # @param {type:"string"}
    """
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    let lesson = try LessonFile.load(path: path)
    let s = LessonSession(lesson: lesson, output: { _ in })
    for (name, value) in overrides { try s.set(name, to: value) }
    return s
}

@Test func valuesComeFromTheLessonsVariables() throws {
    let s = try session()
    #expect(s.liveProse("{k} and {m.head_dim}") == "{k} and {m.head_dim}", "nothing has run yet")
    s.runNext()
    #expect(s.liveProse("{k} heads of width {m.head_dim}; {k:03d}; {k:.1f}") == "3 heads of width 8; 003; 3.0")
    #expect(s.liveProse("{m.missing} {k:.2q} {f} {M} {print}") == "{m.missing} {k:.2q} {f} {M} {print}")
}

/// Prose before step 2 sees the value step 2 is about to assign, an override included;
/// commentary after it sees what the step assigned.
@Test func proseBeforeAStepSeesItsParameters() throws {
    let s = try session(overrides: ["p": "0.5", "s": "it's \"new\""])
    s.runNext()
    let step = s.lesson.steps[1]
    #expect(s.liveProse(step.prose, before: step) == "## Two\np is 0.5, k is 3")
    #expect(s.liveProse("{p:.0%} {s}", before: step) == "50% it's \"new\"")
    #expect(s.liveProse("{p}") == "{p}", "not assigned yet")
    s.runNext()
    #expect(s.liveProse("{p} {s}") == "0.5 it's \"new\"")
    let defaults = try session()
    defaults.runNext()
    #expect(defaults.liveProse("{p} {s}", before: step) == "0.25 it's")
}
