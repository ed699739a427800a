// The methods and attributes of `torch.Tensor` that only exist on tensors:
// shapes and views, conversions, autograd, in-place updates.
import NN
import Python
import Tensor

extension TorchBinding {
    static func installTensorMethods() {
        let c = TorchTypes.tensor
        func method(_ name: String, _ signature: String = "", _ body: @escaping (Tensor, BoundArguments) throws -> Value) {
            c.addMethod(name, signature: signature) { this, args in try body(try receiver(this), args) }
        }
        for op in TensorOperation.shared { method(op.name, op.signature, op.body) }
        installTensorExtras(c)

        // Shape and geometry.
        c.addProperty("shape", get: { .object(SizeObject(try receiver($0).shape)) })
        method("size", "dim=None") { t, args in
            guard let d = try args.optionalInt("dim") else { return .object(SizeObject(t.shape)) }
            let index = d < 0 ? d + t.rank : d
            guard index >= 0 && index < t.rank else {
                throw PyException.indexError("Dimension out of range (expected to be in range of [\(-max(t.rank, 1)), \(max(t.rank, 1) - 1)], but got \(d))")
            }
            return .int(t.shape[index])
        }
        c.addProperty("ndim", get: { .int(try receiver($0).rank) })
        method("dim") { t, _ in .int(t.rank) }
        method("nelement") { t, _ in .int(t.count) }
        method("stride", "dim=None") { t, args in
            if let d = try args.optionalInt("dim") { return .int(t.strides[d < 0 ? d + t.rank : d]) }
            return .tuple(t.strides.map { .int($0) })
        }
        method("storage_offset") { t, _ in .int(t.offset) }
        method("element_size") { t, _ in .int(t.dtype.itemSize) }
        method("is_contiguous") { t, _ in .bool(t.isContiguous) }
        method("contiguous") { t, _ in .tensor(try t.contiguous()) }
        method("view", "*shape") { t, args in
            if args.extraPositional.count == 1, let d = args.extraPositional[0].asObject as? DTypeObject {
                guard try d.engineType() == t.dtype else { throw PyException.runtimeError("view(dtype) between different dtypes is not supported") }
                return .tensor(t)
            }
            return .tensor(try t.view(args.intList("shape")))
        }
        method("view_as", "other") { t, args in .tensor(try t.view(args.tensor("other").shape)) }
        method("reshape_as", "other") { t, args in .tensor(try t.reshape(args.tensor("other").shape)) }
        method("expand", "*sizes") { t, args in .tensor(try t.expand(args.intList("sizes"))) }
        method("expand_as", "other") { t, args in .tensor(try t.expandAs(args.tensor("other"))) }
        c.addProperty("T", get: { .tensor(try receiver($0).T) })
        c.addProperty("mT", get: { .tensor(try receiver($0).mT) })

        // Values out.
        method("item") { t, _ in try TensorSlots.pythonScalar(t) }
        method("tolist") { t, _ in try TensorConversion.list(t) }
        c.addProperty("dtype", get: { .object(DTypeObject.object(for: try receiver($0).dtype)) })
        c.addProperty("device", get: { _ in .object(DeviceObject("cpu")) })
        c.addProperty("is_cuda", get: { _ in .false })
        method("float") { t, _ in .tensor(try t.float()) }
        method("long") { t, _ in .tensor(try t.long()) }
        method("bool") { t, _ in .tensor(try t.bool()) }
        method("int") { t, _ in .tensor(try t.long()) }
        method("double") { t, _ in .tensor(try t.double()) }
        method("type", "dtype=None") { t, args in
            if let d = try TensorConversion.dtype(args["dtype"]) { return .tensor(try t.to(d)) }
            switch t.dtype {
            case .float32: return .str("torch.FloatTensor")
            case .int64: return .str("torch.LongTensor")
            case .float64: return .str("torch.DoubleTensor")
            case .bool: return .str("torch.BoolTensor")
            }
        }
        method("to", "*args, dtype=None, device=None, non_blocking=False, copy=False") { t, args in
            var result = t
            for a in args.extraPositional {
                if let d = a.asObject as? DTypeObject { result = try result.to(d.engineType()) }
                else if let o = a.tensorValue { result = try result.to(o.dtype) }
                else { try TensorConversion.checkDevice(a) }
            }
            try TensorConversion.checkDevice(args["device"])
            if let d = try TensorConversion.dtype(args["dtype"]) { result = try result.to(d) }
            return .tensor(result)
        }
        method("cpu") { t, _ in .tensor(t) }
        method("numpy", "*, force=False") { t, _ in try NumpyBridge.array(sharing: t) }

        // Autograd.
        c.addProperty("requires_grad", get: { .bool(try receiver($0).requiresGrad) },
                      set: { this, value in try receiver(this).setRequiresGrad(try isTruthy(value)) })
        c.addProperty("grad", get: { this in try receiver(this).grad.map { .tensor($0) } ?? .none },
                      set: { this, value in try receiver(this).grad = value.isNone ? nil : value.tensorValue })
        c.addProperty("grad_fn", get: { this in try receiver(this).gradFn.map { .object(GradFnObject($0)) } ?? .none })
        c.addProperty("is_leaf", get: { .bool(try receiver($0).isLeaf) })
        c.addProperty("data", get: { .tensor(try receiver($0).detach()) },
                      set: { this, value in
                          let t = try receiver(this)
                          guard let v = value.tensorValue else { throw PyException.typeError("data must be a Tensor") }
                          t.replaceData(with: v)
                      })
        method("requires_grad_", "requires_grad=True") { t, args in
            try t.setRequiresGrad(args.bool("requires_grad"))
            return .tensor(t)
        }
        method("retain_grad") { t, _ in try t.retainGrad(); return .none }
        method("backward", "gradient=None, retain_graph=None, create_graph=False") { t, args in
            try t.backward(gradient: args.optionalTensor("gradient"), retainGraph: !args.isNone("retain_graph") && args.bool("retain_graph"))
            return .none
        }

        // In place.
        method("zero_") { t, _ in .tensor(try t.zero_()) }
        method("fill_", "value") { t, args in
            guard let s = TensorSlots.scalar(args["value"]) ?? (args["value"].tensorValue.flatMap { try? TensorSlots.scalar($0, "fill_") }) else {
                throw PyException.typeError("fill_(): argument 'value' must be Number")
            }
            return .tensor(try t.fill_(s))
        }
        method("copy_", "src, non_blocking=False") { t, args in .tensor(try t.copy_(args.tensor("src"))) }
        method("masked_fill_", "mask, value") { t, args in
            guard let s = TensorSlots.scalar(args["value"]) ?? (args["value"].tensorValue.flatMap { try? TensorSlots.scalar($0, "masked_fill_") }) else {
                throw PyException.typeError("masked_fill_(): argument 'value' must be Number")
            }
            return .tensor(try t.maskedFill_(args.tensor("mask"), s))
        }
        method("clamp_", "min=None, max=None") { t, args in
            .tensor(try t.clamp_(min: TensorSlots.scalar(args["min"]), max: TensorSlots.scalar(args["max"])))
        }
        for (name, op) in [("add_", BinaryOperator.add), ("sub_", .subtract), ("mul_", .multiply), ("div_", .divide)] {
            method(name, "other, *, alpha=1") { t, args in
                var other = args["other"]
                if let alpha = TensorSlots.scalar(args["alpha"]), alpha != .int(1) {
                    if let o = other.tensorValue { other = .tensor(try o.mul(alpha)) }
                    else if let s = TensorSlots.scalar(other) { other = .float(s.doubleValue * alpha.doubleValue) }
                }
                guard let r = try TensorSlots.inPlace(t, op, other) else {
                    throw PyException.typeError("\(name)(): argument 'other' must be Tensor or Number, not \(other.typeName)")
                }
                return r
            }
        }

        // Random fills, from the default generator or `generator=`.
        method("uniform_", "a=0, b=1, *, generator=None") { t, args in
            .tensor(try t.uniform_(from: args.double("a"), to: args.double("b"), generator: args.generator()))
        }
        method("normal_", "mean=0, std=1, *, generator=None") { t, args in
            .tensor(try t.normal_(mean: args.double("mean"), std: args.double("std"), generator: args.generator()))
        }
        method("bernoulli_", "p=0.5, *, generator=None") { t, args in .tensor(try t.bernoulli_(args.double("p"), generator: args.generator())) }
        method("exponential_", "lambd=1, *, generator=None") { t, args in .tensor(try t.exponential_(args.double("lambd"), generator: args.generator())) }
        method("random_", "from_=None, to=None, *, generator=None") { t, args in
            switch (try args.optionalInt("from_"), try args.optionalInt("to")) {
            case (nil, nil): return .tensor(try t.random_(generator: args.generator()))
            case (let to?, nil): return .tensor(try t.random_(to: Int64(to), generator: args.generator()))
            case (let from, let to): return .tensor(try t.random_(from: Int64(from ?? 0), to: to.map(Int64.init), generator: args.generator()))
            }
        }
    }

    /// The tensor a method was called on.
    static func receiver(_ value: Value) throws -> Tensor {
        guard let t = value.tensorValue else { throw PyException.typeError("descriptor requires a 'torch.Tensor' object but received a '\(value.typeName)'") }
        return t
    }
}

/// `tensor.grad_fn`: prints as `<MmBackward0 object at 0x...>`, with `name()` and `next_functions`.
final class GradFnObject: PyObject {
    let node: GradFn
    init(_ node: GradFn) { self.node = node }
    override var pyClass: PyClass { TorchBinding.gradFnClass.pyClass }
    override func repr() throws -> String { "<\(node.name) object at \(addressString)>" }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "name": return .object(PyBuiltinFunction(name: "name") { [node] _ in .str(node.name) })
        case "next_functions":
            return .tuple(node.inputs.map { input in
                .tuple([input.gradFn.map { .object(GradFnObject($0)) } ?? .none, .int(0)])
            })
        default: return nil
        }
    }
}
