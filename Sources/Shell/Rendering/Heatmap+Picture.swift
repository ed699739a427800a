// A heatmap as a Picture for `heatmap --save`: every cell (no summarising), the row and
// column labels as text, the title, and a colour bar with five values on the scale.

import Foundation

extension Heatmap {
    /// The most cells a side a saved heatmap draws (2 pixels each at least); larger matrices are refused.
    static let maxPictureSide = 2048
    /// The most cells in an SVG or PDF (a rectangle each: 512 × 512 is some 20 MB of SVG).
    static let maxVectorCells = 512 * 512

    /// Why a `rows` × `columns` matrix is too large to save in `format`, and the slice that
    /// would fit; nil when it fits.
    static func pictureLimit(rows: Int, columns: Int, format: Picture.Format) -> (reason: String, rows: Int, columns: Int)? {
        if max(rows, columns) > maxPictureSide {
            return ("at most \(maxPictureSide) a side", min(rows, maxPictureSide), min(columns, maxPictureSide))
        }
        guard format != .png, rows * columns > maxVectorCells else { return nil }
        let side = Int(Double(maxVectorCells).squareRoot())
        let r = min(rows, max(maxVectorCells / max(columns, 1), side))
        return ("at most \(maxVectorCells) cells; a PNG takes up to \(maxPictureSide) a side", r, min(columns, maxVectorCells / max(r, 1)))
    }

    /// The picture; nil for an empty or ragged matrix.
    func picture() -> Picture? {
        let rows = values.count, columns = values.first?.count ?? 0
        guard rows > 0, columns > 0, values.allSatisfy({ $0.count == columns }) else { return nil }
        let scale = HeatmapScale(values: values, low: low, high: high)
        let cell = Double(max(2, min(32, 800 / max(rows, columns))))
        // Labels only where a cell is tall and wide enough to read them beside.
        let labelled = cell >= 8
        let font = min(12, cell * 0.75)
        func name(_ labels: [String]?, _ i: Int) -> String {
            let text = labels.flatMap { i < $0.count ? $0[i] : nil } ?? String(i)
            let flat = text.replacingOccurrences(of: "\n", with: "⏎")
            return flat.count > 20 ? String(flat.prefix(19)) + "…" : flat
        }
        let rowNames = (0..<rows).map { name(rowLabels, $0) }, columnNames = (0..<columns).map { name(columnLabels, $0) }
        let rowLabelWidth = labelled ? (rowNames.map { Picture.textWidth($0, size: font) }.max() ?? 0) + 8 : 0
        let columnLabelHeight = labelled ? (columnNames.map { Picture.textWidth($0, size: font) }.max() ?? 0) + 8 : 0
        let titleText = Picture.shortTitle(title ?? "heatmap")
        let left = 10 + rowLabelWidth, top = 30 + columnLabelHeight
        let gridWidth = Double(columns) * cell, gridHeight = Double(rows) * cell
        let barHeight = max(gridHeight, 120), barX = left + gridWidth + 16
        let ticks = (0...4).map { k -> (t: Double, label: String) in
            let t = Double(k) / 4
            return (t, HeatmapScale.format(scale.value(at: t)))
        }
        let tickWidth = ticks.map { Picture.textWidth($0.label, size: 11) }.max() ?? 0
        let width = max(barX + 16 + 6 + tickWidth + 10, Picture.textWidth(titleText, size: 14) + 20)
        var picture = Picture(width: Int(width.rounded(.up)), height: Int((top + barHeight + 12).rounded(.up)), title: titleText)
        picture.text(titleText, 10, 20, size: 14, name: "title")

        for r in 0..<rows {
            for c in 0..<columns {
                let v = values[r][c]
                let colour = v.isNaN ? Picture.grey : scale.map.rgb(scale.t(Double(v)))
                picture.rect(left + Double(c) * cell, top + Double(r) * cell, cell, cell, colour, name: "cell")
            }
        }
        if labelled {
            for (r, text) in rowNames.enumerated() {
                picture.text(text, left - 4, top + (Double(r) + 0.5) * cell + font * 0.35, size: font, anchor: .end, name: "row-label")
            }
            for (c, text) in columnNames.enumerated() {
                picture.text(text, left + (Double(c) + 0.5) * cell + font * 0.35, top - 4, size: font, vertical: true, name: "column-label")
            }
        }
        // The bar: high at the top, in 64 bands.
        let bands = 64
        for i in 0..<bands {
            let t = 1 - (Double(i) + 0.5) / Double(bands)
            picture.rect(barX, top + Double(i) * barHeight / Double(bands), 16, barHeight / Double(bands) + 0.5, scale.map.rgb(t), name: "bar")
        }
        for tick in ticks {
            let y = top + (1 - tick.t) * barHeight
            picture.line([(barX + 16, y), (barX + 20, y)], Picture.black)
            picture.text(tick.label, barX + 22, y + 4, size: 11, name: "bar-label")
        }
        return picture
    }
}

extension HeatmapScale {
    /// The value drawn at `t` (the inverse of `t(_:)`): for the colour bar's labels.
    func value(at t: Double) -> Double {
        if map == .diverging { return t < 0.5 ? (0.5 - t) * 2 * low : (t - 0.5) * 2 * high }
        return low + t * (high - low)
    }
}
