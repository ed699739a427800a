// The `workbench` module lesson 08 measures with: what `measure` returns and how it fails.
// Times are never asserted, only that they exist; memory is checked from below.
import Testing

@Suite struct WorkbenchModuleTests {
    @Test func measureReportsTimeMemoryAndResult() throws {
        let result = try runBindingScript("""
            import torch, workbench
            def make(rows, cols, fill=0.0):
                return torch.full((rows, cols), fill)
            m = workbench.measure(make, 1000, 1000, fill=2.0, repeat=2)
            print(type(m).__name__, m.seconds > 0, m.peak_bytes >= 3_000_000)
            print(m.result.shape, m.result[0, 0].item())
            print(repr(m).startswith("Measurement(seconds="), repr(m).endswith(f"peak_bytes={m.peak_bytes})"))
            print(workbench.measure(lambda: 7).result)
            """)
        #expect(result.failure == nil, "\(result.failure ?? "")")
        #expect(result.output == """
            Measurement True True
            torch.Size([1000, 1000]) 2.0
            True True
            7

            """)
    }

    @Test(arguments: [
        ("workbench.measure(len, [], repeat=0)", "ValueError: measure(): repeat must be at least 1, got 0"),
        ("workbench.measure(lambda: 1 / 0)", "ZeroDivisionError: division by zero"),
        ("workbench.measure()", "TypeError: measure() missing 1 required positional argument: 'fn'"),
        ("workbench.measure(3)", "TypeError: 'int' object is not callable"),
    ])
    func measureFailsLikePython(_ call: String, _ message: String) throws {
        let result = try runBindingScript("import workbench\n" + call)
        #expect(result.failure?.contains(message) == true, "\(result.failure ?? "no error")")
    }
}
