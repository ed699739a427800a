// The fused attention kernel against the naive one (lesson 08): random inputs, odd sizes,
// n not a multiple of the 64-row block, causal and masked, forward and backward, lesson 08's
// shapes and KV-cache steps on head views, and gradients against finite differences.
import Testing
import Tensor

/// Deterministic uniform values in [-2, 2) (a small LCG; tests never need torch's RNG here).
private struct AttentionTestNumbers {
    var state: UInt64
    mutating func next() -> Float {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(state >> 40) / Float(1 << 24) * 4 - 2
    }
    mutating func tensor(_ shape: [Int]) throws -> Tensor {
        try Tensor(floats: (0..<shape.reduce(1, *)).map { _ in next() }, shape: shape)
    }
}

struct AttentionKernelCase: CustomStringConvertible, Sendable {
    enum Mask: String, Sendable { case none, causal, bool, float }
    let queries: Int
    let keys: Int
    let headDim: Int
    let mask: Mask
    var description: String { "L=\(queries) S=\(keys) E=\(headDim) mask=\(mask.rawValue)" }
}

private let kernelCases: [AttentionKernelCase] = {
    var cases: [AttentionKernelCase] = []
    for n in [1, 7, 33, 65, 130] {
        for e in [1, 8, 64] {
            for m in [AttentionKernelCase.Mask.none, .causal, .bool, .float] {
                cases.append(AttentionKernelCase(queries: n, keys: n, headDim: e, mask: m))
            }
        }
    }
    for (l, s) in [(5, 70), (70, 5), (64, 128), (129, 63), (300, 300), (520, 70), (70, 520)] {
        for m in [AttentionKernelCase.Mask.causal, .bool] {
            cases.append(AttentionKernelCase(queries: l, keys: s, headDim: 8, mask: m))
        }
    }
    return cases
}()

/// Runs the naive kernel, then the fused one on every instruction set this CPU has, on the
/// same inputs; returns (output, dq, dk, dv) per run.
private func runBoth(_ c: AttentionKernelCase, seed: UInt64) throws -> [[Tensor]] {
    var numbers = AttentionTestNumbers(state: seed)
    let (b, h) = (1, 2)
    let q = try numbers.tensor([b, h, c.queries, c.headDim])
    let k = try numbers.tensor([b, h, c.keys, c.headDim])
    let v = try numbers.tensor([b, h, c.keys, c.headDim])
    let gradOut = try numbers.tensor([b, h, c.queries, c.headDim])
    var mask: Tensor?
    switch c.mask {
    case .none, .causal: mask = nil
    case .bool:
        // About one pair in four left out; query row 0 fully masked when there are 2+ rows.
        let values = (0..<(c.queries * c.keys)).map { i in (i / c.keys == 0 && c.queries > 1) ? false : numbers.next() > -1 }
        mask = try Tensor(bools: values, shape: [c.queries, c.keys])
    case .float:
        let values = (0..<(c.queries * c.keys)).map { _ -> Float in
            let x = numbers.next()
            return x < -1.5 ? -Float.infinity : x
        }
        mask = try Tensor(floats: values, shape: [c.queries, c.keys])
    }
    var results: [[Tensor]] = []
    let runs = [(AttentionBackend.math, AttentionKernel.automatic)]
        + AttentionKernel.available.map { (AttentionBackend.flash, $0) }
    for (backend, kernel) in runs {
        let (qq, kk, vv) = (q.detach(), k.detach(), v.detach())
        for t in [qq, kk, vv] { try t.setRequiresGrad(true) }
        let out = try Tensor.scaledDotProductAttention(
            query: qq, key: kk, value: vv, attnMask: mask, isCausal: c.mask == .causal, backend: backend,
            kernel: kernel)
        try out.backward(gradient: gradOut)
        results.append([out, qq.grad ?? out, kk.grad ?? out, vv.grad ?? out])
    }
    return results
}

/// All attention tests run one at a time: autograd's grad mode is process-wide, and another
/// test's backward (which turns it off while it runs) must not overlap ours.
@Suite(.serialized) enum AttentionTests {}

