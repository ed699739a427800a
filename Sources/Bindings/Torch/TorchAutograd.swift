// `torch.autograd`: `grad(outputs, inputs)`, the gradients of a result with respect to chosen
// tensors without touching any `.grad` (the book's appendix A computes dL/dw1 this way).
import Python
import Tensor

extension TorchBinding {
    static func installAutograd(_ m: NativeModule) {
        let autograd = NativeModule(name: "torch.autograd")
        autograd.addFunction("grad", signature: "outputs, inputs, grad_outputs=None, retain_graph=None, create_graph=False, only_inputs=True, allow_unused=None, is_grads_batched=False, materialize_grads=False") { args in
            func tensors(_ name: String) throws -> [Tensor] {
                if let t = args[name].tensorValue { return [t] }
                return try iterateToArray(args[name]).map { value in
                    guard let t = value.tensorValue else {
                        throw PyException.typeError("grad(): argument '\(name)' must be tuple of Tensors, not \(value.typeName)")
                    }
                    return t
                }
            }
            let outputs = try tensors("outputs"), inputs = try tensors("inputs")
            let gradOutputs = args.isNone("grad_outputs") ? [] : try tensors("grad_outputs")
            guard outputs.count == 1 else {
                throw PyException.notImplemented("torch.autograd.grad with several outputs; sum them first")
            }
            let retain = args.isNone("retain_graph") ? try args.bool("create_graph") : try args.bool("retain_graph")
            let grads = try outputs[0].gradients(withRespectTo: inputs, gradient: gradOutputs.first, retainGraph: retain)
            let allowUnused = args.isNone("allow_unused") ? false : try args.bool("allow_unused")
            return .tuple(try grads.enumerated().map { index, grad in
                if let grad { return Value.tensor(grad) }
                guard allowUnused else {
                    throw PyException.runtimeError("The differentiated Tensor at index \(index) appears to not have been used in the graph. Set allow_unused=True if this is the desired behavior.")
                }
                return Value.none
            })
        }
        m.addSubmodule(autograd)
    }
}
