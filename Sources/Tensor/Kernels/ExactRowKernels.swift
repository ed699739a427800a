// Swift entry to the SIMD kernels in Sources/CKernels/exact_*.c: softmax over the last dim,
// LayerNorm forward, GELU (tanh), split over cores. Bit-identical to the scalar references
// (Tensor.softmaxRow, NN's LayerNormKernel) and to torch's fixtures, which the tests check.

import CKernels
import Foundation

public enum ExactRowKernels {
    /// Threads torch runs its CPU kernels on (its default: one per core).
    public static let torchThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// Lanes in torch's softmax sums on this CPU (16 with AVX-512, else 8).
    public static var torchLanes: Int { TorchVectorMath.width }

    /// Softmax of `rows` contiguous rows of `n` floats from `x` into `y` (ATen's
    /// `_vec_softmax_lastdim`), or for log_softmax `(x - max) - log(sum)` with SLEEF's log.
    /// `lanes` is the lane count of torch's sums (16 on AVX-512 machines, 8 otherwise).
    public static func softmaxRows(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, n: Int,
                               log: Bool, lanes: Int = torchLanes) {
        guard rows > 0, n > 0 else { return }
        RowParallel.forEach(rows, workPerRow: n * 8) { range in
            let xr = x + range.lowerBound * n, yr = y + range.lowerBound * n
            if !log {
                ck_softmax_rows(xr, yr, range.count, n, Int32(lanes), 1, nil, nil)
                return
            }
            withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * range.count) { buffer in
                guard let maxes = buffer.baseAddress else { return }
                let sums = maxes + range.count
                ck_softmax_rows(xr, yr, range.count, n, Int32(lanes), 0, maxes, sums)
                for r in 0..<range.count {
                    let maximum = maxes[r], logSum = TorchVectorMath.log(sums[r])
                    let xrow = xr + r * n, yrow = yr + r * n
                    for i in 0..<n { yrow[i] = (xrow[i] - maximum) - logSum }
                }
            }
        }
    }

    /// The scalar reference for `softmax`: `Tensor.softmaxRow` row by row.
    public static func softmaxReference(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int,
                                        n: Int, log: Bool, lanes: Int) {
        for r in 0..<rows { Tensor.softmaxRow(x + r * n, y + r * n, count: n, stride: 1, log: log, lanes: lanes) }
    }

    /// `F.layer_norm` forward over `rows` rows of `n` floats (ATen's LayerNormKernel):
    /// writes `y`, and each row's mean and `1 / sqrt(var + eps)`.
    public static func layerNormRows(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, rows: Int, n: Int,
                                 gamma: UnsafePointer<Float>?, beta: UnsafePointer<Float>?, eps: Float,
                                 means: UnsafeMutablePointer<Float>, rstds: UnsafeMutablePointer<Float>) {
        guard rows > 0, n > 0 else { return }
        RowParallel.forEach(rows, workPerRow: n * 8) { range in
            let o = range.lowerBound
            ck_layer_norm_rows(x + o * n, y + o * n, range.count, n, gamma, beta, eps, means + o, rstds + o)
        }
    }

    /// The ranges ATen's elementwise GELU loop is called on for `n` floats with `threads`
    /// threads: one call up to 16384 elements, past that `at::parallel_for` with grain
    /// `n / threads` (chunks of `ceil(n / tasks)`). Each call ends in its own scalar tail.
    public static func geluChunks(_ n: Int, threads: Int) -> [Range<Int>] {
        guard n > 16384, threads > 1 else { return n > 0 ? [0..<n] : [] }
        let grain = max(n / threads, 1)
        let tasks = min(threads, (n + grain - 1) / grain)
        let size = (n + tasks - 1) / tasks
        return stride(from: 0, to: n, by: size).map { $0..<min(n, $0 + size) }
    }

    /// `F.gelu(x, approximate="tanh")` over `n` contiguous floats as torch computes it with
    /// `threads` threads: SLEEF's tanhf in lanes, libm's tanhf in each call's tail.
    public static func geluTanh(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>, count n: Int,
                                threads: Int = torchThreads, lanes: Int = torchLanes) {
        let chunks = geluChunks(n, threads: threads)
        let step = 2 * lanes
        if chunks.count == 1 {
            ck_gelu_tanh_range(x, y, n, step)
            return
        }
        DispatchQueue.concurrentPerform(iterations: chunks.count) { c in
            let r = chunks[c]
            ck_gelu_tanh_range(x + r.lowerBound, y + r.lowerBound, r.count, step)
        }
    }
}
