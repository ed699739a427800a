// `plot Y ... [--x X]`: 1-D series (losses over steps, GELU against x) as a line chart
// as wide as the terminal, with tick values on both axes and log scales.

import Foundation

/// A terminal line chart of one or more series over shared x values (their index unless
/// given). Lines are braille dots (2×4 a character cell), one colour a series; without
/// colour, several series are told apart by marker characters on their data points.
public struct LinePlot {
    public var series: [(name: String, values: [Double])]
    /// The x value of each point, shared by the series (paired from the start); nil: 0, 1, 2, ...
    public var x: [Double]?
    /// What the x values are, for the axis caption (`sizes`).
    public var xName: String?
    public var logX = false
    public var logY = false
    public var height = 14

    public init(series: [(name: String, values: [Double])], x: [Double]? = nil, xName: String? = nil,
                logX: Bool = false, logY: Bool = false, height: Int = 14) {
        (self.series, self.x, self.xName, self.logX, self.logY, self.height) = (series, x, xName, logX, logY, height)
    }

    /// Colours for the series, in order (ANSI foreground codes: yellow, cyan, magenta, green, red, blue).
    static let palette = [33, 36, 35, 32, 31, 34]
    /// Markers for the series when there is no colour to tell them apart.
    static let markers: [Character] = ["•", "+", "x", "o", "*", "#"]
    /// Widest plot area drawn, in columns, however wide the terminal.
    static let maxWidth = 160

    public func render(on terminal: Terminal) -> String {
        var left = 0
        let points = series.map { item in
            item.values.indices.compactMap { i -> (Double, Double)? in
                let px = x.map { i < $0.count ? $0[i] : .nan } ?? Double(i)
                let py = item.values[i]
                guard let a = PlotAxis.transform(px, log: logX), let b = PlotAxis.transform(py, log: logY) else {
                    if x == nil || i < x?.count ?? 0 { left += 1 }
                    return nil
                }
                return (a, b)
            }
        }
        let all = points.joined()
        guard let xLow = all.map(\.0).min(), let xHigh = all.map(\.0).max(),
              let yLow = all.map(\.1).min(), let yHigh = all.map(\.1).max() else {
            return "(nothing to plot: no finite values\(logX || logY ? " above 0 for the log scale" : ""))"
        }
        let xAxis = PlotAxis(low: xLow, high: xHigh, log: logX, integers: x == nil)
        let yAxis = PlotAxis(low: yLow, high: yHigh, log: logY, integers: false)
        let yTicks = yAxis.ticks(target: max(height / 3, 2))
        let labelWidth = yTicks.map(\.label.count).max() ?? 1
        let width = max(min(terminal.width - labelWidth - 3, LinePlot.maxWidth), 10)
        let canvas = draw(points, xAxis: xAxis, yAxis: yAxis, width: width, markers: terminal.colors == .none && series.count > 1)

        // Each y tick labels the row its value falls in.
        var rowLabels = [String?](repeating: nil, count: height)
        for tick in yTicks {
            let dot = yAxis.position(tick.value, dots: height * 4)
            guard dot > -0.5, dot < Double(height * 4) - 0.5 else { continue }
            let row = height - 1 - Int(dot.rounded()) / 4
            if rowLabels[row] == nil { rowLabels[row] = tick.label }
        }
        var lines: [String] = []
        for row in 0..<height {
            let label = rowLabels[row] ?? ""
            lines.append(String(repeating: " ", count: labelWidth - label.count) + label
                         + (rowLabels[row] == nil ? " │" : " ┤") + canvas.line(row, colors: terminal.colors))
        }
        lines.append(contentsOf: xAxisLines(xAxis, width: width, indent: labelWidth + 1))
        var caption: [String] = []
        if let xName { caption.append("x axis: \(xName)" + (logX ? ", log scale" : "")) } else if logX { caption.append("x axis: log scale") }
        if logY { caption.append("y axis: log scale") }
        if left > 0 { caption.append("\(left) point\(left == 1 ? "" : "s") left out (not finite\(logX || logY ? " or not above 0" : ""))") }
        if !caption.isEmpty {
            let indent = String(repeating: " ", count: labelWidth + 2)
            lines.append(contentsOf: CommandCatalog.wrap(caption.joined(separator: "; "), width: terminal.width, indent: indent)
                .components(separatedBy: "\n"))
        }
        if series.count > 1 || !(series.first?.name.isEmpty ?? true) {
            lines.append(contentsOf: legend(colors: terminal.colors, width: terminal.width, indent: labelWidth + 2))
        }
        return lines.joined(separator: "\n")
    }

