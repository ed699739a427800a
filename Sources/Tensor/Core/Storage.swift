// Raw, 64-byte aligned memory shared by a tensor and all of its views.

import Foundation

/// A block of memory holding a tensor's elements. Views share one `Storage`.
public final class Storage: @unchecked Sendable {
    public let pointer: UnsafeMutableRawPointer
    public let byteCount: Int

    /// The largest single allocation we attempt: 80% of physical memory, or fewer bytes
    /// if `LLMWB_ALLOCATION_LIMIT` says so (the fuzzer sets it). Anything larger is
    /// refused up front with its size, instead of crashing the process.
    public static let allocationLimit: Int = {
        let machine = Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.8)
        guard let text = ProcessInfo.processInfo.environment["LLMWB_ALLOCATION_LIMIT"], let bytes = Int(text) else { return machine }
        return min(max(bytes, 0), machine)
    }()

    /// Allocates `byteCount` zeroed bytes, or throws `MemoryError` when it cannot.
    public init(byteCount: Int) throws {
        guard byteCount >= 0, byteCount <= Storage.allocationLimit else {
            throw TensorError.outOfMemory(Storage.refusal(bytes: Double(byteCount)))
        }
        var raw: UnsafeMutableRawPointer?
        let size = max(byteCount, 1)
        guard posix_memalign(&raw, 64, size) == 0, let p = raw else {
            throw TensorError.outOfMemory("cannot allocate \(Storage.formatBytes(byteCount))")
        }
        memset(p, 0, size)
        self.pointer = p
        self.byteCount = byteCount
        Storage.track(byteCount)
    }

    deinit {
        free(pointer)
        Storage.track(-byteCount)
    }

    // MARK: memory accounting (what lesson 08 measures)

    private static let accounting = NSLock()
    nonisolated(unsafe) private static var live = 0
    nonisolated(unsafe) private static var peak = 0

    private static func track(_ delta: Int) {
        accounting.lock()
        live += delta
        peak = max(peak, live)
        accounting.unlock()
    }

    /// Bytes held by all tensor storage right now.
    public static var liveBytes: Int { accounting.lock(); defer { accounting.unlock() }; return live }

    /// The most bytes held at once since the last `resetPeak()`.
    public static var peakBytes: Int { accounting.lock(); defer { accounting.unlock() }; return peak }

    /// Starts a new peak measurement from what is live now.
    public static func resetPeak() { accounting.lock(); peak = live; accounting.unlock() }

    /// Why an allocation past `allocationLimit` is refused, in the words every refusal uses
    /// (tensors here, lists and strings in the lesson language): "cannot allocate 21.8 TiB:
    /// this machine has 23.5 GiB of memory". `bytes` is a Double so sizes past Int still read.
    public static func refusal(bytes: Double) -> String {
        let size = bytes < 0x1p62 ? formatBytes(Int(bytes)) : "more than 4096.0 PiB"
        return "cannot allocate \(size): this machine has "
            + "\(formatBytes(Int(ProcessInfo.processInfo.physicalMemory))) of memory"
    }

    /// "1.5 GiB", "12.0 MiB", "512 bytes".
    public static func formatBytes(_ n: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(n)
        var unit = 0
        while value >= 1024, unit < units.count - 1 { value /= 1024; unit += 1 }
        return unit == 0 ? "\(n) bytes" : String(format: "%.1f %@", value, units[unit])
    }
}
