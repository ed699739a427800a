// `nn.Module` in scripts: every module object (a script class such as `GPTModel`,
// or a built-in layer such as `nn.Linear`) is backed by an `NN.Module`, and
// assigning a Parameter, buffer or module to `self.x` registers it there, in
// order, as PyTorch's `__setattr__` does.
import NN
import Python
import Tensor

typealias NNModule = NN.Module

/// A module as a script object.
final class ModuleObject: PyInstance {
    let module: NNModule

    init(cls: PyClass, module: NNModule) {
        self.module = module
        super.init(cls: cls)
        module.wrapper = self
    }

    /// The script object for `module`, creating one if it has none: of its layer class,
    /// or, for a script class whose object was released while the module lived on
    /// inside a container, with that object's class and attributes restored.
    static func wrap(_ module: NNModule) -> ModuleObject {
        if let existing = module.wrapper as? ModuleObject { return existing }
        if let script = module as? ScriptModule, let saved = script.savedObject {
            let object = ModuleObject(cls: saved.cls, module: module)
            object.attributes = saved.attributes
            return object
        }
        let cls = NNBinding.layerClasses[module.typeName]?.pyClass ?? NNBinding.moduleClass.pyClass
        return ModuleObject(cls: cls, module: module)
    }

    deinit {
        // The Swift module may outlive this object (it sits in a ModuleList); keep what
        // makes it a script object so `wrap` can rebuild an equivalent one.
        if let script = module as? ScriptModule { script.savedObject = (cls, attributes) }
    }

    override func getAttribute(_ name: String) throws -> Value? {
        if name == "training" { return .bool(module.training) }
        if let value = try super.getAttribute(name) { return value }
        switch module.member(name) {
        case .parameter(let t)?, .buffer(let t)?: return t.map { .tensor($0) } ?? Value.none
        case .module(let m)?: return m.map { .object(ModuleObject.wrap($0)) } ?? Value.none
        case nil: return NNBinding.layerAttribute(module, name)
        }
    }

