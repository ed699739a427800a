// `torch.autograd`: `grad(outputs, inputs, retain_graph=...)` (book appendix A computes
// dL/dw1 with it before calling `loss.backward()`), and `F.binary_cross_entropy` beside it.
import NN
import Python
import Tensor

extension TorchBinding {
    static let autograd: NativeModule = {
        let m = NativeModule(name: "torch.autograd")
        m.addFunction("grad", signature: """
            outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True, \
            allow_unused=None, is_grads_batched=False, materialize_grads=False
            """) { args in
            func tensors(_ name: String) throws -> [Tensor] {
                if let t = args[name].tensorValue { return [t] }
                return try iterateToArray(args[name]).map { v in
                    guard let t = v.tensorValue else { throw PyException.typeError("grad(): \(name) must be tensors, not \(v.typeName)") }
                    return t
                }
            }
            let outputs = try tensors("outputs"), inputs = try tensors("inputs")
            guard let output = outputs.first else { throw PyException.runtimeError("grad requires at least one output") }
            let gradOutputs = args.isNone("grad_outputs") ? [] : try tensors("grad_outputs")
            let retain = args.isNone("retain_graph") ? try args.bool("create_graph") : try args.bool("retain_graph")
            let grads = try Tensor.autogradGrad(output, inputs: inputs, gradOutput: gradOutputs.first, retainGraph: retain)
            let allowUnused = try args.isNone("allow_unused") ? false : args.bool("allow_unused")
            let materialize = try args.bool("materialize_grads")
            return .tuple(try zip(grads, inputs).map { grad, input in
                if let grad { return .tensor(grad) }
                if materialize { return .tensor(try Tensor.zerosLike(input)) }
                guard allowUnused else {
                    throw PyException.runtimeError("One of the differentiated Tensors appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
                }
                return .none
            })
        }
        return m
    }()

    /// `F.binary_cross_entropy(input, target, reduction='mean')`: `(t - 1) * max(log(1 - x), -100) - t * max(log(x), -100)`.
    static func binaryCrossEntropy(_ x: Tensor, _ t: Tensor, weight: Tensor?, reduction: Functional.Reduction) throws -> Tensor {
        guard x.shape == t.shape else {
            throw PyException.valueError("Using a target size (torch.Size(\(t.shape))) that is different to the input size (torch.Size(\(x.shape))) is deprecated. Please ensure they have the same size.")
        }
        let logX = try x.log().clamp(min: .float(-100))
        let logOneMinusX = try x.rsub(.float(1)).log().clamp(min: .float(-100))
        var loss = try t.sub(.float(1)).mul(logOneMinusX).sub(t.mul(logX))
        if let weight { loss = try loss.mul(weight) }
        switch reduction {
        case .none: break
        case .sum: loss = try loss.sum()
        case .mean: loss = try loss.mean()
        }
        // One node named as PyTorch's, whose backward runs the composed graph.
        guard x.requiresGrad else { return loss }
        let composed = loss
        return loss.detach().recordingGrad("BinaryCrossEntropyBackward0", inputs: [x]) { gradOut in
            [try Tensor.autogradGrad(composed, inputs: [x], gradOutput: gradOut, retainGraph: true)[0]]
        }
    }
}
