// Single-precision matrix multiply, the engine under matmul, Linear and attention.
// This is the interface every op calls; the fast implementation lives in CKernels.

/// `C = alpha * op(A) * op(B) + beta * C`, row-major, BLAS-style.
///
/// Shapes: op(A) is [m, k], op(B) is [k, n], C is [m, n]. `lda`, `ldb`, `ldc` are
/// row strides in elements of A, B, C as stored (before the transpose flags).
public enum GEMM {
    public static func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                             alpha: Float = 1,
                             a: UnsafePointer<Float>, lda: Int,
                             b: UnsafePointer<Float>, ldb: Int,
                             beta: Float = 0,
                             c: UnsafeMutablePointer<Float>, ldc: Int) {
        // Reference loops; replaced by the blocked SIMD kernel.
        for i in 0..<m {
            for j in 0..<n {
                var sum: Float = 0
                for p in 0..<k {
                    let x = transA ? a[p * lda + i] : a[i * lda + p]
                    let y = transB ? b[j * ldb + p] : b[p * ldb + j]
                    sum += x * y
                }
                c[i * ldc + j] = alpha * sum + (beta == 0 ? 0 : beta * c[i * ldc + j])
            }
        }
    }

    /// `batch` independent sgemms; matrix `i` of A/B/C starts at `i * strideA/B/C`.
    /// Small matrices are spread over threads by batch, large ones inside `sgemm`.
    public static func sgemmBatched(batch: Int, transA: Bool, transB: Bool, m: Int, n: Int, k: Int,
                                    alpha: Float = 1,
                                    a: UnsafePointer<Float>, lda: Int, strideA: Int,
                                    b: UnsafePointer<Float>, ldb: Int, strideB: Int,
                                    beta: Float = 0,
                                    c: UnsafeMutablePointer<Float>, ldc: Int, strideC: Int) {
        for i in 0..<batch {
            sgemm(transA: transA, transB: transB, m: m, n: n, k: k, alpha: alpha,
                  a: a + i * strideA, lda: lda, b: b + i * strideB, ldb: ldb,
                  beta: beta, c: c + i * strideC, ldc: ldc)
        }
    }
}
