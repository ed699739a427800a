// Exact row kernels (softmax, LayerNorm forward) in SIMD lanes: the same arithmetic as
// PyTorch's vectorised CPU kernels, float for float; see Sources/CKernels/exact_kernels.c.
#ifndef CK_EXACT_H
#define CK_EXACT_H

/// Softmax pieces over `rows` contiguous rows of `n` floats: per row the maximum `m`,
/// `y = exp(x - m)` (SLEEF's expf_u10) and the lane sum `s` of `y` in ATen's reduce_all
/// order over `lanes` (16 or 8) lanes. When `scale` is 1, `y *= 1 / s` (softmax);
/// otherwise `maxes[r] = m`, `sums[r] = s` are stored for log_softmax (either may be NULL
/// when `scale` is 1).
void ck_softmax_rows(const float *x, float *y, long rows, long n, int lanes, int scale,
                     float *maxes, float *sums);

/// ATen's LayerNorm forward for `rows` rows of `n` floats: RowwiseMoments (Welford in 8
/// lanes, chunks of 16 merged in a cascade), `rstd = 1 / sqrt(var + eps)`, then
/// `y = fma((x - mean) * rstd, gamma, beta)` (gamma, beta may be NULL). Means and rstds
/// are stored per row.
void ck_layer_norm_rows(const float *x, float *y, long rows, long n, const float *gamma,
                        const float *beta, float eps, float *means, float *rstds);

/// `F.gelu(x, approximate="tanh")` over one ATen loop call of `n` contiguous floats: the
/// first `n - n % step` through the vector formula (SLEEF tanhf_u10), the rest through the
/// scalar one (libm's tanhf). `step` is two of torch's vectors: 32 with AVX-512, else 16.
void ck_gelu_tanh_range(const float *x, float *y, long n, long step);

#endif
