// `plot EXPR`: one or more 1-D series (losses over steps) as a line chart drawn
// with braille dots, so each character cell holds a 2×4 grid of points.

import Foundation

/// A terminal line chart of one or more series sharing the x axis (their index).
public struct LinePlot {
    public var series: [(name: String, values: [Double])]
    public var height = 12

    public init(series: [(name: String, values: [Double])], height: Int = 12) {
        self.series = series
        self.height = height
    }

    /// Colours for the series, in order (ANSI foreground codes).
    private static let palette = [33, 36, 35, 32, 31, 34]

    public func render(on terminal: Terminal) -> String {
        let finite = series.flatMap { $0.values.filter(\.isFinite) }
        guard let low = finite.min(), let high = finite.max() else { return "(nothing to plot: no finite values)" }
        let longest = series.map(\.values.count).max() ?? 0
        let axisWidth = max(formatTick(low).count, formatTick(high).count)
        let width = max(min(terminal.width - axisWidth - 3, max(longest / 2, 10)), 10)
        let dotsX = width * 2, dotsY = height * 4
        let span = high > low ? high - low : 1
        // One braille grid per series so colours stay apart; later series draw on top.
        var cells = [[UInt8]](repeating: [UInt8](repeating: 0, count: width), count: height)
        var owner = [[Int]](repeating: [Int](repeating: -1, count: width), count: height)
        for (s, (_, values)) in series.enumerated() {
            var previous: (Int, Int)?
            for (i, v) in values.enumerated() where v.isFinite {
                let x = values.count == 1 ? 0 : Int((Double(i) / Double(longest - 1) * Double(dotsX - 1)).rounded())
                let y = Int(((v - low) / span * Double(dotsY - 1)).rounded())
                for (px, py) in segment(from: previous ?? (x, y), to: (x, y)) {
                    let row = height - 1 - py / 4, column = px / 2
                    cells[row][column] |= LinePlot.dotBit(px % 2, 3 - py % 4)
                    owner[row][column] = s
                }
                previous = (x, y)
            }
        }
        var lines: [String] = []
        for row in 0..<height {
            let tick = row == 0 ? formatTick(high) : row == height - 1 ? formatTick(low)
                : row == height / 2 ? formatTick(low + span * Double(height - 1 - row) / Double(height - 1)) : ""
            var line = String(repeating: " ", count: axisWidth - tick.count) + tick + " ┤"
            for column in 0..<width {
                let bits = cells[row][column]
                guard bits != 0 else { line += " "; continue }
                let glyph = String(UnicodeScalar(0x2800 + UInt32(bits))!)
                if terminal.colors != .none {
                    line += "\u{1B}[\(LinePlot.palette[owner[row][column] % LinePlot.palette.count])m\(glyph)\u{1B}[0m"
                } else { line += glyph }
            }
            lines.append(line)
        }
        lines.append(String(repeating: " ", count: axisWidth + 1) + "└" + String(repeating: "─", count: width))
        let lastIndex = String(max(longest - 1, 0))
        lines.append(String(repeating: " ", count: axisWidth + 2) + "0"
                     + String(repeating: " ", count: max(width - 1 - lastIndex.count, 1)) + lastIndex)
        if series.count > 1 || !(series.first?.name.isEmpty ?? true) {
            let legend = series.enumerated().map { s, item in
                let mark = terminal.colors != .none ? "\u{1B}[\(LinePlot.palette[s % LinePlot.palette.count])m━━\u{1B}[0m" : "━━"
                return "\(mark) \(item.name) (last \(formatTick(item.values.last ?? .nan)))"
            }
            lines.append(String(repeating: " ", count: axisWidth + 2) + legend.joined(separator: "   "))
        }
        return lines.joined(separator: "\n")
    }

    /// Braille dot bit for column `dx` (0-1) and row `dy` (0 top … 3 bottom).
    private static func dotBit(_ dx: Int, _ dy: Int) -> UInt8 {
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40], right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return dx == 0 ? left[dy] : right[dy]
    }

    /// The dots on a straight line between two points (inclusive).
    private func segment(from a: (Int, Int), to b: (Int, Int)) -> [(Int, Int)] {
        let steps = max(abs(b.0 - a.0), abs(b.1 - a.1), 1)
        return (0...steps).map { i in
            let t = Double(i) / Double(steps)
            return (Int((Double(a.0) + Double(b.0 - a.0) * t).rounded()), Int((Double(a.1) + Double(b.1 - a.1) * t).rounded()))
        }
    }

    private func formatTick(_ v: Double) -> String {
        if !v.isFinite { return "\(v)" }
        return abs(v) >= 1e5 || (abs(v) < 1e-3 && v != 0) ? String(format: "%.2e", v) : String(format: "%.3f", v)
    }
}
