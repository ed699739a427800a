// The shell's own tables and views at 60 and 100 columns: `vars`, `params`, `help`,
// `code`, step headers; the prompt that says where you are; no pager without a terminal.
import Foundation
import Shell
import Testing

/// Runs `lines` through a shell drawing on `terminal`; returns everything printed.
private func session(_ lines: [String], width: Int, colors: ColorSupport = .none) -> String {
    var text = ""
    let terminal = Terminal(isInteractive: colors != .none, colors: colors, width: width)
    let workbench = Workbench(terminal: terminal, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { text += $0 }
    Shell(workbench: workbench, reader: PlainLineReader(lines: lines), interactive: false).run()
    return text
}

private func visible(_ text: String) -> [String] {
    text.replacing(#/\x{1B}\[[0-9;]*m/#, with: "").components(separatedBy: "\n")
}

private func expectFits(_ text: String, _ width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
    for line in visible(text) where line.count > width {
        Issue.record("wider than \(width) columns: \(line)", sourceLocation: sourceLocation)
    }
}

/// Serves lines like PlainLineReader and remembers each prompt it was asked to show.
private final class PromptRecorder: LineReader {
    var lines: [String], prompts: [String] = []
    init(_ lines: [String]) { self.lines = lines }
    func readLine(prompt: String) -> String? {
        prompts.append(prompt)
        return lines.isEmpty ? nil : lines.removeFirst()
    }
    func addHistory(_ line: String) {}
}

@Test func thePromptShowsTheLessonAndTheStepReached() {
    let reader = PromptRecorder(["1 + 1", "open 3", "next", "next", "for i in range(2):", "    i", ""])
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { _ in }
    Shell(workbench: workbench, reader: reader, interactive: true).run()
    #expect(reader.prompts == ["llmwb> ", "llmwb> ", "03·0> ", "03·1> ", "03·2> ", "...   ", "...   ", "03·2> "])
}

@Test func withoutATerminalThereIsNoPrompt() {
    let reader = PromptRecorder(["open 3", "next"])
    let workbench = Workbench(terminal: .plain, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { _ in }
    Shell(workbench: workbench, reader: reader, interactive: false).run()
    #expect(reader.prompts.allSatisfy { $0.isEmpty })
}

@Test(arguments: [60, 100])
func varsRowsFitAndModulesTakeOneLine(width: Int) throws {
    let out = session(["open 3", "goto 8", "vars"], width: width)
    let table = String(out[try #require(out.range(of: "\n  W_key")).lowerBound...]).dropFirst()
    expectFits(String(table), width)
    let rows = table.split(separator: "\n").map(String.init)
    #expect(rows.allSatisfy { $0.hasPrefix("  ") }, "\(table)")
    let module = rows.first { $0.hasPrefix("  sa ") }
    #expect(module?.contains("SelfAttention(") == true && module?.hasSuffix("…") == true, "\(table)")
    let queries = rows.first { $0.hasPrefix("  queries ") } ?? ""
    #expect(queries.hasSuffix(width == 60 ? "Tensor         [6, 2] float32" : "torch.Size([6, 2]) torch.float32"), "\(queries)")
}

@Test func paramsFitSixtyColumnsAndShowLongValuesWhole() throws {
    let out = session(["open 1", "params"], width: 60)
    let table = String(out[try #require(out.range(of: "\n  sample")).lowerBound...]).dropFirst()
    expectFits(String(table), 60)
    let lines = table.split(separator: "\n").map(String.init)
    #expect(lines[0] == "  sample        = \"Hello, do you like tea? <|endoftext|> In")
    #expect(lines[1] == "                  the sunlit terraces of someunknownPlace.\"")
    #expect(lines[2] == "                  string  (step 7)")
}

@Test(arguments: [60, 100])
func helpFitsTheTerminal(width: Int) {
    let out = session(["help", "help trace", "help heatmap"], width: width)
    expectFits(out, width)
    #expect(out.contains(width == 60 ? "  heatmap EXPR [--labels EXPR] [--xlabels EXPR] [--values]\n      [--min N] [--max N] [--save FILE]\n"
                                      : "  heatmap EXPR [--labels EXPR] [--xlabels EXPR] [--values] [--min N] [--max N] [--save FILE]\n"))
}

@Test func codeBreaksInsideTheGutterWithoutParamAnnotations() throws {
    let out = session(["open 4", "code 3"], width: 60)
    let code = out[try #require(out.range(of: "step 3: ")).lowerBound...]
    expectFits(String(code), 60)
    let rows = code.split(separator: "\n").dropFirst(2).map(String.init)
    #expect(rows.allSatisfy { $0.hasPrefix("  │ ") || $0 == "  │" || $0.hasPrefix("  ┆ ") }, "\(code)")
    #expect(rows.contains("  │ num_heads = 2"), "\(code)")
    #expect(!code.contains("@param"))
    #expect(rows.contains("  ┆                 _ in range(num_heads)]"), "\(code)")
}

@Test func stepHeadersFitSixtyColumns() {
    let out = session(["open 1", "next", "next"], width: 60)
    let headers = visible(out).filter { $0.hasPrefix("──") }
    #expect(headers.count == 2)
    #expect(headers.allSatisfy { $0.count == 60 }, "\(headers)")
    #expect(headers[1].hasPrefix("── 01 · step 2/10 · Splitting on whitespace and punctua… "), "\(headers)")
}

@Test func colourOutputStillFitsSixtyColumns() {
    let out = session(["open 3", "next", "next", "vars", "params", "code 1"], width: 60, colors: .ansi256)
    #expect(out.contains("\u{1B}["))
    let drawn = visible(out).filter { !$0.hasPrefix("torch.") && !$0.hasPrefix("tensor(") && !$0.hasPrefix("Attention weights") }
    expectFits(drawn.joined(separator: "\n"), 60)
}

/// Without a known screen height (any terminal but the real one) nothing is paged:
/// all of a long `source` reaches the output.
@Test func longOutputIsNotPagedWithoutATerminal() {
    let out = session(["source tiktoken"], width: 60, colors: .ansi256)
    #expect(out.split(separator: "\n").count > 300)
    #expect(!out.contains("space: next page"))
}
