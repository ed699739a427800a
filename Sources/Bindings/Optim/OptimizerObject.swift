// A `torch.optim` optimizer as a script object: `param_groups` (live dicts the script may
// edit between steps, as learning-rate schedules do), `step`, `zero_grad`, `state_dict`.
// Book chapter 5 and appendix D.
import NN
import Python
import Tensor

/// An optimizer: groups of parameters with their hyperparameters, and per-parameter state
/// kept in one Swift optimizer per parameter (NN's AdamW or SGD).
final class OptimizerObject: PyObject {
    enum Kind: String { case adamW = "AdamW", adam = "Adam", sgd = "SGD" }

    let kind: Kind
    /// `optimizer.param_groups`: the dicts the script sees; `step()` reads them each time.
    let paramGroups: PyList
    /// The defaults every group is completed with, in PyTorch's key order.
    let defaults: [(String, Value)]
    var adamStates: [ObjectIdentifier: AdamW] = [:]
    var sgdStates: [ObjectIdentifier: SGD] = [:]

    init(kind: Kind, params: Value, defaults: [(String, Value)]) throws {
        self.kind = kind
        self.defaults = defaults
        paramGroups = PyList()
        super.init()
        if let t = params.tensorValue {
            throw PyException.typeError("params argument given to the optimizer should be an iterable of Tensors or dicts, but got \(OptimizerObject.typeName(t))")
        }
        let items = try iterateToArray(params)
        if items.isEmpty { throw PyException.valueError("optimizer got an empty parameter list") }
        if items[0].asObject is PyDict {
            for item in items {
                guard let group = item.asObject as? PyDict else {
                    throw PyException.typeError("param groups must be a list of dicts")
                }
                try addParamGroup(group)
            }
        } else {
            let group = PyDict()
            try group.set(.str("params"), .list(items))
            try addParamGroup(group)
        }
    }

    override var pyClass: PyClass { OptimBinding.classes[kind]?.pyClass ?? OptimBinding.optimizerClass.pyClass }

    /// `torch.typename(t)` as PyTorch's messages spell it (`torch.FloatTensor`).
    static func typeName(_ t: Tensor) -> String {
        switch t.dtype {
        case .float32: return "torch.FloatTensor"
        case .int64: return "torch.LongTensor"
        case .float64: return "torch.DoubleTensor"
        case .bool: return "torch.BoolTensor"
        }
    }

    /// `add_param_group(group)`: the dict itself is kept (and completed with the defaults).
    func addParamGroup(_ group: PyDict) throws {
        guard let params = try group.get(.str("params")) else {
            throw PyException.keyError(.str("params"))
        }
        let list: [Value] = params.tensorValue != nil ? [params] : try iterateToArray(params)
        for p in list {
            guard let t = p.tensorValue else {
                throw PyException.typeError("optimizer can only optimize Tensors, but one of the params is \(p.pyClass.qualifiedName)")
            }
            if !t.isLeaf && !t.retainsGrad { throw PyException.valueError("can't optimize a non-leaf Tensor") }
        }
        try group.set(.str("params"), .list(list))
        for (key, value) in defaults where try group.get(.str(key)) == nil { try group.set(.str(key), value) }
        let existing = Set(try allParameters().map { ObjectIdentifier($0) })
        if try list.contains(where: { existing.contains(ObjectIdentifier(try tensorOf($0))) }) {
            throw PyException.valueError("some parameters appear in more than one parameter group")
        }
        paramGroups.items.append(.object(group))
    }

    private func tensorOf(_ v: Value) throws -> Tensor {
        guard let t = v.tensorValue else { throw PyException.typeError("optimizer can only optimize Tensors, but one of the params is \(v.pyClass.qualifiedName)") }
        return t
    }

    /// The group dicts, checked to still be dicts.
    func groups() throws -> [PyDict] {
        try paramGroups.items.map { item in
            guard let d = item.asObject as? PyDict else { throw PyException.typeError("param_groups must contain dicts, not \(item.typeName)") }
            return d
        }
    }

