// Runs every snippet of StdlibExpectations2.swift (json, dataclasses, typing, inspect, pathlib,
// io, string, statistics, textwrap, contextlib, abc, enum, warnings, ast, sys, __future__)
// against the text CPython 3.11 printed for it (Tests/Fixtures/make_stdlib2_fixtures.py).
import Testing
import Python

@Suite struct Stdlib2Tests {
    /// The pathlib and os snippets work in /tmp/llmwb_stdlib2, as CPython ran them: allowed as `--allow-path` would.
    init() { Sandbox.allow("/tmp/llmwb_stdlib2") }

    @Test(arguments: stdlibExpectations2.map(\.name))
    func snippetMatchesCPython(_ name: String) {
        guard let entry = stdlibExpectations2.first(where: { $0.name == name }) else {
            Issue.record("no snippet \(name)")
            return
        }
        let actual = runScript(entry.source)
        #expect(actual == entry.expected, "snippet \(name)")
        if actual != entry.expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = entry.expected.split(separator: "\n", omittingEmptySubsequences: false)
            for i in 0..<max(a.count, e.count) where i >= a.count || i >= e.count || a[i] != e[i] {
                Issue.record("line \(i + 1):\n  got:      \(i < a.count ? String(a[i]) : "<none>")\n  expected: \(i < e.count ? String(e[i]) : "<none>")")
                break
            }
        }
    }

    /// `llmwb exec`'s exit status: SystemExit's code (None → 0, an int, a message → printed, 1).
    @Test(arguments: [
        ("import sys\nprint('a')\nsys.exit(3)\nprint('b')\n", Int32(3), "a\n", ""),
        ("import sys\nsys.exit('bye')\n", Int32(1), "", "bye\n"),
        ("import sys\nsys.exit()\n", Int32(0), "", ""),
        ("raise SystemExit(0)\n", Int32(0), "", ""),
        ("# %%\nprint(1)\n# %%\nimport sys; sys.exit(2)\n# %%\nprint(3)\n", Int32(2), "1\n", ""),
        ("print(1)\n", Int32(0), "1\n", ""),
    ])
    func exitStatusFollowsSystemExit(_ source: String, _ status: Int32, _ stdout: String, _ stderr: String) {
        var out = "", err = ""
        let interpreter = Interpreter(output: { out += $0 }, errorOutput: { err += $0 })
        let result = NotebookRunner(keepGoing: true).runForExitStatus(source: source, filename: "exit.py", interpreter: interpreter)
        #expect(result == status)
        #expect(out == stdout)
        #expect(err == stderr)
    }
}
