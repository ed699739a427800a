// `torch.save`, `torch.load` and the `safetensors` / `safetensors.torch` modules
// (load_file, save_file, safe_open). Book chapter 5.4 and appendix (loading GPT-2 weights).
import Foundation
import NN
import Python
import Tensor

enum SerializationBinding {
    static let safeOpenClass = NativeClass(name: "safe_open", module: "builtins")

    /// `safetensors.torch`.
    static let torchModule: NativeModule = {
        let m = NativeModule(name: "safetensors.torch")
        m.addFunction("load_file", signature: "filename, device='cpu'") { args in
            let path = try args.string("filename")
            let d = PyDict()
            for (name, t) in try loadTensors(path) { try d.set(.str(name), .tensor(t)) }
            return .object(d)
        }
        m.addFunction("save_file", signature: "tensors, filename, metadata=None") { args in
            let path = try args.string("filename")
            let data = try Safetensors.encode(try namedTensors(args["tensors"]), metadata: try metadata(args["metadata"]))
            try Sandbox.check(path, .write)
            do { try Safetensors.writeAtomically(data, to: path) } catch let e as Safetensors.FileWriteError {
                // The safetensors package's text (it too writes a temporary file and renames it).
                let shown = e.path.hasPrefix("/") ? e.path : FileManager.default.currentDirectoryPath + "/" + e.path
                throw PyException(safetensorError, "Error while serializing: I/O error: \(e.message) (os error \(e.code)) at path \"\(shown)\"")
            }
            return .none
        }
        return m
    }()

    /// The safetensors package's error for a corrupt or truncated file (`from safetensors import SafetensorError`).
    static let safetensorError = PyClass(name: "SafetensorError", bases: [BuiltinTypes.exception("Exception")],
                                         moduleName: "safetensors_rust")

    /// `safetensors`.
    static let module: NativeModule = {
        let m = NativeModule(name: "safetensors")
        m.add("__version__", .str(version))
        m.add("SafetensorError", .object(safetensorError))
        safeOpenClass.setConstructor(signature: "filename, framework, device='cpu'") { _, args in
            let path = try args.string("filename")
            let data = try readForSafetensors(path)
            return .object(SafeOpenObject(tensors: try Safetensors.decode(data, path: path), metadata: try Checkpoint.metadata(data, path: path)))
        }
        safeOpenClass.addMethod("keys", signature: "") { this, _ in
            .list(try receiver(this).tensors.map { $0.name }.sorted().map { .str($0) })
        }
        safeOpenClass.addMethod("get_tensor", signature: "name") { this, args in
            let name = try args.string("name")
            guard let t = try receiver(this).tensors.first(where: { $0.name == name })?.tensor else {
                throw PyException(safetensorError, "File does not contain tensor \(name)")
            }
            return .tensor(t)
        }
        safeOpenClass.addMethod("metadata", signature: "") { this, _ in
            let meta = try receiver(this).metadata
            if meta.isEmpty { return .none }
            let d = PyDict()
            for (k, v) in meta.sorted(by: { $0.key < $1.key }) { try d.set(.str(k), .str(v)) }
            return .object(d)
        }
        safeOpenClass.addMethod("__enter__", signature: "") { this, _ in this }
        safeOpenClass.addMethod("__exit__", signature: "*args") { _, _ in .false }
        m.addClass(safeOpenClass)
        m.addSubmodule(torchModule, as: "torch")
        return m
    }()

    static func receiver(_ value: Value) throws -> SafeOpenObject {
        guard let o = value.asObject as? SafeOpenObject else { throw PyException.typeError("expected a safe_open object, not \(value.typeName)") }
        return o
    }

    /// The file's bytes, with the safetensors package's FileNotFoundError text.
    static func readForSafetensors(_ path: String) throws -> Data {
        try Sandbox.check(path, .read)
        guard FileManager.default.fileExists(atPath: path) else {
            throw PyException(BuiltinTypes.fileNotFoundError, "No such file or directory: \(path)")
        }
        return try Checkpoint.readFile(path, what: "safetensors")
    }

    static func loadTensors(_ path: String) throws -> [(name: String, tensor: Tensor)] {
        try Safetensors.decode(try readForSafetensors(path), path: path)
    }

    /// A dict of str → tensor, checked as `save_file` checks it.
    static func namedTensors(_ value: Value) throws -> [(name: String, tensor: Tensor)] {
        guard let d = value.asObject as? PyDict else {
            throw PyException.valueError("Expected a dict of [str, torch.Tensor] but received <class '\(value.typeName)'>")
        }
        return try d.entries.map { key, item in
            guard case .str(let name) = key else {
                throw PyException.valueError("Expected a dict of [str, torch.Tensor] but received <class 'dict'>")
            }
            guard let t = item.tensorValue else {
                throw PyException.valueError("Key `\(name)` is invalid, expected torch.Tensor but received <class '\(item.typeName)'>")
            }
            guard t.isContiguous else {
                throw PyException.valueError("You are trying to save a non contiguous tensor: `\(name)` which is not allowed. It either means you are trying to save tensors which are reference of each other in which case it's recommended to save only the full tensors, and reslice at load time, or simply call `.contiguous()` on your tensor to pack it before saving.")
            }
            return (name, t)
        }
    }

    static func metadata(_ value: Value) throws -> [String: String]? {
        if value.isNone { return nil }
        guard let d = value.asObject as? PyDict else { throw PyException.typeError("metadata must be a dict of str to str, not \(value.typeName)") }
        var out: [String: String] = [:]
        for (k, v) in d.entries { out[try k.asString("metadata key")] = try v.asString("metadata value") }
        return out
    }

    /// The safetensors release whose file format and messages the module follows.
    static let version = "0.8.0"

    static func register() {
        Interpreter.setPackageVersion("safetensors", version)
        TorchBinding.module.addFunction("save", signature: "obj, f, pickle_module=None, pickle_protocol=2, _use_new_zipfile_serialization=True") { args in
            try Checkpoint.save(args["obj"], path: try Checkpoint.path(args["f"], "torch.save"))
            return .none
        }
        TorchBinding.module.addFunction("load", signature: "f, map_location=None, pickle_module=None, *, weights_only=None, mmap=None, **pickle_load_args") { args in
            try Checkpoint.load(path: try Checkpoint.path(args["f"], "torch.load"))
        }
        Interpreter.registerNativeModule("safetensors") { _ in module.module }
        Interpreter.registerNativeModule("safetensors.torch") { _ in torchModule.module }
    }
}

/// `with safe_open(path, framework="pt") as f:` — the file's tensors and metadata.
final class SafeOpenObject: PyObject {
    let tensors: [(name: String, tensor: Tensor)]
    let metadata: [String: String]
    init(tensors: [(name: String, tensor: Tensor)], metadata: [String: String]) { (self.tensors, self.metadata) = (tensors, metadata) }
    override var pyClass: PyClass { SerializationBinding.safeOpenClass.pyClass }
}
