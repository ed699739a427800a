// Random distributions on tensors: rand, randn, uniform_, normal_, bernoulli_, exponential_,
// drawing exactly as PyTorch's CPU kernels do. RNG_SPEC.md §3-§6; chapters 2-5 of the book.

import CKernels
import Foundation

extension Tensor {
    // MARK: factories

    /// `torch.rand(*shape)`: float32 uniform on [0, 1), one draw per element (§3).
    public static func rand(_ shape: [Int], generator: Generator = .default) throws -> Tensor {
        let out = try Tensor(zeros: shape, dtype: .float32)
        generator.fillUniformFloats(out.floatPointer, count: out.count)
        return out
    }

    /// `torch.randn(*shape)`: float32 standard normal (§4a for 16+ elements, else §4b).
    public static func randn(_ shape: [Int], generator: Generator = .default) throws -> Tensor {
        let out = try Tensor(zeros: shape, dtype: .float32)
        try out.normal_(mean: 0, std: 1, generator: generator)
        return out
    }

    /// `torch.rand_like(x)`: `empty_like(x).uniform_()`. The result keeps a dense layout of
    /// `x` (a transposed `x` gives a transposed result, filled in memory order).
    public static func randLike(_ x: Tensor, generator: Generator = .default) throws -> Tensor {
        let out = try x.emptyLike()
        try out.uniform_(generator: generator)
        return out
    }

    /// `torch.randn_like(x)`: `empty_like(x).normal_()`. A non-contiguous result (from a
    /// transposed `x`) takes the per-element double path of §4b, as in PyTorch.
    public static func randnLike(_ x: Tensor, generator: Generator = .default) throws -> Tensor {
        let out = try x.emptyLike()
        try out.normal_(generator: generator)
        return out
    }

    // MARK: in-place distributions

    /// `tensor.uniform_(from, to)` on float32, one U24 draw per element in memory order:
    ///
    ///     from32 = f32(from), to32 = f32(to), range = f32(to32 - from32)
    ///     out = fma(U24(), range, from32)          (the AVX2/AVX512 kernels' contraction)
    ///     if out == to32 { out = from32 }
    @discardableResult
    public func uniform_(from: Double = 0, to: Double = 1, generator: Generator = .default) throws -> Tensor {
        try requireFloat("check_uniform_bounds")
        guard from <= to else {
            throw TensorError.runtime(
                "uniform_ expects to return a [from, to) range, but found from=\(cFormat(from)) > to=\(cFormat(to))")
        }
        guard to - from <= Double(Float.greatestFiniteMagnitude) else {
            throw TensorError.runtime(
                "uniform_ expects to-from <= std::numeric_limits<float>::max(), but found to=\(cFormat(to)) "
                + "and from=\(cFormat(from)) which result in to-from to exceed the limit")
        }
        let from32 = Float(from), to32 = Float(to)
        let range = to32 - from32
        // A value that rounds up to `to` is replaced by `from`, keeping the range half-open
        // (torch 2.15 does this; RNG_SPEC.md §3 omits it: it shows only when range is a few ulp).
        @inline(__always) func scaled(_ x: Float) -> Float {
            let value = from32.addingProduct(x, range)
            return value == to32 ? from32 : value
        }
        let p = floatPointer
        let n = count
        if let offsets = iterationOffsets() {
            generator.withWords(n) { words in
                for o in offsets { p[o] = scaled(words.uniformFloat()) }
            }
        } else if RandomKernels.useAVX2 && RandomKernels.avx2Available && n > 0 {
            // Raw words into the tensor, then the vector transform in place.
            p.withMemoryRebound(to: UInt32.self, capacity: n) { generator.fillWords($0, count: n) }
            ck_uniform_fma_avx2(p, n, from32, range, to32)
        } else {
            generator.fillUniformFloats(p, count: n)
            if from32 != 0 || range != 1 {
                for i in 0..<n { p[i] = scaled(p[i]) }
            }
        }
        return self
    }

    /// `tensor.normal_(mean, std)` on float32.
    ///
    /// Contiguous with 16+ elements: `normal_fill` (§4a, float Box–Muller in blocks of 16,
    /// `fma(z, f32(std), f32(mean))`). Otherwise one cached double Box–Muller value per
    /// element in memory order (§4b): `out = f32(z * std + mean)`.
    @discardableResult
    public func normal_(mean: Double = 0, std: Double = 1, generator: Generator = .default) throws -> Tensor {
        try requireFloat("normal_kernel_cpu")
        guard std >= 0 else {
            throw TensorError.runtime("normal expects std >= 0.0, but found std \(cFormat(std))")
        }
        let n = count
        let p = floatPointer
        if n >= 16 && isContiguous {
            NormalKernel.fill(p, count: n, mean: Float(mean), std: Float(std), generator: generator)
        } else if let offsets = iterationOffsets() {
            for o in offsets { p[o] = Float(generator.standardNormalDouble() * std + mean) }
        } else {
            for i in 0..<n { p[i] = Float(generator.standardNormalDouble() * std + mean) }
        }
        return self
    }

