// `torch.nn` and `torch.nn.functional`: the Module base class scripts subclass,
// the built-in layers, `nn.Parameter`, losses, and the functional forms.
import NN
import Python
import Tensor

enum NNBinding {
    /// `nn.Module`; script classes subclass it.
    static let moduleClass = NativeClass(name: "Module", module: "torch.nn.modules.module")
    /// Built-in layer classes by their `typeName`, for wrapping Swift-made modules.
    nonisolated(unsafe) static var layerClasses: [String: NativeClass] = [:]

    static let module: NativeModule = {
        let nn = NativeModule(name: "torch.nn")
        installModuleMethods()
        nn.addClass(moduleClass)
        moduleClass.pyClass.instanceFactory = { cls in ModuleObject(cls: cls, module: ScriptModule(typeName: cls.name)) }

        // nn.Parameter(data, requires_grad=True): a tensor sharing data, marked as a parameter.
        let parameter = TorchTypes.parameter
        parameter.setConstructor(signature: "data=None, requires_grad=True") { _, args in
            let source = try args.optionalTensor("data") ?? Tensor(zeros: [0])
            let p = source.detach()
            p.isParameter = true
            if try args.bool("requires_grad") { try p.setRequiresGrad(true) }
            return .tensor(p)
        }
        nn.add("Parameter", .object(parameter.pyClass))

        func layer(_ name: String, _ signature: String, _ make: @escaping (BoundArguments) throws -> NNModule) {
            let cls = NativeClass(name: name, module: "torch.nn", base: moduleClass.pyClass)
            cls.setConstructor(signature: signature) { pyClass, args in .object(ModuleObject(cls: pyClass, module: try make(args))) }
            layerClasses[name] = cls
            nn.addClass(cls)
        }
        layer("Linear", "in_features, out_features, bias=True, device=None, dtype=None") { args in
            try Linear(inFeatures: args.int("in_features"), outFeatures: args.int("out_features"), bias: args.bool("bias"))
        }
        layer("Embedding", "num_embeddings, embedding_dim, padding_idx=None, max_norm=None, device=None, dtype=None") { args in
            try Embedding(numEmbeddings: args.int("num_embeddings"), embeddingDim: args.int("embedding_dim"))
        }
        layer("LayerNorm", "normalized_shape, eps=1e-05, elementwise_affine=True, bias=True, device=None, dtype=None") { args in
            try LayerNorm(normalizedShape: args.intList("normalized_shape"), eps: args.double("eps"),
                          elementwiseAffine: args.bool("elementwise_affine"), bias: args.bool("bias"))
        }
        layer("Dropout", "p=0.5, inplace=False") { args in try Dropout(p: args.double("p")) }
        layer("GELU", "approximate='none'") { args in try GELU(approximate: args.string("approximate")) }
        layer("ReLU", "inplace=False") { _ in ReLU() }
        layer("Identity", "*args, **kwargs") { _ in Identity() }
        layer("Sequential", "*modules") { args in Sequential(try moduleList(args.extraPositional, "Sequential")) }
        layer("ModuleList", "modules=None") { args in
            ModuleList(args.isNone("modules") ? [] : try moduleList(iterateToArray(args["modules"]), "ModuleList"))
        }
        layer("MSELoss", "size_average=None, reduce=None, reduction='mean'") { args in
            try LossModule(kind: .mse, reduction: reduction(args), ignoreIndex: -100)
        }
        layer("CrossEntropyLoss", "weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0") { args in
            try LossModule(kind: .crossEntropy, reduction: reduction(args), ignoreIndex: Int64(args.int("ignore_index")),
                           labelSmoothing: args.double("label_smoothing"))
        }
        layer("ModuleDict", "modules=None") { args in
            let d = ModuleDictModule()
            for (name, m) in try moduleDictEntries(args["modules"]) { d.registerModule(name, m) }
            return d
        }
        if let dictClass = layerClasses["ModuleDict"] { installModuleDictMethods(dictClass) }
        installContainerMethods()
        nn.addSubmodule(functional)
        nn.addSubmodule(utils)
        nn.addSubmodule(initModule, as: "init")
        return nn
    }()

