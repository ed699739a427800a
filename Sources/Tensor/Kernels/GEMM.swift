// Single-precision matrix multiply, the engine under matmul, Linear and attention.
// The blocked SIMD kernels live in CKernels (gemm.c); this file picks threads and splits C.

import CKernels
import Dispatch
import Foundation

/// `C = alpha * op(A) * op(B) + beta * C`, row-major, BLAS-style.
///
/// Shapes: op(A) is [m, k], op(B) is [k, n], C is [m, n]. `lda`, `ldb`, `ldc` are
/// row strides in elements of A, B, C as stored (before the transpose flags).
/// `beta == 0` overwrites C (NaNs already in C are ignored); `k == 0` gives `C = beta * C`.
///
/// Each element is summed as MKL sums it under PyTorch on this CPU (one FMA per k step, in
/// order, within k blocks: one up to 192, two halves up to 384, else blocks of 192; blocks
/// added to C in order), so `sgemm` matches `torch.mm` bit for bit for n >= 12 and m >= 12
/// or a multiple of 4 (a GPT's linears), whatever the size or thread split. A single row times B^T
/// (x @ W.T) is summed in SIMD lanes as a matrix-vector product. See gemm.h, "Summation order".
public enum GEMM {
    /// A micro-kernel family; `.automatic` is the best one this CPU supports.
    public enum Kernel: Int32, CaseIterable, Sendable {
        case automatic = 0    // CK_GEMM_AUTO
        case portable = 1     // CK_GEMM_PORTABLE: plain C, any CPU
        case avx2 = 2         // CK_GEMM_AVX2: AVX2 + FMA, 6x16 tiles
        case avx512 = 3       // CK_GEMM_AVX512: AVX-512F, 14x32 tiles

        /// Whether this CPU can run the family.
        public var isAvailable: Bool { ck_sgemm_kernel_available(rawValue) != 0 }

        /// What actually runs, e.g. "avx512 14x32" (`.automatic` names its choice).
        public var name: String { String(cString: ck_sgemm_kernel_name(rawValue)) }

        /// The families this CPU can run, `.automatic` excluded.
        public static var available: [Kernel] { allCases.filter { $0 != .automatic && $0.isAvailable } }
    }

    /// Products smaller than this (m*n*k multiply-adds) stay on the calling thread:
    /// waking a second core costs more than it saves.
    static let workPerThread = 1 << 21

