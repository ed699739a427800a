// `trace CALL` on lesson 06's GPTModel (a tiny configuration): module outputs and the
// locals of each script-defined forward, by name, with shapes; listing, filtering,
// completion, and what is kept when the call fails.
import Foundation
import Shell
import Testing

/// A workbench holding a 2-block GPT from lessons/gpt.py and a batch of 3 tokens.
private func tinyGPT() -> (Workbench, () -> String) {
    var text = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { text += $0 }
    workbench.evaluate("""
        import torch
        from gpt import GPTModel
        torch.manual_seed(123)
        cfg = {"vocab_size": 50, "context_length": 8, "emb_dim": 8, "n_heads": 2, "n_layers": 2, "drop_rate": 0.0, "qkv_bias": False}
        model = GPTModel(cfg)
        idx = torch.tensor([[1, 2, 3]])
        """)
    return (workbench, { defer { text = "" }; return text })
}

@Test(arguments: [
    ("trf_blocks.0.att.queries", [1, 2, 3, 4]),
    ("trf_blocks.0.att.keys", [1, 2, 3, 4]),
    ("trf_blocks.0.att.attn_scores", [1, 2, 3, 3]),
    ("trf_blocks.0.att.attn_weights", [1, 2, 3, 3]),
    ("trf_blocks.0.att.context_vec", [1, 3, 8]),
    ("trf_blocks.1.norm2.norm_x", [1, 3, 8]),
    ("trf_blocks.0.ff.layers.1.out", [1, 3, 32]),
    ("trf_blocks.1.shortcut", [1, 3, 8]),
    ("tok_embeds", [1, 3, 8]),
    ("pos_embeds", [3, 8]),
    ("output", [1, 3, 50]),
])
func traceRecordsForwardLocalsByModulePath(name: String, shape: [Int]) {
    let (workbench, output) = tinyGPT()
    workbench.handle("trace model(idx)")
    _ = output()
    workbench.handle("trace[\"\(name)\"].shape")
    #expect(output() == "torch.Size(\(shape))\n")
}

@Test func tracedAttentionWeightsAreTheSoftmaxOfTheMaskedScores() {
    let (workbench, output) = tinyGPT()
    workbench.handle("trace model(idx)")
    _ = output()
    workbench.evaluate("""
        s = trace["trf_blocks.0.att.attn_scores"]
        w = trace["trf_blocks.0.att.attn_weights"]
        print(torch.allclose(w, torch.softmax(s / 2.0, dim=-1)), s[0, 0, 0, 1].item(), w[0, 1, 0].tolist())
        """)
    #expect(output() == "True -inf [1.0, 0.0, 0.0]\n")
}

