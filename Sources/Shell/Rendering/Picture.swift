// A picture for files (`heatmap`/`plot --save`): filled rectangles, lines and text in pixel
// coordinates from the top left, which SVGWriter, PDFWriter and PNGWriter each write out.

import Foundation

/// A drawing `width` × `height` pixels (points in a PDF), y growing downwards.
struct Picture {
    enum Anchor { case start, middle, end }

    enum Element {
        /// A filled rectangle; `name` becomes its SVG class (`cell`, `bar`).
        case rect(x: Double, y: Double, width: Double, height: Double, fill: RGB, name: String?)
        /// A polyline, `width` pixels wide.
        case line(points: [(Double, Double)], color: RGB, width: Double, name: String?)
        /// Text with its baseline at y; `vertical` turns it to read upwards, anchored at (x, y).
        case text(String, x: Double, y: Double, size: Double, anchor: Anchor, vertical: Bool, name: String?)
    }

    let width: Int
    let height: Int
    var title: String
    private(set) var elements: [Element] = []

    init(width: Int, height: Int, title: String) {
        (self.width, self.height, self.title) = (width, height, title)
    }

    /// A title cut to `titleLength` characters, so that a long expression cannot widen the picture without end.
    static func shortTitle(_ title: String) -> String {
        title.count > titleLength ? String(title.prefix(titleLength - 1)) + "…" : title
    }
    static let titleLength = 100

    mutating func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ fill: RGB, name: String? = nil) {
        elements.append(.rect(x: x, y: y, width: w, height: h, fill: fill, name: name))
    }

    mutating func line(_ points: [(Double, Double)], _ color: RGB, width: Double = 1, name: String? = nil) {
        guard points.count >= 2 else { return }
        elements.append(.line(points: points, color: color, width: width, name: name))
    }

    mutating func text(_ s: String, _ x: Double, _ y: Double, size: Double = 12, anchor: Anchor = .start,
                       vertical: Bool = false, name: String? = nil) {
        elements.append(.text(s, x: x, y: y, size: size, anchor: anchor, vertical: vertical, name: name))
    }

    /// About how wide `text` is at `size` (Helvetica's average advance): for laying out margins.
    static func textWidth(_ text: String, size: Double) -> Double { Double(text.count) * size * 0.6 }

    static let black = RGB(0, 0, 0)
    static let white = RGB(255, 255, 255)
    static let grey = RGB(128, 128, 128)
    static let lightGrey = RGB(220, 220, 220)

    /// The picture's format, from a file name's extension.
    enum Format: String, CaseIterable { case svg, png, pdf }

    /// The bytes of the picture in `format`.
    func encoded(as format: Format) throws -> Data {
        switch format {
        case .svg: return Data(SVGWriter(picture: self).document().utf8)
        case .pdf: return PDFWriter(picture: self).document()
        case .png: return try PNGWriter.encode(PNGWriter.rasterise(self))
        }
    }
}
