// Softmax and LayerNorm forward rows with PyTorch's arithmetic (SLEEF's expf, ATen's lane
// sums, RowwiseMoments), written lane by lane so the compiler puts them in SIMD registers:
// AVX-512 or AVX2 chosen at run time. The Swift row code (Tensor.softmaxRow,
// LayerNormKernel) is the scalar reference the tests compare against.
#include "sleef_scalar.h"
#include "CKernels.h"
#include <math.h>
#include <string.h>

#pragma clang fp contract(off)

#define INLINE static inline __attribute__((always_inline))

/// The row maximum; NaN wins (any NaN in the row gives a NaN maximum).
INLINE float ex_row_max(const float *x, long n) {
    float m = x[0];
    if (n < 16) {
        for (long i = 1; i < n; i++) { float v = x[i]; if (v > m || v != v) m = v; }
        return m;
    }
    float acc[16];
    for (int l = 0; l < 16; l++) acc[l] = x[l];
    long d = 16;
    for (; d + 16 <= n; d += 16)
        for (int l = 0; l < 16; l++) { float v = x[d + l]; acc[l] = (v > acc[l] || v != v) ? v : acc[l]; }
    for (; d < n; d++) { float v = x[d]; if (v > m || v != v) m = v; }
    for (int l = 0; l < 16; l++) { float v = acc[l]; if (v > m || v != v) m = v; }
    return m;
}

/// ATen's vec::reduce_all with + over W lanes: running vector sums (the tail only in its
/// lanes), then lanes folded i ^ W/2, ..., i ^ 1; fewer than W floats add in order.
#define EX_LANE_SUM(W)                                                                     \
    INLINE float ex_lane_sum##W(const float *p, long n) {                                  \
        if (n < W) {                                                                       \
            float t = n > 0 ? p[0] : 0.0f;                                                 \
            for (long i = 1; i < n; i++) t += p[i];                                        \
            return t;                                                                      \
        }                                                                                  \
        float acc[W], folded[W];                                                           \
        for (int l = 0; l < W; l++) acc[l] = p[l];                                         \
        long d = W;                                                                        \
        for (; d + W <= n; d += W)                                                         \
            for (int l = 0; l < W; l++) acc[l] += p[d + l];                                \
        for (long i = 0; i < n - d; i++) acc[i] += p[d + i];                               \
        for (int step = W / 2; step >= 1; step /= 2) {                                     \
            for (int l = 0; l < W; l++) folded[l] = acc[l] + acc[l ^ step];                \
            for (int l = 0; l < W; l++) acc[l] = folded[l];                                \
        }                                                                                  \
        return acc[0];                                                                     \
    }
EX_LANE_SUM(16)
EX_LANE_SUM(8)

#define SOFTMAX_BODY                                                                       \
    for (long r = 0; r < rows; r++) {                                                      \
        const float *xr = x + r * n;                                                       \
        float *yr = y + r * n;                                                             \
        float m = ex_row_max(xr, n);                                                       \
        for (long i = 0; i < n; i++) yr[i] = ck_sleef_expf(xr[i] - m);                            \
        float s = lanes == 16 ? ex_lane_sum16(yr, n) : ex_lane_sum8(yr, n);                \
        if (scale) {                                                                       \
            float k = 1.0f / s;                                                            \
            for (long i = 0; i < n; i++) yr[i] *= k;                                       \
        } else {                                                                           \
            if (maxes) maxes[r] = m;                                                       \
            if (sums) sums[r] = s;                                                         \
        }                                                                                  \
    }

/// ATen's AddMomentsVec over 8 lanes.
INLINE void ex_add_moments(long m0_add, const float *m1_add, const float *m2_add, long *m0,
                           float *m1, float *m2) {
    long total = *m0 + m0_add;
    float c = total == 0 ? 0.0f : (float)m0_add / (float)total;
    float old = (float)*m0;
    for (int l = 0; l < 8; l++) {
        float delta = m1_add[l] - m1[l];
        m1[l] = m1[l] + c * delta;
        m2[l] = __builtin_fmaf(delta * c, delta * old, m2[l] + m2_add[l]);
    }
    *m0 = total;
}

