// The benchmark scripts run correctly at tiny sizes (checksums from CPython 3.11); their
// timings are measured by `llmwb bench` in release builds, never asserted here.
import Testing
import Python

@Suite struct LanguageBenchmarkTests {
    /// (benchmark, N, what CPython 3.11 prints for it).
    static let checksums: [(String, Int, String)] = [
        ("fib", 15, "610"), ("loops", 1000, "1124250"), ("strings", 500, "1890"),
        ("comprehensions", 300, "114250"), ("objects", 1000, "666667000"),
        ("generators", 1000, "499999500"),
    ]

    @Test(arguments: checksums)
    func benchmarkScriptsMatchCPython(_ name: String, _ n: Int, _ expected: String) throws {
        let (output, _) = try LanguageBenchmarks.run(name, n: n)
        #expect(output == expected + "\n")
        #expect(LanguageBenchmarks.defaultSizes[name] != nil)
    }
}
