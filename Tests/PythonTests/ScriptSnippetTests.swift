// Runs every snippet of ScriptExpectations.swift and compares the printed text (output,
// then any traceback) with what CPython 3.11 printed for it.
import Testing
import Python

/// Runs `source` as the script `snippet.py`; returns stdout text followed by any error report.
func runScript(_ source: String, filename: String = "snippet.py") -> String {
    var out = ""
    let interpreter = Interpreter(output: { out += $0 })
    do {
        try interpreter.run(source: source, filename: filename)
    } catch let e as ScriptError {
        out += e.rendered
        if !out.hasSuffix("\n") { out += "\n" }
    } catch {
        out += "unexpected error: \(error)\n"
    }
    return out
}

@Suite struct ScriptSnippetTests {
    @Test(arguments: scriptExpectations.map(\.name))
    func snippetMatchesCPython(_ name: String) {
        guard let entry = scriptExpectations.first(where: { $0.name == name }) else {
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
}
