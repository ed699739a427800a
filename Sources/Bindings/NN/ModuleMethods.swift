// The methods every `nn.Module` has: calling, traversal, state dicts, modes.
import NN
import Python
import Tensor

extension NNBinding {
    static func installModuleMethods() {
        let c = moduleClass
        c.addMethod("__init__", signature: "*args, **kwargs") { _, _ in .none }
        c.addRawMethod("__call__") { args in
            guard let this = args.positional.first, let object = this.asObject as? ModuleObject else {
                throw PyException.typeError("Module.__call__ needs a module")
            }
            let rest = Arguments(Array(args.positional.dropFirst()), args.keywords)
            if let loss = object.module as? LossModule {
                guard rest.positional.count == 2, let a = rest.positional[0].tensorValue, let b = rest.positional[1].tensorValue else {
                    throw PyException.typeError("\(loss.typeName).forward() takes input and target tensors")
                }
                return .tensor(try loss.loss(a, b))
            }
            let output = try callValue(try getAttribute(this, "forward"), rest)
            TraceRecorder.current?.record(object.module, output)
            return output
        }
        c.addMethod("forward", signature: "*args, **kwargs") { this, args in
            let object = try receiver(this)
            guard object.module is ScriptModule == false, args.extraPositional.count == 1, let x = args.extraPositional[0].tensorValue else {
                throw PyException.notImplemented("Module [\(object.cls.name)] is missing the required \"forward\" function")
            }
            return .tensor(try object.module.forward(x))
        }
        c.addMethod("state_dict", signature: "*args, destination=None, prefix='', keep_vars=False") { this, args in
            let d = (args["destination"].asObject as? PyDict) ?? PyDict()
            let prefix = try args.string("prefix")
            let keep = try args.bool("keep_vars")
            // keep_vars=True: the parameters and buffers themselves, in the same order.
            let originals = keep ? Dictionary(ModuleTraversal.namedMembers(try receiver(this).module, buffers: false, prefix: "", recurse: true, removeDuplicate: false)
                + ModuleTraversal.namedMembers(try receiver(this).module, buffers: true, prefix: "", recurse: true, removeDuplicate: false),
                uniquingKeysWith: { first, _ in first }) : [:]
            for (name, t) in try receiver(this).module.stateDict() { try d.set(.str(prefix + name), .tensor(originals[name] ?? t)) }
            return .object(d)
        }
        c.addMethod("load_state_dict", signature: "state_dict, strict=True, assign=False") { this, args in
            let object = try receiver(this)
            guard let dict = args["state_dict"].asObject as? PyDict else {
                throw PyException.typeError("Expected state_dict to be dict-like, got \(args["state_dict"].typeName).")
            }
            var entries: [(name: String, tensor: Tensor)] = []
            for key in try iterateToArray(.object(dict)) {
                guard case .str(let name) = key, let t = try dict.get(key)?.tensorValue else { continue }
                entries.append((name, t))
            }
            object.module.typeName = object.cls.name
            let result = try object.module.loadStateDict(entries, strict: args.bool("strict"))
            return .object(IncompatibleKeysObject(missing: result.missing, unexpected: result.unexpected))
        }
        c.addMethod("train", signature: "mode=True") { this, args in
            try receiver(this).module.train(args.bool("mode"))
            return this
        }
        c.addMethod("eval") { this, _ in
            try receiver(this).module.eval()
            return this
        }
        c.addMethod("to", signature: "*args, **kwargs") { this, args in
            // The module stays where it is (CPU, float32); devices and dtypes are checked, so
            // `model.to("cuda")` and `model.to(torch.float16)` refuse as they would here.
            for a in args.extraPositional + args.extraKeywords.map(\.1) {
                if case .bool = a { continue }   // non_blocking, copy
                if let d = a.asObject as? DTypeObject { _ = try d.engineType() }
                else if a.tensorValue == nil { try TensorConversion.checkDevice(a) }
            }
            return this
        }
        c.addMethod("cpu") { this, _ in this }
        c.addMethod("float") { this, _ in this }
        c.addMethod("cuda", signature: "device=None") { _, _ in throw TorchBinding.cudaNotCompiled() }
        c.addMethod("zero_grad", signature: "set_to_none=True") { this, _ in
            try receiver(this).module.zeroGrad()
            return .none
        }
        c.addMethod("requires_grad_", signature: "requires_grad=True") { this, args in
            for p in try receiver(this).module.parameters() { try p.setRequiresGrad(args.bool("requires_grad")) }
            return this
        }
        c.addMethod("register_buffer", signature: "name, tensor, persistent=True") { this, args in
            let object = try receiver(this)
            object.module.registerBuffer(try args.string("name"), try args.optionalTensor("tensor"), persistent: try args.bool("persistent"))
            return .none
        }
        c.addMethod("register_parameter", signature: "name, param") { this, args in
            try receiver(this).module.registerParameter(try args.string("name"), try args.optionalTensor("param"))
            return .none
        }
        c.addMethod("add_module", signature: "name, module") { this, args in
            let child = args.isNone("module") ? nil : (args["module"].asObject as? ModuleObject)?.module
            try receiver(this).module.registerModule(try args.string("name"), child)
            return .none
        }
        ModuleTraversal.install(c)
        c.addMethod("extra_repr") { this, _ in .str(try receiver(this).module.extraRepr()) }
        c.addMethod("__repr__") { this, _ in .str(try receiver(this).module.moduleDescription) }
    }

    /// Read-only facts of built-in layers (`linear.in_features`), nil for other names.
    static func layerAttribute(_ m: NNModule, _ name: String) -> Value? {
        switch (m, name) {
        case (let l as Linear, "in_features"): return .int(l.inFeatures)
        case (let l as Linear, "out_features"): return .int(l.outFeatures)
        case (let e as Embedding, "num_embeddings"): return .int(e.numEmbeddings)
        case (let e as Embedding, "embedding_dim"): return .int(e.embeddingDim)
        case (let n as LayerNorm, "normalized_shape"): return .tuple(n.normalizedShape.map { .int($0) })
        case (let n as LayerNorm, "eps"): return .float(n.eps)
        case (let d as Dropout, "p"): return .float(d.p)
        default: return nil
        }
    }

    /// `append`/`extend`/`insert` on ModuleList.
    static func installContainerMethods() {
        guard let list = layerClasses["ModuleList"] else { return }
        list.addMethod("append", signature: "module") { this, args in
            guard let l = try receiver(this).module as? ModuleList else { return this }
            l.append(try moduleList([args["module"]], "ModuleList")[0])
            return this
        }
        list.addMethod("extend", signature: "modules") { this, args in
            guard let l = try receiver(this).module as? ModuleList else { return this }
            for m in try moduleList(iterateToArray(args["modules"]), "ModuleList") { l.append(m) }
            return this
        }
    }
}

/// What `load_state_dict` returns: prints `<All keys matched successfully>`.
final class IncompatibleKeysObject: PyObject {
    let missing: [String], unexpected: [String]
    init(missing: [String], unexpected: [String]) { (self.missing, self.unexpected) = (missing, unexpected) }
    override func repr() throws -> String {
        if missing.isEmpty && unexpected.isEmpty { return "<All keys matched successfully>" }
        return "_IncompatibleKeys(missing_keys=\(missing), unexpected_keys=\(unexpected))"
    }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "missing_keys": return .list(missing.map { .str($0) })
        case "unexpected_keys": return .list(unexpected.map { .str($0) })
        default: return nil
        }
    }
}
