// Heatmaps and plots render to pinned text without colour, and fit the terminal.
import Testing
import Shell

@Test func heatmapDrawsShadesLabelsAndScale() {
    let map = Heatmap(values: [[0, 1], [0.5, -.infinity]], rowLabels: ["the", "cat"], columnLabels: ["the", "cat"])
    let text = map.render(on: .plain)
    #expect(text.split(separator: "\n", omittingEmptySubsequences: false) == [
        "     the   cat",
        "the  0.00 █1.00",
        "cat ▒0.50   ·",
        "    0 [   ░░░░░░▒▒▒▒▒▒▓▓▓▓▓▓███] 1  · = -inf",
    ])
}

@Test func heatmapShowsValuesOnRequest() {
    let text = Heatmap(values: [[0.25, 0.75]], showValues: true).render(on: .plain)
    #expect(text.contains("0  0.25 █0.75"), "\(text)")
}

@Test func wideHeatmapIsSummarisedToTheTerminalWidth() {
    let values = (0..<50).map { r in (0..<200).map { Float(r * $0) } }
    let text = Heatmap(values: values).render(on: Terminal(isInteractive: true, colors: .truecolor, width: 60))
    #expect(text.contains("showing 31 of 50 rows"))
    let visible = text.replacing(#/\x{1B}\[[0-9;]*m/#, with: "")
    for line in visible.split(separator: "\n") { #expect(line.count <= 60, "\(line)") }
}

@Test func plotDrawsASeriesWithAxisTicks() {
    let plot = LinePlot(series: [("loss", [10, 8, 6, 5, 4.5, 4.2])], height: 4)
    let lines = plot.render(on: .plain).split(separator: "\n").map(String.init)
    #expect(lines.count == 7)
    #expect(lines[0].hasPrefix("10 ┤⠉⠉⠒⠒⠒"))
    #expect(lines[3].hasPrefix("   │ "))
    #expect(lines[6] == "    ━━ loss (last 4.2)")
}
