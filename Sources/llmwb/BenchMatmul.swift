// `llmwb bench matmul`: square float32 GEMM in GFLOP/s, ours next to numpy's (OpenBLAS)
// on the same machine, all cores and one core. The engine under every lesson's matmul.
import Foundation
import Tensor

enum BenchMatmul {
    static let benchmark = Benchmark(
        name: "matmul", summary: "square float32 C = A @ B, GFLOP/s, ours vs numpy") { try run() }

    static let sizes = [256, 512, 1024, 2048]

    /// Timed runs stop after this much time (and at least `minimumRuns` runs).
    static let timeBudget = 1.0
    static let minimumRuns = 5

    static func run() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("matmul: C = A @ B, float32, n x n, best of >= \(minimumRuns) runs after a warm-up")
        print("ours:   \(GEMM.Kernel.automatic.name) micro-kernel, up to \(cores) threads")
        var ours: [Int: (all: Double, one: Double)] = [:]
        for n in sizes {
            ours[n] = try (measure(n: n, threads: nil), measure(n: n, threads: 1))
        }
        let numpyAll = Numpy.run(sizes: sizes, singleThread: false)
        let numpyOne = Numpy.run(sizes: sizes, singleThread: true)
        if let numpyAll {
            print("numpy:  \(numpyAll.configuration)")
        } else {
            print("numpy:  numpy not available")
        }
        print("")
        let header = ["n", "ours", "numpy", "ours/numpy", "ours 1T", "numpy 1T", "ours/numpy 1T"]
        var rows: [[String]] = []
        for n in sizes {
            let (all, one) = ours[n] ?? (0, 0)
            let npAll = numpyAll?.gflops[n], npOne = numpyOne?.gflops[n]
            rows.append(["\(n)", format(all), npAll.map(format) ?? "-", ratio(all, npAll),
                         format(one), npOne.map(format) ?? "-", ratio(one, npOne)])
        }
        printTable(header: header, rows: rows)
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
