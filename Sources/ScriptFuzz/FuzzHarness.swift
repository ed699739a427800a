// Runs one fuzz input through the lexer, parser and interpreter with the limits a
// fuzz run needs: a time budget (the Ctrl-C flag), a memory ceiling, no writes
// outside a scratch folder, and the input on stderr if the process dies.

import Foundation
import Bindings
import Python

/// What one input did.
enum FuzzOutcome: String, CaseIterable {
    /// Stopped by the lexer or parser (SyntaxError, IndentationError).
    case syntaxError = "syntax errors"
    /// Parsed, ran, and raised a Python exception (the usual end of a mutated script).
    case raised = "raised an exception"
    /// Ran to the end.
    case finished = "ran to the end"
    /// Ran past the time budget and was stopped with KeyboardInterrupt.
    case interrupted = "stopped at the time budget"
    /// Parsed but not run: it might write outside the scratch folder.
    case parsedOnly = "parsed only (could write files)"
}

final class FuzzHarness {
    /// How long one input may run before the interrupt flag is raised.
    let budget: TimeInterval
    /// Past this, an input that ignores the interrupt counts as a hang and the run fails.
    let hangLimit: TimeInterval
    /// Resident memory above which the running input is interrupted.
    let memoryLimit: Int
    let searchPaths: [String]
    private let watchdog = Watchdog()

    /// `scratch` becomes the current directory, so relative writes land there.
    init(scratch: String, searchPaths: [String], budget: TimeInterval = 1, hangLimit: TimeInterval = 30,
         memoryLimit: Int = 2 << 30) throws {
        (self.budget, self.hangLimit, self.memoryLimit) = (budget, hangLimit, memoryLimit)
        self.searchPaths = searchPaths
        guard FileManager.default.changeCurrentDirectoryPath(scratch) else {
            throw FuzzUsageError("cannot work in the scratch folder \(scratch)")
        }
        Bindings.registerAll()
        CrashReport.install()
        watchdog.start(harness: self)
    }

    /// Runs `bytes` as a script in a fresh interpreter.
    func run(_ bytes: [UInt8]) -> FuzzOutcome {
        CrashReport.remember(bytes)
        let source = String(decoding: bytes, as: UTF8.self)
        do {
            _ = try Parser.parse(source, filename: "fuzz.py")
        } catch {
            return .syntaxError
        }
        if FuzzHarness.mightWriteOutsideScratch(source) { return .parsedOnly }
        let interpreter = Interpreter(output: { _ in }, errorOutput: { _ in })
        interpreter.searchPaths = searchPaths
        watchdog.begin()
        defer { watchdog.end() }
        do {
            try interpreter.run(source: source, filename: "fuzz.py")
            return .finished
        } catch let error as ScriptError {
            if error.typeName == "KeyboardInterrupt" && watchdog.fired { return .interrupted }
            return .raised
        } catch {
            return .raised
        }
    }

    /// Relative paths resolve inside the scratch folder; an input that names a write and
    /// could build an absolute or parent path is only parsed.
    static func mightWriteOutsideScratch(_ source: String) -> Bool {
        let writes = ["open", "save", "write", "makedirs", "mkdir", "remove", "rename", "rmdir", "unlink"]
        let escapes = ["\"/", "'/", "/\"", "/'", "..", "~", "getcwd", "environ", "getenv", "chr", "path", "join", "sep"]
        return writes.contains { source.contains($0) } && escapes.contains { source.contains($0) }
    }

    /// Resident memory of this process in bytes (Linux /proc), or 0 when unknown.
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }
}

/// A thread that raises the interrupt flag when an input runs too long or grows too big,
/// and ends the process (reporting the input) when one will not stop.
private final class Watchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var started: Date?
    private var didFire = false

    var fired: Bool { lock.lock(); defer { lock.unlock() }; return didFire }

    func begin() {
        lock.lock()
        started = Date()
        didFire = false
        Interpreter.interruptRequested = false
        lock.unlock()
    }

    func end() {
        lock.lock()
        started = nil
        Interpreter.interruptRequested = false
        lock.unlock()
    }

    func start(harness: FuzzHarness) {
        let (budget, hangLimit, memoryLimit) = (harness.budget, harness.hangLimit, harness.memoryLimit)
        let thread = Thread { [self] in
            while true {
                usleep(5_000)
                lock.lock()
                if let started {
                    let elapsed = Date().timeIntervalSince(started)
                    if elapsed > budget || FuzzHarness.residentBytes() > memoryLimit {
                        Interpreter.interruptRequested = true
                        didFire = true
                    }
                    if elapsed > hangLimit { CrashReport.fail("did not stop within \(Int(hangLimit)) s of its budget") }
                }
                lock.unlock()
            }
        }
        thread.start()
    }
}

/// Keeps the running input where a signal handler can print it: if the process dies
/// (a Swift trap is SIGILL/SIGTRAP, a bad access SIGSEGV), the input goes to stderr.
enum CrashReport {
    private static let capacity = 1 << 16
    // The one global mutable buffer of the fuzzer: written before each input, read only
    // by the crash handler, which may use nothing but write(2).
    nonisolated(unsafe) private static let buffer = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) private static var length = 0

    static func install() {
        for signal in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            Foundation.signal(signal) { number in
                let header = "\nllmwb-fuzz: crashed (signal \(number)) on this input (Swift string literal):\n"
                CrashReport.write(header)
                _ = Glibc.write(2, CrashReport.buffer, CrashReport.length)
                CrashReport.write("\n")
                Foundation.signal(number, SIG_DFL)
                raise(number)
            }
        }
    }

    private static func write(_ text: String) {
        var copy = text
        copy.withUTF8 { _ = Glibc.write(2, $0.baseAddress, $0.count) }
    }

    /// Stores the input as an escaped Swift string literal, ready to paste into a test.
    static func remember(_ bytes: [UInt8]) {
        let literal = Array(escaped(bytes).utf8.prefix(capacity))
        literal.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { buffer.update(from: base, count: source.count) }
        }
        length = literal.count
    }

    /// Ends the run, printing the input and why.
    static func fail(_ reason: String) -> Never {
        write("\nllmwb-fuzz: an input \(reason):\n")
        _ = Glibc.write(2, buffer, length)
        write("\n")
        exit(2)
    }

    /// `"x = 1\n\u{FF}"`: printable ASCII as is, the rest escaped. Invalid UTF-8 bytes
    /// become U+FFFD when decoded, so the literal reproduces what the interpreter saw.
    static func escaped(_ bytes: [UInt8]) -> String {
        var out = "\""
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case " "..."~": out.unicodeScalars.append(scalar)
            default: out += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return out + "\""
    }
}
