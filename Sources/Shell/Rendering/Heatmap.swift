// `heatmap EXPR`: a 2-D matrix as coloured cells, with labels written out along both
// sides and a colour bar giving the scale. Lesson 03 draws attention weights with it.

import Foundation

/// Draws a matrix as a heatmap that fits the terminal: wide or tall matrices are
/// summarised (first and last rows/columns with an ellipsis), never wrapped.
public struct Heatmap {
    public var values: [[Float]]
    public var rowLabels: [String]?
    public var columnLabels: [String]?
    public var showValues = false
    public var title: String?
    /// The ends of the colour scale; nil: the data's own (see `HeatmapScale`).
    public var low: Double?
    public var high: Double?

    public init(values: [[Float]], rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                showValues: Bool = false, title: String? = nil, low: Double? = nil, high: Double? = nil) {
        (self.values, self.rowLabels, self.columnLabels, self.showValues, self.title, self.low, self.high) =
            (values, rowLabels, columnLabels, showValues, title, low, high)
    }

    /// The most rows shown before summarising.
    static let maxRows = 32
    /// Row labels and written-out column labels are cut to this many characters.
    static let labelWidth = 12
    static let columnLabelWidth = 10

    /// How the cells are laid out: their width, and what goes in them and above them.
    private struct Layout {
        var cellWidth: Int          // characters a cell, not counting the space after it
        var numbers: Bool           // the values are printed in the cells
        var writtenLabels: Bool     // the column labels are written out (else numbered)
    }

    public func render(on terminal: Terminal) -> String {
        let rows = values.count, columns = values.first?.count ?? 0
        guard rows > 0, columns > 0, values.allSatisfy({ $0.count == columns }) else { return "(empty matrix: nothing to draw)" }
        let scale = HeatmapScale(values: values, low: low, high: high)
        let colour = ColorScale(map: scale.map, colors: terminal.colors)
        let rowNames = (0..<rows).map { label(rowLabels, $0) }
        let rowLabelWidth = min(Heatmap.labelWidth, rowNames.map(\.count).max() ?? 1)
        let layout = self.layout(columns: columns, available: terminal.width - rowLabelWidth - 1, colors: terminal.colors)
        let step = layout.cellWidth + 1
        let columnPick = pick(columns, fitting: max((terminal.width - rowLabelWidth - 1) / step, 3))
        let rowPick = pick(rows, fitting: Heatmap.maxRows)
        let indent = String(repeating: " ", count: rowLabelWidth + 1)

        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(indent + columnHeader(columnPick, layout: layout).trimmingTrailingSpaces())
        for row in rowPick {
            guard let r = row else {
                lines.append(pad("⋮", rowLabelWidth) + " " + columnPick.map { center($0 == nil ? "" : "⋮", step) }.joined().trimmingTrailingSpaces())
                continue
            }
            var line = pad(rowNames[r], rowLabelWidth) + " "
            for column in columnPick {
                guard let c = column else { line += center("…", step); continue }
                line += cell(values[r][c], scale: scale, colour: colour, layout: layout)
            }
            lines.append(line.trimmingTrailingSpaces())
        }
        lines.append(contentsOf: scaleLines(scale, colour: colour, numbers: layout.numbers, indent: rowLabelWidth + 1, width: terminal.width))
        if columnLabels != nil && !layout.writtenLabels {
            let legend = columnPick.compactMap { $0 }.map { "\($0)=\(label(columnLabels, $0))" }.joined(separator: " ")
            lines.append(contentsOf: CommandCatalog.wrap("columns: " + legend, width: terminal.width - 1, indent: indent).split(separator: "\n").map(String.init))
        }
        let shownRows = rowPick.compactMap { $0 }.count, shownColumns = columnPick.compactMap { $0 }.count
        if rows != shownRows || columns != shownColumns {
            lines.append("showing \(shownRows) of \(rows) rows, \(shownColumns) of \(columns) columns")
        }
        return lines.joined(separator: "\n")
    }

    /// Wide enough cells for the numbers (asked for, or without colour when they fit) and
    /// for the column labels written out when they fit; else narrow cells, numbered columns.
    private func layout(columns: Int, available: Int, colors: ColorSupport) -> Layout {
        func fits(_ width: Int) -> Bool { columns * (width + 1) <= available }
        let numberWidth = values.joined().map { cellText($0).count }.max() ?? 4
        // Without colour a number follows a shade character.
        let numbersWidth = colors == .none ? numberWidth + 1 : numberWidth
        var layout = Layout(cellWidth: 2, numbers: false, writtenLabels: columnLabels == nil)
        if showValues || (colors == .none && fits(numbersWidth)) { (layout.cellWidth, layout.numbers) = (numbersWidth, true) }
        if let columnLabels {
            let longest = min(columnLabels.indices.map { label(columnLabels, $0).count }.max() ?? 0, Heatmap.columnLabelWidth)
            if fits(max(layout.cellWidth, longest)) {
                layout.cellWidth = max(layout.cellWidth, longest)
                layout.writtenLabels = true
            }
        }
        return layout
    }

