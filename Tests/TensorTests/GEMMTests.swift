// GEMM against a double-precision reference: odd sizes, tile edges, transposes, strides,
// alpha/beta, k == 0, NaN in C with beta == 0, threads and batches, on every kernel family;
// and bit for bit against PyTorch's float32 matmul (Fixtures/make_gemm_fixtures.py).
import Foundation
import Testing
import Tensor

/// Deterministic values in [-1, 1) (a 64-bit LCG), so failures reproduce.
private func values(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int(state >> 40)) / Float(1 << 23) - 1
    }
}

/// One product to check: shape, flags, scalars and how far each leading dimension is padded.
private struct Case: CustomStringConvertible, Sendable {
    var m: Int, n: Int, k: Int
    var transA = false, transB = false
    var alpha: Float = 1, beta: Float = 0
    var pad = 0
    var kernel = GEMM.Kernel.automatic
    var description: String {
        "m=\(m) n=\(n) k=\(k) tA=\(transA) tB=\(transB) alpha=\(alpha) beta=\(beta) pad=\(pad) \(kernel)"
    }
}

/// Runs `sgemm` and checks every element of C against a double-precision reference with the
/// forward error bound of a length-k dot product in float:
/// `|C - ref| <= 2 (k + 2) u (|alpha| sum_p |a_ip b_pj| + |beta c_ij|)`, u = 2^-24.
private func check(_ t: Case, threads: Int? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
    let (rowsA, colsA) = t.transA ? (t.k, t.m) : (t.m, t.k)
    let (rowsB, colsB) = t.transB ? (t.n, t.k) : (t.k, t.n)
    let lda = colsA + t.pad, ldb = colsB + t.pad, ldc = t.n + t.pad
    let a = values(max(rowsA * lda, 1), seed: 1), b = values(max(rowsB * ldb, 1), seed: 2)
    var c = values(t.m * ldc, seed: 3)
    if t.beta == 0 { for i in c.indices where i % 3 == 0 { c[i] = .nan } }
    let original = c
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                GEMM.sgemm(kernel: t.kernel, threads: threads, transA: t.transA, transB: t.transB,
                           m: t.m, n: t.n, k: t.k, alpha: t.alpha,
                           a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb,
                           beta: t.beta, c: pc.baseAddress!, ldc: ldc)
            }
        }
    }
    let u = 1.0 / Double(1 << 24)
    var failures = 0
    for i in 0..<t.m {
        for j in 0..<ldc {
            let got = c[i * ldc + j]
            if j >= t.n {
                // Padding between rows of C is never written.
                if got.bitPattern != original[i * ldc + j].bitPattern { failures += 1 }
                continue
            }
            var sum = 0.0, magnitude = 0.0
            for p in 0..<t.k {
                let x = Double(t.transA ? a[p * lda + i] : a[i * lda + p])
                let y = Double(t.transB ? b[j * ldb + p] : b[p * ldb + j])
                sum += x * y
                magnitude += abs(x * y)
            }
            let old = t.beta == 0 ? 0 : Double(original[i * ldc + j])
            let expected = Double(t.alpha) * sum + Double(t.beta) * old
            let bound = 2 * Double(t.k + 2) * u
                * (abs(Double(t.alpha)) * magnitude + abs(Double(t.beta) * old)) + 1e-30
            if !(abs(Double(got) - expected) <= bound) {
                if failures < 3 {
                    Issue.record("\(t): C[\(i), \(j)] = \(got), expected \(expected) ± \(bound)",
                                 sourceLocation: sourceLocation)
                }
                failures += 1
            }
        }
    }
    #expect(failures == 0, "\(t): \(failures) wrong elements", sourceLocation: sourceLocation)
}

/// Odd sizes, primes, and sizes around the 14x32 / 6x16 / 4x16 tiles and the KC = 256,
/// MC = 336, NC = 1024 cache blocks; both the direct (small) and packed paths.
private let shapes: [(Int, Int, Int)] = [
    (1, 1, 1), (6, 2, 3), (2, 6, 3), (1, 70, 13), (70, 1, 13), (3, 5, 7),
    (13, 17, 19), (14, 32, 40), (15, 33, 41), (28, 64, 64), (29, 63, 61),
    (37, 41, 43), (47, 53, 59), (64, 64, 64), (67, 69, 70), (5, 97, 101),
    (16, 16, 257), (20, 40, 300), (345, 9, 17), (9, 1030, 11),
]

