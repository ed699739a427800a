// GELU (tanh form) as ATen's vectorised CPU kernel computes it: SLEEF 3.6's tanhf_u10
// (Vectorized<float>::tanh) in lanes for whole double-vectors, libm's tanhf for the tail,
// with the multiply-adds GCC fuses in torch's build. AVX-512 or AVX2 chosen at run time.
#include "CKernels.h"
#include <math.h>
#include <string.h>

#pragma clang fp contract(off)

#define INLINE static inline __attribute__((always_inline))

typedef struct { float x, y; } th_f2;

INLINE float th_bits(unsigned u) { float f; memcpy(&f, &u, 4); return f; }
INLINE unsigned th_raw(float f) { unsigned u; memcpy(&u, &f, 4); return u; }
INLINE th_f2 th_pair(float x, float y) { th_f2 r = { x, y }; return r; }

// SLEEF's double-float arithmetic (df.h with FMA).
INLINE th_f2 th_add2_f2_f(th_f2 x, float y) {
    float s = x.x + y, v = s - x.x;
    float t = (x.x - (s - v)) + (y - v);
    return th_pair(s, t + x.y);
}
INLINE th_f2 th_add2_f2_f2(th_f2 x, th_f2 y) {
    float s = x.x + y.x, v = s - x.x;
    float t = (x.x - (s - v)) + (y.x - v);
    return th_pair(s, t + (x.y + y.y));
}
INLINE th_f2 th_add_f_f2(float x, th_f2 y) {
    float s = x + y.x;
    return th_pair(s, ((x - s) + y.x) + y.y);
}
INLINE th_f2 th_add_f2_f2(th_f2 x, th_f2 y) {
    float s = x.x + y.x;
    return th_pair(s, (((x.x - s) + y.x) + x.y) + y.y);
}
INLINE th_f2 th_mul_f2_f(th_f2 x, float y) {
    float s = x.x * y;
    return th_pair(s, __builtin_fmaf(x.y, y, __builtin_fmaf(x.x, y, -s)));
}
INLINE th_f2 th_mul_f2_f2(th_f2 x, th_f2 y) {
    float s = x.x * y.x;
    return th_pair(s, __builtin_fmaf(x.x, y.y, __builtin_fmaf(x.y, y.x, __builtin_fmaf(x.x, y.x, -s))));
}
INLINE th_f2 th_squ(th_f2 x) {
    float s = x.x * x.x;
    return th_pair(s, __builtin_fmaf(x.x + x.x, x.y, __builtin_fmaf(x.x, x.x, -s)));
}
INLINE th_f2 th_rec(th_f2 d) {
    float s = 1.0f / d.x;
    return th_pair(s, s * __builtin_fmaf(-d.y, s, __builtin_fmaf(-d.x, s, 1.0f)));
}
INLINE th_f2 th_div(th_f2 n, th_f2 d) {
    float t = 1.0f / d.x, s = n.x * t;
    float u = __builtin_fmaf(t, n.x, -s);
    float v = __builtin_fmaf(-d.y, t, __builtin_fmaf(-d.x, t, 1.0f));
    return th_pair(s, __builtin_fmaf(s, v, __builtin_fmaf(n.y, t, u)));
}
INLINE float th_pow2i(int q) { return th_bits((unsigned)(q + 127) << 23); }
INLINE float th_ldexp2(float d, int e) { return d * th_pow2i(e >> 1) * th_pow2i(e - (e >> 1)); }

/// SLEEF's expk2f for d = (y, 0), y in [0, 9]: e^y as a double-float.
INLINE th_f2 th_expk2(float y) {
    int q = (int)__builtin_rintf(y * 1.442695040888963407359924681001892137f);
    float qf = (float)q;
    th_f2 s = th_add2_f2_f(th_pair(y, 0.0f), qf * -0.693145751953125f);
    s = th_add2_f2_f(s, qf * -1.428606765330187045e-06f);
    float u = 0.1980960224e-3f;
    u = __builtin_fmaf(u, s.x, 0.1394256484e-2f);
    u = __builtin_fmaf(u, s.x, 0.8333456703e-2f);
    u = __builtin_fmaf(u, s.x, 0.4166637361e-1f);
    th_f2 t = th_add2_f2_f(th_mul_f2_f(s, u), 0.166666659414234244790680580464e+0f);
    t = th_add2_f2_f(th_mul_f2_f2(s, t), 0.5f);
    t = th_add2_f2_f2(s, th_mul_f2_f2(th_squ(s), t));
    t = th_add_f_f2(1.0f, t);
    return th_pair(th_ldexp2(t.x, q), th_ldexp2(t.y, q));
}

/// Sleef_tanhf16_u10 (SLEEF 3.6's xtanhf), one lane.
INLINE float th_tanh(float x) {
    float a = th_bits(th_raw(x) & 0x7fffffffu);
    // Past 8.66 the result is 1; clamping keeps the exponent arithmetic in range.
    th_f2 d = th_expk2(a < 9.0f ? a : 9.0f);
    th_f2 e = th_rec(d);
    d = th_div(th_add_f2_f2(d, th_pair(-e.x, -e.y)), th_add_f2_f2(d, e));
    float y = d.x + d.y;
    y = (a > 8.664339742f || y != y) ? 1.0f : y;
    y = th_bits(th_raw(y) ^ (th_raw(x) & 0x80000000u));
    return x != x ? th_bits(0xffffffffu) : y;
}

// PyTorch's constants: M_SQRT2 * M_2_SQRTPI * 0.5 and 0.044715, rounded to float once.
#define TH_BETA ((float)(1.41421356237309504880 * 1.12837916709551257390 * 0.5))
#define TH_KAPPA 0.044715f

/// One element of the vector lambda: x^3 as (x*x)*x, kappa*x^3 + x fused.
INLINE float th_gelu_vec(float x) {
    float cube = x * x * x;
    float inner = TH_BETA * __builtin_fmaf(TH_KAPPA, cube, x);
    return 0.5f * x * (1.0f + th_tanh(inner));
}

/// One element of the scalar lambda (the tail): the same with libm's tanhf.
INLINE float th_gelu_scalar(float x) {
    float cube = x * x * x;
    float inner = TH_BETA * __builtin_fmaf(TH_KAPPA, cube, x);
    return 0.5f * x * (1.0f + tanhf(inner));
}

#define GELU_BODY                                                                          \
    long whole = n - n % step;                                                             \
    _Pragma("clang loop interleave_count(4)")                                              \
    for (long i = 0; i < whole; i++) y[i] = th_gelu_vec(x[i]);                             \
    for (long i = whole; i < n; i++) y[i] = th_gelu_scalar(x[i]);

#define GELU_PARAMS (const float *x, float *y, long n, long step)

#if defined(__x86_64__)
__attribute__((target("avx512f,avx512dq,avx512vl,fma"))) static void gelu_avx512 GELU_PARAMS { GELU_BODY }
__attribute__((target("avx2,fma"))) static void gelu_avx2 GELU_PARAMS { GELU_BODY }
#endif
static void gelu_base GELU_PARAMS { GELU_BODY }

void ck_gelu_tanh_range(const float *x, float *y, long n, long step) {
    if (n <= 0) return;
    if (step <= 0) step = 1;
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512dq")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("fma")) { gelu_avx512(x, y, n, step); return; }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) { gelu_avx2(x, y, n, step); return; }
#endif
    gelu_base(x, y, n, step);
}
