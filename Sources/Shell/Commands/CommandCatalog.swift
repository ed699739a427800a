// Every shell command: its name, aliases, usage and help text, in one catalog, so
// `help`, completion and "did you mean" all read the same table.

import Lessons

/// One shell command.
public struct ShellCommand: Sendable {
    public let name: String
    public let aliases: [String]
    public let usage: String
    public let summary: String
    public let details: String
    /// The command stores its result in a variable of its own name (`trace`): typed alone,
    /// the word is the command even when that variable exists.
    public var ownsVariable = false
}

public enum CommandCatalog {
    public static let commands: [ShellCommand] = [
        ShellCommand(name: "help", aliases: ["?"], usage: "help [COMMAND]", summary: "list the commands, or explain one",
                     details: "Anything that is not a command is run as lesson-language code (a Python subset), like IPython."),
        ShellCommand(name: "lessons", aliases: [], usage: "lessons", summary: "list the lessons",
                     details: "Each lesson is a numbered script in lessons/; open one by number or name."),
        ShellCommand(name: "open", aliases: [], usage: "open LESSON [--restart]", summary: "open a lesson (resumes where you left off)",
                     details: "LESSON is a number (3), a file name (03_attention) or a name (attention). With --restart, starts from step 1 with the lesson's own parameter values."),
        ShellCommand(name: "next", aliases: ["n"], usage: "next", summary: "run the next step and show its prose and output",
                     details: "A step is one code cell of the lesson, shown with the explanation before it."),
        ShellCommand(name: "back", aliases: ["b"], usage: "back", summary: "go back one step, at once",
                     details: "The session is saved after every step (variables, objects, tensors, random generators), so going back restores it instead of running anything; names you defined at the prompt stay. Snapshots share the tensors a step left unchanged and hold at most a quarter of memory, up to 4 GiB (LLMWB_SNAPSHOT_MEMORY sets it in bytes): past that the oldest are dropped, and going back to one of those replays the steps in between on a progress line that Ctrl-C stops."),
        ShellCommand(name: "goto", aliases: [], usage: "goto STEP", summary: "run up to step STEP, or go back to it",
                     details: "Forward runs the steps in between; backward restores the state saved after STEP, as `back` does."),
        ShellCommand(name: "run", aliases: [], usage: "run", summary: "run the remaining steps to the end of the lesson", details: ""),
        ShellCommand(name: "rerun", aliases: [], usage: "rerun", summary: "run this step again with your parameter values",
                     details: "Steps before it that use a changed parameter are replayed first (named on a progress line). The step is shown with its new output, then the variables that changed, compared by content: a tensor's new shape or its largest change, an object's first differing attribute."),
        ShellCommand(name: "reset", aliases: [], usage: "reset", summary: "restore the lesson's parameter values and rerun", details: ""),
        ShellCommand(name: "params", aliases: [], usage: "params", summary: "list the lesson's parameters and their ranges", details: ""),
        ShellCommand(name: "set", aliases: [], usage: "set NAME VALUE", summary: "change a parameter (used on rerun or at its step)",
                     details: "The value is checked against the parameter's type and range, e.g. `set d_out 4`, `set sentence \"the cat sat\"`."),
        ShellCommand(name: "code", aliases: [], usage: "code [STEP]", summary: "show the code of the current (or given) step", details: ""),
        ShellCommand(name: "vars", aliases: [], usage: "vars", summary: "list variables with their types and shapes", details: ""),
        ShellCommand(name: "show", aliases: ["print"], usage: "show EXPR", summary: "print a value exactly as PyTorch prints it", details: ""),
        ShellCommand(name: "stats", aliases: [], usage: "stats EXPR", summary: "shape, dtype, min/max/mean/std, NaN/inf counts", details: ""),
        ShellCommand(name: "heatmap", aliases: [], usage: "heatmap EXPR [--labels EXPR] [--xlabels EXPR] [--values] [--min N] [--max N] [--save FILE]", summary: "draw a 2-D tensor as coloured cells",
                     details: "EXPR may slice a larger tensor (`heatmap w[0, 1]`). --labels takes a list of strings (e.g. tokens) for the rows; the columns get them too when their count matches (tokens attending to tokens), or their own with --xlabels. Labels are remembered for the next heatmaps whose sides they fit (`--labels none` forgets them). Column labels too wide for the cells are numbered, with a legend line. --values prints the numbers in the cells (without colour, they are printed whenever they fit). Colours: viridis (dark purple to yellow; black to white with 256 colours) for values of one sign, blue-white-red centred on 0 for signed data. The bar below gives the scale; it spans the data (symmetric about 0 for signed data) unless --min and --max fix it, so that heatmaps from different steps can be compared. Large matrices are summarised to fit the terminal. --save FILE also writes the whole matrix as a picture, the format from the extension: .svg and .pdf (vector, labels as text, with the title and the colour bar) or .png (pixels; of its text only the numbers)."),
        ShellCommand(name: "plot", aliases: [], usage: "plot Y [Y ...] [--x X] [--logx] [--logy] [--save FILE]", summary: "draw one or more 1-D series as a line chart",
                     details: "Each Y is a list of numbers or a 1-D tensor, e.g. `plot train_losses val_losses`, drawn against its index, or against the values of --x: `plot y_gelu y_relu --x x`. The x values pair with each series from the start. --logx and --logy draw log scales, labelled with the real values (powers of 10, or of 2 over a short range). The plot is as wide as the terminal; the series are told apart by colour, or by marker characters without colour. --save FILE also writes the plot as a picture, with axes, ticks at the real values and a legend: .svg, .pdf or .png (the PNG with the tick values but not the words)."),
        ShellCommand(name: "trace", aliases: [], usage: "trace [CALL | TEXT]", summary: "record every tensor inside a model call by name",
                     details: "`trace model(x)` runs the call and records, into the variable `trace`, the output of every module under its path and .out (trf_blocks.0.att.out, trf_blocks.0.ff.layers.1.out) and every tensor that a lesson-defined forward keeps in a local variable, under the module's path and the variable's name (trf_blocks.0.att.queries, trf_blocks.0.att.attn_weights); the called model's own locals and output are top-level names (tok_embeds, output). A local assigned several times is recorded with its last value; a module called twice records name#2. If the call fails, `trace` keeps what was computed before the error. Then `trace` lists the record, `trace attn_weights` lists the names containing attn_weights, `trace[\"trf_blocks.0.att.attn_weights\"]` prints one (Tab completes the names) and `heatmap trace[\"trf_blocks.0.att.attn_weights\"][0, 0]` draws one.", ownsVariable: true),
        ShellCommand(name: "break", aliases: [], usage: "break [FUNCTION | off]", summary: "stop a lesson function as it returns, look inside",
                     details: "`break MultiHeadAttention.forward` (or just `break forward`) stops every call of that function defined in the lesson language as it returns, and opens a (debug) prompt where its parameters and local variables (queries, attn_weights, ...) can be printed, heatmapped and used in expressions. `continue` (or Ctrl-D) lets the call go on, `abort` stops it with KeyboardInterrupt. `break` lists the breakpoints, `break off` clears them."),
        ShellCommand(name: "source", aliases: [], usage: "source NAME", summary: "show the Swift code behind a built-in",
                     details: "`source softmax`, `source nn.Linear`, `source cross_entropy`: the Swift function or type of that name, from the lowest layer that has one (tensors, then layers, then the script bindings). `source tiktoken` (also re, gemm, autograd, random, printing): a whole module. `source Tensor+Softmax`: a whole file. `source gpt`: a lesson module. The sources are packed into llmwb when it is built, so this works from any folder."),
        ShellCommand(name: "allow-path", aliases: [], usage: "allow-path PATH", summary: "let scripts read and write PATH (widens the sandbox)",
                     details: "Scripts read and write only under their folder (a lesson: ~/.llmwb/work), the workbench's cache ~/.cache/llmwb and state folder ~/.llmwb, and read the lessons; any other path is PermissionError. `allow-path ~/datasets` adds that folder (and everything under it) until the workbench quits; `llmwb --allow-path PATH` does the same from the start."),
        ShellCommand(name: "quit", aliases: ["exit"], usage: "quit", summary: "leave the workbench (Ctrl-D works too)", details: "Your place in the lesson is remembered."),
    ]

