// `llmwb bench interp`: the lesson-language interpreter against CPython on the same
// scripts (Script's `LanguageBenchmarks`), in the same run, checksums compared.

import Foundation
import Python

enum BenchInterp {
    static var benchmark: Benchmark {
        Benchmark(name: "interp", summary: "the lesson language against CPython on interpreter-bound scripts", run: run)
    }

    static func run() throws {
        print("interpreter: best of 3 runs, milliseconds (lower is better)")
        print("script            size    llmwb   python3   llmwb/python3")
        var ratios: [Double] = []
        for (name, source) in LanguageBenchmarks.scripts {
            let n = LanguageBenchmarks.defaultSizes[name] ?? 1000
            var best = Double.infinity, checksum = ""
            for _ in 0..<3 {
                let (output, seconds) = try LanguageBenchmarks.run(name, n: n)
                best = min(best, seconds)
                checksum = output
            }
            let theirs = python(source, n: n)
            let agrees = theirs.map { $0.output == checksum } ?? true
            let ratio = theirs.map { best / $0.seconds }
            if let ratio { ratios.append(ratio) }
            print(name.padding(toLength: 14, withPad: " ", startingAt: 0) + String(format: "%8d%9.1f", n, best * 1000)
                  + (theirs.map { String(format: "%10.1f", $0.seconds * 1000) } ?? "       n/a")
                  + (ratio.map { String(format: "%15.2fx", $0) } ?? "   python3 not available")
                  + (agrees ? "" : "   (checksums differ!)"))
        }
        if !ratios.isEmpty {
            print(String(format: "geometric mean llmwb/python3: %.2fx", exp(ratios.map(log).reduce(0, +) / Double(ratios.count))))
        }
    }

    /// CPython's best-of-3 seconds and printed checksum for `source` with `N = n`.
    private static func python(_ source: String, n: Int) -> (seconds: Double, output: String)? {
        let driver = """
        import io, sys, time, contextlib
        src = compile(sys.argv[1], '<bench>', 'exec')
        best, out = 1e9, ''
        for _ in range(3):
            buf = io.StringIO()
            t = time.perf_counter()
            with contextlib.redirect_stdout(buf):
                exec(src, {'N': int(sys.argv[2])})
            best = min(best, time.perf_counter() - t)
            out = buf.getvalue()
        print(best)
        sys.stdout.write(out)
        """
        guard let text = Python3.output(driver, arguments: [source, String(n)]) else { return nil }
        guard let newline = text.firstIndex(of: "\n"), let seconds = Double(text[..<newline]) else { return nil }
        return (seconds, String(text[text.index(after: newline)...]))
    }
}
