// `F.cross_entropy` / `nn.CrossEntropyLoss` with `label_smoothing`, composed as ATen's
// `cross_entropy_loss_label_smoothing` does (LossNLL.cpp), so values and gradients follow it:
// `(1 - ε) * nll_loss(log_softmax(x), t) + (ε / C) * smooth`, where `smooth` is
// `-log_softmax(x).sum(class_dim)`, zero at ignored targets, reduced like the loss.
import NN
import Python
import Tensor

extension NNBinding {
    static func crossEntropy(_ input: Tensor, _ target: Tensor, ignoreIndex: Int64, reduction: Functional.Reduction,
                             labelSmoothing: Double) throws -> Tensor {
        guard labelSmoothing >= 0 && labelSmoothing <= 1 else {
            throw PyException.runtimeError("label_smoothing must be between 0.0 and 1.0. Got: \(labelSmoothing)")
        }
        let nll = try Functional.crossEntropy(input, target: target, ignoreIndex: ignoreIndex, reduction: reduction)
        guard labelSmoothing > 0 else { return nll }
        let classDim = input.rank == 1 ? 0 : 1
        let classes = input.shape[classDim]
        let logProbabilities = try input.logSoftmax(dim: classDim)
        let ignored = try target.eq(.int(ignoreIndex))
        let smooth = try logProbabilities.sum(dims: [classDim]).neg().maskedFill(ignored, .float(0))
        let reduced: Tensor
        switch reduction {
        case .mean: reduced = try smooth.sum().div(ignored.logicalNot().sum())
        case .sum: reduced = try smooth.sum()
        case .none: reduced = smooth
        }
        return try nll.mul(.float(1 - labelSmoothing)).add(reduced.mul(.float(labelSmoothing / Double(classes))))
    }
}