    override func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        if cls.hasCustomSetattr { return try super.setAttribute(name, value) }
        if name == "training" {
            module.train(try isTruthy(value))
            return true
        }
        let existing = module.member(name)
        if let t = value.tensorValue {
            if t.isParameter {
                attributes.removeValue(forKey: name)
                try module.registerParameter(name, t)
                return true
            }
            if case .buffer(_)? = existing {
                module.registerBuffer(name, t, persistent: module.bufferSlots.first { $0.name == name }?.persistent ?? true)
                return true
            }
            if case .parameter(_)? = existing {
                throw PyException.typeError("cannot assign '\(TensorSlots.typeString(t))' as parameter '\(name)' (torch.nn.Parameter or None expected)")
            }
        }
        if let child = value.asObject as? ModuleObject {
            attributes.removeValue(forKey: name)
            module.registerModule(name, child.module)
            return true
        }
        if value.isNone, let existing {
            switch existing {
            case .parameter: try module.registerParameter(name, nil)
            case .buffer: module.registerBuffer(name, nil)
            case .module: module.registerModule(name, nil)
            }
            return true
        }
        if existing != nil { module.unregister(name) }
        return try super.setAttribute(name, value)
    }

    override func deleteAttribute(_ name: String) throws -> Bool {
        if module.member(name) != nil {
            module.unregister(name)
            return true
        }
        return try super.deleteAttribute(name)
    }

    override func repr() throws -> String {
        if let custom = cls.lookup("__repr__"), case .object(let f) = custom, f is PyFunction {
            return try Python.str(callValue(custom, Arguments([.object(self)])))
        }
        return module.moduleDescription
    }

    // Sequential and ModuleList: indexing, length, iteration over children; ModuleDict by key.
    override func getItem(_ key: Value) throws -> Value? {
        if module is ModuleDictModule {
            guard case .str(let name) = key, case .module(let m?)? = module.member(name) else {
                throw PyException.keyError(key)
            }
            return .object(ModuleObject.wrap(m))
        }
        guard module is Sequential || module is ModuleList else { return try super.getItem(key) }
        let kids = module.children()
        if case .object(let o) = key, o is PySlice {
            guard case .object(let sliced)? = try PyList(kids.map { .object(ModuleObject.wrap($0)) }).getItem(key),
                  let list = sliced as? PyList else { return nil }
            let picked = list.items.compactMap { ($0.asObject as? ModuleObject)?.module }
            let copy: NNModule = module is Sequential ? Sequential(picked) : ModuleList(picked)
            return .object(ModuleObject.wrap(copy))
        }
        let i = try key.asInt("index")
        let index = i < 0 ? i + kids.count : i
        guard index >= 0 && index < kids.count else { throw PyException.indexError("index \(i) is out of range") }
        return .object(ModuleObject.wrap(kids[index]))
    }

    override func setItem(_ key: Value, _ value: Value) throws -> Bool {
        guard module is ModuleDictModule || module is ModuleList || module is Sequential else { return try super.setItem(key, value) }
        guard let child = value.asObject as? ModuleObject else { throw PyException.typeError("\(value.typeName) is not a Module subclass") }
        if module is ModuleDictModule {
            guard case .str(let name) = key else { throw PyException.typeError("module name should be a string. Got \(key.typeName)") }
            module.registerModule(name, child.module)
            return true
        }
        let count = module.children().count
        let i = try key.asInt("index")
        let index = i < 0 ? i + count : i
        guard index >= 0 && index < count else { throw PyException.indexError("index \(i) is out of range") }
        module.registerModule(module.childSlots[index].name, child.module)
        return true
    }

    override func deleteItem(_ key: Value) throws -> Bool {
        guard module is ModuleDictModule, case .str(let name) = key else { return try super.deleteItem(key) }
        guard module.member(name) != nil else { throw PyException.keyError(key) }
        module.unregister(name)
        return true
    }

    override func contains(_ value: Value) throws -> Bool? {
        guard let d = module as? ModuleDictModule else { return try super.contains(value) }
        guard case .str(let name) = value else { return false }
        return d.keys.contains(name)
    }

    override func length() throws -> Int? {
        if module is ModuleDictModule { return module.children().count }
        guard module is Sequential || module is ModuleList else { return try super.length() }
        return module.children().count
    }

    override func makeIterator() throws -> PyIterator? {
        if let d = module as? ModuleDictModule { return ArrayIterator(d.keys.map { .str($0) }) }
        guard module is Sequential || module is ModuleList else { return try super.makeIterator() }
        return ArrayIterator(module.children().map { .object(ModuleObject.wrap($0)) })
    }
}

/// The Swift side of a module class written in a script: `forward` and `extra_repr`
/// call back into the script, so Swift containers (Sequential) can run it.
final class ScriptModule: NNModule {
    /// The class and attributes of the script object, kept when that object is released.
    var savedObject: (cls: PyClass, attributes: InstanceAttributes)?

    override func forward(_ x: Tensor) throws -> Tensor {
        let object = ModuleObject.wrap(self)
        let result = try callValue(try getAttribute(.object(object), "forward"), Arguments([.tensor(x)]))
        TraceRecorder.current?.record(self, result)
        guard let t = result.tensorValue else {
            throw PyException.typeError("\(typeName).forward returned \(result.typeName), but a container needs a Tensor")
        }
        return t
    }

    override func extraRepr() -> String {
        let object = ModuleObject.wrap(self)
        guard let method = object.cls.lookup("extra_repr"),
              case .object(let f) = method, f is PyFunction,
              case .str(let s)? = try? callValue(method, Arguments([.object(object)])) else { return "" }
        return s
    }
}

extension TensorSlots {
    /// PyTorch's legacy type string, used in some messages: `torch.FloatTensor`.
    static func typeString(_ t: Tensor) -> String {
        switch t.dtype {
        case .float32: return "torch.FloatTensor"
        case .int64: return "torch.LongTensor"
        case .float64: return "torch.DoubleTensor"
        case .bool: return "torch.BoolTensor"
        }
    }
}
