// torch.sqrt for float32 tensors, bit for bit: ATen sends float sqrt to MKL VML (vmsSqrt,
// VML_HA), and the MKL in torch 2.15's wheel runs its SSE kernel `sSqrt_EXHAynn` on this
// AMD CPU. Read from its machine code and checked against vmsSqrt on all 2^32 inputs.
#include "ck_vml.h"
#include <math.h>
#include <stdint.h>
#include <string.h>

/// Inputs the fast path leaves to MKL's rare path: (bits + 0x7f800000) > 0xfefff000 as
/// signed 32-bit, i.e. +0, subnormals, bits above 0x7f7ff000 (inf, NaN) and every negative.
static inline int ck_vml_sqrt_rare(uint32_t bits) {
    return (int32_t)(bits + 0x7f800000u) > (int32_t)0xfefff000u;
}

#if defined(__x86_64__)
#include <xmmintrin.h>

/// r = rsqrtps(x); s = x*r; h = r/2; e = 1/2 - s*h; s += s*e; h += h*e; y = s + (x - s*s)*h.
/// Unfused, in this order (CKernels compiles with -ffp-contract=off).
static inline __m128 ck_vml_sqrt4(__m128 x) {
    const __m128 half = _mm_set1_ps(0.5f);
    __m128 r = _mm_rsqrt_ps(x);
    __m128 s = _mm_mul_ps(r, x);
    __m128 h = _mm_mul_ps(r, half);
    __m128 e = _mm_sub_ps(half, _mm_mul_ps(s, h));
    __m128 s1 = _mm_add_ps(_mm_mul_ps(s, e), s);
    __m128 h1 = _mm_add_ps(_mm_mul_ps(e, h), h);
    __m128 d = _mm_sub_ps(x, _mm_mul_ps(s1, s1));
    return _mm_add_ps(_mm_mul_ps(d, h1), s1);
}

static inline float ck_vml_sqrt1(float x) {
    uint32_t bits;
    memcpy(&bits, &x, 4);
    if (ck_vml_sqrt_rare(bits)) return sqrtf(x);
    return _mm_cvtss_f32(ck_vml_sqrt4(_mm_set1_ps(x)));
}

void ck_vml_sqrt(const float *x, float *y, long count) {
    long i = 0;
    for (; i + 4 <= count; i += 4) {
        __m128 v = _mm_loadu_ps(x + i);
        uint32_t bits[4];
        memcpy(bits, x + i, 16);
        __m128 r = ck_vml_sqrt4(v);
        if (ck_vml_sqrt_rare(bits[0]) | ck_vml_sqrt_rare(bits[1]) |
            ck_vml_sqrt_rare(bits[2]) | ck_vml_sqrt_rare(bits[3])) {
            float out[4], in[4];
            _mm_storeu_ps(out, r);
            memcpy(in, bits, 16);
            for (int j = 0; j < 4; j++) if (ck_vml_sqrt_rare(bits[j])) out[j] = sqrtf(in[j]);
            memcpy(y + i, out, 16);
        } else {
            _mm_storeu_ps(y + i, r);
        }
    }
    for (; i < count; i++) y[i] = ck_vml_sqrt1(x[i]);
}

float ck_vml_sqrtf(float x) { return ck_vml_sqrt1(x); }

#else

void ck_vml_sqrt(const float *x, float *y, long count) {
    for (long i = 0; i < count; i++) y[i] = sqrtf(x[i]);
}

float ck_vml_sqrtf(float x) { return sqrtf(x); }

#endif
