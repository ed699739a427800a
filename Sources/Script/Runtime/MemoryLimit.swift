// Refusing, up front and with its size, a list or string the machine cannot hold
// (`[0] * 10**12`, `list(range(10**12))`), as tensors already are.
import Tensor

/// Raises MemoryError naming the size when `count` elements of `elementSize` bytes would
/// pass the limit a single tensor has (`Storage.allocationLimit`), in Storage's words.
func checkAllocation(elements count: Int, elementSize: Int = MemoryLayout<Value>.stride) throws {
    let bytes = Double(max(count, 0)) * Double(elementSize)
    guard bytes > Double(Storage.allocationLimit) else { return }
    throw PyException(BuiltinTypes.memoryError, Storage.refusal(bytes: bytes))
}
