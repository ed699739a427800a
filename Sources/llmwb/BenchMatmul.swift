// `llmwb bench matmul`: square float32 GEMM in GFLOP/s, ours next to numpy's (OpenBLAS)
// on the same machine, all cores and one core. The engine under every lesson's matmul.
import Foundation
import Tensor

enum BenchMatmul {
    static let benchmark = Benchmark(
        name: "matmul", summary: "square float32 C = A @ B, GFLOP/s, ours vs numpy") { try run() }

    static let sizes = [256, 512, 1024, 2048]

    /// Each timing stops after this much time (and at least `minimumRuns` runs).
    static let timeBudget = 0.5
    static let minimumRuns = 5
    /// Ours and numpy's take turns this many times; each keeps its best. Other processes
    /// sharing the cores then slow both alike instead of whichever ran at the wrong moment.
    static let rounds = 2

    /// Best GFLOP/s seen on all cores and on one.
    struct Figures {
        var all = 0.0, one = 0.0

        mutating func keep(_ gflops: Double, singleThread: Bool) {
            if singleThread { one = max(one, gflops) } else { all = max(all, gflops) }
        }
    }

    static func run() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("matmul: C = A @ B, float32, n x n; best of >= \(minimumRuns) timed runs after a warm-up,")
        print("        ours and numpy's taking turns \(rounds) times")
        print("ours:   \(GEMM.Kernel.automatic.name) micro-kernel, up to \(cores) threads")
        var ours: [Int: Figures] = [:], numpy: [Int: Figures]? = [:]
        var numpyConfiguration = ""
        for _ in 0..<rounds {
            for n in sizes {
                for singleThread in [false, true] {
                    let gflops = try measure(n: n, threads: singleThread ? 1 : nil)
                    ours[n, default: Figures()].keep(gflops, singleThread: singleThread)
                    guard numpy != nil else { continue }
                    guard let theirs = Numpy.run(sizes: [n], singleThread: singleThread) else {
                        numpy = nil
                        continue
                    }
                    // The first run uses all cores: its thread count is the one to report.
                    if numpyConfiguration.isEmpty { numpyConfiguration = theirs.configuration }
                    numpy?[n, default: Figures()].keep(theirs.gflops[n] ?? 0, singleThread: singleThread)
                }
            }
        }
        print("numpy:  " + (numpy == nil ? "numpy not available" : numpyConfiguration))
        if let load = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8).split(separator: " ").first {
            print("load:   \(load) (1-minute load average; other processes share the cores)")
        }
        print("")
        let rows = sizes.map { n -> [String] in
            let mine = ours[n] ?? Figures(), theirs = numpy?[n]
            return ["\(n)", format(mine.all), theirs.map { format($0.all) } ?? "-", ratio(mine.all, theirs?.all),
                    format(mine.one), theirs.map { format($0.one) } ?? "-", ratio(mine.one, theirs?.one)]
        }
        printTable(header: ["n", "ours", "numpy", "ours/numpy", "ours 1T", "numpy 1T", "ours/numpy 1T"],
                   rows: rows)
        print("(GFLOP/s = 2 n^3 / seconds / 1e9; 1T = one thread)")
    }

    /// Best GFLOP/s of `C = A @ B` for n x n matrices of values in [-1, 1).
    static func measure(n: Int, threads: Int?) throws -> Double {
        let a = try Tensor(zeros: [n, n]), b = try Tensor(zeros: [n, n]), c = try Tensor(zeros: [n, n])
        var state: UInt32 = 12345
        for pointer in [a.floatPointer, b.floatPointer] {
            for i in 0..<(n * n) {
                state = state &* 1664525 &+ 1013904223
                pointer[i] = Float(state >> 8) / Float(1 << 23) - 1
            }
        }
        let multiply = {
            GEMM.sgemm(kernel: .automatic, threads: threads, transA: false, transB: false,
                       m: n, n: n, k: n, a: a.floatPointer, lda: n, b: b.floatPointer, ldb: n,
                       c: c.floatPointer, ldc: n)
        }
        multiply()
        var best = Double.infinity, spent = 0.0, runs = 0
        while runs < minimumRuns || (spent < timeBudget && runs < 200) {
            let start = DispatchTime.now().uptimeNanoseconds
            multiply()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            best = min(best, seconds)
            spent += seconds
            runs += 1
        }
        return 2 * Double(n * n * n) / best / 1e9
    }

    static func format(_ gflops: Double) -> String { String(format: "%.1f", gflops) }

    static func ratio(_ ours: Double, _ theirs: Double?) -> String {
        guard let theirs, theirs > 0 else { return "-" }
        return String(format: "%.2fx", ours / theirs)
    }

    /// Columns right-aligned under their headers, two spaces apart.
    static func printTable(header: [String], rows: [[String]]) {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            zip(cells, widths).map { $0.aligned($1) }.joined(separator: "  ")
        }
        print(line(header))
        print(line(widths.map { String(repeating: "-", count: $0) }))
        for row in rows { print(line(row)) }
    }
}
