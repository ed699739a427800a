// `--timeout SECONDS` for `llmwb run` and `llmwb exec`: a headless run that goes on
// too long is stopped the way Ctrl-C stops it in the shell, with a KeyboardInterrupt.

import ArgumentParser
import Foundation
import Python

enum Timeout {
    /// How long code that ignores the interrupt (a long native op, a bare `except:`) may
    /// keep running after the deadline before the process ends anyway.
    static let grace: Double = 5

    private static let lock = NSLock()
    // Written once by the timer thread, read by the main thread: behind `lock`.
    nonisolated(unsafe) private static var passed = false
    nonisolated(unsafe) private static var seconds: Double = 0

    /// Whether the deadline has passed.
    static var expired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return passed
    }

    /// Checks the option's value (ArgumentParser's `validate`).
    static func validate(_ seconds: Double?) throws {
        if let seconds, !(seconds > 0 && seconds.isFinite) {
            throw ValidationError("--timeout takes a number of seconds above 0, got \(seconds)")
        }
    }

    /// Starts the clock (nil: no limit). After `limit` seconds the running code is
    /// interrupted (again every 0.1 s, in case it catches that); after the grace, the
    /// process ends.
    static func start(_ limit: Double?) {
        guard let limit else { return }
        seconds = limit
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: limit)
            lock.lock()
            passed = true
            lock.unlock()
            let end = Date().addingTimeInterval(grace)
            while Date() < end {
                Interpreter.interruptRequested = true
                Thread.sleep(forTimeInterval: 0.1)
            }
            stop()
        }
    }

    /// The note on stderr, and exit status 1 (the running cell failed).
    static func stop() -> Never {
        Output.flush()
        Output.writeError("llmwb: stopped after --timeout \(String(format: "%g", seconds)) seconds\n")
        exit(1)
    }
}
