// PyTorch's CPU flash attention (ATen cpu_flash_attention / cpu_flash_attention_backward,
// float32) step for step, so F.scaled_dot_product_attention matches torch bit for bit.
//
// Same blocking (q split 32/64/256 by length, kv split 512), the GEMMs through ck_sgemm
// (which sums as MKL does), at::vec's exp_u20 and Sleef expf_u10, and its lane-wise sums
// (16 lanes where torch runs its AVX-512 kernels, 8 otherwise).
#include "sleef_scalar.h"
#include "CKernels.h"
#include <math.h>
#include <string.h>

#pragma clang fp contract(off)

#define INLINE static inline __attribute__((always_inline))

INLINE float bits_float(unsigned u) { float f; memcpy(&f, &u, 4); return f; }

/// at::vec's Vectorized<float>::exp_u20 (AVX-512 and AVX2 alike), one lane.
INLINE float exp_u20(float x) {
    const float ln_min = bits_float(0xc2aeac50u), ln_max = bits_float(0x42b17218u);
    int less = x < ln_min;
    float src = x < ln_max ? x : ln_max;        // _mm512_min_ps(x, max)
    src = src > ln_min ? src : ln_min;          // _mm512_max_ps(src, min)
    float fx = __builtin_fmaf(src, bits_float(0x3fb8aa3bu), 0.5f);
    fx = (float)(int)__builtin_floorf(fx);
    float r = __builtin_fmaf(-fx, bits_float(0x3f317218u), src);
    float p = __builtin_fmaf(r, 0.00828929059f, 0.0418978221f);
    p = __builtin_fmaf(r, p, 0.166676521f);
    p = __builtin_fmaf(r, p, 0.499991506f);
    p = __builtin_fmaf(r, p, 0.999999701f);
    p = __builtin_fmaf(r, p, 1.0f);
    int e = (int)(fx - 1.0f);
    unsigned two_bits = (unsigned)(e + 127) << 23;
    float two = less ? 0.0f : bits_float(two_bits);
    return p * two * 2.0f;
}


/// vec_reduce_all with + over `lanes` partial sums: halves folded (i ^ lanes/2, ..., i ^ 1).
INLINE float fold_lanes(float *acc, int lanes) {
    for (int step = lanes / 2; step >= 1; step /= 2)
        for (int i = 0; i < step; i++) acc[i] = acc[i] + acc[i + step];
    return acc[0];
}

/// vec::map2_reduce_all(x * y, +) over n floats.
INLINE float dot_rows(const float *x, const float *y, long n, int lanes) {
    if (n < lanes) {
        float s = x[0] * y[0];
        for (long i = 1; i < n; i++) { float p = x[i] * y[i]; s = s + p; }
        return s;
    }
    float acc[16];
    for (int l = 0; l < lanes; l++) acc[l] = x[l] * y[l];
    long d = lanes;
    for (; d + lanes <= n; d += lanes)
        for (int l = 0; l < lanes; l++) acc[l] = acc[l] + x[d + l] * y[d + l];
    for (long l = 0; d + l < n; l++) acc[l] = acc[l] + x[d + l] * y[d + l];
    return fold_lanes(acc, lanes);
}

/// The mask value added to query row i, key column j (bool: 0 or -inf).
INLINE float mask_at(const ck_attention_head *h, long i, long j) {
    if (h->mask_kind == CK_ATTENTION_MASK_BOOL) {
        const unsigned char *m = (const unsigned char *)h->mask;
        return m[i * h->mask_row + j * h->mask_col] ? 0.0f : -INFINITY;
    }
    return ((const float *)h->mask)[i * h->mask_row + j * h->mask_col];
}

INLINE int has_mask(const ck_attention_head *h) {
    return h->mask_kind == CK_ATTENTION_MASK_BOOL || h->mask_kind == CK_ATTENTION_MASK_ADDITIVE;
}