/// RowwiseMoments for float: (mean, biased variance) of `count` floats, as
/// LayerNormKernel.moments computes it.
INLINE void ex_moments(const float *x, long count, float *mean, float *variance) {
    long n = count / 8, m = (n + 15) / 16;
    int depth = m <= 2 ? 1 : 64 - __builtin_clzl((unsigned long)(m - 1));
    float m1s[64 * 8], m2s[64 * 8], m1v[8], m2v[8];
    long m0s[64];
    for (int k = 0; k < depth * 8; k++) { m1s[k] = 0; m2s[k] = 0; }
    for (int k = 0; k < depth; k++) m0s[k] = 0;
    float reciprocals[16];
    for (int j = 0; j < 16; j++) reciprocals[j] = 1.0f / (float)(j + 1);
    for (long i = 0; i < m; i++) {
        const float *base = x + i * 128;
        long rows = n - i * 16 < 16 ? n - i * 16 : 16;
        for (int l = 0; l < 8; l++) { m1v[l] = 0; m2v[l] = 0; }
        for (long j = 0; j < rows; j++) {
            float c = reciprocals[j];
            for (int l = 0; l < 8; l++) {
                float v = base[j * 8 + l];
                float d = v - m1v[l];
                m1v[l] = __builtin_fmaf(d, c, m1v[l]);
                m2v[l] = __builtin_fmaf(d, v - m1v[l], m2v[l]);
            }
        }
        ex_add_moments(rows, m1v, m2v, &m0s[0], m1s, m2s);
        long mask = i + 1;
        for (int j = 1; j < depth && (mask & 1) == 0; j++) {
            ex_add_moments(m0s[j - 1], m1s + (j - 1) * 8, m2s + (j - 1) * 8, &m0s[j], m1s + j * 8, m2s + j * 8);
            m0s[j - 1] = 0;
            for (int l = 0; l < 8; l++) { m1s[(j - 1) * 8 + l] = 0; m2s[(j - 1) * 8 + l] = 0; }
            mask >>= 1;
        }
    }
    for (int k = 1; k < depth; k++) ex_add_moments(m0s[k], m1s + k * 8, m2s + k * 8, &m0s[0], m1s, m2s);
    // The scalar Welford tail, then the 8 lanes (n values each) merged into it.
    long m0 = 0;
    float m1 = 0, m2 = 0;
    for (long i = n * 8; i < count; i++) {
        float v = x[i], d = v - m1;
        m0 += 1;
        m1 = m1 + d / (float)m0;
        m2 = m2 + d * (v - m1);
    }
    for (int l = 0; l < 8; l++) {
        long total = m0 + n;
        float c = total == 0 ? 0.0f : (float)n / (float)total;
        float delta = m1s[l] - m1;
        m1 = __builtin_fmaf(c, delta, m1);
        m2 = m2 + __builtin_fmaf(delta * delta * c, (float)m0, m2s[l]);
        m0 = total;
    }
    *mean = m1;
    *variance = m2 / (float)count;
}

#define LAYER_NORM_BODY                                                                    \
    for (long r = 0; r < rows; r++) {                                                      \
        const float *xr = x + r * n;                                                       \
        float *yr = y + r * n;                                                             \
        float mean, variance;                                                              \
        ex_moments(xr, n, &mean, &variance);                                               \
        float rstd = 1.0f / sqrtf(variance + eps), shift = -mean;                          \
        means[r] = mean;                                                                   \
        rstds[r] = rstd;                                                                   \
        if (gamma && beta)                                                                 \
            for (long j = 0; j < n; j++) yr[j] = __builtin_fmaf((xr[j] + shift) * rstd, gamma[j], beta[j]); \
        else if (gamma)                                                                    \
            for (long j = 0; j < n; j++) yr[j] = (xr[j] + shift) * rstd * gamma[j];        \
        else if (beta)                                                                     \
            for (long j = 0; j < n; j++) yr[j] = __builtin_fmaf(xr[j] + shift, rstd, beta[j]); \
        else                                                                               \
            for (long j = 0; j < n; j++) yr[j] = (xr[j] + shift) * rstd;                   \
    }

#define SOFTMAX_PARAMS (const float *x, float *y, long rows, long n, int lanes, int scale, float *maxes, float *sums)
#define LAYER_NORM_PARAMS (const float *x, float *y, long rows, long n, const float *gamma, \
                           const float *beta, float eps, float *means, float *rstds)

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq,avx512vl,fma"))) static void softmax_avx512 SOFTMAX_PARAMS { SOFTMAX_BODY }
__attribute__((target("avx2,fma"))) static void softmax_avx2 SOFTMAX_PARAMS { SOFTMAX_BODY }
__attribute__((target("avx512f,avx512dq,avx512vl,fma"))) static void layer_norm_avx512 LAYER_NORM_PARAMS { LAYER_NORM_BODY }
__attribute__((target("avx2,fma"))) static void layer_norm_avx2 LAYER_NORM_PARAMS { LAYER_NORM_BODY }

/// 2 with AVX-512 (F, DQ, VL) and FMA, 1 with AVX2 and FMA, else 0.
static int ex_isa(void) {
    static int isa = -1;
    if (isa < 0) {
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
            && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("fma")) isa = 2;
        else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) isa = 1;
        else isa = 0;
    }
    return isa;
}
#endif
static void softmax_base SOFTMAX_PARAMS { SOFTMAX_BODY }
static void layer_norm_base LAYER_NORM_PARAMS { LAYER_NORM_BODY }

void ck_softmax_rows SOFTMAX_PARAMS {
    if (n <= 0) return;
#if defined(__x86_64__)
    switch (ex_isa()) {
    case 2: softmax_avx512(x, y, rows, n, lanes, scale, maxes, sums); return;
    case 1: softmax_avx2(x, y, rows, n, lanes, scale, maxes, sums); return;
    default: break;
    }
#endif
    softmax_base(x, y, rows, n, lanes, scale, maxes, sums);
}

void ck_layer_norm_rows LAYER_NORM_PARAMS {
    if (n <= 0) return;
#if defined(__x86_64__)
    switch (ex_isa()) {
    case 2: layer_norm_avx512(x, y, rows, n, gamma, beta, eps, means, rstds); return;
    case 1: layer_norm_avx2(x, y, rows, n, gamma, beta, eps, means, rstds); return;
    default: break;
    }
#endif
    layer_norm_base(x, y, rows, n, gamma, beta, eps, means, rstds);
}
