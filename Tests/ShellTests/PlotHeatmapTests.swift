// Plots and heatmaps (issue #20, items 8, 9): pinned text at a fixed width with colour
// off and on; flag completion (18), `abort` at a breakpoint (20), trace's names (22).
import Foundation
import Shell
import Testing

private let plain40 = Terminal(isInteractive: false, colors: .none, width: 40)
private let colour40 = Terminal(isInteractive: true, colors: .ansi256, width: 40)

private func lines(_ text: String) -> [String] { text.components(separatedBy: "\n") }
private func visible(_ text: String) -> String { text.replacing(#/\x{1B}\[[0-9;]*m/#, with: "") }

/// A workbench with torch imported, and the text it prints.
private func workbench(width: Int = 60, colors: ColorSupport = .none) -> (Workbench, () -> String) {
    var text = ""
    let terminal = Terminal(isInteractive: false, colors: colors, width: width)
    let workbench = Workbench(terminal: terminal, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { text += $0 }
    workbench.evaluate("import torch")
    return (workbench, { defer { text = "" }; return text })
}

// MARK: plots

@Test func plotFillsTheWidthWithRealXValues() {
    let plot = LinePlot(series: [("y", [4, 1, 0, 1, 4])], x: [-2, -1, 0, 1, 2], xName: "x", height: 6)
    #expect(lines(plot.render(on: plain40)) == [
        "4 ┤⠑⢄                                ⡠⠊",
        "  │  ⠑⢄                            ⡠⠊",
        "2 ┤    ⠉⠢⡀                      ⢀⠔⠉",
        "  │      ⠈⠢⡀                  ⢀⠔⠁",
        "  │        ⠈⠒⠤⢄⣀          ⣀⡠⠤⠒⠁",
        "0 ┤             ⠉⠑⠒⠤⢄⣀⠤⠔⠒⠉",
        "  └┬────────┬────────┬───────┬────────┬",
        "   -2       -1       0       1        2",
        "   x axis: x",
        "   ━━ y (last 4)",
    ])
}

@Test func plotWithoutXCountsFromZero() {
    let text = LinePlot(series: [("loss", [10, 8, 6, 5, 4.5, 4.2])], height: 4).render(on: plain40)
    #expect(lines(text)[4] == "   └┬──────┬──────┬─────┬──────┬──────┬")
    #expect(lines(text)[5] == "    0      1      2     3      4      5")
    #expect(!text.contains("x axis"))
}

@Test func plotSeriesAreToldApartByMarkersWithoutColour() {
    let plot = LinePlot(series: [("a", [0, 1, 2, 3]), ("b", [3, 2, 1, 0])], height: 4)
    let text = plot.render(on: plain40)
    #expect(lines(text).last == "   • a (last 3)   + b (last 0)")
    #expect(text.filter { $0 == "•" }.count == 5, "\(text)")  // 4 points and the legend
    #expect(text.filter { $0 == "+" }.count == 5, "\(text)")
}

@Test func plotSeriesAreToldApartByColour() {
    let plot = LinePlot(series: [("a", [0, 1, 2, 3]), ("b", [3, 2, 1, 0])], height: 4)
    let text = plot.render(on: colour40)
    #expect(text.contains("\u{1B}[33m━━\u{1B}[0m a (last 3)   \u{1B}[36m━━\u{1B}[0m b (last 0)"))
    #expect(lines(text)[0].contains("\u{1B}[33m"), "\(text)")  // a ends at the top
    #expect(lines(text)[0].contains("\u{1B}[36m"), "\(text)")  // b starts there
    #expect(!text.contains("•"))
    for line in lines(visible(text)) { #expect(line.count <= 40, "\(line)") }
}

@Test func logScalesAreLabelledWithTheRealValues() {
    let y = LinePlot(series: [("t", [1, 10, 100, 1000, 10000])], logY: true, height: 12).render(on: plain40)
    let ticks = lines(y).prefix(12).compactMap { $0.split(separator: "┤").first?.trimmingCharacters(in: .whitespaces) }
    #expect(ticks.filter { !$0.contains("│") } == ["10000", "1000", "100", "10", "1"], "\(y)")
    #expect(y.contains("y axis: log scale"))
    let x = LinePlot(series: [("mib", [1, 4, 16, 64])], x: [256, 512, 1024, 2048], xName: "sizes", logX: true, height: 4)
        .render(on: Terminal(isInteractive: false, colors: .none, width: 60))
    #expect(lines(x)[5].split(separator: " ") == ["256", "512", "1024", "2048"], "\(x)")
    #expect(lines(x)[6] == "    x axis: sizes, log scale")
}

@Test func plotCommandTakesXValuesAndChecksThem() {
    let (wb, output) = workbench()
    wb.evaluate("x = torch.linspace(-3, 3, 13)\ny = torch.nn.functional.gelu(x)\nshort = [1, 2]")
    wb.handle("plot y --x x")
    let text = output()
    #expect(lines(text)[15] == "   -3       -2       -1        0        1        2        3", "\(text)")
    #expect(lines(text)[16] == "   x axis: x", "\(text)")
    #expect(lines(text).allSatisfy { $0.count < 60 }, "\(text)")
    wb.handle("plot y --x short")
    #expect(output() == "--x short has 2 values, fewer than the 13 of y\n")
    wb.handle("plot y --logz")
    #expect(output() == "plot has no option --logz; did you mean --logx? (options: --x X, --logx, --logy, --save FILE)\n")
}

@Test func gelusDipBelowZeroIsDrawnBelowTheZeroTick() {
    let (wb, output) = workbench(width: 100)
    wb.evaluate("x = torch.linspace(-3, 3, 13)\ny_gelu = torch.nn.functional.gelu(x, approximate='tanh')\ny_relu = torch.relu(x)")
    wb.handle("plot y_gelu y_relu --x x")
    let rows = lines(output())
    // The plot area is the width less the tick labels: the 13 points spread over ~95 columns.
    #expect(rows[0].count >= 90, "\(rows[0])")
    let zero = rows.firstIndex { $0.hasPrefix("0 ┤") }
    #expect(zero == 13, "\(rows)")
}

// MARK: heatmaps

@Test func heatmapLabelsRowsAndWritesColumnLabelsAcross() {
    let map = Heatmap(values: [[0, 1], [0.5, -.infinity]], rowLabels: ["the", "cat"], columnLabels: ["the", "cat"])
    #expect(lines(map.render(on: plain40)) == [
        "     the   cat",
        "the  0.00 █1.00",
        "cat ▒0.50   ·",
        "    0 [   ░░░░░░▒▒▒▒▒▒▓▓▓▓▓▓███] 1",
        "    · = -inf",
    ])
}