    static func moduleList(_ values: [Value], _ container: String) throws -> [NNModule] {
        try values.map { value in
            guard let m = value.asObject as? ModuleObject else {
                throw PyException.typeError("\(container): \(value.typeName) is not a Module subclass")
            }
            return m.module
        }
    }

    static func reduction(_ args: BoundArguments) throws -> Functional.Reduction {
        let name = try args.string("reduction")
        guard let r = Functional.Reduction(rawValue: name) else { throw PyException.valueError("\(name) is not a valid value for reduction") }
        return r
    }

    /// The module a method was called on.
    static func receiver(_ value: Value) throws -> ModuleObject {
        guard let m = value.asObject as? ModuleObject else {
            throw PyException.typeError("descriptor requires a 'torch.nn.Module' object but received a '\(value.typeName)'")
        }
        return m
    }

    /// `nn.functional`.
    static let functional: NativeModule = {
        let f = NativeModule(name: "torch.nn.functional")
        f.addFunction("softmax", signature: "input, dim=None, _stacklevel=3, dtype=None") { args in .tensor(try args.tensor("input").softmax(dim: args.int("dim"))) }
        f.addFunction("log_softmax", signature: "input, dim=None, _stacklevel=3, dtype=None") { args in .tensor(try args.tensor("input").logSoftmax(dim: args.int("dim"))) }
        f.addFunction("relu", signature: "input, inplace=False") { args in .tensor(try args.tensor("input").relu()) }
        f.addFunction("gelu", signature: "input, approximate='none'") { args in .tensor(try args.tensor("input").gelu(approximate: args.string("approximate"))) }
        f.addFunction("dropout", signature: "input, p=0.5, training=True, inplace=False") { args in
            .tensor(try Tensor.dropout(args.tensor("input"), p: args.double("p"), training: args.bool("training")))
        }
        f.addFunction("linear", signature: "input, weight, bias=None") { args in
            .tensor(try Functional.linear(args.tensor("input"), weight: args.tensor("weight"), bias: args.optionalTensor("bias")))
        }
        f.addFunction("embedding", signature: "input, weight, padding_idx=None, max_norm=None") { args in
            .tensor(try Functional.embedding(args.tensor("input"), weight: args.tensor("weight")))
        }
        f.addFunction("layer_norm", signature: "input, normalized_shape, weight=None, bias=None, eps=1e-05") { args in
            .tensor(try Functional.layerNorm(args.tensor("input"), normalizedShape: args.intList("normalized_shape"),
                                             weight: args.optionalTensor("weight"), bias: args.optionalTensor("bias"), eps: args.double("eps")))
        }
        f.addFunction("cross_entropy", signature: "input, target, weight=None, size_average=None, ignore_index=-100, reduce=None, reduction='mean', label_smoothing=0.0") { args in
            .tensor(try crossEntropy(args.tensor("input"), args.tensor("target"), ignoreIndex: Int64(args.int("ignore_index")),
                                     reduction: reduction(args), labelSmoothing: args.double("label_smoothing")))
        }
        f.addFunction("binary_cross_entropy", signature: "input, target, weight=None, size_average=None, reduce=None, reduction='mean'") { args in
            .tensor(try TorchBinding.binaryCrossEntropy(args.tensor("input"), args.tensor("target"), weight: args.optionalTensor("weight"),
                                                        reduction: reduction(args)))
        }
        f.addFunction("mse_loss", signature: "input, target, size_average=None, reduce=None, reduction='mean'") { args in
            .tensor(try Functional.mseLoss(args.tensor("input"), target: args.tensor("target"), reduction: reduction(args)))
        }
        f.addFunction("scaled_dot_product_attention", signature: "query, key, value, attn_mask=None, dropout_p=0.0, is_causal=False, scale=None, enable_gqa=False") { args in
            if try args.double("dropout_p") > 0 {
                return .tensor(try attentionMath(query: args.tensor("query"), key: args.tensor("key"), value: args.tensor("value"),
                                                 mask: args.optionalTensor("attn_mask"), dropoutP: args.double("dropout_p"),
                                                 isCausal: args.bool("is_causal"), scale: args.optionalDouble("scale")))
            }
            return .tensor(try Tensor.scaledDotProductAttention(
                query: args.tensor("query"), key: args.tensor("key"), value: args.tensor("value"),
                attnMask: args.optionalTensor("attn_mask"), dropoutP: args.double("dropout_p"),
                isCausal: args.bool("is_causal"), scale: args.optionalDouble("scale"), enableGQA: args.bool("enable_gqa")))
        }
        return f
    }()

