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
#include "gemm.h"

#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#define CK_MAX_TILE (16 * 64)

// Signed zeros: every accumulator starts at -0.0, the identity of IEEE addition
// (-0 + x == x for every x, +0 included), so a sum whose products are all zero keeps
// the sign the first product had, as PyTorch's mm does (x = [1, 0, -1] in chapter 4
// gives weight gradients of -0.0).

// MARK: - Packing

/// op(A)[ic..ic+mc, pc..pc+kc] -> MR-row panels, each [kc][MR], rows past mc zeroed.
CK_HIDDEN void ck_pack_a(long MR, int transA, long mc, long kc, const float *a, long lda,
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
CK_HIDDEN void ck_pack_b(long NR, int transB, long kc, long nc, const float *b, long ldb,
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

static void direct_portable(int transA, int transB, long m, long n, long k, float alpha,
                            const float *a, long lda, const float *b, long ldb,
                            float beta, float *c, long ldc) {
    direct_body(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}

// MARK: - Portable micro-kernel (4 x 16, plain C; the compiler vectorises what it can)

static void kernel_portable_4x16(long kc, const float *restrict pa, const float *restrict pb,
                                 float *restrict c, long ldc, float alpha, float beta) {
    float acc[4][16];
    for (int i = 0; i < 4; i++)
        for (int j = 0; j < 16; j++) acc[i][j] = -0.0f;
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

// MARK: - Kernel table and run-time choice

// Blocks for 48 KiB L1d / 2 MiB L2 per core (Sapphire Rapids): the [KC x NC] B block
// (768 KiB) stays in L2, an A micro-panel (<= 21 KiB) in L1.
static const KernelInfo portable = {
    "portable 4x16", 4, 16, 128, 512, kernel_portable_4x16, ck_pack_a, ck_pack_b, direct_portable};

static const KernelInfo *const kernels[4] = {
    [CK_GEMM_PORTABLE] = &portable,
#if defined(__x86_64__)
    [CK_GEMM_AVX2] = &ck_kernel_avx2,
    [CK_GEMM_AVX512] = &ck_kernel_avx512,
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
    return kernels[kernel];
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
            float lanes[16];
            for (int lane = 0; lane < 16; lane++) lanes[lane] = -0.0f;
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
            float sum = -0.0f;
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
