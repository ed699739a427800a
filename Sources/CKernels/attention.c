// Attention kernels for lesson 08: FlashAttention-2 style forward and backward blocks
// (online softmax over key blocks, P recomputed in the backward) and the naive row softmax.
//
// The kernels are written once on VW-float vectors (clang vector extensions) and this file
// includes itself to build them twice: 16 lanes, 4 query rows at a time (AVX-512), and
// 8 lanes, one row at a time (AVX2+FMA, and baseline x86-64/arm64). Entry points pick at run time.

#ifndef ATTN_VW

#include "CKernels.h"
#include <math.h>
#include <string.h>

#pragma clang fp contract(fast)
// The vector helpers are always inlined, so no vector crosses a call boundary.
#pragma clang diagnostic ignored "-Wpsabi"

#define BC CK_ATTENTION_BLOCK
#define QB CK_ATTENTION_QUERY_BLOCK
#define INLINE static inline __attribute__((always_inline))
#define CAT2(a, b) a##_##b
#define CAT(a, b) CAT2(a, b)
#define W(name) CAT(name, ATTN_SUFFIX)

static float *aligned_floats(float *p) { return (float *)(((size_t)p + 63) & ~(size_t)63); }

long ck_attention_scratch_floats(long E, long Ev) {
    long forward = E * BC + QB * Ev + 4 * BC + 2 * QB;  // kt, acc, scores, max, sum
    long backward = 2 * (E + Ev) * BC + 8 * BC;         // kt, vt, dk or dq, dv, p, ds
    return (forward > backward ? forward : backward) + 8 * 16;  // + alignment of each piece
}

long ck_attention_claim(long *counter) { return __atomic_fetch_add(counter, 1, __ATOMIC_RELAXED); }

/// Number of key columns a causal block may see: keys past the last query row are all masked.
static long key_limit(const ck_attention_head *h, long last_row) {
    if (h->mask_kind != CK_ATTENTION_MASK_CAUSAL) return h->S;
    long limit = last_row + 1;
    return limit < h->S ? limit : h->S;
}

/// Copies rows [j0, j0 + n) of `src` ([*, cols], row stride `row`) transposed into
/// `dst` [cols, BC], zero-padding columns n..<BC.
static void transpose_block(const float *src, long row, long j0, long n, long cols, float *dst) {
    for (long d = 0; d < cols; d++) {
        float *out = dst + d * BC;
        for (long c = 0; c < n; c++) out[c] = src[(j0 + c) * row + d];
        for (long c = n; c < BC; c++) out[c] = 0;
    }
}

#define ATTN_VW 16
#define ATTN_ROWS 4
#define ATTN_SUFFIX w16
#include __FILE__
#undef ATTN_VW
#undef ATTN_ROWS
#undef ATTN_SUFFIX

#define ATTN_VW 8
#define ATTN_ROWS 1
#define ATTN_SUFFIX w8
#include __FILE__
#undef ATTN_VW
#undef ATTN_ROWS
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

VARIANTS(forward_rows, (const ck_attention_head *h, long a, long b, float *s), (h, a, b, s))
VARIANTS(backward_kv, (const ck_attention_head *h, long a, long b, float *s), (h, a, b, s))
VARIANTS(backward_q, (const ck_attention_head *h, long a, long b, float *s), (h, a, b, s))
VARIANTS(softmax_row, (const ck_attention_head *h, long i, float *row), (h, i, row))

void ck_attention_forward_rows(const ck_attention_head *h, long row_begin, long row_end, float *scratch) {
    CALL(forward_rows, (h, row_begin, row_end, scratch));
}

void ck_attention_backward_kv(const ck_attention_head *h, long col_begin, long col_end, float *scratch) {
    CALL(backward_kv, (h, col_begin, col_end, scratch));
}

void ck_attention_backward_q(const ck_attention_head *h, long row_begin, long row_end, float *scratch) {
    CALL(backward_q, (h, row_begin, row_end, scratch));
}

void ck_attention_softmax_row(const ck_attention_head *h, long i, float *row) {
    CALL(softmax_row, (h, i, row));
}

#else  // ATTN_VW: the width-generic kernels, included once per vector width

#define vf W(vf)
#define vfu W(vfu)
#define vi W(vi)
#define NV (BC / ATTN_VW)  // vectors per block row

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

