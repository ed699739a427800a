// Lesson files: cells, steps with their prose and titles, parameters and their checks.
import Foundation
import Testing
import Lessons

private let sample = """
# %% [markdown]
# # Attention
# Why a token looks at others.

# %%
import torch
d_out = 2  # @param {type:"integer", min:1, max:64}

# %% [markdown]
# ## Scaled scores

# %%
text = "Your journey starts"  # @param {type:"string"}
mode = "causal"  # @param ["causal", "full"]
scale = 0.5  # @param {type:"number", min:0, max:1}
print(d_out)
"""

@Test func cellsStepsAndTitles() throws {
    let lesson = try LessonFile.parse(sample, path: "lessons/03_attention.py")
    #expect(lesson.number == 3)
    #expect(lesson.name == "03_attention")
    #expect(lesson.title == "Attention")
    #expect(lesson.cells.count == 4)
    #expect(lesson.steps.map(\.title) == ["Attention", "Scaled scores"])
    #expect(lesson.steps[0].prose == "# Attention\nWhy a token looks at others.")
    #expect(lesson.steps[0].code == "import torch\nd_out = 2  # @param {type:\"integer\", min:1, max:64}")
    #expect(lesson.steps[0].firstLine == 6)
    #expect(lesson.steps[1].firstLine == 13)
}

@Test func parametersAreFoundWithTheirSpecs() throws {
    let p = try LessonFile.parse(sample, path: "l.py").parameters
    #expect(p.map(\.name) == ["d_out", "text", "mode", "scale"])
    #expect(p[0].kind == .integer && p[0].minimum == 1 && p[0].maximum == 64 && p[0].line == 7)
    #expect(p[1].kind == .string && p[1].defaultLiteral == "\"Your journey starts\"")
    #expect(p[2].choices == ["\"causal\"", "\"full\""])
    #expect(p[3].kind == .number)
}

@Test(arguments: [
    ("d_out", "4", "4"),
    ("d_out", "1_0", "10"),
    ("text", "Hello world", "'Hello world'"),
    ("text", "it's", "\"it's\""),
    ("mode", "full", "\"full\""),
    ("scale", "1", "1.0"),
])
func valuesBecomeLiterals(name: String, input: String, literal: String) throws {
    let p = try #require(try LessonFile.parse(sample, path: "l.py").parameters.first { $0.name == name })
    #expect(try p.literal(for: input) == literal)
}

@Test(arguments: [
    ("d_out", "0", "d_out must be from 1 to 64; got 0"),
    ("d_out", "two", "d_out takes a whole number from 1 to 64; got two"),
    ("mode", "sparse", "mode must be one of \"causal\", \"full\"; got sparse"),
    ("scale", "nan", "scale takes a number from 0 to 1; got nan"),
])
func badValuesAreRefusedInOneSentence(name: String, input: String, message: String) throws {
    let p = try #require(try LessonFile.parse(sample, path: "l.py").parameters.first { $0.name == name })
    #expect(throws: LessonError(message: message)) { try p.literal(for: input) }
}

@Test func unknownParameterTypeNamesFileAndLine() throws {
    let text = "# %%\nx = 1  # @param {type:\"matrix\"}\n"
    #expect(throws: LessonError(message: "unknown @param type \"matrix\" (use integer, number, slider, string or boolean)",
                                location: "lessons/09_x.py:2:8")) {
        try LessonFile.parse(text, path: "lessons/09_x.py")
    }
}

@Test func catalogResolvesNumbersNamesAndTypos() throws {
    let folder = NSTemporaryDirectory() + "lessons-\(UInt32.random(in: 0...UInt32.max))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    for name in ["01_tokenizer.py", "03_attention.py", "gpt.py", "notes.txt"] {
        FileManager.default.createFile(atPath: folder + "/" + name, contents: Data("# %%\n".utf8))
    }
    let catalog = try LessonCatalog(folder: folder)
    #expect(catalog.paths.map { ($0 as NSString).lastPathComponent } == ["01_tokenizer.py", "03_attention.py"])
    #expect(try catalog.path(for: "3").hasSuffix("03_attention.py"))
    #expect(try catalog.path(for: "attention").hasSuffix("03_attention.py"))
    #expect(try catalog.path(for: "01_tokenizer").hasSuffix("01_tokenizer.py"))
    #expect(throws: LessonError(message: "no lesson atention; did you mean attention?")) { try catalog.path(for: "atention") }
}

@Test func proseAfterTheLastCodeCellClosesTheLesson() throws {
    let lesson = try LessonFile.parse(sample + "\n# %% [markdown]\n# ## What you saw\n# Scores became weights.\n", path: "03_x.py")
    #expect(lesson.steps.count == 2)
    #expect(lesson.steps[0].commentary == "")
    #expect(lesson.steps[1].commentary == "## What you saw\nScores became weights.")
}

private let commented = """
# %% [markdown]
# # Title
# Intro.

# %%
a = 1

# %% [markdown]
# Look at the number above.
#
# ## Next
# Then this.

# %%
b = 2

# %% [markdown]
# Leads into the code below:

# %%
c = 3

# %% [markdown]
# About c.

# %% [markdown]
# ```
# # not a heading
# ```
# ## Last
# Introduces d.

# %%
d = 4
"""

/// Text before the first heading after a code cell comments on its output; the heading
/// and what follows introduce the next step; Markdown with no heading introduces the next step.
@Test func commentaryIsTheTextBeforeTheNextHeading() throws {
    let steps = try LessonFile.parse(commented, path: "09_x.py").steps
    #expect(steps.map(\.title) == ["Title", "Next", "Next", "Last"])
    #expect(steps.map(\.commentary) == ["Look at the number above.", "", "About c.\n\n```\n# not a heading\n```", ""])
    #expect(steps.map(\.prose) == ["# Title\nIntro.", "## Next\nThen this.", "Leads into the code below:", "## Last\nIntroduces d."])
}

@Test(arguments: [("# Title", "Title"), ("### Three", "Three"), ("#hashtag", nil), ("####### seven", nil), ("#", nil), ("# ", nil), ("text", nil)])
func headingLines(_ line: String, _ heading: String?) {
    #expect(LessonFile.headingText(line) == heading)
}

/// Every lesson ends with Markdown (its wrap-up), and all of it is the last step's commentary.
@Test func everyLessonsLastMarkdownIsShown() throws {
    let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("lessons").path
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.first?.isNumber == true && $0.hasSuffix(".py") }
    #expect(files.count >= 8)
    for file in files {
        let lesson = try LessonFile.load(path: folder + "/" + file)
        let lastCell = try #require(lesson.cells.last)
        let lastStep = try #require(lesson.steps.last)
        #expect(lastCell.kind == .markdown, "\(file) ends with code, not with its wrap-up")
        #expect(lastStep.commentary.hasSuffix(lastCell.source), "\(file): its last Markdown is not shown")
        #expect(lastStep.commentary.contains("Things to try"), "\(file): the wrap-up has no things to try")
    }
}
