// A Picture as a one-page PDF 1.4: rectangles and lines as path operators, text in the
// standard Helvetica font (WinAnsi: Latin-1 letters; others print as ?), and an xref table.

import Foundation

struct PDFWriter {
    let picture: Picture

    func document() -> Data {
        let h = Double(picture.height)
        let n = PDFWriter.number
        var content = ""
        for element in picture.elements {
            switch element {
            case let .rect(x, y, width, height, fill, _):
                content += "\(PDFWriter.color(fill)) rg \(n(x)) \(n(h - y - height)) \(n(width)) \(n(height)) re f\n"
            case let .line(points, color, width, _):
                guard let first = points.first else { continue }
                content += "\(PDFWriter.color(color)) RG \(n(width)) w 1 j \(n(first.0)) \(n(h - first.1)) m"
                for p in points.dropFirst() { content += " \(n(p.0)) \(n(h - p.1)) l" }
                content += " S\n"
            case let .text(s, x, y, size, anchor, vertical, _):
                let shift = anchor == .start ? 0 : Picture.textWidth(s, size: size) / (anchor == .middle ? 2 : 1)
                let (a, b, c, d) = vertical ? (0.0, 1.0, -1.0, 0.0) : (1.0, 0.0, 0.0, 1.0)
                // Shifted back along the text's own direction by the part before the anchor.
                let (tx, ty) = (x - a * shift, h - y - b * shift)
                content += "BT 0 0 0 rg /F1 \(n(size)) Tf \(n(a)) \(n(b)) \(n(c)) \(n(d)) \(n(tx)) \(n(ty)) Tm (\(PDFWriter.literal(s))) Tj ET\n"
            }
        }
        let body = Array(content.utf8)
        let objects: [[UInt8]] = [
            Array("<< /Type /Catalog /Pages 2 0 R >>".utf8),
            Array("<< /Type /Pages /Kids [3 0 R] /Count 1 >>".utf8),
            Array(("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 \(picture.width) \(picture.height)] "
                   + "/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>").utf8),
            Array("<< /Length \(body.count) >>\nstream\n".utf8) + body + Array("endstream".utf8),
            Array("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".utf8),
            Array("<< /Title (\(PDFWriter.literal(picture.title))) /Producer (llmwb) >>".utf8),
        ]
        var out = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (i, object) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n".utf8) + object + Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { table += String(format: "%010d 00000 n \n", offset) }
        table += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R /Info 6 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(out + Array(table.utf8))
    }

    static func number(_ v: Double) -> String { SVGWriter.number(v) }

    static func color(_ c: RGB) -> String {
        [c.r, c.g, c.b].map { number(Double($0) / 255) }.joined(separator: " ")
    }

    /// A PDF string literal's inside: parentheses and backslashes escaped, Latin-1 letters as
    /// octal escapes (WinAnsi agrees with Latin-1 there), every other character as ?.
    static func literal(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0x28, 0x29, 0x5C: out += "\\" + String(scalar)
            case 0x20..<0x7F: out.unicodeScalars.append(scalar)
            case 0xA0...0xFF: out += "\\" + String(scalar.value, radix: 8)
            default: out += "?"
            }
        }
        return out
    }
}
