// Lesson 07 (pretraining): its transcript with the small model, the book's loss and
// perplexity with the 124M model, Ctrl-C during training, and gpt.py's GPT-2 weight
// loader checked against the logits Hugging Face transformers computed.

import Foundation
import Lessons
import Bindings
import Python
import Shell
import Tensor
import Testing

enum PretrainingLesson {
    static let name = "07_pretraining"
    /// The small model for one epoch (the suite stays quick), and a weights folder that is
    /// never there, so the transcript does not depend on whether this machine has GPT-2.
    static let quickSettings = [("size", "small"), ("num_epochs", "1"), ("cache_folder", "missing-cache")]

    /// A workbench with lesson 07 open, its output collected in `text`.
    final class Run {
        private final class Collected { var text = "" }
        private let collected: Collected
        let workbench: Workbench
        let session: LessonSession

        /// Everything the workbench printed so far.
        var text: String { collected.text }

        init(settings: [(String, String)]) throws {
            let collected = Collected()
            self.collected = collected
            workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { collected.text += $0 }
            try workbench.open(PretrainingLesson.name + " --restart")
            session = try #require(workbench.session)
            for (name, value) in settings { try session.set(name, to: value) }
        }

        /// Runs steps until the next one to run is the first whose code contains `marker`.
        func runUntil(stepContaining marker: String) throws {
            let target = try #require(session.lesson.steps.firstIndex { $0.code.contains(marker) })
            while session.position < target { #expect(try workbench.next(), "\(text.suffix(1500))") }
        }

        func runToEnd() throws -> Bool {
            while !session.isFinished { if !(try workbench.next()) { return false } }
            return true
        }

        func value(_ expression: String) throws -> String {
            try session.interpreter.evaluate(expression, filename: "<test>").map { session.interpreter.repr($0) } ?? "None"
        }
    }
}

@Test func lessonMatchesItsTranscriptWithTheSmallModel() throws {
    let (text, succeeded) = try LessonRunner.run(PretrainingLesson.name, settings: PretrainingLesson.quickSettings)
    #expect(succeeded, "\(PretrainingLesson.name) stopped with an error:\n\(text.suffix(2000))")
    let path = LessonRunner.transcriptsFolder + "/\(PretrainingLesson.name).txt"
    try LessonRunner.compare(text, toTranscriptAt: path, of: PretrainingLesson.name)
}

/// The book's numbers for the untrained GPT-2 124M (context 256, seed 123), in the lesson's
/// default configuration: the cross-entropy of its two example texts and its perplexity.
@Test func theUntrained124MModelHasTheBooksLossAndPerplexity() throws {
    let run = try PretrainingLesson.Run(settings: [])
    try run.runUntil(stepContaining: "class GPTDatasetV1")
    #expect(run.text.contains("\ntensor(10.7940)\n"), "\(run.text.suffix(1500))")
    // The book prints 48725.8203; PyTorch 2.15 on this machine prints 48725.8672, because its
    // sqrt (MKL's, in the lessons' LayerNorm) is not IEEE here, and so is ours (TorchSqrt.swift).
    #expect(run.text.contains("\ntensor(48725.8672)\n"), "\(run.text.suffix(1500))")
    // PyTorch 2.x prints 7.4540e-05 where the book (an older PyTorch) shows 7.4541e-05.
    #expect(run.text.contains("Text 1: tensor([7.4540e-05, 3.1061e-05, 1.1563e-05])"))
    #expect(run.text.contains("Text 2: tensor([1.0337e-05, 5.6776e-05, 4.7559e-06])"))
    #expect(run.text.contains("Every effort moves you rentingetic wasnم refres RexMeCHicular stren"))
}

/// Ctrl-C raises KeyboardInterrupt inside the training loop; the lesson stops training there,
/// keeps the weights reached, and every later step still runs. The interrupt is raised by the
/// loss function on its third training call (after two optimizer steps).
@Test func ctrlCStopsTrainingAndKeepsTheModel() throws {
    let run = try PretrainingLesson.Run(settings: PretrainingLesson.quickSettings)
    try run.runUntil(stepContaining: "optimizer = torch.optim.AdamW")
    run.workbench.evaluate("""
        _calls = []
        _loss_of_batch = calc_loss_batch
        def calc_loss_batch(input_batch, target_batch, model):
            if torch.is_grad_enabled():
                _calls.append(1)
                if len(_calls) == 3:
                    raise KeyboardInterrupt
            return _loss_of_batch(input_batch, target_batch, model)
        """)
    #expect(try run.workbench.next(), "\(run.text.suffix(1500))")
    #expect(run.text.contains("\nTraining stopped after 2 of 36 steps; the model keeps what it has learned so far.\n"),
            "\(run.text.suffix(1500))")
    #expect(try run.value("len(train_losses)") == "1")
    #expect(try run.value("optimizer.state_dict()['state'][0]['step']") == "tensor(2.)")
    #expect(try run.value("model.training") == "False")
    // Two AdamW steps moved the weights away from where the seed put them.
    try run.session.interpreter.evaluate("torch.manual_seed(123)\n_fresh = GPTModel(GPT_CONFIG)", filename: "<test>")
    #expect(try run.value("torch.equal(_fresh.out_head.weight, model.out_head.weight)") == "False")
    try run.session.interpreter.evaluate("calc_loss_batch = _loss_of_batch", filename: "<test>")
    #expect(try run.runToEnd(), "\(run.text.suffix(1500))")
}

