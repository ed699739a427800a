// PyTorch's AVX2 random kernels: normal_fill (avx_mathfun.h log256_ps and sincos256_ps, with
// the fma contractions GCC makes in torch's builds; RNG_SPEC.md §4a) and the fused uniform_
// transform (§3). torch.randn, nn.Embedding and nn.Linear init. Portable twins in Random/*.swift.
#include "ck_random.h"

#if defined(__x86_64__)
#include <immintrin.h>

int ck_normal_fill16_avx2_available(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

#define CK_AVX2 __attribute__((target("avx2,fma")))

static inline CK_AVX2 __m256 ck_set(unsigned bits) {
    return _mm256_castsi256_ps(_mm256_set1_epi32((int)bits));
}

/// log256_ps, x > 0. Fused where GCC fuses: the p-polynomial, y*z + e*Q1, e*Q2 + x.
static inline CK_AVX2 __m256 ck_log(__m256 x) {
    const __m256 one = _mm256_set1_ps(1.0f);
    x = _mm256_max_ps(x, ck_set(0x00800000u));                 // min normal
    __m256i imm0 = _mm256_srli_epi32(_mm256_castps_si256(x), 23);
    x = _mm256_and_ps(x, ck_set(~0x7f800000u));
    x = _mm256_or_ps(x, _mm256_set1_ps(0.5f));
    imm0 = _mm256_sub_epi32(imm0, _mm256_set1_epi32(0x7f));
    __m256 e = _mm256_cvtepi32_ps(imm0);
    e = _mm256_add_ps(e, one);
    const __m256 mask = _mm256_cmp_ps(x, ck_set(0x3f3504f3u), _CMP_LT_OS);   // SQRTHF
    __m256 tmp = _mm256_and_ps(x, mask);
    x = _mm256_sub_ps(x, one);
    e = _mm256_sub_ps(e, _mm256_and_ps(one, mask));
    x = _mm256_add_ps(x, tmp);
    const __m256 z = _mm256_mul_ps(x, x);
    __m256 y = ck_set(0x3d9021bbu);
    y = _mm256_fmadd_ps(y, x, ck_set(0xbdebd1b8u));
    y = _mm256_fmadd_ps(y, x, ck_set(0x3def251au));
    y = _mm256_fmadd_ps(y, x, ck_set(0xbdfe5d4fu));
    y = _mm256_fmadd_ps(y, x, ck_set(0x3e11e9bfu));
    y = _mm256_fmadd_ps(y, x, ck_set(0xbe2aae50u));
    y = _mm256_fmadd_ps(y, x, ck_set(0x3e4cceacu));
    y = _mm256_fmadd_ps(y, x, ck_set(0xbe7ffffcu));
    y = _mm256_fmadd_ps(y, x, ck_set(0x3eaaaaaau));
    y = _mm256_mul_ps(y, x);
    y = _mm256_fmadd_ps(y, z, _mm256_mul_ps(e, ck_set(0xb95e8083u)));        // Q1
    y = _mm256_sub_ps(y, _mm256_mul_ps(z, _mm256_set1_ps(0.5f)));            // z*0.5 exact
    x = _mm256_add_ps(x, y);
    return _mm256_fmadd_ps(e, ck_set(0x3f318000u), x);                       // Q2, e*Q2 exact
}

/// sincos256_ps for x >= 0 (theta = 2*pi*u2). Fused: the DP reductions, the polynomials,
/// and the second yc*z into the subtraction of z*0.5.
static inline CK_AVX2 void ck_sincos(__m256 x, __m256 *s, __m256 *c) {
    const __m256 signMask = ck_set(0x80000000u);
    __m256 signSin = _mm256_and_ps(x, signMask);
    x = _mm256_andnot_ps(signMask, x);
    __m256 y = _mm256_mul_ps(x, ck_set(0x3fa2f983u));                       // FOPI
    __m256i imm2 = _mm256_cvttps_epi32(y);
    imm2 = _mm256_add_epi32(imm2, _mm256_set1_epi32(1));
    imm2 = _mm256_and_si256(imm2, _mm256_set1_epi32(~1));
    y = _mm256_cvtepi32_ps(imm2);
    __m256i imm4 = imm2;
    const __m256i swapSignSin = _mm256_slli_epi32(_mm256_and_si256(imm2, _mm256_set1_epi32(4)), 29);
    imm2 = _mm256_and_si256(imm2, _mm256_set1_epi32(2));
    imm2 = _mm256_cmpeq_epi32(imm2, _mm256_setzero_si256());
    const __m256 polyMask = _mm256_castsi256_ps(imm2);
    x = _mm256_fmadd_ps(y, ck_set(0xbf490000u), x);                          // DP1
    x = _mm256_fmadd_ps(y, ck_set(0xb97da000u), x);                          // DP2
    x = _mm256_fmadd_ps(y, ck_set(0xb3222169u), x);                          // DP3
    imm4 = _mm256_sub_epi32(imm4, _mm256_set1_epi32(2));
    imm4 = _mm256_andnot_si256(imm4, _mm256_set1_epi32(4));
    imm4 = _mm256_slli_epi32(imm4, 29);
    const __m256 signCos = _mm256_castsi256_ps(imm4);
    signSin = _mm256_xor_ps(signSin, _mm256_castsi256_ps(swapSignSin));
    const __m256 z = _mm256_mul_ps(x, x);
    __m256 yc = _mm256_fmadd_ps(ck_set(0x37ccf5ceu), z, ck_set(0xbab6061au));
    yc = _mm256_fmadd_ps(yc, z, ck_set(0x3d2aaaa5u));
    yc = _mm256_mul_ps(yc, z);
    yc = _mm256_fmsub_ps(yc, z, _mm256_mul_ps(z, _mm256_set1_ps(0.5f)));
    yc = _mm256_add_ps(yc, _mm256_set1_ps(1.0f));
    __m256 ys = _mm256_fmadd_ps(ck_set(0xb94ca1f9u), z, ck_set(0x3c08839eu));
    ys = _mm256_fmadd_ps(ys, z, ck_set(0xbe2aaaa3u));
    ys = _mm256_mul_ps(ys, z);
    ys = _mm256_fmadd_ps(ys, x, x);
    const __m256 ysin2 = _mm256_and_ps(polyMask, ys);
    const __m256 ysin1 = _mm256_andnot_ps(polyMask, yc);
    ys = _mm256_sub_ps(ys, ysin2);
    yc = _mm256_sub_ps(yc, ysin1);
    *s = _mm256_xor_ps(_mm256_add_ps(ysin1, ysin2), signSin);
    *c = _mm256_xor_ps(_mm256_add_ps(yc, ys), signCos);
}

CK_AVX2 void ck_normal_fill16_avx2(float *data, long blocks, float mean, float std) {
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256 minusTwo = _mm256_set1_ps(-2.0f);
    const __m256 twoPi = ck_set(0x40c90fdbu);
    const __m256 meanV = _mm256_set1_ps(mean);
    const __m256 stdV = _mm256_set1_ps(std);
    for (long b = 0; b < blocks; b++) {
        float *d = data + 16 * b;
        const __m256 u1 = _mm256_sub_ps(one, _mm256_loadu_ps(d));
        const __m256 u2 = _mm256_loadu_ps(d + 8);
        const __m256 radius = _mm256_sqrt_ps(_mm256_mul_ps(minusTwo, ck_log(u1)));
        const __m256 theta = _mm256_mul_ps(twoPi, u2);
        __m256 s, c;
        ck_sincos(theta, &s, &c);
        _mm256_storeu_ps(d, _mm256_fmadd_ps(_mm256_mul_ps(radius, c), stdV, meanV));
        _mm256_storeu_ps(d + 8, _mm256_fmadd_ps(_mm256_mul_ps(radius, s), stdV, meanV));
    }
}

CK_AVX2 void ck_uniform_fma_avx2(float *data, long count, float from, float range, float to) {
    const __m256 fromV = _mm256_set1_ps(from), rangeV = _mm256_set1_ps(range), toV = _mm256_set1_ps(to);
    const __m256i mask = _mm256_set1_epi32(0xFFFFFF);
    const __m256 scale = _mm256_set1_ps(0x1p-24f);
    long i = 0;
    for (; i + 8 <= count; i += 8) {
        __m256i w = _mm256_loadu_si256((const __m256i *)(data + i));
        __m256 x = _mm256_mul_ps(_mm256_cvtepi32_ps(_mm256_and_si256(w, mask)), scale);
        __m256 v = _mm256_fmadd_ps(x, rangeV, fromV);
        v = _mm256_blendv_ps(v, fromV, _mm256_cmp_ps(v, toV, _CMP_EQ_OQ));
        _mm256_storeu_ps(data + i, v);
    }
    for (; i < count; i++) {
        unsigned w;
        __builtin_memcpy(&w, data + i, 4);
        float v = __builtin_fmaf((float)(w & 0xFFFFFF) * 0x1p-24f, range, from);
        data[i] = v == to ? from : v;
    }
}

#else

int ck_normal_fill16_avx2_available(void) { return 0; }

void ck_uniform_fma_avx2(float *data, long count, float from, float range, float to) {
    (void)data; (void)count; (void)from; (void)range; (void)to;
}

void ck_normal_fill16_avx2(float *data, long blocks, float mean, float std) {
    (void)data; (void)blocks; (void)mean; (void)std;
}

#endif
