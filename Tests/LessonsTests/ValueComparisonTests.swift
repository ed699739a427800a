// What `rerun` lists as changed: values by content, never by address; one line per change.
import Foundation
import Python
import Testing
import Lessons

/// A session over an empty lesson, for its interpreter (with torch registered).
private func interpreter(_ code: String) throws -> Interpreter {
    let session = LessonSession(lesson: try LessonFile.parse("# %%\npass\n", path: "lessons/97_empty.py"), output: { _ in })
    try session.interpreter.evaluate(code)
    return session.interpreter
}

/// The change line for globals `a` → `b`, or nil when they hold the same content.
private func change(_ code: String) throws -> String? {
    let i = try interpreter(code)
    guard let a = i.global("a"), let b = i.global("b") else { return "missing" }
    return LessonSession.describeChange(from: a, to: b, in: i)
}

@Test(arguments: [
    // Objects at different addresses with the same state are the same.
    ("class Tok:\n    def __init__(self, vocab):\n        self.vocab = vocab\na = Tok({'a': 1})\nb = Tok({'a': 1})", nil),
    ("import torch\na = torch.utils.data.DataLoader([1, 2, 3], batch_size=2)\nb = torch.utils.data.DataLoader([1, 2, 3], batch_size=2)", nil),
    ("a = iter([1, 2])\nb = iter([1, 2])", nil),
    ("import torch.nn as nn, torch\ntorch.manual_seed(1)\na = nn.Linear(2, 3)\ntorch.manual_seed(1)\nb = nn.Linear(2, 3)", nil),
    // And what differs is named.
    ("class Tok:\n    def __init__(self, vocab):\n        self.vocab = vocab\na = Tok({'a': 1})\nb = Tok({'a': 2})", "vocab['a']: 1 → 2"),
    ("import torch\na = torch.utils.data.DataLoader([1, 2, 3], batch_size=2)\nb = torch.utils.data.DataLoader([1, 2, 3], batch_size=3)", "batch_size: 2 → 3"),
    ("import torch\na = torch.tensor([[1., 0.], [0., 1.]])\nb = a.flip(0)", "values changed, max |Δ| 1.0000"),
    ("import torch\na = torch.zeros(2, 3)\nb = torch.zeros(2, 4)", "2×3 → 2×4"),
    ("import torch\na = torch.zeros(2)\nb = torch.zeros(2, dtype=torch.long)", "torch.float32 → torch.int64"),
    ("import torch\na = torch.zeros(2)\nb = torch.zeros(2).requires_grad_()", "requires_grad False → True"),
    ("import torch.nn as nn, torch\ntorch.manual_seed(1)\na = nn.Linear(2, 3)\nb = nn.Linear(2, 4)", "weight: 3×2 → 4×2"),
    ("a = [1, 2]\nb = [1, 2, 3]", "list of 2 → 3 items"),
    ("a = iter([1, 2])\nb = iter([1, 2])\nnext(b)", "position: 0 → 1"),
    ("import torch\nd = torch.utils.data.DataLoader([1, 2, 3], batch_size=2)\na = iter(d)\nb = iter(d)\nnext(b)", "position: 0 → 2"),
    ("a = 2\nb = 4", "2 → 4"),
] as [(String, String?)])
func changesAreByContent(code: String, expected: String?) throws {
    let got = try change(code)
    #expect(got == expected)
}

@Test func aTensorChangedByATinyAmountSaysHowMuch() throws {
    let got = try change("import torch\na = torch.tensor([1., 2.])\nb = torch.tensor([1., 2.00001])")
    #expect(got == "values changed, max |Δ| 1e-05")
}
