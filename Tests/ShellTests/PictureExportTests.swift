// `heatmap`/`plot --save FILE` (issue #17): the SVG parsed as XML (structure, labels as
// text, one rect a cell), the PNG decoded with the linked zlib (size, CRCs, pixel values),
// the PDF's header and cross-reference offsets.
import CZlib
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Python
import Shell
import Testing

/// A folder of its own under the temporary directory, which the sandbox lets the workbench write.
private let exportFolder: String = {
    let folder = NSTemporaryDirectory() + "llmwb-export-\(getpid())"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    Sandbox.allow(folder)
    return folder
}()

/// A workbench with torch imported, and the text it prints.
private func workbench() -> (Workbench, () -> String) {
    var text = ""
    let terminal = Terminal(isInteractive: false, colors: .none, width: 80)
    let workbench = Workbench(terminal: terminal, lessonsFolder: LessonRunner.lessonsFolder, state: nil) { text += $0 }
    workbench.evaluate("import torch")
    return (workbench, { defer { text = "" }; return text })
}

/// The elements of an SVG document, in order: name and attributes, and the text inside.
private final class SVGElements: NSObject, XMLParserDelegate {
    var elements: [(name: String, attributes: [String: String], text: String)] = []
    private var open: [Int] = []

    init?(_ data: Data) {
        super.init()
        let parser = XMLParser(data: data)
        parser.delegate = self
        guard parser.parse() else { return nil }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        open.append(elements.count)
        elements.append((name, attributes, ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
    }

    func all(_ name: String, class kind: String? = nil) -> [(name: String, attributes: [String: String], text: String)] {
        elements.filter { $0.name == name && (kind == nil || $0.attributes["class"] == kind) }
    }
}

/// A decoded PNG: its size and RGB pixels, after checking the signature and every chunk's CRC.
private struct DecodedPNG {
    let width: Int, height: Int
    let pixels: [UInt8]

    init?(_ data: Data) {
        let bytes = [UInt8](data)
        guard bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { return nil }
        func u32(_ i: Int) -> Int { bytes[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        var i = 8, header: [UInt8] = [], compressed: [UInt8] = []
        while i + 12 <= bytes.count {
            let length = u32(i)
            guard i + 12 + length <= bytes.count else { return nil }
            let typed = Array(bytes[(i + 4)..<(i + 8 + length)])
            let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, uInt($0.count)) }
            guard Int(crc) == u32(i + 8 + length) else { return nil }
            let type = String(decoding: typed.prefix(4), as: UTF8.self), body = Array(typed.dropFirst(4))
            if type == "IHDR" { header = body }
            if type == "IDAT" { compressed += body }
            i += 12 + length
        }
        guard header.count == 13, header[8] == 8, header[9] == 2 else { return nil }
        width = header[0..<4].reduce(0) { $0 << 8 | Int($1) }
        height = header[4..<8].reduce(0) { $0 << 8 | Int($1) }
        var size = uLong((width * 3 + 1) * height)
        var raw = [UInt8](repeating: 0, count: Int(size))
        let status = raw.withUnsafeMutableBufferPointer { out in
            compressed.withUnsafeBufferPointer { uncompress(out.baseAddress, &size, $0.baseAddress, uLong($0.count)) }
        }
        guard status == Z_OK, Int(size) == raw.count else { return nil }
        var pixels: [UInt8] = []
        for row in 0..<height {
            let start = row * (width * 3 + 1)
            guard raw[start] == 0 else { return nil }  // the writer uses filter None only
            pixels += raw[(start + 1)...(start + width * 3)]
        }
        self.pixels = pixels
    }

    func pixel(_ x: Int, _ y: Int) -> RGB {
        let i = 3 * (y * width + x)
        return RGB(Int(pixels[i]), Int(pixels[i + 1]), Int(pixels[i + 2]))
    }
}

private func hex(_ c: RGB) -> String { String(format: "#%02x%02x%02x", c.r, c.g, c.b) }

private func read(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

@Test func heatmapSavesAnSVGWithEveryCellLabelsAndAColourBar() throws {
    let (wb, output) = workbench()
    wb.evaluate("x = torch.tensor([[0., 1., 2.], [3., 4., 5.]])")
    _ = output()
    let path = exportFolder + "/heat.svg"
    wb.handle(#"heatmap x --labels ["<a>", "b&c"] --xlabels ["p", "q", "r"] --save \#(path)"#)
    let lines = output().components(separatedBy: "\n")
    let svg = try #require(SVGElements(try read(path)))
    let root = try #require(svg.all("svg").first)
    #expect(lines.dropLast().last == "saved heatmap to \(path) (\(root.attributes["width"] ?? "?")×\(root.attributes["height"] ?? "?"))")
    #expect(svg.all("title").first?.text == "x  torch.Size([2, 3])")
    #expect(svg.all("text", class: "title").first?.text == "x  torch.Size([2, 3])")
    let cells = svg.all("rect", class: "cell")
    #expect(cells.count == 6)
    // Row by row from the top left: 0 is viridis' dark end, 5 its yellow end.
    #expect(cells.first?.attributes["fill"] == hex(ColorMap.viridis.rgb(0)))
    #expect(cells.last?.attributes["fill"] == hex(ColorMap.viridis.rgb(1)))
    #expect(cells[1].attributes["fill"] == hex(ColorMap.viridis.rgb(0.2)))
    #expect(svg.all("text", class: "row-label").map(\.text) == ["<a>", "b&c"])
    #expect(svg.all("text", class: "column-label").map(\.text) == ["p", "q", "r"])
    #expect(svg.all("rect", class: "bar").count == 64)
    #expect(svg.all("text", class: "bar-label").map(\.text) == ["0", "1.25", "2.5", "3.75", "5"])
}

@Test func signedHeatmapUsesTheDivergingMapCentredOnZero() throws {
    let (wb, output) = workbench()
    wb.evaluate("s = torch.tensor([[-2., 0., 1.]])")
    let path = exportFolder + "/signed.svg"
    wb.handle("heatmap s --save \(path)")
    _ = output()
    let svg = try #require(SVGElements(try read(path)))
    #expect(svg.all("rect", class: "cell").map { $0.attributes["fill"] ?? "" }
            == [hex(ColorMap.diverging.rgb(0)), hex(ColorMap.diverging.rgb(0.5)), hex(ColorMap.diverging.rgb(0.75))])
    #expect(svg.all("text", class: "bar-label").map(\.text) == ["-2", "-1", "0", "1", "2"])
}

@Test func heatmapPNGDecodesToTheSVGsCells() throws {
    let (wb, output) = workbench()
    wb.evaluate("x = torch.tensor([[0., 1., 2.], [3., 4., 5.]])")
    let (svgPath, pngPath) = (exportFolder + "/same.svg", exportFolder + "/same.PNG")
    wb.handle("heatmap x --save \(svgPath)")
    wb.handle("heatmap x --save \(pngPath)")
    let said = output()
    let svg = try #require(SVGElements(try read(svgPath)))
    let png = try #require(DecodedPNG(try read(pngPath)))
    let root = try #require(svg.all("svg").first)
    #expect(String(png.width) == root.attributes["width"] && String(png.height) == root.attributes["height"])
    #expect(said.contains("saved heatmap to \(pngPath) (\(png.width)×\(png.height))\n"))
    #expect(png.pixel(0, 0) == RGB(255, 255, 255))
    // Each cell's centre has the cell's colour.
    let cells = svg.all("rect", class: "cell")
    #expect(cells.count == 6)
    for (i, cell) in cells.enumerated() {
        let a = cell.attributes
        let (x, y, w, h) = (Double(a["x"] ?? "") ?? -1, Double(a["y"] ?? "") ?? -1, Double(a["width"] ?? "") ?? 0, Double(a["height"] ?? "") ?? 0)
        #expect(hex(png.pixel(Int(x + w / 2), Int(y + h / 2))) == a["fill"])
        #expect(png.pixel(Int(x + w / 2), Int(y + h / 2)) == ColorMap.viridis.rgb(Double(i) / 5))
    }
}

@Test func plotSavesAxesALegendAndDistinctSeries() throws {
    let (wb, output) = workbench()
    wb.evaluate("train = [100.0, 10.0, 1.0]; val = [50.0, 20.0, 5.0]; steps = [10, 20, 30]")
    _ = output()
    let path = exportFolder + "/losses.svg"
    wb.handle("plot train val --x steps --logy --save \(path)")
    let said = output()
    let svg = try #require(SVGElements(try read(path)))
    let root = try #require(svg.all("svg").first)
    #expect(said.hasSuffix("saved plot to \(path) (\(root.attributes["width"] ?? "?")×\(root.attributes["height"] ?? "?"))\n"))
    #expect(svg.all("title").first?.text == "train, val")
    let series = svg.all("polyline", class: "series")
    #expect(series.count == 2)
    #expect(Set(series.compactMap { $0.attributes["stroke"] }).count == 2)
    #expect(series.allSatisfy { ($0.attributes["points"] ?? "").split(separator: " ").count == 3 })
    // The log scale is labelled with the real values; x with the steps.
    #expect(svg.all("text", class: "y-tick").map(\.text) == ["1", "10", "100"])
    #expect(svg.all("text", class: "x-tick").map(\.text).contains("20"))
    #expect(svg.all("text", class: "x-caption").first?.text == "x: steps, y: log scale")
    #expect(svg.all("text", class: "legend").map(\.text) == ["train (last 1)", "val (last 5)"])
}

@Test func plotPNGHasBothSeriesColours() throws {
    let (wb, output) = workbench()
    wb.evaluate("a = [0.0, 1.0, 4.0, 9.0]; b = [9.0, 4.0, 1.0, 0.0]")
    let path = exportFolder + "/lines.png"
    wb.handle("plot a b --save \(path)")
    let said = output()
    let png = try #require(DecodedPNG(try read(path)))
    #expect(said.hasSuffix("saved plot to \(path) (\(png.width)×\(png.height))\n"))
    var counts: [String: Int] = [:]
    for y in 0..<png.height { for x in 0..<png.width { counts[hex(png.pixel(x, y)), default: 0] += 1 } }
    #expect((counts["#1f77b4"] ?? 0) > 200)  // the first series
    #expect((counts["#ff7f0e"] ?? 0) > 200)  // the second
    #expect(png.pixel(2, 2) == RGB(255, 255, 255))
}

@Test(arguments: ["heatmap x --save", "plot a b --save"])
func pdfHasValidCrossReferences(_ command: String) throws {
    let (wb, output) = workbench()
    wb.evaluate("x = torch.tensor([[0., 1.], [2., 3.]]); a = [1.0, 2.0]; b = [2.0, 1.0]")
    let path = exportFolder + "/picture-\(command.prefix(4)).pdf"
    wb.handle("\(command) \(path)")
    #expect(output().contains("to \(path) ("))
    let bytes = [UInt8](try read(path))
    #expect(bytes.starts(with: Array("%PDF-1.4\n".utf8)))
    let text = String(decoding: bytes, as: UTF8.self)
    #expect(text.hasSuffix("%%EOF\n"))
    let start = try #require(text.range(of: "startxref\n", options: .backwards))
    let xref = try #require(Int(text[start.upperBound...].prefix { $0.isNumber }))
    #expect(Array(bytes[xref..<(xref + 5)]) == Array("xref\n".utf8))
    let table = String(decoding: bytes[xref...], as: UTF8.self).split(separator: "\n")
    let count = try #require(Int(table[1].split(separator: " ").last ?? ""))
    #expect(count == 7)
    for object in 1..<count {
        let offset = try #require(Int(table[2 + object].prefix(10)))
        let expected = Array("\(object) 0 obj\n".utf8)
        #expect(Array(bytes[offset..<(offset + expected.count)]) == expected)
    }
    #expect(text.contains("/BaseFont /Helvetica"))
    #expect(text.contains(command.hasPrefix("heatmap") ? "(x  torch.Size\\([2, 2]\\)) Tj" : "(a \\(last 2\\)) Tj"))
}

@Test func saveAlsoDrawsInTheTerminalAsBefore() throws {
    let (wb, output) = workbench()
    wb.evaluate("x = torch.tensor([[0., 1.], [2., 3.]])")
    _ = output()
    wb.handle("heatmap x")
    let drawn = output()
    wb.handle("heatmap x --save \(exportFolder)/again.svg")
    let saved = output()
    #expect(saved.hasPrefix(drawn))
    #expect(saved.dropFirst(drawn.count).hasPrefix("saved heatmap to \(exportFolder)/again.svg ("))
}

@Test func aLessonsShowLineSavesToo() throws {
    let lessons = exportFolder + "/lessons"
    try FileManager.default.createDirectory(atPath: lessons, withIntermediateDirectories: true)
    let path = exportFolder + "/shown.svg"
    let source = "# %% [markdown]\n# # Saving\n\n# %%\nimport torch\nw = torch.tensor([[1., 2.], [3., 4.]])\n# @show heatmap w --save \(path)\n"
    try source.write(toFile: lessons + "/01_save.py", atomically: true, encoding: .utf8)
    var text = ""
    let wb = Workbench(terminal: Terminal(isInteractive: false, colors: .none, width: 80), lessonsFolder: lessons, state: nil) { text += $0 }
    wb.handle("open 1")
    wb.handle("next")
    #expect(text.contains("saved heatmap to \(path) ("))
    let svg = try #require(SVGElements(try read(path)))
    #expect(svg.all("rect", class: "cell").count == 4)
}

@Test func awkwardValuesSaveWithoutTrouble() throws {
    let (wb, output) = workbench()
    wb.evaluate("h = torch.tensor([[float('nan'), float('inf'), 0.], [-float('inf'), 1e38, 0.]])")
    _ = output()
    let long = "[" + Array(repeating: "3e38", count: 60).joined(separator: ", ") + ", -3e38]"
    for (command, file) in [("heatmap h", "awkward.png"), ("plot \(long)", "huge.png"), ("plot \(long)", "huge.pdf")] {
        wb.handle("\(command) --save \(exportFolder)/\(file)")
        #expect(output().contains("to \(exportFolder)/\(file) ("))
    }
    let png = try #require(DecodedPNG(try read(exportFolder + "/awkward.png")))
    #expect(png.width < 400)
    let svgPath = exportFolder + "/awkward.svg"
    wb.handle("heatmap h --save \(svgPath)")
    let svg = try #require(SVGElements(try read(svgPath)))
    // NaN is grey; -inf and inf take the ends of the scale.
    #expect(svg.all("rect", class: "cell").map { $0.attributes["fill"] ?? "" } == ["#808080", "#fde725", "#440154", "#440154", "#fde725", "#440154"])
    #expect(hex(ColorMap.viridis.rgb(1)) == "#fde725" && hex(ColorMap.viridis.rgb(0)) == "#440154")
    #expect((svg.all("title").first?.text.count ?? 0) <= 100)
}

@Test func pngDrawsTheNumbersButNotTheWords() throws {
    let (wb, output) = workbench()
    wb.evaluate("x = torch.tensor([[0., 1.], [2., 3.]])")
    let (svgPath, pngPath) = (exportFolder + "/numbers.svg", exportFolder + "/numbers.png")
    wb.handle("heatmap x --save \(svgPath)")
    wb.handle("heatmap x --save \(pngPath)")
    _ = output()
    let svg = try #require(SVGElements(try read(svgPath)))
    let png = try #require(DecodedPNG(try read(pngPath)))
    func blackPixels(_ x: Int, _ y: Int, _ w: Int, _ h: Int) -> Int {
        var n = 0
        for py in max(y, 0)..<min(y + h, png.height) { for px in max(x, 0)..<min(x + w, png.width) where png.pixel(px, py) == RGB(0, 0, 0) { n += 1 } }
        return n
    }
    // Each number of the colour bar is drawn just above its baseline, right of the tick.
    let labels = svg.all("text", class: "bar-label")
    #expect(labels.map(\.text) == ["0", "0.7500", "1.5", "2.25", "3"])
    for label in labels {
        let (x, y) = (Int(Double(label.attributes["x"] ?? "") ?? -100), Int(Double(label.attributes["y"] ?? "") ?? -100))
        #expect(blackPixels(x, y - 10, 60, 11) > 4, "\(label.text)")
    }
    // The title (words) is left out: the top band is white.
    #expect(blackPixels(0, 0, png.width, 24) == 0)
}
