// `copy.copy` / `copy.deepcopy` of tensors (Python's copy module asks the bindings through
// `CopyModule.register`): a detached clone keeping requires_grad and Parameter-ness.
import Python
import Tensor

enum TensorCopy {
    static func register() {
        CopyModule.register { object, _, _ in
            if let t = (object as? TensorObject)?.tensor {
                if t.gradFn != nil {
                    throw PyException.runtimeError("Only Tensors created explicitly by the user (graph leaves) support the deepcopy protocol at the moment.  If you were attempting to deepcopy a module, this may be because of a torch.nn.utils.weight_norm usage, see https://github.com/pytorch/pytorch/pull/103001")
                }
                let copy = try t.detach().clone()
                copy.isParameter = t.isParameter
                if t.requiresGrad { try copy.setRequiresGrad(true) }
                return .tensor(copy)
            }
            if object is ModuleObject {
                throw PyException.notImplemented("copying an nn.Module is not supported in the workbench yet")
            }
            return nil
        }
    }
}
