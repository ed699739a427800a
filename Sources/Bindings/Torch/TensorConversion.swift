// Between Python data and tensors: `torch.tensor([[1, 2], [3, 4]])` builds one from
// nested lists, `t.tolist()` goes back. Also the dtype and device objects.
import Python
import Tensor

/// `torch.float32` and friends. Dtypes the engine does not have raise when used.
final class DTypeObject: PyObject {
    let name: String
    let dtype: DType?
    init(_ name: String, _ dtype: DType?) { (self.name, self.dtype) = (name, dtype) }

    static let float32 = DTypeObject("float32", .float32)
    static let int64 = DTypeObject("int64", .int64)
    static let bool = DTypeObject("bool", .bool)
    /// float64 computes only in numpy and conversions; it sits first in this list so
    /// `torch.float64` and `torch.double` are registered beside the unsupported ones.
    static let float64 = DTypeObject("float64", .float64)
    static let unsupported = [float64] + ["float16", "bfloat16", "int32", "int16", "int8", "uint8"]
        .map { DTypeObject($0, nil) }

    static func object(for dtype: DType) -> DTypeObject {
        switch dtype {
        case .float32: return float32
        case .int64: return int64
        case .bool: return bool
        case .float64: return float64
        }
    }

    /// The engine dtype, or a clear TypeError for dtypes we do not compute in.
    func engineType() throws -> DType {
        guard let dtype else {
            throw PyException.typeError("torch.\(name) tensors are not supported by the workbench; use torch.float32, torch.int64 or torch.bool")
        }
        return dtype
    }

    override var pyClass: PyClass { TorchBinding.dtypeClass.pyClass }
    override func repr() throws -> String { "torch.\(name)" }
    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        let same = (other.asObject as? DTypeObject)?.name == name
        return .bool(op == .equal ? same : !same)
    }
    override func hashValue() throws -> Int? { name.hashValue }
}

/// `torch.device("cpu")`, `torch.device("cuda:0")`: any device can be named; only the CPU
/// holds tensors (PyTorch's CPU-only build).
final class DeviceObject: PyObject {
    let type: String
    let index: Int?
    init(_ type: String, index: Int? = nil) { (self.type, self.index) = (type, index) }

    static let knownTypes = ["cpu", "cuda", "ipu", "xpu", "mkldnn", "opengl", "opencl", "ideep", "hip", "ve", "fpga", "maia",
                             "xla", "lazy", "vulkan", "mps", "meta", "hpu", "mtia", "privateuseone"]

    /// `torch.device("cuda:1")` / `torch.device("cuda", 1)`, with PyTorch's error for unknown types.
    static func parse(_ text: String, index: Int?) throws -> DeviceObject {
        let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard knownTypes.contains(parts[0]) else {
            throw PyException.runtimeError("Expected one of \(knownTypes.joined(separator: ", ")) device type at start of device string: \(text)")
        }
        if parts.count == 2 {
            guard let i = Int(parts[1]), i >= 0, index == nil else { throw PyException.runtimeError("Invalid device string: '\(text)'") }
            return DeviceObject(parts[0], index: i)
        }
        return DeviceObject(parts[0], index: index)
    }

    override var pyClass: PyClass { TorchBinding.deviceClass.pyClass }
    override func repr() throws -> String { index.map { "device(type='\(type)', index=\($0))" } ?? "device(type='\(type)')" }
    override func str() throws -> String? { index.map { "\(type):\($0)" } ?? type }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "type": return .str(type)
        case "index": return index.map { .int($0) } ?? Value.none
        default: return nil
        }
    }
    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        let same: Bool
        if let d = other.asObject as? DeviceObject { same = d.type == type && d.index == index } else { same = false }
        return .bool(op == .equal ? same : !same)
    }
    override func hashValue() throws -> Int? { "\(type):\(index ?? -1)".hashValue }
}

enum TensorConversion {
    /// The dtype argument of a binding (`dtype=torch.int64`), or nil for None.
    static func dtype(_ value: Value) throws -> DType? {
        if value.isNone { return nil }
        if let d = value.asObject as? DTypeObject { return try d.engineType() }
        throw PyException.typeError("dtype must be torch.dtype, not \(value.typeName)")
    }

    /// Checks a `device=` argument: "cpu", torch.device("cpu") or None.
    static func checkDevice(_ value: Value) throws {
        if value.isNone { return }
        let name: String
        if case .str(let s) = value { name = s } else if let d = value.asObject as? DeviceObject { name = d.type } else {
            throw PyException.typeError("device must be str or torch.device, not \(value.typeName)")
        }
        guard name == "cpu" || name.hasPrefix("cpu:") else {
            if name == "cuda" || name.hasPrefix("cuda:") { throw TorchBinding.cudaNotCompiled() }
            throw PyException.runtimeError("the workbench runs on the CPU only; device '\(name)' is not available")
        }
    }