    /// `nn.utils.clip_grad_norm_(parameters, max_norm, norm_type=2.0)`: scales all
    /// gradients down together so their global 2-norm is at most `max_norm`.
    static let utils: NativeModule = {
        let u = NativeModule(name: "torch.nn.utils")
        u.addFunction("clip_grad_norm_", signature: "parameters, max_norm, norm_type=2.0, error_if_nonfinite=False, foreach=None") { args in
            let parameters: [Tensor]
            if let single = args["parameters"].tensorValue { parameters = [single] } else {
                parameters = try iterateToArray(args["parameters"]).compactMap { $0.tensorValue }
            }
            guard try args.double("norm_type") == 2 else {
                throw PyException.notImplemented("clip_grad_norm_: only norm_type=2 is supported by the workbench")
            }
            let grads = parameters.compactMap(\.grad)
            return try GradMode.withNoGrad {
                guard !grads.isEmpty else { return .tensor(try Tensor(scalar: 0)) }
                let norms = try grads.map { try $0.vectorNorm2() }
                let total = try Tensor.stack(norms).vectorNorm2()
                if try args.bool("error_if_nonfinite") && !(total.floatValues().first ?? 0).isFinite {
                    throw PyException.runtimeError("The total norm of order 2.0 for gradients from `parameters` is non-finite, so it cannot be clipped. To disable this error and scale the gradients by the non-finite norm anyway, set `error_if_nonfinite=False`")
                }
                // `max_norm / (total_norm + 1e-6)` as torch evaluates it: `reciprocal(t) * max_norm`, in float32.
                let shifted = (total.floatValues().first ?? 0) + Float(1e-6)
                let coefficient = (1 / shifted) * Float(try args.double("max_norm"))
                if !(coefficient >= 1) { for g in grads { _ = try g.mul_(.float(Double(coefficient))) } }
                return .tensor(total)
            }
        }
        return u
    }()

    static func register() {
        Interpreter.registerNativeModule("torch.nn.utils") { _ in utils.module }
        Interpreter.registerNativeModule("torch.nn") { _ in module.module }
        Interpreter.registerNativeModule("torch.nn.functional") { _ in functional.module }
        Interpreter.registerNativeModule("torch.nn.init") { _ in initModule.module }
        TorchBinding.module.addSubmodule(module, as: "nn")
    }
}

/// `nn.MSELoss()` / `nn.CrossEntropyLoss()`: a loss as a module, `loss(input, target)`.
final class LossModule: NNModule {
    enum Kind { case mse, crossEntropy }
    let kind: Kind
    let reduction: Functional.Reduction
    let ignoreIndex: Int64
    let labelSmoothing: Double

    init(kind: Kind, reduction: Functional.Reduction, ignoreIndex: Int64, labelSmoothing: Double = 0) throws {
        (self.kind, self.reduction, self.ignoreIndex, self.labelSmoothing) = (kind, reduction, ignoreIndex, labelSmoothing)
        super.init(typeName: kind == .mse ? "MSELoss" : "CrossEntropyLoss")
    }

    func loss(_ input: Tensor, _ target: Tensor) throws -> Tensor {
        switch kind {
        case .mse: return try Functional.mseLoss(input, target: target, reduction: reduction)
        case .crossEntropy:
            return try NNBinding.crossEntropy(input, target, ignoreIndex: ignoreIndex, reduction: reduction, labelSmoothing: labelSmoothing)
        }
    }
}
