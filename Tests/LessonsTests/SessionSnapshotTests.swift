// Snapshots after each step: restoring one and running on prints what a fresh run prints
// (RNG streams, in-place changes, objects); the learner's names survive; memory is shared.
import Foundation
import Python
import Testing
import Lessons

private let lessonsFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("lessons").path

private func lesson(_ number: Int) throws -> LessonFile {
    let prefix = String(format: "%02d_", number)
    let name = try #require(try FileManager.default.contentsOfDirectory(atPath: lessonsFolder).first { $0.hasPrefix(prefix) && $0.hasSuffix(".py") })
    return try LessonFile.load(path: lessonsFolder + "/" + name)
}

/// Collects a session's output.
private final class Printed { var text = "" }

/// Draws from both generators without seeding between steps, changes objects in place.
private let drawing = """
# %%
import random
import torch
torch.manual_seed(1)
random.seed(2)
a = torch.rand(2)
lst = [1]
class Box:
    pass
box = Box()
box.items = [1, 2]
box.t = torch.zeros(2)

# %%
print(torch.rand(2), random.random())

# %%
drop = torch.nn.Dropout(0.5)
print(drop(torch.ones(8)))

# %%
lst.append(2)
box.items.append(3)
box.t += 1
a.add_(1)
print(lst, box.items, box.t, a, torch.rand(1), random.random())
"""

/// Each step's output in a fresh run.
private func freshOutputs(_ file: LessonFile) -> [String] {
    let printed = Printed()
    let session = LessonSession(lesson: file, output: { printed.text += $0 })
    var outputs: [String] = []
    while !session.isFinished {
        printed.text = ""
        session.runNext()
        outputs.append(printed.text)
    }
    return outputs
}

/// Runs to the end, then from each step back to each earlier one: restoring must be
/// instant (no replay) and running the next step must print what a fresh run printed.
private func checkRestores(_ file: LessonFile, sourceLocation: SourceLocation = #_sourceLocation) {
    let fresh = freshOutputs(file)
    let printed = Printed()
    let session = LessonSession(lesson: file, output: { printed.text += $0 })
    while !session.isFinished { session.runNext() }
    for target in stride(from: file.steps.count - 1, through: 0, by: -1) {
        let restored = session.restore(to: target)
        #expect(restored.replayed == nil, "step \(target) was replayed", sourceLocation: sourceLocation)
        #expect(session.position == target, sourceLocation: sourceLocation)
        printed.text = ""
        session.runNext()
        #expect(printed.text == fresh[target], "step \(target + 1) after restoring step \(target)", sourceLocation: sourceLocation)
        _ = session.restore(to: target)
    }
    // From the start again, every step in turn.
    #expect(session.position == 0, sourceLocation: sourceLocation)
    for (i, expected) in fresh.enumerated() {
        printed.text = ""
        session.runNext()
        #expect(printed.text == expected, "step \(i + 1) run on from the start", sourceLocation: sourceLocation)
    }
}

@Test func restoringThenRunningOnRepeatsRandomDrawsAndInPlaceChanges() throws {
    checkRestores(try LessonFile.parse(drawing, path: "lessons/99_drawing.py"))
}

@Test(arguments: [1, 2, 3, 4])
func restoringALessonStepThenRunningOnPrintsWhatAFreshRunPrints(number: Int) throws {
    checkRestores(try lesson(number))
}

@Test func namesDefinedAtThePromptSurviveARestore() throws {
    let session = LessonSession(lesson: try LessonFile.parse(drawing, path: "lessons/99_drawing.py"), output: { _ in })
    session.runNext()
    session.runNext()
    try session.interpreter.evaluate("total = 5\ndef sq(v):\n    return v * v\n")
    let restored = session.restore(to: 0)
    #expect(restored.redefined.isEmpty)
    #expect(session.interpreter.global("a") == nil)
    #expect(try session.interpreter.evaluate("sq(total)").map { session.interpreter.repr($0) } == "25")
    session.runNext()
    #expect(try session.interpreter.evaluate("sq(total) + len(lst)").map { session.interpreter.repr($0) } == "26")
}

@Test func aLessonNameTheLearnerReboundIsTheLessonsAgainAndSaidSo() throws {
    let session = LessonSession(lesson: try LessonFile.parse(drawing, path: "lessons/99_drawing.py"), output: { _ in })
    session.runNext()
    session.runNext()
    try session.interpreter.evaluate("lst = 'mine'\nbox.items = []")
    let restored = session.restore(to: 1)
    #expect(restored.redefined == ["lst"])
    #expect(try session.interpreter.evaluate("lst, box.items").map { session.interpreter.repr($0) } == "([1], [1, 2])")
}

