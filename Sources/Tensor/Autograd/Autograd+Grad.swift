// `torch.autograd.grad(outputs, inputs)`: the gradients of one output with respect to
// chosen tensors, returned instead of accumulated into `.grad`. Book appendix A.
// It runs the same engine order as `backward` (Backward.swift), so sums round alike.

extension Tensor {
    /// The gradient of `output` with respect to each of `inputs` (nil where `output` does not
    /// depend on it). No `.grad` is touched. The graph is freed unless `retainGraph`.
    public static func autogradGrad(_ output: Tensor, inputs: [Tensor], gradOutput: Tensor? = nil,
                                    retainGraph: Bool = false) throws -> [Tensor?] {
        guard output.requiresGrad else {
            throw TensorError.runtime("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        for input in inputs where !input.requiresGrad {
            throw TensorError.runtime("One of the differentiated Tensors does not require grad")
        }
        let seed: Tensor
        if let gradOutput { seed = try gradOutput.copyData(as: .float32) } else {
            guard output.count == 1 else { throw TensorError.runtime("grad can be implicitly created only for scalar outputs") }
            seed = try Tensor(floats: [1], shape: output.shape)
        }
        let wanted = Set(inputs.map(ObjectIdentifier.init))
        var found: [ObjectIdentifier: Tensor] = [:]
        try GradMode.withNoGrad {
            if wanted.contains(ObjectIdentifier(output)) { found[ObjectIdentifier(output)] = seed }
            guard output.gradFn != nil else { return }
            var dependencies: [ObjectIdentifier: Int] = [:]
            var seen: Set<ObjectIdentifier> = [ObjectIdentifier(output)]
            var stack: [Tensor] = [output]
            while let t = stack.popLast() {
                guard let fn = t.gradFn else { continue }
                for input in fn.inputs where input.requiresGrad {
                    let key = ObjectIdentifier(input)
                    dependencies[key, default: 0] += 1
                    if seen.insert(key).inserted { stack.append(input) }
                }
            }
            var buffers: [ObjectIdentifier: Tensor] = [ObjectIdentifier(output): seed]
            var ready = ReadyQueue()
            ready.push(output)
            while let t = ready.pop() {
                guard let fn = t.gradFn else { continue }
                var grads: [Tensor?] = []
                if let gradOut = buffers.removeValue(forKey: ObjectIdentifier(t)) {
                    guard let backward = fn.backward else {
                        throw TensorError.runtime(
                            "Trying to backward through the graph a second time (or directly access saved tensors "
                            + "after they have already been freed). Saved intermediate values of the graph are freed "
                            + "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
                            + "backward through the graph a second time or if you need to access saved tensors after "
                            + "calling backward.")
                    }
                    grads = try backward(gradOut)
                    if !retainGraph { fn.backward = nil }
                }
                for (i, input) in fn.inputs.enumerated() where input.requiresGrad {
                    let key = ObjectIdentifier(input)
                    if i < grads.count, let grad = grads[i] {
                        buffers[key] = try buffers[key].map { try Tensor.addingGradients($0, grad) } ?? grad
                    }
                    let remaining = (dependencies[key] ?? 1) - 1
                    dependencies[key] = remaining
                    guard remaining == 0 else { continue }
                    if wanted.contains(key), let total = buffers[key] { found[key] = total }
                    if input.gradFn != nil { ready.push(input) } else { buffers.removeValue(forKey: key) }
                }
            }
        }
        return inputs.map { found[ObjectIdentifier($0)] }
    }
}
