// Shared by the GEMM sources: micro-kernel descriptions, the summation order every path
// follows, and the direct loop each ISA compiles for itself. Not part of the module's API.
#ifndef CK_GEMM_H
#define CK_GEMM_H

#include <stddef.h>

// The package compiles C with -ffp-contract=off for the exact kernels; a GEMM's
// summation order is its own anyway, so here a*b+c may fuse (as every BLAS does).
#if defined(__clang__)
#pragma clang fp contract(fast)
#endif

#define CK_ALWAYS_INLINE __attribute__((always_inline)) inline
#define CK_HIDDEN __attribute__((visibility("hidden")))

// MARK: - Summation order
//
// Every path sums each C element the same way: k is cut into blocks; within a block a*b+acc
// is one FMA per step, in k order, from zero; the blocks' sums are added to C in order
// (C = beta*C + block 0, then C + block 1, ...; with addmm's bias in C, bias first).
// The blocks are MKL's on this CPU (AVX-512, float32, PyTorch 2.15 with 1 or 2 threads;
// checked with crafted products in NN, NT and TN layouts for k up to 3072, bit-identical
// when n >= 12 and m >= 12 or a multiple of 4; fixtures: make_gemm_order_fixtures.py):
//   k <= 192         one block;
//   192 < k <= 384   two halves of k/2, then the odd element alone when k is odd;
//   k > 384          blocks of 192, the remainder last.
// So printed results match PyTorch's, and the result never depends on the size path or
// the thread split. Two exceptions, both following MKL too where it was checked: a few
// rows times a 2- or 3-column B^T (small_dot), and a single row times B^T (direct_body;
// MKL's gemv order was not found, so this one is only fast). With 2 threads MKL sums
// the last m % 4 rows of a product with m < 12, and every product with n < 12, in other
// orders, not found; those follow the rule above.

#define CK_KC_MAX 192

/// Number of k blocks; block `index` starts at `*start` and is `*length` long.
static inline long k_blocks(long k) {
    if (k <= CK_KC_MAX) return 1;
    if (k <= 2 * CK_KC_MAX) return 2 + (k & 1);
    return (k + CK_KC_MAX - 1) / CK_KC_MAX;
}
static inline void k_block(long k, long blocks, long index, long *start, long *length) {
    (void)blocks;
    if (k <= CK_KC_MAX) {
        *start = 0;
        *length = k;
    } else if (k <= 2 * CK_KC_MAX) {
        long half = k / 2;
        *start = index * half;
        *length = index < 2 ? half : 1;
    } else {
        *start = index * CK_KC_MAX;
        *length = k - *start < CK_KC_MAX ? k - *start : CK_KC_MAX;
    }
}

typedef void (*MicroKernel)(long kc, const float *restrict pa, const float *restrict pb,
                            float *restrict c, long ldc, float alpha, float beta);
typedef void (*PackA)(long MR, int transA, long mc, long kc, const float *a, long lda,
                      long ic, long pc, float *restrict dst);
typedef void (*PackB)(long NR, int transB, long kc, long nc, const float *b, long ldb,
                      long pc, long jc, float *restrict dst);
typedef void (*DirectKernel)(int transA, int transB, long m, long n, long k, float alpha,
                             const float *a, long lda, const float *b, long ldb,
                             float beta, float *c, long ldc);

/// One micro-kernel family with its tile (MR x NR) and cache blocks (MC, NC).
typedef struct {
    const char *name;
    long mr, nr, mc, nc;
    MicroKernel kernel;
    PackA packA;
    PackB packB;
    DirectKernel direct;
} KernelInfo;

// MARK: - Direct loop for small products (no packing)