    /// `tensor.bernoulli_(p)` with a scalar p, any dtype: `out = U53() < p ? 1 : 0`
    /// (two draws per element, memory order; §5).
    @discardableResult
    public func bernoulli_(_ p: Double = 0.5, generator: Generator = .default) throws -> Tensor {
        guard p >= 0 && p <= 1 else {
            throw TensorError.runtime("bernoulli_ expects p to be in [0, 1], but got p=\(cFormat(p))")
        }
        let offsets = iterationOffsets()
        let n = count
        generator.withWords(2 * n) { words in
            @inline(__always) func position(_ i: Int) -> Int { offsets?[i] ?? i }
            switch dtype {
            case .float32:
                let d = floatPointer
                for i in 0..<n { d[position(i)] = words.uniformDouble() < p ? 1 : 0 }
            case .int64:
                let d = int64Pointer
                for i in 0..<n { d[position(i)] = words.uniformDouble() < p ? 1 : 0 }
            case .bool:
                let d = boolPointer
                for i in 0..<n { d[position(i)] = words.uniformDouble() < p ? 1 : 0 }
            case .float64:
                let d = doublePointer
                for i in 0..<n { d[position(i)] = words.uniformDouble() < p ? 1 : 0 }
            }
        }
        return self
    }

    /// `torch.bernoulli(probs)`: float32 0/1 with per-element probabilities,
    /// `out = U24() < p ? 1 : 0`: one draw per element, row-major (the result is
    /// contiguous whatever the layout of `probs`).
    public static func bernoulli(_ probs: Tensor, generator: Generator = .default) throws -> Tensor {
        try probs.requireFloat("bernoulli_tensor_cpu_p_")
        let pOffsets = probs.elementOffsets()
        let p = probs.floatPointer
        for o in pOffsets where !(p[o] >= 0 && p[o] <= 1) {
            throw TensorError.runtime(
                "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be "
                + "improved?  If so, please report an enhancement request to PyTorch.)")
        }
        let out = try Tensor(zeros: probs.shape, dtype: .float32)   // always contiguous
        let d = out.floatPointer
        generator.withWords(pOffsets.count) { words in
            for (i, o) in pOffsets.enumerated() { d[i] = words.uniformFloat() < p[o] ? 1 : 0 }
        }
        return out
    }

    /// `tensor.exponential_(lambd)` on float32: `f32((-1/λ) · log1p(-U53()))` in double,
    /// two draws per element in memory order (§6).
    @discardableResult
    public func exponential_(_ lambd: Double = 1, generator: Generator = .default) throws -> Tensor {
        try requireFloat("exponential_cpu")
        guard lambd > 0 else {
            throw TensorError.runtime("exponential_ expects lambda > 0.0, but found lambda=\(cFormat(lambd))")
        }
        let scale = -1.0 / lambd
        let p = floatPointer
        let offsets = iterationOffsets()
        let n = count
        generator.withWords(2 * n) { words in
            if let offsets {
                for o in offsets { p[o] = Float(scale * Foundation.log1p(-words.uniformDouble())) }
            } else {
                for i in 0..<n { p[i] = Float(scale * Foundation.log1p(-words.uniformDouble())) }
            }
        }
        return self
    }

    // MARK: helpers

    /// Throws PyTorch's NotImplementedError text for a float-only kernel on another dtype.
    func requireFloat(_ kernel: String) throws {
        guard dtype == .float32 else {
            throw TensorError.runtime("\"\(kernel)\" not implemented for '\(dtype.scalarTypeName)'")
        }
    }

    /// Storage offsets (from `offset`) in the order PyTorch's TensorIterator visits a single
    /// output, or nil when that is plain linear order (contiguous tensors).
    ///
    /// TensorIterator sorts dimensions by stride (insertion sort, fastest last here; equal
    /// strides put the smaller size inside), so a transposed tensor is filled in memory
    /// order, not in logical row-major order.
    func iterationOffsets() -> [Int]? {
        if isContiguous { return nil }
        // perm[k] = the dimension visited k-th from the innermost; start with the last dim.
        var perm = Array((0..<rank).reversed())
        func shouldSwap(_ dim0: Int, _ dim1: Int) -> Int {
            let s0 = strides[dim0], s1 = strides[dim1]
            if s0 == 0 || s1 == 0 { return 0 }
            if s0 < s1 { return -1 }
            if s0 > s1 { return 1 }
            return shape[dim0] > shape[dim1] ? 1 : 0
        }
        if rank > 1 {
            for i in 1..<rank {
                var dim1 = i
                var dim0 = i - 1
                while dim0 >= 0 {
                    let comparison = shouldSwap(perm[dim0], perm[dim1])
                    if comparison > 0 {
                        perm.swapAt(dim0, dim1)
                        dim1 = dim0
                    } else if comparison < 0 {
                        break
                    }
                    dim0 -= 1
                }
            }
        }
        // Outermost first.
        let order = Array(perm.reversed())
        let view = makeView(shape: order.map { shape[$0] }, strides: order.map { strides[$0] }, offset: offset)
        return view.elementOffsets()
    }
}

extension DType {
    /// The C++ scalar type name PyTorch puts in kernel errors ('Float', 'Long', 'Bool').
    var scalarTypeName: String {
        switch self {
        case .bool: return "Bool"
        case .int64: return "Long"
        case .float32: return "Float"
        case .float64: return "Double"
        }
    }
}

/// A double as C++ `ostream <<` prints it in PyTorch's messages (6 significant digits, %g).
func cFormat(_ value: Double) -> String {
    String(format: "%g", value)
}
