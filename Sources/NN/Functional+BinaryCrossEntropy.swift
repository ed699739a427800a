// `F.binary_cross_entropy` (the book's appendix A, a logistic unit's loss), computed as
// PyTorch's CPU kernel does, element by element, with logs clamped at -100.

import Foundation
import Tensor

extension Functional {
    /// `F.binary_cross_entropy(input, target, reduction="mean")`:
    /// `L = (y - 1) * max(log1p(-x), -100) - y * max(log(x), -100)`, then reduced.
    ///
    /// Shapes: input and target alike (probabilities in [0, 1]). grad_fn `BinaryCrossEntropyBackward0`,
    /// `dL/dx = grad * (x - y) / max((1 - x) * x, 1e-12)`, divided by the element count for the mean.
    public static func binaryCrossEntropy(_ input: Tensor, target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        guard input.shape == target.shape else {
            throw TensorError.runtime(
                "Using a target size (torch.Size(\(target.shape))) that is different to the input size "
                + "(torch.Size(\(input.shape))) is deprecated. Please ensure they have the same size.")
        }
        let x = input.floatValues(), y = target.floatValues()
        var losses = [Float](repeating: 0, count: x.count)
        for i in 0..<x.count {
            guard x[i] >= 0 && x[i] <= 1 else { throw TensorError.runtime("all elements of input should be between 0 and 1") }
            guard y[i] >= 0 && y[i] <= 1 else { throw TensorError.runtime("all elements of target should be between 0 and 1") }
            losses[i] = (y[i] - 1) * max(Foundation.log1p(-x[i]), -100) - y[i] * max(Foundation.log(x[i]), -100)
        }
        let elementwise = try Tensor(floats: losses, shape: input.shape)
        let out: Tensor
        switch reduction {
        case .none: out = elementwise
        case .sum: out = try GradMode.withNoGrad { try elementwise.sum() }
        case .mean: out = try GradMode.withNoGrad { try elementwise.mean() }
        }
        return out.recordingGrad("BinaryCrossEntropyBackward0", inputs: [input, target]) { gradOut in
            let g = gradOut.floatValues()
            let n = Float(max(x.count, 1))
            let d = (0..<x.count).map { i -> Float in
                let grad = reduction == .none ? g[i] : g[0]
                let value = grad * (x[i] - y[i]) / max((1 - x[i]) * x[i], 1e-12)
                return reduction == .mean ? value / n : value
            }
            return [try Tensor(floats: d, shape: input.shape), nil]
        }
    }
}
