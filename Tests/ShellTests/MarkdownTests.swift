// Lesson Markdown and code as the terminal shows them: the plain form (markers dropped,
// code spans keep their backticks), the styles with colour, wrapping with hanging
// indents, and code highlighting without `# @param` annotations.
import Testing
import Shell

private let plain60 = Terminal(isInteractive: false, colors: .none, width: 60)
private let colour60 = Terminal(isInteractive: true, colors: .ansi256, width: 60)

@Test(arguments: [
    ("Take one token as the *query*, say \"journey\".", "Take one token as the query, say \"journey\"."),
    ("* a **query**: what am I looking for?", "• a query: what am I looking for?"),
    ("with `set d_out 4` and `rerun`", "with `set d_out 4` and `rerun`"),
    ("keep max_length and snake_case_names", "keep max_length and snake_case_names"),
    ("_whole_ words and __strong__ ones", "whole words and strong ones"),
    ("2 * 3 * 4 stays, so does a*", "2 * 3 * 4 stays, so does a*"),
    ("see [the book](https://example.com/llm)", "see the book (https://example.com/llm)"),
    ("an escaped \\*star\\*", "an escaped *star*"),
    ("***both***", "both"),
    ("## Similarity by dot product", "Similarity by dot product"),
    ("1. attention with no weights", "1. attention with no weights"),
    ("{num_heads} heads stay as written", "{num_heads} heads stay as written"),
])
func markdownPlainFormDropsMarkers(markdown: String, expected: String) {
    #expect(Markdown.render(markdown, terminal: plain60) == expected)
}

@Test func markdownStylesWithColour() {
    let text = Markdown.render("a *token*, a **query**, `code` and [x](u)", terminal: colour60)
    #expect(text == "a \u{1B}[3mtoken\u{1B}[0m, a \u{1B}[1mquery\u{1B}[0m, \u{1B}[36mcode\u{1B}[0m and "
        + "\u{1B}[4mx\u{1B}[0m \u{1B}[2m(u)\u{1B}[0m")
    #expect(Markdown.render("## Heads", terminal: colour60) == "\u{1B}[1mHeads\u{1B}[0m")
}

@Test func markdownFillsParagraphsToTheWidth() {
    let markdown = """
        The loop above is one row of a matrix product. `inputs @ inputs.T` gives the
        scores of every query against every key in one go: a 6×6 table, where row i
        says how much token i cares about each token.
        """
    let lines = Markdown.render(markdown, terminal: plain60).split(separator: "\n").map(String.init)
    #expect(lines == [
        "The loop above is one row of a matrix product. `inputs @",
        "inputs.T` gives the scores of every query against every key",
        "in one go: a 6×6 table, where row i says how much token i",
        "cares about each token.",
    ])
}

@Test func listItemsWrapWithAHangingIndent() {
    let markdown = """
        Three roles:

        * a **query**: what am I looking for, in the sequence that came before me?
        * a **key**: what do I offer?
        2. a numbered item that is long enough to need a second line at sixty
           columns, continued here
        """
    let lines = Markdown.render(markdown, terminal: plain60).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines == [
        "Three roles:",
        "",
        "• a query: what am I looking for, in the sequence that came",
        "  before me?",
        "• a key: what do I offer?",
        "2. a numbered item that is long enough to need a second line",
        "   at sixty columns, continued here",
    ])
}

@Test func markdownStylesDoNotLeakAcrossWrappedLines() {
    let text = Markdown.render("**" + String(repeating: "bold words ", count: 10) + "end**", terminal: colour60)
    for line in text.split(separator: "\n") {
        #expect(line.hasSuffix("\u{1B}[0m"), "\(line)")
        #expect(line.replacing(#/\x{1B}\[[0-9;]*m/#, with: "").count <= 60)
    }
}

@Test func codeBlocksInProseKeepTheirLinesAndWrapInside() {
    let markdown = "The model:\n\n    token ids → embeddings → dropout → 12 × TransformerBlock → LayerNorm → Linear → logits"
    let lines = Markdown.render(markdown, terminal: plain60).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    #expect(lines == [
        "The model:",
        "",
        "    token ids → embeddings → dropout → 12 × TransformerBlock",
        "      → LayerNorm → Linear → logits",
    ])
}

@Test func highlighterHidesParamAnnotationsAndKeepsShowLines() {
    let source = "d_out = 2  # @param {type:\"integer\", min:1, max:64}\n# @show heatmap x\nx = 1  # a note"
    #expect(CodeHighlighter.lines(source).map(\.plain) == ["d_out = 2", "# @show heatmap x", "x = 1  # a note"])
}

@Test func highlighterColoursKeywordsStringsNumbersAndComments() {
    let line = CodeHighlighter.lines("def f(x):\n    return x + 1.5e-3 if x else 'no' # why")
    #expect(line[0].runs.contains(StyledRun("def", "35")))
    #expect(line[0].runs.contains(StyledRun("f", "34")))
    #expect(line[1].runs.contains(StyledRun("1.5e-3", "33")))
    #expect(line[1].runs.contains(StyledRun("'no'", "32")))
    #expect(line[1].runs.contains(StyledRun("# why", "2")))
    #expect(line[1].runs.contains(StyledRun("else", "35")))
}

@Test func highlighterKeepsTripleQuotedStringsAcrossLines() {
    let lines = CodeHighlighter.lines("s = \"\"\"one\n# not a comment\n\"\"\"\nn = 3")
    #expect(lines.map(\.plain) == ["s = \"\"\"one", "# not a comment", "\"\"\"", "n = 3"])
    #expect(lines[1].runs == [StyledRun("# not a comment", "32")])
    #expect(lines[3].runs.last == StyledRun("3", "33"))
}

@Test func styledTextWrapsAndTruncatesByVisibleColumns() {
    let text = StyledText([StyledRun("abc ", "1"), StyledRun("defgh ij", nil)])
    #expect(text.wrapped(width: 6).map(\.plain) == ["abc", "defgh", "ij"])
    #expect(text.truncated(to: 6).plain == "abc d…")
    #expect(StyledText(String(repeating: "x", count: 14)).wrapped(width: 5).map(\.plain) == ["xxxxx", "xxxxx", "xxxx"])
}
