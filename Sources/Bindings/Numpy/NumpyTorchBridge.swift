// Between torch tensors and ndarrays: `t.numpy()` and `torch.from_numpy(a)` share memory,
// as in PyTorch; `np.array(t)` and `torch.tensor(a)` copy. Dtypes map one to one
// (float64 arrays become torch.float64 tensors; `.float()` makes them float32).
import Python
import Tensor

enum NumpyBridge {
    /// `tensor.numpy()`: an ndarray viewing the tensor's storage.
    static func array(sharing t: Tensor) throws -> Value {
        if t.requiresGrad {
            throw PyException.runtimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
        }
        return NDArrayObject.wrap(Tensor(storage: t.storage, dtype: t.dtype, shape: t.shape, strides: t.strides, offset: t.offset))
    }

    /// Adds `torch.from_numpy` to the torch module.
    static func install() {
        TorchBinding.module.addFunction("from_numpy", signature: "ndarray") { args in
            guard let a = args["ndarray"].ndarray else {
                throw PyException.typeError("expected np.ndarray (got \(args["ndarray"].typeName))")
            }
            return .tensor(Tensor(storage: a.storage, dtype: a.dtype, shape: a.shape, strides: a.strides, offset: a.offset))
        }
    }
}
