// Every lesson runs headless and prints exactly its committed transcript; where the
// book prints a number, the transcript has the same one. Regenerate after a
// deliberate change with LLMWB_UPDATE_TRANSCRIPTS=1 and review the diff.
import Foundation
import Testing

@Test(arguments: ["01_tokenizer", "02_embeddings", "03_attention", "04_multi_head", "05_gpt_block", "06_gpt_model"])
func lessonMatchesItsTranscript(lesson: String) throws {
    let (text, succeeded) = try LessonRunner.run(lesson)
    #expect(succeeded, "\(lesson) stopped with an error:\n\(text.suffix(2000))")
    let path = LessonRunner.transcriptsFolder + "/\(lesson).txt"
    if ProcessInfo.processInfo.environment["LLMWB_UPDATE_TRANSCRIPTS"] != nil {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    if text != expected {
        let a = text.components(separatedBy: "\n"), b = expected.components(separatedBy: "\n")
        let line = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        Issue.record("\(lesson) differs from its transcript at line \(line + 1):\n  got:      \(line < a.count ? a[line] : "<end>")\n  expected: \(line < b.count ? b[line] : "<end>")")
    }
}
