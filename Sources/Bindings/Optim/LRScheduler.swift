// `torch.optim.lr_scheduler`: LambdaLR, StepLR, CosineAnnealingLR, LinearLR and SequentialLR,
// stepping the optimizer's `param_groups[i]["lr"]` with PyTorch's chainable (recursive)
// formulas in Python floats, so the values match torch/optim/lr_scheduler.py to the digit.
// Book appendix D (learning-rate schedules); minGPT/nanoGPT-style warmup + cosine.
import Foundation
import Python

/// A learning-rate scheduler bound to one optimizer (PyTorch's `LRScheduler`, last_epoch=-1).
final class SchedulerObject: PyObject {
    enum Kind {
        case lambda([Value])
        case step(size: Int, gamma: Value)
        case cosine(tMax: Int, etaMin: Double)
        case linear(start: Double, end: Double, totalIters: Int)
        case sequential(schedulers: [SchedulerObject], milestones: [Int])
    }

    let kind: Kind
    let className: String
    let optimizer: OptimizerObject
    var baseLRs: [Value] = []
    var lastEpoch = -1
    var stepCount = 0
    var isInitial = false
    var lastLRs: [Value] = []

    init(_ className: String, kind: Kind, optimizer: OptimizerObject) throws {
        (self.className, self.kind, self.optimizer) = (className, kind, optimizer)
        super.init()
        if case .sequential(let schedulers, let milestones) = kind {
            try startSequence(schedulers, milestones)
            return
        }
        for group in try optimizer.groups() {
            if try group.get(.str("initial_lr")) == nil { try group.set(.str("initial_lr"), try group.get(.str("lr")) ?? .none) }
            baseLRs.append(try group.get(.str("initial_lr")) ?? .none)
        }
        if case .lambda(let functions) = kind, functions.count != baseLRs.count {
            throw PyException.valueError("Expected \(baseLRs.count) lr_lambdas, but got \(functions.count)")
        }
        try initialStep()
    }

    override var pyClass: PyClass { LRSchedulerBinding.classes[className]?.pyClass ?? LRSchedulerBinding.baseClass.pyClass }

    func currentLRs() throws -> [Value] { try optimizer.groups().map { try $0.get(.str("lr")) ?? .none } }

    /// `_initial_step`: step count reset, one step in "initial mode".
    func initialStep() throws {
        stepCount = 0
        isInitial = true
        defer { isInitial = false }
        try step()
    }

    /// `scheduler.step()`.
    func step() throws {
        if case .sequential(let schedulers, let milestones) = kind {
            lastEpoch += 1
            let index = milestones.filter { $0 <= lastEpoch }.count   // bisect_right
            let scheduler = schedulers[index]
            if index > 0 && milestones[index - 1] == lastEpoch { try scheduler.updateLR(epoch: 0) } else { try scheduler.step() }
            lastLRs = scheduler.lastLRs
            return
        }
        stepCount += 1
        try updateLR(epoch: nil)
    }

    /// `_update_lr(epoch)`: the next values (recursive, or the closed form at a given epoch) into the groups.
    func updateLR(epoch: Int?) throws {
        let values: [Value]
        if let epoch {
            lastEpoch = epoch
            values = try closedFormLRs() ?? nextLRs()
        } else {
            lastEpoch += 1
            values = try nextLRs()
        }
        for (group, lr) in zip(try optimizer.groups(), values) { try group.set(.str("lr"), lr) }
        lastLRs = try currentLRs()
    }

    /// `get_lr()` of each scheduler, as a step computes it.
    private func nextLRs() throws -> [Value] {
        let epoch = Double(lastEpoch)
        switch kind {
        case .lambda(let functions):
            return try zip(functions, baseLRs).map { f, base in try binaryOp(.multiply, base, try callValue(f, .int(lastEpoch))) }
        case .step(let size, let gamma):
            if lastEpoch == 0 || lastEpoch % size != 0 { return try currentLRs() }
            return try currentLRs().map { try binaryOp(.multiply, $0, gamma) }
        case .cosine(let tMax, let etaMin):
            if isInitial { return try currentLRs() }
            let t = Double(tMax)
            if stepCount == 1 && lastEpoch > 0 {
                return try baseLRs.map { .float(etaMin + (try $0.asDouble("lr") - etaMin) * (1 + cos(epoch * Double.pi / t)) / 2) }
            }
            if (lastEpoch - 1 - tMax) % (2 * tMax) == 0 {
                return try zip(currentLRs(), baseLRs).map { lr, base in
                    .float(try lr.asDouble("lr") + (try base.asDouble("lr") - etaMin) * (1 - cos(Double.pi / t)) / 2)
                }
            }
            return try currentLRs().map { lr in
                .float((1 + cos(Double.pi * epoch / t)) / (1 + cos(Double.pi * (epoch - 1) / t)) * (try lr.asDouble("lr") - etaMin) + etaMin)
            }
        case .linear(let start, let end, let total):
            if lastEpoch == 0 { return try currentLRs().map { try binaryOp(.multiply, $0, .float(start)) } }
            if isInitial || lastEpoch > total { return try currentLRs() }
            let factor = 1.0 + (end - start) / (Double(total) * start + (epoch - 1) * (end - start))
            return try currentLRs().map { try binaryOp(.multiply, $0, .float(factor)) }
        case .sequential:
            return try currentLRs()
        }
    }

