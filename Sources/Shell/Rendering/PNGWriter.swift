// A Picture as a PNG: rasterised by our own code (filled rectangles, lines stamped along
// their length, no anti-aliasing; numbers in DigitFont, other text left out), compressed with the system zlib.

import CZlib
import Foundation

/// An RGB image, 3 bytes a pixel, rows from the top.
struct RasterImage {
    let width: Int, height: Int
    var pixels: [UInt8]

    init(width: Int, height: Int, fill: RGB) {
        (self.width, self.height) = (width, height)
        pixels = [UInt8](repeating: 0, count: width * height * 3)
        for i in 0..<(width * height) { set(i, fill) }
    }

    private mutating func set(_ i: Int, _ c: RGB) {
        pixels[3 * i] = UInt8(clamping: c.r)
        pixels[3 * i + 1] = UInt8(clamping: c.g)
        pixels[3 * i + 2] = UInt8(clamping: c.b)
    }

    /// Fills the pixels whose centres lie inside the rectangle.
    mutating func fill(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ c: RGB) {
        guard x.isFinite, y.isFinite, w.isFinite, h.isFinite else { return }
        // Far outside the image is as good as just outside it (and converts to Int).
        func clamp(_ v: Double) -> Double { min(max(v, -1), Double(max(width, height)) + 1) }
        let (x, y, w, h) = (clamp(x), clamp(y), min(w, clamp(x + w) - clamp(x)), min(h, clamp(y + h) - clamp(y)))
        let x0 = max(Int((x - 0.5).rounded(.up)), 0), x1 = min(Int((x + w - 0.5).rounded(.up)), width)
        let y0 = max(Int((y - 0.5).rounded(.up)), 0), y1 = min(Int((y + h - 0.5).rounded(.up)), height)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for column in x0..<x1 { set(row * width + column, c) }
        }
    }

    /// A line `lineWidth` wide from a to b: squares stamped every half pixel.
    mutating func line(from a: (Double, Double), to b: (Double, Double), width lineWidth: Double, _ c: RGB) {
        let length = ((b.0 - a.0) * (b.0 - a.0) + (b.1 - a.1) * (b.1 - a.1)).squareRoot()
        guard length.isFinite else { return }
        let steps = min(max(Int(length * 2), 1), 1 << 20)
        let half = max(lineWidth, 1) / 2
        for i in 0...steps {
            let t = Double(i) / Double(steps)
            let (x, y) = (a.0 + (b.0 - a.0) * t, a.1 + (b.1 - a.1) * t)
            fill(x - half, y - half, 2 * half, 2 * half, c)
        }
    }

    func pixel(_ x: Int, _ y: Int) -> RGB {
        let i = 3 * (y * width + x)
        return RGB(Int(pixels[i]), Int(pixels[i + 1]), Int(pixels[i + 2]))
    }
}

enum PNGWriter {
    struct EncodingError: Error { let message: String }

    /// The picture's rectangles and lines drawn on white, in element order.
    static func rasterise(_ picture: Picture) -> RasterImage {
        var image = RasterImage(width: picture.width, height: picture.height, fill: Picture.white)
        for element in picture.elements {
            switch element {
            case let .rect(x, y, w, h, fill, _): image.fill(x, y, w, h, fill)
            case let .line(points, color, width, _):
                for (a, b) in zip(points, points.dropFirst()) { image.line(from: a, to: b, width: width, color) }
            case let .text(s, x, y, size, anchor, vertical, _):
                // Numbers only, across (DigitFont); words and turned labels are left out.
                guard !vertical, DigitFont.covers(s), x.isFinite, y.isFinite, abs(x) < 1e6, abs(y) < 1e6 else { continue }
                let w = DigitFont.width(s, size: size)
                let start = anchor == .start ? Int(x) : anchor == .middle ? Int(x) - w / 2 : Int(x) - w
                image.digits(s, x: start, y: Int(y), size: size)
            }
        }
        return image
    }

    /// The PNG file: signature, IHDR (8-bit RGB), one IDAT compressed with zlib, IEND.
    static func encode(_ image: RasterImage) throws -> Data {
        var raw = [UInt8]()
        raw.reserveCapacity((image.width * 3 + 1) * image.height)
        for row in 0..<image.height {
            raw.append(0)  // filter type None
            raw += image.pixels[(row * image.width * 3)..<((row + 1) * image.width * 3)]
        }
        var size = compressBound(uLong(raw.count))
        var compressed = [UInt8](repeating: 0, count: Int(size))
        let status = compressed.withUnsafeMutableBufferPointer { out in
            raw.withUnsafeBufferPointer { input in
                compress2(out.baseAddress, &size, input.baseAddress, uLong(input.count), Z_BEST_COMPRESSION)
            }
        }
        guard status == Z_OK else { throw EncodingError(message: "zlib could not compress the image (error \(status))") }
        var out: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header = bigEndian(UInt32(image.width)) + bigEndian(UInt32(image.height))
        header += [8, 2, 0, 0, 0]  // 8 bits a channel, RGB, deflate, adaptive filtering, no interlace
        chunk("IHDR", header, into: &out)
        chunk("IDAT", Array(compressed.prefix(Int(size))), into: &out)
        chunk("IEND", [], into: &out)
        return Data(out)
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] { [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: v >> $0) } }

    /// Length, type, data and the CRC-32 (zlib's) of type and data.
    private static func chunk(_ type: String, _ data: [UInt8], into out: inout [UInt8]) {
        let typed = Array(type.utf8) + data
        let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
        out += bigEndian(UInt32(data.count)) + typed + bigEndian(UInt32(truncatingIfNeeded: crc))
    }
}