INLINE float fold16(float *lanes) {
    for (int half = 8; half >= 1; half /= 2)
        for (int l = 0; l < half; l++) lanes[l] = lanes[l] + lanes[l + half];
    return lanes[0];
}

/// The rows MKL's small-size kernels sum without FMA: c = beta * c, then c += (alpha * a) * b
/// one rounded product at a time, in k order.
static void unfused_rows(int tA, int tB, long m, long n, long k, float alpha, const float *a, long lda,
                         const float *b, long ldb, float beta, float *c, long ldc) {
    for (long i = 0; i < m; i++)
        for (long j = 0; j < n; j++) {
            float s = beta == 0 ? 0.0f : beta == 1 ? c[i * ldc + j] : beta * c[i * ldc + j];
            for (long p = 0; p < k; p++) {
                float x = tA ? a[p * lda + i] : a[i * lda + p];
                float y = tB ? b[j * ldb + p] : b[p * ldb + j];
                if (alpha != 1.0f) x = x * alpha;
                float product = x * y;
                s = s + product;
            }
            c[i * ldc + j] = s;
        }
}

/// MKL's sgemm as PyTorch calls it on this machine (AVX-512, checked against torch 2.15 by
/// probing torch.mm / addmm): alpha scales op(B) (row-major terms: the right operand)
/// before the products; k is cut into blocks of k (k <= 192), k / 2 (k <= 384) or 192, each
/// block summed with one FMA per step from zero (ck_sgemm), the blocks' sums added to
/// beta * C in order. Some small shapes take unfused_rows instead (C = A B and Aᵀ B: all rows
/// for m <= 3 or n in {2, 3, 4, 8}; the last m % 4 for 4 < m < 12 when n >= 20). Other small
/// shapes (n < 12, or m < 4 with C = A Bᵀ) sum in ways not found here. `scaled` holds
/// k * n floats when alpha != 1.
static void mkl_gemm(int tA, int tB, long m, long n, long k, float alpha, const float *a, long lda,
                     const float *b, long ldb, float beta, float *c, long ldc, float *scaled) {
    int smallDot = tB && ((k <= 8 && (m == 1 || n < 12)) || (k <= 17 && (n == 2 || n == 3)));
    if (smallDot) {
        // C = A Bᵀ, small: 16-lane dot products (lane p % 16, one FMA each, lanes folded in
        // halves) for whole groups of 4 columns when k <= 4, for all when k > 4;
        // the other columns, and a single row (k <= 8), unfused.
        long dotCols = m == 1 && k <= 8 ? 0 : k > 4 ? n : n / 4 * 4;
        for (long i = 0; i < m; i++)
            for (long j = 0; j < dotCols; j++) {
                float lanes[16];
                for (int l = 0; l < 16; l++) lanes[l] = 0.0f;
                for (long p = 0; p < k; p++) {
                    float x = tA ? a[p * lda + i] : a[i * lda + p];
                    if (alpha != 1.0f) x = x * alpha;
                    lanes[p % 16] = __builtin_fmaf(x, b[j * ldb + p], lanes[p % 16]);
                }
                float s = fold16(lanes);
                c[i * ldc + j] = beta == 0 ? s : s + beta * c[i * ldc + j];
            }
        if (dotCols < n)
            unfused_rows(tA, tB, m, n - dotCols, k, alpha, a, lda, b + dotCols * ldb, ldb, beta, c + dotCols, ldc);
        return;
    }
    long fusedRows = m;
    if (!tB) {
        if (m <= 3 || n == 2 || n == 3 || n == 4 || n == 8) fusedRows = 0;
        else if (n >= 20 && m < 12) fusedRows = m / 4 * 4;
    }
    if (fusedRows < m)
        unfused_rows(tA, tB, m - fusedRows, n, k, alpha, tA ? a + fusedRows : a + fusedRows * lda, lda,
                     b, ldb, beta, c + fusedRows * ldc, ldc);
    if (fusedRows == 0) return;
    if (alpha != 1.0f) {
        if (tB) {
            for (long j = 0; j < n; j++)
                for (long p = 0; p < k; p++) scaled[j * k + p] = b[j * ldb + p] * alpha;
            ldb = k;
        } else {
            for (long p = 0; p < k; p++)
                for (long j = 0; j < n; j++) scaled[p * n + j] = b[p * ldb + j] * alpha;
            ldb = n;
        }
        b = scaled;
    }
    if (k <= 0) { ck_sgemm(0, tA, tB, fusedRows, n, k, 1.0f, a, lda, b, ldb, beta, c, ldc); return; }
    long kc = k <= 192 ? k : k <= 384 ? k / 2 : 192;
    for (long p = 0; p < k; p += kc) {
        long len = k - p < kc ? k - p : kc;
        ck_sgemm(0, tA, tB, fusedRows, n, len, 1.0f, tA ? a + p * lda : a + p, lda,
                 tB ? b + p : b + p * ldb, ldb, p == 0 ? beta : 1.0f, c, ldc);
    }
}

