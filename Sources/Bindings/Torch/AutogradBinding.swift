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
            return .tuple(try zip(grads, inputs).enumerated().map { index, pair in
                let (grad, input) = pair
                if let grad { return .tensor(grad) }
                if materialize { return .tensor(try Tensor.zerosLike(input)) }
                guard allowUnused else {
                    throw PyException.runtimeError("The differentiated Tensor at index \(index) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
                }
                return .none
            })
        }
        return m
    }()

    /// `F.binary_cross_entropy(input, target, weight=None, reduction='mean')`, PyTorch's kernel
    /// (see Functional+BinaryCrossEntropy.swift); a weight multiplies the elementwise losses.
    static func binaryCrossEntropy(_ x: Tensor, _ t: Tensor, weight: Tensor?, reduction: Functional.Reduction) throws -> Tensor {
        guard let weight else { return try Functional.binaryCrossEntropy(x, target: t, reduction: reduction) }
        let elementwise = try Functional.binaryCrossEntropy(x, target: t, reduction: .none).mul(weight)
        switch reduction {
        case .none: return elementwise
        case .sum: return try elementwise.sum()
        case .mean: return try elementwise.mean()
        }
    }
}
