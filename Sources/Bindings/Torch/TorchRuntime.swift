// The accelerator and compiler switches reference training scripts touch (nanoGPT's
// train.py, minGPT's trainer, the book's appendix A): `torch.cuda`, `torch.backends`,
// `torch.autocast`/`torch.amp`, `GradScaler`, `torch.compile`, matmul precision.
// The workbench is PyTorch's CPU-only build: CUDA answers "no" and refuses as it does.
import Python
import Tensor

extension TorchBinding {
    static let autocastClass = NativeClass(name: "autocast", module: "torch.amp.autocast_mode")
    static let gradScalerClass = NativeClass(name: "GradScaler", module: "torch.amp.grad_scaler")

    /// PyTorch's CPU-only build, asked for CUDA (torch/cuda/__init__.py `_lazy_init`).
    static func cudaNotCompiled() -> PyException {
        PyException(BuiltinTypes.exception("AssertionError"), "Torch not compiled with CUDA enabled")
    }

    static func installRuntime(_ m: NativeModule) {
        let cuda = NativeModule(name: "torch.cuda")
        cuda.addFunction("is_available") { _ in .false }
        cuda.addFunction("is_bf16_supported", signature: "including_emulation=True") { _ in .false }
        cuda.addFunction("device_count") { _ in .int(0) }
        cuda.addFunction("manual_seed", signature: "seed") { _ in .none }
        cuda.addFunction("manual_seed_all", signature: "seed") { _ in .none }
        cuda.addFunction("is_initialized") { _ in .false }
        for name in ["current_device", "synchronize", "get_device_name", "get_device_properties", "set_device"] {
            cuda.addFunction(name, signature: "*args, **kwargs") { _ in throw cudaNotCompiled() }
        }
        // Before CUDA is initialised these answer without it: nothing cached, nothing allocated.
        cuda.addFunction("empty_cache") { _ in .none }
        for name in ["memory_allocated", "max_memory_allocated", "memory_reserved", "max_memory_reserved"] {
            cuda.addFunction(name, signature: "device=None") { _ in .int(0) }
        }
        let cudaAmp = NativeModule(name: "torch.cuda.amp")
        cudaAmp.add("GradScaler", .object(gradScalerClass.pyClass))
        cudaAmp.add("autocast", .object(autocastClass.pyClass))
        cuda.addSubmodule(cudaAmp, as: "amp")
        m.addSubmodule(cuda)

        let backends = NativeModule(name: "torch.backends")
        let mps = NativeModule(name: "torch.backends.mps")
        mps.addFunction("is_available") { _ in .false }
        mps.addFunction("is_built") { _ in .false }
        backends.addSubmodule(mps)
        let backendsCuda = NativeModule(name: "torch.backends.cuda")
        backendsCuda.addFunction("is_built") { _ in .false }
        let matmul = NativeModule(name: "torch.backends.cuda.matmul")
        matmul.add("allow_tf32", .false)
        matmul.add("allow_fp16_reduced_precision_reduction", .true)
        matmul.add("allow_bf16_reduced_precision_reduction", .true)
        backendsCuda.addSubmodule(matmul, as: "matmul")
        backends.addSubmodule(backendsCuda, as: "cuda")
        let cudnn = NativeModule(name: "torch.backends.cudnn")
        cudnn.add("allow_tf32", .true)
        cudnn.add("benchmark", .false)
        cudnn.add("deterministic", .false)
        cudnn.add("enabled", .true)
        cudnn.addFunction("is_available") { _ in .false }
        backends.addSubmodule(cudnn, as: "cudnn")
        m.addSubmodule(backends)

        // Mixed precision: a no-op on this CPU build (float32 throughout).
        autocastClass.setConstructor(signature: "device_type, dtype=None, enabled=True, cache_enabled=None") { _, args in
            _ = try args.string("device_type")
            return .object(NullContextObject(className: "autocast", module: "torch.amp.autocast_mode"))
        }
        gradScalerClass.setConstructor(signature: "device='cuda', init_scale=65536.0, growth_factor=2.0, backoff_factor=0.5, growth_interval=2000, enabled=True") { _, args in
            .object(GradScalerObject(enabled: false, initScale: try args.double("init_scale")))
        }
        installGradScalerMethods()
        let amp = NativeModule(name: "torch.amp")
        amp.add("autocast", .object(autocastClass.pyClass))
        amp.add("GradScaler", .object(gradScalerClass.pyClass))
        m.addSubmodule(amp, as: "amp")
        m.add("autocast", .object(autocastClass.pyClass))

        m.addFunction("compile", signature: "model=None, *, fullgraph=False, dynamic=None, backend='inductor', mode=None, options=None, disable=False") { args in
            BindingsContext.current.writeError("torch.compile: the workbench has no compiler; the model runs as it is\n")
            if args.isNone("model") { return .object(PyBuiltinFunction(name: "compile") { a in a.positional.first ?? .none }) }
            return args["model"]
        }
        m.addFunction("set_float32_matmul_precision", signature: "precision") { args in
            let p = try args.string("precision")
            guard ["highest", "high", "medium"].contains(p) else {
                throw PyException.runtimeError("Invalid precision \(p), expected one of highest, high, medium")
            }
            BindingsContext.current.matmulPrecision = p
            return .none
        }
        m.addFunction("get_float32_matmul_precision") { _ in .str(BindingsContext.current.matmulPrecision) }
        m.addFunction("set_default_device", signature: "device") { args in
            try TensorConversion.checkDevice(args["device"])
            return .none
        }
    }

