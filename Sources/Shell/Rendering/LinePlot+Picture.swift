// A line plot as a Picture for `plot --save`: axes with ticks at the real x and y values
// (log scales labelled with the values), grid lines, one colour a series, and a legend.

import Foundation

extension LinePlot {
    /// Series colours in files (matplotlib's first six): distinct, and told apart in grey too
    /// by the legend's order.
    static let pictureColors = [RGB(31, 119, 180), RGB(255, 127, 14), RGB(44, 160, 44), RGB(214, 39, 40),
                                RGB(148, 103, 189), RGB(140, 86, 75)]

    /// The picture titled `title`; nil when there is no finite point to draw.
    func picture(title given: String) -> Picture? {
        let title = Picture.shortTitle(given)
        let points = series.map { item in
            item.values.indices.compactMap { i -> (Double, Double)? in
                let px = x.map { i < $0.count ? $0[i] : .nan } ?? Double(i)
                guard let a = PlotAxis.transform(px, log: logX), let b = PlotAxis.transform(item.values[i], log: logY) else { return nil }
                return (a, b)
            }
        }
        let all = points.joined()
        guard let xLow = all.map(\.0).min(), let xHigh = all.map(\.0).max(),
              let yLow = all.map(\.1).min(), let yHigh = all.map(\.1).max() else { return nil }
        let xAxis = PlotAxis(low: xLow, high: xHigh, log: logX, integers: x == nil)
        let yAxis = PlotAxis(low: yLow, high: yHigh, log: logY, integers: false)
        let xTicks = xAxis.ticks(target: 6), yTicks = yAxis.ticks(target: 5)
        let tickWidth = yTicks.map { Picture.textWidth($0.label, size: 11) }.max() ?? 0
        let (plotWidth, plotHeight) = (560.0, 300.0)
        let left = 20 + tickWidth + 6, top = 40.0
        let legendTop = top + plotHeight + 52
        let height = legendTop + Double(series.count) * 18 + 6
        let width = max(left + plotWidth + 24, Picture.textWidth(title, size: 14) + 20)
        var picture = Picture(width: Int(width.rounded(.up)), height: Int(height.rounded(.up)), title: title)
        picture.text(title, 10, 22, size: 14, name: "title")

        func px(_ u: Double) -> Double { left + xAxis.position(u, dots: 1001) / 1000 * plotWidth }
        func py(_ u: Double) -> Double { top + plotHeight - yAxis.position(u, dots: 1001) / 1000 * plotHeight }
        let bottom = top + plotHeight, right = left + plotWidth
        for tick in yTicks where tick.value >= yAxis.low && tick.value <= yAxis.high {
            let y = py(tick.value)
            picture.line([(left, y), (right, y)], Picture.lightGrey, name: "grid")
            picture.line([(left - 4, y), (left, y)], Picture.black, name: "tick")
            picture.text(tick.label, left - 6, y + 4, size: 11, anchor: .end, name: "y-tick")
        }
        for tick in xTicks where tick.value >= xAxis.low && tick.value <= xAxis.high {
            let x = px(tick.value)
            picture.line([(x, top), (x, bottom)], Picture.lightGrey, name: "grid")
            picture.line([(x, bottom), (x, bottom + 4)], Picture.black, name: "tick")
            picture.text(tick.label, x, bottom + 17, size: 11, anchor: .middle, name: "x-tick")
        }
        picture.line([(left, top), (left, bottom), (right, bottom)], Picture.black, name: "axis")
        var caption = [xName.map { "x: \($0)" } ?? "x: index"]
        if logX { caption.append("log scale") }
        if logY { caption.append("y: log scale") }
        picture.text(caption.joined(separator: ", "), left + plotWidth / 2, bottom + 36, size: 12, anchor: .middle, name: "x-caption")

        // The first series drawn last, on top, as in the terminal.
        for (s, line) in points.enumerated().reversed() {
            let colour = LinePlot.pictureColors[s % LinePlot.pictureColors.count]
            if line.count == 1, let p = line.first {
                picture.rect(px(p.0) - 2.5, py(p.1) - 2.5, 5, 5, colour, name: "series")
            } else {
                picture.line(line.map { (px($0.0), py($0.1)) }, colour, width: 2, name: "series")
            }
        }
        for (s, item) in series.enumerated() {
            let y = legendTop + Double(s) * 18
            let colour = LinePlot.pictureColors[s % LinePlot.pictureColors.count]
            picture.line([(left, y - 4), (left + 24, y - 4)], colour, width: 2, name: "legend-line")
            let last = item.values.last { $0.isFinite }.map { PlotAxis.compact($0) } ?? "none"
            picture.text("\(item.name.isEmpty ? "series \(s + 1)" : item.name) (last \(last))", left + 30, y, size: 12, name: "legend")
        }
        return picture
    }
}
