// The files scripts have open for writing, in every interpreter of the process, so that
// what they wrote reaches the disk at exit even when nobody called close().
import Foundation

final class OpenFiles: @unchecked Sendable {
    static let shared = OpenFiles()

    private let lock = NSLock()
    private var files: [ObjectIdentifier: Weak] = [:]

    private final class Weak {
        weak var file: PyFile?
        init(_ file: PyFile) { self.file = file }
    }

    /// Registers the flush at exit once, when the first file is opened.
    private init() {
        atexit { OpenFiles.shared.flushAll() }
    }

    func add(_ file: PyFile) {
        lock.lock()
        defer { lock.unlock() }
        files[ObjectIdentifier(file)] = Weak(file)
    }

    func remove(_ file: PyFile) {
        lock.lock()
        defer { lock.unlock() }
        files[ObjectIdentifier(file)] = nil
    }

    /// Writes out what every registered file holds (each under its own lock); the files
    /// stay open for their scripts, and the system closes them at exit.
    func flushAll() {
        lock.lock()
        let open = files.values.compactMap(\.file)
        lock.unlock()
        for file in open { try? file.flush() }
    }
}
