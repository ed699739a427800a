// Colour maps as plain data (viridis for non-negative values, blue–white–red for signed
// ones), and their terminal forms: truecolor, the 256-colour palette, or shade characters.

/// An sRGB colour, 0...255 a channel.
public struct RGB: Equatable, Sendable {
    public var r: Int, g: Int, b: Int
    public init(_ r: Int, _ g: Int, _ b: Int) { (self.r, self.g, self.b) = (r, g, b) }

    /// Relative luminance, 0...255 (Rec. 709 weights).
    public var luminance: Double { 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b) }
}

/// A colour map: a function from t in [0, 1] to a colour. Both maps are colour-blind safe
/// and get lighter or darker steadily, so they also read in grey. Pictures (SVG, PNG) can
/// use them as they are.
public enum ColorMap: Sendable {
    /// matplotlib's viridis, dark purple (0) → blue → green → yellow (1): for data ≥ 0.
    case viridis
    /// ColorBrewer's RdBu reversed, dark blue (0) → white (0.5) → dark red (1): for signed
    /// data, with 0 at t = 0.5.
    case diverging

    /// The colour at `t`, clamped to [0, 1]; NaN gives the colour at 0.
    public func rgb(_ t: Double) -> RGB {
        let stops = self == .viridis ? ColorMap.viridisStops : ColorMap.divergingStops
        let x = min(max(t.isNaN ? 0 : t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        func mix(_ u: Int, _ v: Int) -> Int { Int((Double(u) + Double(v - u) * f).rounded()) }
        return RGB(mix(a.r, b.r), mix(a.g, b.g), mix(a.b, b.b))
    }

    /// viridis at t = 0, 0.1, ... 1 (matplotlib's values).
    static let viridisStops = [
        RGB(68, 1, 84), RGB(72, 36, 117), RGB(65, 68, 135), RGB(53, 95, 141), RGB(42, 120, 142),
        RGB(33, 145, 140), RGB(34, 168, 132), RGB(68, 191, 112), RGB(122, 209, 81), RGB(189, 223, 38),
        RGB(253, 231, 37),
    ]

    /// RdBu (11 classes), blue first.
    static let divergingStops = [
        RGB(5, 48, 97), RGB(33, 102, 172), RGB(67, 147, 195), RGB(146, 197, 222), RGB(209, 229, 240),
        RGB(247, 247, 247), RGB(253, 219, 199), RGB(244, 165, 130), RGB(214, 96, 77), RGB(178, 24, 43),
        RGB(103, 0, 31),
    ]
}

/// A colour map on a terminal: escape codes at its colour depth, or shade characters.
struct ColorScale {
    var map: ColorMap
    var colors: ColorSupport

    /// The characters used without colour, lightest to densest.
    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]
    static let reset = "\u{1B}[0m"

    /// The colour drawn for `t`. With 256 colours viridis becomes a grey ramp: the palette
    /// holds only ~15 distinct colours along viridis (0.16…0.33 would all be one), but 26 greys.
    func rgb(_ t: Double) -> RGB {
        guard colors == .ansi256, map == .viridis else { return map.rgb(t) }
        let level = ColorScale.greyLevels[ColorScale.greyIndex(t)]
        return RGB(level, level, level)
    }

    /// Background escape for `t` ("" without colour).
    func background(_ t: Double) -> String {
        switch colors {
        case .none: return ""
        case .truecolor:
            let c = map.rgb(t)
            return "\u{1B}[48;2;\(c.r);\(c.g);\(c.b)m"
        case .ansi256: return "\u{1B}[48;5;\(paletteIndex(t))m"
        }
    }

    /// Foreground escape for `t` (a line or a glyph drawn in the map's colour).
    func foreground(_ t: Double) -> String {
        switch colors {
        case .none: return ""
        case .truecolor:
            let c = map.rgb(t)
            return "\u{1B}[38;2;\(c.r);\(c.g);\(c.b)m"
        case .ansi256: return "\u{1B}[38;5;\(paletteIndex(t))m"
        }
    }

    /// A readable text colour on a cell of colour `t`: black on light cells, white on dark.
    func text(on t: Double) -> String {
        guard colors != .none else { return "" }
        return rgb(t).luminance > 140 ? "\u{1B}[30m" : "\u{1B}[97m"
    }

    /// The shade character for `t` (no colour).
    static func shade(_ t: Double) -> Character {
        let clamped = min(max(t.isNaN ? 0 : t, 0), 1)
        return shades[min(Int(clamped * Double(shades.count - 1) + 0.5), shades.count - 1)]
    }

    /// The 256-colour palette entry for `t`: a grey for viridis, else the nearest colour.
    func paletteIndex(_ t: Double) -> Int {
        if map == .viridis { return ColorScale.greyPalette[ColorScale.greyIndex(t)] }
        return ColorScale.nearestPaletteIndex(map.rgb(t))
    }

    /// Black (16), the 24 greys (232…255), white (231): 26 steps, darkest first.
    static let greyPalette = [16] + Array(232...255) + [231]
    static let greyLevels = [0] + (0..<24).map { 8 + 10 * $0 } + [255]

    static func greyIndex(_ t: Double) -> Int {
        let clamped = min(max(t.isNaN ? 0 : t, 0), 1)
        return min(Int(clamped * Double(greyPalette.count - 1) + 0.5), greyPalette.count - 1)
    }

    /// The closest of xterm's colours 16…255 (the 6×6×6 cube and the greys), by the
    /// "redmean" weighted distance.
    static func nearestPaletteIndex(_ c: RGB) -> Int {
        let levels = [0, 95, 135, 175, 215, 255]
        var best = 16, bestDistance = Double.infinity
        func consider(_ index: Int, _ p: RGB) {
            let mean = Double(c.r + p.r) / 2
            let (dr, dg, db) = (Double(c.r - p.r), Double(c.g - p.g), Double(c.b - p.b))
            let d = (2 + mean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - mean) / 256) * db * db
            if d < bestDistance { (best, bestDistance) = (index, d) }
        }
        for i in 0..<216 { consider(16 + i, RGB(levels[i / 36], levels[i / 6 % 6], levels[i % 6])) }
        for i in 0..<24 { consider(232 + i, RGB(8 + 10 * i, 8 + 10 * i, 8 + 10 * i)) }
        return best
    }
}
