// torch.sqrt's float32 results, which are not IEEE square roots: PyTorch's CPU build sends
// float sqrt (and x ** 0.5) to MKL VML, whose kernel refines an rsqrtps estimate once.

import CKernels

/// The square root PyTorch's CPU `torch.sqrt`, `Tensor.sqrt`, `x ** 0.5` and Adam's
/// `exp_avg_sq.sqrt()` compute on float32, bit for bit (CKernels/vml_sqrt.c; checked against
/// torch 2.15's MKL on all 2^32 inputs). About 1 result in 6 is one ulp from `squareRoot()`.
/// rsqrt and `x ** -0.5` are `1 / squareRoot()` in PyTorch and do not use this.
public enum TorchSqrt {
    /// One element.
    @inline(__always)
    public static func sqrt(_ x: Float) -> Float { ck_vml_sqrtf(x) }

    /// `count` elements from `source` into `destination` (which may be `source`).
    public static func sqrt(_ source: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>, count: Int) {
        ck_vml_sqrt(source, destination, count)
    }
}