@Test func traceListingIsPinned() {
    let (workbench, output) = tinyGPT()
    workbench.handle("trace model(idx)")
    #expect(output() == """
        traced 73 tensors (print one with trace["NAME"]):
          tok_emb.out                       torch.Size([1, 3, 8])
          pos_emb.out                       torch.Size([3, 8])
          drop_emb.out                      torch.Size([1, 3, 8])
          trf_blocks.0.norm1.mean           torch.Size([1, 3, 1])
          trf_blocks.0.norm1.var            torch.Size([1, 3, 1])
          trf_blocks.0.norm1.norm_x         torch.Size([1, 3, 8])
          trf_blocks.0.norm1.out            torch.Size([1, 3, 8])
          trf_blocks.0.att.W_query.out      torch.Size([1, 3, 8])
          trf_blocks.0.att.W_key.out        torch.Size([1, 3, 8])
          trf_blocks.0.att.W_value.out      torch.Size([1, 3, 8])
          trf_blocks.0.att.dropout.out      torch.Size([1, 2, 3, 3])
          trf_blocks.0.att.out_proj.out     torch.Size([1, 3, 8])
          trf_blocks.0.att.queries          torch.Size([1, 2, 3, 4])
          trf_blocks.0.att.keys             torch.Size([1, 2, 3, 4])
          trf_blocks.0.att.values           torch.Size([1, 2, 3, 4])
          trf_blocks.0.att.attn_scores      torch.Size([1, 2, 3, 3])
          trf_blocks.0.att.attn_weights     torch.Size([1, 2, 3, 3])
          trf_blocks.0.att.context_vec      torch.Size([1, 3, 8])
          trf_blocks.0.att.out              torch.Size([1, 3, 8])
          trf_blocks.0.drop_shortcut.out    torch.Size([1, 3, 8])
          trf_blocks.0.norm2.mean           torch.Size([1, 3, 1])
          trf_blocks.0.norm2.var            torch.Size([1, 3, 1])
          trf_blocks.0.norm2.norm_x         torch.Size([1, 3, 8])
          trf_blocks.0.norm2.out            torch.Size([1, 3, 8])
          trf_blocks.0.ff.layers.0.out      torch.Size([1, 3, 32])
          trf_blocks.0.ff.layers.1.out      torch.Size([1, 3, 32])
          trf_blocks.0.ff.layers.2.out      torch.Size([1, 3, 8])
          trf_blocks.0.ff.layers.out        torch.Size([1, 3, 8])
          trf_blocks.0.ff.out               torch.Size([1, 3, 8])
          trf_blocks.0.drop_shortcut.out#2  torch.Size([1, 3, 8])
          trf_blocks.0.shortcut             torch.Size([1, 3, 8])
          trf_blocks.0.x                    torch.Size([1, 3, 8])
          trf_blocks.0.out                  torch.Size([1, 3, 8])
          trf_blocks.out                    torch.Size([1, 3, 8])
          final_norm.mean                   torch.Size([1, 3, 1])
          final_norm.var                    torch.Size([1, 3, 1])
          final_norm.norm_x                 torch.Size([1, 3, 8])
          final_norm.out                    torch.Size([1, 3, 8])
          out_head.out                      torch.Size([1, 3, 50])
          tok_embeds                        torch.Size([1, 3, 8])
          pos_embeds                        torch.Size([3, 8])
          x                                 torch.Size([1, 3, 8])
          output                            torch.Size([1, 3, 50])
          … and 30 more of the same kinds in the other numbered blocks (`trace attn_weights` lists one kind)

        """)
}

@Test func traceWithTextListsTheMatchingNames() {
    let (workbench, output) = tinyGPT()
    workbench.handle("trace model(idx)")
    _ = output()
    workbench.handle("trace attn_weights")
    #expect(output() == """
        2 of the 73 traced tensors contain attn_weights:
          trf_blocks.0.att.attn_weights  torch.Size([1, 2, 3, 3])
          trf_blocks.1.att.attn_weights  torch.Size([1, 2, 3, 3])

        """)
    workbench.handle("trace atn")
    #expect(output() == "no traced name contains atn; `trace` lists them all\n")
}

@Test func completionOffersTracedLocals() {
    let (workbench, _) = tinyGPT()
    workbench.handle("trace model(idx)")
    let shell = Shell(workbench: workbench, reader: PlainLineReader(lines: []), interactive: false)
    let line = "heatmap trace[\"trf_blocks.1.att.at"
    #expect(shell.complete(line: line, wordStart: 14, word: "\"trf_blocks.1.att.at")
            == ["\"trf_blocks.1.att.attn_scores\"]", "\"trf_blocks.1.att.attn_weights\"]"])
}

@Test func aFailingCallKeepsWhatWasComputedBeforeTheError() {
    let (workbench, output) = tinyGPT()
    workbench.handle("trace model(torch.tensor([[1, 2, 3, 4, 5, 6, 7, 8, 9]]))")
    let text = output()
    #expect(text.contains("IndexError: index out of range in self"), "\(text)")
    #expect(text.hasSuffix("""
        the call failed; `trace` keeps the 2 tensors computed before the error
        traced 2 tensors (print one with trace["NAME"]):
          tok_emb.out  torch.Size([1, 9, 8])
          tok_embeds   torch.Size([1, 9, 8])

        """))
}

@Test func localsAreNotRecordedOutsideATrace() {
    let (workbench, output) = tinyGPT()
    workbench.handle("out = model(idx)")
    workbench.handle("trace")
    #expect(output() == "nothing traced yet; try `trace model(x)` with a model call\n")
}

/// After a trace, `trace` alone lists the names (the variable `trace` holds the record).
@Test func traceAloneListsTheNamesNotTheDict() {
    let (workbench, output) = tinyGPT()
    workbench.handle("trace model(idx)")
    _ = output()
    workbench.handle("trace")
    let listed = output()
    #expect(listed.hasPrefix("traced "), "\(listed.prefix(300))")
    #expect(!listed.contains("tensor(["), "\(listed.prefix(300))")
    workbench.handle("trace[\"trf_blocks.0.att.attn_weights\"].shape")
    #expect(output() == "torch.Size([1, 2, 3, 3])\n")
}
