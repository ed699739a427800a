// `nn.ModuleDict`: children under string keys, in insertion order (nanoGPT's
// `self.transformer = nn.ModuleDict(dict(wte=..., wpe=..., h=nn.ModuleList(...)))`).
import NN
import Python
import Tensor

/// The Swift side: an ordered set of named children, without a forward of its own.
final class ModuleDictModule: NNModule {
    init() { super.init(typeName: "ModuleDict") }
    var keys: [String] { childSlots.compactMap { $0.module == nil ? nil : $0.name } }
}

extension NNBinding {
    /// `(key, module)` pairs from a dict, a ModuleDict or an iterable of pairs.
    static func moduleDictEntries(_ value: Value) throws -> [(String, NNModule)] {
        if value.isNone { return [] }
        var pairs: [(Value, Value)] = []
        if let dict = value.asObject as? PyDict {
            pairs = dict.entries.map { ($0.0, $0.1) }
        } else if let m = value.asObject as? ModuleObject, m.module is ModuleDictModule {
            pairs = m.module.childSlots.compactMap { slot in slot.module.map { (.str(slot.name), .object(ModuleObject.wrap($0))) } }
        } else {
            for (i, item) in try iterateToArray(value).enumerated() {
                let pair = try iterateToArray(item)
                guard pair.count == 2 else {
                    throw PyException.valueError("ModuleDict update sequence element #\(i) has length \(pair.count); 2 is required")
                }
                pairs.append((pair[0], pair[1]))
            }
        }
        return try pairs.map { key, module in
            guard case .str(let name) = key else { throw PyException.typeError("module name should be a string. Got \(key.typeName)") }
            guard let m = module.asObject as? ModuleObject else {
                throw PyException.typeError("\(module.typeName) is not a Module subclass")
            }
            return (name, m.module)
        }
    }

    static func installModuleDictMethods(_ cls: NativeClass) {
        func dict(_ v: Value) throws -> ModuleDictModule {
            guard let d = try receiver(v).module as? ModuleDictModule else { throw PyException.typeError("expected a ModuleDict") }
            return d
        }
        func wrap(_ m: NNModule) -> Value { .object(ModuleObject.wrap(m)) }
        cls.addMethod("keys") { this, _ in .list(try dict(this).keys.map { .str($0) }) }
        cls.addMethod("values") { this, _ in .list(try dict(this).children().map(wrap)) }
        cls.addMethod("items") { this, _ in
            .list(try dict(this).childSlots.compactMap { slot in slot.module.map { .tuple([.str(slot.name), wrap($0)]) } })
        }
        cls.addMethod("update", signature: "modules") { this, args in
            let d = try dict(this)
            for (name, m) in try moduleDictEntries(args["modules"]) { d.registerModule(name, m) }
            return .none
        }
        cls.addMethod("pop", signature: "key") { this, args in
            let d = try dict(this)
            let key = try args.string("key")
            guard case .module(let m?)? = d.member(key) else { throw PyException.keyError(.str(key)) }
            d.unregister(key)
            return wrap(m)
        }
        cls.addMethod("clear") { this, _ in
            let d = try dict(this)
            for key in d.keys { d.unregister(key) }
            return .none
        }
    }
}