@Test func heatmapInColourHasAColourBarAndNoNumbersUnlessAsked() {
    let map = Heatmap(values: [[0.25, 0.75]], columnLabels: ["a", "b"])
    let text = map.render(on: Terminal(isInteractive: true, colors: .truecolor, width: 60))
    #expect(lines(visible(text)) == ["   a  b", "0      ", "  0.2500                          0.7500"], "\(text)")
    #expect(text.contains("\u{1B}[48;2;68;1;84m\u{1B}[97m  \u{1B}[0m"))  // viridis' dark end, white text
    let asked = Heatmap(values: [[0.25, 0.75]], showValues: true).render(on: Terminal(isInteractive: true, colors: .truecolor, width: 60))
    #expect(visible(asked).contains("0 0.25 0.75"))
}

@Test func columnLabelsTooWideAreNumberedWithALegend() {
    let labels = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"]
    let map = Heatmap(values: [[Float](repeating: 0.5, count: 8)], rowLabels: ["r"], columnLabels: labels)
    let text = map.render(on: Terminal(isInteractive: false, colors: .ansi256, width: 40))
    #expect(lines(visible(text))[0] == "   0  1  2  3  4  5  6  7", "\(text)")
    #expect(lines(visible(text)).suffix(3) == [
        "  columns: 0=alpha 1=bravo 2=charlie",
        "  3=delta 4=echo 5=foxtrot 6=golf",
        "  7=hotel",
    ], "\(text)")
}