/// s[r * BC + c] = x_r · t[:, c] for ATTN_ROWS rows x_r = x + r * x_row and a transposed block
/// t [len, BC]; rows at or past `rows` repeat the last one (their scores are ignored).
INLINE void W(rows_times_block)(const float *x, long x_row, long rows, const float *t, long len, float *s) {
    vf acc[ATTN_ROWS][NV];
    const float *xr[ATTN_ROWS];
    for (int r = 0; r < ATTN_ROWS; r++) {
        xr[r] = x + (r < rows ? r : rows - 1) * x_row;
        for (int v = 0; v < NV; v++) acc[r][v] = W(splat)(0);
    }
    for (long d = 0; d < len; d++) {
        const float *td = t + d * BC;
        vf tv[NV];
        for (int v = 0; v < NV; v++) tv[v] = W(ld)(td + v * ATTN_VW);
        for (int r = 0; r < ATTN_ROWS; r++) {
            vf xd = W(splat)(xr[r][d]);
            for (int v = 0; v < NV; v++) acc[r][v] += xd * tv[v];
        }
    }
    for (int r = 0; r < ATTN_ROWS; r++)
        for (int v = 0; v < NV; v++) W(st)(s + r * BC + v * ATTN_VW, acc[r][v]);
}

/// s[0..<BC] = x · t[:, c] for one row.
INLINE void W(row_times_block)(const float *x, const float *t, long len, float *s) {
    vf acc[NV];
    for (int v = 0; v < NV; v++) acc[v] = W(splat)(0);
    for (long d = 0; d < len; d++) {
        vf xd = W(splat)(x[d]);
        const float *td = t + d * BC;
        for (int v = 0; v < NV; v++) acc[v] += xd * W(ld)(td + v * ATTN_VW);
    }
    for (int v = 0; v < NV; v++) W(st)(s + v * ATTN_VW, acc[v]);
}

/// For ATTN_ROWS rows r: acc_r[0..<len] = acc_r * alpha[r] + Σ_c w[r * BC + c] * m[c * m_row + 0..<len]
/// (c < n), acc_r = acc + r * acc_row.
INLINE void W(rows_weighted)(float *acc, long acc_row, const float *alpha, const float *w,
                             const float *m, long m_row, long n, long len) {
    long e = 0;
    for (; e + BC <= len; e += BC) {
        vf o[ATTN_ROWS][NV];
        for (int r = 0; r < ATTN_ROWS; r++)
            for (int v = 0; v < NV; v++)
                o[r][v] = W(ld)(acc + r * acc_row + e + v * ATTN_VW) * alpha[r];
        for (long c = 0; c < n; c++) {
            vf mv[NV];
            for (int v = 0; v < NV; v++) mv[v] = W(ld)(m + c * m_row + e + v * ATTN_VW);
            for (int r = 0; r < ATTN_ROWS; r++) {
                vf wc = W(splat)(w[r * BC + c]);
                for (int v = 0; v < NV; v++) o[r][v] += wc * mv[v];
            }
        }
        for (int r = 0; r < ATTN_ROWS; r++)
            for (int v = 0; v < NV; v++) W(st)(acc + r * acc_row + e + v * ATTN_VW, o[r][v]);
    }
    for (; e + ATTN_VW <= len; e += ATTN_VW) {
        vf o[ATTN_ROWS];
        for (int r = 0; r < ATTN_ROWS; r++) o[r] = W(ld)(acc + r * acc_row + e) * alpha[r];
        for (long c = 0; c < n; c++) {
            vf mv = W(ld)(m + c * m_row + e);
            for (int r = 0; r < ATTN_ROWS; r++) o[r] += w[r * BC + c] * mv;
        }
        for (int r = 0; r < ATTN_ROWS; r++) W(st)(acc + r * acc_row + e, o[r]);
    }
    for (; e < len; e++) {
        for (int r = 0; r < ATTN_ROWS; r++) {
            float o = acc[r * acc_row + e] * alpha[r];
            for (long c = 0; c < n; c++) o += w[r * BC + c] * m[c * m_row + e];
            acc[r * acc_row + e] = o;
        }
    }
}

