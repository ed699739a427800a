// The bounds PyTorch's default layer initialisation passes to uniform_, computed in
// doubles exactly as torch/nn/init.py does. RNG_SPEC.md §7; nn.Linear (chapter 3 onwards).

import Foundation

/// Default-initialisation bounds of `nn.Linear` (`reset_parameters`).
///
/// `Linear(in, out)` draws `weight.uniform_(-w, w)` (`[out, in]`, row-major) and then
/// `bias.uniform_(-b, b)`, with `w = kaimingUniformBound(fanIn: in)` and
/// `b = biasBound(fanIn: in)`. `nn.Embedding` uses `normal_(0, 1)` instead.
public enum LayerInit {
    /// `kaiming_uniform_(a=√5)`'s bound: `gain = sqrt(2 / (1 + a**2))`,
    /// `std = gain / sqrt(fan_in)`, `bound = sqrt(3) * std` (in Double, where
    /// `a**2 = 5.000000000000001`). Zero for `fanIn == 0` (PyTorch skips such tensors).
    public static func kaimingUniformBound(fanIn: Int, a: Double = 5.0.squareRoot()) -> Double {
        guard fanIn > 0 else { return 0 }
        let gain = (2.0 / (1 + Foundation.pow(a, 2))).squareRoot()
        let std = gain / Double(fanIn).squareRoot()
        return 3.0.squareRoot() * std
    }

    /// The bias bound `1 / sqrt(fan_in)` (0 when `fanIn == 0`).
    public static func biasBound(fanIn: Int) -> Double {
        fanIn > 0 ? 1 / Double(fanIn).squareRoot() : 0
    }
}
