// `torch.optim`: AdamW, Adam and SGD with PyTorch's signatures, defaults, checks and
// param-group dicts. Book chapter 5 (training loop) and appendix D (warmup, cosine decay).
import Foundation
import Python
import Tensor

enum OptimBinding {
    static let optimizerClass = NativeClass(name: "Optimizer", module: "torch.optim.optimizer")
    nonisolated(unsafe) static var classes: [OptimizerObject.Kind: NativeClass] = [:]

    static let module: NativeModule = {
        let m = NativeModule(name: "torch.optim")
        installMethods()
        m.addClass(optimizerClass)
        optimizerClass.pyClass.moduleName = "torch.optim.optimizer"
        let adamKeys = "params, lr=0.001, betas=(0.9, 0.999), eps=1e-08, weight_decay=%@, amsgrad=False, *, foreach=None, maximize=False, capturable=False, differentiable=False, fused=None%@"
        func adamSignature(_ wd: String, _ extra: String) -> String {
            adamKeys.replacingOccurrences(of: "weight_decay=%@", with: "weight_decay=\(wd)").replacingOccurrences(of: "%@", with: extra)
        }
        // AdamW lists `maximize` before `foreach` (torch/optim/adamw.py), Adam the other way round.
        let adamWSignature = adamSignature("0.01", "").replacingOccurrences(of: "*, foreach=None, maximize=False,", with: "*, maximize=False, foreach=None,")
        let adamW = optimizer(m, .adamW, adamWSignature) { args in
            try checkAdam(args)
            return try adamDefaults(args, decoupled: true)
        }
        let adam = optimizer(m, .adam, adamSignature("0", ", decoupled_weight_decay=False")) { args in
            try checkAdam(args)
            return try adamDefaults(args, decoupled: try args.bool("decoupled_weight_decay"))
        }
        let sgd = optimizer(m, .sgd, "params, lr=0.001, momentum=0, dampening=0, weight_decay=0, nesterov=False, *, maximize=False, foreach=None, differentiable=False, fused=None") { args in
            try checkLearningRate(args)
            let momentum = try args.double("momentum"), dampening = try args.double("dampening")
            if momentum < 0 { throw PyException.valueError("Invalid momentum value: \(try repr(args["momentum"]))") }
            if try args.double("weight_decay") < 0 { throw PyException.valueError("Invalid weight_decay value: \(try repr(args["weight_decay"]))") }
            if try args.bool("nesterov") && (momentum <= 0 || dampening != 0) {
                throw PyException.valueError("Nesterov momentum requires a momentum and zero dampening")
            }
            return ["lr", "momentum", "dampening", "weight_decay", "nesterov", "maximize", "foreach", "differentiable", "fused"].map { ($0, args[$0]) }
        }
        classes = [.adamW: adamW, .adam: adam, .sgd: sgd]
        m.addSubmodule(LRSchedulerBinding.module, as: "lr_scheduler")
        return m
    }()

    /// Declares an optimizer class whose constructor checks the arguments and returns its defaults.
    static func optimizer(_ m: NativeModule, _ kind: OptimizerObject.Kind, _ signature: String,
                          _ defaults: @escaping (BoundArguments) throws -> [(String, Value)]) -> NativeClass {
        let cls = NativeClass(name: kind.rawValue, module: "torch.optim", base: optimizerClass.pyClass)
        cls.setConstructor(signature: signature) { _, args in
            .object(try OptimizerObject(kind: kind, params: args["params"], defaults: try defaults(args)))
        }
        m.addClass(cls)
        cls.pyClass.moduleName = "torch.optim.\(kind.rawValue.lowercased())"
        // For `inspect.signature(torch.optim.AdamW)` (nanoGPT checks `'fused' in ....parameters`).
        cls.pyClass.dict["__text_signature__"] = .str("(\(signature))")
        return cls
    }

    static func checkLearningRate(_ args: BoundArguments) throws {
        if try args.double("lr") < 0 { throw PyException.valueError("Invalid learning rate: \(try repr(args["lr"]))") }
    }

    static func checkAdam(_ args: BoundArguments) throws {
        try checkLearningRate(args)
        if try args.double("eps") < 0 { throw PyException.valueError("Invalid epsilon value: \(try repr(args["eps"]))") }
        let betas = try iterateToArray(args["betas"])
        guard betas.count == 2 else { throw PyException.valueError("betas must be a pair of floats") }
        for (i, b) in betas.enumerated() where !(0..<1).contains(try b.asDouble("beta")) {
            throw PyException.valueError("Invalid beta parameter at index \(i): \(try repr(b))")
        }
        if try args.double("weight_decay") < 0 { throw PyException.valueError("Invalid weight_decay value: \(try repr(args["weight_decay"]))") }
    }

    static func adamDefaults(_ args: BoundArguments, decoupled: Bool) throws -> [(String, Value)] {
        ["lr", "betas", "eps", "weight_decay", "amsgrad", "maximize", "foreach", "capturable", "differentiable", "fused"].map { ($0, args[$0]) }
            + [("decoupled_weight_decay", .bool(decoupled))]
    }

    static func receiver(_ value: Value) throws -> OptimizerObject {
        guard let o = value.asObject as? OptimizerObject else {
            throw PyException.typeError("descriptor requires a 'torch.optim.Optimizer' object but received a '\(value.typeName)'")
        }
        return o
    }

    static func installMethods() {
        let c = optimizerClass
        c.addMethod("step", signature: "closure=None") { this, args in
            let o = try receiver(this)
            var loss = Value.none
            if !args.isNone("closure") { loss = try callValue(args["closure"]) }
            try o.step()
            return loss
        }
        c.addMethod("zero_grad", signature: "set_to_none=True") { this, args in
            try receiver(this).zeroGrad(setToNone: try args.bool("set_to_none"))
            return .none
        }
        c.addMethod("state_dict", signature: "") { this, _ in try receiver(this).stateDict() }
        c.addMethod("load_state_dict", signature: "state_dict") { this, args in
            try receiver(this).loadStateDict(args["state_dict"])
            return .none
        }
        c.addMethod("add_param_group", signature: "param_group") { this, args in
            guard let group = args["param_group"].asObject as? PyDict else {
                throw PyException.typeError("param_group must be a dict, but got \(args["param_group"].typeName)")
            }
            try receiver(this).addParamGroup(group)
            return .none
        }
    }

    static func register() {
        TorchBinding.module.addSubmodule(module, as: "optim")
        Interpreter.registerNativeModule("torch.optim") { _ in module.module }
        Interpreter.registerNativeModule("torch.optim.lr_scheduler") { _ in LRSchedulerBinding.module.module }
    }
}
