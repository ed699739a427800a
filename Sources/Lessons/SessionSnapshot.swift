// The state of a lesson session after one step, saved so that `back` and `goto` restore it
// in place instead of replaying: globals, every object they reach, tensor bytes, RNG state.

import Foundation
import Bindings
import Python
import Tensor

/// Everything that decides what later steps print, saved after a step.
///
/// Objects are restored in place (the same objects get their old attributes, items and
/// bytes back), so functions the learner defined at the prompt keep working. Tensor bytes
/// are copied once and shared with the previous snapshot while a storage keeps them.
final class SessionSnapshot {
    /// The steps run when it was taken.
    let step: Int
    /// The values of the parameters that steps 1...`step` use.
    let parameters: [String: String]
    /// Globals that were the learner's (defined at the prompt), not the lesson's.
    let learnerNames: Set<String>
    private let globals: [(String, Value)]
    private let objects: [SavedObjectState]
    /// Storage bytes by storage identity.
    let copies: [ObjectIdentifier: StorageCopy]
    /// Bytes of `copies` not shared with the snapshot it was taken after.
    let newBytes: Int
    private let context: (generator: GeneratorState, printOptions: PrintOptions, gradEnabled: Bool)?
    /// `random.getstate()` when the lesson has imported `random`.
    private let pythonRandom: Value?
    /// The interpreter's own copies of native modules, as they were (`torch.manual_seed = 1` undone).
    private let modules: NativeModuleNamespaces

    /// Saves `interpreter`'s state. Throws `UnsavableObject` when something reachable cannot be saved.
    init(step: Int, parameters: [String: String], learnerNames: Set<String>, interpreter: Interpreter,
         previous: SessionSnapshot?, limit: Int) throws {
        self.step = step
        self.parameters = parameters
        self.learnerNames = learnerNames
        let context = SessionSnapshot.context(of: interpreter)
        let globals = interpreter.mainModule.globals.items()
        // Objects are saved inside the interpreter's context: `torch.default_generator` is its own.
        let (objects, storages) = try SessionSnapshot.within(context) { try SessionSnapshot.save(globals.map(\.1)) }
        // Bytes the previous snapshot still holds are shared; only the rest is copied.
        var copies: [ObjectIdentifier: StorageCopy] = [:]
        var fresh: [Storage] = []
        for storage in storages {
            let id = ObjectIdentifier(storage)
            if let old = previous?.copies[id], old.isCurrent { copies[id] = old } else { fresh.append(storage) }
        }
        let newBytes = fresh.reduce(0) { $0 + $1.byteCount }
        if newBytes > limit { throw TooLarge(bytes: newBytes, limit: limit) }
        for storage in fresh { copies[ObjectIdentifier(storage)] = try StorageCopy(storage) }
        self.globals = globals
        self.objects = objects
        self.copies = copies
        self.newBytes = newBytes
        self.context = context.map { ($0.generator.getState(), $0.printOptions, $0.gradEnabled) }
        modules = interpreter.saveNativeModuleNamespaces()
        if let module = interpreter.loadedModule("random"), let getstate = module.globals["getstate"] {
            pythonRandom = try? interpreter.call(getstate, Arguments())
        } else {
            pythonRandom = nil
        }
    }

    /// A state whose changed tensors alone are past the snapshot memory limit.
    struct TooLarge: Error, CustomStringConvertible {
        let bytes: Int, limit: Int
        var description: String {
            "\(Storage.formatBytes(bytes)) of tensors, past the \(Storage.formatBytes(limit)) snapshot limit"
        }
    }

    /// Walks everything the globals reach, saving each object's state once.
    private static func save(_ roots: [Value]) throws -> ([SavedObjectState], [Storage]) {
        var states: [SavedObjectState] = []
        var storages: [Storage] = []
        var seen = Set<ObjectIdentifier>()
        var pending = roots
        while let value = pending.popLast() {
            guard case .object(let o) = value, seen.insert(ObjectIdentifier(o)).inserted else { continue }
            guard let state = try ObjectSnapshot.save(o) else { continue }
            states.append(state)
            pending.append(contentsOf: state.references)
            for case let storage as Storage in state.contents where seen.insert(ObjectIdentifier(storage)).inserted {
                storages.append(storage)
            }
        }
        return (states, storages)
    }

    /// Puts the saved state back into `interpreter`.
    func restore(into interpreter: Interpreter) {
        let context = SessionSnapshot.context(of: interpreter)
        SessionSnapshot.within(context) {
            for object in objects { object.restore() }
        }
        for copy in copies.values { copy.restore() }
        let names = Set(globals.map(\.0))
        for (name, _) in interpreter.mainModule.globals.items() where !names.contains(name) {
            interpreter.mainModule.globals[name] = nil
        }
        for (name, value) in globals { interpreter.mainModule.globals[name] = value }
        interpreter.restoreNativeModuleNamespaces(modules)
        if let context, let saved = self.context {
            try? context.generator.setState(saved.generator)
            context.printOptions = saved.printOptions
            context.gradEnabled = saved.gradEnabled
        }
        if let state = pythonRandom, let module = interpreter.loadedModule("random"), let setstate = module.globals["setstate"] {
            _ = try? interpreter.call(setstate, Arguments([state]))
        }
    }

    /// The names bound when it was taken, and to what.
    var boundNames: [(String, Value)] { globals }

    private static func context(of interpreter: Interpreter) -> ExecutionContext? {
        interpreter.scopes.lazy.compactMap { $0 as? ExecutionContext }.first
    }

    private static func within<T>(_ context: ExecutionContext?, _ body: () throws -> T) rethrows -> T {
        guard let context else { return try body() }
        return try context.run(body)
    }
}