@Test func aSnapshotSharesTheBytesAStepLeftUnchanged() throws {
    let session = LessonSession(lesson: try LessonFile.parse(drawing, path: "lessons/99_drawing.py"), output: { _ in })
    session.runNext()
    session.runNext()
    #expect(session.snapshotNewBytes(after: 1) == 16)   // a and box.t: two float32 pairs
    #expect(session.snapshotNewBytes(after: 2) == 0)    // step 2 draws but changes no tensor
    session.runNext()
    session.runNext()
    #expect(session.snapshotNewBytes(after: 4) == 16)   // a and box.t changed in place
}

@Test func aChangedParameterReplaysFromItsStepOnly() throws {
    let file = try lesson(3)
    let session = LessonSession(lesson: file, output: { _ in })
    for _ in 0..<7 { session.runNext() }
    try session.set("d_out", to: "4")
    let plan = try #require(session.replayPlan(to: 7))
    #expect(plan.steps == 6...7)
    #expect(plan.reason == "parameters changed")
    #expect(session.replayPlan(to: 5) == nil)
    let restored = session.restore(to: 7)
    #expect(restored.replayed == 6...7)
    #expect(try session.interpreter.evaluate("queries.shape").map { session.interpreter.repr($0) } == "torch.Size([6, 4])")
}

@Test func anObjectASnapshotCannotSaveMeansReplayingAndSaysWhy() throws {
    let source = "# %%\ndef count():\n    yield 1\n    yield 2\n\ng = count()\nnext(g)\n\n# %%\nprint(next(g))\n"
    let printed = Printed()
    let session = LessonSession(lesson: try LessonFile.parse(source, path: "lessons/98_gen.py"), output: { printed.text += $0 })
    session.runNext()
    session.runNext()
    let plan = try #require(session.replayPlan(to: 1))
    #expect(plan.steps == 1...1)
    #expect(plan.reason == "a generator object cannot be saved")
    _ = session.restore(to: 1)
    printed.text = ""
    session.runNext()
    #expect(printed.text == "2\n")
}

@Test func snapshotsKeepToTheMemoryLimit() throws {
    let session = LessonSession(lesson: try LessonFile.parse(drawing, path: "lessons/99_drawing.py"), output: { _ in })
    session.memoryLimit = 40
    for _ in 0..<4 { session.runNext() }
    // Steps 1-3 share 16 bytes; step 4 changed them in place: 16 more. All fit in 40.
    #expect(session.snapshotBytes == 32)
    #expect(session.snapshotSteps == [0, 1, 2, 3, 4])
    session.memoryLimit = 20
    _ = session.restore(to: 3)
    session.runNext()
    // 32 bytes no longer fit: the oldest snapshots go, and going back to them replays.
    #expect(session.snapshotSteps == [0, 4])
    #expect(session.replayPlan(to: 2)?.reason == "older snapshots were dropped at the 20 bytes limit")
    session.memoryLimit = 10
    _ = session.restore(to: 3)
    #expect(session.position == 3)
    session.runNext()
    #expect(session.snapshotSteps == [0])
    #expect(session.replayPlan(to: 4)?.reason == "16 bytes of tensors, past the 10 bytes snapshot limit")
}

/// A small training loop: optimizer moments, a shuffling loader, an iterator half used,
/// dropout in train mode and eval mode in between.
private let training = """
# %%
import torch
from torch.utils.data import DataLoader
torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.Dropout(0.5), torch.nn.Linear(4, 1))
opt = torch.optim.AdamW(model.parameters(), lr=0.1)
loader = DataLoader([torch.ones(3) * i for i in range(6)], batch_size=2, shuffle=True)
it = iter(loader)

# %%
for x in loader:
    loss = model(x).pow(2).mean()
    opt.zero_grad()
    loss.backward()
    opt.step()
print(loss, model[0].weight.grad)

# %%
print(next(it))
model.eval()
print(model(torch.ones(1, 3)))

# %%
model.train()
loss = model(torch.ones(1, 3)).sum()
loss.backward()
opt.step()
print(model(torch.ones(1, 3)), next(it), opt.state_dict()["state"][0]["step"])
"""

@Test func goingBackOverTrainingRestoresWeightsOptimizerAndLoaderWithoutTrainingAgain() throws {
    checkRestores(try LessonFile.parse(training, path: "lessons/96_training.py"))
}
