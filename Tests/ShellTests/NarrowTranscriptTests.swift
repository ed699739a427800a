// Lessons 01–04 run headless on a 60-column terminal and print exactly their committed
// transcripts (Transcripts60/), and everything the workbench draws there (headers, prose,
// code, heatmaps) fits 60 columns. Only the lessons' own printed output may be wider:
// it is Python's and PyTorch's text, which the terminal wraps. Regenerate with
// LLMWB_UPDATE_TRANSCRIPTS=1 and review the diff.
import Foundation
import Lessons
import Shell
import Testing

private let narrow = Terminal(isInteractive: false, colors: .none, width: 60)

@Test(arguments: ["01_tokenizer", "02_embeddings", "03_attention", "04_multi_head"])
func lessonAtSixtyColumnsMatchesItsTranscript(lesson: String) throws {
    let (text, succeeded) = try LessonRunner.run(lesson, terminal: narrow)
    #expect(succeeded, "\(lesson) stopped with an error:\n\(text.suffix(2000))")
    // The lines the script itself prints, from a plain run of its steps.
    let file = try LessonFile.load(path: try LessonCatalog(folder: LessonRunner.lessonsFolder).path(for: lesson))
    var printed = ""
    let session = LessonSession(lesson: file) { printed += $0 }
    while session.runNext() != nil {}
    let scriptLines = Set(printed.split(separator: "\n").map(String.init))
    for line in text.split(separator: "\n").map(String.init) where line.count > 60 {
        #expect(scriptLines.contains(line), "\(lesson): a line the workbench drew is wider than 60 columns:\n\(line)")
    }
    let folder = URL(fileURLWithPath: LessonRunner.transcriptsFolder).deletingLastPathComponent().appendingPathComponent("Transcripts60")
    let path = folder.appendingPathComponent("\(lesson).txt").path
    try LessonRunner.compare(text, toTranscriptAt: path, of: lesson, kind: "60-column ")
}
