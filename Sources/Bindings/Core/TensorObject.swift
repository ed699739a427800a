// The bridge between script values and tensors: the `torch.Tensor` object, its
// class objects, and conversions used by every binding (torch, nn, tiktoken...).
import NN
import Python
import Tensor

/// The classes of the torch binding's objects, created once. Methods are added to
/// them by the binding files (`Bindings/Torch`, `Bindings/NN`).
public enum TorchTypes {
    /// `torch.Tensor`.
    public static let tensor = NativeClass(name: "Tensor", module: "torch")
    /// `torch.nn.Parameter`, a subclass of `torch.Tensor`.
    public static let parameter = NativeClass(name: "Parameter", module: "torch.nn.parameter", base: tensor.pyClass)
}

/// A tensor as a script value. One wrapper per tensor, so `a is b` and `id(a)` behave.
public final class TensorObject: PyObject {
    public let tensor: Tensor

    private init(_ tensor: Tensor) {
        self.tensor = tensor
        super.init()
    }

    /// The wrapper of `tensor`, reusing the existing one if there is one.
    public static func wrap(_ tensor: Tensor) -> TensorObject {
        if let existing = tensor.wrapper as? TensorObject { return existing }
        let object = TensorObject(tensor)
        tensor.wrapper = object
        return object
    }

    override public var pyClass: PyClass {
        tensor.isParameter ? TorchTypes.parameter.pyClass : TorchTypes.tensor.pyClass
    }

    // The protocol slots; their logic lives in Bindings/Torch/TensorSlots.swift.
    override public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        try TensorSlots.binary(tensor, op, other, reflected: reflected)
    }
    override public func inPlaceOperation(_ op: BinaryOperator, _ other: Value) throws -> Value? {
        try TensorSlots.inPlace(tensor, op, other)
    }
    override public func unaryOperation(_ op: UnaryOperator) throws -> Value? { try TensorSlots.unary(tensor, op) }
    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        try TensorSlots.compare(tensor, op, other)
    }
    override public func getItem(_ key: Value) throws -> Value? { .tensor(try tensor.index(TensorSlots.indices(key))) }
    override public func setItem(_ key: Value, _ value: Value) throws -> Bool {
        try TensorSlots.setItem(tensor, key, value)
        return true
    }
    override public func length() throws -> Int? {
        guard let first = tensor.shape.first else { throw PyException.typeError("len() of a 0-d tensor") }
        return first
    }
    override public func makeIterator() throws -> PyIterator? {
        guard !tensor.shape.isEmpty else { throw PyException.typeError("iteration over a 0-d tensor") }
        return TensorRowIterator(tensor)
    }
    override public func contains(_ value: Value) throws -> Bool? { try TensorSlots.contains(tensor, value) }
    override public func repr() throws -> String { tensor.description }
    /// `t.grad = g`, `t.requires_grad = True`, `t.data = x`: the class's writable properties.
    override public func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        guard case .object(let o)? = pyClass.lookup(name), let property = o as? PyProperty else { return false }
        try property.set(.object(self), value)
        return true
    }
    override public func truthValue() throws -> Bool? { try TensorSlots.truth(tensor) }
    override public func toFloat() throws -> Double? { try TensorSlots.scalar(tensor, "float").doubleValue }
    override public func toInt() throws -> Int? { Int(try TensorSlots.scalar(tensor, "int").int64Value) }
    override public func toIndex() throws -> Int? {
        guard !tensor.dtype.isFloatingPoint, tensor.count == 1 else {
            throw PyException.typeError("only integer tensors of a single element can be converted to an index")
        }
        return Int(try tensor.itemInt64())
    }
    override public func format(_ spec: String) throws -> String? {
        if tensor.rank == 0 { return try formatValue(try TensorSlots.pythonScalar(tensor), spec) }
        if spec.isEmpty { return tensor.description }
        throw PyException.typeError("unsupported format string passed to Tensor.__format__")
    }
}

/// `for row in tensor`: views of the tensor along its first dimension.
final class TensorRowIterator: PyIterator {
    let tensor: Tensor
    var position = 0
    init(_ tensor: Tensor) { self.tensor = tensor }
    override func next() throws -> Value? {
        guard position < tensor.shape[0] else { return nil }
        defer { position += 1 }
        return .tensor(try tensor.index([.int(position)]))
    }
}

extension Value {
    /// A tensor as a script value.
    public static func tensor(_ t: Tensor) -> Value { .object(TensorObject.wrap(t)) }

    /// The tensor inside, if this value is one.
    public var tensorValue: Tensor? { (asObject as? TensorObject)?.tensor }
}

extension BoundArguments {
    /// The tensor bound to `name`, or PyTorch's TypeError for anything else.
    public func tensor(_ name: String) throws -> Tensor {
        if let t = self[name].tensorValue { return t }
        throw PyException.typeError("\(functionName)(): argument '\(name)' (position 1) must be Tensor, not \(self[name].typeName)")
    }

    public func optionalTensor(_ name: String) throws -> Tensor? {
        isNone(name) ? nil : try tensor(name)
    }
}

/// Errors of the Swift layers become the Python exceptions PyTorch raises.
enum BindingErrors {
    static func convert(_ error: Error) -> PyException? {
        if let e = error as? TensorError {
            switch e {
            case .runtime(let m): return PyException.runtimeError(m)
            case .index(let m): return PyException.indexError(m)
            case .type(let m): return PyException.typeError(m)
            case .value(let m): return PyException.valueError(m)
            case .outOfMemory(let m): return PyException(BuiltinTypes.exception("MemoryError"), m)
            default: return PyException(BuiltinTypes.exception(e.pythonType), e.message)
            }
        }
        if let e = error as? SafetensorsError { return PyException(SerializationBinding.safetensorError, e.description) }
        return nil
    }
}