@Test(arguments: GEMM.Kernel.allCases.filter(\.isAvailable))
func sgemmMatchesReferenceOnOddSizesAndAllTransposes(kernel: GEMM.Kernel) {
    for (m, n, k) in shapes {
        for transA in [false, true] {
            for transB in [false, true] {
                check(Case(m: m, n: n, k: k, transA: transA, transB: transB, kernel: kernel))
            }
        }
    }
}

@Test(arguments: [(Float(1), Float(0)), (0.5, 2), (-1.5, 1), (2, 0), (1, -0.25), (0, 3), (0, 0)])
func sgemmAppliesAlphaAndBetaWithPaddedLeadingDimensions(alpha: Float, beta: Float) {
    for kernel in GEMM.Kernel.available {
        for (m, n, k) in [(6, 2, 3), (19, 35, 23), (31, 70, 270)] {
            for transA in [false, true] {
                for transB in [false, true] {
                    check(Case(m: m, n: n, k: k, transA: transA, transB: transB,
                               alpha: alpha, beta: beta, pad: 5, kernel: kernel))
                }
            }
        }
    }
}

@Test(arguments: [Float(0), 1, -2])
func sgemmWithEmptyInnerDimensionScalesC(beta: Float) {
    for kernel in GEMM.Kernel.available {
        check(Case(m: 5, n: 7, k: 0, beta: beta, pad: 2, kernel: kernel))
        check(Case(m: 40, n: 50, k: 0, transA: true, transB: true, beta: beta, kernel: kernel))
    }
}

@Test func sgemmWithEmptyOutputTouchesNothing() {
    var c: [Float] = [42]
    let a: [Float] = [1], b: [Float] = [1]
    GEMM.sgemm(transA: false, transB: false, m: 0, n: 1, k: 1,
               a: a, lda: 1, b: b, ldb: 1, c: &c, ldc: 1)
    GEMM.sgemm(transA: false, transB: false, m: 1, n: 0, k: 1,
               a: a, lda: 1, b: b, ldb: 1, c: &c, ldc: 1)
    #expect(c == [42])
}

/// Big enough (m*n*k >= 2 * 2^21) to be split over threads: by rows (m >= n) and by columns.
@Test(arguments: [(130, 100, 330), (70, 200, 300), (200, 23, 1000)])
func sgemmSplitOverThreadsMatchesReference(m: Int, n: Int, k: Int) {
    for transA in [false, true] {
        for transB in [false, true] {
            check(Case(m: m, n: n, k: k, transA: transA, transB: transB, alpha: 0.5, beta: 1))
        }
    }
    check(Case(m: m, n: n, k: k, pad: 3), threads: 1)
}

/// Attention-like batches: many small products (spread over threads by batch) and a few
/// large ones (threaded inside each product); strides leave gaps between matrices.
@Test(arguments: [(3, 6, 5, 4), (40, 48, 40, 56), (2, 160, 150, 200)])
func sgemmBatchedMatchesPerMatrixReference(batch: Int, m: Int, n: Int, k: Int) {
    for (transA, transB) in [(false, false), (false, true), (true, false)] {
        let (rowsA, colsA) = transA ? (k, m) : (m, k)
        let (rowsB, colsB) = transB ? (n, k) : (k, n)
        let strideA = rowsA * colsA + 7, strideB = rowsB * colsB + 3, strideC = m * n + 5
        let a = values(batch * strideA, seed: 11), b = values(batch * strideB, seed: 12)
        var c = values(batch * strideC, seed: 13)
        let original = c
        GEMM.sgemmBatched(batch: batch, transA: transA, transB: transB, m: m, n: n, k: k,
                          alpha: 2, a: a, lda: colsA, strideA: strideA,
                          b: b, ldb: colsB, strideB: strideB,
                          beta: 0.5, c: &c, ldc: n, strideC: strideC)
        var worst = 0.0
        for matrix in 0..<batch {
            for i in 0..<m {
                for j in 0..<n {
                    var sum = 0.0, magnitude = 0.0
                    for p in 0..<k {
                        let x = Double(a[matrix * strideA + (transA ? p * colsA + i : i * colsA + p)])
                        let y = Double(b[matrix * strideB + (transB ? j * colsB + p : p * colsB + j)])
                        sum += x * y
                        magnitude += abs(x * y)
                    }
                    let old = Double(original[matrix * strideC + i * n + j])
                    let expected = 2 * sum + 0.5 * old
                    let bound = 2 * Double(k + 2) / Double(1 << 24) * (2 * magnitude + 0.5 * abs(old))
                    worst = max(worst, abs(Double(c[matrix * strideC + i * n + j]) - expected) / bound)
                }
            }
            // The gap after each C matrix is left alone.
            for gap in (m * n)..<strideC {
                #expect(c[matrix * strideC + gap] == original[matrix * strideC + gap])
            }
        }
        #expect(worst <= 1, "batch \(batch) \(m)x\(n)x\(k) tA=\(transA) tB=\(transB): error \(worst) x bound")
    }
}

