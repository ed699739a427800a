// Attention kernels for lesson 08: FlashAttention-2 style forward and backward blocks
// (online softmax over key blocks, P recomputed in the backward) and the naive row softmax.
//
// Every inner loop is written on 8-float vectors (clang vector extensions); each entry
// point is compiled twice, for AVX2+FMA and for baseline x86-64/arm64, and picks one at run time.

#include "CKernels.h"
#include <math.h>
#include <string.h>

#pragma clang fp contract(fast)
// The vector helpers below are always inlined, so no vector crosses a call boundary.
#pragma clang diagnostic ignored "-Wpsabi"

typedef float vf8 __attribute__((vector_size(32), aligned(32)));
typedef float vf8u __attribute__((vector_size(32), aligned(4)));
typedef int vi8 __attribute__((vector_size(32), aligned(32)));

#define BC CK_ATTENTION_BLOCK
#define INLINE static inline __attribute__((always_inline))

INLINE vf8 ld(const float *p) { return *(const vf8u *)p; }
INLINE void st(float *p, vf8 x) { *(vf8u *)p = x; }
INLINE vf8 splat(float x) { return (vf8){x, x, x, x, x, x, x, x}; }
INLINE vf8 vsel(vi8 m, vf8 a, vf8 b) { return (vf8)(((vi8)a & m) | ((vi8)b & ~m)); }
INLINE vf8 vmax(vf8 a, vf8 b) { return vsel(a > b, a, b); }
INLINE float hsum(vf8 x) { return ((x[0] + x[4]) + (x[1] + x[5])) + ((x[2] + x[6]) + (x[3] + x[7])); }
INLINE float hmax(vf8 x) {
    float m = x[0];
    for (int i = 1; i < 8; i++) m = x[i] > m ? x[i] : m;
    return m;
}

/// exp(x) for x <= 0 (Cephes polynomial, ~1 ulp); -inf and x < -87.3 give exactly 0, NaN stays NaN.
INLINE vf8 vexp(vf8 x) {
    const vf8 lo = splat(-87.33654f);
    vi8 under = x < lo;
    vi8 nan = x != x;
    vf8 xc = vmax(x, lo);
    const vf8 magic = splat(12582912.0f);  // 1.5 * 2^23: adding it rounds to an integer
    vf8 kf = (xc * splat(1.44269504088896341f) + magic) - magic;
    vf8 r = xc - kf * splat(0.693359375f);
    r = r - kf * splat(-2.12194440e-4f);
    vf8 p = splat(1.9875691500e-4f);
    p = p * r + splat(1.3981999507e-3f);
    p = p * r + splat(8.3334519073e-3f);
    p = p * r + splat(4.1665795894e-2f);
    p = p * r + splat(1.6666665459e-1f);
    p = p * r + splat(5.0000001201e-1f);
    p = p * (r * r) + r + splat(1.0f);
    vi8 ki = __builtin_convertvector(kf, vi8);
    vf8 y = p * (vf8)((ki + 127) << 23);
    y = (vf8)((vi8)y & ~under);
    return vsel(nan, x, y);
}

// MARK: shared pieces

/// Copies rows [j0, j0 + n) of `src` ([*, cols], row stride `row`) transposed into
/// `dst` [cols, BC], zero-padding columns n..<BC.
INLINE void transpose_block(const float *src, long row, long j0, long n, long cols, float *dst) {
    for (long d = 0; d < cols; d++) {
        float *out = dst + d * BC;
        for (long c = 0; c < n; c++) out[c] = src[(j0 + c) * row + d];
        for (long c = n; c < BC; c++) out[c] = 0;
    }
}

/// s[0..<BC] = x · t[:, c] for a transposed block t [len, BC] (eight 8-wide accumulators).
INLINE void row_times_block(const float *x, const float *t, long len, float *s) {
    vf8 a0 = splat(0), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
    for (long d = 0; d < len; d++) {
        vf8 xd = splat(x[d]);
        const float *td = t + d * BC;
        a0 += xd * ld(td);      a1 += xd * ld(td + 8);
        a2 += xd * ld(td + 16); a3 += xd * ld(td + 24);
        a4 += xd * ld(td + 32); a5 += xd * ld(td + 40);
        a6 += xd * ld(td + 48); a7 += xd * ld(td + 56);
    }
    st(s, a0); st(s + 8, a1); st(s + 16, a2); st(s + 24, a3);
    st(s + 32, a4); st(s + 40, a5); st(s + 48, a6); st(s + 56, a7);
}