    /// Indices to show: all of them, or the first and last halves with nil for the gap.
    private func pick(_ count: Int, fitting limit: Int) -> [Int?] {
        if count <= limit { return Array(0..<count) }
        let keep = max(limit - 1, 2)
        let head = (keep + 1) / 2, tail = keep / 2
        return Array(0..<head) + [nil] + Array((count - tail)..<count)
    }

    private func cell(_ value: Float, scale: HeatmapScale, colour: ColorScale, layout: Layout) -> String {
        let width = layout.cellWidth
        if value.isNaN { return center("×", width) + " " }
        if !value.isFinite { return center(value < 0 ? "·" : "∞", width) + " " }
        let t = scale.t(Double(value))
        if colour.colors == .none {
            let shade = scale.shade(t, signed: !layout.numbers)
            if layout.numbers {  // the shade fills what the number leaves
                let text = cellText(value)
                return String(repeating: shade, count: max(width - text.count, 1)) + text + " "
            }
            return String(repeating: shade, count: width) + " "
        }
        let body = layout.numbers ? pad(cellText(value), width, right: true) : String(repeating: " ", count: width)
        return colour.background(t) + colour.text(on: t) + body + ColorScale.reset + " "
    }

    /// Two decimals; large values in exponent form, so a cell stays narrow.
    private func cellText(_ value: Float) -> String {
        guard value.isFinite else { return "\(value)" }
        return abs(value) < 1e4 ? String(format: "%.2f", value) : String(format: "%.1e", value)
    }

    /// The column labels written across, centred over their cells, or the column numbers;
    /// a label that would run into the one before is left out.
    private func columnHeader(_ pick: [Int?], layout: Layout) -> String {
        let step = layout.cellWidth + 1
        var line = Array(repeating: Character(" "), count: pick.count * step + Heatmap.columnLabelWidth)
        var free = 0
        for (i, column) in pick.enumerated() {
            guard let column else { continue }
            var text = layout.writtenLabels ? label(columnLabels, column) : String(column)
            if text.count > max(layout.cellWidth, Heatmap.columnLabelWidth) { text = String(text.prefix(Heatmap.columnLabelWidth - 1)) + "…" }
            let start = max(i * step + (layout.cellWidth - text.count + 1) / 2, free)
            guard start + text.count <= (i + 1) * step + step / 2 else { continue }
            for (k, c) in text.enumerated() { line[start + k] = c }
            free = start + text.count + 1
        }
        return String(line)
    }

    /// The colour bar from the low end of the scale to the high end, with both values, and
    /// what else the cells may show.
    private func scaleLines(_ scale: HeatmapScale, colour: ColorScale, numbers: Bool, indent: Int, width: Int) -> [String] {
        let (lowText, highText) = (HeatmapScale.format(scale.low), HeatmapScale.format(scale.high))
        let ends = indent + lowText.count + highText.count + (colour.colors == .none ? 4 : 2)
        let steps = min(max(width - 1 - ends, 8), 24)
        let middle = scale.map == .diverging && ends + steps + 17 < width ? " (0 in the middle)" : ""
        var bar = (0..<steps).map { i -> String in
            let t = (Double(i) + 0.5) / Double(steps)
            return colour.colors == .none ? String(scale.shade(t, signed: !numbers)) : colour.background(t) + " "
        }.joined()
        // Without colour the bar is bracketed: its low end is blank.
        bar = colour.colors == .none ? "[" + bar + "]" : bar + ColorScale.reset
        var line = String(repeating: " ", count: indent) + "\(lowText) \(bar) \(highText)\(middle)"
        let visible = ends + steps + middle.count
        var notes: [String] = []
        if scale.fixed { notes.append("scale fixed by --min/--max") }
        let finite = values.joined().filter(\.isFinite)
        let outside = finite.filter { scale.outside(Double($0)) }.count
        if outside > 0 { notes.append("\(outside) value\(outside == 1 ? "" : "s") beyond it") }
        let all = values.joined()
        if all.contains(-.infinity) { notes.append("· = -inf") }
        if all.contains(.infinity) { notes.append("∞ = inf") }
        if all.contains(where: \.isNaN) { notes.append("× = nan") }
        guard !notes.isEmpty else { return [line] }
        let text = notes.joined(separator: ", ")
        if visible + 2 + text.count < width {
            line += "  " + text
            return [line]
        }
        return [line] + CommandCatalog.wrap(text, width: width - 1, indent: String(repeating: " ", count: indent)).components(separatedBy: "\n")
    }

    private func label(_ labels: [String]?, _ index: Int) -> String {
        guard let labels, index < labels.count else { return String(index) }
        return labels[index].replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: " ", with: "·")
    }

    private func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let text = s.count > width ? String(s.prefix(max(width - 1, 0))) + "…" : s
        let fill = String(repeating: " ", count: max(width - text.count, 0))
        return right ? fill + text : text + fill
    }

    private func center(_ s: String, _ width: Int) -> String {
        let text = String(s.prefix(width))
        let left = (width - text.count) / 2
        return String(repeating: " ", count: left) + text + String(repeating: " ", count: width - left - text.count)
    }
}
