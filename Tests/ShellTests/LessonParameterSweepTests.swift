// Every declared parameter value keeps its lesson valid: each lesson runs to the end
// with each parameter at its minimum, its maximum, a middle value, and every choice.
import Foundation
import Lessons
import Testing

struct SweepCase: CustomStringConvertible, Sendable {
    let lesson: String, name: String, value: String
    var description: String { "\(lesson) \(name)=\(value)" }
}

private func sweepCases() -> [SweepCase] {
    let lessons = ["01_tokenizer", "02_embeddings", "03_attention", "04_multi_head", "05_gpt_block", "06_gpt_model"]
    var cases: [SweepCase] = []
    for lesson in lessons {
        guard let file = try? LessonFile.load(path: LessonRunner.lessonsFolder + "/\(lesson).py") else { continue }
        for p in file.parameters {
            var values: [String] = []
            if let choices = p.choices { values = choices }
            else if p.kind == .string { values = ["x", "A longer text, with punctuation: it's here!"] }
            else if p.kind == .boolean { values = ["True", "False"] }
            else if let lo = p.minimum, let hi = p.maximum {
                let mid = p.kind == .integer ? String(Int((lo + hi) / 2)) : String((lo + hi) / 2)
                values = [LessonParameter.format(lo), mid, LessonParameter.format(hi)]
            }
            cases += values.map { SweepCase(lesson: lesson, name: p.name, value: $0) }
        }
    }
    return cases
}

@Test(arguments: sweepCases())
func lessonRunsWithParameter(_ c: SweepCase) throws {
    let (text, succeeded) = try LessonRunner.run(c.lesson, settings: [(c.name, c.value)])
    #expect(succeeded, "\(c) failed:\n\(text.suffix(1500))")
}
