// A Picture as an SVG document: rectangles, polylines and text elements (labels stay
// text, so they can be searched and copied), with the title as <title> and as a heading.

import Foundation

struct SVGWriter {
    let picture: Picture

    func document() -> String {
        var out = """
        <?xml version="1.0" encoding="UTF-8"?>
        <svg xmlns="http://www.w3.org/2000/svg" width="\(picture.width)" height="\(picture.height)" \
        viewBox="0 0 \(picture.width) \(picture.height)" font-family="Helvetica, Arial, sans-serif">
        <title>\(SVGWriter.escape(picture.title))</title>
        <rect class="background" x="0" y="0" width="\(picture.width)" height="\(picture.height)" fill="#ffffff"/>

        """
        for element in picture.elements {
            out += element.svg + "\n"
        }
        return out + "</svg>\n"
    }

    /// XML's five escapes; control characters (not allowed in XML 1.0) become U+FFFD.
    static func escape(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { out += "\u{FFFD}" } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// A coordinate with at most two decimals, no trailing zeros.
    static func number(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let rounded = (v * 100).rounded() / 100
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int(rounded)) }
        return String(format: "%.2f", rounded).replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    static func hex(_ c: RGB) -> String { String(format: "#%02x%02x%02x", c.r, c.g, c.b) }
}

private extension Picture.Element {
    var svg: String {
        let n = SVGWriter.number
        func cls(_ name: String?) -> String { name.map { " class=\"\($0)\"" } ?? "" }
        switch self {
        case let .rect(x, y, width, height, fill, name):
            return "<rect\(cls(name)) x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(width))\" height=\"\(n(height))\" fill=\"\(SVGWriter.hex(fill))\"/>"
        case let .line(points, color, width, name):
            let list = points.map { "\(n($0.0)),\(n($0.1))" }.joined(separator: " ")
            return "<polyline\(cls(name)) points=\"\(list)\" fill=\"none\" stroke=\"\(SVGWriter.hex(color))\" stroke-width=\"\(n(width))\" stroke-linejoin=\"round\"/>"
        case let .text(s, x, y, size, anchor, vertical, name):
            let a = anchor == .start ? "start" : anchor == .middle ? "middle" : "end"
            let turn = vertical ? " transform=\"rotate(-90 \(n(x)) \(n(y)))\"" : ""
            return "<text\(cls(name)) x=\"\(n(x))\" y=\"\(n(y))\" font-size=\"\(n(size))\" text-anchor=\"\(a)\"\(turn)>\(SVGWriter.escape(s))</text>"
        }
    }
}
