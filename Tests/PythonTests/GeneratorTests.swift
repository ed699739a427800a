// Runs every snippet of GeneratorExpectations.swift (generator functions, yield, yield from,
// send/throw/close, lazy generator expressions) and compares with CPython 3.11's output.
import Foundation
import Testing
import Python

/// Object addresses differ from run to run: both sides write them `0x...`.
private func withoutAddresses(_ text: String) -> String {
    text.replacingOccurrences(of: "0x[0-9a-f]+", with: "0x...", options: .regularExpression)
}

@Suite struct GeneratorTests {
    @Test(arguments: generatorExpectations.map(\.name))
    func generatorSnippetMatchesCPython(_ name: String) {
        guard let entry = generatorExpectations.first(where: { $0.name == name }) else {
            Issue.record("no snippet \(name)")
            return
        }
        let actual = withoutAddresses(runScript(entry.source))
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

    /// A generator started by one `evaluate` (one interpreter thread) resumes in the next.
    @Test func generatorSurvivesAcrossEvaluations() throws {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        try interpreter.evaluate("def g():\n    try:\n        for i in range(3):\n            yield i\n    finally:\n        print('closed')\nit = g()\nprint(next(it))")
        let second = try interpreter.evaluate("next(it)")
        #expect(second.map { interpreter.repr($0) } == "1")
        try interpreter.evaluate("print(list(it))")
        #expect(out == "0\nclosed\n[2]\n")
    }

    /// Many generators alive at once, and many created and finished: stacks come from the pool.
    @Test func manyGenerators() {
        let out = runScript("""
        def gen(i):
            yield i
            yield i + 1
        alive = [gen(i) for i in range(2000)]
        print(sum(next(g) for g in alive), sum(next(g) for g in alive))
        total = 0
        for i in range(20000):
            total += sum(gen(i))
        print(total)
        """)
        #expect(out == "1999000 2001000\n400000000\n")
    }
}
