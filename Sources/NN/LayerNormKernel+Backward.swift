// ATen's LayerNormBackwardKernel for float32, reproduced operation by operation:
// row sums in 8 lanes reduced by its shuffle tree, dgamma/dbeta accumulated per thread.

import Foundation

extension LayerNormKernel {
    /// Threads ATen splits the rows over (torch's default: one per core); each sums
    /// its rows' dgamma/dbeta into its own buffer, and the buffers are added last.
    static let threads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// ATen's `vec_reduce_all` over 8 lanes: halves, then pairs, then neighbours.
    @inline(__always)
    static func reduceAll(_ a: UnsafePointer<Float>) -> Float {
        let b0 = a[0] + a[4], b1 = a[1] + a[5], b2 = a[2] + a[6], b3 = a[3] + a[7]
        return (b0 + b2) + (b1 + b3)
    }

    /// ATen's `map2_reduce_all`/`map3_reduce_all` with `+`, in 8 lanes: the sum of
    /// `p * q`, or of `(p * q) * r` when `r` is given.
    static func fusedSum(_ count: Int, _ p: UnsafePointer<Float>, _ q: UnsafePointer<Float>,
                         _ r: UnsafePointer<Float>? = nil) -> Float {
        @inline(__always) func first(_ j: Int) -> Float { r == nil ? p[j] : p[j] * q[j] }
        @inline(__always) func second(_ j: Int) -> Float { r?[j] ?? q[j] }
        return withUnsafeTemporaryAllocation(of: Float.self, capacity: lanes) { acc in
            acc.initialize(repeating: 0)
            if count < lanes {
                for l in 0..<count { acc[l] = first(l) * second(l) }
                var r = acc[0]
                for l in 1..<max(count, 1) { r = r + acc[l] }
                return r
            }
            for l in 0..<lanes { acc[l] = first(l) * second(l) }
            var d = lanes
            while d + lanes <= count {
                for l in 0..<lanes { acc[l] = acc[l] + first(d + l) * second(d + l) }
                d += lanes
            }
            for l in 0..<(count - d) { acc[l] = acc[l].addingProduct(first(d + l), second(d + l)) }
            return reduceAll(acc.baseAddress!)
        }
    }

    /// Gradients of `y = layer_norm(x) * gamma + beta` for `rows` rows of `n`.
    static func backward(rows: Int, n: Int, dy: UnsafePointer<Float>, x: UnsafePointer<Float>,
                         means: [Float], rstds: [Float], gamma: UnsafePointer<Float>?,
                         dx: UnsafeMutablePointer<Float>, dgamma: UnsafeMutablePointer<Float>,
                         dbeta: UnsafeMutablePointer<Float>) {
        let scale = 1 / Float(n)
        let workers = min(threads, rows)
        let perWorker = workers == 0 ? 0 : (rows + workers - 1) / workers
        let gammaBuffers = UnsafeMutablePointer<Float>.allocate(capacity: max(workers, 1) * n * 2 + n)
        defer { gammaBuffers.deallocate() }
        gammaBuffers.initialize(repeating: 0, count: max(workers, 1) * n * 2)
        let betaBuffers = gammaBuffers + max(workers, 1) * n, ones = betaBuffers + max(workers, 1) * n
        ones.initialize(repeating: 1, count: n)
        for i in 0..<rows {
            let worker = perWorker == 0 ? 0 : i / perWorker
            let dyRow = dy + i * n, xRow = x + i * n, dxRow = dx + i * n
            let a = rstds[i], mean = means[i]
            let shift = -a * mean
            for j in 0..<n {
                let k = worker * n + j
                gammaBuffers[k] = gammaBuffers[k].addingProduct(dyRow[j], shift.addingProduct(a, xRow[j]))
                betaBuffers[k] = betaBuffers[k] + dyRow[j]
            }
            let ds: Float, db: Float
            if let gamma {
                ds = fusedSum(n, dyRow, xRow, gamma)
                db = fusedSum(n, dyRow, gamma)
            } else {
                ds = fusedSum(n, dyRow, xRow)
                db = fusedSum(n, dyRow, ones)
            }
            let b = (-ds).addingProduct(db, mean) * a * a * a * scale
            let c = (-(db * a) * scale).addingProduct(-b, mean)
            for j in 0..<n {
                let g = gamma?[j] ?? 1
                dxRow[j] = ((a * dyRow[j] * g).addingProduct(b, xRow[j])) + c
            }
        }
        for j in 0..<n {
            var gSum: Float = 0, bSum: Float = 0
            for w in 0..<max(workers, 1) { gSum += gammaBuffers[w * n + j]; bSum += betaBuffers[w * n + j] }
            dgamma[j] = gSum; dbeta[j] = bSum
        }
    }
}
