// The backward pass: walk the graph from a result in reverse topological order,
// summing gradients per tensor, and accumulate them into leaves' `.grad`.

extension Tensor {
    /// `tensor.backward(gradient=None, retain_graph=False)`.
    ///
    /// Without `gradient` the tensor must hold one element (the loss). Gradients of
    /// leaves accumulate into `.grad`; the graph is freed unless `retainGraph`.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) throws {
        guard requiresGrad else {
            throw TensorError.runtime("element 0 of tensors does not require grad and does not have a grad_fn")
        }
        let seed: Tensor
        if let gradient {
            guard gradient.shape == shape else {
                throw TensorError.runtime(
                    "Mismatch in shape: grad_output[0] has a shape of torch.Size(\(gradient.shape)) and "
                    + "output[0] has a shape of torch.Size(\(shape)).")
            }
            seed = try gradient.copyData(as: .float32)
        } else {
            guard count == 1 else {
                throw TensorError.runtime("grad can be implicitly created only for scalar outputs")
            }
            seed = try Tensor(floats: [1], shape: shape)
        }
        try GradMode.withNoGrad { try runBackward(seed: seed, retainGraph: retainGraph) }
    }

    private func runBackward(seed: Tensor, retainGraph: Bool) throws {
        // Order the tensors that have a grad_fn so each comes after everything it feeds.
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (t, expanded) = stack.popLast() {
            if expanded { order.append(t); continue }
            guard let fn = t.gradFn, !visited.contains(ObjectIdentifier(t)) else { continue }
            visited.insert(ObjectIdentifier(t))
            stack.append((t, true))
            for input in fn.inputs where input.gradFn != nil && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        var pending: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        if gradFn == nil { try accumulateIntoGrad(seed); return }
        for t in order.reversed() {
            guard let fn = t.gradFn, let gradOut = pending.removeValue(forKey: ObjectIdentifier(t)) else { continue }
            if t.retainsGrad { try t.accumulateIntoGrad(gradOut) }
            guard let backward = fn.backward else {
                throw TensorError.runtime(
                    "Trying to backward through the graph a second time (or directly access saved tensors "
                    + "after they have already been freed). Saved intermediate values of the graph are freed "
                    + "when you call .backward() or autograd.grad(). Specify retain_graph=True if you need to "
                    + "backward through the graph a second time or if you need to access saved tensors after "
                    + "calling backward.")
            }
            let grads = try backward(gradOut)
            if !retainGraph { fn.backward = nil }
            for (input, grad) in zip(fn.inputs, grads) {
                guard let grad, input.requiresGrad else { continue }
                if input.gradFn == nil {
                    try input.accumulateIntoGrad(grad)
                } else {
                    let key = ObjectIdentifier(input)
                    if let existing = pending[key] {
                        pending[key] = try Tensor.addingGradients(existing, grad)
                    } else {
                        pending[key] = grad
                    }
                }
            }
        }
    }

    /// Adds `incoming` into `.grad` (creating it on first use), as AccumulateGrad does.
    func accumulateIntoGrad(_ incoming: Tensor) throws {
        if let grad {
            let sum = try Tensor.addingGradients(grad, incoming)
            // Accumulate in place so references to `.grad` see it, as PyTorch does.
            if grad.isContiguous && grad.shape == sum.shape {
                grad.floatPointer.update(from: sum.floatPointer, count: sum.count)
            } else {
                self.grad = sum
            }
        } else {
            self.grad = try incoming.copyData(as: .float32)
        }
    }

    /// Elementwise sum of two gradients of one shape, as a new contiguous tensor.
    static func addingGradients(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        guard a.shape == b.shape else {
            throw TensorError.runtime("Function backward returned an invalid gradient: shape \(b.shape), expected \(a.shape)")
        }
        let out = try a.copyData(as: .float32)
        let bc = try b.contiguousData()
        let o = out.floatPointer, q = bc.floatPointer
        for i in 0..<out.count { o[i] += q[i] }
        return out
    }
}