    /// `_get_closed_form_lr()`, for the schedulers that have one.
    private func closedFormLRs() throws -> [Value]? {
        let epoch = Double(lastEpoch)
        switch kind {
        case .cosine(let tMax, let etaMin):
            return try baseLRs.map { .float(etaMin + (try $0.asDouble("lr") - etaMin) * (1 + cos(Double.pi * epoch / Double(tMax))) / 2) }
        case .step(let size, let gamma):
            let power = try binaryOp(.power, gamma, .int(Int((Double(lastEpoch) / Double(size)).rounded(.down))))
            return try baseLRs.map { try binaryOp(.multiply, $0, power) }
        case .linear(let start, let end, let total):
            let factor = start + (end - start) * Double(min(total, lastEpoch)) / Double(total)
            return try baseLRs.map { try binaryOp(.multiply, $0, .float(factor)) }
        default:
            return nil
        }
    }

    /// SequentialLR's constructor: reset the groups to their initial lr, undo the steps the
    /// child schedulers took when they were made, and start the first one again.
    private func startSequence(_ schedulers: [SchedulerObject], _ milestones: [Int]) throws {
        lastEpoch = 0
        for group in try optimizer.groups() { try group.set(.str("lr"), try group.get(.str("initial_lr")) ?? .none) }
        func undo(_ s: SchedulerObject) {
            if case .sequential(let children, _) = s.kind { children.forEach(undo) } else { s.lastEpoch -= 1 }
        }
        schedulers.forEach(undo)
        let index = milestones.filter { $0 <= 0 }.count
        try schedulers[index].initialStep()
        lastLRs = schedulers[index].lastLRs
        baseLRs = schedulers.first?.baseLRs ?? []
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "optimizer": return .object(optimizer)
        case "last_epoch": return .int(lastEpoch)
        case "base_lrs": return .list(baseLRs)
        case "_step_count": return .int(stepCount)
        case "_last_lr": return .list(lastLRs)
        case "_schedulers":
            if case .sequential(let s, _) = kind { return .list(s.map { .object($0) }) }
            return nil
        case "_milestones":
            if case .sequential(_, let m) = kind { return .list(m.map { .int($0) }) }
            return nil
        default: return stateEntries().first { $0.0 == name }?.1
        }
    }

    /// The scheduler's own settings, first in `state_dict()` (its `__dict__` order).
    private func stateEntries() -> [(String, Value)] {
        switch kind {
        case .lambda: return []
        case .step(let size, let gamma): return [("step_size", .int(size)), ("gamma", gamma)]
        case .cosine(let tMax, let etaMin): return [("T_max", .int(tMax)), ("eta_min", .float(etaMin))]
        case .linear(let start, let end, let total): return [("start_factor", .float(start)), ("end_factor", .float(end)), ("total_iters", .int(total))]
        case .sequential: return []
        }
    }

    /// `state_dict()`: what PyTorch's holds for these schedulers (lambdas as None).
    func stateDict() throws -> Value {
        let d = PyDict()
        if case .sequential(let schedulers, let milestones) = kind {
            try d.set(.str("_milestones"), .list(milestones.map { .int($0) }))
            try d.set(.str("last_epoch"), .int(lastEpoch))
            try d.set(.str("_last_lr"), .list(lastLRs))
            try d.set(.str("_schedulers"), .list(try schedulers.map { try $0.stateDict() }))
            return .object(d)
        }
        for (key, value) in stateEntries() { try d.set(.str(key), value) }
        try d.set(.str("base_lrs"), .list(baseLRs))
        try d.set(.str("last_epoch"), .int(lastEpoch))
        try d.set(.str("_step_count"), .int(stepCount))
        try d.set(.str("_is_initial"), .false)
        try d.set(.str("_get_lr_called_within_step"), .false)
        try d.set(.str("_last_lr"), .list(lastLRs))
        if case .lambda(let functions) = kind { try d.set(.str("lr_lambdas"), .list(functions.map { _ in .none })) }
        return .object(d)
    }
}

enum LRSchedulerBinding {
    static let baseClass = NativeClass(name: "LRScheduler", module: "torch.optim.lr_scheduler")
    nonisolated(unsafe) static var classes: [String: NativeClass] = [:]

