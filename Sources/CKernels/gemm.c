// Single-precision GEMM, Goto/BLIS style: pack op(A) and op(B) into cache-sized panels,
// then run a register-tiled broadcast-FMA micro-kernel. Serves matmul, Linear, attention.
//
// Loop nest (one thread; callers split C into blocks for more threads):
//   for jc in n step NC          B block [KC x NC] packed into NR-column panels (L2)
//     for pc in k step KC
//       for ic in m step MC      A block [MC x KC] packed into MR-row panels
//         for ir in mc step MR   A micro-panel [KC x MR] stays in L1
//           for jr in nc step NR   C[MR x NR] += A micro-panel * B micro-panel (from L2)
#include "CKernels.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

// The package compiles C with -ffp-contract=off for the exact kernels; a GEMM's
// summation order is its own anyway, so here a*b+c may fuse (as every BLAS does).
#if defined(__clang__)
#pragma clang fp contract(fast)
#endif

#define CK_ALWAYS_INLINE __attribute__((always_inline)) inline
#define CK_MAX_TILE (16 * 64)

// MARK: - Summation order
//
// Every path sums each C element the same way: k is cut into ceil(k / 384) near-equal
// blocks (the first k % blocks one longer); within a block a*b+acc is one FMA per step, in
// k order, from zero; the blocks' sums are added to C in order. That is what MKL does on
// this CPU for float32 (checked against PyTorch 2.15: bit-identical 2-D matmuls for m >= 2,
// k <= 768; for k > 768 MKL's order is something else, not found), so printed results match
// PyTorch's, and the result never depends on the size path or the thread split.
// Two exceptions, both following MKL too where it was checked: a few rows times a 2- or
// 3-column B^T (small_dot), and a single row times B^T (direct_body; MKL's gemv order
// was not found, so this one is only fast).

#define CK_KC_MAX 384

