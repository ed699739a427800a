// `llmwb bench ops`: the exact elementwise and row kernels at GPT-2 shapes (softmax over
// attention scores, LayerNorm, GELU tanh), ours beside PyTorch's in the same run.

import Foundation
import NN
import Tensor

enum OpsBench {
    static let benchmark = Benchmark(
        name: "ops", summary: "softmax, LayerNorm, GELU (tanh) at GPT-2 shapes, ms, ours vs PyTorch") { try run() }

    static let runs = 5

    /// (name, shape, torch expression on `x`), in the order printed.
    static let ops: [(name: String, shape: [Int], torch: String)] = [
        ("softmax(dim=-1)", [1, 12, 256, 256], "torch.softmax(x, dim=-1)"),
        ("LayerNorm", [1, 256, 768], "F.layer_norm(x, (768,), w, b, 1e-5)"),
        ("GELU (tanh)", [1, 256, 3072], "F.gelu(x, approximate='tanh')"),
    ]

    static func run() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        print("ops: float32, best of \(runs) runs after a warm-up, \(cores) threads each side (torch.no_grad);")
        print("     scalar ref = the row-by-row Swift reference the SIMD kernels are tested against, one thread")
        let torch = torchTimes(threads: cores)
        var rows: [[String]] = []
        for (index, op) in ops.enumerated() {
            var numbers = OpsNumbers(state: UInt64(index + 1))
            let x = try numbers.tensor(op.shape)
            let n = op.shape[op.shape.count - 1]
            let w = try numbers.tensor([n]), b = try numbers.tensor([n])
            let ours: Double
            var reference: Double?
            switch index {
            case 0:
                ours = try best { _ = try x.softmax(dim: -1) }
                reference = try scalarSoftmax(x, n: n)
            case 1:
                ours = try best { _ = try Functional.layerNorm(x, normalizedShape: [n], weight: w, bias: b) }
                reference = try scalarLayerNorm(x, w, b, n: n)
            default:
                ours = try best { _ = try x.gelu(approximate: "tanh") }
            }
            let theirs = torch?[index]
            rows.append([op.name, "[" + op.shape.map(String.init).joined(separator: ",") + "]",
                         reference.map(milliseconds) ?? "-", milliseconds(ours), theirs.map(milliseconds) ?? "-",
                         theirs.map { String(format: "%.2fx", ours / $0) } ?? "-"])
        }
        BenchMatmul.printTable(header: ["op", "shape", "scalar ref", "ours", "torch", "ours/torch"], rows: rows)
        if torch == nil { print("torch not installed: no PyTorch column") }
    }

    static func milliseconds(_ s: Double) -> String { String(format: "%.3f ms", s * 1000) }

    /// Best wall-clock seconds of `body` over `runs` runs after one warm-up.
    static func best(_ body: () throws -> Void) throws -> Double {
        try body()
        var best = Double.infinity
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return best
    }

    static func scalarSoftmax(_ x: Tensor, n: Int) throws -> Double {
        let out = try Tensor(zeros: x.shape)
        return try best {
            ExactRowKernels.softmaxReference(UnsafePointer(x.floatPointer), out.floatPointer, rows: x.count / n,
                                             n: n, log: false, lanes: ExactRowKernels.torchLanes)
        }
    }

    static func scalarLayerNorm(_ x: Tensor, _ w: Tensor, _ b: Tensor, n: Int) throws -> Double {
        let out = try Tensor(zeros: x.shape), rows = x.count / n
        var means = [Float](repeating: 0, count: rows), rstds = means
        return try best {
            means.withUnsafeMutableBufferPointer { m in
                rstds.withUnsafeMutableBufferPointer { r in
                    guard let mp = m.baseAddress, let rp = r.baseAddress else { return }
                    LayerNormKernel.forwardReference(UnsafePointer(x.floatPointer), out.floatPointer, rows: rows, n: n,
                                                     gamma: UnsafePointer(w.floatPointer), beta: UnsafePointer(b.floatPointer),
                                                     eps: 1e-5, means: mp, rstds: rp)
                }
            }
        }
    }

    /// PyTorch's best-of-`runs` seconds per op, or nil when python3 or torch is missing.
    static func torchTimes(threads: Int) -> [Double]? {
        var script = """
            import time, torch, torch.nn.functional as F
            torch.set_num_threads(\(threads))
            def best(f):
                f()
                t = float("inf")
                for _ in range(\(runs)):
                    s = time.perf_counter(); f(); t = min(t, time.perf_counter() - s)
                return t
            with torch.no_grad():

            """
        for op in ops {
            let shape = op.shape.map(String.init).joined(separator: ", ")
            script += "    x = torch.randn(\(shape)); w = torch.randn(\(op.shape[op.shape.count - 1])); b = torch.randn_like(w)\n"
            script += "    print(best(lambda: \(op.torch)))\n"
        }
        guard let text = Python3.output(script) else { return nil }
        let times = text.split(separator: "\n").compactMap { Double($0) }
        return times.count == ops.count ? times : nil
    }
}

/// Deterministic inputs in [-2, 2) (a small LCG; the values do not matter).
private struct OpsNumbers {
    var state: UInt64
    mutating func tensor(_ shape: [Int]) throws -> Tensor {
        var values = [Float](repeating: 0, count: shape.reduce(1, *))
        for i in values.indices {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values[i] = Float(state >> 40) / Float(1 << 24) * 4 - 2
        }
        return try Tensor(floats: values, shape: shape)
    }
}