    /// The series drawn on a grid of `width` × `height` cells.
    private func draw(_ points: [[(Double, Double)]], xAxis: PlotAxis, yAxis: PlotAxis, width: Int, markers: Bool) -> PlotCanvas {
        var canvas = PlotCanvas(width: width, height: height, markers: markers)
        let dotsX = width * 2, dotsY = height * 4
        var dots: [[(Int, Int)]] = Array(repeating: [], count: points.count)
        // The first series is drawn last, so that it keeps the colour of the cells it shares.
        for (s, line) in points.enumerated().reversed() {
            var previous: (Int, Int)?
            dots[s] = (line.map { a, b in
                let point = (Int(xAxis.position(a, dots: dotsX).rounded()), Int(yAxis.position(b, dots: dotsY).rounded()))
                canvas.segment(from: previous ?? point, to: point, series: s)
                previous = point
                return point
            })
        }
        // Markers go on top of all the lines, at most one every 3 columns a series.
        for (s, points) in dots.enumerated().reversed() where markers {
            var last = -3
            for (x, y) in points where x / 2 - last >= 3 {
                last = canvas.mark(x, y, series: s) ?? last
            }
        }
        return canvas
    }

    /// The axis line with a ┬ at each tick, and the tick values centred under them.
    private func xAxisLines(_ axis: PlotAxis, width: Int, indent: Int) -> [String] {
        var rule = Array(repeating: Character("─"), count: width)
        var labels = Array(repeating: Character(" "), count: width + 8)
        var free = 0  // the first column a label may start in
        // As many ticks as have room for their labels: evenly spaced, none left out.
        var ticks = axis.ticks(target: 2)
        for target in stride(from: max(width / 6, 2), through: 3, by: -1) {
            let candidate = axis.ticks(target: target)
            let columns = candidate.map { axis.position($0.value, dots: width * 2) / 2 }
            let spacing = zip(columns, columns.dropFirst()).map { $1 - $0 }.min() ?? Double(width)
            if Double((candidate.map(\.label.count).max() ?? 0) + 3) <= spacing { ticks = candidate; break }
        }
        for tick in ticks {
            let dot = axis.position(tick.value, dots: width * 2)
            guard dot > -0.5, dot < Double(width * 2) - 0.5 else { continue }
            let column = Int(dot.rounded()) / 2
            // Centred under the tick, moved in at the ends so the line keeps to the width.
            let start = min(max(column - (tick.label.count - 1) / 2, 0), width - tick.label.count)
            guard start >= free, start >= 0 else { continue }
            rule[column] = "┬"
            for (i, c) in tick.label.enumerated() { labels[start + i] = c }
            free = start + tick.label.count + 2
        }
        let pad = String(repeating: " ", count: indent)
        return [pad + "└" + String(rule), pad + " " + String(labels).trimmingTrailingSpaces()]
    }

    /// One entry a series (its marker or colour, name and last value), wrapped to the width.
    private func legend(colors: ColorSupport, width: Int, indent: Int) -> [String] {
        let markers = colors == .none && series.count > 1
        var lines: [String] = [], line = "", visible = 0
        for (s, item) in series.enumerated() {
            let last = item.values.last { $0.isFinite }.map { PlotAxis.compact($0) } ?? "none"
            let text = " \(item.name.isEmpty ? "series \(s + 1)" : item.name) (last \(last))"
            let mark = markers ? String(LinePlot.markers[s % LinePlot.markers.count])
                : colors == .none ? "━━" : "\u{1B}[\(LinePlot.palette[s % LinePlot.palette.count])m━━\u{1B}[0m"
            let length = (markers ? 1 : 2) + text.count
            if visible > 0 && indent + visible + 3 + length > width {
                lines.append(line)
                (line, visible) = ("", 0)
            }
            if visible > 0 { line += "   "; visible += 3 }
            line += mark + text
            visible += length
        }
        if visible > 0 { lines.append(line) }
        return lines.map { String(repeating: " ", count: indent) + $0 }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}
