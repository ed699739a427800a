// `nn.Module`: a tree of named parameters, buffers and submodules, registered in
// assignment order, with PyTorch's traversal, state dicts, train/eval and repr.
// Swift layers subclass it; script classes that subclass `nn.Module` get one as
// their backing store (the Script layer registers attributes into it).

import Tensor

/// A node of a model: its own parameters and buffers, and its named children.
open class Module {
    /// The class name shown by `repr` (`Linear`, or a script class such as `GPTModel`).
    public var typeName: String
    /// `self.training`; `train()`/`eval()` set it on the whole tree.
    public internal(set) var training = true
    /// Parameters in registration order; a nil value is a registered `None` (e.g. `bias=False`).
    public internal(set) var parameterSlots: [(name: String, tensor: Tensor?)] = []
    /// Buffers in registration order (`register_buffer`); `persistent` ones go in state dicts.
    public internal(set) var bufferSlots: [(name: String, tensor: Tensor?, persistent: Bool)] = []
    /// Submodules in registration order.
    public internal(set) var childSlots: [(name: String, module: Module?)] = []
    /// The script object standing for this module, so a child reached through Swift
    /// (`model.trf_blocks[0]`) is the same object the script created. NN never reads it.
    public weak var wrapper: AnyObject?

    public init(typeName: String) { self.typeName = typeName }

    /// Called with each child's output when a container runs its children, so a tracer
    /// can see inside `Sequential`. Set only while tracing (the shell's `trace`).
    nonisolated(unsafe) public static var childOutputObserver: ((Module, Tensor) -> Void)?

    /// `forward(x)`: layers override it; a module without one fails as PyTorch's does.
    open func forward(_ x: Tensor) throws -> Tensor {
        throw TensorError.runtime("Module [\(typeName)] is missing the required \"forward\" function")
    }

    // MARK: registration (what `self.x = ...` does in PyTorch's __setattr__)

    /// Registers or replaces parameter `name`, keeping its position if it exists.
    /// The tensor becomes a parameter (`requires_grad=True`, printed as one).
    public func registerParameter(_ name: String, _ tensor: Tensor?) throws {
        removeFromOtherRegistries(name, keeping: .parameter)
        if let tensor {
            tensor.isParameter = true
            if tensor.isLeaf && !tensor.requiresGrad && tensor.dtype == .float32 {
                try tensor.setRequiresGrad(true)
            }
        }
        if let i = parameterSlots.firstIndex(where: { $0.name == name }) {
            parameterSlots[i].tensor = tensor
        } else {
            parameterSlots.append((name, tensor))
        }
    }

    public func registerBuffer(_ name: String, _ tensor: Tensor?, persistent: Bool = true) {
        removeFromOtherRegistries(name, keeping: .buffer)
        if let i = bufferSlots.firstIndex(where: { $0.name == name }) {
            bufferSlots[i] = (name, tensor, persistent)
        } else {
            bufferSlots.append((name, tensor, persistent))
        }
    }

    public func registerModule(_ name: String, _ module: Module?) {
        removeFromOtherRegistries(name, keeping: .child)
        if let i = childSlots.firstIndex(where: { $0.name == name }) {
            childSlots[i].module = module
        } else {
            childSlots.append((name, module))
        }
    }

    /// Forgets `name` wherever it is registered (`del self.x`, or a plain value assigned over it).
    public func unregister(_ name: String) {
        parameterSlots.removeAll { $0.name == name }
        bufferSlots.removeAll { $0.name == name }
        childSlots.removeAll { $0.name == name }
    }

    private enum Registry { case parameter, buffer, child }

    private func removeFromOtherRegistries(_ name: String, keeping: Registry) {
        if keeping != .parameter { parameterSlots.removeAll { $0.name == name } }
        if keeping != .buffer { bufferSlots.removeAll { $0.name == name } }
        if keeping != .child { childSlots.removeAll { $0.name == name } }
    }

