// `llmwb bench [NAME]`: the benchmarks, run by name or all together, printing figures
// (GFLOP/s, tokens/s, ms) next to numpy/PyTorch on the same machine where we have them.
import ArgumentParser
import Lessons

/// A benchmark `llmwb bench` can run.
struct Benchmark: Sendable {
    let name: String
    let summary: String
    let run: @Sendable () throws -> Void
}

struct Bench: ParsableCommand {
    @OptionGroup var sandbox: SandboxOptions

    static let configuration = CommandConfiguration(
        abstract: "Run a benchmark, or all of them.",
        discussion: "Benchmarks: " + all.map { "\($0.name) (\($0.summary))" }.joined(separator: ", ") + ".")

    /// Every benchmark, in the order `llmwb bench` runs them; adding one is one line.
    static let all: [Benchmark] = [
        BenchMatmul.benchmark,
        BenchInterp.benchmark,
        OpsBench.benchmark,
        Benchmark(name: "attention", summary: "naive vs fused causal attention, n = 1024, 4096, 8192, beside PyTorch",
                  run: { print(try attentionBenchReport()) }),
        Benchmark(name: "train", summary: "one GPT-2 124M training step (context 256, batch 2) beside PyTorch",
                  run: { print(try trainBenchReport()) }),
        Benchmark(name: "generate", summary: "tokens/s of GPT-2 124M generation with a KV cache beside PyTorch",
                  run: { print(try generateBenchReport()) }),
    ]

    @Argument(help: "The benchmark to run (all of them when omitted).")
    var name: String?

    @Flag(name: .long, help: "List the benchmarks without running them.")
    var list = false

    func validate() throws {
        guard let name, Bench.all.first(where: { $0.name == name }) == nil else { return }
        let names = Bench.all.map(\.name)
        var message = "unknown benchmark '\(name)'"
        if let suggestion = Suggest.closest(to: name, among: names) { message += " (did you mean '\(suggestion)'?)" }
        throw ValidationError(message + "; available: " + names.joined(separator: ", "))
    }

    func run() throws {
        let chosen = Bench.all.filter { name == nil || $0.name == name }
        if name == nil || list {
            print("benchmarks:")
            let width = Bench.all.map(\.name.count).max() ?? 0
            for benchmark in Bench.all {
                print("  " + benchmark.name.padding(width) + "  " + benchmark.summary)
            }
            if list { return }
            print("")
        }
        for (index, benchmark) in chosen.enumerated() {
            if index > 0 { print("") }
            try benchmark.run()
        }
    }
}


extension String {
    /// Right-padded with spaces to `width` characters.
    func padding(_ width: Int) -> String { self + String(repeating: " ", count: max(0, width - count)) }

    /// Left-padded with spaces to `width` characters.
    func aligned(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