/// `load_weights_into_gpt` (lessons/gpt.py) on the tiny random GPT-2 that Hugging Face
/// transformers saved (Tests/Fixtures/make_gpt_fixtures.py): the lesson-language GPTModel gives
/// transformers' logits. With the `transformer.` prefix (as save_pretrained writes it) and
/// without, plus the causal-mask buffers the published checkpoints also hold.
@Test(arguments: [true, false])
func loadWeightsIntoGPTReproducesHuggingFaceLogits(keepPrefix: Bool) throws {
    let fixtures = URL(fileURLWithPath: LessonRunner.lessonsFolder).deletingLastPathComponent()
        .appendingPathComponent("Tests/NNTests/Fixtures")
    let json = try JSONSerialization.jsonObject(with: Data(contentsOf: fixtures.appendingPathComponent("gpt.json"))) as? [String: Any]
    let hf = try #require(json?["hf"] as? [String: Any])
    let ids = try #require(hf["ids"] as? [Int])
    let logits = try #require(hf["logits"] as? [String: Any])
    let expected = try #require(logits["values"] as? [Double])
    let shape = try #require(logits["shape"] as? [Int])

    Bindings.registerAll()
    Sandbox.allow(fixtures.path)  // as `--allow-path`: the fixtures are outside the scripts' folders
    var output = ""
    let interpreter = Interpreter(output: { output += $0 }, errorOutput: { output += $0 })
    interpreter.searchPaths = [LessonRunner.lessonsFolder]
    try interpreter.run(source: """
        import torch
        from safetensors.torch import load_file
        from gpt import GPTModel, load_weights_into_gpt

        params = load_file("\(fixtures.appendingPathComponent("gpt_hf.safetensors").path)")
        if not \(keepPrefix ? "True" : "False"):
            params = {k[len("transformer."):]: v for k, v in params.items()}
            for b in range(2):
                params[f"h.{b}.attn.bias"] = torch.tril(torch.ones(12, 12)).view(1, 1, 12, 12)
        cfg = {"vocab_size": 41, "context_length": 12, "emb_dim": 16, "n_heads": 4,
               "n_layers": 2, "drop_rate": 0.0, "qkv_bias": True}
        torch.manual_seed(0)
        gpt = GPTModel(cfg)
        load_weights_into_gpt(gpt, params)
        gpt.eval()
        with torch.no_grad():
            logits = gpt(torch.tensor([[\(ids.map(String.init).joined(separator: ", "))]]))
        """, filename: "<loader test>")
    let got = try #require(interpreter.global("logits")?.tensorValue, "\(output)")
    #expect(got.shape == shape)
    let values = got.floatValues()
    #expect(values.count == expected.count)
    let worst = zip(values, expected).map { abs(Double($0) - $1) }.max() ?? .infinity
    #expect(worst < 1e-4, "max abs error \(worst)")
}

@Test func loadWeightsIntoGPTRejectsAConfigOfAnotherSize() throws {
    let fixture = URL(fileURLWithPath: LessonRunner.lessonsFolder).deletingLastPathComponent()
        .appendingPathComponent("Tests/NNTests/Fixtures/gpt_hf.safetensors").path
    Bindings.registerAll()
    Sandbox.allow(fixture)
    let interpreter = Interpreter(output: { _ in }, errorOutput: { _ in })
    interpreter.searchPaths = [LessonRunner.lessonsFolder]
    #expect {
        try interpreter.run(source: """
            from safetensors.torch import load_file
            from gpt import GPTModel, load_weights_into_gpt
            gpt = GPTModel({"vocab_size": 41, "context_length": 12, "emb_dim": 32, "n_heads": 4,
                            "n_layers": 2, "drop_rate": 0.0, "qkv_bias": True})
            load_weights_into_gpt(gpt, load_file("\(fixture)"))
            """, filename: "<loader test>")
    } throws: { error in
        "\(error)".hasSuffix("ValueError: Shape mismatch. Left: torch.Size([12, 32]), Right: torch.Size([12, 16])\n")
    }
}