    /// What `self.name` finds in the registries (parameter, buffer or child), if anything.
    public enum Member { case parameter(Tensor?), buffer(Tensor?), module(Module?) }

    public func member(_ name: String) -> Member? {
        if let p = parameterSlots.first(where: { $0.name == name }) { return .parameter(p.tensor) }
        if let b = bufferSlots.first(where: { $0.name == name }) { return .buffer(b.tensor) }
        if let c = childSlots.first(where: { $0.name == name }) { return .module(c.module) }
        return nil
    }

    // MARK: traversal

    /// `named_modules()`: self first (prefix ""), then children depth-first; each module once.
    public func namedModules(prefix: String = "") -> [(name: String, module: Module)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(String, Module)] = []
        func visit(_ m: Module, _ path: String) {
            guard seen.insert(ObjectIdentifier(m)).inserted else { return }
            result.append((path, m))
            for (name, child) in m.childSlots { if let child { visit(child, path.isEmpty ? name : "\(path).\(name)") } }
        }
        visit(self, prefix)
        return result
    }

    /// `named_parameters()`: each parameter once (shared ones under their first name).
    public func namedParameters() -> [(name: String, tensor: Tensor)] {
        var seen = Set<ObjectIdentifier>()
        var result: [(String, Tensor)] = []
        for (path, module) in namedModules() {
            for (name, tensor) in module.parameterSlots {
                guard let tensor, seen.insert(ObjectIdentifier(tensor)).inserted else { continue }
                result.append((path.isEmpty ? name : "\(path).\(name)", tensor))
            }
        }
        return result
    }

    public func parameters() -> [Tensor] { namedParameters().map(\.tensor) }

    public func namedBuffers() -> [(name: String, tensor: Tensor)] {
        namedModules().flatMap { path, module in
            module.bufferSlots.compactMap { slot in
                slot.tensor.map { (path.isEmpty ? slot.name : "\(path).\(slot.name)", $0) }
            }
        }
    }

    public func children() -> [Module] { childSlots.compactMap(\.module) }

    /// `sum(p.numel() for p in model.parameters())`.
    public var parameterCount: Int { parameters().reduce(0) { $0 + $1.count } }

    /// `train(mode)`: sets `training` on every module of the tree.
    public func train(_ mode: Bool = true) {
        for (_, m) in namedModules() { m.training = mode }
    }

    public func eval() { train(false) }

    /// `zero_grad()`: PyTorch 2's default `set_to_none=True`.
    public func zeroGrad() {
        for p in parameters() { p.grad = nil }
    }

    // MARK: state dict

    /// `state_dict()`: parameters and persistent buffers of every module, in module
    /// order, each module's parameters before its buffers. Values are detached views.
    public func stateDict() -> [(name: String, tensor: Tensor)] {
        var result: [(String, Tensor)] = []
        var seenModules = Set<ObjectIdentifier>()
        func visit(_ m: Module, _ path: String) {
            guard seenModules.insert(ObjectIdentifier(m)).inserted else { return }
            let prefix = path.isEmpty ? "" : path + "."
            for (name, t) in m.parameterSlots { if let t { result.append((prefix + name, t.detach())) } }
            for (name, t, persistent) in m.bufferSlots where persistent { if let t { result.append((prefix + name, t.detach())) } }
            for (name, child) in m.childSlots { if let child { visit(child, prefix + name) } }
        }
        visit(self, "")
        return result
    }

    /// `load_state_dict(state, strict)`: copies values into the existing tensors.
    /// Returns the missing and unexpected keys; with `strict` either one is an error,
    /// worded as PyTorch words it.
    @discardableResult
    public func loadStateDict(_ state: [(name: String, tensor: Tensor)], strict: Bool = true) throws
        -> (missing: [String], unexpected: [String]) {
        let own = stateDict()
        let ownNames = Set(own.map(\.name))
        let given = Dictionary(state.map { ($0.name, $0.tensor) }, uniquingKeysWith: { _, last in last })
        let missing = own.map(\.name).filter { given[$0] == nil }
        let unexpected = state.map(\.name).filter { !ownNames.contains($0) }
        var problems: [String] = []
        for (name, target) in own {
            guard let source = given[name] else { continue }
            if source.shape != target.shape {
                problems.append("\tsize mismatch for \(name): copying a param with shape torch.Size(\(source.shape)) "
                    + "from checkpoint, the shape in current model is torch.Size(\(target.shape)).")
            }
        }
        if strict {
            if !unexpected.isEmpty {
                problems.insert("\tUnexpected key(s) in state_dict: \(unexpected.map { "\"\($0)\"" }.joined(separator: ", ")). ", at: 0)
            }
            if !missing.isEmpty {
                problems.insert("\tMissing key(s) in state_dict: \(missing.map { "\"\($0)\"" }.joined(separator: ", ")). ", at: 0)
            }
        }
        if !problems.isEmpty {
            throw TensorError.runtime("Error(s) in loading state_dict for \(typeName):\n" + problems.joined(separator: "\n"))
        }
        for (name, target) in own {
            guard let source = given[name] else { continue }
            try copyValues(from: source, into: target)
        }
        return (missing, unexpected)
    }

    // MARK: repr

    /// The text inside `Linear(...)`; layers override it (`extra_repr`).
    open func extraRepr() -> String { "" }

    /// PyTorch's module repr, including its folding of runs of identical children
    /// (`(0-11): 12 x TransformerBlock(...)`).
    public var moduleDescription: String {
        var lines: [String] = []
        let extra = extraRepr()
        if !extra.isEmpty { lines.append(contentsOf: extra.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)) }
        let kids = childSlots.map { ($0.name, $0.module?.moduleDescription ?? "None") }
        lines.append(contentsOf: foldRepeats(kids).map { "(\($0.key)): \(indent($0.text, by: 2))" })
        if lines.isEmpty { return "\(typeName)()" }
        if kids.isEmpty && lines.count == 1 { return "\(typeName)(\(lines[0]))" }
        return "\(typeName)(\n" + lines.map { "  " + $0 }.joined(separator: "\n") + "\n)"
    }

    private func indent(_ text: String, by n: Int) -> String {
        let parts = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard parts.count > 1 else { return text }
        return ([String(parts[0])] + parts.dropFirst().map { String(repeating: " ", count: n) + $0 }).joined(separator: "\n")
    }

    /// ModuleList folds runs of children with equal reprs (Sequential does not).
    private func foldRepeats(_ kids: [(String, String)]) -> [(key: String, text: String)] {
        guard typeName == "ModuleList", kids.count > 1 else {
            return kids.map { ($0.0, $0.1) }
        }
        var result: [(key: String, text: String)] = []
        var start = 0
        while start < kids.count {
            var end = start
            while end + 1 < kids.count && kids[end + 1].1 == kids[start].1 { end += 1 }
            if end == start {
                result.append((kids[start].0, kids[start].1))
            } else {
                result.append(("\(kids[start].0)-\(kids[end].0)", "\(end - start + 1) x \(kids[start].1)"))
            }
            start = end + 1
        }
        return result
    }
}

/// Copies `source`'s values into `target` in place (shapes already checked).
func copyValues(from source: Tensor, into target: Tensor) throws {
    let values = try source.copyData(as: target.dtype)
    let offsets = target.elementOffsets()
    switch target.dtype {
    case .float32: let d = target.floatPointer, s = values.floatPointer; for (i, o) in offsets.enumerated() { d[o] = s[i] }
    case .int64, .float64: let d = target.int64Pointer, s = values.int64Pointer; for (i, o) in offsets.enumerated() { d[o] = s[i] }
    case .bool: let d = target.boolPointer, s = values.boolPointer; for (i, o) in offsets.enumerated() { d[o] = s[i] }
    }
}