/// acc[0..<len] = acc * alpha + Σ_c w[c] * m[c * row + 0..<len], for c < n.
INLINE void weighted_rows(float *acc, float alpha, const float *w, const float *m, long row,
                          long n, long len) {
    long e = 0;
    vf8 va = splat(alpha);
    for (; e + 64 <= len; e += 64) {
        vf8 o0 = ld(acc + e) * va, o1 = ld(acc + e + 8) * va, o2 = ld(acc + e + 16) * va,
            o3 = ld(acc + e + 24) * va, o4 = ld(acc + e + 32) * va, o5 = ld(acc + e + 40) * va,
            o6 = ld(acc + e + 48) * va, o7 = ld(acc + e + 56) * va;
        for (long c = 0; c < n; c++) {
            vf8 wc = splat(w[c]);
            const float *mc = m + c * row + e;
            o0 += wc * ld(mc);      o1 += wc * ld(mc + 8);
            o2 += wc * ld(mc + 16); o3 += wc * ld(mc + 24);
            o4 += wc * ld(mc + 32); o5 += wc * ld(mc + 40);
            o6 += wc * ld(mc + 48); o7 += wc * ld(mc + 56);
        }
        st(acc + e, o0); st(acc + e + 8, o1); st(acc + e + 16, o2); st(acc + e + 24, o3);
        st(acc + e + 32, o4); st(acc + e + 40, o5); st(acc + e + 48, o6); st(acc + e + 56, o7);
    }
    for (; e + 16 <= len; e += 16) {
        vf8 o0 = ld(acc + e) * va, o1 = ld(acc + e + 8) * va;
        for (long c = 0; c < n; c++) {
            vf8 wc = splat(w[c]);
            o0 += wc * ld(m + c * row + e); o1 += wc * ld(m + c * row + e + 8);
        }
        st(acc + e, o0); st(acc + e + 8, o1);
    }
    for (; e + 8 <= len; e += 8) {
        vf8 o0 = ld(acc + e) * va;
        for (long c = 0; c < n; c++) o0 += splat(w[c]) * ld(m + c * row + e);
        st(acc + e, o0);
    }
    for (; e < len; e++) {
        float o = acc[e] * alpha;
        for (long c = 0; c < n; c++) o += w[c] * m[c * row + e];
        acc[e] = o;
    }
}

/// y[0..<len] += a * x[0..<len].
INLINE void axpy(float *y, float a, const float *x, long len) {
    long e = 0;
    vf8 va = splat(a);
    for (; e + 8 <= len; e += 8) st(y + e, ld(y + e) + va * ld(x + e));
    for (; e < len; e++) y[e] += a * x[e];
}

