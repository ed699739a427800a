// `torch.optim.lr_scheduler`: LambdaLR, StepLR and CosineAnnealingLR, stepping the
// optimizer's `param_groups[i]["lr"]` with PyTorch's (recursive) formulas, in Python floats.
// Book appendix D (learning-rate schedules).
import Foundation
import Python

/// A learning-rate scheduler bound to one optimizer (PyTorch's `LRScheduler`, last_epoch=-1).
final class SchedulerObject: PyObject {
    enum Kind {
        case lambda([Value])
        case step(size: Int, gamma: Value)
        case cosine(tMax: Int, etaMin: Double)
    }

    let kind: Kind
    let className: String
    let optimizer: OptimizerObject
    let baseLRs: [Value]
    var lastEpoch = -1
    var stepCount = 0
    private var isInitial = false

    init(_ className: String, kind: Kind, optimizer: OptimizerObject) throws {
        (self.className, self.kind, self.optimizer) = (className, kind, optimizer)
        var bases: [Value] = []
        for group in try optimizer.groups() {
            if try group.get(.str("initial_lr")) == nil { try group.set(.str("initial_lr"), try group.get(.str("lr")) ?? .none) }
            bases.append(try group.get(.str("initial_lr")) ?? .none)
        }
        baseLRs = bases
        super.init()
        if case .lambda(let functions) = kind, functions.count != bases.count {
            throw PyException.valueError("Expected \(bases.count) lr_lambdas, but got \(functions.count)")
        }
        isInitial = true
        defer { isInitial = false }
        try step()
    }

    override var pyClass: PyClass { LRSchedulerBinding.classes[className]?.pyClass ?? LRSchedulerBinding.baseClass.pyClass }

    func currentLRs() throws -> [Value] { try optimizer.groups().map { try $0.get(.str("lr")) ?? .none } }

    /// `scheduler.step()`: last_epoch += 1, then every group's lr = get_lr().
    func step() throws {
        stepCount += 1
        lastEpoch += 1
        let values = try nextLRs()
        for (group, lr) in zip(try optimizer.groups(), values) { try group.set(.str("lr"), lr) }
    }

    private func nextLRs() throws -> [Value] {
        switch kind {
        case .lambda(let functions):
            return try zip(functions, baseLRs).map { f, base in try binaryOp(.multiply, base, try callValue(f, .int(lastEpoch))) }
        case .step(let size, let gamma):
            if lastEpoch == 0 || lastEpoch % size != 0 { return try currentLRs() }
            return try currentLRs().map { try binaryOp(.multiply, $0, gamma) }
        case .cosine(let tMax, let etaMin):
            if isInitial { return try currentLRs() }
            let t = Double(tMax), epoch = Double(lastEpoch)
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
        }
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "optimizer": return .object(optimizer)
        case "last_epoch": return .int(lastEpoch)
        case "base_lrs": return .list(baseLRs)
        default: return nil
        }
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
        baseClass.addMethod("get_last_lr", signature: "") { this, _ in .list(try receiver(this).currentLRs()) }
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
        return m
    }()

    static func receiver(_ value: Value) throws -> SchedulerObject {
        guard let s = value.asObject as? SchedulerObject else {
            throw PyException.typeError("descriptor requires a 'LRScheduler' object but received a '\(value.typeName)'")
        }
        return s
    }
}