/// acc[0..<len] += Σ_c w[c] * m[c * m_row + 0..<len] for c < n (one row).
INLINE void W(row_weighted)(float *acc, const float *w, const float *m, long m_row, long n, long len) {
    long e = 0;
    for (; e + BC <= len; e += BC) {
        vf o[NV];
        for (int v = 0; v < NV; v++) o[v] = W(ld)(acc + e + v * ATTN_VW);
        for (long c = 0; c < n; c++) {
            vf wc = W(splat)(w[c]);
            for (int v = 0; v < NV; v++) o[v] += wc * W(ld)(m + c * m_row + e + v * ATTN_VW);
        }
        for (int v = 0; v < NV; v++) W(st)(acc + e + v * ATTN_VW, o[v]);
    }
    for (; e + ATTN_VW <= len; e += ATTN_VW) {
        vf o = W(ld)(acc + e);
        for (long c = 0; c < n; c++) o += w[c] * W(ld)(m + c * m_row + e);
        W(st)(acc + e, o);
    }
    for (; e < len; e++) {
        float o = acc[e];
        for (long c = 0; c < n; c++) o += w[c] * m[c * m_row + e];
        acc[e] = o;
    }
}

/// y[0..<len] += a * x[0..<len].
INLINE void W(axpy)(float *y, float a, const float *x, long len) {
    long e = 0;
    for (; e + ATTN_VW <= len; e += ATTN_VW) W(st)(y + e, W(ld)(y + e) + a * W(ld)(x + e));
    for (; e < len; e++) y[e] += a * x[e];
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

// MARK: forward

/// Query rows [r0, r1): for each key block, scores of ATTN_ROWS rows at a time, the online
/// softmax update per row (running max mx, running sum, accumulators rescaled by
/// exp(old max - new max)), then accumulators += P v.
INLINE void W(forward_rows)(const ck_attention_head *h, long r0, long r1, float *scratch) {
    const long E = h->E, Ev = h->Ev;
    float *kt = aligned_floats(scratch);                 // [E, BC]
    float *acc = aligned_floats(kt + E * BC);            // [QB, Ev] output accumulators
    float *s = aligned_floats(acc + QB * Ev);            // [ATTN_ROWS, BC] scores, then P
    float *mx = aligned_floats(s + ATTN_ROWS * BC);      // [QB] running max
    float *sum = aligned_floats(mx + QB);                // [QB] running sum
    long rows = r1 - r0;
    memset(acc, 0, sizeof(float) * rows * Ev);
    for (long r = 0; r < rows; r++) { mx[r] = -INFINITY; sum[r] = 0; }

    long limit = key_limit(h, r1 - 1);
    for (long j0 = 0; j0 < limit; j0 += BC) {
        long n = limit - j0 < BC ? limit - j0 : BC;
        transpose_block(h->k, h->k_row, j0, n, E, kt);
        const float *vblock = h->v + j0 * h->v_row;
        for (long r = 0; r < rows; r += ATTN_ROWS) {
            long group = rows - r < ATTN_ROWS ? rows - r : ATTN_ROWS;
            if (h->mask_kind == CK_ATTENTION_MASK_CAUSAL && j0 > r0 + r + group - 1) continue;
            W(rows_times_block)(h->q + (r0 + r) * h->q_row, h->q_row, group, kt, E, s);
            float alpha[ATTN_ROWS];
            int any = 0;
            for (int g = 0; g < ATTN_ROWS; g++) {
                float *sg = s + g * BC;
                alpha[g] = 1;
                long i = r0 + r + g;
                if (g >= group || (h->mask_kind == CK_ATTENTION_MASK_CAUSAL && j0 > i)) {
                    memset(sg, 0, sizeof(float) * BC);  // row absent or block fully masked
                    continue;
                }
                W(scale_and_mask)(h, i, j0, n, sg);
                vf m8 = W(ld)(sg);
                for (int c = ATTN_VW; c < BC; c += ATTN_VW) m8 = W(vmax)(m8, W(ld)(sg + c));
                float block_max = W(hmax)(m8);
                float m_old = mx[r + g];
                float m_new = block_max > m_old ? block_max : m_old;
                if (m_new == -INFINITY) {  // every key so far is masked
                    memset(sg, 0, sizeof(float) * BC);
                    continue;
                }
                alpha[g] = expf(m_old - m_new);
                vf vm = W(splat)(m_new), total = W(splat)(0);
                for (int c = 0; c < BC; c += ATTN_VW) {
                    vf p = W(vexp)(W(ld)(sg + c) - vm);
                    W(st)(sg + c, p);
                    total += p;
                }
                sum[r + g] = sum[r + g] * alpha[g] + W(hsum)(total);
                mx[r + g] = m_new;
                any = 1;
            }
            if (!any) continue;
            if (group == ATTN_ROWS) {
                W(rows_weighted)(acc + r * Ev, Ev, alpha, s, vblock, h->v_row, n, Ev);
            } else {
                for (long g = 0; g < group; g++) {
                    float *a = acc + (r + g) * Ev;
                    for (long e = 0; e < Ev; e++) a[e] *= alpha[g];
                    W(row_weighted)(a, s + g * BC, vblock, h->v_row, n, Ev);
                }
            }
        }
    }
    for (long r = 0; r < rows; r++) {
        float *o = h->out + (r0 + r) * h->out_row;
        if (sum[r] > 0) {
            float inv = 1.0f / sum[r];
            for (long e = 0; e < Ev; e++) o[e] = acc[r * Ev + e] * inv;
            h->lse[r0 + r] = mx[r] + logf(sum[r]);
        } else {
            for (long e = 0; e < Ev; e++) o[e] = 0;  // fully masked row: PyTorch gives zeros
            h->lse[r0 + r] = INFINITY;
        }
    }
}

// MARK: backward

/// For ATTN_ROWS query rows i0 + g (g < group; later rows get zeros) against the key block at j0:
/// p[g] = P[i, j0..j0+n) = exp(q_i kᵀ * scale + mask - lse_i), recomputed, and
/// ds[g] = P * (dP - delta_i) * scale with dP = dout_i vᵀ. kt and vt are the transposed blocks.
/// Returns 0 when every row of the group is absent, fully masked or sees none of the block.
INLINE int W(score_gradients)(const ck_attention_head *h, long i0, long group, long j0, long n,
                              const float *kt, const float *vt, float *p, float *ds) {
    W(rows_times_block)(h->q + i0 * h->q_row, h->q_row, group, kt, h->E, p);
    W(rows_times_block)(h->dout + i0 * h->dout_row, h->dout_row, group, vt, h->Ev, ds);
    int any = 0;
    for (long g = 0; g < ATTN_ROWS; g++) {
        long i = i0 + g;
        float *pg = p + g * BC, *dg = ds + g * BC;
        if (g >= group || h->lse[i] == INFINITY || (h->mask_kind == CK_ATTENTION_MASK_CAUSAL && j0 > i)) {
            memset(pg, 0, sizeof(float) * BC);
            memset(dg, 0, sizeof(float) * BC);
            continue;
        }
        W(scale_and_mask)(h, i, j0, n, pg);
        vf lse = W(splat)(h->lse[i]), delta = W(splat)(h->delta[i]);
        for (int c = 0; c < BC; c += ATTN_VW) {
            vf pc = W(vexp)(W(ld)(pg + c) - lse);
            W(st)(pg + c, pc);
            W(st)(dg + c, pc * (W(ld)(dg + c) - delta) * h->scale);
        }
        any = 1;
    }
    return any;
}

/// acc_c[0..<len] += Σ_g w[g * BC + c] * x_g[0..<len] for keys c < n, where
/// acc_c = acc + c * len and x_g = x + g * x_row (g < group; weights of later rows are zero).
INLINE void W(rows_scatter)(float *acc, const float *w, const float *x, long x_row, long group,
                            long n, long len) {
    const float *xr[ATTN_ROWS];
    for (int g = 0; g < ATTN_ROWS; g++) xr[g] = x + (g < group ? g : group - 1) * x_row;
    long e = 0;
    for (; e + BC <= len; e += BC) {
        vf xv[ATTN_ROWS][NV];
        for (int g = 0; g < ATTN_ROWS; g++)
            for (int v = 0; v < NV; v++) xv[g][v] = W(ld)(xr[g] + e + v * ATTN_VW);
        for (long c = 0; c < n; c++) {
            float *a = acc + c * len + e;
            vf o[NV];
            for (int v = 0; v < NV; v++) o[v] = W(ld)(a + v * ATTN_VW);
            for (int g = 0; g < ATTN_ROWS; g++) {
                vf wg = W(splat)(w[g * BC + c]);
                for (int v = 0; v < NV; v++) o[v] += wg * xv[g][v];
            }
            for (int v = 0; v < NV; v++) W(st)(a + v * ATTN_VW, o[v]);
        }
    }
    for (; e + ATTN_VW <= len; e += ATTN_VW) {
        for (long c = 0; c < n; c++) {
            float *a = acc + c * len + e;
            vf o = W(ld)(a);
            for (int g = 0; g < ATTN_ROWS; g++) o += w[g * BC + c] * W(ld)(xr[g] + e);
            W(st)(a, o);
        }
    }
    for (; e < len; e++) {
        for (long c = 0; c < n; c++) {
            float o = acc[c * len + e];
            for (int g = 0; g < ATTN_ROWS; g++) o += w[g * BC + c] * xr[g][e];
            acc[c * len + e] = o;
        }
    }
}

/// dK and dV of key rows [c0, c1): over query rows ATTN_ROWS at a time,
/// dV_c += Σ_i P[i, c] dout_i and dK_c += Σ_i dS[i, c] q_i.
INLINE void W(backward_kv)(const ck_attention_head *h, long c0, long c1, float *scratch) {
    const long E = h->E, Ev = h->Ev, n = c1 - c0;
    float *kt = aligned_floats(scratch);            // [E, BC]
    float *vt = aligned_floats(kt + E * BC);        // [Ev, BC]
    float *dk = aligned_floats(vt + Ev * BC);       // [BC, E]
    float *dv = aligned_floats(dk + BC * E);        // [BC, Ev]
    float *p = aligned_floats(dv + BC * Ev);        // [ATTN_ROWS, BC]
    float *ds = aligned_floats(p + ATTN_ROWS * BC);  // [ATTN_ROWS, BC]
    transpose_block(h->k, h->k_row, c0, n, E, kt);
    transpose_block(h->v, h->v_row, c0, n, Ev, vt);
    memset(dk, 0, sizeof(float) * n * E);
    memset(dv, 0, sizeof(float) * n * Ev);
    // Under a causal mask, queries before c0 see none of these keys.
    long first_row = h->mask_kind == CK_ATTENTION_MASK_CAUSAL ? c0 : 0;
    for (long i0 = first_row; i0 < h->L; i0 += ATTN_ROWS) {
        long group = h->L - i0 < ATTN_ROWS ? h->L - i0 : ATTN_ROWS;
        if (!W(score_gradients)(h, i0, group, c0, n, kt, vt, p, ds)) continue;
        W(rows_scatter)(dv, p, h->dout + i0 * h->dout_row, h->dout_row, group, n, Ev);
        W(rows_scatter)(dk, ds, h->q + i0 * h->q_row, h->q_row, group, n, E);
    }
    for (long c = 0; c < n; c++) {
        memcpy(h->dk + (c0 + c) * h->dk_row, dk + c * E, sizeof(float) * E);
        memcpy(h->dv + (c0 + c) * h->dv_row, dv + c * Ev, sizeof(float) * Ev);
    }
}

/// dQ of query rows [r0, r1): over key blocks, dQ_i += Σ_c dS[i, c] k_c.
INLINE void W(backward_q)(const ck_attention_head *h, long r0, long r1, float *scratch) {
    const long E = h->E, Ev = h->Ev, rows = r1 - r0;
    float *kt = aligned_floats(scratch);            // [E, BC]
    float *vt = aligned_floats(kt + E * BC);        // [Ev, BC]
    float *dq = aligned_floats(vt + Ev * BC);       // [BC, E]
    float *p = aligned_floats(dq + BC * E);         // [ATTN_ROWS, BC]
    float *ds = aligned_floats(p + ATTN_ROWS * BC);  // [ATTN_ROWS, BC]
    float alpha[ATTN_ROWS];  // rows_weighted's rescale factors: none here
    for (int g = 0; g < ATTN_ROWS; g++) alpha[g] = 1;
    memset(dq, 0, sizeof(float) * rows * E);
    long limit = key_limit(h, r1 - 1);
    for (long j0 = 0; j0 < limit; j0 += BC) {
        long n = limit - j0 < BC ? limit - j0 : BC;
        transpose_block(h->k, h->k_row, j0, n, E, kt);
        transpose_block(h->v, h->v_row, j0, n, Ev, vt);
        const float *kblock = h->k + j0 * h->k_row;
        for (long r = 0; r < rows; r += ATTN_ROWS) {
            long group = rows - r < ATTN_ROWS ? rows - r : ATTN_ROWS;
            if (!W(score_gradients)(h, r0 + r, group, j0, n, kt, vt, p, ds)) continue;
            if (group == ATTN_ROWS) {
                W(rows_weighted)(dq + r * E, E, alpha, ds, kblock, h->k_row, n, E);
            } else {
                for (long g = 0; g < group; g++)
                    W(row_weighted)(dq + (r + g) * E, ds + g * BC, kblock, h->k_row, n, E);
            }
        }
    }
    for (long r = 0; r < rows; r++) memcpy(h->dq + (r0 + r) * h->dq_row, dq + r * E, sizeof(float) * E);
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
#undef NV

#endif  // ATTN_VW