    func parameters(of group: PyDict) throws -> [Tensor] {
        try iterateToArray(try group.get(.str("params")) ?? .list([])).map(tensorOf)
    }

    func allParameters() throws -> [Tensor] {
        var out: [Tensor] = []
        for item in paramGroups.items {
            if let g = item.asObject as? PyDict { out += try parameters(of: g) }
        }
        return out
    }

    func number(_ group: PyDict, _ key: String) throws -> Double {
        guard let v = try group.get(.str(key)) else { throw PyException.keyError(.str(key)) }
        return try v.asDouble(key)
    }

    func flag(_ group: PyDict, _ key: String) throws -> Bool {
        guard let v = try group.get(.str(key)) else { return false }
        return try isTruthy(v)
    }

    /// `optimizer.step()`: every parameter with a gradient, with its group's current values.
    func step() throws {
        for group in try groups() {
            if try flag(group, "maximize") { throw PyException.notImplemented("maximize=True is not supported in the workbench") }
            if try flag(group, "amsgrad") { throw PyException.notImplemented("amsgrad=True is not supported in the workbench") }
            let lr = try number(group, "lr")
            let weightDecay = try number(group, "weight_decay")
            for p in try parameters(of: group) where p.grad != nil {
                switch kind {
                case .adamW, .adam:
                    let o = try adam(for: p)
                    let betas = try iterateToArray(group.get(.str("betas")) ?? .tuple([.float(0.9), .float(0.999)]))
                    guard betas.count == 2 else { throw PyException.valueError("betas must be a pair of floats") }
                    o.learningRate = lr
                    (o.beta1, o.beta2) = (try betas[0].asDouble("beta1"), try betas[1].asDouble("beta2"))
                    o.eps = try number(group, "eps")
                    o.weightDecay = weightDecay
                    o.decoupledWeightDecay = kind == .adamW ? true : try flag(group, "decoupled_weight_decay")
                    try o.step()
                case .sgd:
                    let o = try sgd(for: p)
                    o.learningRate = lr
                    o.momentum = try number(group, "momentum")
                    o.dampening = try number(group, "dampening")
                    o.weightDecay = weightDecay
                    o.nesterov = try flag(group, "nesterov")
                    try o.step()
                }
            }
        }
    }

    private func adam(for p: Tensor) throws -> AdamW {
        if let o = adamStates[ObjectIdentifier(p)] { return o }
        let o = try AdamW(parameters: [p])
        adamStates[ObjectIdentifier(p)] = o
        return o
    }

    private func sgd(for p: Tensor) throws -> SGD {
        if let o = sgdStates[ObjectIdentifier(p)] { return o }
        let o = try SGD(parameters: [p])
        sgdStates[ObjectIdentifier(p)] = o
        return o
    }

    /// `zero_grad(set_to_none=True)`.
    func zeroGrad(setToNone: Bool) throws {
        for p in try allParameters() {
            if setToNone { p.grad = nil } else if let g = p.grad { _ = try g.detach().zero_() }
        }
    }

    /// `state_dict()`: {"state": {index: {...}}, "param_groups": [{..., "params": [indices]}]}.
    func stateDict() throws -> Value {
        let state = PyDict()
        let groupList = PyList()
        var index = 0
        for group in try groups() {
            let packed = PyDict()
            for (key, value) in group.entries where !(key.isIdentical(to: .str("params"))) { try packed.set(key, value) }
            var indices: [Value] = []
            for p in try parameters(of: group) {
                if let entry = try parameterState(p) { try state.set(.int(index), .object(entry)) }
                indices.append(.int(index))
                index += 1
            }
            try packed.set(.str("params"), .list(indices))
            groupList.items.append(.object(packed))
        }
        let out = PyDict()
        try out.set(.str("state"), .object(state))
        try out.set(.str("param_groups"), .object(groupList))
        return .object(out)
    }

