// A node of the autograd graph: which op made a tensor, and how to send a
// gradient back through it. Forward and backward of each op sit side by side
// in Ops/, micrograd-style; this file only holds the node type.

import CKernels
import Foundation

/// The record of the op that produced a tensor (`tensor.grad_fn`).
public final class GradFn {
    /// PyTorch's node name, e.g. `MmBackward0`, printed as `grad_fn=<MmBackward0>`.
    public let name: String
    /// The op's inputs, in order; `backward` returns one gradient per input.
    public internal(set) var inputs: [Tensor]
    /// Maps the gradient of the output to the gradients of `inputs` (nil where an
    /// input takes none). Each returned gradient has that input's shape.
    var backward: ((Tensor) throws -> [Tensor?])?
    /// Creation order (PyTorch's `sequence_nr`): backward runs ready nodes latest-first.
    let sequenceNumber: Int

    public init(name: String, inputs: [Tensor], backward: @escaping (Tensor) throws -> [Tensor?]) {
        self.sequenceNumber = ck_next_sequence_nr()
        self.name = name
        self.inputs = inputs
        self.backward = backward
    }

    /// The nodes this one feeds gradients to (`next_functions`, minus leaves' AccumulateGrad).
    public var nextFunctions: [GradFn] { inputs.compactMap { $0.gradFn } }
}

/// Whether ops record autograd graphs (`torch.no_grad()` turns it off).
///
/// Per thread, as PyTorch's grad mode is: a backward pass (which records nothing)
/// on one thread must not switch recording off for ops running on another, e.g.
/// tests running in parallel. Kernels' worker threads never read it.
public enum GradMode {
    /// A pthread key whose value is non-nil on threads where recording is off.
    private static let disabledKey: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Inside an interpreter's `ExecutionContext` the mode belongs to that context, so
    /// `torch.set_grad_enabled(False)` lasts across cells; elsewhere it is per thread.
    public static var isEnabled: Bool {
        get {
            if let context = ExecutionContext.current { return context.gradEnabled }
            return pthread_getspecific(disabledKey) == nil
        }
        set {
            if let context = ExecutionContext.current { context.gradEnabled = newValue; return }
            pthread_setspecific(disabledKey, newValue ? nil : UnsafeRawPointer(bitPattern: 1))
        }
    }

    /// Runs `body` with recording off, restoring the previous mode after.
    public static func withNoGrad<T>(_ body: () throws -> T) rethrows -> T {
        let previous = isEnabled
        isEnabled = false
        defer { isEnabled = previous }
        return try body()
    }
}

extension Tensor {
    /// Attaches a `GradFn` to `output` if grad mode is on and any input requires grad.
    /// Ops call this right after computing their result. Integer and bool results never
    /// require grad, as in PyTorch.
    @discardableResult
    public func recordingGrad(_ name: String, inputs: [Tensor],
                              _ backward: @escaping (Tensor) throws -> [Tensor?]) -> Tensor {
        if GradMode.isEnabled, dtype == .float32, inputs.contains(where: { $0.requiresGrad }) {
            requiresGrad = true
            gradFn = GradFn(name: name, inputs: inputs, backward: backward)
        }
        return self
    }

    /// `requires_grad_()`: only leaves may change it, as in PyTorch.
    public func setRequiresGrad(_ value: Bool) throws {
        if !isLeaf {
            throw TensorError.runtime(
                "you can only change requires_grad flags of leaf variables. If you want to use a "
                + "computed variable in a subgraph that doesn't require differentiation use "
                + "var_no_grad = var.detach().")
        }
        if value && dtype != .float32 {
            throw TensorError.runtime("only Tensors of floating point dtype can require gradients")
        }
        requiresGrad = value
    }

    /// `retain_grad()`: keep `.grad` on a non-leaf after backward.
    public func retainGrad() throws {
        if !requiresGrad {
            throw TensorError.runtime("can't retain_grad on Tensor that has requires_grad=False")
        }
        if !isLeaf { retainsGrad = true }
    }

    /// `detach()`: the same storage, out of the graph.
    public func detach() -> Tensor {
        makeView(shape: shape, strides: strides, offset: offset)
    }
}
