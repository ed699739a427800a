// A module's own registrations and train/eval flag, saved for the workbench's step
// snapshots and put back in place (its tensors and children are saved separately).

import Tensor

/// One module's slots and `training`, without its children's.
public struct ModuleSlots {
    let training: Bool
    let parameters: [(name: String, tensor: Tensor?)]
    let buffers: [(name: String, tensor: Tensor?, persistent: Bool)]
    let children: [(name: String, module: Module?)]

    /// The tensors and submodules the slots hold.
    public var tensors: [Tensor] { parameters.compactMap(\.tensor) + buffers.compactMap(\.tensor) }
    public var modules: [Module] { children.compactMap(\.module) }
}

extension Module {
    /// This module's slots as they are now.
    public var savedSlots: ModuleSlots {
        ModuleSlots(training: training, parameters: parameterSlots, buffers: bufferSlots, children: childSlots)
    }

    /// Puts saved slots back, this module only.
    public func restore(_ slots: ModuleSlots) {
        training = slots.training
        parameterSlots = slots.parameters
        bufferSlots = slots.buffers
        childSlots = slots.children
    }
}
