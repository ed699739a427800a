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
    try LessonRunner.compare(text, toTranscriptAt: path, of: lesson)
}
