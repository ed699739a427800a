// C entry points for the hottest loops; see Sources/CKernels/*.c.
// GEMM: the engine under matmul, Linear and attention (book chapters 3-5).
#ifndef CKERNELS_H
#define CKERNELS_H
#include <stddef.h>

/// Micro-kernel families. `CK_GEMM_AUTO` picks the best one this CPU supports.
enum {
    CK_GEMM_AUTO = 0,
    CK_GEMM_PORTABLE = 1,
    CK_GEMM_AVX2 = 2,
    CK_GEMM_AVX512 = 3,
};

/// 1 when `kernel` can run on this CPU (AUTO and PORTABLE always can).
int ck_sgemm_kernel_available(int kernel);

/// The family AUTO resolves to on this CPU.
int ck_sgemm_best_kernel(void);

/// A short description of a family, e.g. "avx512 14x32".
const char *ck_sgemm_kernel_name(int kernel);

/// Rows of C one micro-kernel call produces (MR); split C's rows in multiples of it.
long ck_sgemm_tile_rows(int kernel);

/// Columns of C one micro-kernel call produces (NR).
long ck_sgemm_tile_cols(int kernel);

/// Single-threaded row-major `C = alpha * op(A) * op(B) + beta * C`.
///
/// op(A) is [m, k] (A stored [m, k] with row stride lda, or [k, m] when transA),
/// op(B) is [k, n] (B stored [k, n] with row stride ldb, or [n, k] when transB),
/// C is [m, n] with row stride ldc. beta == 0 overwrites C (NaNs in C are ignored);
/// k == 0 or alpha == 0 gives C = beta * C. Small products take a direct loop; larger
/// ones are packed into per-thread buffers (allocated once per thread, reused) and
/// run through the blocked micro-kernel. Each element is summed in MKL's order (FMA
/// chains over ceil(k / 384) near-equal k blocks; see gemm.c), whatever the path or
/// the split of C, except a single row times B^T (dot products in SIMD lanes).
/// Thread-safe: callers split C into blocks and call this from several threads at once.
void ck_sgemm(int kernel, int transA, int transB, long m, long n, long k,
              float alpha, const float *a, long lda, const float *b, long ldb,
              float beta, float *c, long ldc);

/// `ck_sgemm` summed the way PyTorch's bmm sums products of fewer than 400 multiply-adds
/// (its own small-matrix loop, not MKL): per element, k in order, each a*b rounded and then
/// added, no FMA; then `C = alpha * sum + beta * C` (beta == 0 overwrites). Direct loop, no
/// packing, meant for tiny matrices.
void ck_sgemm_unfused(int transA, int transB, long m, long n, long k,
                      float alpha, const float *a, long lda, const float *b, long ldb,
                      float beta, float *c, long ldc);

#endif
