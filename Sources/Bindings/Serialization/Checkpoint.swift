// `torch.save` / `torch.load` in the safetensors format: tensors become the file's named
// tensors, and the object around them (dicts, lists, numbers...) is recorded as JSON in the
// header's `__metadata__`, so `torch.load` rebuilds the same object. Book chapter 5.4.
//
// A state_dict (a flat dict of str → tensor) is stored under its own keys, so the file is a
// plain safetensors file that `safetensors.torch.load_file` reads. Nested objects name their
// tensors by path: {"model_state_dict": {"tok_emb.weight": t}} stores "model_state_dict/tok_emb.weight".
// Saving writes a temporary file beside the target and renames it, so a failed or killed
// save leaves the previous checkpoint whole.
import Foundation
import NN
import Python
import Tensor

enum Checkpoint {
    /// The `__metadata__` key holding the object's structure.
    static let structureKey = "llmwb.structure"

    /// `torch.save(obj, path)`.
    static func save(_ object: Value, path: String) throws {
        var writer = StructureWriter()
        let structure = try writer.encode(object, path: [])
        let json = try JSONSerialization.data(withJSONObject: structure, options: [.fragmentsAllowed, .withoutEscapingSlashes])
        try Sandbox.check(path, .write)
        // PyTorch's checks and texts; `~` is a folder name like any other, as in PyTorch.
        let parent = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !parent.isEmpty, !(FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) && isDirectory.boolValue) {
            throw PyException.runtimeError("Parent directory \(parent) does not exist.")
        }
        let data = try Safetensors.encode(writer.tensors, metadata: [structureKey: String(decoding: json, as: UTF8.self)])
        do { try Safetensors.writeAtomically(data, to: path) } catch let e as Safetensors.FileWriteError {
            throw PyException.runtimeError("[enforce fail at inline_container.cc:746] . open file failed with strerror: \(e.message)")
        }
    }

    /// `torch.load(path)`: the saved object, or for a safetensors file made elsewhere
    /// the dict of its tensors in file order.
    static func load(path: String) throws -> Value {
        let data = try readFile(path, what: "torch.load")
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            throw PyException.runtimeError("\(path) is a PyTorch pickle checkpoint, which the workbench cannot read: it reads safetensors files (saved by torch.save in the workbench or safetensors.torch.save_file)")
        }
        let tensors = try Safetensors.decode(data, path: path)
        var byName: [String: Tensor] = [:]
        for (name, t) in tensors { byName[name] = t }
        guard let text = try metadata(data, path: path)[structureKey] else {
            let d = PyDict()
            for (name, t) in tensors { try d.set(.str(name), .tensor(t)) }
            return .object(d)
        }
        guard let structure = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            throw PyException.runtimeError("\(path): the saved object's structure is not valid JSON")
        }
        return try StructureReader(tensors: byName, path: path).decode(structure)
    }

    /// The whole file, or Python's FileNotFoundError text.
    static func readFile(_ path: String, what: String) throws -> Data {
        try Sandbox.check(path, .read)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw PyFile.osError(ENOENT, path)
        }
        if isDirectory.boolValue { throw PyFile.osError(EISDIR, path) }
        guard let data = FileManager.default.contents(atPath: path) else { throw PyFile.osError(EACCES, path) }
        return data
    }

    /// The `__metadata__` strings of a safetensors file (already checked by `Safetensors.decode`).
    static func metadata(_ data: Data, path: String) throws -> [String: String] {
        guard data.count >= 8 else { return [:] }
        let length = data.prefix(8).enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard length >= 0, length <= data.count - 8 else { return [:] }
        let header = data[data.startIndex + 8..<data.startIndex + 8 + length]
        guard let object = (try? JSONSerialization.jsonObject(with: header)) as? [String: Any],
              let meta = object["__metadata__"] as? [String: Any] else { return [:] }
        return meta.compactMapValues { $0 as? String }
    }

    /// The file name argument of save/load (a str path).
    static func path(_ value: Value, _ function: String) throws -> String {
        guard case .str(let s) = value else {
            throw PyException.typeError("\(function): f must be a file path (str) in the workbench, not \(value.typeName)")
        }
        return s
    }
}