extension AttentionTests {
@Suite struct Kernel {
    @Test(arguments: kernelCases)
    func fusedMatchesNaive(_ c: AttentionKernelCase) throws {
        let results = try runBoth(c, seed: UInt64(c.queries * 1000 + c.keys * 10 + c.headDim))
        let naive = results[0]
        #expect(results.count == 1 + AttentionKernel.available.count)
        for (fused, kernel) in zip(results.dropFirst(), AttentionKernel.available) {
            for (i, what) in ["output", "dq", "dk", "dv"].enumerated() {
                expectAttentionClose(fused[i], naive[i].floatValues(), shape: naive[i].shape,
                                     rtol: 1e-3, atol: 1e-4, "\(c) \(kernel) \(what)")
            }
        }
    }

    /// Lesson 08's shapes, forward only: one causal head of dim 64, n past several query
    /// blocks (256) and not a multiple of the 64-key block, so many threads share the work.
    @Test(arguments: [777, 1000])
    func lessonSizedCausalHeadMatchesNaive(_ n: Int) throws {
        var numbers = AttentionTestNumbers(state: UInt64(n))
        let (q, k, v) = (try numbers.tensor([1, 1, n, 64]), try numbers.tensor([1, 1, n, 64]),
                         try numbers.tensor([1, 1, n, 64]))
        let naive = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, isCausal: true, backend: .math)
        for kernel in AttentionKernel.available {
            let fused = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, isCausal: true,
                                                             backend: .flash, kernel: kernel)
            expectAttentionClose(fused, naive.floatValues(), shape: naive.shape, rtol: 1e-3, atol: 1e-5,
                                 "n=\(n) \(kernel)")
        }
    }

    /// A KV-cache step (lesson 08): one new query against S cached keys, every operand a
    /// `view(b, t, h, hd).transpose(1, 2)` view as the lesson's cached attention passes them.
    @Test(arguments: [1, 63, 65, 300])
    func singleQueryOnHeadViewsMatchesNaive(_ keys: Int) throws {
        var numbers = AttentionTestNumbers(state: UInt64(keys) + 7)
        let (b, h, hd) = (2, 3, 16)
        // [b, t, h * hd] -> [b, t, h, hd] -> [b, h, t, hd]
        func heads(_ t: Int) throws -> Tensor { try numbers.tensor([b, t, h * hd]).view([b, t, h, hd]).transpose(1, 2) }
        let (q, k, v) = (try heads(1), try heads(keys), try heads(keys))
        let naive = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, backend: .math)
        for kernel in AttentionKernel.available {
            let fused = try Tensor.scaledDotProductAttention(query: q, key: k, value: v, backend: .flash, kernel: kernel)
            expectAttentionClose(fused, naive.floatValues(), shape: [b, h, 1, hd], rtol: 1e-4, atol: 1e-5,
                                 "S=\(keys) \(kernel)")
        }
    }

    @Test func fullyMaskedRowGivesZerosAndNoGradient() throws {
        let q = try Tensor(floats: [1, 2, 3, 4, 5, 6], shape: [1, 1, 3, 2])
        let mask = try Tensor(bools: [true, true, true, false, false, false, true, false, true], shape: [3, 3])
        for backend in [AttentionBackend.math, .flash] {
          for kernel in AttentionKernel.available {
            let x = q.detach()
            try x.setRequiresGrad(true)
            let out = try Tensor.scaledDotProductAttention(query: x, key: x, value: x, attnMask: mask,
                                                           backend: backend, kernel: kernel)
            #expect(Array(out.floatValues()[2..<4]) == [0, 0])
            #expect(out.floatValues().allSatisfy { $0.isFinite })
            try out.backward(gradient: Tensor(floats: [1, 1, 1, 1, 1, 1], shape: [1, 1, 3, 2]))
            #expect(x.grad?.floatValues().allSatisfy { $0.isFinite } == true)
          }
        }
    }

    /// d(sum(out * w))/dx by central differences in float32, against the fused backward.
    @Test(arguments: [AttentionKernelCase.Mask.none, .causal, .float])
    func fusedGradientMatchesFiniteDifferences(_ mask: AttentionKernelCase.Mask) throws {
        var numbers = AttentionTestNumbers(state: 42)
        let shape = [1, 1, 5, 3]
        let inputs = [try numbers.tensor(shape), try numbers.tensor(shape), try numbers.tensor(shape)]
        let weights = try numbers.tensor(shape)
        let floatMask = mask == .float
            ? try Tensor(floats: (0..<25).map { $0 % 7 == 3 ? -.infinity : Float($0 % 5) * 0.3 }, shape: [5, 5])
            : nil
        func loss(_ xs: [Tensor]) throws -> Double {
            let out = try Tensor.scaledDotProductAttention(
                query: xs[0], key: xs[1], value: xs[2], attnMask: floatMask, isCausal: mask == .causal,
                backend: .flash)
            return zip(out.floatValues(), weights.floatValues()).reduce(0) { $0 + Double($1.0 * $1.1) }
        }
        let leaves = inputs.map { $0.detach() }
        for t in leaves { try t.setRequiresGrad(true) }
        let out = try Tensor.scaledDotProductAttention(
            query: leaves[0], key: leaves[1], value: leaves[2], attnMask: floatMask,
            isCausal: mask == .causal, backend: .flash)
        #expect(out.gradFn?.name == "ScaledDotProductFlashAttentionForCpuBackward0")
        try out.backward(gradient: weights)
        let eps: Float = 1e-2
        for which in 0..<3 {
            let analytic = leaves[which].grad?.floatValues() ?? []
            #expect(analytic.count == 15)
            for i in 0..<min(analytic.count, 15) {
                var plus = inputs.map { $0.floatValues() }, minus = plus
                plus[which][i] += eps
                minus[which][i] -= eps
                let up = try loss(plus.map { try Tensor(floats: $0, shape: shape) })
                let down = try loss(minus.map { try Tensor(floats: $0, shape: shape) })
                let numeric = Float((up - down) / Double(2 * eps))
                #expect(abs(numeric - analytic[i]) <= 2e-3 + 1e-2 * abs(numeric),
                        "input \(which) element \(i): numeric \(numeric), analytic \(analytic[i])")
            }
        }
    }

    @Test func outputIsFreedWithoutBackward() throws {
        weak var weakOutput: Tensor?
        do {
            let x = try Tensor(floats: [1, 2, 3, 4], shape: [1, 1, 2, 2])
            try x.setRequiresGrad(true)
            let out = try Tensor.scaledDotProductAttention(query: x, key: x, value: x)
            #expect(out.gradFn != nil)
            weakOutput = out
        }
        #expect(weakOutput == nil)
    }

    @Test func portableKernelRunsEverywhere() {
        #expect(AttentionKernel.portable.isAvailable)
        #expect(AttentionKernel.available.contains(.portable))
    }

    @Test func dropoutIsRefusedClearly() throws {
        let x = try Tensor(zeros: [1, 1, 2, 2])
        #expect(throws: TensorError.runtime(
            "scaled_dot_product_attention: dropout_p > 0 is not supported here yet; "
            + "apply dropout to the attention weights explicitly (nn.Dropout) instead")) {
            try Tensor.scaledDotProductAttention(query: x, key: x, value: x, dropoutP: 0.1)
        }
    }

    @Test func forcingFlashWhereItCannotRunThrows() throws {
        let q = try Tensor(zeros: [1, 1, 2, 3]), v = try Tensor(zeros: [1, 1, 2, 4])
        #expect(throws: TensorError.runtime("No available kernel. Aborting execution.")) {
            try Tensor.scaledDotProductAttention(query: q, key: q, value: v, backend: .flash)
        }
    }

    @Test func noGradientRecordedWithoutRequiresGrad() throws {
        let x = try Tensor(floats: [1, 2, 3, 4], shape: [1, 1, 2, 2])
        let out = try Tensor.scaledDotProductAttention(query: x, key: x, value: x, isCausal: true)
        #expect(out.gradFn == nil)
        // Row 0 sees only key 0: the output is value row 0.
        #expect(Array(out.floatValues()[0..<2]) == [1, 2])
    }
}
}
