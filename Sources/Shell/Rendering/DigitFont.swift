// The PNG writer's built-in font: numbers only (digits, - . + e), 3×5 pixels a glyph, for
// tick values and the colour bar's scale; text with other characters is left out of PNGs.

enum DigitFont {
    /// Each glyph's five rows, top first, three bits a row (4 = left column).
    static let glyphs: [Character: [UInt8]] = [
        "0": [7, 5, 5, 5, 7], "1": [2, 6, 2, 2, 7], "2": [7, 1, 7, 4, 7], "3": [7, 1, 7, 1, 7],
        "4": [5, 5, 7, 1, 1], "5": [7, 4, 7, 1, 7], "6": [7, 4, 7, 5, 7], "7": [7, 1, 1, 1, 1],
        "8": [7, 5, 7, 5, 7], "9": [7, 5, 7, 1, 7], "-": [0, 0, 7, 0, 0], ".": [0, 0, 0, 0, 2],
        "+": [0, 2, 7, 2, 0], "e": [7, 4, 7, 4, 7],
    ]

    /// Whether every character of `text` has a glyph.
    static func covers(_ text: String) -> Bool { !text.isEmpty && text.allSatisfy { glyphs[$0] != nil } }

    /// Image pixels a font pixel, for text of `size`.
    static func scale(_ size: Double) -> Int { size >= 10 ? 2 : 1 }

    /// How wide `text` is drawn: 4 font pixels a character, less the last gap.
    static func width(_ text: String, size: Double) -> Int { (text.count * 4 - 1) * scale(size) }
}

extension RasterImage {
    /// Draws `text` in black with its baseline at y, from `x` (already moved for its anchor).
    mutating func digits(_ text: String, x: Int, y: Int, size: Double) {
        let s = DigitFont.scale(size)
        for (i, c) in text.enumerated() {
            guard let rows = DigitFont.glyphs[c] else { continue }
            for (r, bits) in rows.enumerated() {
                for column in 0..<3 where bits & (4 >> column) != 0 {
                    fill(Double(x + (i * 4 + column) * s), Double(y - (5 - r) * s), Double(s), Double(s), Picture.black)
                }
            }
        }
    }
}
