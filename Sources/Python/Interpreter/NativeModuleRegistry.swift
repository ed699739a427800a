// Native modules (torch, numpy, tiktoken, re, ...): registered once for the process, and
// copied into each interpreter on import, so `torch.manual_seed = 123` in one session
// changes that session's `torch` only (a lesson's snapshots undo it on `back`, `rerun`, `reset`).
import Foundation

extension Interpreter {
    /// Name → loader. A registry filled at start-up (Bindings.registerAll), read under the lock.
    nonisolated(unsafe) private static var nativeModuleLoaders: [String: (Interpreter) throws -> PyModule] = [:]

    /// Registers a native module for every interpreter (thread-safe; typically at startup).
    /// Each interpreter calls the loader once, on the first `import`, and gets its own copy
    /// of the module the loader returns (which may therefore be shared, built once).
    public static func registerNativeModule(_ name: String, loader: @escaping (Interpreter) throws -> PyModule) {
        registryLock.lock()
        defer { registryLock.unlock() }
        nativeModuleLoaders[name] = loader
    }

    static func nativeModuleLoader(_ name: String) -> ((Interpreter) throws -> PyModule)? {
        registryLock.lock()
        defer { registryLock.unlock() }
        return nativeModuleLoaders[name]
    }

    /// This interpreter's copy of a native module: a new namespace holding the same values
    /// (functions, classes, constants), with every submodule copied the same way, once, so
    /// `torch.nn` and `import torch.nn` stay one object. Assigning to an attribute of the
    /// copy leaves the shared module, and so every other interpreter, as it was.
    func ownCopy(of shared: PyModule) -> PyModule {
        if let known = moduleCopies[ObjectIdentifier(shared)] { return known.copy }
        let copy = PyModule(name: shared.name)
        // The shared module is kept alive with its copy, so its identifier is never reused.
        moduleCopies[ObjectIdentifier(shared)] = (shared, copy)
        for (name, value) in shared.globals.items() {
            if case .object(let object) = value, let submodule = object as? PyModule {
                copy.globals[name] = .object(ownCopy(of: submodule))
            } else {
                copy.globals[name] = value
            }
        }
        return copy
    }
}

/// The namespaces of an interpreter's copies of native modules at one moment (a lesson's
/// snapshot), so going back also undoes `torch.manual_seed = 123` typed at the prompt.
public struct NativeModuleNamespaces {
    fileprivate let items: [ObjectIdentifier: [(String, Value)]]
}

extension Interpreter {
    /// What each native module copied into this interpreter holds now.
    public func saveNativeModuleNamespaces() -> NativeModuleNamespaces {
        NativeModuleNamespaces(items: moduleCopies.mapValues { $0.copy.globals.items() })
    }

    /// Puts each copy's namespace back as `saved` had it; a copy made after `saved` gets
    /// the shared module's names again (its submodules mapped to this interpreter's copies).
    public func restoreNativeModuleNamespaces(_ saved: NativeModuleNamespaces) {
        for (key, entry) in moduleCopies {
            let wanted: [(String, Value)] = saved.items[key] ?? entry.shared.globals.items().map { name, value in
                if case .object(let object) = value, let submodule = object as? PyModule { return (name, .object(ownCopy(of: submodule))) }
                return (name, value)
            }
            let names = Set(wanted.map(\.0))
            for (name, _) in entry.copy.globals.items() where !names.contains(name) { entry.copy.globals[name] = nil }
            for (name, value) in wanted { entry.copy.globals[name] = value }
        }
    }
}