/// Turns a script value into JSON-ready tagged nodes, collecting its tensors.
/// Nodes: null, {"int": "3"}, {"float": "0.001"}, {"bool": "True"}, {"str": s},
/// {"tensor": name}, {"list": [...]}, {"tuple": [...]}, {"dict": [[key, value], ...]}.
struct StructureWriter {
    var tensors: [(name: String, tensor: Tensor)] = []
    private var names: [ObjectIdentifier: String] = [:]
    private var used: Set<String> = []

    mutating func encode(_ value: Value, path: [String]) throws -> Any {
        switch value {
        case .none: return NSNull()
        case .bool(let b): return ["bool": b ? "True" : "False"]
        case .int(let i): return ["int": String(i)]
        case .float(let d): return ["float": floatRepr(d)]
        case .str(let s): return ["str": s]
        case .object(let o):
            if let t = value.tensorValue { return ["tensor": name(for: t, path: path)] }
            if let list = o as? PyList {
                return ["list": try list.items.enumerated().map { try encode($1, path: path + [String($0)]) }]
            }
            if let tuple = o as? PyTuple {
                return ["tuple": try tuple.items.enumerated().map { try encode($1, path: path + [String($0)]) }]
            }
            if let dict = o as? PyDict {
                return ["dict": try dict.entries.map { key, item -> [Any] in
                    [try encode(key, path: path), try encode(item, path: path + [try Python.str(key)])]
                }]
            }
            throw PyException.typeError("torch.save in the workbench stores tensors, numbers, strings, None and lists, tuples and dicts of them, not '\(value.typeName)' (to save a model, save model.state_dict())")
        }
    }

    /// A unique tensor name from the path. A tensor seen before (tied weights) is stored
    /// again under its new name, so plain safetensors readers see every key, but the
    /// structure refers to its first name, so `torch.load` gives back one shared tensor.
    private mutating func name(for t: Tensor, path: [String]) -> String {
        let base = path.isEmpty ? "tensor" : path.joined(separator: "/")
        var name = base
        var suffix = 1
        while used.contains(name) { name = "\(base)#\(suffix)"; suffix += 1 }
        used.insert(name)
        tensors.append((name, t))
        if let existing = names[ObjectIdentifier(t)] { return existing }
        names[ObjectIdentifier(t)] = name
        return name
    }
}

/// Rebuilds a value from the tagged nodes written by `StructureWriter`.
struct StructureReader {
    let tensors: [String: Tensor]
    let path: String

    func decode(_ node: Any) throws -> Value {
        if node is NSNull { return .none }
        guard let tagged = node as? [String: Any], tagged.count == 1, let (tag, payload) = tagged.first else {
            throw invalid()
        }
        switch tag {
        case "bool": return .bool((payload as? String) == "True")
        case "int":
            guard let s = payload as? String, let i = Int(s) else { throw invalid() }
            return .int(i)
        case "float":
            guard let s = payload as? String, let d = Double(s) else { throw invalid() }
            return .float(d)
        case "str":
            guard let s = payload as? String else { throw invalid() }
            return .str(s)
        case "tensor":
            guard let name = payload as? String, let t = tensors[name] else { throw invalid() }
            return .tensor(t)
        case "list", "tuple":
            guard let items = payload as? [Any] else { throw invalid() }
            let values = try items.map(decode)
            return tag == "list" ? .list(values) : .tuple(values)
        case "dict":
            guard let pairs = payload as? [Any] else { throw invalid() }
            let d = PyDict()
            for pair in pairs {
                guard let kv = pair as? [Any], kv.count == 2 else { throw invalid() }
                try d.set(try decode(kv[0]), try decode(kv[1]))
            }
            return .object(d)
        default:
            throw invalid()
        }
    }

    private func invalid() -> PyException {
        PyException.runtimeError("\(path): the saved object's structure is damaged")
    }
}
