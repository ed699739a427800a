// Colour for a value: a viridis-like ramp, rendered as truecolor, the 256-colour
// cube, or (without colour) a shade character.

/// Maps a value in [0, 1] to a colour and to terminal escape codes.
struct ColorScale {
    /// Viridis control points (dark purple → blue → green → yellow).
    private static let stops: [(Double, Double, Double)] = [
        (68, 1, 84), (72, 40, 120), (62, 74, 137), (49, 104, 142), (38, 130, 142),
        (31, 158, 137), (53, 183, 121), (109, 205, 89), (180, 222, 44), (253, 231, 37),
    ]

    /// The characters used without colour, lightest to densest.
    static let shades: [Character] = [" ", "░", "▒", "▓", "█"]

    static func rgb(_ t: Double) -> (r: Int, g: Int, b: Int) {
        let x = min(max(t.isNaN ? 0 : t, 0), 1) * Double(stops.count - 1)
        let i = min(Int(x), stops.count - 2)
        let f = x - Double(i)
        let (a, b) = (stops[i], stops[i + 1])
        return (Int((a.0 + (b.0 - a.0) * f).rounded()), Int((a.1 + (b.1 - a.1) * f).rounded()),
                Int((a.2 + (b.2 - a.2) * f).rounded()))
    }

    /// Background escape for `t` at the given colour depth ("" for none).
    static func background(_ t: Double, _ colors: ColorSupport) -> String {
        let (r, g, b) = rgb(t)
        switch colors {
        case .none: return ""
        case .truecolor: return "\u{1B}[48;2;\(r);\(g);\(b)m"
        case .ansi256: return "\u{1B}[48;5;\(cubeIndex(r, g, b))m"
        }
    }

    /// A readable foreground (black on light cells, white on dark ones).
    static func foreground(on t: Double, _ colors: ColorSupport) -> String {
        guard colors != .none else { return "" }
        let (r, g, b) = rgb(t)
        let luminance = 0.2126 * Double(r) + 0.7152 * Double(g) + 0.0722 * Double(b)
        return luminance > 140 ? "\u{1B}[30m" : "\u{1B}[97m"
    }

    static func shade(_ t: Double) -> Character {
        shades[min(Int((min(max(t, 0), 1)) * Double(shades.count - 1) + 0.5), shades.count - 1)]
    }

    static let reset = "\u{1B}[0m"

    /// The nearest entry of xterm's 6×6×6 colour cube.
    private static func cubeIndex(_ r: Int, _ g: Int, _ b: Int) -> Int {
        func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
        return 16 + 36 * level(r) + 6 * level(g) + level(b)
    }
}
