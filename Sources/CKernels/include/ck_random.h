// C entry points of the random-number kernels (Sources/Tensor/Random, RNG_SPEC.md §4a).
#ifndef CK_RANDOM_H
#define CK_RANDOM_H

/// 1 when this CPU runs `ck_normal_fill16_avx2` (x86-64 with AVX2 and FMA), else 0.
int ck_normal_fill16_avx2_available(void);

/// PyTorch's `normal_fill_16_AVX2` on `blocks` consecutive blocks of 16 floats, in place:
/// each block holds U24 uniforms and becomes 16 normals `fma(r*cos, std, mean)` /
/// `fma(r*sin, std, mean)`, bit for bit as torch's AVX2/AVX512 builds compute them.
/// Call only when `ck_normal_fill16_avx2_available()` returned 1.
void ck_normal_fill16_avx2(float *data, long blocks, float mean, float std);

/// `uniform_(from, to)` on `count` floats that hold raw engine words (u32 bit patterns):
/// `v = fma((w & 0xFFFFFF) * 2^-24, range, from)`, then `v == to ? from : v`, in place.
/// Same availability as `ck_normal_fill16_avx2` (AVX2 + FMA).
void ck_uniform_fma_avx2(float *data, long count, float from, float range, float to);

#endif