long ck_torch_attention_q_split(long L) { return L >= 768 ? 256 : L >= 192 ? 64 : 32; }

long ck_torch_attention_buffer_floats(long L, long S, long E, long Ev, int backward) {
    long q = ck_torch_attention_q_split(L), kv = S < 512 ? S : 512;
    if (q > L) q = L;
    if (!backward) return q * kv + 2 * q + q * Ev;  // qk, max, sum, dst
    long scaled = (q > kv ? q : kv) * (E > Ev ? E : Ev);  // an operand scaled by alpha
    return 2 * q * kv + q + scaled;  // attn, grad_attn, dsum, scaled
}

/// Floats per at::vec vector in torch's kernels on this CPU: 16 under its AVX-512 capability.
static int lanes_of(const ck_attention_head *h) {
    (void)h;
#if defined(__x86_64__)
    if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw")
        && __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq")) return 16;
#endif
    return 8;
}

/// cpu_flash_attention for query rows [m, m + qSplit) of one head.
#define BODY_FORWARD                                                                            \
    const long L = h->L, S = h->S, E = h->E, Ev = h->Ev;                                        \
    const int lanes = lanes_of(h), causal = h->mask_kind == CK_ATTENTION_MASK_CAUSAL;           \
    long qSplit = ck_torch_attention_q_split(L); if (qSplit > L) qSplit = L;                    \
    const long kvSplit = S < 512 ? S : 512;                                                     \
    const long qBlock = qSplit < L - m ? qSplit : L - m;                                        \
    float *qk = buf, *qmax = qk + qSplit * kvSplit, *qsum = qmax + qSplit, *dst = qsum + qSplit; \
    float *scaled = NULL;  /* the forward's GEMMs have alpha 1 */                              \
    for (long r = 0; r < qBlock; r++) { qmax[r] = -INFINITY; qsum[r] = 0; }                     \
    long numKeys = causal ? (m + qBlock < S ? m + qBlock : S) : S;                              \
    for (long n = 0; n < numKeys; n += kvSplit) {                                               \
        long kvBlock = kvSplit < S - n ? kvSplit : S - n;                                       \
        mkl_gemm(0, 1, qBlock, kvBlock, E, 1.0f, h->q + m * h->q_row, h->q_row,              \
                 h->k + n * h->k_row, h->k_row, 0.0f, qk, kvBlock, scaled);                             \
        if (causal && numKeys - n <= kvSplit)                                                   \
            for (long r = 0; r < qBlock; r++)                                                   \
                for (long c = m + r - n + 1; c < kvBlock; c++) qk[r * kvBlock + c] = -INFINITY;  \
        if (has_mask(h))                                                                        \
            for (long r = 0; r < qBlock; r++)                                                   \
                for (long c = 0; c < kvBlock; c++)                                              \
                    qk[r * kvBlock + c] = __builtin_fmaf(qk[r * kvBlock + c], h->scale, mask_at(h, m + r, n + c)); \
                    /* fused in torch */ \
        for (long r = 0; r < qBlock; r++) {                                                     \
            float *x = qk + r * kvBlock;                                                        \
            float tmax = -INFINITY;                                                             \
            if (has_mask(h)) {                                                                  \
                for (long c = 0; c < kvBlock; c++) tmax = x[c] > tmax ? x[c] : tmax;            \
            } else {                                                                            \
                for (long c = 0; c < kvBlock; c++) {                                            \
                    x[c] = x[c] * h->scale;                                                     \
                    tmax = x[c] > tmax ? x[c] : tmax;                                           \
                }                                                                               \
            }                                                                                   \
            tmax = qmax[r] > tmax ? qmax[r] : tmax;                                             \
            if (tmax == -INFINITY) {                                                            \
                memset(x, 0, sizeof(float) * kvBlock);                                          \
                continue;                                                                       \
            }                                                                                   \
            long full = kvBlock / lanes * lanes;                                                \
            float acc[16] = {0};                                                                \
            for (long c0 = 0; c0 < full; c0 += lanes)                                           \
                for (int l = 0; l < lanes; l++) {                                               \
                    float e = exp_u20(x[c0 + l] - tmax);                                        \
                    x[c0 + l] = e;                                                              \
                    acc[l] = acc[l] + e;                                                        \
                }                                                                               \
            float tsum = fold_lanes(acc, lanes);                                                \
            for (long c = full; c < kvBlock; c++) {                                             \
                float e = (float)exp((double)(x[c] - tmax));  /* torch's unqualified exp(): double */                                                    \
                x[c] = e;                                                                       \
                tsum = tsum + e;                                                                \
            }                                                                                   \
            float expTmp = expf(qmax[r] - tmax);                                                \
            qsum[r] = __builtin_fmaf(expTmp, qsum[r], tsum);  /* GCC fuses this in torch */                                    \
            qmax[r] = tmax;                                                                     \
            if (n > 0)                                                                          \
                for (long e = 0; e < Ev; e++) dst[r * Ev + e] = dst[r * Ev + e] * expTmp;       \
        }                                                                                       \
        mkl_gemm(0, 0, qBlock, Ev, kvBlock, 1.0f, qk, kvBlock, h->v + n * h->v_row, h->v_row, \
                 n == 0 ? 0.0f : 1.0f, dst, Ev, scaled);                                                \
    }                                                                                           \
    for (long r = 0; r < qBlock; r++) {                                                         \
        if (qmax[r] == -INFINITY) qmax[r] = 0;                                                  \
        if (qsum[r] == 0) qsum[r] = 1;                                                          \
        float recip = 1.0f / qsum[r];                                                           \
        float *o = h->out + (m + r) * h->out_row;                                               \
        for (long e = 0; e < Ev; e++) o[e] = dst[r * Ev + e] * recip;                           \
        h->lse[m + r] = qmax[r] + logf(qsum[r]);                                                \
    }

