// softmax and log_softmax along one dim: fused, numerically stable row kernels.
// Serves attention weights (chapter 3), next-token probabilities and cross-entropy.

import Foundation

extension Tensor {
    /// `torch.softmax(x, dim)`: `exp(x - max) / sum(exp(x - max))` along `dim`.
    /// Backward (`SoftmaxBackward0`): `y * (g - sum(g * y))` along `dim`.
    public func softmax(dim: Int) throws -> Tensor {
        try softmaxFamily(dim: dim, log: false)
    }

    /// `torch.log_softmax(x, dim)`: `(x - max) - log(sum(exp(x - max)))` along `dim`.
    /// Backward (`LogSoftmaxBackward0`): `g - exp(y) * sum(g)` along `dim`.
    public func logSoftmax(dim: Int) throws -> Tensor {
        try softmaxFamily(dim: dim, log: true)
    }

    private func softmaxFamily(dim: Int, log: Bool) throws -> Tensor {
        let d = try wrappedDimension(dim)
        let lastDim = rank == 0 || d == rank - 1
        guard dtype == .float32 else {
            let kernel = (log ? "log_softmax" : "softmax") + (lastDim ? "_lastdim_kernel_impl" : "_kernel_impl")
            throw TensorError.notImplemented("\"\(kernel)\" not implemented for '\(scalarTypeName)'")
        }
        let geometry = SoftmaxRows(shape: shape, dim: d)
        let source = try contiguousData()
        let out = try Tensor(zeros: shape)
        let x = UnsafePointer(source.floatPointer), y = out.floatPointer
        if geometry.inner == 1 {
            // Contiguous rows: the SIMD kernel, bit-identical to `softmaxRow`.
            ExactRowKernels.softmaxRows(x, y, rows: geometry.rows, n: geometry.size, log: log)
        } else {
            RowParallel.forEach(geometry.rows, workPerRow: geometry.size * 8) { rows in
                for row in rows {
                    let (base, step) = geometry.start(row)
                    Tensor.softmaxRow(x + base, y + base, count: geometry.size, stride: step, log: log)
                }
            }
        }
        let saved = out.detach()
        return out.recordingGrad(log ? "LogSoftmaxBackward0" : "SoftmaxBackward0", inputs: [self]) { g in
            let gc = try g.contiguousData()
            let result = try Tensor(zeros: saved.shape)
            let gp = UnsafePointer(gc.floatPointer), yp = UnsafePointer(saved.floatPointer), r = result.floatPointer
            RowParallel.forEach(geometry.rows, workPerRow: geometry.size * 4) { rows in
                for row in rows {
                    let (base, step) = geometry.start(row)
                    Tensor.softmaxBackwardRow(gp + base, yp + base, r + base, count: geometry.size,
                                              stride: step, log: log)
                }
            }
            return [result]
        }
    }

    /// One row of softmax (or log-softmax) over `count` elements `stride` apart.
    ///
    /// Contiguous rows (the last dim) follow PyTorch's vectorised kernel float for
    /// float: SLEEF's exp, `reduce_all` lane sums, then `y = e * (1 / sum)` or
    /// `(x - max) - log(sum)` with SLEEF's log. Other dims follow its scalar path: `exp`, a running
    /// float sum, `e / sum`.
    static func softmaxRow(_ x: UnsafePointer<Float>, _ y: UnsafeMutablePointer<Float>,
                           count n: Int, stride s: Int, log: Bool, lanes: Int = TorchVectorMath.width) {
        guard n > 0 else { return }
        var maximum = x[0]
        for i in 1..<n { let v = x[i * s]; if v > maximum || v.isNaN { maximum = v } }
        if s == 1 {
            // The exponentials go to `y` first, to be summed from there.
            for i in 0..<n { y[i] = TorchVectorMath.exp(x[i] - maximum) }
            let total = TorchVectorMath.sum(y, count: n, lanes: lanes)
            if log {
                let logSum = TorchVectorMath.log(total)
                for i in 0..<n { y[i] = (x[i] - maximum) - logSum }
            } else {
                let scale = 1 / total
                for i in 0..<n { y[i] *= scale }
            }
            return
        }
        var total: Float = 0
        for i in 0..<n {
            let e = Foundation.exp(x[i * s] - maximum)
            if !log { y[i * s] = e }
            total += e
        }
        if log {
            let logSum = Foundation.log(total)
            for i in 0..<n { y[i * s] = (x[i * s] - maximum) - logSum }
        } else {
            for i in 0..<n { y[i * s] /= total }
        }
    }

    /// One row of the softmax (or log-softmax) backward, given the output `y`:
    /// `(g - sum(g * y)) * y`, or `g - exp(y) * sum(g)`, with PyTorch's lane sums.
    static func softmaxBackwardRow(_ g: UnsafePointer<Float>, _ y: UnsafePointer<Float>,
                                   _ r: UnsafeMutablePointer<Float>, count n: Int, stride s: Int, log: Bool) {
        if log {
            let total = TorchVectorMath.sum(g, count: n, stride: s)
            // Compiled with contraction, PyTorch fuses this multiply-subtract.
            for i in 0..<n { r[i * s] = TorchVectorMath.fused(-TorchVectorMath.exp(y[i * s]), total, g[i * s]) }
        } else {
            // The products go to `r` first, to be summed from there.
            for i in 0..<n { r[i * s] = g[i * s] * y[i * s] }
            let total = TorchVectorMath.sum(UnsafePointer(r), count: n, stride: s)
            for i in 0..<n { r[i * s] = (g[i * s] - total) * y[i * s] }
        }
    }
}

/// A contiguous tensor seen as rows along one dim: `outer * inner` rows of `size`
/// elements, `inner` apart (rows are contiguous when `dim` is the last dim).
struct SoftmaxRows {
    let outer: Int, size: Int, inner: Int

    init(shape: [Int], dim: Int) {
        if shape.isEmpty { outer = 1; size = 1; inner = 1; return }
        // Products that cannot trap: an empty shape's other dims may multiply past Int.
        outer = Tensor.elementCount(shape[..<dim])
        size = shape[dim]
        inner = outer == 0 || size == 0 ? 0 : Tensor.elementCount(shape[(dim + 1)...])
    }

    var rows: Int { outer * inner }

    /// Offset of the row's first element and the stride between its elements.
    func start(_ row: Int) -> (Int, Int) {
        let o = row / Swift.max(inner, 1), i = row % Swift.max(inner, 1)
        return (o * size * inner + i, inner)
    }
}
