// `heatmap EXPR`: a 2-D matrix as coloured cells, with token labels on the axes
// and a scale. Lesson 03 draws attention weights with it.

/// Draws a matrix as a heatmap that fits the terminal: wide or tall matrices are
/// summarised (first and last rows/columns with an ellipsis), never wrapped.
public struct Heatmap {
    public var values: [[Float]]
    public var rowLabels: [String]?
    public var columnLabels: [String]?
    public var showValues = false
    public var title: String?

    public init(values: [[Float]], rowLabels: [String]? = nil, columnLabels: [String]? = nil,
                showValues: Bool = false, title: String? = nil) {
        (self.values, self.rowLabels, self.columnLabels, self.showValues, self.title) =
            (values, rowLabels, columnLabels, showValues, title)
    }

    /// The most rows shown before summarising.
    static let maxRows = 32
    static let labelWidth = 12

    public func render(on terminal: Terminal) -> String {
        let rows = values.count, columns = values.first?.count ?? 0
        guard rows > 0, columns > 0 else { return "(empty matrix: nothing to draw)" }
        let finite = values.joined().filter { $0.isFinite }
        let low = Double(finite.min() ?? 0), high = Double(finite.max() ?? 0)
        let span = high > low ? high - low : 1
        let cellWidth = showValues ? max(cellText(Float(high)).count, cellText(Float(low)).count) + 1 : 3
        let rowLabelWidth = min(Heatmap.labelWidth, max(rowLabels?.map { displayWidth($0) }.max() ?? 0, String(rows - 1).count))
        let available = max(terminal.width - rowLabelWidth - 2, cellWidth * 3)
        let columnPick = pick(columns, fitting: available / cellWidth)
        let rowPick = pick(rows, fitting: Heatmap.maxRows)

        var lines: [String] = []
        if let title { lines.append(title) }
        lines.append(contentsOf: columnHeader(columnPick, cellWidth: cellWidth, indent: rowLabelWidth + 1))
        for row in rowPick {
            guard let r = row else {
                lines.append(pad("⋮", rowLabelWidth) + " " + columnPick.map { $0 == nil ? center("", cellWidth) : center("⋮", cellWidth) }.joined())
                continue
            }
            var line = pad(label(rowLabels, r), rowLabelWidth) + " "
            for column in columnPick {
                guard let c = column else { line += center("…", cellWidth); continue }
                line += cell(values[r][c], t: (Double(values[r][c]) - low) / span, width: cellWidth, colors: terminal.colors)
            }
            lines.append(line)
        }
        lines.append(scale(low: low, high: high, colors: terminal.colors, indent: rowLabelWidth + 1))
        if rows != rowPick.compactMap({ $0 }).count || columns != columnPick.compactMap({ $0 }).count {
            lines.append("showing \(rowPick.compactMap { $0 }.count) of \(rows) rows, \(columnPick.compactMap { $0 }.count) of \(columns) columns")
        }
        return lines.joined(separator: "\n")
    }

    /// Indices to show: all of them, or the first and last halves with nil for the gap.
    private func pick(_ count: Int, fitting limit: Int) -> [Int?] {
        if count <= limit { return Array(0..<count) }
        let keep = max(limit - 1, 2)
        let head = (keep + 1) / 2, tail = keep / 2
        return Array(0..<head) + [nil] + Array((count - tail)..<count)
    }

    private func cell(_ value: Float, t: Double, width: Int, colors: ColorSupport) -> String {
        if value.isNaN { return center("×", width) }
        if !value.isFinite { return center(value < 0 ? "·" : "∞", width) }
        let text = showValues ? cellText(value) : ""
        if colors == .none {
            if showValues { return pad(text, width, right: true) }
            return String(repeating: ColorScale.shade(t), count: width - 1) + " "
        }
        let body = showValues ? pad(text, width - 1, right: true) : String(repeating: " ", count: width - 1)
        return ColorScale.background(t, colors) + ColorScale.foreground(on: t, colors) + body + ColorScale.reset + " "
    }

    private func cellText(_ value: Float) -> String {
        value.isFinite ? String(format: "%.2f", value) : "\(value)"
    }

    /// Column labels written vertically, one character per line, above their cells.
    private func columnHeader(_ pick: [Int?], cellWidth: Int, indent: Int) -> [String] {
        let labels = pick.map { $0.map { label(columnLabels, $0) } ?? "" }
        let height = min(labels.map { $0.count }.max() ?? 0, 8)
        guard height > 0 else { return [] }
        return (0..<height).map { line in
            String(repeating: " ", count: indent) + labels.map { text in
                let chars = Array(text.prefix(8))
                return center(line < chars.count ? String(chars[line]) : "", cellWidth)
            }.joined()
        }
    }

    private func scale(low: Double, high: Double, colors: ColorSupport, indent: Int) -> String {
        let steps = 16
        let ramp = (0..<steps).map { i -> String in
            let t = Double(i) / Double(steps - 1)
            return colors == .none ? String(ColorScale.shade(t)) : ColorScale.background(t, colors) + " " + ColorScale.reset
        }.joined()
        return String(repeating: " ", count: indent) + "\(formatScale(low)) \(ramp) \(formatScale(high))"
    }

    private func formatScale(_ v: Double) -> String {
        abs(v) >= 1e4 || (abs(v) < 1e-3 && v != 0) ? String(format: "%.2e", v) : String(format: "%.4f", v)
    }

    private func label(_ labels: [String]?, _ index: Int) -> String {
        guard let labels, index < labels.count else { return String(index) }
        return labels[index].replacingOccurrences(of: "\n", with: "⏎").replacingOccurrences(of: " ", with: "·")
    }

    private func displayWidth(_ s: String) -> Int { s.count }

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
