// What a variable holds, by content (tensors by shape and bytes, objects by their attributes
// and parameters, never by address), to tell `rerun`'s "changed:" list what really changed.

import Foundation
import Bindings
import Python
import Tensor

/// A tensor's content: shape, dtype, autograd flags and its elements' bytes.
struct TensorContent: Equatable {
    let shape: [Int]
    let dtype: DType
    let requiresGrad: Bool
    /// The elements row-major (or, past `byteLimit`, a hash of them).
    let bytes: Data?
    let hash: Int?

    /// Tensors larger than this are compared by a hash of their bytes, without max |Δ|.
    static let byteLimit = 64 << 20

    init(_ t: Tensor) {
        shape = t.shape
        dtype = t.dtype
        requiresGrad = t.requiresGrad
        let contiguous = (try? t.contiguousData()) ?? t
        let count = contiguous.count * contiguous.dtype.itemSize
        let start = UnsafeRawPointer(contiguous.storage.pointer) + contiguous.offset * contiguous.dtype.itemSize
        if count <= TensorContent.byteLimit {
            bytes = Data(bytes: start, count: count)
            hash = nil
        } else {
            var hasher = Hasher()
            hasher.combine(bytes: UnsafeRawBufferPointer(start: start, count: count))
            bytes = nil
            hash = hasher.finalize()
        }
    }

    /// The largest absolute elementwise difference, when both keep their bytes as floats.
    func maxDifference(to other: TensorContent) -> Double? {
        guard shape == other.shape, dtype == other.dtype, let a = bytes, let b = other.bytes else { return nil }
        func largest<T: BinaryFloatingPoint>(_: T.Type) -> Double {
            a.withUnsafeBytes { pa in
                b.withUnsafeBytes { pb in
                    let x = pa.bindMemory(to: T.self), y = pb.bindMemory(to: T.self)
                    var m = 0.0
                    for i in 0..<min(x.count, y.count) {
                        let d = Double(abs(x[i] - y[i]))
                        if d > m || d.isNaN { m = d }
                    }
                    return m
                }
            }
        }
        switch dtype {
        case .float32: return largest(Float.self)
        case .float64: return largest(Double.self)
        case .int64:
            return a.withUnsafeBytes { pa in
                b.withUnsafeBytes { pb in
                    let x = pa.bindMemory(to: Int64.self), y = pb.bindMemory(to: Int64.self)
                    return zip(x, y).map { Double($0) - Double($1) }.map(abs).max() ?? 0
                }
            }
        case .bool: return nil
        }
    }
}

/// A value's content, built recursively; objects already seen appear as `.seen(order)`.
indirect enum Content: Equatable {
    case immediate(String)
    case tensor(TensorContent)
    case sequence(type: String, items: [Content])
    case mapping(type: String, keys: [Content], values: [Content])
    /// An object by its attributes (instances' `__dict__`, a module's parameters too).
    case object(type: String, names: [String], values: [Content])
    /// What is left: the repr with memory addresses blanked out.
    case opaque(String)
    case seen(Int)
}

/// Builds `Content`s for an interpreter's values.
struct ContentReader {
    let interpreter: Interpreter
    private var seen: [ObjectIdentifier: Int] = [:]
    private static let depthLimit = 12

    init(interpreter: Interpreter) { self.interpreter = interpreter }

    mutating func read(_ value: Value, depth: Int = 0) -> Content {
        guard case .object(let o) = value else { return .immediate(interpreter.repr(value)) }
        if let t = value.tensorValue { return .tensor(TensorContent(t)) }
        if let n = seen[ObjectIdentifier(o)] { return .seen(n) }
        if depth > ContentReader.depthLimit { return .opaque(ContentReader.withoutAddresses(interpreter.repr(value))) }
        seen[ObjectIdentifier(o)] = seen.count
        let type = value.typeName
        if let t = o as? PyTuple { return .sequence(type: type, items: t.items.map { read($0, depth: depth + 1) }) }
        if let l = o as? PyList { return .sequence(type: type, items: l.items.map { read($0, depth: depth + 1) }) }
        if let d = o as? PyDict {
            let entries = d.entries
            return .mapping(type: type, keys: entries.map { read($0.0, depth: depth + 1) }, values: entries.map { read($0.1, depth: depth + 1) })
        }
        if let s = o as? PySet { return .sequence(type: type, items: s.elements.map { read($0, depth: depth + 1) }) }
        if o is PyClass || o is PyModule || o is PyFunction || o is PyBuiltinFunction { return .opaque(type + " " + interpreter.repr(value)) }
        var names: [String] = [], values: [Content] = []
        if let instance = o as? PyInstance {
            for (name, v) in instance.attributes {
                names.append(name)
                values.append(read(v, depth: depth + 1))
            }
        }
        // An nn.Module: its parameters and buffers by name, and train/eval.
        if o.pyClass.lookup("state_dict") != nil, o.pyClass.lookup("named_parameters") != nil,
           let method = (try? lookupAttribute(value, "state_dict")) ?? nil,
           case .object(let sd)? = try? interpreter.call(method, Arguments()), let dict = sd as? PyDict {
            for (k, v) in dict.entries {
                names.append(interpreter.str(k))
                values.append(read(v, depth: depth + 1))
            }
            if let training = (try? lookupAttribute(value, "training")) ?? nil {
                names.append("training")
                values.append(.immediate(interpreter.repr(training)))
            }
        }
        // A native object: the data attributes it lists (a DataLoader's batch_size, dataset...).
        for name in o.attributeNames() where !name.hasPrefix("_") && !names.contains(name) {
            guard let v = try? o.getAttribute(name) else { continue }
            if case .object(let a) = v, a.isCallable { continue }
            names.append(name)
            values.append(read(v, depth: depth + 1))
        }
        // An iterator: the state a snapshot would save (the list it walks, its position).
        if names.isEmpty, let saved = try? ObjectSnapshot.save(o) {
            for (name, v) in saved.fields {
                names.append(name)
                values.append(read(v, depth: depth + 1))
            }
        }
        if names.isEmpty { return .opaque(ContentReader.withoutAddresses(interpreter.repr(value))) }
        return .object(type: type, names: names, values: values)
    }

