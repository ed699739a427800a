// The drawing surface of a line plot: braille dots (2×4 to a character cell), each cell
// coloured by the series that drew in it last; without colour, marker characters on the
// data points tell the series apart.

/// A grid of `width` × `height` character cells; dot coordinates run from the bottom left.
struct PlotCanvas {
    let width: Int, height: Int
    /// Mark data points with their series' marker character (when there is no colour).
    let markers: Bool
    private var bits: [[UInt8]]
    private var owner: [[Int]]
    private var marked: [[Int]]

    init(width: Int, height: Int, markers: Bool) {
        (self.width, self.height, self.markers) = (width, height, markers)
        bits = Array(repeating: Array(repeating: 0, count: width), count: height)
        owner = Array(repeating: Array(repeating: -1, count: width), count: height)
        marked = owner
    }

    /// Puts series `s`'s marker on the cell holding dot (x, y); returns the cell's column.
    @discardableResult
    mutating func mark(_ x: Int, _ y: Int, series s: Int) -> Int? {
        guard x >= 0, y >= 0, x < width * 2, y < height * 4 else { return nil }
        marked[height - 1 - y / 4][x / 2] = s
        return x / 2
    }

    /// The dots on the straight line from `a` to `b` (both ends included), for series `s`.
    mutating func segment(from a: (Int, Int), to b: (Int, Int), series s: Int) {
        let steps = max(abs(b.0 - a.0), abs(b.1 - a.1), 1)
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            set(Int((Double(a.0) + Double(b.0 - a.0) * t).rounded()), Int((Double(a.1) + Double(b.1 - a.1) * t).rounded()), series: s)
        }
    }

    private mutating func set(_ x: Int, _ y: Int, series s: Int) {
        guard x >= 0, y >= 0, x < width * 2, y < height * 4 else { return }
        let row = height - 1 - y / 4, column = x / 2
        bits[row][column] |= PlotCanvas.dotBit(x % 2, 3 - y % 4)
        owner[row][column] = s
    }

    /// Row `row` (0 at the top) as text, coloured per series when `colors` allows.
    func line(_ row: Int, colors: ColorSupport) -> String {
        var text = "", open: Int?  // the series whose colour is switched on
        let coloured = colors != .none && !markers
        for column in 0..<width {
            let s = owner[row][column]
            if markers && marked[row][column] >= 0 {
                text.append(LinePlot.markers[marked[row][column] % LinePlot.markers.count])
                continue
            }
            guard s >= 0, let glyph = UnicodeScalar(0x2800 + UInt32(bits[row][column])) else { text += " "; continue }
            if coloured && open != s {
                text += "\u{1B}[\(LinePlot.palette[s % LinePlot.palette.count])m"
                open = s
            }
            text.unicodeScalars.append(glyph)
        }
        text = text.trimmingTrailingSpaces()
        return open == nil ? text : text + ColorScale.reset
    }

    /// Braille dot bit for column `dx` (0-1) and row `dy` (0 top … 3 bottom).
    static func dotBit(_ dx: Int, _ dy: Int) -> UInt8 {
        let left: [UInt8] = [0x01, 0x02, 0x04, 0x40], right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
        return dx == 0 ? left[dy] : right[dy]
    }
}
