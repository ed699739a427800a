// C entry point of torch.sqrt's float kernel (MKL VML vsSqrt as this CPU runs it); see vml_sqrt.c.
#ifndef CK_VML_H
#define CK_VML_H

/// `y[i] = sqrt(x[i])` for `count` floats, as PyTorch's CPU `torch.sqrt` computes it: MKL's
/// `vmsSqrt` path that MKL picks on this machine (rsqrtps estimate, then one coupled
/// Newton-Raphson step in plain float multiplies and adds). Not correctly rounded: about 1 in 6
/// results differ from IEEE sqrt by one ulp, exactly where torch's do. Zero, negative,
/// subnormal, infinite, NaN and the largest inputs take IEEE `sqrtf`, as MKL's rare path does.
/// `x` and `y` may be the same buffer. Without SSE (not x86-64) every element is `sqrtf`.
void ck_vml_sqrt(const float *x, float *y, long count);

/// One element of `ck_vml_sqrt`.
float ck_vml_sqrtf(float x);

#endif