/// Number of k blocks; block `index` starts at `*start` and is `*length` long.
static inline long k_blocks(long k) { return (k + CK_KC_MAX - 1) / CK_KC_MAX; }
static inline void k_block(long k, long blocks, long index, long *start, long *length) {
    long base = k / blocks, extra = k % blocks;
    *start = index * base + (index < extra ? index : extra);
    *length = base + (index < extra ? 1 : 0);
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

// MARK: - Packing

/// op(A)[ic..ic+mc, pc..pc+kc] -> MR-row panels, each [kc][MR], rows past mc zeroed.
static void pack_a(long MR, int transA, long mc, long kc, const float *a, long lda,
                   long ic, long pc, float *restrict dst) {
    for (long ir = 0; ir < mc; ir += MR) {
        long mr = mc - ir < MR ? mc - ir : MR;
        if (!transA) {
            for (long i = 0; i < mr; i++) {
                const float *src = a + (ic + ir + i) * lda + pc;
                for (long p = 0; p < kc; p++) dst[p * MR + i] = src[p];
            }
        } else {
            for (long p = 0; p < kc; p++) {
                const float *src = a + (pc + p) * lda + ic + ir;
                for (long i = 0; i < mr; i++) dst[p * MR + i] = src[i];
            }
        }
        if (mr < MR)
            for (long p = 0; p < kc; p++)
                for (long i = mr; i < MR; i++) dst[p * MR + i] = 0;
        dst += MR * kc;
    }
}

/// op(B)[pc..pc+kc, jc..jc+nc] -> NR-column panels, each [kc][NR], columns past nc zeroed.
static void pack_b(long NR, int transB, long kc, long nc, const float *b, long ldb,
                   long pc, long jc, float *restrict dst) {
    for (long jr = 0; jr < nc; jr += NR) {
        long nr = nc - jr < NR ? nc - jr : NR;
        if (!transB) {
            for (long p = 0; p < kc; p++) {
                const float *src = b + (pc + p) * ldb + jc + jr;
                float *d = dst + p * NR;
                for (long j = 0; j < nr; j++) d[j] = src[j];
                for (long j = nr; j < NR; j++) d[j] = 0;
            }
        } else {
            for (long j = 0; j < nr; j++) {
                const float *src = b + (jc + jr + j) * ldb + pc;
                for (long p = 0; p < kc; p++) dst[p * NR + j] = src[p];
            }
            if (nr < NR)
                for (long p = 0; p < kc; p++)
                    for (long j = nr; j < NR; j++) dst[p * NR + j] = 0;
        }
        dst += NR * kc;
    }
}

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
                for (long j = 0; j < nb; j++) acc[r][j] = 0;
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
    float s = 0;
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

static void direct_portable(int transA, int transB, long m, long n, long k, float alpha,
                            const float *a, long lda, const float *b, long ldb,
                            float beta, float *c, long ldc) {
    direct_body(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// MARK: - Portable micro-kernel (4 x 16, plain C; the compiler vectorises what it can)

static void kernel_portable_4x16(long kc, const float *restrict pa, const float *restrict pb,
                                 float *restrict c, long ldc, float alpha, float beta) {
    float acc[4][16] = {{0}};
    for (long p = 0; p < kc; p++) {
        for (int i = 0; i < 4; i++) {
            float x = pa[i];
            for (int j = 0; j < 16; j++) acc[i][j] += x * pb[j];
        }
        pa += 4;
        pb += 16;
    }
    for (int i = 0; i < 4; i++) {
        float *crow = c + i * ldc;
        if (beta == 0) {
            for (int j = 0; j < 16; j++) crow[j] = alpha * acc[i][j];
        } else {
            for (int j = 0; j < 16; j++) crow[j] = alpha * acc[i][j] + beta * crow[j];
        }
    }
}

#if defined(__x86_64__)

// MARK: - AVX2 + FMA micro-kernel (MR x 16: two ymm accumulators per row)

__attribute__((target("avx2,fma"))) static CK_ALWAYS_INLINE void
avx2_body(const int MR, long kc, const float *restrict pa, const float *restrict pb,
          float *restrict c, long ldc, float alpha, float beta) {
    __m256 acc0[8], acc1[8];
    for (int i = 0; i < MR; i++) {
        acc0[i] = _mm256_setzero_ps();
        acc1[i] = _mm256_setzero_ps();
    }
    for (long p = 0; p < kc; p++) {
        __m256 b0 = _mm256_load_ps(pb), b1 = _mm256_load_ps(pb + 8);
        for (int i = 0; i < MR; i++) {
            __m256 x = _mm256_broadcast_ss(pa + i);
            acc0[i] = _mm256_fmadd_ps(x, b0, acc0[i]);
            acc1[i] = _mm256_fmadd_ps(x, b1, acc1[i]);
        }
        pa += MR;
        pb += 16;
    }
    __m256 va = _mm256_set1_ps(alpha);
    if (beta == 0) {
        for (int i = 0; i < MR; i++) {
            _mm256_storeu_ps(c + i * ldc, _mm256_mul_ps(va, acc0[i]));
            _mm256_storeu_ps(c + i * ldc + 8, _mm256_mul_ps(va, acc1[i]));
        }
    } else {
        __m256 vb = _mm256_set1_ps(beta);
        for (int i = 0; i < MR; i++) {
            float *r = c + i * ldc;
            _mm256_storeu_ps(r, _mm256_fmadd_ps(va, acc0[i], _mm256_mul_ps(vb, _mm256_loadu_ps(r))));
            _mm256_storeu_ps(r + 8, _mm256_fmadd_ps(va, acc1[i], _mm256_mul_ps(vb, _mm256_loadu_ps(r + 8))));
        }
    }
}

__attribute__((target("avx2,fma"))) static void
kernel_avx2_6x16(long kc, const float *restrict pa, const float *restrict pb,
                 float *restrict c, long ldc, float alpha, float beta) {
    avx2_body(6, kc, pa, pb, c, ldc, alpha, beta);
}

__attribute__((target("avx2,fma"))) static void
direct_avx2(int transA, int transB, long m, long n, long k, float alpha,
            const float *a, long lda, const float *b, long ldb,
            float beta, float *c, long ldc) {
    direct_body(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// MARK: - AVX-512 micro-kernel (MR x 32: two zmm accumulators per row)

__attribute__((target("avx512f"))) static CK_ALWAYS_INLINE void
avx512_body(const int MR, long kc, const float *restrict pa, const float *restrict pb,
            float *restrict c, long ldc, float alpha, float beta) {
    __m512 acc0[16], acc1[16];
    for (int i = 0; i < MR; i++) {
        acc0[i] = _mm512_setzero_ps();
        acc1[i] = _mm512_setzero_ps();
    }
    for (int i = 0; i < MR; i++) { // C's tile is read at the end: start fetching it now.
        _mm_prefetch((const char *)(c + i * ldc), _MM_HINT_T0);
        _mm_prefetch((const char *)(c + i * ldc + 16), _MM_HINT_T0);
    }
    for (long p = 0; p < kc; p++) {
        __m512 b0 = _mm512_load_ps(pb), b1 = _mm512_load_ps(pb + 16);
        for (int i = 0; i < MR; i++) {
            __m512 x = _mm512_set1_ps(pa[i]);
            acc0[i] = _mm512_fmadd_ps(x, b0, acc0[i]);
            acc1[i] = _mm512_fmadd_ps(x, b1, acc1[i]);
        }
        pa += MR;
        pb += 32;
    }
    __m512 va = _mm512_set1_ps(alpha);
    if (beta == 0) {
        for (int i = 0; i < MR; i++) {
            _mm512_storeu_ps(c + i * ldc, _mm512_mul_ps(va, acc0[i]));
            _mm512_storeu_ps(c + i * ldc + 16, _mm512_mul_ps(va, acc1[i]));
        }
    } else {
        __m512 vb = _mm512_set1_ps(beta);
        for (int i = 0; i < MR; i++) {
            float *r = c + i * ldc;
            _mm512_storeu_ps(r, _mm512_fmadd_ps(va, acc0[i], _mm512_mul_ps(vb, _mm512_loadu_ps(r))));
            _mm512_storeu_ps(r + 16, _mm512_fmadd_ps(va, acc1[i], _mm512_mul_ps(vb, _mm512_loadu_ps(r + 16))));
        }
    }
}

__attribute__((target("avx512f"))) static void
kernel_avx512_14x32(long kc, const float *restrict pa, const float *restrict pb,
                    float *restrict c, long ldc, float alpha, float beta) {
    avx512_body(14, kc, pa, pb, c, ldc, alpha, beta);
}

__attribute__((target("avx512f"))) static void
direct_avx512(int transA, int transB, long m, long n, long k, float alpha,
              const float *a, long lda, const float *b, long ldb,
              float beta, float *c, long ldc) {
    direct_body(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// MARK: - AVX-512 packing (16 x 16 transposes in registers)

/// r[i][q] -> r[q][i] for a 16 x 16 block of floats.
__attribute__((target("avx512f"))) static CK_ALWAYS_INLINE void transpose16(__m512 r[16]) {
    __m512 t[16], u[16];
    for (int i = 0; i < 8; i++) {
        t[2 * i] = _mm512_unpacklo_ps(r[2 * i], r[2 * i + 1]);
        t[2 * i + 1] = _mm512_unpackhi_ps(r[2 * i], r[2 * i + 1]);
    }
    for (int i = 0; i < 4; i++) {
        u[4 * i + 0] = _mm512_shuffle_ps(t[4 * i + 0], t[4 * i + 2], 0x44);
        u[4 * i + 1] = _mm512_shuffle_ps(t[4 * i + 0], t[4 * i + 2], 0xEE);
        u[4 * i + 2] = _mm512_shuffle_ps(t[4 * i + 1], t[4 * i + 3], 0x44);
        u[4 * i + 3] = _mm512_shuffle_ps(t[4 * i + 1], t[4 * i + 3], 0xEE);
    }
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 4; j++) {
            t[8 * i + j] = _mm512_shuffle_f32x4(u[8 * i + j], u[8 * i + 4 + j], 0x88);
            t[8 * i + 4 + j] = _mm512_shuffle_f32x4(u[8 * i + j], u[8 * i + 4 + j], 0xDD);
        }
    }
    for (int j = 0; j < 8; j++) {
        r[j] = _mm512_shuffle_f32x4(t[j], t[8 + j], 0x88);
        r[8 + j] = _mm512_shuffle_f32x4(t[j], t[8 + j], 0xDD);
    }
}

/// `pack_a` for MR = 14: full panels by 16-column transposes (A as stored) or masked
/// 14-float copies (A transposed); the last, partial panel the generic way.
__attribute__((target("avx512f"))) static void
pack_a_avx512_14(long MR, int transA, long mc, long kc, const float *a, long lda,
                 long ic, long pc, float *restrict dst) {
    const __mmask16 rows = 0x3FFF;
    long ir = 0;
    for (; ir + 14 <= mc; ir += 14, dst += 14 * kc) {
        if (transA) {
            const float *src = a + pc * lda + ic + ir;
            for (long p = 0; p < kc; p++)
                _mm512_mask_storeu_ps(dst + p * 14, rows, _mm512_maskz_loadu_ps(rows, src + p * lda));
            continue;
        }
        const float *src = a + (ic + ir) * lda + pc;
        long p = 0;
        for (; p + 16 <= kc; p += 16) {
            __m512 r[16];
            for (int i = 0; i < 14; i++) r[i] = _mm512_loadu_ps(src + i * lda + p);
            r[14] = r[15] = _mm512_setzero_ps();
            transpose16(r);
            for (int q = 0; q < 16; q++) _mm512_mask_storeu_ps(dst + (p + q) * 14, rows, r[q]);
        }
        for (; p < kc; p++)
            for (long i = 0; i < 14; i++) dst[p * 14 + i] = src[i * lda + p];
    }
    if (ir < mc) pack_a(MR, transA, mc - ir, kc, a, lda, ic + ir, pc, dst);
}

/// `pack_b` for NR = 32: B as stored is a row copy; B transposed goes through
/// 16 x 16 transposes; the last, partial panel the generic way.
__attribute__((target("avx512f"))) static void
pack_b_avx512_32(long NR, int transB, long kc, long nc, const float *b, long ldb,
                 long pc, long jc, float *restrict dst) {
    long jr = 0;
    for (; jr + 32 <= nc; jr += 32, dst += 32 * kc) {
        if (!transB) {
            const float *src = b + pc * ldb + jc + jr;
            for (long p = 0; p < kc; p++) {
                _mm512_store_ps(dst + p * 32, _mm512_loadu_ps(src + p * ldb));
                _mm512_store_ps(dst + p * 32 + 16, _mm512_loadu_ps(src + p * ldb + 16));
            }
            continue;
        }
        for (long half = 0; half < 32; half += 16) {
            const float *src = b + (jc + jr + half) * ldb + pc;
            long p = 0;
            for (; p + 16 <= kc; p += 16) {
                __m512 r[16];
                for (int j = 0; j < 16; j++) r[j] = _mm512_loadu_ps(src + j * ldb + p);
                transpose16(r);
                for (int q = 0; q < 16; q++) _mm512_store_ps(dst + (p + q) * 32 + half, r[q]);
            }
            for (; p < kc; p++)
                for (long j = 0; j < 16; j++) dst[p * 32 + half + j] = src[j * ldb + p];
        }
    }
    if (jr < nc) pack_b(NR, transB, kc, nc - jr, b, ldb, pc, jc + jr, dst);
}

#endif // __x86_64__

// MARK: - Kernel table and run-time choice

static const KernelInfo kernels[4] = {
    // Blocks for 48 KiB L1d / 2 MiB L2 per core (Sapphire Rapids): the [KC x NC] B block
    // (768 KiB) stays in L2, an A micro-panel (<= 21 KiB) in L1.
    [CK_GEMM_PORTABLE] = {"portable 4x16", 4, 16, 128, 512, kernel_portable_4x16,
                          pack_a, pack_b, direct_portable},
#if defined(__x86_64__)
    [CK_GEMM_AVX2] = {"avx2+fma 6x16", 6, 16, 144, 512, kernel_avx2_6x16,
                      pack_a, pack_b, direct_avx2},
    [CK_GEMM_AVX512] = {"avx512 14x32", 14, 32, 336, 512, kernel_avx512_14x32,
                        pack_a_avx512_14, pack_b_avx512_32, direct_avx512},
#endif
};

int ck_sgemm_kernel_available(int kernel) {
    switch (kernel) {
    case CK_GEMM_AUTO:
    case CK_GEMM_PORTABLE:
        return 1;
#if defined(__x86_64__)
    case CK_GEMM_AVX2:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case CK_GEMM_AVX512:
        return __builtin_cpu_supports("avx512f");
#endif
    default:
        return 0;
    }
}

int ck_sgemm_best_kernel(void) {
    if (ck_sgemm_kernel_available(CK_GEMM_AVX512)) return CK_GEMM_AVX512;
    if (ck_sgemm_kernel_available(CK_GEMM_AVX2)) return CK_GEMM_AVX2;
    return CK_GEMM_PORTABLE;
}

static const KernelInfo *kernel_info(int kernel) {
    if (kernel == CK_GEMM_AUTO || !ck_sgemm_kernel_available(kernel)) kernel = ck_sgemm_best_kernel();
    return &kernels[kernel];
}

const char *ck_sgemm_kernel_name(int kernel) { return kernel_info(kernel)->name; }
long ck_sgemm_tile_rows(int kernel) { return kernel_info(kernel)->mr; }
long ck_sgemm_tile_cols(int kernel) { return kernel_info(kernel)->nr; }

// MARK: - Per-thread packing buffers (allocated once per thread, grown if needed)

typedef struct {
    float *memory;
    size_t capacity; // floats
} PackBuffer;

static pthread_key_t packKey;
static pthread_once_t packOnce = PTHREAD_ONCE_INIT;

static void pack_buffer_free(void *p) {
    PackBuffer *buffer = p;
    free(buffer->memory);
    free(buffer);
}

static void pack_key_create(void) { pthread_key_create(&packKey, pack_buffer_free); }

/// This thread's packing memory of at least `floats` floats, 64-byte aligned; NULL if out of memory.
static float *pack_memory(size_t floats) {
    pthread_once(&packOnce, pack_key_create);
    PackBuffer *buffer = pthread_getspecific(packKey);
    if (!buffer) {
        buffer = calloc(1, sizeof *buffer);
        if (!buffer) return NULL;
        pthread_setspecific(packKey, buffer);
    }
    if (buffer->capacity < floats) {
        free(buffer->memory);
        buffer->memory = NULL;
        buffer->capacity = 0;
        void *p = NULL;
        if (posix_memalign(&p, 64, floats * sizeof(float)) != 0) return NULL;
        buffer->memory = p;
        buffer->capacity = floats;
    }
    return buffer->memory;
}

// MARK: - Drivers

/// C = beta * C, with beta == 0 writing zeros (NaNs in C do not survive).
static void scale_c(long m, long n, float beta, float *c, long ldc) {
    for (long i = 0; i < m; i++) {
        float *crow = c + i * ldc;
        if (beta == 0) {
            memset(crow, 0, (size_t)n * sizeof(float));
        } else if (beta != 1) {
            for (long j = 0; j < n; j++) crow[j] *= beta;
        }
    }
}

/// The blocked path; returns 0 when the packing buffers could not be allocated.
static int sgemm_packed(const KernelInfo *K, int transA, int transB, long m, long n, long k,
                        float alpha, const float *a, long lda, const float *b, long ldb,
                        float beta, float *c, long ldc) {
    const long MR = K->mr, NR = K->nr, KC = CK_KC_MAX, blocks = k_blocks(k);
    const long MC = (K->mc + MR - 1) / MR * MR, NC = (K->nc + NR - 1) / NR * NR;
    float *bufA = pack_memory((size_t)(MC * KC + KC * NC));
    if (!bufA) return 0;
    float *bufB = bufA + MC * KC;
    float tile[CK_MAX_TILE] __attribute__((aligned(64)));

    for (long jc = 0; jc < n; jc += NC) {
        long nc = n - jc < NC ? n - jc : NC;
        for (long index = 0; index < blocks; index++) {
            long pc, kc;
            k_block(k, blocks, index, &pc, &kc);
            float betaNow = index == 0 ? beta : 1.0f;
            K->packB(NR, transB, kc, nc, b, ldb, pc, jc, bufB);
            for (long ic = 0; ic < m; ic += MC) {
                long mc = m - ic < MC ? m - ic : MC;
                K->packA(MR, transA, mc, kc, a, lda, ic, pc, bufA);
                for (long ir = 0; ir < mc; ir += MR) {
                    long mr = mc - ir < MR ? mc - ir : MR;
                    const float *pa = bufA + ir * kc;
                    for (long jr = 0; jr < nc; jr += NR) {
                        long nr = nc - jr < NR ? nc - jr : NR;
                        const float *pb = bufB + jr * kc;
                        float *ct = c + (ic + ir) * ldc + jc + jr;
                        if (mr == MR && nr == NR) {
                            K->kernel(kc, pa, pb, ct, ldc, alpha, betaNow);
                            continue;
                        }
                        // Edge tile: full tile into scratch, then the valid corner into C.
                        K->kernel(kc, pa, pb, tile, NR, 1.0f, 0.0f);
                        for (long i = 0; i < mr; i++) {
                            float *crow = ct + i * ldc;
                            const float *trow = tile + i * NR;
                            if (betaNow == 0) {
                                for (long j = 0; j < nr; j++) crow[j] = alpha * trow[j];
                            } else {
                                for (long j = 0; j < nr; j++) crow[j] = alpha * trow[j] + betaNow * crow[j];
                            }
                        }
                    }
                }
            }
        }
    }
    return 1;
}

/// A few rows times a 2- or 3-column B^T, summed as MKL's small dot-product kernel sums
/// them (checked against PyTorch 2.15 for k <= 17, n = 2 with m <= 12, n = 3 with m <= 10;
/// e.g. nn.Linear(3, 2) on 6 tokens): products in 16 lanes (lane p % 16, one FMA each),
/// then lanes added in halves, 16 -> 8 -> 4 -> 2 -> 1.
static int is_small_dot(int transA, int transB, long m, long n, long k) {
    return transB && !transA && k <= 17 && ((n == 2 && m <= 12) || (n == 3 && m <= 10));
}

static void small_dot(long m, long n, long k, float alpha, const float *a, long lda,
                      const float *b, long ldb, float beta, float *c, long ldc) {
    for (long i = 0; i < m; i++) {
        for (long j = 0; j < n; j++) {
            float lanes[16] = {0};
            for (long p = 0; p < k; p++) lanes[p % 16] = fmaf(a[i * lda + p], b[j * ldb + p], lanes[p % 16]);
            for (int half = 8; half >= 1; half /= 2)
                for (int lane = 0; lane < half; lane++) lanes[lane] = lanes[lane] + lanes[lane + half];
            float *cij = c + i * ldc + j;
            *cij = beta == 0 ? alpha * lanes[0] : alpha * lanes[0] + beta * *cij;
        }
    }
}

/// Products at most this big (m*n*k) skip packing (measured: packing pays from ~10^3).
#define CK_DIRECT_LIMIT (8L * 8 * 8)

void ck_sgemm(int kernel, int transA, int transB, long m, long n, long k,
              float alpha, const float *a, long lda, const float *b, long ldb,
              float beta, float *c, long ldc) {
    if (m <= 0 || n <= 0) return;
    if (k <= 0 || alpha == 0) {
        scale_c(m, n, beta, c, ldc);
        return;
    }
    if (m > 1 && is_small_dot(transA, transB, m, n, k)) {
        small_dot(m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        return;
    }
    const KernelInfo *K = kernel_info(kernel);
    // The direct loop also serves a single row (a matrix-vector product: op(B) read once,
    // nothing packed).
    if (m * n * k <= CK_DIRECT_LIMIT || m == 1) {
        K->direct(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
        return;
    }
    if (!sgemm_packed(K, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc))
        K->direct(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

void ck_sgemm_unfused(int transA, int transB, long m, long n, long k,
                      float alpha, const float *a, long lda, const float *b, long ldb,
                      float beta, float *c, long ldc) {
#if defined(__clang__)
#pragma clang fp contract(off)
#endif
    for (long i = 0; i < m; i++) {
        for (long j = 0; j < n; j++) {
            float sum = 0;
            for (long p = 0; p < k; p++) {
                float x = transA ? a[p * lda + i] : a[i * lda + p];
                float y = transB ? b[j * ldb + p] : b[p * ldb + j];
                float product = x * y;
                sum += product;
            }
            float *cij = c + i * ldc + j;
            *cij = beta == 0 ? alpha * sum : alpha * sum + beta * *cij;
        }
    }
}
