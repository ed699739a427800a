// The `torch` module of the lesson language: tensors, creation, math, random
// numbers, autograd switches. `torch.nn`, `torch.optim` and `torch.utils.data` are
// added by their own bindings.
import Foundation
import Python
import Tensor

public enum TorchBinding {
    /// The version `torch.__version__` and `importlib.metadata.version("torch")` report.
    public static let version = "2.15.0+llmwb"

    static let dtypeClass = NativeClass(name: "dtype", module: "torch")
    static let deviceClass = NativeClass(name: "device", module: "torch")
    static let sizeClass = NativeClass(name: "Size", module: "torch")
    static let returnTypeClass = NativeClass(name: "return_types", module: "torch")
    static let gradModeClass = NativeClass(name: "grad_mode", module: "torch.autograd")
    static let gradFnClass = NativeClass(name: "Node", module: "torch.autograd.graph")
    static let generatorClass = NativeClass(name: "Generator", module: "torch")

    /// The module, built once.
    public static let module: NativeModule = {
        let m = NativeModule(name: "torch")
        installTensorMethods()
        installFunctions(m)
        m.addClass(TorchTypes.tensor)
        m.add("Tensor", .object(TorchTypes.tensor.pyClass))
        for d in [DTypeObject.float32, .int64, .bool] + DTypeObject.unsupported { m.add(d.name, .object(d)) }
        m.add("float", .object(DTypeObject.float32))
        m.add("long", .object(DTypeObject.int64))
        if let f64 = DTypeObject.unsupported.first(where: { $0.name == "float64" }) { m.add("double", .object(f64)) }
        if let i32 = DTypeObject.unsupported.first(where: { $0.name == "int32" }) { m.add("int", .object(i32)) }
        m.add("dtype", .object(dtypeClass.pyClass))
        m.add("pi", .float(Double.pi))
        m.add("e", .float(M_E))
        m.add("inf", .float(.infinity))
        m.add("nan", .float(.nan))
        m.add("__version__", .str(version))

        deviceClass.setConstructor(signature: "type, index=None") { _, args in
            if let d = args["type"].asObject as? DeviceObject { return .object(d) }
            return .object(try DeviceObject.parse(try args.string("type"), index: try args.optionalInt("index")))
        }
        m.add("device", .object(deviceClass.pyClass))
        sizeClass.setConstructor(signature: "sizes=()") { _, args in
            .object(SizeObject(try iterateToArray(args["sizes"]).map { try $0.asInt("Size") }))
        }
        sizeClass.addMethod("numel") { this, _ in .int((this.asObject as? SizeObject)?.dims.reduce(1, *) ?? 1) }
        m.add("Size", .object(sizeClass.pyClass))
        generatorClass.setConstructor(signature: "device='cpu'") { _, _ in .object(GeneratorObject(Generator())) }
        generatorClass.addMethod("manual_seed", signature: "seed") { this, args in
            (this.asObject as? GeneratorObject)?.generator.manualSeed(try args.int("seed"))
            return this
        }
        generatorClass.addMethod("initial_seed") { this, _ in
            .int(Int(truncatingIfNeeded: (this.asObject as? GeneratorObject)?.generator.initialSeed ?? 0))
        }
        m.add("Generator", .object(generatorClass.pyClass))
        installRNGState(m)

        // CPU only: the accelerator probes answer "no"; autocast, GradScaler and compile change nothing.
        installRuntime(m)
        m.addSubmodule(autograd, as: "autograd")
        return m
    }()

    /// Registers `torch` (and its error conversions) with the interpreter.
    public static func register() {
        ErrorConversion.register(BindingErrors.convert)
        registerDistributedStubs()
        Interpreter.registerNativeModule("torch") { _ in module.module }
        for path in ["autograd", "random", "cuda", "cuda.amp", "amp", "backends", "backends.cuda", "backends.cudnn", "backends.mps"] {
            Interpreter.registerNativeModule("torch." + path) { _ in
                var current = module.module
                for part in path.split(separator: ".") {
                    guard case .object(let o)? = current.globals[String(part)], let sub = o as? PyModule else { return PyModule(name: "torch." + path) }
                    current = sub
                }
                return current
            }
        }
    }
}
