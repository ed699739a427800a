// Python's `time` module: clocks, and a sleep that Ctrl-C interrupts.
import Foundation

enum TimeModule {
    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "time")
        m.addFunction("time") { _ in .float(Date().timeIntervalSince1970) }
        m.addFunction("perf_counter") { _ in .float(Double(DispatchTime.now().uptimeNanoseconds) / 1e9) }
        m.addFunction("monotonic") { _ in .float(Double(DispatchTime.now().uptimeNanoseconds) / 1e9) }
        m.addFunction("perf_counter_ns") { _ in .int(Int(DispatchTime.now().uptimeNanoseconds)) }
        m.addFunction("time_ns") { _ in .int(Int(Date().timeIntervalSince1970 * 1e9)) }
        m.addFunction("sleep", signature: "seconds") { args in
            let seconds = try MathModule.number(args, "seconds")
            if seconds < 0 { throw PyException.valueError("sleep length must be non-negative") }
            // Sleep in small steps so Ctrl-C interrupts promptly.
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                try checkInterrupt()
                Thread.sleep(forTimeInterval: min(0.05, end.timeIntervalSinceNow))
            }
            return .none
        }
        return m.module
    }
}
