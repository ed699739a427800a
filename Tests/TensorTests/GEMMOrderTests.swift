// GEMM's summation order against PyTorch's float32 mm and linear on this CPU, bit for bit:
// k in MKL's blocks (Fixtures/gemm_order.json, made by Tests/Fixtures/make_gemm_order_fixtures.py).
import Foundation
import Testing
import Tensor

/// Exact float32 values in [-1, 1) from a 64-bit LCG (the fixture script draws the same).
private func lcgValues(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int(state >> 40)) / Float(1 << 23) - 1
    }
}

private struct OrderFixture: Decodable {
    struct Product: Decodable {
        let layout: String
        let m: Int, k: Int, n: Int
        let seedA: UInt64, seedB: UInt64
        let bits: [UInt32]
    }
    struct Linear: Decodable {
        let m: Int, k: Int, n: Int
        let seedX: UInt64, seedW: UInt64, seedBias: UInt64
        let bits: [UInt32]
    }
    let cases: [Product]
    let linear: [Linear]

    static func load() throws -> OrderFixture {
        let url = try #require(Bundle.module.url(forResource: "gemm_order", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        return try JSONDecoder().decode(OrderFixture.self, from: Data(contentsOf: url))
    }
}

/// The fused kernels sum as MKL does; baseline x86-64's portable kernel has no FMA.
private var kernelsWithFMA: [GEMM.Kernel] {
    #if arch(x86_64)
    return GEMM.Kernel.available.filter { $0 != .portable }
    #else
    return GEMM.Kernel.available
    #endif
}

/// NT (x @ W.T), NN (dY @ W) and TN (dY.T @ X) products with k from 65 to 1000: one block,
/// two halves (with the odd element alone) and blocks of 192, on every kernel and thread count.
@Test func sgemmCutsKAsMKL() throws {
    let fixture = try OrderFixture.load()
    #expect(fixture.cases.count == 12)
    for kernel in kernelsWithFMA {
        for threads in [1, 2] {
            for product in fixture.cases {
                let (m, k, n) = (product.m, product.k, product.n)
                let transA = product.layout.first == "T", transB = product.layout.last == "T"
                let a = lcgValues(m * k, seed: product.seedA), b = lcgValues(k * n, seed: product.seedB)
                var c = [Float](repeating: .nan, count: m * n)
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        c.withUnsafeMutableBufferPointer { pc in
                            GEMM.sgemm(kernel: kernel, threads: threads, transA: transA, transB: transB,
                                       m: m, n: n, k: k, a: pa.baseAddress!, lda: transA ? m : k,
                                       b: pb.baseAddress!, ldb: transB ? k : n, c: pc.baseAddress!, ldc: n)
                        }
                    }
                }
                let differing = zip(c, product.bits).filter { $0.bitPattern != $1 }.count
                #expect(differing == 0,
                        "\(product.layout) m=\(m) k=\(k) n=\(n) on \(kernel.name), \(threads) threads: \(differing) of \(c.count) differ")
            }
        }
    }
}

/// F.linear with a bias over several k blocks: the bias is C's start, each block added to it.
@Test func sgemmAddsBlocksToTheBiasInOrder() throws {
    let fixture = try OrderFixture.load()
    #expect(fixture.linear.count == 2)
    guard kernelsWithFMA.contains(where: { $0.name == GEMM.Kernel.automatic.name }) else { return }
    for product in fixture.linear {
        let (m, k, n) = (product.m, product.k, product.n)
        let x = lcgValues(m * k, seed: product.seedX), w = lcgValues(n * k, seed: product.seedW)
        let bias = lcgValues(n, seed: product.seedBias)
        var c = (0..<m).flatMap { _ in bias }
        x.withUnsafeBufferPointer { px in
            w.withUnsafeBufferPointer { pw in
                c.withUnsafeMutableBufferPointer { pc in
                    GEMM.sgemm(transA: false, transB: true, m: m, n: n, k: k, a: px.baseAddress!, lda: k,
                               b: pw.baseAddress!, ldb: k, beta: 1, c: pc.baseAddress!, ldc: n)
                }
            }
        }
        let differing = zip(c, product.bits).filter { $0.bitPattern != $1 }.count
        #expect(differing == 0, "linear m=\(m) k=\(k) n=\(n): \(differing) of \(c.count) differ")
    }
}