    /// `torch.tensor(data, dtype=None)`: nested lists/tuples of numbers, bools or
    /// one-element tensors. The dtype is inferred as PyTorch does (bool < int64 < float32).
    static func tensor(from data: Value, dtype: DType?) throws -> Tensor {
        if let t = data.tensorValue { return try t.detach().copyData(as: dtype ?? t.dtype) }
        if let a = data.ndarray { return try a.copyData(as: dtype ?? a.dtype) }  // torch.tensor(ndarray)
        var shape: [Int] = []
        var values: [Scalar] = []
        var inferred = DType.bool
        var sawElement = false
        func visit(_ v: Value, depth: Int) throws {
            if let s = TensorSlots.scalar(v) {
                if depth != shape.count && sawElement { throw mismatch(depth) }
                if !sawElement { shape = Array(shape.prefix(depth)); sawElement = true }
                values.append(s)
                inferred = max(inferred, s.dtype)
                return
            }
            if let t = v.tensorValue ?? v.ndarray, t.count == 1, t.rank == 0 {
                try visit(try TensorSlots.pythonScalar(t), depth: depth)
                inferred = max(inferred, t.dtype)
                return
            }
            let items: [Value]
            if case .object(let o) = v, let list = o as? PyList { items = list.items }
            else if case .object(let o) = v, let tuple = o as? PyTuple { items = tuple.items }
            else if let t = v.tensorValue ?? v.ndarray { items = try (0..<t.shape[0]).map { .tensor(try t.index([.int($0)])) } }
            else if case .object(let o) = v, o.pyClass.name == "Size", let it = try o.makeIterator() {
                var collected: [Value] = []
                while let x = try it.next() { collected.append(x) }
                items = collected
            } else {
                throw PyException.typeError("new(): invalid data type '\(v.typeName)'")
            }
            if !sawElement {
                if shape.count == depth { shape.append(items.count) }
            } else if depth >= shape.count || shape[depth] != items.count {
                throw mismatch(depth, got: items.count)
            }
            if items.isEmpty && !sawElement { shape = Array(shape.prefix(depth + 1)) }
            for item in items { try visit(item, depth: depth + 1) }
        }
        func mismatch(_ depth: Int, got: Int? = nil) -> PyException {
            let expected = depth < shape.count ? shape[depth] : 0
            return PyException.valueError("expected sequence of length \(expected) at dim \(depth) (got \(got ?? 0))")
        }
        try visit(data, depth: 0)
        let type = dtype ?? (sawElement ? inferred : .float32)
        let out = try Tensor(zeros: shape, dtype: type)
        switch type {
        case .float32: let p = out.floatPointer; for (i, v) in values.enumerated() { p[i] = v.floatValue }
        case .int64: let p = out.int64Pointer; for (i, v) in values.enumerated() { p[i] = v.int64Value }
        case .bool: let p = out.boolPointer; for (i, v) in values.enumerated() { p[i] = v.boolValue ? 1 : 0 }
        case .float64: let p = out.doublePointer; for (i, v) in values.enumerated() { p[i] = v.doubleValue }
        }
        return out
    }

    /// `t.tolist()`: nested Python lists of floats, ints or bools (a 0-d tensor gives a number).
    static func list(_ t: Tensor) throws -> Value { try nestedList(t, scalar: TensorSlots.pythonScalar) }

    /// Nested lists of Python numbers, row by row; a 0-d tensor gives `scalar(t)` (numpy's
    /// `tolist` shares this with a scalar of its own).
    static func nestedList(_ t: Tensor, scalar: (Tensor) throws -> Value) throws -> Value {
        if t.rank == 0 { return try scalar(t) }
        let flat: [Value]
        switch t.dtype {
        case .float32: flat = t.floatValues().map { .float(Double($0)) }
        case .int64: flat = t.int64Values().map { .int(Int($0)) }
        case .bool: flat = t.boolValues().map { .bool($0) }
        case .float64: flat = t.doubleValues().map { .float($0) }
        }
        var position = 0
        func build(_ depth: Int) -> Value {
            if depth == t.rank - 1 {
                let row = Array(flat[position..<position + t.shape[depth]])
                position += t.shape[depth]
                return .list(row)
            }
            return .list((0..<t.shape[depth]).map { _ in build(depth + 1) })
        }
        return build(0)
    }

    /// A shape argument: `view(2, 3)`, `view((2, 3))`, `view([2, 3])` or `view(torch.Size(...))`.
    static func shape(_ args: BoundArguments, _ name: String) throws -> [Int] { try args.intList(name) }

    /// A `dim` argument that may be an int, a tuple/list of ints, or None.
    static func dims(_ value: Value) throws -> [Int]? {
        if value.isNone { return nil }
        if let i = try indexValue(value) { return [i] }
        return try iterateToArray(value).map { try $0.asInt("dim") }
    }
}