/// Rows of C in blocks of 4 and columns in chunks of 64, accumulated locally (one FMA
/// per k step, in order), then `C = alpha * acc + beta * C`; each row of op(B) is read once
/// per block of rows. For the lessons' 6x3 @ 3x2 products and single rows (x @ W).
static CK_ALWAYS_INLINE void direct_block(int transA, int transB, long m, long n, long k,
                                          float alpha, const float *a, long lda,
                                          const float *b, long ldb, float beta,
                                          float *c, long ldc) {
    enum { ROWS = 4, CHUNK = 64 };
    float acc[ROWS][CHUNK];
    for (long i0 = 0; i0 < m; i0 += ROWS) {
        long mb = m - i0 < ROWS ? m - i0 : ROWS;
        for (long j0 = 0; j0 < n; j0 += CHUNK) {
            long nb = n - j0 < CHUNK ? n - j0 : CHUNK;
            for (long r = 0; r < mb; r++)
                for (long j = 0; j < nb; j++) acc[r][j] = -0.0f;  // see "Signed zeros" in gemm.c
            for (long p = 0; p < k; p++) {
                for (long r = 0; r < mb; r++) {
                    float x = transA ? a[p * lda + i0 + r] : a[(i0 + r) * lda + p];
                    if (!transB) {
                        const float *brow = b + p * ldb + j0;
                        for (long j = 0; j < nb; j++) acc[r][j] += x * brow[j];
                    } else {
                        const float *bcol = b + j0 * ldb + p;
                        for (long j = 0; j < nb; j++) acc[r][j] += x * bcol[j * ldb];
                    }
                }
            }
            for (long r = 0; r < mb; r++) {
                float *crow = c + (i0 + r) * ldc + j0;
                if (beta == 0) {
                    for (long j = 0; j < nb; j++) crow[j] = alpha * acc[r][j];
                } else {
                    for (long j = 0; j < nb; j++) crow[j] = alpha * acc[r][j] + beta * crow[j];
                }
            }
        }
    }
}

/// sum(x[p] * y[p]) over contiguous rows, with partial sums in SIMD lanes.
static CK_ALWAYS_INLINE float dot_lanes(const float *x, const float *y, long k) {
#if defined(__clang__)
#pragma clang fp reassociate(on)
#endif
    float s = -0.0f;
    for (long p = 0; p < k; p++) s += x[p] * y[p];
    return s;
}

/// The direct path over k blocks (see "Summation order"). The one exception is a single
/// row against B^T (x @ W.T in generation, a matrix-vector product whose order MKL's gemv
/// does not share with its gemm anyway): dot products in SIMD lanes, reading B once.
static CK_ALWAYS_INLINE void direct_body(int transA, int transB, long m, long n, long k,
                                         float alpha, const float *a, long lda,
                                         const float *b, long ldb, float beta,
                                         float *c, long ldc) {
    if (m == 1 && transB && !transA) {
        for (long j = 0; j < n; j++) {
            float s = dot_lanes(a, b + j * ldb, k);
            c[j] = beta == 0 ? alpha * s : alpha * s + beta * c[j];
        }
        return;
    }
    long blocks = k_blocks(k);
    for (long index = 0; index < blocks; index++) {
        long pc, kc;
        k_block(k, blocks, index, &pc, &kc);
        direct_block(transA, transB, m, n, kc, alpha, transA ? a + pc * lda : a + pc, lda,
                     transB ? b + pc : b + pc * ldb, ldb, index == 0 ? beta : 1.0f, c, ldc);
    }
}

/// op(A)[ic..ic+mc, pc..pc+kc] -> MR-row panels, each [kc][MR], rows past mc zeroed.
CK_HIDDEN void ck_pack_a(long MR, int transA, long mc, long kc, const float *a, long lda,
                         long ic, long pc, float *restrict dst);

/// op(B)[pc..pc+kc, jc..jc+nc] -> NR-column panels, each [kc][NR], columns past nc zeroed.
CK_HIDDEN void ck_pack_b(long NR, int transB, long kc, long nc, const float *b, long ldb,
                         long pc, long jc, float *restrict dst);

#if defined(__x86_64__)
/// The AVX2 + FMA and AVX-512 families (gemm_x86.c).
extern CK_HIDDEN const KernelInfo ck_kernel_avx2, ck_kernel_avx512;
#endif

#endif
