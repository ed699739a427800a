// One axis of a line plot: where a value falls, and round tick values to label it with
// (1-2-5 steps on a linear scale, powers of 10 or of 2 on a log scale).

import Foundation

/// An axis over [low, high], in plotted units (log10 of the value on a log scale).
struct PlotAxis {
    var low: Double
    var high: Double
    var log: Bool
    /// Only whole-number ticks (an index axis).
    var integers: Bool

    init(low: Double, high: Double, log: Bool, integers: Bool) {
        // A single value gets a little room either side, so it sits in the middle.
        let pad = high > low ? 0 : max(abs(low) * 0.1, integers ? 1 : 0.5)
        (self.low, self.high, self.log, self.integers) = (low - pad, high + pad, log, integers)
    }

    /// The plotted coordinate of a value: log10 on a log scale; nil when it cannot be drawn.
    static func transform(_ value: Double, log: Bool) -> Double? {
        guard value.isFinite else { return nil }
        if log { return value > 0 ? log10(value) : nil }
        return value
    }

    /// Where plotted coordinate `u` falls, 0 ... dots - 1.
    func position(_ u: Double, dots: Int) -> Double {
        // Halved, a span of ±1e308 does not overflow.
        let p = (high - low).isFinite ? (u - low) / (high - low) : (u / 2 - low / 2) / (high / 2 - low / 2)
        return p.isFinite ? p * Double(dots - 1) : 0
    }

    /// About `target` ticks inside the axis, each with its label; `value` is in plotted units.
    func ticks(target: Int) -> [(value: Double, label: String)] {
        if log {
            let a = low, b = high
            for base in (b - a >= 2 ? [10.0] : [2.0, 10.0]) {
                let lo = Int((a / log10(base) - 1e-9).rounded(.up)), hi = Int((b / log10(base) + 1e-9).rounded(.down))
                guard hi - lo >= 1, hi - lo < 10000 else { continue }
                let every = max((hi - lo + target) / (target + 1), 1)
                return stride(from: lo, through: hi, by: every).map { k in
                    let value = pow(base, Double(k))
                    return (log10(value), PlotAxis.compact(value))
                }
            }
            // Less than one power apart: round values, placed on the log scale.
            let linear = PlotAxis(low: pow(10, a), high: pow(10, b), log: false, integers: false)
            return linear.ticks(target: target).compactMap { tick in tick.value > 0 ? (log10(tick.value), tick.label) : nil }
        }
        let raw = (high - low) / Double(max(target, 1))
        let magnitude = pow(10, (log10(raw)).rounded(.down))
        let normal = raw / magnitude
        var step = (normal < 1.5 ? 1 : normal < 3 ? 2 : normal < 7 ? 5 : 10) * magnitude
        if integers { step = max(step.rounded(), 1) }
        // A range too narrow for its magnitude (or for a Double) gets no ticks.
        guard step > 0, step.isFinite, abs(low / step) < 1e12, abs(high / step) < 1e12 else { return [] }
        let first = Int((low / step - 1e-9).rounded(.up)), last = Int((high / step + 1e-9).rounded(.down))
        guard first <= last, last - first < 1000 else { return [] }
        let decimals = max(0, -Int((log10(step) + 1e-9).rounded(.down)))
        return (first...last).map { k in
            let value = Double(k) * step
            return (value, PlotAxis.format(value, decimals: decimals))
        }
    }

    /// A tick value with `decimals` places; very large or small values in %g form; never "-0".
    static func format(_ value: Double, decimals: Int) -> String {
        if value == 0 { return "0" }
        if abs(value) >= 1e6 || decimals > 5 { return String(format: "%.3g", value) }
        return String(format: "%.\(decimals)f", value)
    }

    /// A value in few characters: whole numbers as such, others with 4 significant digits.
    static func compact(_ value: Double) -> String {
        if value == value.rounded() && abs(value) < 1e7 { return String(Int(value)) }
        return String(format: "%.4g", value)
    }
}
