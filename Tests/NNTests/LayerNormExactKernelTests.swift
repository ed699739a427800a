// The SIMD LayerNorm forward (ExactRowKernels.layerNormRows, exact_kernels.c) against the scalar
// reference (LayerNormKernel.forwardReference), bit for bit: outputs, means and rstds.
import Testing
import Tensor
import NN

/// Deterministic floats in [offset - scale, offset + scale) (a 64-bit LCG's top bits).
private func pseudoRandom(_ count: Int, seed: UInt64, scale: Float, offset: Float = 0) -> [Float] {
    var state = seed
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return (Float(state >> 40) / Float(1 << 24) * 2 - 1) * scale + offset
    }
}

private struct Outputs: Equatable { var y, means, rstds: [UInt32] }

private func run(_ x: [Float], rows: Int, n: Int, gamma: [Float]?, beta: [Float]?, simd: Bool) -> Outputs {
    var y = [Float](repeating: 0, count: x.count)
    var means = [Float](repeating: 0, count: rows), rstds = means
    let g = gamma ?? [], b = beta ?? []
    x.withUnsafeBufferPointer { xp in
        g.withUnsafeBufferPointer { gp in
            b.withUnsafeBufferPointer { bp in
                y.withUnsafeMutableBufferPointer { yp in
                    means.withUnsafeMutableBufferPointer { mp in
                        rstds.withUnsafeMutableBufferPointer { rp in
                            let gamma = gamma == nil ? nil : gp.baseAddress, beta = beta == nil ? nil : bp.baseAddress
                            if simd {
                                ExactRowKernels.layerNormRows(xp.baseAddress!, yp.baseAddress!, rows: rows, n: n, gamma: gamma,
                                                          beta: beta, eps: 1e-5, means: mp.baseAddress!, rstds: rp.baseAddress!)
                            } else {
                                LayerNormKernel.forwardReference(xp.baseAddress!, yp.baseAddress!, rows: rows, n: n,
                                                                 gamma: gamma, beta: beta, eps: 1e-5,
                                                                 means: mp.baseAddress!, rstds: rp.baseAddress!)
                            }
                        }
                    }
                }
            }
        }
    }
    return Outputs(y: y.map(\.bitPattern), means: means.map(\.bitPattern), rstds: rstds.map(\.bitPattern))
}

@Suite struct LayerNormExactKernelTests {
    // Tails of 8 lanes, one and several chunks of 16 x 8, and cascades 2 to 4 deep.
    @Test(arguments: [1, 2, 7, 8, 9, 15, 17, 100, 127, 128, 129, 257, 385, 768, 1000, 2049, 4100])
    func simdRowsMatchScalarReference(n: Int) {
        for rows in [1, 3] {
            let x = pseudoRandom(rows * n, seed: UInt64(n * 17 + rows), scale: 3, offset: 0.5)
            let gamma = pseudoRandom(n, seed: 99, scale: 1, offset: 1), beta = pseudoRandom(n, seed: 98, scale: 0.5)
            for (g, b) in [(gamma, beta), (gamma, nil), (nil, beta), (nil, nil)] as [([Float]?, [Float]?)] {
                let fast = run(x, rows: rows, n: n, gamma: g, beta: b, simd: true)
                let slow = run(x, rows: rows, n: n, gamma: g, beta: b, simd: false)
                #expect(fast == slow, "n \(n) rows \(rows) gamma \(g != nil) beta \(b != nil)")
            }
        }
    }

    /// Rows of one element (variance 0) through F.layer_norm.
    @Test func rowsOfOneMatchScalarReference() throws {
        let values = pseudoRandom(6, seed: 5, scale: 2)
        let y = try Functional.layerNorm(try Tensor(floats: values, shape: [6, 1]), normalizedShape: [1],
                                         weight: nil, bias: nil, eps: 1e-5)
        #expect(y.floatValues().map(\.bitPattern) == run(values, rows: 6, n: 1, gamma: nil, beta: nil, simd: false).y)
    }
}
