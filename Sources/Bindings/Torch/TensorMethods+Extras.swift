// More `torch.Tensor` methods reference GPT code calls: `new_zeros`/`new_ones`/`new_full`/
// `new_tensor`, `pin_memory`/`is_pinned`, and `cuda()` refusing as PyTorch's CPU-only build does.
import Python
import Tensor

extension TorchBinding {
    static func installTensorExtras(_ c: NativeClass) {
        func method(_ name: String, _ signature: String = "", _ body: @escaping (Tensor, BoundArguments) throws -> Value) {
            c.addMethod(name, signature: signature) { this, args in try body(try receiver(this), args) }
        }
        func made(_ t: Tensor, _ args: BoundArguments) throws -> Value {
            try TensorConversion.checkDevice(args["device"])
            if try args.bool("requires_grad") { try t.setRequiresGrad(true) }
            return .tensor(t)
        }
        method("new_zeros", "*size, dtype=None, device=None, requires_grad=False") { t, args in
            try made(try Tensor.zeros(args.intList("size"), dtype: TensorConversion.dtype(args["dtype"]) ?? t.dtype), args)
        }
        method("new_ones", "*size, dtype=None, device=None, requires_grad=False") { t, args in
            try made(try Tensor.ones(args.intList("size"), dtype: TensorConversion.dtype(args["dtype"]) ?? t.dtype), args)
        }
        method("new_empty", "*size, dtype=None, device=None, requires_grad=False") { t, args in
            try made(try Tensor.zeros(args.intList("size"), dtype: TensorConversion.dtype(args["dtype"]) ?? t.dtype), args)
        }
        method("new_full", "size, fill_value, *, dtype=None, device=None, requires_grad=False") { t, args in
            guard let value = TensorSlots.scalar(args["fill_value"]) else { throw PyException.typeError("new_full(): argument 'fill_value' must be Number") }
            return try made(try Tensor.full(args.intList("size"), value, dtype: TensorConversion.dtype(args["dtype"]) ?? t.dtype), args)
        }
        method("new_tensor", "data, *, dtype=None, device=None, requires_grad=False") { t, args in
            try made(try TensorConversion.tensor(from: args["data"], dtype: TensorConversion.dtype(args["dtype"]) ?? t.dtype), args)
        }
        method("is_pinned", "device='cuda'") { _, _ in .false }
        method("pin_memory", "device='cuda'") { _, _ in
            throw PyException.runtimeError("Cannot access accelerator device when none is available.")
        }
        method("cuda", "device=None, non_blocking=False, memory_format=None") { _, _ in throw cudaNotCompiled() }
        method("get_device") { _, _ in .int(-1) }
        method("fill_diagonal_", "fill_value, wrap=False") { t, args in
            guard let value = TensorSlots.scalar(args["fill_value"]) else { throw PyException.typeError("fill_diagonal_(): argument 'fill_value' must be Number") }
            guard t.rank >= 2 else { throw PyException.runtimeError("dimensions must larger than 1") }
            if t.rank > 2, Set(t.shape).count != 1 { throw PyException.runtimeError("all dimensions of input must be of equal length") }
            // Flat positions of the diagonal in row-major order: every (sum of strides) elements.
            let strides = (0..<t.rank).map { d in t.shape[(d + 1)...].reduce(1, *) }
            let step = strides.reduce(0, +)
            let wrap = try args.bool("wrap")
            let end = t.rank == 2 && wrap ? t.count : (t.shape.min() ?? 0) * strides[0]
            for position in stride(from: 0, to: end, by: max(step, 1)) {
                let indices = (0..<t.rank).map { d in TensorIndex.int(position / strides[d] % t.shape[d]) }
                try t.indexPut(indices, try Tensor.full([], value, dtype: t.dtype))
            }
            return .tensor(t)
        }
    }
}
