// `llmwb bench attention` (lesson 08): time and peak memory of naive vs fused attention for
// one causal head of dim 64 as the context grows, beside PyTorch's SDPA when torch is installed.

import Foundation
import Tensor

/// The report `llmwb bench attention` prints: for n = 1024, 4096, 8192 (one head, dim 64,
/// causal), best-of-`runs` time and peak extra memory (`Storage.peakBytes` minus what was
/// live before the call) of the naive and the fused kernel, their ratios, the largest
/// difference between their outputs, and PyTorch's `F.scaled_dot_product_attention` time.
func attentionBenchReport(sizes: [Int] = [1024, 4096, 8192], headDim: Int = 64, runs: Int = 5) throws -> String {
    var lines = [
        "attention: one head of dim \(headDim), causal, float32, fused kernel \(AttentionKernel.best);",
        "time = best of \(runs) runs (wall clock, all cores),",
        "memory = peak tensor memory allocated during the call (output included)",
        "",
    ]
    let torchTimes = torchAttentionTimes(sizes: sizes, headDim: headDim, runs: runs)
    let header = ["n", "naive", "fused", "fused/naive", "naive mem", "fused mem", "mem ratio",
                  "torch", "fused/torch", "max |diff|"]
    var rows: [[String]] = []
    for n in sizes {
        var numbers = BenchNumbers(state: UInt64(n))
        let q = try numbers.tensor([1, 1, n, headDim])
        let k = try numbers.tensor([1, 1, n, headDim])
        let v = try numbers.tensor([1, 1, n, headDim])
        let naive = try measureAttention(q, k, v, backend: .math, runs: runs)
        let fused = try measureAttention(q, k, v, backend: .flash, runs: runs)
        let difference = zip(naive.output, fused.output).reduce(Float(0)) { max($0, abs($1.0 - $1.1)) }
        var row = [
            "\(n)", formatSeconds(naive.seconds), formatSeconds(fused.seconds),
            String(format: "%.2fx", fused.seconds / naive.seconds),
            Storage.formatBytes(naive.peakBytes), Storage.formatBytes(fused.peakBytes),
            String(format: "%.2f%%", 100 * Double(fused.peakBytes) / Double(max(naive.peakBytes, 1))),
        ]
        if let torch = torchTimes?[n] {
            row += [formatSeconds(torch), String(format: "%.2fx", fused.seconds / torch)]
        } else {
            row += ["-", "-"]
        }
        row.append(String(format: "%.1e", Double(difference)))
        rows.append(row)
    }
    let widths = header.indices.map { c in ([header[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
    func render(_ cells: [String]) -> String {
        cells.enumerated().map { String(repeating: " ", count: widths[$0.offset] - $0.element.count) + $0.element }
            .joined(separator: "  ")
    }
    lines.append(render(header))
    lines += rows.map(render)
    if torchTimes == nil { lines += ["", "torch not installed: no PyTorch column"] }
    lines += ["", "fused/naive and fused/torch are time ratios (below 1 = fused is faster);",
              "mem ratio = fused memory / naive memory."]
    return lines.joined(separator: "\n")
}

/// Best time, peak extra memory and output of one kernel on q, k, v.
private func measureAttention(_ q: Tensor, _ k: Tensor, _ v: Tensor, backend: AttentionBackend,
                              runs: Int) throws -> (seconds: Double, peakBytes: Int, output: [Float]) {
    var best = Double.infinity, peak = 0
    var output: [Float] = []
    for _ in 0..<max(runs, 1) {
        let before = Storage.liveBytes
        Storage.resetPeak()
        let start = DispatchTime.now().uptimeNanoseconds
        let out = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, isCausal: true,
                                                       backend: backend)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
        peak = max(peak, Storage.peakBytes - before)
        output = out.floatValues()
    }
    return (best, peak, output)
}

/// PyTorch's best-of-`runs` SDPA time per n (causal, one head), or nil when python3 or
/// torch is missing.
private func torchAttentionTimes(sizes: [Int], headDim: Int, runs: Int) -> [Int: Double]? {
    let script = """
        import time, torch, torch.nn.functional as F
        for n in [\(sizes.map(String.init).joined(separator: ", "))]:
            q, k, v = (torch.randn(1, 1, n, \(headDim)) for _ in range(3))
            F.scaled_dot_product_attention(q, k, v, is_causal=True)
            best = float("inf")
            for _ in range(\(runs)):
                start = time.perf_counter()
                F.scaled_dot_product_attention(q, k, v, is_causal=True)
                best = min(best, time.perf_counter() - start)
            print(n, best)
        """
    guard let text = Python3.output(script) else { return nil }
    var times: [Int: Double] = [:]
    for line in text.split(separator: "\n") {
        let parts = line.split(separator: " ")
        if parts.count == 2, let n = Int(parts[0]), let seconds = Double(parts[1]) { times[n] = seconds }
    }
    return times.isEmpty ? nil : times
}

private func formatSeconds(_ s: Double) -> String {
    s < 1 ? String(format: "%.1f ms", s * 1000) : String(format: "%.2f s", s)
}

/// Deterministic inputs in [-2, 2) for the bench (a small LCG; the values do not matter).
private struct BenchNumbers {
    var state: UInt64
    mutating func tensor(_ shape: [Int]) throws -> Tensor {
        let count = shape.reduce(1, *)
        var values = [Float](repeating: 0, count: count)
        for i in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            values[i] = Float(state >> 40) / Float(1 << 24) * 4 - 2
        }
        return try Tensor(floats: values, shape: shape)
    }
}
