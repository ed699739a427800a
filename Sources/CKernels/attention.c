// Attention kernels for lesson 08: the naive path's masked row softmax, and the task counter of
// the fused path (whose kernels, PyTorch's CPU flash attention, live in attention_torch.c).
//
// The softmax is written once on VW-float vectors (clang vector extensions) and this file
// includes itself to build it twice: 16 lanes (AVX-512) and 8 lanes (AVX2+FMA, and baseline
// x86-64/arm64). Entry points pick at run time.

#ifndef ATTN_VW

#include "CKernels.h"
#include <math.h>
#include <string.h>

#pragma clang fp contract(fast)
// The vector helpers are always inlined, so no vector crosses a call boundary.
#pragma clang diagnostic ignored "-Wpsabi"

#define BC CK_ATTENTION_BLOCK
#define INLINE static inline __attribute__((always_inline))
#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define W(name) CAT(name, ATTN_SUFFIX)

long ck_attention_claim(long *counter) { return __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED); }

#define ATTN_VW 16
#define ATTN_SUFFIX w16
#include __FILE__
#undef ATTN_VW
#undef ATTN_SUFFIX

#define ATTN_VW 8
#define ATTN_SUFFIX w8
#include __FILE__
#undef ATTN_VW
#undef ATTN_SUFFIX

// MARK: entry points, one build per instruction set

#if defined(__x86_64__)
int ck_attention_isa_available(int isa) {
    switch (isa) {
    case CK_ATTENTION_ISA_AUTO: case CK_ATTENTION_ISA_PORTABLE: return 1;
    case CK_ATTENTION_ISA_AVX2: return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
    case CK_ATTENTION_ISA_AVX512: return __builtin_cpu_supports("avx512f");
    default: return 0;
    }
}

/// The instruction set a head asks for, or the best available one.
static int resolve_isa(const ck_attention_head *h) {
    if (h->isa != CK_ATTENTION_ISA_AUTO && ck_attention_isa_available(h->isa)) return h->isa;
    return ck_attention_isa_available(CK_ATTENTION_ISA_AVX512) ? CK_ATTENTION_ISA_AVX512
         : ck_attention_isa_available(CK_ATTENTION_ISA_AVX2) ? CK_ATTENTION_ISA_AVX2
         : CK_ATTENTION_ISA_PORTABLE;
}

#define VARIANTS(name, params, args)                                                        \
    __attribute__((target("avx512f"))) static void name##_avx512 params { name##_w16 args; } \
    __attribute__((target("avx2,fma"))) static void name##_avx2 params { name##_w8 args; }  \
    static void name##_base params { name##_w8 args; }
#define CALL(name, args)                                                                    \
    switch (resolve_isa(h)) {                                                               \
    case CK_ATTENTION_ISA_AVX512: name##_avx512 args; break;                                \
    case CK_ATTENTION_ISA_AVX2: name##_avx2 args; break;                                    \
    default: name##_base args; break;                                                       \
    }
#else
int ck_attention_isa_available(int isa) {
    return isa == CK_ATTENTION_ISA_AUTO || isa == CK_ATTENTION_ISA_PORTABLE;
}
#define VARIANTS(name, params, args) static void name##_base params { name##_w8 args; }
#define CALL(name, args) name##_base args
#endif

VARIANTS(softmax_row, (const ck_attention_head *h, long i, float *row), (h, i, row))

void ck_attention_softmax_row(const ck_attention_head *h, long i, float *row) {
    CALL(softmax_row, (h, i, row));
}

#else  // ATTN_VW: the width-generic kernels, included once per vector width

#define vf W(vf)
#define vfu W(vfu)
#define vi W(vi)

typedef float vf __attribute__((vector_size(ATTN_VW * 4), aligned(ATTN_VW * 4)));
typedef float vfu __attribute__((vector_size(ATTN_VW * 4), aligned(4)));
typedef int vi __attribute__((vector_size(ATTN_VW * 4), aligned(ATTN_VW * 4)));

