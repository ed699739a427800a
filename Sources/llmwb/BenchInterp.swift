// `llmwb bench interp`: the lesson-language interpreter against CPython on the same
// workloads, in the same run: recursion, loops over lists and dicts, string
// building, and a comprehension-heavy tokenizer pass.

import Foundation
import Script

enum BenchInterp {
    /// Each workload is plain Python that runs unchanged in both interpreters.
    static let workloads: [(name: String, code: String)] = [
        ("fib(25), recursive", """
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        fib(25)
        """),
        ("loops over lists", """
        total = 0
        values = list(range(1000))
        for _ in range(300):
            for v in values:
                total += v * 2
        """),
        ("dict counting", """
        counts = {}
        words = ["the", "cat", "sat", "on", "the", "mat", "and", "the", "dog"] * 100
        for _ in range(100):
            for w in words:
                counts[w] = counts.get(w, 0) + 1
        """),
        ("string building", """
        parts = []
        for i in range(100000):
            parts.append(str(i % 97))
        text = ",".join(parts)
        s = ""
        for i in range(20000):
            s += "x"
        """),
        ("tokenizer-style comprehensions", """
        text = "I HAD always thought Jack Gisburn rather a cheap genius--though a good fellow enough " * 200
        for _ in range(10):
            words = [w.strip(".,") for w in text.split() if w]
            vocab = {w: i for i, w in enumerate(sorted(set(words)))}
            ids = [vocab[w] for w in words]
            back = " ".join([w for w in words if len(w) > 2])
        """),
    ]

    static var benchmark: Benchmark {
        Benchmark(name: "interp", summary: "the lesson language against CPython on interpreter-bound workloads", run: run)
    }

    static func run() throws {
        print("interpreter: best of 3 runs, milliseconds (lower is better)")
        print("workload                          llmwb    python3   llmwb/python3")
        var ratios: [Double] = []
        for (name, code) in workloads {
            let ours = try (0..<3).map { _ in try time { try Interpreter().run(source: code, filename: "<bench>") } }.min() ?? 0
            let theirs = python(code)
            let ratio = theirs.map { ours / $0 }
            if let ratio { ratios.append(ratio) }
            print(name.padding(toLength: 32, withPad: " ", startingAt: 0)
                  + String(format: "%8.1f", ours * 1000)
                  + (theirs.map { String(format: "%11.1f", $0 * 1000) } ?? "        n/a")
                  + (ratio.map { String(format: "%15.2fx", $0) } ?? "   python3 not available"))
        }
        if !ratios.isEmpty {
            let geometric = exp(ratios.map(log).reduce(0, +) / Double(ratios.count))
            print(String(format: "geometric mean llmwb/python3: %.2fx", geometric))
        }
    }

    private static func time(_ body: () throws -> Void) throws -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    /// CPython's best-of-3 time for `code`, or nil when python3 is missing.
    private static func python(_ code: String) -> Double? {
        let script = "import sys, time\ncode = compile(sys.argv[1], '<bench>', 'exec')\nbest = 1e9\n"
            + "for _ in range(3):\n    t = time.perf_counter(); exec(code, {}); best = min(best, time.perf_counter() - t)\nprint(best)\n"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, code]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return nil }
        return Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