@Test func signedDataGetsADivergingScaleCentredOnZero() {
    let map = Heatmap(values: [[-1, 0, 0.5]])
    let text = map.render(on: Terminal(isInteractive: false, colors: .none, width: 60))
    #expect(lines(text) == [
        "     0      1      2",
        "0 █-1.00   0.00 ▒▒0.50",
        "  -1 [██▓▓▓▒▒▒░░░  ░░░▒▒▒▓▓▓██] 1 (0 in the middle)",
    ], "\(text)")
    // Narrower, the bar shrinks and the note goes.
    let narrow = map.render(on: Terminal(isInteractive: false, colors: .none, width: 30))
    #expect(lines(narrow).last == "  -1 [█▓▓▓▒▒░░░  ░░░▒▒▓▓▓█] 1", "\(narrow)")
    let colour = Heatmap(values: [[-1, 0, 1]]).render(on: Terminal(isInteractive: true, colors: .truecolor, width: 60))
    #expect(colour.contains("\u{1B}[48;2;5;48;97m"))      // dark blue at -1
    #expect(colour.contains("\u{1B}[48;2;247;247;247m"))  // white at 0
    #expect(colour.contains("\u{1B}[48;2;103;0;31m"))     // dark red at 1
}

@Test func theScaleCanBeFixed() {
    let map = Heatmap(values: [[0.2, 0.4, 1.5]], low: 0, high: 1)
    let text = map.render(on: Terminal(isInteractive: false, colors: .none, width: 80))
    #expect(lines(text).last == "  0 [   ░░░░░░▒▒▒▒▒▒▓▓▓▓▓▓███] 1  scale fixed by --min/--max, 1 value beyond it", "\(text)")
}