    static func installGradScalerMethods() {
        let c = gradScalerClass
        func scaler(_ v: Value) throws -> GradScalerObject {
            guard let s = v.asObject as? GradScalerObject else { throw PyException.typeError("expected a GradScaler") }
            return s
        }
        // Disabled (there is no float16 here): every method passes its argument through.
        c.addMethod("scale", signature: "outputs") { _, args in args["outputs"] }
        c.addMethod("unscale_", signature: "optimizer") { _, _ in .none }
        c.addMethod("step", signature: "optimizer, *args, **kwargs") { _, args in
            try callValue(try getAttribute(args["optimizer"], "step"), Arguments(args.extraPositional, args.extraKeywords))
        }
        c.addMethod("update", signature: "new_scale=None") { _, _ in .none }
        c.addMethod("is_enabled") { this, _ in .bool(try scaler(this).enabled) }
        c.addMethod("get_scale") { this, _ in .float(try scaler(this).enabled ? try scaler(this).initScale : 1.0) }
        c.addMethod("state_dict") { _, _ in .object(PyDict()) }
        c.addMethod("load_state_dict", signature: "state_dict") { _, _ in .none }
    }
}

/// `torch.autocast(...)` and other switches that change nothing here: `with` them runs the block.
final class NullContextObject: PyObject {
    let className: String, module: String
    init(className: String, module: String) { (self.className, self.module) = (className, module) }
    override var pyClass: PyClass { TorchBinding.autocastClass.pyClass }
    override func repr() throws -> String { "<\(module).\(className) object at \(addressString)>" }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "__enter__": return .object(PyBuiltinFunction(name: "__enter__") { _ in .none })
        case "__exit__": return .object(PyBuiltinFunction(name: "__exit__") { _ in .false })
        default: return nil
        }
    }
    /// `@torch.autocast(...)` on a function returns the function.
    override func call(_ arguments: Arguments) throws -> Value? {
        guard arguments.positional.count == 1, arguments.keywords.isEmpty else { return nil }
        return arguments.positional[0]
    }
}

/// `torch.amp.GradScaler(...)`: always disabled on the CPU (float32 needs no loss scaling).
final class GradScalerObject: PyObject {
    let enabled: Bool
    let initScale: Double
    init(enabled: Bool, initScale: Double) { (self.enabled, self.initScale) = (enabled, initScale) }
    override var pyClass: PyClass { TorchBinding.gradScalerClass.pyClass }
}
