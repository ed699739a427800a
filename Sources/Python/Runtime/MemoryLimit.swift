// Refusing, up front and with its size, a list or string the machine cannot hold
// (`[0] * 10**12`, `list(range(10**12))`). The host may install its own limit, so that
// tensors and the language's lists and strings are refused in the same words.
import Foundation

public enum AllocationLimit {
    /// Why `bytes` cannot be allocated, or nil when they can. The default refuses more than
    /// 80% of the machine's memory; the bindings install the tensor module's rule
    /// (`MemoryBudget`), which also counts what `ulimit -v`/`-d`, the cgroup and other
    /// programs leave (MemAvailable), so a list refused there is refused before it aborts.
    nonisolated(unsafe) public static var refusal: (Double) -> String? = { bytes in
        guard bytes > physicalMemory * 0.8 else { return nil }
        return "cannot allocate \(Int(bytes)) bytes: this machine has \(Int(physicalMemory)) bytes of memory"
    }

    /// The machine's memory, read once: `ProcessInfo.physicalMemory` reads /proc/meminfo on
    /// every call, and `join` asks for each piece once its result passes 1 MiB.
    private static let physicalMemory = Double(ProcessInfo.processInfo.physicalMemory)
}

/// Raises MemoryError naming the size when `count` elements of `elementSize` bytes would
/// pass the allocation limit.
func checkAllocation(elements count: Int, elementSize: Int = MemoryLayout<Value>.stride) throws {
    let bytes = Double(max(count, 0)) * Double(elementSize)
    guard let refusal = AllocationLimit.refusal(bytes) else { return }
    throw PyException(BuiltinTypes.memoryError, refusal)
}
