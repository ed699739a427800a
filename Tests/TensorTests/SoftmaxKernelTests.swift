// The SIMD softmax / log_softmax row kernel (ExactRowKernels, exact_kernels.c) against its
// scalar reference (Tensor.softmaxRow), bit for bit, on sizes around the vector widths.
import Testing
import Tensor

/// Deterministic floats in [-scale, scale) (a 64-bit LCG's top bits).
private func pseudoRandom(_ count: Int, seed: UInt64, scale: Float) -> [Float] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * scale
    }
}

/// (SIMD, scalar) outputs for `rows` rows of `n`.
private func both(_ x: [Float], rows: Int, n: Int, log: Bool, lanes: Int) -> ([UInt32], [UInt32]) {
    var fast = [Float](repeating: 0, count: x.count), slow = fast
    x.withUnsafeBufferPointer { xp in
        guard let p = xp.baseAddress else { return }
        fast.withUnsafeMutableBufferPointer { ExactRowKernels.softmaxRows(p, $0.baseAddress!, rows: rows, n: n, log: log, lanes: lanes) }
        slow.withUnsafeMutableBufferPointer {
            ExactRowKernels.softmaxReference(p, $0.baseAddress!, rows: rows, n: n, log: log, lanes: lanes)
        }
    }
    return (fast.map(\.bitPattern), slow.map(\.bitPattern))
}

@Suite struct SoftmaxKernelTests {
    static let sizes = [1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33, 100, 255, 256, 257, 1000]

    @Test(arguments: sizes)
    func simdRowsMatchScalarReference(n: Int) {
        for rows in [1, 3] {
            for scale: Float in [1, 30, 200] {
                let x = pseudoRandom(rows * n, seed: UInt64(n * 31 + rows), scale: scale)
                for lanes in [16, 8] {
                    for log in [false, true] {
                        let (fast, slow) = both(x, rows: rows, n: n, log: log, lanes: lanes)
                        #expect(fast == slow, "n \(n) rows \(rows) scale \(scale) lanes \(lanes) log \(log)")
                    }
                }
            }
        }
    }

    @Test func specialValuesMatchScalarReference() {
        let n = 37
        var x = pseudoRandom(4 * n, seed: 7, scale: 5)
        x[3] = .infinity; x[n + 5] = -.infinity; x[2 * n + 20] = .nan
        x[3 * n + 1] = -0.0; x[3 * n + 2] = 0; x[3 * n + 30] = -150
        for lanes in [16, 8] {
            for log in [false, true] {
                let (fast, slow) = both(x, rows: 4, n: n, log: log, lanes: lanes)
                #expect(fast == slow, "lanes \(lanes) log \(log)")
            }
        }
    }

    /// Through the tensor API: rows of one element, one row, and a width that leaves tails.
    @Test func tensorSoftmaxUsesKernelOnLastDim() throws {
        for shape in [[5, 1], [1, 23], [3, 2, 19]] {
            let count = shape.reduce(1, *), n = shape[shape.count - 1]
            let values = pseudoRandom(count, seed: UInt64(count), scale: 4)
            let t = try Tensor(floats: values, shape: shape)
            let (_, slow) = both(values, rows: count / n, n: n, log: false, lanes: ExactRowKernels.torchLanes)
            #expect(try t.softmax(dim: -1).floatValues().map(\.bitPattern) == slow)
            let (_, slowLog) = both(values, rows: count / n, n: n, log: true, lanes: ExactRowKernels.torchLanes)
            #expect(try t.logSoftmax(dim: -1).floatValues().map(\.bitPattern) == slowLog)
        }
    }
}
