// A tensor's state saved for the workbench's step snapshots and put back in place: its view
// of storage, its autograd fields, and a copy of the storage's bytes (`StorageCopy`).

import Foundation

/// A copy of one storage's bytes, taken when a snapshot was made. Snapshots share a copy
/// while the storage still holds the same bytes, so a snapshot costs only what changed.
public final class StorageCopy {
    public let storage: Storage
    private let bytes: UnsafeMutableRawPointer

    /// Copies `storage`'s bytes now.
    public init(_ storage: Storage) throws {
        guard let p = malloc(max(storage.byteCount, 1)) else {
            throw TensorError.outOfMemory("cannot allocate \(Storage.formatBytes(storage.byteCount)) for a snapshot")
        }
        memcpy(p, storage.pointer, storage.byteCount)
        self.storage = storage
        self.bytes = p
    }

    deinit { free(bytes) }

    public var byteCount: Int { storage.byteCount }

    /// Whether the storage still holds exactly these bytes.
    public var isCurrent: Bool { memcmp(bytes, storage.pointer, storage.byteCount) == 0 }

    /// Writes the saved bytes back into the storage.
    public func restore() {
        if !isCurrent { memcpy(storage.pointer, bytes, storage.byteCount) }
    }
}

/// Everything about a tensor object that in-place code may change (`t.data = ...`,
/// `requires_grad_()`, `.grad` accumulating), apart from the bytes of its storage.
public struct TensorState {
    let storage: Storage
    let dtype: DType
    let shape: [Int]
    let strides: [Int]
    let offset: Int
    let requiresGrad: Bool
    let gradFn: GradFn?
    let retainsGrad: Bool
    let isParameter: Bool
    public let grad: Tensor?
}

extension Tensor {
    /// This tensor's fields as they are now.
    public var savedState: TensorState {
        TensorState(storage: storage, dtype: dtype, shape: shape, strides: strides, offset: offset, requiresGrad: requiresGrad,
                    gradFn: gradFn, retainsGrad: retainsGrad, isParameter: isParameter, grad: grad)
    }

    /// Puts saved fields back (the storage's bytes are restored by its `StorageCopy`).
    public func restore(_ state: TensorState) {
        storage = state.storage
        dtype = state.dtype
        shape = state.shape
        strides = state.strides
        offset = state.offset
        requiresGrad = state.requiresGrad
        gradFn = state.gradFn
        retainsGrad = state.retainsGrad
        isParameter = state.isParameter
        grad = state.grad
    }
}