    /// Worker threads for products big enough to share.
    static let maximumThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    public static func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                             alpha: Float = 1,
                             a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0,
                             c: UnsafeMutablePointer<Float>, ldc: Int) {
        sgemm(kernel: .automatic, transA: transA, transB: transB, m: m, n: n, k: k,
              alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }

    /// `sgemm` on a chosen micro-kernel family (tests and `llmwb bench` compare them).
    /// `threads` caps the worker count (nil: as many cores as the size pays for).
    public static func sgemm(kernel: Kernel, threads: Int? = nil,
                             transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                             alpha: Float = 1,
                             a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0,
                             c: UnsafeMutablePointer<Float>, ldc: Int) {
        guard m > 0, n > 0 else { return }
        let work = m * n * max(k, 1)
        let threadCount = min(threads ?? maximumThreads, maximumThreads, max(1, work / workPerThread))
        if threadCount <= 1 {
            single(kernel, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
            return
        }
        // Split C in whole tiles, by rows when m >= n (each block packs all of op(B), so the
        // duplicated packing is the smaller operand), else by columns.
        let tileRows = ck_sgemm_tile_rows(kernel.rawValue), tileCols = ck_sgemm_tile_cols(kernel.rawValue)
        let rowTiles = (m + tileRows - 1) / tileRows, colTiles = (n + tileCols - 1) / tileCols
        let splitRows = colTiles < threadCount || (rowTiles >= threadCount && m >= n)
        let tiles = splitRows ? rowTiles : colTiles
        // Products from ~1024^3 up get two blocks per thread, handed out as threads come free,
        // so a core that other processes also use holds the rest back less; the extra packing
        // of op(B) costs ~2% there.
        let blocksPerThread = work >= 512 * workPerThread ? 2 : 1
        let blocks = min(threadCount * blocksPerThread, tiles)
        DispatchQueue.concurrentPerform(iterations: blocks) { block in
            let first = tiles * block / blocks, last = tiles * (block + 1) / blocks
            if splitRows {
                let i0 = first * tileRows, i1 = min(m, last * tileRows)
                single(kernel, transA, transB, i1 - i0, n, k, alpha,
                       transA ? a + i0 : a + i0 * lda, lda, b, ldb, beta, c + i0 * ldc, ldc)
            } else {
                let j0 = first * tileCols, j1 = min(n, last * tileCols)
                single(kernel, transA, transB, m, j1 - j0, k, alpha,
                       a, lda, transB ? b + j0 * ldb : b + j0, ldb, beta, c + j0, ldc)
            }
        }
    }

    /// PyTorch's bmm sums products of fewer than this many multiply-adds with its own loop,
    /// unfused; bigger ones go to MKL, whose order `ck_sgemm` follows.
    static let unfusedBelow = 400

    /// `batch` independent sgemms; matrix `i` of A/B/C starts at `i * strideA/B/C`.
    /// Small matrices are spread over threads by batch, large ones inside `sgemm`.
    /// Summed as `torch.bmm` sums: matrices of fewer than 400 multiply-adds (m*n*k) without
    /// fused multiply-adds, like PyTorch's small-matrix loop; bigger ones like `sgemm`.
    public static func sgemmBatched(batch: Int, transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                    alpha: Float = 1,
                                    a: UnsafePointer<Float>, lda: Int, strideA: Int,
                                    b: UnsafePointer<Float>, ldb: Int, strideB: Int,
                                    beta: Float = 0,
                                    c: UnsafeMutablePointer<Float>, ldc: Int, strideC: Int) {
        guard batch > 0, m > 0, n > 0 else { return }
        let work = m * n * max(k, 1)
        if work >= workPerThread * maximumThreads {
            // Big matrices: one after another, each threaded inside.
            for i in 0..<batch {
                sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                      a: a + i * strideA, lda: lda, b: b + i * strideB, ldb: ldb,
                      beta: beta, c: c + i * strideC, ldc: ldc)
            }
            return
        }
        let unfused = m * n * k < unfusedBelow
        /// Matrix `i` on the calling thread.
        func multiply(_ i: Int) {
            let (ai, bi, ci) = (a + i * strideA, b + i * strideB, c + i * strideC)
            if unfused {
                ck_sgemm_unfused(transA ? 1 : 0, transB ? 1 : 0, m, n, k, alpha, ai, lda, bi, ldb, beta, ci, ldc)
            } else {
                single(.automatic, transA, transB, m, n, k, alpha, ai, lda, bi, ldb, beta, ci, ldc)
            }
        }
        if work * batch < 2 * workPerThread || maximumThreads == 1 {
            for i in 0..<batch { multiply(i) }
            return
        }
        // Many small matrices (attention: batch * heads of [T, hd] x [hd, T]): groups of
        // consecutive matrices, handed to threads as they come free.
        let groups = min(batch, 4 * maximumThreads)
        DispatchQueue.concurrentPerform(iterations: groups) { group in
            for i in (batch * group / groups)..<(batch * (group + 1) / groups) { multiply(i) }
        }
    }

    /// One block of C on the calling thread.
    @inline(__always)
    static func single(_ kernel: Kernel, _ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int,
                       _ alpha: Float, _ a: UnsafePointer<Float>, _ lda: Int,
                       _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
                       _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        ck_sgemm(kernel.rawValue, transA ? 1 : 0, transB ? 1 : 0, m, n, k,
                 alpha, a, lda, b, ldb, beta, c, ldc)
    }
}