@Test func kernelFamiliesDescribeThemselves() {
    #expect(GEMM.Kernel.available.contains(.portable))
    #expect(GEMM.Kernel.automatic.isAvailable)
    for kernel in GEMM.Kernel.allCases where kernel.isAvailable {
        #expect(!kernel.name.isEmpty)
    }
    #expect(GEMM.Kernel.automatic.name == GEMM.Kernel.available.last?.name)
}

/// PyTorch's products of `values(m * k, seedA)` and `values(k * n, seedB)` as float bits.
private struct TorchProducts: Decodable {
    struct Product: Decodable {
        let name: String
        let m: Int, k: Int, n: Int
        let transB: Bool
        let seedA: UInt64, seedB: UInt64
        let bits: [UInt32]
    }
    struct BatchedProduct: Decodable {
        let name: String
        let batch: Int, m: Int, k: Int, n: Int
        let transB: Bool
        let seedA: UInt64, seedB: UInt64
        let bits: [UInt32]
    }
    struct LinearProduct: Decodable {
        let name: String
        let m: Int, k: Int, n: Int
        let seedX: UInt64, seedW: UInt64, seedBias: UInt64
        let bits: [UInt32]
    }
    let torch: String
    let cases: [Product]
    let batched: [BatchedProduct]
    let linear: [LinearProduct]

    static func load() throws -> TorchProducts {
        let url = try #require(Bundle.module.url(forResource: "gemm_torch", withExtension: "json",
                                                 subdirectory: "Fixtures"))
        return try JSONDecoder().decode(TorchProducts.self, from: Data(contentsOf: url))
    }
}

/// Kernels whose multiply-adds are fused, one rounding per step as in MKL. The portable C
/// kernel fuses only where the compiler targets FMA (arm64); baseline x86-64 has none.
private var fusedKernels: [GEMM.Kernel] {
    #if arch(x86_64)
    return GEMM.Kernel.available.filter { $0 != .portable }
    #else
    return GEMM.Kernel.available
    #endif
}

/// Whether MKL sums this shape with the kernel `sgemm` follows (gemm.h, "Summation order"):
/// on this CPU with 2 threads, n >= 12 and m >= 12 or a multiple of 4. Other shapes (the
/// lessons' 6x3 @ 3x2) are summed in orders not found; they are checked to float accuracy.
private func followsMKLMainKernel(m: Int, n: Int) -> Bool { n >= 12 && (m % 4 == 0 || m >= 12) }

/// Elements of `c` that differ from PyTorch's bits: all differing bits for shapes MKL sums
/// as `sgemm` does, else only those off by more than float accuracy.
private func mismatches(_ c: [Float], _ bits: [UInt32], m: Int, n: Int) -> Int {
    if followsMKLMainKernel(m: m, n: n) { return zip(c, bits).filter { $0.bitPattern != $1 }.count }
    return zip(c, bits).filter { abs($0 - Float(bitPattern: $1)) > 1e-5 * max(1, abs(Float(bitPattern: $1))) }.count
}

/// Same summation order as MKL under PyTorch (k blocks of gemm.h); fixtures regenerated on
/// this CPU by make_gemm_fixtures.py; exact where MKL's main kernel sums the shape.
@Test func sgemmIsBitIdenticalToPyTorch() throws {
    let fixture = try TorchProducts.load()
    #expect(fixture.cases.count == 11)
    for kernel in fusedKernels {
        for product in fixture.cases {
            let a = values(product.m * product.k, seed: product.seedA)
            let b = values(product.k * product.n, seed: product.seedB)
            var c = [Float](repeating: .nan, count: product.m * product.n)
            GEMM.sgemm(kernel: kernel, transA: false, transB: product.transB,
                       m: product.m, n: product.n, k: product.k,
                       a: a, lda: product.k, b: b, ldb: product.transB ? product.k : product.n,
                       c: &c, ldc: product.n)
            let differing = mismatches(c, product.bits, m: product.m, n: product.n)
            #expect(differing == 0, "\(product.name) on \(kernel.name): \(differing) of \(c.count) differ")
        }
    }
}

