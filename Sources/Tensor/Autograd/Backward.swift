// The backward pass: run the graph from a result in PyTorch's engine order,
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

    /// PyTorch's engine order: a node runs once every node it feeds has sent its gradient,
    /// and among ready nodes the most recently created runs first (highest sequence number).
    /// Gradients reaching one tensor are summed in arrival order, so float sums round as in
    /// PyTorch (chapter 4's gradient means match to the last digit).
    private func runBackward(seed: Tensor, retainGraph: Bool) throws {
        if gradFn == nil { try accumulateIntoGrad(seed); return }
        // How many edges will bring each reachable tensor a gradient.
        var dependencies: [ObjectIdentifier: Int] = [:]
        var seen: Set<ObjectIdentifier> = [ObjectIdentifier(self)]
        var stack: [Tensor] = [self]
        while let t = stack.popLast() {
            guard let fn = t.gradFn else { continue }
            for input in fn.inputs where input.requiresGrad {
                let key = ObjectIdentifier(input)
                dependencies[key, default: 0] += 1
                if seen.insert(key).inserted { stack.append(input) }
            }
        }
        var buffers: [ObjectIdentifier: Tensor] = [ObjectIdentifier(self): seed]
        var ready = ReadyQueue()
        ready.push(self)
        while let t = ready.pop() {
            guard let fn = t.gradFn else { continue }
            var grads: [Tensor?] = []
            if let gradOut = buffers.removeValue(forKey: ObjectIdentifier(t)) {
                if t.retainsGrad { try t.accumulateIntoGrad(gradOut) }
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
                    if let existing = buffers[key] {
                        buffers[key] = try Tensor.addingGradients(existing, grad)
                    } else {
                        buffers[key] = grad
                    }
                }
                let remaining = (dependencies[key] ?? 1) - 1
                dependencies[key] = remaining
                guard remaining == 0 else { continue }
                if input.gradFn != nil {
                    ready.push(input)
                } else if let total = buffers.removeValue(forKey: key) {
                    try input.accumulateIntoGrad(total)  // AccumulateGrad: .grad += the summed buffer
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

/// The engine's ready nodes, popped highest sequence number first (a binary max-heap).
struct ReadyQueue {  // internal: Autograd+Grad.swift runs the same order
    private var heap: [(Int, Tensor)] = []

    mutating func push(_ tensor: Tensor) {
        heap.append((tensor.gradFn?.sequenceNumber ?? Int.max, tensor))
        var i = heap.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard heap[parent].0 < heap[i].0 else { break }
            heap.swapAt(parent, i)
            i = parent
        }
    }

    mutating func pop() -> Tensor? {
        guard !heap.isEmpty else { return nil }
        heap.swapAt(0, heap.count - 1)
        let top = heap.removeLast().1
        var i = 0
        while true {
            let left = 2 * i + 1, right = left + 1
            var largest = i
            if left < heap.count && heap[left].0 > heap[largest].0 { largest = left }
            if right < heap.count && heap[right].0 > heap[largest].0 { largest = right }
            if largest == i { break }
            heap.swapAt(i, largest)
            i = largest
        }
        return top
    }
}