    /// `<Foo object at 0x7f3a2c1b0e50>` → `<Foo object at 0x…>`.
    static func withoutAddresses(_ text: String) -> String {
        text.replacingOccurrences(of: "0x[0-9a-fA-F]+", with: "0x…", options: .regularExpression)
    }
}

/// The line a change gets in `rerun`'s list: what differs first, shortly.
enum ChangeDescription {
    /// "6×3 → 6×4", "values changed, max |Δ| 0.4821", "W_query.weight: 3×2 → 3×4".
    /// `limit` is the most characters each side of an arrow shows.
    static func describe(_ old: Content, _ new: Content, path: String = "", limit: Int = 24) -> String? {
        if old == new { return nil }
        let at = path.isEmpty ? "" : path + ": "
        switch (old, new) {
        case (.tensor(let a), .tensor(let b)): return at + tensorChange(a, b)
        case (.sequence(let ta, let a), .sequence(let tb, let b)) where ta == tb:
            if a.count != b.count { return at + "\(ta) of \(a.count) → \(b.count) items" }
            for (i, (x, y)) in zip(a, b).enumerated() { if let d = describe(x, y, path: path + "[\(i)]", limit: limit) { return d } }
        case (.mapping(let ta, let ka, let va), .mapping(let tb, let kb, let vb)) where ta == tb:
            if ka != kb { return at + "\(ta) keys changed (\(ka.count) → \(kb.count) items)" }
            for (i, (x, y)) in zip(va, vb).enumerated() {
                if let d = describe(x, y, path: path + "[" + short(ka[i], 20) + "]", limit: limit) { return d }
            }
        case (.object(let ta, let na, let va), .object(let tb, let nb, let vb)) where ta == tb:
            if na == nb {
                for (i, (x, y)) in zip(va, vb).enumerated() {
                    if let d = describe(x, y, path: path.isEmpty ? na[i] : path + "." + na[i], limit: limit) { return d }
                }
            }
            let added = nb.filter { !na.contains($0) }, removed = na.filter { !nb.contains($0) }
            if !added.isEmpty { return at + "now has " + added.prefix(3).joined(separator: ", ") }
            if !removed.isEmpty { return at + "no longer has " + removed.prefix(3).joined(separator: ", ") }
        default: break
        }
        let room = max(limit - at.count / 2, 10)
        return at + short(old, room) + " → " + short(new, room)
    }

    static func tensorChange(_ a: TensorContent, _ b: TensorContent) -> String {
        if a.shape != b.shape { return size(a.shape) + " → " + size(b.shape) }
        if a.dtype != b.dtype { return "\(a.dtype.name) → \(b.dtype.name)" }
        if a.requiresGrad != b.requiresGrad { return "requires_grad \(a.requiresGrad ? "True" : "False") → \(b.requiresGrad ? "True" : "False")" }
        guard let delta = a.maxDifference(to: b) else { return "values changed" }
        return "values changed, max |Δ| " + String(format: delta >= 1e-3 && delta < 1e5 ? "%.4f" : "%.3g", delta)
    }

    /// `[6, 3]` → "6×3"; a 0-d tensor is "scalar".
    static func size(_ shape: [Int]) -> String { shape.isEmpty ? "scalar" : shape.map(String.init).joined(separator: "×") }

    static func short(_ c: Content, _ limit: Int) -> String {
        let text: String
        switch c {
        case .immediate(let s), .opaque(let s): text = s
        case .tensor(let t): text = "tensor " + size(t.shape)
        case .sequence(let type, let items): text = "\(type) of \(items.count)"
        case .mapping(let type, let keys, _): text = "\(type) of \(keys.count)"
        case .object(let type, _, _): text = type
        case .seen: text = "(cycle)"
        }
        return text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }
}

extension LessonSession {
    /// The change line `rerun` would print for a value going from `old` to `new` (nil when
    /// their contents are equal), both read in `interpreter`.
    public static func describeChange(from old: Value, to new: Value, in interpreter: Interpreter) -> String? {
        var first = ContentReader(interpreter: interpreter), second = ContentReader(interpreter: interpreter)
        return ChangeDescription.describe(first.read(old), second.read(new))
    }
}
