// How many bytes one new allocation may take now: the least of 80% of the machine's
// memory, what the process's resource limits (ulimit -v / -d) and its cgroup leave, and
// the kernel's MemAvailable. Tensors ask it; the bindings make lists and strings ask too.
import Foundation

public enum MemoryBudget {
    /// Allocations up to this size never ask: the answer reads /proc, and small tensors are hot.
    public static let smallAllocation = 64 << 20

    /// The largest single allocation ever attempted: 80% of physical memory, or fewer bytes
    /// if `LLMWB_ALLOCATION_LIMIT` says so (the fuzzer sets it).
    public static let ceiling: Int = {
        let machine = Int(Double(ProcessInfo.processInfo.physicalMemory) * 0.8)
        guard let text = ProcessInfo.processInfo.environment["LLMWB_ALLOCATION_LIMIT"], let bytes = Int(text) else { return machine }
        return min(max(bytes, 0), machine)
    }()

    /// Whether `bytes` more can be allocated now.
    public static func allows(_ bytes: Double) -> Bool {
        bytes <= Double(smallAllocation) || bytes <= Double(available())
    }

    /// Bytes one allocation may take right now.
    public static func available() -> Int {
        var limit = ceiling
        for left in [addressSpaceLeft(), dataLeft(), cgroupLeft(), memAvailable()] {
            if let left { limit = min(limit, left) }
        }
        return max(limit, 0)
    }

    // MARK: the sources

    private static var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }

    /// Fields of /proc/self/statm in bytes: [size, resident, shared, text, lib, data, dirty].
    private static func statm() -> [Int]? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let pages = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
        return pages.count >= 6 ? pages.map { $0 &* pageSize } : nil
    }

    private static func softLimit(_ resource: Int32) -> Int? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(UInt32(resource)), &limit) == 0 else { return nil }
        // RLIM_INFINITY is all ones: past Int.max, so "no limit" too.
        return limit.rlim_cur > UInt64(Int.max) ? nil : Int(limit.rlim_cur)
    }

    /// `ulimit -v` minus the address space already mapped.
    private static func addressSpaceLeft() -> Int? {
        guard let limit = softLimit(Int32(RLIMIT_AS.rawValue)), let used = statm()?[0] else { return nil }
        return limit - used
    }

    /// `ulimit -d` minus the data and stack already mapped.
    private static func dataLeft() -> Int? {
        guard let limit = softLimit(Int32(RLIMIT_DATA.rawValue)), let used = statm()?[5] else { return nil }
        return limit - used
    }

    /// A cgroup v2 memory limit (containers) minus what the group uses.
    private static func cgroupLeft() -> Int? {
        func number(_ path: String) -> Int? {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
            return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
        }
        guard let max = number("/sys/fs/cgroup/memory.max"), let current = number("/sys/fs/cgroup/memory.current") else { return nil }
        return max - current
    }

    /// The kernel's estimate of memory available without swapping (`MemAvailable` in /proc/meminfo).
    private static func memAvailable() -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("MemAvailable:") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kib = Int(fields[1]) { return kib &* 1024 }
        }
        return nil
    }
}
