// `break MultiHeadAttention.forward`: a model call stops as that forward finishes, its
// locals can be looked at, then `continue` goes on or `abort` stops the call.
import Foundation
import Python
import Shell
import Testing

private let tinyModel = [
    "import torch", "from gpt import GPTModel", "torch.manual_seed(123);",
    "model = GPTModel({\"vocab_size\": 50, \"context_length\": 8, \"emb_dim\": 8, \"n_heads\": 2, \"n_layers\": 2, \"drop_rate\": 0.0, \"qkv_bias\": False})",
]

private func session(_ lines: [String]) -> String {
    var text = ""
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { text += $0 }
    Shell(workbench: workbench, reader: PlainLineReader(lines: ["break off"] + tinyModel + lines + ["break off"]), interactive: false).run()
    return text
}

/// One at a time: they switch the process-wide frame observer on and off.
@Suite(.serialized) struct BreakpointTests {
    @Test func aBreakpointStopsWithTheLocalsVisible() {
        let out = session(["break MultiHeadAttention.forward", "out = model(torch.tensor([[1, 2, 3]]))",
                           "attn_weights.shape", "next", "self.num_heads", "continue", "queries.shape", "continue",
                           "out.shape", "attn_weights"])
        #expect(out.hasPrefix("""
            breakpoints cleared
            will stop in MultiHeadAttention.forward as it returns; there, its variables can be looked at, then `continue`
            stopped in MultiHeadAttention.forward (gpt.py:32) as it returns; its variables:
              self, x, b, num_tokens, d_in, queries, keys, values, attn_scores, attn_weights, context_vec
            look at them as usual (show, stats, heatmap, any expression); `continue` goes on, `abort` stops the call
            torch.Size([1, 2, 3, 3])
            MultiHeadAttention.forward is stopped; `continue` or `abort` it before `next`
            2
            stopped in MultiHeadAttention.forward
            """), "\(out)")
        #expect(out.contains("torch.Size([1, 2, 3, 4])\ntorch.Size([1, 3, 50])\n"))
        #expect(out.contains("NameError: name 'attn_weights' is not defined"))
        #expect(out.hasSuffix("breakpoints cleared\n"))
    }

    @Test func abortStopsTheCallWithKeyboardInterrupt() {
        let out = session(["break forward", "break", "out = model(torch.tensor([[1, 2, 3]]))", "abort", "out"])
        #expect(out.contains("stops in: forward\n"))
        #expect(out.contains("stopped in LayerNorm.forward (gpt.py:"))
        #expect(out.contains("stopping LayerNorm.forward\nTraceback (most recent call last):"))
        #expect(out.contains("KeyboardInterrupt\n"))
        #expect(out.contains("NameError: name 'out' is not defined"))
    }

    /// `abort` at the outermost call: no later call notices Ctrl-C, so the stop raises it
    /// itself; the interrupt is not left over for the next prompt (a stray `^C`).
    @Test func abortStopsTheOutermostCallAndLeavesNoInterrupt() {
        let out = session(["break GPTModel.forward", "out = model(torch.tensor([[1, 2, 3]]))", "abort", "out"])
        #expect(out.contains("stopping GPTModel.forward\nTraceback (most recent call last):"), "\(out)")
        #expect(out.contains("KeyboardInterrupt\n"))
        #expect(out.contains("NameError: name 'out' is not defined"))
        #expect(!Interpreter.interruptRequested)
    }

    @Test func anErrorOnItsWayOutDoesNotStop() {
        let out = session(["break GPTModel.forward", "model(torch.tensor([[1, 2, 3, 4, 5, 6, 7, 8, 9]]))", "1 + 1"])
        #expect(!out.contains("stopped in"), "\(out)")
        #expect(out.contains("IndexError: index out of range in self\n2\nbreakpoints cleared\n"))
    }

    @Test func breakpointsNeedAFunctionName() {
        let out = session(["break 3 + x", "break"])
        #expect(out.hasPrefix("breakpoints cleared\nbreak takes a function name"))
        #expect(out.hasSuffix("""
            break takes a function name, e.g. break MultiHeadAttention.forward
            no breakpoints; `break MultiHeadAttention.forward` stops there as it returns
            breakpoints cleared

            """))
    }
}
