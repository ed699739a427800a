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
}
