// Losses: `F.cross_entropy` (chapter 5's training loss) and `F.mse_loss`.

import Foundation
import Tensor

extension Functional {
    /// How a loss combines its per-element values (`reduction=`).
    public enum Reduction: String, Sendable { case mean, sum, none }

    /// `F.cross_entropy(logits, target, ignore_index=-100, reduction="mean")`:
    /// `-log_softmax(logits)[i, target[i]]`, averaged over the targets not ignored.
    ///
    /// Shapes: logits [N, C] with target [N] (int64 class ids), or logits [C] with a 0-d target.
    /// grad_fn `NllLossBackward0` (PyTorch composes log_softmax and nll_loss).
    public static func crossEntropy(_ logits: Tensor, target: Tensor, ignoreIndex: Int64 = -100,
                                    reduction: Reduction = .mean) throws -> Tensor {
        guard target.dtype == .int64 else {
            throw TensorError.runtime("expected scalar type Long but found \(target.dtype == .float32 ? "Float" : "Bool")")
        }
        let batched = logits.rank == 2
        guard (batched && target.shape == [logits.shape[0]]) || (logits.rank == 1 && target.rank == 0) else {
            if logits.rank == 2 && target.rank == 1 {
                throw TensorError.value("Expected input batch_size (\(logits.shape[0])) to match target batch_size (\(target.shape[0])).")
            }
            throw TensorError.runtime(
                "cross_entropy: expected logits [N, C] with target [N], or logits [C] with a 0-d target; "
                + "got logits \(logits.shape) and target \(target.shape)")
        }
        let classes = logits.shape.last ?? 0
        let rows = batched ? logits.shape[0] : 1
        let targets = target.int64Values()
        for t in targets where t != ignoreIndex && (t < 0 || t >= Int64(classes)) {
            throw TensorError.index("Target \(t) is out of bounds.")
        }
        // log_softmax as its own autograd node (PyTorch's kernels, forward and backward),
        // then nll_loss on it, as ATen composes cross_entropy
        let logProbabilities = try logits.logSoftmax(dim: batched ? 1 : 0)
        let logProbs = try logProbabilities.contiguousData()
        let lp = logProbs.floatPointer
        var losses = [Float](repeating: 0, count: rows)
        var counted = 0
        for r in 0..<rows where targets[r] != ignoreIndex {
            losses[r] = -lp[r * classes + Int(targets[r])]
            counted += 1
        }
        let out: Tensor
        switch reduction {
        case .none: out = try Tensor(floats: losses, shape: batched ? [rows] : [])
        case .sum: out = try Tensor(floats: [nllSum(losses, targets: targets, ignoreIndex: ignoreIndex)], shape: [])
        case .mean:
            let total = nllSum(losses, targets: targets, ignoreIndex: ignoreIndex)
            out = try Tensor(floats: [total / Float(counted)], shape: [])
        }
        return out.recordingGrad("NllLossBackward0", inputs: [logProbabilities]) { gradOut in
            let g = gradOut.floatValues()
            let grad = try Tensor(zeros: logProbabilities.shape)
            let gp = grad.floatPointer
            for r in 0..<rows where targets[r] != ignoreIndex {
                let scale: Float = switch reduction {
                case .none: g[r]
                case .sum: g[0]
                case .mean: g[0] / Float(counted)
                }
                gp[r * classes + Int(targets[r])] = -scale
            }
            return [grad]
        }
    }

    /// The losses summed as ATen's nll_loss forward sums them (LossNLL.cpp): float partial
    /// sums on 8 levels, level j carried into j + 1 after each kept row whose index has
    /// zero low bits (4 per level for any batch below 2^32), the levels added at the end.
    static func nllSum(_ losses: [Float], targets: [Int64], ignoreIndex: Int64) -> Float {
        let levels = 8, power = 4, mask = (1 << power) - 1
        var partial = [Float](repeating: 0, count: levels)
        for b in losses.indices where targets[b] != ignoreIndex {
            partial[0] += losses[b]
            for j in 0..<(levels - 1) {
                if b & (mask << (j * power)) != 0 { break }
                partial[j + 1] += partial[j]
                partial[j] = 0
            }
        }
        return partial.reduce(0, +)
    }

    /// `F.mse_loss(input, target, reduction="mean")`: the mean of squared differences.
    /// Shapes must match. grad_fn `MseLossBackward0`.
    public static func mseLoss(_ input: Tensor, target: Tensor, reduction: Reduction = .mean) throws -> Tensor {
        guard input.shape == target.shape else {
            throw TensorError.runtime(
                "The size of tensor a (\(input.shape.last ?? 1)) must match the size of tensor b (\(target.shape.last ?? 1))")
        }
        let a = input.floatValues(), b = target.floatValues()
        // The value as PyTorch computes it: pow(input - target, 2), then its reduction.
        let squared = try GradMode.withNoGrad { try input.sub(target).pow(.int(2)) }
        let out: Tensor
        switch reduction {
        case .none: out = squared.detach()
        case .sum: out = try GradMode.withNoGrad { try squared.sum() }
        case .mean: out = try GradMode.withNoGrad { try squared.mean() }
        }
        return out.recordingGrad("MseLossBackward0", inputs: [input, target]) { gradOut in
            let g = gradOut.floatValues()
            let n = Float(max(a.count, 1))
            let d = (0..<a.count).map { i -> Float in
                let scale: Float = reduction == .none ? g[i] : reduction == .sum ? g[0] : g[0] / n
                return 2 * (a[i] - b[i]) * scale
            }
            return [try Tensor(floats: d, shape: input.shape), try Tensor(floats: d.map { -$0 }, shape: input.shape)]
        }
    }
}