    /// The command named (or aliased) `word`.
    public static func command(_ word: String) -> ShellCommand? {
        commands.first { $0.name == word || $0.aliases.contains(word) }
    }

    public static var names: [String] { commands.flatMap { [$0.name] + $0.aliases } }

    /// `help`: one line per command, summaries wrapped to `width`; a usage too long for
    /// the first column gets a line of its own.
    public static func overview(width: Int = 80) -> String {
        // The usage column takes at most a third of a narrow terminal.
        let column = min(commands.map(\.usage.count).max() ?? 0, 26, max(width / 3, 12))
        let indent = String(repeating: " ", count: column + 4)
        let summaryWidth = max(width - 1, indent.count + 20)
        var lines: [String] = []
        for c in commands {
            let summary = wrap(c.summary, width: summaryWidth, indent: indent)
            if c.usage.count > column {
                lines.append(usageLines(c.usage, width: summaryWidth, indent: "  "))
                lines.append(summary)
            } else {
                let usage = "  " + c.usage + String(repeating: " ", count: column - c.usage.count + 2)
                lines.append(usage + String(summary.dropFirst(indent.count)))
            }
        }
        return lines.joined(separator: "\n")
            + "\n\n" + wrap("Anything else runs as code: `attn_weights.shape`, `x = torch.ones(2, 3)`.", width: summaryWidth, indent: "")
    }

    /// A usage line, broken between its words and `[…]` groups where it is wider than
    /// `width`; continued lines are indented two more spaces.
    static func usageLines(_ usage: String, width: Int, indent: String) -> String {
        var parts: [String] = [], depth = 0, current = ""
        for ch in usage {
            if ch == "[" { depth += 1 } else if ch == "]" { depth -= 1 }
            if ch == " " && depth == 0 { parts.append(current); current = "" } else { current.append(ch) }
        }
        parts.append(current)
        var lines: [String] = [], line = indent
        for part in parts {
            let candidate = line.trimmingCharacters(in: .whitespaces).isEmpty ? line + part : line + " " + part
            if candidate.count > width && !line.trimmingCharacters(in: .whitespaces).isEmpty {
                lines.append(line)
                line = indent + "    " + part
            } else {
                line = candidate
            }
        }
        lines.append(line)
        return lines.joined(separator: "\n")
    }

    /// `help NAME`.
    public static func help(_ name: String, width: Int = 80) -> String {
        guard let c = command(name) else {
            var message = "no command \(name)"
            if let s = Suggest.closest(to: name, among: names) { message += "; did you mean \(s)?" }
            return message
        }
        let width = max(width - 1, 30)
        var text = usageLines(c.usage, width: width, indent: "") + "\n" + wrap(c.summary, width: width, indent: "  ")
        if !c.aliases.isEmpty { text += "\n  also: \(c.aliases.joined(separator: ", "))" }
        if !c.details.isEmpty { text += "\n\n" + wrap(c.details, width: width, indent: "  ") }
        return text
    }

    /// `text` broken at spaces into lines of at most `width` columns, each indented.
    static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && indent.count + line.count + 1 + word.count > width {
                lines.append(indent + line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(indent + line) }
        return lines.joined(separator: "\n")
    }
}