/// `sgemmBatched` sums as torch.bmm: unfused below 400 multiply-adds per matrix, else as MKL.
@Test func sgemmBatchedIsBitIdenticalToPyTorchBmm() throws {
    let fixture = try TorchProducts.load()
    #expect(fixture.batched.count == 4)
    let automaticFuses = fusedKernels.contains { $0.name == GEMM.Kernel.automatic.name }
    for product in fixture.batched where automaticFuses || product.m * product.n * product.k < 400 {
        let (batch, m, k, n) = (product.batch, product.m, product.k, product.n)
        let a = values(batch * m * k, seed: product.seedA)
        let b = values(batch * k * n, seed: product.seedB)
        var c = [Float](repeating: .nan, count: batch * m * n)
        GEMM.sgemmBatched(batch: batch, transA: false, transB: product.transB, m: m, n: n, k: k,
                          a: a, lda: k, strideA: m * k,
                          b: b, ldb: product.transB ? k : n, strideB: k * n,
                          c: &c, ldc: n, strideC: m * n)
        // Below 400 multiply-adds PyTorch's own unfused loop sums: bit for bit on any CPU.
        let differing = m * n * k < 400 ? zip(c, product.bits).filter { $0.bitPattern != $1 }.count
            : mismatches(c, product.bits, m: m, n: n)
        #expect(differing == 0, "\(product.name): \(differing) of \(c.count) differ")
    }
}

/// Callers on many threads at once (each with its own packing buffers) get exactly the
/// result of one call on its own.
@Test func sgemmFromManyThreadsAtOnceMatchesOneCall() {
    let (m, n, k) = (45, 70, 90)
    let a = values(m * k, seed: 21), b = values(k * n, seed: 22)
    var expected = [Float](repeating: 0, count: m * n)
    GEMM.sgemm(transA: false, transB: false, m: m, n: n, k: k, a: a, lda: k, b: b, ldb: n,
               c: &expected, ldc: n)
    let callers = 8
    let results = UnsafeMutableBufferPointer<Float>.allocate(capacity: callers * m * n)
    defer { results.deallocate() }
    results.initialize(repeating: .nan)
    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            DispatchQueue.concurrentPerform(iterations: callers) { caller in
                GEMM.sgemm(transA: false, transB: false, m: m, n: n, k: k,
                           a: pa.baseAddress!, lda: k, b: pb.baseAddress!, ldb: n,
                           c: results.baseAddress! + caller * m * n, ldc: n)
            }
        }
    }
    for caller in 0..<callers {
        let got = Array(results[(caller * m * n)..<((caller + 1) * m * n)])
        #expect(got.map(\.bitPattern) == expected.map(\.bitPattern), "caller \(caller)")
    }
}

/// F.linear(x, W, bias) as `C = x @ W.T + 1 * C` with C's rows set to the bias, the way
/// PyTorch's addmm hands it to MKL (bit for bit where MKL's main kernel sums the shape).
@Test func sgemmWithBiasInCIsBitIdenticalToPyTorchLinear() throws {
    let fixture = try TorchProducts.load()
    #expect(fixture.linear.count == 2)
    guard fusedKernels.contains(where: { $0.name == GEMM.Kernel.automatic.name }) else { return }
    for product in fixture.linear {
        let (m, k, n) = (product.m, product.k, product.n)
        let x = values(m * k, seed: product.seedX), w = values(n * k, seed: product.seedW)
        let bias = values(n, seed: product.seedBias)
        var c = (0..<m).flatMap { _ in bias }
        GEMM.sgemm(transA: false, transB: true, m: m, n: n, k: k, a: x, lda: k, b: w, ldb: k,
                   beta: 1, c: &c, ldc: n)
        let differing = mismatches(c, product.bits, m: m, n: n)
        #expect(differing == 0, "\(product.name): \(differing) of \(c.count) differ")
    }
}