@Test func the256ColourRampTellsCloseWeightsApart() {
    // Weights 0.16 … 0.33 of a 0…1 scale: the grey ramp gives each its own colour.
    let map = Heatmap(values: [[0, 0.16, 0.2, 0.25, 0.29, 0.33, 1]])
    let text = map.render(on: Terminal(isInteractive: true, colors: .ansi256, width: 60))
    let colours = text.matches(of: #/48;5;(\d+)m\x{1B}\[\d+m  /#).map { String($0.1) }
    #expect(colours.count == 7)
    #expect(Set(colours.dropFirst().dropLast()).count == 5, "\(colours)")
}

@Test func colourMapsArePlainData() {
    #expect(ColorMap.viridis.rgb(0) == RGB(68, 1, 84))
    #expect(ColorMap.viridis.rgb(1) == RGB(253, 231, 37))
    #expect(ColorMap.viridis.rgb(0.5) == RGB(33, 145, 140))
    #expect(ColorMap.diverging.rgb(0.5) == RGB(247, 247, 247))
    // Both maps get lighter steadily where they should (viridis all along; RdBu to its middle).
    let v = (0...20).map { ColorMap.viridis.rgb(Double($0) / 20).luminance }
    #expect(zip(v, v.dropFirst()).allSatisfy { $0 < $1 })
    let d = (0...10).map { ColorMap.diverging.rgb(Double($0) / 20).luminance }
    #expect(zip(d, d.dropFirst()).allSatisfy { $0 < $1 })
}

@Test func labelsNameTheRowsAndTheColumnsOnlyWhenTheyFit() {
    let (wb, output) = workbench()
    wb.evaluate("""
        words = ["the", "fat", "cat", "sat", "on", "the", "mat"]
        classes = ["art", "adj", "noun", "verb", "prep"]
        x = torch.zeros(7, 5)
        """)
    wb.handle("heatmap x --labels words")
    var rows = lines(output())
    #expect(rows[1] == "      0     1     2     3     4", "\(rows)")
    #expect(rows[2].hasPrefix("the "))
    #expect(rows[8].hasPrefix("mat "))
    wb.handle("heatmap x --labels words --xlabels classes")
    rows = lines(output())
    #expect(rows[1] == "     art   adj   noun  verb  prep", "\(rows)")
    wb.handle("heatmap x.T --labels classes --xlabels words")
    rows = lines(output())
    #expect(rows[1] == "      the   fat   cat   sat    on   the   mat", "\(rows)")
    #expect(rows[2].hasPrefix("art  "))
    wb.handle("heatmap x --labels classes")
    #expect(output().hasSuffix("--labels classes has 5 strings for 7 rows: the rows are numbered\n"))
    wb.handle("heatmap x --xlabels words")
    #expect(output().hasSuffix("--xlabels words has 7 strings for 5 columns: the columns are numbered\n"))
    wb.handle("heatmap x --min 1 --max 0")
    #expect(output() == "--min must be below --max (got 1.0 and 0.0)\n")
}

// MARK: completion, abort, trace

@Test(arguments: [
    ("heatmap x ", "--", ["--labels", "--xlabels", "--values", "--min", "--max", "--save"]),
    ("heatmap x --labels tokens ", "--v", ["--values"]),
    ("plot y ", "--l", ["--logx", "--logy"]),
    ("open 3 ", "--", ["--restart"]),
    ("stats x ", "--", []),
])
func tabCompletesACommandsFlags(before: String, word: String, expected: [String]) {
    let (wb, _) = workbench()
    let shell = Shell(workbench: wb, reader: PlainLineReader(lines: []), interactive: false)
    let line = before + word
    #expect(shell.complete(line: line, wordStart: before.count, word: word) == expected)
}

@Test func flagsComeFromTheUsage() {
    let heatmap = CommandCatalog.command("heatmap")?.flags.map(\.usage)
    #expect(heatmap == ["--labels EXPR", "--xlabels EXPR", "--values", "--min N", "--max N", "--save FILE"])
}

@Test func traceNamesAModulesOutputApartFromTheModule() {
    let (wb, output) = workbench()
    wb.evaluate("""
        import torch.nn as nn
        class SelfAttention(nn.Module):
            def __init__(self):
                super().__init__()
                self.W_query = nn.Linear(3, 2, bias=False)
            def forward(self, x):
                queries = self.W_query(x)
                return queries.softmax(dim=-1)
        torch.manual_seed(0)
        sa = SelfAttention()
        W_query = sa.W_query.weight
        """)
    wb.handle("trace sa(torch.ones(4, 3))")
    #expect(output() == """
        traced 3 tensors (print one with trace["NAME"]):
          W_query.out  torch.Size([4, 2])
          queries      torch.Size([4, 2])
          output       torch.Size([4, 2])

        """)
}

// MARK: never crash

@Test(arguments: [
    [1e308, -1e308, 0],
    [0, 5e-324],
    [Double.nan, .infinity],
    [],
    [42],
    [1e15, 1e15 + 1],
])
func plotsOfAwkwardValuesDrawOrSayWhy(values: [Double]) {
    for log in [false, true] {
        let text = LinePlot(series: [("v", values)], logY: log).render(on: plain40)
        guard !text.hasPrefix("(nothing to plot") else { continue }
        #expect(lines(text).count >= 16, "\(text)")
        for line in lines(text) { #expect(line.count <= 40, "\(line)") }
    }
}

@Test func plotSaysWhatALogScaleLeftOut() {
    let text = LinePlot(series: [("v", [-1, 0, 1, 10, 100])], logY: true, height: 4).render(on: plain40)
    #expect(lines(text).suffix(3) == ["     y axis: log scale; 2 points left", "     out (not finite or not above 0)", "     ━━ v (last 100)"],
            "\(text)")
    #expect(LinePlot(series: [("v", [-1, 0])], logY: true).render(on: plain40)
            == "(nothing to plot: no finite values above 0 for the log scale)")
}

@Test func heatmapsOfAwkwardValuesFitTheWidth() {
    let values: [[Float]] = [[3e38, -3e38], [.nan, 1e-30], [0, .infinity]]
    for colors in [ColorSupport.none, .ansi256, .truecolor] {
        for showValues in [false, true] {
            let text = Heatmap(values: values, showValues: showValues).render(on: Terminal(isInteractive: false, colors: colors, width: 40))
            for line in lines(visible(text)) { #expect(line.count <= 40, "\(line)") }
        }
    }
    #expect(Heatmap(values: [[1, 2], [3]]).render(on: plain40) == "(empty matrix: nothing to draw)")
}
