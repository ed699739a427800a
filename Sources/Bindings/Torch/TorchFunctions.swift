// `torch.*` functions that make tensors or act on several: creation, random
// numbers, joining, `where`, seeds, grad modes and print options.
import Foundation
import Python
import Tensor

extension TorchBinding {
    static func installFunctions(_ m: NativeModule) {
        for op in TensorOperation.shared {
            m.addFunction(op.name, signature: "input" + (op.signature.isEmpty ? "" : ", " + op.signature)) { args in
                try op.body(try args.tensor("input"), args)
            }
        }
        m.addFunction("concat", signature: "tensors, dim=0") { args in try join(args, stack: false) }
        m.addFunction("cat", signature: "tensors, dim=0") { args in try join(args, stack: false) }
        m.addFunction("stack", signature: "tensors, dim=0") { args in try join(args, stack: true) }

        // Creation.
        m.addFunction("tensor", signature: "data, *, dtype=None, device=None, requires_grad=False") { args in
            try TensorConversion.checkDevice(args["device"])
            let t = try TensorConversion.tensor(from: args["data"], dtype: TensorConversion.dtype(args["dtype"]))
            if try args.bool("requires_grad") { try t.setRequiresGrad(true) }
            return .tensor(t)
        }
        m.addFunction("as_tensor", signature: "data, dtype=None, device=None") { args in
            if let t = args["data"].tensorValue, args.isNone("dtype") { return .tensor(t) }
            return .tensor(try TensorConversion.tensor(from: args["data"], dtype: TensorConversion.dtype(args["dtype"])))
        }
        func creation(_ name: String, _ make: @escaping ([Int], DType, BoundArguments) throws -> Tensor) {
            m.addFunction(name, signature: "*size, dtype=None, device=None, requires_grad=False, generator=None, out=None") { args in
                try TensorConversion.checkDevice(args["device"])
                let t = try make(args.intList("size"), TensorConversion.dtype(args["dtype"]) ?? .float32, args)
                if try args.bool("requires_grad") { try t.setRequiresGrad(true) }
                return .tensor(t)
            }
        }
        creation("zeros") { shape, dtype, _ in try Tensor.zeros(shape, dtype: dtype) }
        creation("ones") { shape, dtype, _ in try Tensor.ones(shape, dtype: dtype) }
        creation("empty") { shape, dtype, _ in try Tensor.empty(shape, dtype: dtype) }
        creation("rand") { shape, _, args in try Tensor.rand(shape, generator: args.generator()) }
        creation("randn") { shape, _, args in try Tensor.randn(shape, generator: args.generator()) }
        m.addFunction("full", signature: "size, fill_value, *, dtype=None, device=None, requires_grad=False") { args in
            guard let value = TensorSlots.scalar(args["fill_value"]) else { throw PyException.typeError("full(): fill_value must be a Number") }
            let t = try Tensor.full(args.intList("size"), value, dtype: TensorConversion.dtype(args["dtype"]))
            if try args.bool("requires_grad") { try t.setRequiresGrad(true) }
            return .tensor(t)
        }
        func like(_ name: String, _ make: @escaping (Tensor, DType?, BoundArguments) throws -> Tensor) {
            m.addFunction(name, signature: "input, *, dtype=None, device=None, requires_grad=False") { args in
                let t = try make(args.tensor("input"), TensorConversion.dtype(args["dtype"]), args)
                if try args.bool("requires_grad") { try t.setRequiresGrad(true) }
                return .tensor(t)
            }
        }
        like("zeros_like") { t, d, _ in try Tensor.zerosLike(t, dtype: d) }
        like("ones_like") { t, d, _ in try Tensor.onesLike(t, dtype: d) }
        like("empty_like") { t, d, _ in try Tensor.zerosLike(t, dtype: d) }
        like("rand_like") { t, _, _ in try Tensor.rand(t.shape) }
        like("randn_like") { t, _, _ in try Tensor.randn(t.shape) }
        m.addFunction("full_like", signature: "input, fill_value, *, dtype=None, device=None") { args in
            guard let value = TensorSlots.scalar(args["fill_value"]) else { throw PyException.typeError("full_like(): fill_value must be a Number") }
            return .tensor(try Tensor.fullLike(args.tensor("input"), value, dtype: TensorConversion.dtype(args["dtype"])))
        }
        m.addFunction("arange", signature: "start, end=None, step=1, *, dtype=None, device=None, requires_grad=False") { args in
            func number(_ name: String) throws -> Scalar {
                guard let s = TensorSlots.scalar(args[name]) ?? (args[name].tensorValue.flatMap { try? TensorSlots.scalar($0, "arange") }) else {
                    throw PyException.typeError("arange(): argument '\(name)' must be Number, not \(args[name].typeName)")
                }
                return s
            }
            var t = args.isNone("end") ? try Tensor.arange(number("start")) : try Tensor.arange(number("start"), number("end"), step: number("step"))
            if let d = try TensorConversion.dtype(args["dtype"]) { t = try t.to(d) }
            return .tensor(t)
        }
        m.addFunction("linspace", signature: "start, end, steps, *, dtype=None, device=None") { args in
            guard let a = TensorSlots.scalar(args["start"]), let b = TensorSlots.scalar(args["end"]) else {
                throw PyException.typeError("linspace(): start and end must be Numbers")
            }
            return .tensor(try Tensor.linspace(a, b, steps: args.int("steps")))
        }
        m.addFunction("eye", signature: "n, m=None, *, dtype=None, device=None") { args in
            var t = try Tensor.eye(args.int("n"), args.optionalInt("m"))
            if let d = try TensorConversion.dtype(args["dtype"]) { t = try t.to(d) }
            return .tensor(t)
        }
        m.addFunction("randint", signature: "*args, low=None, high=None, size=None, generator=None, dtype=None, device=None, requires_grad=False") { args in
            // randint(high, size), randint(low, high, size), any of them by keyword.
            try TensorConversion.checkDevice(args["device"])
            var rest = args.extraPositional
            var sizeValue = args["size"]
            if sizeValue.isNone, let last = rest.last, (try? indexValue(last)) ?? nil == nil { sizeValue = last; rest.removeLast() }
            var low: Value = args["low"], high: Value = args["high"]
            switch rest.count {
            case 2: (low, high) = (rest[0], rest[1])
            case 1: if high.isNone { high = rest[0] } else { low = rest[0] }
            case 0: break
            default: throw PyException.typeError("randint() received an invalid combination of arguments")
            }
            guard !high.isNone, !sizeValue.isNone else { throw randintSignatureError(args) }
            let shape = try iterateToArray(sizeValue).map { try $0.asInt("size") }
            return .tensor(try Tensor.randint(low: Int64(low.isNone ? 0 : try low.asInt("low")), high: Int64(try high.asInt("high")), shape: shape,
                                              dtype: TensorConversion.dtype(args["dtype"]) ?? .int64, generator: args.generator()))
        }
        m.addFunction("randperm", signature: "n, *, generator=None, dtype=None, device=None") { args in
            .tensor(try Tensor.randperm(args.int("n"), dtype: TensorConversion.dtype(args["dtype"]) ?? .int64, generator: args.generator()))
        }
        m.addFunction("where", signature: "condition, input=None, other=None") { args in
            let condition = try args.tensor("condition")
            if args.isNone("input") && args.isNone("other") { return try TensorOperation.nonzero(condition, asTuple: true) }
            let (a, b) = (args["input"], args["other"])
            switch (a.tensorValue, b.tensorValue, TensorSlots.scalar(a), TensorSlots.scalar(b)) {
            case let (x?, y?, _, _): return .tensor(try Tensor.where(condition, x, y))
            case let (x?, nil, _, s?): return .tensor(try Tensor.where(condition, x, s))
            case let (nil, y?, s?, _): return .tensor(try Tensor.where(condition, s, y))
            case let (nil, nil, s?, r?): return .tensor(try Tensor.where(condition, s, r))
            default: throw PyException.typeError("where(): input and other must be Tensors or Numbers")
            }
        }

        // Seeds and generators.
        m.addFunction("manual_seed", signature: "seed") { args in
            let seed = try args.int("seed")
            Generator.default.manualSeed(seed)
            return .object(defaultGenerator)
        }
        m.addFunction("initial_seed") { _ in .int(Int(truncatingIfNeeded: Generator.default.initialSeed)) }
        m.addFunction("seed") { _ in
            let seed = UInt64.random(in: 0...UInt64(Int64.max))
            Generator.default.manualSeed(seed)
            return .int(Int(seed))
        }

        // Autograd modes.
        // Each is a context manager, `@torch.no_grad()` and bare `@torch.no_grad` decorate a function.
        for (name, enabled) in [("no_grad", false), ("inference_mode", false), ("enable_grad", true)] {
            m.addFunction(name) { args in
                let mode = GradModeObject(enabled: enabled, className: name)
                if args.positional.count == 1, args.keywords.isEmpty {
                    if case .bool(let on) = args.positional[0] { return .object(GradModeObject(enabled: !on, className: name)) }
                    return mode.wrapping(args.positional[0])
                }
                return .object(mode)
            }
        }
        m.addFunction("set_grad_enabled", signature: "mode") { args in
            let mode = try args.bool("mode")
            GradMode.isEnabled = mode
            return .object(GradModeObject(enabled: mode, className: "set_grad_enabled"))
        }
        m.addFunction("is_grad_enabled") { _ in .bool(GradMode.isEnabled) }
        m.addFunction("is_tensor", signature: "obj") { args in .bool(args["obj"].tensorValue != nil) }

        // Printing.
        m.addFunction("set_printoptions", signature: "precision=None, threshold=None, edgeitems=None, linewidth=None, profile=None, sci_mode=None") { args in
            PrintOptions.current.set(precision: try args.optionalInt("precision"), threshold: try args.optionalDouble("threshold"),
                                     edgeitems: try args.optionalInt("edgeitems"), linewidth: try args.optionalInt("linewidth"),
                                     profile: try args.optionalString("profile"),
                                     sciMode: args.isNone("sci_mode") ? nil : try args.bool("sci_mode"))
            return .none
        }
    }

