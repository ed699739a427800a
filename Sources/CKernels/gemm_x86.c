// The x86-64 GEMM micro-kernels: AVX2 + FMA (6x16) and AVX-512 (14x32, with packing by
// in-register transposes), compiled per ISA with target attributes, chosen at run time.
#include "gemm.h"

#if defined(__x86_64__)
#include <immintrin.h>

// MARK: - AVX2 + FMA micro-kernel (MR x 16: two ymm accumulators per row)

__attribute__((target("avx2,fma"))) static CK_ALWAYS_INLINE void
avx2_body(const int MR, long kc, const float *restrict pa, const float *restrict pb,
          float *restrict c, long ldc, float alpha, float beta) {
    __m256 acc0[8], acc1[8];
    for (int i = 0; i < MR; i++) {
        acc0[i] = _mm256_set1_ps(-0.0f);
        acc1[i] = _mm256_set1_ps(-0.0f);
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
        acc0[i] = _mm512_set1_ps(-0.0f);
        acc1[i] = _mm512_set1_ps(-0.0f);
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
    if (ir < mc) ck_pack_a(MR, transA, mc - ir, kc, a, lda, ic + ir, pc, dst);
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
    if (jr < nc) ck_pack_b(NR, transB, kc, nc - jr, b, ldb, pc, jc + jr, dst);
}

// MARK: - Descriptions (blocks for 48 KiB L1d / 2 MiB L2 per core, Sapphire Rapids)

CK_HIDDEN const KernelInfo ck_kernel_avx2 = {
    "avx2+fma 6x16", 6, 16, 144, 512, kernel_avx2_6x16, ck_pack_a, ck_pack_b, direct_avx2};

CK_HIDDEN const KernelInfo ck_kernel_avx512 = {
    "avx512 14x32", 14, 32, 336, 512, kernel_avx512_14x32, pack_a_avx512_14, pack_b_avx512_32,
    direct_avx512};

#endif // __x86_64__