/// Scales s[0..<BC] (scores of query i against keys j0..j0+n) and applies the mask;
/// columns past n become -inf.
INLINE void scale_and_mask(const ck_attention_head *h, long i, long j0, long n, float *s) {
    vf8 vs = splat(h->scale);
    for (int c = 0; c < BC; c += 8) st(s + c, ld(s + c) * vs);
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

/// Number of key columns a causal block may see: keys past the last query row are all masked.
INLINE long key_limit(const ck_attention_head *h, long last_row) {
    if (h->mask_kind != CK_ATTENTION_MASK_CAUSAL) return h->S;
    long limit = last_row + 1;
    return limit < h->S ? limit : h->S;
}

static float *aligned_floats(float *p) { return (float *)(((size_t)p + 63) & ~(size_t)63); }

long ck_attention_scratch_floats(long E, long Ev) {
    long width = E > Ev ? E : Ev;
    return 2 * width * BC + 2 * BC * width + 4 * BC + 4 * 16;
}

// MARK: forward

INLINE void forward_rows(const ck_attention_head *h, long r0, long r1, float *scratch) {
    const long E = h->E, Ev = h->Ev;
    float *kt = aligned_floats(scratch);                 // [E, BC]
    float *acc = aligned_floats(kt + E * BC);            // [BC, Ev] output accumulators
    float *s = aligned_floats(acc + BC * Ev);            // [BC] scores, then probabilities
    float *mx = aligned_floats(s + BC);                  // [BC] running max
    float *sum = aligned_floats(mx + BC);                // [BC] running sum
    long rows = r1 - r0;
    memset(acc, 0, sizeof(float) * rows * Ev);
    for (long r = 0; r < rows; r++) { mx[r] = -INFINITY; sum[r] = 0; }

    long limit = key_limit(h, r1 - 1);
    for (long j0 = 0; j0 < limit; j0 += BC) {
        long n = limit - j0 < BC ? limit - j0 : BC;
        transpose_block(h->k, h->k_row, j0, n, E, kt);
        const float *vblock = h->v + j0 * h->v_row;
        for (long r = 0; r < rows; r++) {
            long i = r0 + r;
            if (h->mask_kind == CK_ATTENTION_MASK_CAUSAL && j0 > i) continue;
            row_times_block(h->q + i * h->q_row, kt, E, s);
            scale_and_mask(h, i, j0, n, s);
            vf8 m8 = ld(s);
            for (int c = 8; c < BC; c += 8) m8 = vmax(m8, ld(s + c));
            float block_max = hmax(m8);
            float m_new = block_max > mx[r] ? block_max : mx[r];
            if (m_new == -INFINITY) continue;  // every key so far is masked
            float alpha = expf(mx[r] - m_new);
            vf8 vm = splat(m_new), total = splat(0);
            for (int c = 0; c < BC; c += 8) {
                vf8 p = vexp(ld(s + c) - vm);
                st(s + c, p);
                total += p;
            }
            sum[r] = sum[r] * alpha + hsum(total);
            mx[r] = m_new;
            weighted_rows(acc + r * Ev, alpha, s, vblock, h->v_row, n, Ev);
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

/// s = P[i, j0..j0+n) recomputed from q_i, the transposed key block and lse_i.
INLINE void probabilities(const ck_attention_head *h, long i, long j0, long n, const float *kt, float *s) {
    row_times_block(h->q + i * h->q_row, kt, h->E, s);
    scale_and_mask(h, i, j0, n, s);
    vf8 lse = splat(h->lse[i]);
    for (int c = 0; c < BC; c += 8) st(s + c, vexp(ld(s + c) - lse));
}

/// ds = P * (dP - delta_i) * scale, where dP = dout_i · v_j (vt is the transposed value block).
INLINE void score_gradients(const ck_attention_head *h, long i, const float *vt, const float *p,
                            float *dp) {
    row_times_block(h->dout + i * h->dout_row, vt, h->Ev, dp);
    vf8 delta = splat(h->delta[i]), scale = splat(h->scale);
    for (int c = 0; c < BC; c += 8) st(dp + c, ld(p + c) * (ld(dp + c) - delta) * scale);
}

INLINE void backward_kv(const ck_attention_head *h, long c0, long c1, float *scratch) {
    const long E = h->E, Ev = h->Ev, n = c1 - c0;
    float *kt = aligned_floats(scratch);          // [E, BC]
    float *vt = aligned_floats(kt + E * BC);      // [Ev, BC]
    float *dk = aligned_floats(vt + Ev * BC);     // [BC, E]
    float *dv = aligned_floats(dk + BC * E);      // [BC, Ev]
    float *p = aligned_floats(dv + BC * Ev);      // [BC]
    float *ds = aligned_floats(p + BC);           // [BC]
    transpose_block(h->k, h->k_row, c0, n, E, kt);
    transpose_block(h->v, h->v_row, c0, n, Ev, vt);
    memset(dk, 0, sizeof(float) * n * E);
    memset(dv, 0, sizeof(float) * n * Ev);
    long first_row = h->mask_kind == CK_ATTENTION_MASK_CAUSAL ? c0 : 0;
    for (long i = first_row; i < h->L; i++) {
        if (h->lse[i] == INFINITY) continue;  // fully masked row: no gradient
        probabilities(h, i, c0, n, kt, p);
        score_gradients(h, i, vt, p, ds);
        const float *dout = h->dout + i * h->dout_row, *q = h->q + i * h->q_row;
        for (long c = 0; c < n; c++) {
            if (p[c] == 0) continue;
            axpy(dv + c * Ev, p[c], dout, Ev);
            axpy(dk + c * E, ds[c], q, E);
        }
    }
    for (long c = 0; c < n; c++) {
        memcpy(h->dk + (c0 + c) * h->dk_row, dk + c * E, sizeof(float) * E);
        memcpy(h->dv + (c0 + c) * h->dv_row, dv + c * Ev, sizeof(float) * Ev);
    }
}

INLINE void backward_q(const ck_attention_head *h, long r0, long r1, float *scratch) {
    const long E = h->E, Ev = h->Ev, rows = r1 - r0;
    float *kt = aligned_floats(scratch);          // [E, BC]
    float *vt = aligned_floats(kt + E * BC);      // [Ev, BC]
    float *dq = aligned_floats(vt + Ev * BC);     // [BC, E]
    float *p = aligned_floats(dq + BC * E);       // [BC]
    float *ds = aligned_floats(p + BC);           // [BC]
    memset(dq, 0, sizeof(float) * rows * E);
    long limit = key_limit(h, r1 - 1);
    for (long j0 = 0; j0 < limit; j0 += BC) {
        long n = limit - j0 < BC ? limit - j0 : BC;
        transpose_block(h->k, h->k_row, j0, n, E, kt);
        transpose_block(h->v, h->v_row, j0, n, Ev, vt);
        for (long r = 0; r < rows; r++) {
            long i = r0 + r;
            if (h->lse[i] == INFINITY) continue;
            if (h->mask_kind == CK_ATTENTION_MASK_CAUSAL && j0 > i) continue;
            probabilities(h, i, j0, n, kt, p);
            score_gradients(h, i, vt, p, ds);
            weighted_rows(dq + r * E, 1, ds, h->k + j0 * h->k_row, h->k_row, n, E);
        }
    }
    for (long r = 0; r < rows; r++) memcpy(h->dq + (r0 + r) * h->dq_row, dq + r * E, sizeof(float) * E);
}

// MARK: naive row softmax

INLINE void softmax_row(const ck_attention_head *h, long i, float *row) {
    float tile[BC] __attribute__((aligned(32)));
    float m = -INFINITY;
    for (long j0 = 0; j0 < h->S; j0 += BC) {
        long n = h->S - j0 < BC ? h->S - j0 : BC;
        memcpy(tile, row + j0, sizeof(float) * n);
        for (long c = n; c < BC; c++) tile[c] = 0;
        scale_and_mask(h, i, j0, n, tile);
        memcpy(row + j0, tile, sizeof(float) * n);
        for (long c = 0; c < n; c++) m = tile[c] > m ? tile[c] : m;
    }
    if (m == -INFINITY) { memset(row, 0, sizeof(float) * h->S); return; }
    float total = 0;
    long j = 0;
    vf8 vm = splat(m), acc = splat(0);
    for (; j + 8 <= h->S; j += 8) {
        vf8 p = vexp(ld(row + j) - vm);
        st(row + j, p);
        acc += p;
    }
    total = hsum(acc);
    for (; j < h->S; j++) { row[j] = expf(row[j] - m); total += row[j]; }
    float inv = 1.0f / total;
    for (j = 0; j < h->S; j++) row[j] *= inv;
}

// MARK: entry points, one build per instruction set

#if defined(__x86_64__)
#define VARIANTS(name, params, args)                                                        \
    __attribute__((target("avx2,fma"))) static void name##_avx2 params { name args; }       \
    static void name##_base params { name args; }                                           \
    static int use_avx2_##name(void) {                                                      \
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");            \
    }
#define CALL(name, args) (use_avx2_##name() ? name##_avx2 args : name##_base args)
#else
#define VARIANTS(name, params, args) static void name##_base params { name args; }
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
