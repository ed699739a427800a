// The small objects of the torch module: `torch.Size`, the named tuples that
// `max(dim=...)`/`topk` return, `torch.no_grad()` and `torch.Generator`.
import Python
import Tensor

/// `torch.Size([2, 3])`: a tuple of ints that prints like PyTorch's.
final class SizeObject: PyObject {
    let dims: [Int]
    init(_ dims: [Int]) { self.dims = dims }

    override var pyClass: PyClass { TorchBinding.sizeClass.pyClass }
    override func repr() throws -> String { sizeDescription(dims) }
    override func length() throws -> Int? { dims.count }
    override func makeIterator() throws -> PyIterator? { ArrayIterator(dims.map { .int($0) }) }
    override func hashValue() throws -> Int? { dims.hashValue }
    override func getItem(_ key: Value) throws -> Value? {
        if case .object(let o) = key, o is PySlice {
            guard case .object(let sliced)? = try PyTuple(dims.map { .int($0) }).getItem(key), let t = sliced as? PyTuple else { return nil }
            return .object(SizeObject(try t.items.map { try $0.asInt() }))
        }
        let i = try key.asInt("tuple indices")
        let index = i < 0 ? i + dims.count : i
        guard index >= 0 && index < dims.count else { throw PyException.indexError("tuple index out of range") }
        return .int(dims[index])
    }
    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        let otherDims: [Int]?
        if let s = other.asObject as? SizeObject { otherDims = s.dims }
        else if let t = other.asObject as? PyTuple { otherDims = t.items.map { if case .int(let i) = $0 { return i } else { return Int.min } } }
        else { otherDims = nil }
        let same = otherDims == dims
        return .bool(op == .equal ? same : !same)
    }
    override func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard op == .add, let t = other.asObject as? PyTuple else { return nil }
        let extra = try t.items.map { try $0.asInt() }
        return .object(SizeObject(reflected ? extra + dims : dims + extra))
    }
}

/// `torch.return_types.max(values=..., indices=...)`: unpacks like a tuple, with names.
final class ReturnTypeObject: PyObject {
    let typeName: String
    let values: Tensor, indices: Tensor
    init(_ typeName: String, _ values: Tensor, _ indices: Tensor) { (self.typeName, self.values, self.indices) = (typeName, values, indices) }

    /// `torch.return_types.sort` and friends: `type(r).__name__` is the op's name.
    static let classes: [String: NativeClass] = Dictionary(uniqueKeysWithValues: ["max", "min", "sort", "topk", "kthvalue", "median", "mode"].map {
        ($0, NativeClass(name: $0, module: "torch.return_types"))
    })
    override var pyClass: PyClass { Self.classes[typeName]?.pyClass ?? TorchBinding.returnTypeClass.pyClass }
    override func repr() throws -> String {
        "torch.return_types.\(typeName)(\nvalues=\(values.description),\nindices=\(indices.description))"
    }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "values": return .tensor(values)
        case "indices": return .tensor(indices)
        default: return nil
        }
    }
    override func length() throws -> Int? { 2 }
    override func makeIterator() throws -> PyIterator? { ArrayIterator([.tensor(values), .tensor(indices)]) }
    override func getItem(_ key: Value) throws -> Value? {
        switch try key.asInt("tuple indices") {
        case 0, -2: return .tensor(values)
        case 1, -1: return .tensor(indices)
        default: throw PyException.indexError("tuple index out of range")
        }
    }
}

/// `torch.no_grad()` / `torch.enable_grad()` / `torch.set_grad_enabled(b)`: a context
/// manager (and decorator) that switches autograd recording and restores it after.
final class GradModeObject: PyObject {
    let enabled: Bool
    let className: String
    private var saved: [Bool] = []
    init(enabled: Bool, className: String) { (self.enabled, self.className) = (enabled, className) }

    override var pyClass: PyClass { TorchBinding.gradModeClass.pyClass }
    override func repr() throws -> String { "<torch.autograd.grad_mode.\(className) object at \(addressString)>" }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "__enter__":
            return .object(PyBuiltinFunction(name: "__enter__") { [self] _ in
                saved.append(GradMode.isEnabled)
                GradMode.isEnabled = enabled
                return .none
            })
        case "__exit__":
            return .object(PyBuiltinFunction(name: "__exit__") { [self] _ in
                GradMode.isEnabled = saved.popLast() ?? true
                return .false
            })
        default: return nil
        }
    }
    /// `@torch.no_grad()` on a function: calls it with the mode switched.
    override func call(_ arguments: Arguments) throws -> Value? {
        guard arguments.positional.count == 1, arguments.keywords.isEmpty else { return nil }
        return wrapping(arguments.positional[0])
    }

    /// `function`, run with the mode switched and restored after.
    func wrapping(_ function: Value) -> Value {
        let enabled = self.enabled
        return .object(PyBuiltinFunction(name: "wrapped") { args in
            let previous = GradMode.isEnabled
            GradMode.isEnabled = enabled
            defer { GradMode.isEnabled = previous }
            return try callValue(function, args)
        })
    }
}

/// `torch.Generator()`: an independent random stream.
final class GeneratorObject: PyObject {
    private let own: Generator?
    /// The stream: this object's own, or (for `torch.default_generator`) the running interpreter's.
    var generator: Generator { own ?? Generator.default }
    init(_ generator: Generator) { own = generator }
    private override init() { own = nil }
    /// `torch.default_generator`, following whichever interpreter is running.
    static let global = GeneratorObject()
    override var pyClass: PyClass { TorchBinding.generatorClass.pyClass }
    override func repr() throws -> String { "<torch._C.Generator object at \(addressString)>" }
}

extension BoundArguments {
    /// A `generator=` argument, or the default generator.
    func generator(_ name: String = "generator") throws -> Generator {
        if isNone(name) { return Generator.default }
        guard let g = self[name].asObject as? GeneratorObject else {
            throw PyException.typeError("\(functionName)(): argument '\(name)' must be torch.Generator, not \(self[name].typeName)")
        }
        return g.generator
    }
}