    private func parameterState(_ p: Tensor) throws -> PyDict? {
        let entry = PyDict()
        switch kind {
        case .adamW, .adam:
            guard let s = adamStates[ObjectIdentifier(p)]?.state(of: p) else { return nil }
            try entry.set(.str("step"), .tensor(Tensor(scalar: Float(s.step))))
            try entry.set(.str("exp_avg"), .tensor(s.expAvg))
            try entry.set(.str("exp_avg_sq"), .tensor(s.expAvgSq))
        case .sgd:
            guard let buffer = sgdStates[ObjectIdentifier(p)]?.momentumBuffer(of: p) else { return nil }
            try entry.set(.str("momentum_buffer"), .tensor(buffer))
        }
        return entry
    }

    /// `load_state_dict(sd)`: hyperparameters and state from a `state_dict()`.
    func loadStateDict(_ value: Value) throws {
        guard let sd = value.asObject as? PyDict,
              let savedGroups = try sd.get(.str("param_groups")), let savedState = try sd.get(.str("state")) else {
            throw PyException.valueError("loaded state dict is not an optimizer state dict (it needs 'state' and 'param_groups')")
        }
        let saved = try iterateToArray(savedGroups)
        let current = try groups()
        guard saved.count == current.count else {
            throw PyException.valueError("loaded state dict has a different number of parameter groups")
        }
        var byIndex: [Int: Tensor] = [:]
        for (g, s) in zip(current, saved) {
            guard let savedGroup = s.asObject as? PyDict else { throw PyException.typeError("param_groups entries must be dicts") }
            let ids = try iterateToArray(savedGroup.get(.str("params")) ?? .list([]))
            let params = try parameters(of: g)
            guard ids.count == params.count else {
                throw PyException.valueError("loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
            }
            for (id, p) in zip(ids, params) { byIndex[try id.asInt("param id")] = p }
        }
        guard let stateDict = savedState.asObject as? PyDict else { throw PyException.typeError("'state' must be a dict") }
        for (key, entryValue) in stateDict.entries {
            guard let p = byIndex[try key.asInt("param id")], let entry = entryValue.asObject as? PyDict else { continue }
            try setParameterState(p, entry)
        }
        for (g, s) in zip(current, saved) {
            guard let savedGroup = s.asObject as? PyDict else { continue }
            let params = try g.get(.str("params")) ?? .list([])
            for (key, v) in savedGroup.entries where !key.isIdentical(to: .str("params")) { try g.set(key, v) }
            try g.set(.str("params"), params)
        }
    }

    private func setParameterState(_ p: Tensor, _ entry: PyDict) throws {
        func tensor(_ key: String) throws -> Tensor? {
            guard let v = try entry.get(.str(key)) else { return nil }
            guard let t = v.tensorValue else { throw PyException.typeError("state '\(key)' must be a tensor, not \(v.typeName)") }
            return t.detach()
        }
        switch kind {
        case .adamW, .adam:
            guard let m = try tensor("exp_avg"), let v = try tensor("exp_avg_sq") else { return }
            let stepValue = try entry.get(.str("step")) ?? .int(0)
            let stepNumber = try stepValue.asDouble("step")
            guard stepNumber.isFinite, stepNumber >= 0, stepNumber < 1e15 else {
                throw PyException.valueError("optimizer state 'step' must be a non-negative count, got \(stepNumber)")
            }
            let step = Int(stepNumber)
            try adam(for: p).setState(AdamW.State(step: step, expAvg: m, expAvgSq: v), of: p)
        case .sgd:
            try sgd(for: p).setMomentumBuffer(try tensor("momentum_buffer"), of: p)
        }
    }

    /// `print(optimizer)`: the class name and each group's hyperparameters, sorted.
    override func repr() throws -> String {
        var out = kind.rawValue + " ("
        for (i, group) in try groups().enumerated() {
            out += "\nParameter Group \(i)\n"
            let keys = group.entries.compactMap { k, _ -> String? in if case .str(let s) = k, s != "params" { return s }; return nil }
            for key in keys.sorted() { out += "    \(key): \(try Python.str(try group.get(.str(key)) ?? .none))\n" }
        }
        return out + ")"
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "param_groups": return .object(paramGroups)
        case "defaults":
            let d = PyDict()
            for (k, v) in defaults { try d.set(.str(k), v) }
            return .object(d)
        default: return nil
        }
    }
}
