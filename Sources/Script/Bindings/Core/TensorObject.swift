// The bridge between script values and tensors: the `torch.Tensor` object, its
// class objects, and conversions used by every binding (torch, nn, tiktoken...).

import NN
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
        if let e = error as? SafetensorsError { return PyException(BuiltinTypes.exception("SafetensorError"), e.description) }
        return nil
    }
}