    static let module: NativeModule = {
        let m = NativeModule(name: "torch.optim.lr_scheduler")
        baseClass.addMethod("step", signature: "epoch=None") { this, args in
            guard args.isNone("epoch") else { throw PyException.notImplemented("scheduler.step(epoch) is not supported in the workbench; call step() once per step") }
            try receiver(this).step()
            return .none
        }
        baseClass.addMethod("get_last_lr", signature: "") { this, _ in .list(try receiver(this).lastLRs) }
        baseClass.addMethod("state_dict", signature: "") { this, _ in try receiver(this).stateDict() }
        m.addClass(baseClass)
        func scheduler(_ name: String, _ signature: String, _ kind: @escaping (BoundArguments) throws -> SchedulerObject.Kind) {
            let cls = NativeClass(name: name, module: "torch.optim.lr_scheduler", base: baseClass.pyClass)
            cls.setConstructor(signature: signature) { _, args in
                guard let optimizer = args["optimizer"].asObject as? OptimizerObject else {
                    throw PyException.typeError("\(args["optimizer"].typeName) is not an Optimizer")
                }
                if try args.int("last_epoch") != -1 {
                    throw PyException.notImplemented("resuming a scheduler with last_epoch is not supported in the workbench")
                }
                return .object(try SchedulerObject(name, kind: try kind(args), optimizer: optimizer))
            }
            classes[name] = cls
            m.addClass(cls)
        }
        scheduler("LambdaLR", "optimizer, lr_lambda, last_epoch=-1") { args in
            let f = args["lr_lambda"]
            if case .object(let o) = f, o is PyList || o is PyTuple { return .lambda(try iterateToArray(f)) }
            let count = (args["optimizer"].asObject as? OptimizerObject)?.paramGroups.items.count ?? 1
            return .lambda(Array(repeating: f, count: count))
        }
        scheduler("StepLR", "optimizer, step_size, gamma=0.1, last_epoch=-1") { args in
            let size = try args.int("step_size")
            if size <= 0 { throw PyException.valueError("step_size must be a positive integer, got \(size)") }
            return .step(size: size, gamma: args["gamma"])
        }
        scheduler("CosineAnnealingLR", "optimizer, T_max, eta_min=0.0, last_epoch=-1") { args in
            let tMax = try args.int("T_max")
            if tMax <= 0 { throw PyException.valueError("T_max must be a positive integer, got \(tMax)") }
            return .cosine(tMax: tMax, etaMin: try args.double("eta_min"))
        }
        scheduler("LinearLR", "optimizer, start_factor=0.3333333333333333, end_factor=1.0, total_iters=5, last_epoch=-1") { args in
            let start = try args.double("start_factor"), end = try args.double("end_factor")
            if start > 1.0 || start <= 0 {
                throw PyException.valueError("Starting multiplicative factor expected to be greater than 0 and less or equal to 1.")
            }
            if end > 1.0 || end < 0 { throw PyException.valueError("Ending multiplicative factor expected to be between 0 and 1.") }
            return .linear(start: start, end: end, totalIters: try args.int("total_iters"))
        }
        scheduler("SequentialLR", "optimizer, schedulers, milestones, last_epoch=-1") { args in
            let items = try iterateToArray(args["schedulers"])
            if items.isEmpty { throw PyException.valueError("SequentialLR expects at least one scheduler, but got no scheduler.") }
            var schedulers: [SchedulerObject] = []
            for (i, item) in items.enumerated() {
                guard let s = item.asObject as? SchedulerObject else {
                    throw PyException.typeError("SequentialLR at index \(i) should have `optimizer` as its attribute.")
                }
                if s.optimizer !== args["optimizer"].asObject {
                    throw PyException.valueError("SequentialLR expects all schedulers to belong to the same optimizer, but got scheduler \(s.className) at index \(i) has \(try Python.repr(.object(s.optimizer))), which is different from \(s.optimizer.pyClass.name).")
                }
                schedulers.append(s)
            }
            let milestones = try iterateToArray(args["milestones"]).map { try $0.asInt("milestone") }
            if milestones.count != schedulers.count - 1 {
                throw PyException.valueError("Sequential Schedulers expects number of schedulers provided to be one more than the number of milestone points, but got number of schedulers \(schedulers.count) and the number of milestones to be equal to \(milestones.count)")
            }
            return .sequential(schedulers: schedulers, milestones: milestones)
        }
        return m
    }()

    static func receiver(_ value: Value) throws -> SchedulerObject {
        guard let s = value.asObject as? SchedulerObject else {
            throw PyException.typeError("descriptor requires a 'LRScheduler' object but received a '\(value.typeName)'")
        }
        return s
    }
}
