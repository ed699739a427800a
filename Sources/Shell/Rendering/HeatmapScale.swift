// The value range a heatmap's colours span, and which colour map draws it: viridis for
// values of one sign, blue–white–red centred on 0 for signed ones.

import Foundation

/// Maps values to t in [0, 1] for a colour map.
struct HeatmapScale {
    let low: Double
    let high: Double
    let map: ColorMap
    /// Set by `--min`/`--max` rather than taken from the data.
    let fixed: Bool

    /// The scale for `values`: from `low`/`high` when given, else the finite values'
    /// range; signed data gets a range symmetric about 0 so that 0 is white.
    init(values: [[Float]], low: Double?, high: Double?) {
        let finite = values.joined().filter(\.isFinite)
        let dataLow = Double(finite.min() ?? 0), dataHigh = Double(finite.max() ?? 0)
        var (a, b) = (low ?? dataLow, high ?? dataHigh)
        fixed = low != nil || high != nil
        if a > b { (a, b) = (b, a) }
        map = a < 0 && b > 0 ? .diverging : .viridis
        if map == .diverging && !fixed {
            let m = max(-a, b)
            (a, b) = (-m, m)
        }
        (self.low, self.high) = (a, b)
    }

    /// Where `value` falls: 0 at the low end, 1 at the high end, 0.5 for 0 on a diverging
    /// scale (whose sides may differ when fixed). Values outside are clamped.
    func t(_ value: Double) -> Double {
        guard high > low else { return 0.5 }
        let t: Double
        if map == .diverging {
            t = value < 0 ? 0.5 - 0.5 * value / low : 0.5 + 0.5 * value / high
        } else {
            t = (value - low) / (high - low)
        }
        return min(max(t, 0), 1)
    }

    /// Whether a finite value lies outside the scale (possible only when fixed).
    func outside(_ value: Double) -> Bool { value < low || value > high }

    /// Characters without colour: density by distance from the low end, or on a diverging
    /// scale by size, with a different set for negative values.
    /// With `signed` false, both signs share one set (the numbers beside them show the sign).
    func shade(_ t: Double, signed: Bool = true) -> Character {
        guard map == .diverging else { return ColorScale.shade(t) }
        let size = min(abs(t - 0.5) * 2, 1)
        let ramp = t < 0.5 && signed ? HeatmapScale.negativeShades : ColorScale.shades
        return ramp[min(Int(size * Double(ramp.count - 1) + 0.5), ramp.count - 1)]
    }

    /// Negative values without colour, small to large.
    static let negativeShades: [Character] = [" ", "·", "-", "=", "≡"]

    /// A scale value in few characters.
    static func format(_ v: Double) -> String {
        if v == 0 { return "0" }
        if abs(v) >= 1e4 || abs(v) < 1e-3 { return String(format: "%.2e", v) }
        return abs(v) < 1 ? String(format: "%.4f", v) : String(format: "%.4g", v)
    }
}
