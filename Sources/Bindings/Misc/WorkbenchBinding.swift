// The `workbench` module: measuring a call on this machine, its wall-clock time and the
// tensor memory it needs at its peak. Lesson 08 (what attention costs as context grows).
import Dispatch
import Python
import Tensor

/// `import workbench`:
///
///     m = workbench.measure(naive_attention, q, k, v, repeat=3)
///     m.seconds      # the fastest of the 3 runs, wall clock
///     m.peak_bytes   # the most tensor memory the call held at once, its result included
///     m.result       # what the last run returned
enum WorkbenchBinding {
    static let measurementClass = NativeClass(name: "Measurement", module: "workbench")

    static func register() {
        let m = NativeModule(name: "workbench")
        m.addClass(measurementClass)
        m.addFunction("measure", signature: "fn, *args, repeat=1, **kwargs") { args in
            let repeats = try args.int("repeat")
            guard repeats >= 1 else { throw PyException.valueError("measure(): repeat must be at least 1, got \(repeats)") }
            let call = Arguments(args.extraPositional, args.extraKeywords)
            return .object(try Measurement.take(args["fn"], call, repeats: repeats))
        }
        Interpreter.registerNativeModule("workbench") { _ in m.module }
    }
}

/// The time and peak memory of one call, as `workbench.measure` reports them.
final class Measurement: PyObject {
    let seconds: Double
    let peakBytes: Int
    let result: Value

    init(seconds: Double, peakBytes: Int, result: Value) {
        (self.seconds, self.peakBytes, self.result) = (seconds, peakBytes, result)
    }

    /// Calls `fn(call)` `repeats` times. Time: the fastest run. Memory: per run, the peak
    /// of `Storage.liveBytes` above what was live before it (tensor storage only, so
    /// the interpreter's own objects do not count); the largest over the runs. The count is
    /// process-wide, so tensors other threads make meanwhile (parallel tests) show up in it.
    static func take(_ fn: Value, _ call: Arguments, repeats: Int) throws -> Measurement {
        var best = Double.infinity, peak = 0
        var result = Value.none
        for _ in 0..<repeats {
            result = .none  // the previous run's result must not count against this one
            // Reset, then read: the peak is never below the baseline, whatever other threads do.
            Storage.resetPeak()
            let before = Storage.liveBytes
            let start = DispatchTime.now().uptimeNanoseconds
            result = try callValue(fn, call)
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, elapsed)
            peak = max(peak, Storage.peakBytes - before)
        }
        return Measurement(seconds: best, peakBytes: peak, result: result)
    }

    override var pyClass: PyClass { WorkbenchBinding.measurementClass.pyClass }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "seconds": return .float(seconds)
        case "peak_bytes": return .int(peakBytes)
        case "result": return result
        default: return nil
        }
    }

    override func repr() throws -> String {
        "Measurement(seconds=\(try Python.repr(.float(seconds))), peak_bytes=\(peakBytes))"
    }
}
