// SLEEF's expf (Sleef_expf16_u10, PyTorch's Vectorized<float>::exp) for one lane: the
// scalar form the exact kernels (exact_kernels.c, attention_torch.c) share.
#ifndef CK_SLEEF_SCALAR_H
#define CK_SLEEF_SCALAR_H
#include <math.h>
#include <string.h>

static inline __attribute__((always_inline)) float ck_float_from_bits(unsigned u) { float f; memcpy(&f, &u, 4); return f; }

/// Sleef_expf16_u10, one lane: exact for PyTorch's softmax and attention.
static inline __attribute__((always_inline)) float ck_sleef_expf(float x) {
    float d = x < -104.0f ? -104.0f : x;
    d = d > 100.0f ? 100.0f : d;
    float qf = __builtin_rintf(d * 1.442695040888963407359924681001892137f);
    int q = (int)qf;
    float s = __builtin_fmaf(qf, -0.693145751953125f, d);
    s = __builtin_fmaf(qf, -1.428606765330187045e-06f, s);
    float u = 0.000198527617612853646278381f;
    u = __builtin_fmaf(u, s, 0.00139304355252534151077271f);
    u = __builtin_fmaf(u, s, 0.00833336077630519866943359f);
    u = __builtin_fmaf(u, s, 0.0416664853692054748535156f);
    u = __builtin_fmaf(u, s, 0.166666671633720397949219f);
    u = __builtin_fmaf(u, s, 0.5f);
    u = 1.0f + __builtin_fmaf(s * s, u, s);
    int half = q >> 1;
    float r = u * ck_float_from_bits((unsigned)(half + 127) << 23) * ck_float_from_bits((unsigned)(q - half + 127) << 23);
    r = x < -104.0f ? 0.0f : r;
    r = x > 100.0f ? INFINITY : r;
    return x != x ? x : r;
}
#endif
