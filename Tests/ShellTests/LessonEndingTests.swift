// Every lesson reads to its end: the wrap-up after the last code cell is shown, commentary
// follows its step's output, and prose states the values the parameters have now.
import Foundation
import Lessons
import Shell
import Testing

enum LessonEnding {
    static let lessons = ["01_tokenizer", "02_embeddings", "03_attention", "04_multi_head", "05_gpt_block",
                          "06_gpt_model", "07_pretraining", "08_attention_at_scale"]

    /// A lesson's last Markdown as `llmwb run` prints it: rendered for a plain terminal.
    static func renderedEnding(_ lesson: String) throws -> String {
        let file = try LessonFile.load(path: LessonRunner.lessonsFolder + "/\(lesson).py")
        let last = try #require(file.cells.last)
        #expect(last.kind == .markdown, "\(lesson) ends with code")
        var text = Markdown.render(last.source, terminal: .plain)
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }

    /// A workbench on a lesson written to a temporary folder, its output collected.
    final class Scratch {
        private final class Collected { var text = "" }
        private let collected = Collected()
        let workbench: Workbench
        var text: String { collected.text }

        init(_ lessonText: String) throws {
            let folder = NSTemporaryDirectory() + "ending-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try lessonText.write(toFile: folder + "/01_scratch.py", atomically: true, encoding: .utf8)
            let collected = self.collected
            workbench = Workbench(terminal: .plain, lessonsFolder: folder, state: nil) { collected.text += $0 }
            workbench.headless = true
            try workbench.open("1 --restart")
        }
    }
}

/// The quick lessons run as `llmwb run` runs them, and the output ends with the wrap-up.
@Test(arguments: ["01_tokenizer", "02_embeddings", "03_attention", "04_multi_head", "05_gpt_block"])
func aRunEndsWithTheLessonsLastMarkdown(lesson: String) throws {
    let (text, succeeded) = try LessonRunner.run(lesson)
    #expect(succeeded)
    let ending = try LessonEnding.renderedEnding(lesson)
    #expect(text.hasSuffix("\n" + ending + "\n"), "\(lesson) ends with:\n\(text.suffix(600))")
}

/// Every transcript (each pinned to `llmwb run`'s output by the transcript tests) ends with
/// its lesson's last Markdown, the slow lessons included.
@Test(arguments: LessonEnding.lessons)
func everyTranscriptEndsWithTheLessonsLastMarkdown(lesson: String) throws {
    let transcript = try String(contentsOfFile: LessonRunner.transcriptsFolder + "/\(lesson).txt", encoding: .utf8)
    let ending = try LessonEnding.renderedEnding(lesson)
    #expect(transcript.hasSuffix("\n" + ending + "\n"), "\(lesson)'s transcript ends with:\n\(transcript.suffix(600))")
}

private let scratchLesson = """
# %% [markdown]
# # Scratch
# Width {width} before it is set.

# %%
width = 3  # @param {type:"integer", min:1, max:9}
print("out", width * 2)

# %% [markdown]
# Twice {width} is {double}, escaped {{width}}.
#
# ## Second
# Still {width}.

# %%
double = width * 2
print("second")

# %% [markdown]
# ## The end
# Last {double}.
"""

/// Commentary follows the output of its step, before the next step's header; prose before
/// a step sees the parameter value the step is about to assign.
@Test func commentaryFollowsItsStepsOutput() throws {
    let scratch = try LessonEnding.Scratch(scratchLesson)
    let session = try #require(scratch.workbench.session)
    try session.set("width", to: "4")
    while !session.isFinished { #expect(try scratch.workbench.next()) }
    let text = scratch.text
    #expect(text.contains("Width 4 before it is set."), "\(text)")
    func position(_ s: String) -> String.Index? { text.range(of: s)?.lowerBound }
    let order = ["out 8", "Twice 4 is {double}, escaped {width}.", "── 01_scratch · step 2 of 2 · Second",
                 "Still 4.", "second", "The end", "Last 8."]
    let positions = order.map(position)
    #expect(positions.allSatisfy { $0 != nil }, "\(text)")
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted(), "\(text)")
    #expect(text.hasSuffix("The end\nLast 8.\n"), "\(text)")
}

/// Lesson 03's `sentence` takes any text; words outside its table get the class "other".
@Test func lesson03TakesAFreeSentence() throws {
    let (text, succeeded) = try LessonRunner.run("03_attention", settings: [("sentence", "The cat sat on the warm mat")])
    #expect(succeeded, "\(text.suffix(1500))")
    #expect(flat(text).contains(flat("Each word of \"The cat sat on the warm mat\" is embedded")))
    #expect(text.contains("not in the table, so class other: ['warm']"))
    #expect(text.contains("""
        tensor([[1., 0., 0., 0., 0., 0.],
                [0., 0., 1., 0., 0., 0.],
                [0., 0., 0., 1., 0., 0.],
                [0., 0., 0., 0., 1., 0.],
                [1., 0., 0., 0., 0., 0.],
                [0., 0., 0., 0., 0., 1.],
                [0., 0., 1., 0., 0., 0.]])
        """), "\(text)")
}

/// Text with each run of spaces and line breaks made one space: prose is filled to the width.
private func flat(_ text: String) -> String {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
}

/// The prose of lessons 03, 04 and 07 states the values of the parameters, not the defaults.
@Test func lessonProseFollowsTheParameters() throws {
    let (three, ok3) = try LessonRunner.run("03_attention", settings: [("dropout_rate", "0.2")])
    #expect(ok3)
    #expect(flat(three).contains(flat("`dropout_rate`, here 0.2, and scales up")))
    #expect(flat(three).contains(flat("Each weight that survived is now 1.25 times what it was above, that is\n1/(1 − 0.2); the zeros on or below")))

    let (four, ok4) = try LessonRunner.run("04_multi_head", settings: [("d_out", "8")])
    #expect(ok4)
    #expect(flat(four).contains(flat("(As in the book, `d_out`,\nhere 8, is now the total width")))
    #expect(flat(four).contains(flat("`num_heads` × `head_dim` = 2 × 4")))

    var out = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { out += $0 }
    workbench.headless = true
    try workbench.open("7 --restart")
    let session = try #require(workbench.session)
    try session.set("size", to: "small")
    try session.set("num_epochs", to: "2")
    #expect(try workbench.next())
    let training = try #require(session.lesson.steps.first { $0.code.contains("num_epochs = 10") })
    #expect(flat(session.liveProse(training.prose, before: training))
        .contains(flat("This run trains the small model with `num_epochs` = 2 and\n`learning_rate` = 0.0004.")))
}
