// `Module.named_modules`/`modules`/`children`/`named_parameters`/`buffers`/`apply`, walking
// the tree as torch/nn/modules/module.py does: prefixes, `memo` deduplication of shared
// modules and tensors (nanoGPT ties `wte.weight = lm_head.weight`), `recurse=False`, and
// `apply` visiting children before their parent. Each returns a generator, as PyTorch's do.
import NN
import Python
import Tensor

/// What `model.parameters()` and friends return: a one-pass iterator printed as a generator.
final class ModuleGenerator: PyIterator {
    let items: [Value]
    let qualifiedName: String
    var position = 0
    init(_ items: [Value], _ qualifiedName: String) { (self.items, self.qualifiedName) = (items, qualifiedName) }
    override func next() throws -> Value? {
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }
    override func repr() throws -> String { "<generator object \(qualifiedName) at \(addressString)>" }
    override var pyClass: PyClass { Self.generatorClass.pyClass }
    static let generatorClass = NativeClass(name: "generator", module: "builtins")
}

enum ModuleTraversal {
    /// `named_modules(memo, prefix, remove_duplicate)`: self, then each child's subtree.
    static func namedModules(_ root: NNModule, prefix: String, removeDuplicate: Bool) -> [(String, NNModule)] {
        var memo = Set<ObjectIdentifier>()
        var result: [(String, NNModule)] = []
        func visit(_ m: NNModule, _ path: String) {
            guard !memo.contains(ObjectIdentifier(m)) else { return }
            if removeDuplicate { memo.insert(ObjectIdentifier(m)) }
            result.append((path, m))
            for (name, child) in m.childSlots {
                guard let child else { continue }
                visit(child, path.isEmpty ? name : path + "." + name)
            }
        }
        visit(root, prefix)
        return result
    }

    /// `_named_members`: parameters or buffers of the modules, each tensor once (with remove_duplicate).
    static func namedMembers(_ root: NNModule, buffers: Bool, prefix: String, recurse: Bool, removeDuplicate: Bool) -> [(String, Tensor)] {
        let modules = recurse ? namedModules(root, prefix: prefix, removeDuplicate: removeDuplicate) : [(prefix, root)]
        var memo = Set<ObjectIdentifier>()
        var result: [(String, Tensor)] = []
        for (path, module) in modules {
            let members: [(String, Tensor?)] = buffers ? module.bufferSlots.map { ($0.name, $0.tensor) } : module.parameterSlots.map { ($0.name, $0.tensor) }
            for (name, tensor) in members {
                guard let tensor, !memo.contains(ObjectIdentifier(tensor)) else { continue }
                if removeDuplicate { memo.insert(ObjectIdentifier(tensor)) }
                result.append((path.isEmpty ? name : path + "." + name, tensor))
            }
        }
        return result
    }

    /// `named_children()`: direct children, each module once.
    static func namedChildren(_ m: NNModule) -> [(String, NNModule)] {
        var memo = Set<ObjectIdentifier>()
        return m.childSlots.compactMap { slot in
            guard let child = slot.module, memo.insert(ObjectIdentifier(child)).inserted else { return nil }
            return (slot.name, child)
        }
    }

    /// `apply(fn)`: `for module in self.children(): module.apply(fn)`, then `fn(self)`.
    static func apply(_ m: NNModule, _ fn: Value) throws {
        for (_, child) in namedChildren(m) { try apply(child, fn) }
        _ = try callValue(fn, Arguments([.object(ModuleObject.wrap(m))]))
    }

    static func install(_ c: NativeClass) {
        func module(_ v: Value) throws -> NNModule { try NNBinding.receiver(v).module }
        func wrap(_ m: NNModule) -> Value { .object(ModuleObject.wrap(m)) }
        c.addMethod("named_modules", signature: "memo=None, prefix='', remove_duplicate=True") { this, args in
            let found = namedModules(try module(this), prefix: try args.string("prefix"), removeDuplicate: try args.bool("remove_duplicate"))
            return .object(ModuleGenerator(found.map { .tuple([.str($0.0), wrap($0.1)]) }, "Module.named_modules"))
        }
        c.addMethod("modules") { this, _ in
            .object(ModuleGenerator(namedModules(try module(this), prefix: "", removeDuplicate: true).map { wrap($0.1) }, "Module.modules"))
        }
        c.addMethod("named_children") { this, _ in
            .object(ModuleGenerator(namedChildren(try module(this)).map { .tuple([.str($0.0), wrap($0.1)]) }, "Module.named_children"))
        }
        c.addMethod("children") { this, _ in
            .object(ModuleGenerator(namedChildren(try module(this)).map { wrap($0.1) }, "Module.children"))
        }
        for (name, buffers) in [("parameters", false), ("buffers", true)] {
            c.addMethod(name, signature: "recurse=True") { this, args in
                let found = namedMembers(try module(this), buffers: buffers, prefix: "", recurse: try args.bool("recurse"), removeDuplicate: true)
                return .object(ModuleGenerator(found.map { .tensor($0.1) }, "Module.\(name)"))
            }
            c.addMethod("named_" + name, signature: "prefix='', recurse=True, remove_duplicate=True") { this, args in
                let found = namedMembers(try module(this), buffers: buffers, prefix: try args.string("prefix"),
                                         recurse: try args.bool("recurse"), removeDuplicate: try args.bool("remove_duplicate"))
                return .object(ModuleGenerator(found.map { .tuple([.str($0.0), .tensor($0.1)]) }, "Module.named_\(name)"))
            }
        }
        c.addMethod("apply", signature: "fn") { this, args in
            try apply(try module(this), args["fn"])
            return this
        }
        c.addMethod("get_submodule", signature: "target") { this, args in
            let target = try args.string("target")
            var current = try module(this)
            if target.isEmpty { return this }
            for part in target.split(separator: ".") {
                guard case .module(let child?)? = current.member(String(part)) else {
                    throw PyException(BuiltinTypes.exception("AttributeError"), "\(current.typeName) has no attribute `\(part)`")
                }
                current = child
            }
            return wrap(current)
        }
        c.addMethod("get_parameter", signature: "target") { this, args in
            let target = try args.string("target")
            let found = namedMembers(try module(this), buffers: false, prefix: "", recurse: true, removeDuplicate: false)
            guard let hit = found.first(where: { $0.0 == target }) else {
                throw PyException(BuiltinTypes.exception("AttributeError"), "`\(target)` is not an nn.Parameter")
            }
            return .tensor(hit.1)
        }
    }
}
