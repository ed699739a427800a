// Raw, 64-byte aligned memory shared by a tensor and all of its views.

import Foundation

/// A block of memory holding a tensor's elements. Views share one `Storage`.
public final class Storage: @unchecked Sendable {
    public let pointer: UnsafeMutableRawPointer
    public let byteCount: Int

    /// The largest single allocation ever attempted (see `MemoryBudget.ceiling`).
    public static var allocationLimit: Int { MemoryBudget.ceiling }

    /// Allocates `byteCount` zeroed bytes, or throws PyTorch's allocator error when the
    /// memory left (`MemoryBudget`) cannot hold them.
    public init(byteCount: Int) throws {
        guard byteCount >= 0, MemoryBudget.allows(Double(byteCount)) else {
            throw TensorError.runtime(Storage.allocationFailure(bytes: byteCount))
        }
        var raw: UnsafeMutableRawPointer?
        let size = max(byteCount, 1)
        guard posix_memalign(&raw, 64, size) == 0, let p = raw else {
            throw TensorError.runtime(Storage.allocationFailure(bytes: byteCount))
        }
        memset(p, 0, size)
        self.pointer = p
        self.byteCount = byteCount
        Storage.track(byteCount)
    }

    /// PyTorch 2.x's CPU allocator error, word for word (torch 2.15 on Linux).
    public static func allocationFailure(bytes: Int) -> String {
        "[enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: "
            + "you tried to allocate \(bytes) bytes. Error code 12 (Cannot allocate memory)"
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

    /// Why `bytes` cannot be allocated now, or nil when they can, in the words lists,
    /// strings and numpy arrays use: "cannot allocate 21.8 TiB: this machine has 23.5 GiB of
    /// memory", or "...: only 1.2 GiB of memory is available" when limits or other programs
    /// leave less. `bytes` is a Double so sizes past Int still read.
    public static func refusal(bytes: Double) -> String? {
        guard !MemoryBudget.allows(bytes) else { return nil }
        let size = bytes < 0x1p62 ? formatBytes(Int(bytes)) : "more than 4096.0 PiB"
        let machine = ProcessInfo.processInfo.physicalMemory
        if bytes > Double(machine) * 0.8 {
            return "cannot allocate \(size): this machine has \(formatBytes(Int(machine))) of memory"
        }
        return "cannot allocate \(size): only \(formatBytes(MemoryBudget.available())) of memory is available"
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
