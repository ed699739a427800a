// The float32 2-norm as PyTorch's CPU kernel computes it (torch.linalg.vector_norm, the
// per-gradient and total norms of clip_grad_norm_), so printed grad norms match to the digit.

extension Tensor {
    /// `torch.linalg.vector_norm(self)`: the 2-norm over all elements of a float32 tensor,
    /// summed in PyTorch's order (see `TorchVectorNorm`); a 0-d tensor.
    public func vectorNorm2() throws -> Tensor {
        guard dtype == .float32 else {
            throw TensorError.notImplemented("vector_norm: only float32 tensors are supported by the workbench")
        }
        let data = try contiguousData()
        return try Tensor(scalar: TorchVectorNorm.norm2(UnsafePointer(data.floatPointer), count: count))
    }
}

/// ATen's `norm_kernel_tensor_iterator_impl` fast path for p = 2 over a contiguous last dim,
/// as it runs on x86-64 (the AVX2 build of the kernel, also on AVX-512 CPUs; found by fitting
/// torch 2.15's results bit for bit for n = 1...40, 100, 257, 2080, 3072, 4096, 27168):
/// eight lanes each add their rounded squares, the lanes are added in order, then the tail:
/// groups of four rounded squares added one by one (the compiler squares them four at a
/// time), the last n % 4 as fused multiply-adds; `sqrtf` of the sum.
enum TorchVectorNorm {
    static func norm2(_ p: UnsafePointer<Float>, count n: Int) -> Float {
        var lanes = SIMD8<Float>(repeating: 0)
        var d = 0
        while d + 8 <= n {
            let v = UnsafeRawPointer(p + d).loadUnaligned(as: SIMD8<Float>.self)
            let squares = v * v
            lanes = lanes + squares
            d += 8
        }
        var total = lanes[0]
        for j in 1..<8 { total = total + lanes[j] }
        while d + 4 <= n {
            for j in 0..<4 {
                let square = p[d + j] * p[d + j]
                total = total + square
            }
            d += 4
        }
        while d < n {
            total = total.addingProduct(p[d], p[d])
            d += 1
        }
        return total.squareRoot()
    }
}