    /// PyTorch's overload-mismatch TypeError for `randint`, listing what it got.
    static func randintSignatureError(_ args: BoundArguments) -> PyException {
        func kind(_ v: Value) -> String {
            if v.tensorValue != nil { return "Tensor" }
            if case .object(let o) = v, o is PyTuple { return "tuple of ints" }
            return v.typeName
        }
        var got = args.extraPositional.map(kind)
        for name in ["low", "high", "size"] where !args.isNone(name) { got.append("\(name)=\(kind(args[name]))") }
        let tail = "*, torch.Generator generator, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)"
        let plain = "*, Tensor out = None, torch.dtype dtype = None, torch.layout layout = None, torch.device device = None, bool pin_memory = False, bool requires_grad = False)"
        return PyException.typeError("randint() received an invalid combination of arguments - got (\(got.joined(separator: ", "))), but expected one of:\n"
            + " * (int high, tuple of ints size, \(tail)\n * (int high, tuple of ints size, \(plain)\n"
            + " * (int low, int high, tuple of ints size, \(tail)\n * (int low, int high, tuple of ints size, \(plain)\n")
    }

    private static func join(_ args: BoundArguments, stack: Bool) throws -> Value {
        let tensors = try iterateToArray(args["tensors"]).map { value -> Tensor in
            guard let t = value.tensorValue else {
                throw PyException.typeError("expected Tensor as element in argument 0, but got \(value.typeName)")
            }
            return t
        }
        let dim = try args.int("dim")
        return .tensor(stack ? try Tensor.stack(tensors, dim: dim) : try Tensor.cat(tensors, dim: dim))
    }
}