/// cpu_flash_attention_backward for one head: dq, dk, dv accumulate (start them at zero).
#define BODY_BACKWARD                                                                           \
    const long L = h->L, S = h->S, E = h->E, Ev = h->Ev;                                        \
    const int lanes = lanes_of(h), causal = h->mask_kind == CK_ATTENTION_MASK_CAUSAL;           \
    long qSplit = ck_torch_attention_q_split(L); if (qSplit > L) qSplit = L;                    \
    const long kvSplit = S < 512 ? S : 512;                                                     \
    float *attn = buf, *gattn = attn + qSplit * kvSplit, *dsum = gattn + qSplit * kvSplit;      \
    float *scaled = dsum + qSplit; \
    for (long m = 0; m < L; m += qSplit) {                                                      \
        long qBlock = qSplit < L - m ? qSplit : L - m;                                          \
        for (long r = 0; r < qBlock; r++)                                                       \
            dsum[r] = dot_rows(h->dout + (m + r) * h->dout_row, h->out + (m + r) * h->out_row, Ev, lanes); \
        long numKeys = causal ? (m + qBlock < S ? m + qBlock : S) : S;                          \
        for (long n = 0; n < numKeys; n += kvSplit) {                                           \
            long kvBlock = kvSplit < S - n ? kvSplit : S - n;                                   \
            mkl_gemm(0, 1, qBlock, kvBlock, E, h->scale, h->q + m * h->q_row, h->q_row,      \
                     h->k + n * h->k_row, h->k_row, 0.0f, attn, kvBlock, scaled);                       \
            if (has_mask(h))                                                                    \
                for (long r = 0; r < qBlock; r++)                                               \
                    for (long c = 0; c < kvBlock; c++)                                          \
                        attn[r * kvBlock + c] = attn[r * kvBlock + c] + mask_at(h, m + r, n + c); \
            for (long r = 0; r < qBlock; r++) {                                                 \
                float lse = h->lse[m + r], *x = attn + r * kvBlock;                             \
                for (long c = 0; c < kvBlock; c++) x[c] = ck_sleef_expf(x[c] - lse);                \
            }                                                                                   \
            if (causal && numKeys - n <= kvSplit)                                               \
                for (long r = 0; r < qBlock; r++)                                               \
                    for (long c = m + r - n + 1; c < kvBlock; c++) attn[r * kvBlock + c] = 0;    \
            mkl_gemm(1, 0, kvBlock, Ev, qBlock, 1.0f, attn, kvBlock,                         \
                     h->dout + m * h->dout_row, h->dout_row, 1.0f, h->dv + n * h->dv_row, h->dv_row, scaled); \
            mkl_gemm(0, 1, qBlock, kvBlock, Ev, 1.0f, h->dout + m * h->dout_row, h->dout_row, \
                     h->v + n * h->v_row, h->v_row, 0.0f, gattn, kvBlock, scaled);                      \
            for (long r = 0; r < qBlock; r++) {                                                 \
                float d = dsum[r];                                                              \
                for (long c = 0; c < kvBlock; c++)                                              \
                    gattn[r * kvBlock + c] = attn[r * kvBlock + c] * (gattn[r * kvBlock + c] - d); \
            }                                                                                   \
            mkl_gemm(0, 0, qBlock, E, kvBlock, h->scale, gattn, kvBlock,                     \
                     h->k + n * h->k_row, h->k_row, 1.0f, h->dq + m * h->dq_row, h->dq_row, scaled);    \
            mkl_gemm(1, 0, kvBlock, E, qBlock, h->scale, gattn, kvBlock,                     \
                     h->q + m * h->q_row, h->q_row, 1.0f, h->dk + n * h->dk_row, h->dk_row, scaled);    \
        }                                                                                       \
    }

#if defined(__x86_64__)
__attribute__((target("avx512f,fma"))) static void forward_fma(const ck_attention_head *h, long m, float *buf) { BODY_FORWARD }
__attribute__((target("avx512f,fma"))) static void backward_fma(const ck_attention_head *h, float *buf) { BODY_BACKWARD }
#endif
static void forward_base(const ck_attention_head *h, long m, float *buf) { BODY_FORWARD }
static void backward_base(const ck_attention_head *h, float *buf) { BODY_BACKWARD }

static int use_fma(void) {
#if defined(__x86_64__)
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("fma");
#else
    return 0;
#endif
}

void ck_torch_attention_forward(const ck_attention_head *h, long m, float *buf) {
#if defined(__x86_64__)
    if (use_fma()) { forward_fma(h, m, buf); return; }
#endif
    forward_base(h, m, buf);
}

void ck_torch_attention_backward(const ck_attention_head *h, float *buf) {
#if defined(__x86_64__)
    if (use_fma()) { backward_fma(h, buf); return; }
#endif
    backward_base(h, buf);
}
