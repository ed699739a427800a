// Runs every snippet of LanguageExpectations.swift (classes, calls, context managers,
// exceptions, scopes, formatting, dunder protocols, hashes) and compares the printed text
// (output, then any traceback) with what CPython 3.11 printed for it.
import Testing
import Python

@Suite struct LanguageTests {
    @Test(arguments: languageExpectations.map(\.name))
    func snippetMatchesCPython(_ name: String) {
        guard let entry = languageExpectations.first(where: { $0.name == name }) else {
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
