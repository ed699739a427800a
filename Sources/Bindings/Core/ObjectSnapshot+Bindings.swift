// How the workbench's step snapshots save and restore the bindings' objects in place:
// tensors (fields, plus their storage to copy), modules, optimizers, data loaders, generators.
import NN
import Python
import Tensor

enum BindingSnapshots {
    static func register() {
        ObjectSnapshot.register { object in try save(object) }
    }

    /// The state of a bindings object, `.referencing` for ones that never change, nil for others.
    static func save(_ o: PyObject) throws -> SavedObjectState? {
        if let t = (o as? TensorObject)?.tensor { return save(t) }
        if let m = o as? ModuleObject { return save(m) }
        if let optimizer = o as? OptimizerObject { return save(optimizer) }
        if let g = o as? GeneratorObject {
            let generator = g.generator, state = generator.getState()
            return SavedObjectState(references: []) { try? generator.setState(state) }
        }
        if let loader = o as? DataLoaderObject {
            return .referencing([loader.dataset, loader.sampler, loader.collateFunction] + (loader.generator.map { [.object($0)] } ?? []))
        }
        if let i = o as? DataLoaderIterator {
            let s = i.sampler
            let (done, order, position, finished) = (i.done, s.order, s.position, s.finished)
            let fields: [(String, Value)] = [("loader", .object(i.loader)), ("position", .int(position)), ("done", .bool(done || finished))]
            return SavedObjectState(references: [.object(i.loader)] + (s.custom.map { [.object($0)] } ?? []), fields: fields) {
                (i.done, s.order, s.position, s.finished) = (done, order, position, finished)
            }
        }
        if let i = o as? IndexedIterator {
            let position = i.position
            return SavedObjectState(references: [.object(i.source)], fields: [("source", .object(i.source)), ("position", .int(position))]) {
                i.position = position
            }
        }
        if let i = o as? TensorRowIterator {
            let position = i.position
            return SavedObjectState(references: [.tensor(i.tensor)], fields: [("tensor", .tensor(i.tensor)), ("position", .int(position))]) {
                i.position = position
            }
        }
        if let a = o as? NDArrayObject { return save(a.array) }
        if let i = o as? NDArrayRowIterator {
            let position = i.position
            return SavedObjectState(references: [.tensor(i.array)], fields: [("array", .tensor(i.array)), ("position", .int(position))]) {
                i.position = position
            }
        }
        if let d = o as? TensorDatasetObject { return .referencing(d.tensors.map { .tensor($0) }) }
        if let d = o as? SubsetObject { return .referencing([d.dataset]) }
        if let s = o as? SequentialSamplerObject { return .referencing([s.dataSource]) }
        if let s = o as? RandomSamplerObject { return .referencing([s.dataSource] + (s.generator.map { [.object($0)] } ?? [])) }
        if let r = o as? ReturnTypeObject { return .referencing([.tensor(r.values), .tensor(r.indices)]) }
        if let m = o as? Measurement { return .referencing([m.result]) }
        if o is EncodingObject || o is MergeableRanksObject || o is SizeObject || o is DTypeObject || o is DeviceObject
            || o is GradFnObject || o is PatternObject || o is MatchObject || o is NumpyDTypeObject || o is IncompatibleKeysObject {
            return .referencing([])
        }
        return nil
    }

    /// A tensor's fields, its gradient, and its storage (whose bytes the snapshot copies).
    static func save(_ tensor: Tensor) -> SavedObjectState {
        let state = tensor.savedState
        return SavedObjectState(references: state.grad.map { [.tensor($0)] } ?? [], contents: [tensor.storage]) {
            tensor.restore(state)
        }
    }

    /// A module's own attributes and registrations; its tensors and children are saved in turn.
    static func save(_ m: ModuleObject) -> SavedObjectState {
        let attributes = m.attributes, slots = m.module.savedSlots, module = m.module
        let references = attributes.map(\.value) + slots.tensors.map { .tensor($0) }
            + slots.modules.map { .object(ModuleObject.wrap($0)) }
        return SavedObjectState(references: references) {
            m.attributes = attributes
            module.restore(slots)
        }
    }

    /// An optimizer's per-parameter state (step counts and moment tensors) and hyperparameters;
    /// `param_groups` are plain dicts, saved as such.
    static func save(_ o: OptimizerObject) -> SavedObjectState {
        let adams = o.adamStates, sgds = o.sgdStates
        var references: [Value] = [.object(o.paramGroups)]
        var restores: [() -> Void] = []
        for adam in adams.values {
            let states = adam.parameters.map { adam.state(of: $0) }
            let (lr, b1, b2, eps, wd) = (adam.learningRate, adam.beta1, adam.beta2, adam.eps, adam.weightDecay)
            references += adam.parameters.map { .tensor($0) }
            references += states.compactMap { $0 }.flatMap { [Value.tensor($0.expAvg), .tensor($0.expAvgSq)] }
            restores.append {
                for (p, s) in zip(adam.parameters, states) { try? adam.setState(s, of: p) }
                (adam.learningRate, adam.beta1, adam.beta2, adam.eps, adam.weightDecay) = (lr, b1, b2, eps, wd)
            }
        }
        for sgd in sgds.values {
            let buffers = sgd.parameters.map { sgd.momentumBuffer(of: $0) }
            let (lr, momentum, dampening, wd, nesterov) = (sgd.learningRate, sgd.momentum, sgd.dampening, sgd.weightDecay, sgd.nesterov)
            references += sgd.parameters.map { .tensor($0) } + buffers.compactMap { $0 }.map { .tensor($0) }
            restores.append {
                for (p, b) in zip(sgd.parameters, buffers) { try? sgd.setMomentumBuffer(b, of: p) }
                (sgd.learningRate, sgd.momentum, sgd.dampening, sgd.weightDecay, sgd.nesterov) = (lr, momentum, dampening, wd, nesterov)
            }
        }
        return SavedObjectState(references: references) {
            o.adamStates = adams
            o.sgdStates = sgds
            for restore in restores { restore() }
        }
    }
}
