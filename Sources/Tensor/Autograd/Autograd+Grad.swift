// `torch.autograd.grad(outputs, inputs)`: the gradients of one output with respect to
// chosen tensors, returned instead of accumulated into `.grad`. Book appendix A.
// The backward engine (Backward.swift) captures them, so sums round as in `backward`.

extension Tensor {
    /// The gradient of `output` with respect to each of `inputs` (nil where `output` does not
    /// depend on it). No `.grad` is touched. The graph is freed unless `retainGraph`.
    public static func autogradGrad(_ output: Tensor, inputs: [Tensor], gradOutput: Tensor? = nil,
                                    retainGraph: Bool = false) throws -> [Tensor?] {
        try output.gradients(withRespectTo: inputs, gradient: gradOutput, retainGraph: retainGraph)
    }
}