INLINE vf W(ld)(const float *p) { return *(const vfu *)p; }
INLINE void W(st)(float *p, vf x) { *(vfu *)p = x; }
#if ATTN_VW == 16
INLINE vf W(splat)(float x) { return (vf){x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x}; }
#else
INLINE vf W(splat)(float x) { return (vf){x, x, x, x, x, x, x, x}; }
#endif
INLINE vf W(vsel)(vi m, vf a, vf b) { return (vf)(((vi)a & m) | ((vi)b & ~m)); }
INLINE vf W(vmax)(vf a, vf b) { return W(vsel)(a > b, a, b); }
INLINE float W(hsum)(vf x) {
    typedef float f8 __attribute__((vector_size(32)));
    typedef float f4 __attribute__((vector_size(16)));
#if ATTN_VW == 16
    f8 a = __builtin_shufflevector(x, x, 0, 1, 2, 3, 4, 5, 6, 7)
         + __builtin_shufflevector(x, x, 8, 9, 10, 11, 12, 13, 14, 15);
#else
    f8 a = x;
#endif
    f4 b = __builtin_shufflevector(a, a, 0, 1, 2, 3) + __builtin_shufflevector(a, a, 4, 5, 6, 7);
    return (b[0] + b[2]) + (b[1] + b[3]);
}
INLINE float W(hmax)(vf x) {
    typedef float f8 __attribute__((vector_size(32)));
    typedef float f4 __attribute__((vector_size(16)));
#if ATTN_VW == 16
    f8 a = __builtin_elementwise_max(__builtin_shufflevector(x, x, 0, 1, 2, 3, 4, 5, 6, 7),
                                     __builtin_shufflevector(x, x, 8, 9, 10, 11, 12, 13, 14, 15));
#else
    f8 a = x;
#endif
    f4 b = __builtin_elementwise_max(__builtin_shufflevector(a, a, 0, 1, 2, 3),
                                     __builtin_shufflevector(a, a, 4, 5, 6, 7));
    float m0 = b[0] > b[1] ? b[0] : b[1], m1 = b[2] > b[3] ? b[2] : b[3];
    return m0 > m1 ? m0 : m1;
}

/// exp(x) for x <= 0 (Cephes polynomial, ~1 ulp); -inf and x < -87.3 give exactly 0, NaN stays NaN.
INLINE vf W(vexp)(vf x) {
    const vf lo = W(splat)(-87.33654f);
    vi under = x < lo;
    vi nan = x != x;
    vf xc = W(vmax)(x, lo);
    const vf magic = W(splat)(12582912.0f);  // 1.5 * 2^23: adding it rounds to an integer
    vf kf = (xc * 1.44269504088896341f + magic) - magic;
    vf r = xc - kf * 0.693359375f;
    r = r - kf * -2.12194440e-4f;
    vf p = W(splat)(1.9875691500e-4f);
    p = p * r + 1.3981999507e-3f;
    p = p * r + 8.3334519073e-3f;
    p = p * r + 4.1665795894e-2f;
    p = p * r + 1.6666665459e-1f;
    p = p * r + 5.0000001201e-1f;
    p = p * (r * r) + r + 1.0f;
    vi ki = __builtin_convertvector(kf, vi);
    vf y = p * (vf)((ki + 127) << 23);
    y = (vf)((vi)y & ~under);
    return W(vsel)(nan, x, y);
}

/// Scales s[0..<BC] (scores of query i against keys j0..j0+n) and applies the mask;
/// columns past n become -inf.
INLINE void W(scale_and_mask)(const ck_attention_head *h, long i, long j0, long n, float *s) {
    for (int c = 0; c < BC; c += ATTN_VW) W(st)(s + c, W(ld)(s + c) * h->scale);
    switch (h->mask_kind) {
    case CK_ATTENTION_MASK_CAUSAL: {
        long first = i + 1 - j0;  // first masked column of this block
        if (first < n) n = first < 0 ? 0 : first;
        break;
    }
    case CK_ATTENTION_MASK_BOOL: {
        const unsigned char *m = (const unsigned char *)h->mask + i * h->mask_row + j0 * h->mask_col;
        for (long c = 0; c < n; c++) if (!m[c * h->mask_col]) s[c] = -INFINITY;
        break;
    }
    case CK_ATTENTION_MASK_ADDITIVE: {
        const float *m = (const float *)h->mask + i * h->mask_row + j0 * h->mask_col;
        for (long c = 0; c < n; c++) s[c] += m[c * h->mask_col];
        break;
    }
    default: break;
    }
    for (long c = n; c < BC; c++) s[c] = -INFINITY;
}

// MARK: naive row softmax

INLINE void W(softmax_row)(const ck_attention_head *h, long i, float *row) {
    float tile[BC] __attribute__((aligned(64)));
    float m = -INFINITY;
    for (long j0 = 0; j0 < h->S; j0 += BC) {
        long n = h->S - j0 < BC ? h->S - j0 : BC;
        memcpy(tile, row + j0, sizeof(float) * n);
        for (long c = n; c < BC; c++) tile[c] = 0;
        W(scale_and_mask)(h, i, j0, n, tile);
        memcpy(row + j0, tile, sizeof(float) * n);
        for (long c = 0; c < n; c++) m = tile[c] > m ? tile[c] : m;
    }
    if (m == -INFINITY) { memset(row, 0, sizeof(float) * h->S); return; }
    long j = 0;
    vf vm = W(splat)(m), acc = W(splat)(0);
    for (; j + ATTN_VW <= h->S; j += ATTN_VW) {
        vf p = W(vexp)(W(ld)(row + j) - vm);
        W(st)(row + j, p);
        acc += p;
    }
    float total = W(hsum)(acc);
    for (; j < h->S; j++) { row[j] = expf(row[j] - m); total += row[j]; }
    float inv = 1.0f / total;
    for (j = 0; j < h->S; j++) row[j] *= inv;
}

#undef vf
#undef vfu
#undef vi

#endif  // ATTN_VW
