// torch.nn.functional.scaled_dot_product_attention (lesson 08, book §3.5): checks and
// shapes as PyTorch, the fused kernel when it applies, the naive one otherwise, and autograd.

/// `torch.nn.attention.SDPBackend`: which kernel computes attention.
public enum AttentionBackend: Sendable {
    /// Scores materialised ([..., L, S]), softmax, then @ value (PyTorch's "math" path).
    case math
    /// Tiled with an online softmax; the scores never exist whole (PyTorch's CPU flash path).
    case flash
}

extension Tensor {
    /// `F.scaled_dot_product_attention(query, key, value, attn_mask, dropout_p, is_causal, scale, enable_gqa)`.
    ///
    /// Shapes: query [..., L, E], key [..., S, E], value [..., S, Ev] → [..., L, Ev], batch
    /// dimensions broadcasting. `softmax(query @ keyᵀ * scale + bias) @ value`, where
    /// `scale` defaults to 1/√E and `bias` is 0/−inf from a bool `attnMask` (True = takes part)
    /// or the float `attnMask` itself, or the lower triangle `j <= i` when `isCausal`.
    /// A row with no key taking part gives zeros, as PyTorch's CPU kernels do.
    /// `backend` forces a kernel (`torch.nn.attention.sdpa_kernel`); nil picks flash when it applies.
    /// `kernel` picks the instruction set of the naive path's softmax (tests cover each); the
    /// flash path is PyTorch's CPU flash kernel step for step, so float32 results match torch's
    /// bits (on the CPU the fixtures were made on: see SDPAExactTests).
    public static func scaledDotProductAttention(
        query: Tensor, key: Tensor, value: Tensor, attnMask: Tensor? = nil, dropoutP: Double = 0,
        isCausal: Bool = false, scale: Double? = nil, enableGQA: Bool = false,
        backend: AttentionBackend? = nil, kernel: AttentionKernel = .automatic
    ) throws -> Tensor {
        let plan = try AttentionPlan(query: query, key: key, value: value, attnMask: attnMask,
                                     dropoutP: dropoutP, isCausal: isCausal, enableGQA: enableGQA)
        let useFlash: Bool
        switch backend {
        case nil: useFlash = plan.flashApplies
        case .flash?:
            guard plan.flashApplies else { throw TensorError.runtime("No available kernel. Aborting execution.") }
            useFlash = true
        case .math?: useFlash = false
        }
        let E = query.shape[query.rank - 1]
        let scaleValue = Float(scale ?? 1 / Double(E).squareRoot())
        return try plan.run(flash: useFlash, scale: scaleValue, kernel: kernel)
    }
}

/// The checked operands of one `scaledDotProductAttention` call and how to run it.
struct AttentionPlan {
    let query: Tensor, key: Tensor, value: Tensor
    let mask: Tensor?
    let isCausal: Bool
    /// Broadcast batch dimensions of the result (query's heads when GQA).
    let batchShape: [Int]
    let L: Int, S: Int, E: Int, Ev: Int
    /// Query heads per key head and per value head (1 without GQA).
    let keyGroups: Int, valueGroups: Int
    let flashApplies: Bool

    init(query: Tensor, key: Tensor, value: Tensor, attnMask: Tensor?, dropoutP: Double,
         isCausal: Bool, enableGQA: Bool) throws {
        if query.dtype != key.dtype || query.dtype != value.dtype {
            throw TensorError.runtime(
                "Expected query, key, and value to have the same dtype, but got query.dtype: "
                + "\(cTypeName(query.dtype)) key.dtype: \(cTypeName(key.dtype)) and value.dtype: "
                + "\(cTypeName(value.dtype)) instead.")
        }
        if query.rank < 2 || key.rank < 2 || value.rank < 2 {
            throw TensorError.runtime(
                "Expected query, key, and value to all be  at least 2 dimensional, but got query.dim: "
                + "\(query.rank) key.dim: \(key.rank) and value.dim: \(value.rank) instead.")
        }
        if let attnMask, attnMask.dtype != .bool, attnMask.dtype != query.dtype {
            throw TensorError.runtime(
                "Expected attn_mask dtype to be bool or float or to match query dtype, but got "
                + "attn_mask.dtype: \(cTypeName(attnMask.dtype)) and  query.dtype: "
                + "\(cTypeName(query.dtype)) instead.")
        }
        if isCausal && attnMask != nil {
            throw TensorError.runtime(
                "_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
        }
        if !(dropoutP >= 0 && dropoutP <= 1) {
            throw TensorError.runtime("dropout probability has to be between 0 and 1, but got \(dropoutP)")
        }
        if dropoutP > 0 {
            throw TensorError.runtime(
                "scaled_dot_product_attention: dropout_p > 0 is not supported here yet; "
                + "apply dropout to the attention weights explicitly (nn.Dropout) instead")
        }
        if query.dtype != .float32 {
            throw TensorError.runtime(
                "expected m1 and m2 to have the same dtype, but got: float != \(cTypeName(query.dtype))")
        }
        let (L, E) = (query.shape[query.rank - 2], query.shape[query.rank - 1])
        let (S, Ek) = (key.shape[key.rank - 2], key.shape[key.rank - 1])
        let (Sv, Ev) = (value.shape[value.rank - 2], value.shape[value.rank - 1])

        // Batch dimensions: broadcast, or query heads grouped over key/value heads (GQA).
        let qBatch = Array(query.shape.dropLast(2))
        var kBatch = Array(key.shape.dropLast(2)), vBatch = Array(value.shape.dropLast(2))
        var (keyGroups, valueGroups) = (1, 1)
        if enableGQA, query.rank >= 3, key.rank == query.rank, value.rank == query.rank {
            let (hq, hk, hv) = (query.shape[query.rank - 3], key.shape[key.rank - 3], value.shape[value.rank - 3])
            if hk == 0 || hv == 0 || hq % hk != 0 || hq % hv != 0 {
                throw TensorError.runtime("Number of heads in key and value must divide the number of heads in query")
            }
            (keyGroups, valueGroups) = (hq / hk, hq / hv)
            kBatch[kBatch.count - 1] = hq
            vBatch[vBatch.count - 1] = hq
        }
        let batchShape = try Tensor.broadcastShapes(Tensor.broadcastShapes(qBatch, kBatch), vBatch)
        let batch = Tensor.elementCount(batchShape)
        if query.rank == 2 && key.rank == 2 && Ek != E {
            throw TensorError.runtime(
                "mm: mat1 and mat2 shapes cannot be multiplied (\(L)x\(E) and \(Ek)x\(S))")
        }
        if Ek != E {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(batch), \(E)] "
                + "but got: [\(batch), \(Ek)].")
        }
        if Sv != S {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(batch), \(S)] "
                + "but got: [\(batch), \(Sv)].")
        }
        if let attnMask {
            if query.rank >= 4 && attnMask.rank < 2 {
                throw TensorError.index(attnMask.rank == 0
                    ? "Dimension specified as -2 but tensor has no dimensions"
                    : "Dimension out of range (expected to be in range of [-1, 0], but got -2)")
            }
            let target = batchShape + [L, S]
            let met = try Tensor.broadcastShapes(target, attnMask.shape)
            if met != target {
                throw TensorError.runtime(
                    "output with shape \(target) doesn't match the broadcast shape \(met)")
            }
        }
        self.query = query; self.key = key; self.value = value
        self.mask = attnMask; self.isCausal = isCausal
        self.batchShape = batchShape
        self.L = L; self.S = S; self.E = E; self.Ev = Ev
        self.keyGroups = keyGroups; self.valueGroups = valueGroups
        // PyTorch's CPU flash gate (sdp_utils_cpp): 3-D or 4-D inputs, equal batch and head
        // counts (or GQA), one head size, non-empty, unit last stride, a 2-D or 4-D mask
        // that needs no gradient.
        let sameRank = query.rank == key.rank && query.rank == value.rank
        let ownKeyBatch = Array(key.shape.dropLast(2))
        let equalBatches = qBatch == kBatch && ownKeyBatch == Array(value.shape.dropLast(2))
            && keyGroups == valueGroups
        let maskFits = attnMask.map { ($0.rank == 2 || $0.rank == 4 || query.rank == 3) && !$0.requiresGrad } ?? true
        flashApplies = sameRank && (query.rank == 3 || query.rank == 4) && equalBatches
            && E == Ev && L > 0 && S > 0 && maskFits
            && query.strides.last == 1 && key.strides.last == 1 && value.strides.last == 1
    }

    /// The grad_fn name PyTorch shows on CPU for this call.
    func gradFnName(flash: Bool) -> String {
        switch query.rank {
        case 3: return "SqueezeBackward1"
        case _ where L == 0 || S == 0: return "AddBackward0"
        case 2: return "MmBackward0"
        default: return flash ? "ScaledDotProductFlashAttentionForCpuBackward0" : "UnsafeViewBackward0"
        }
    }

    func run(flash: Bool, scale: Float, kernel: AttentionKernel) throws -> Tensor {
        let heads = Tensor.elementCount(batchShape)
        let output = try Tensor(zeros: batchShape + [L, Ev])
        // Unit column stride for the kernels: copy an operand once if it lacks it.
        let q = try query.strides.last == 1 ? query : query.contiguousData()
        let k = try key.strides.last == 1 ? key : key.contiguousData()
        let v = try value.strides.last == 1 ? value : value.contiguousData()
        let maskData = try mask.map { try $0.strides.last == 1 || $0.shape.last == 1 ? $0 : $0.contiguousData() }
        let problem = AttentionProblem(
            heads: heads, queryLength: L, keyLength: S, headDim: E, valueDim: Ev, scale: scale,
            query: operand(q, groups: 1), key: operand(k, groups: keyGroups),
            value: operand(v, groups: valueGroups), mask: kernelMask(maskData), kernel: kernel)
        let out = AttentionOperand(contiguous: output.floatPointer, heads: heads, rows: L, cols: Ev)

        let needsGrad = GradMode.isEnabled
            && (query.requiresGrad || key.requiresGrad || value.requiresGrad || (mask?.requiresGrad ?? false))
        let saved: Tensor   // logsumexp [heads, L] (flash) or probabilities [heads, L, S] (math)
        if flash {
            saved = try Tensor(zeros: [heads, L])
            try Attention.fusedForward(problem, output: out, logsumexp: saved.floatPointer)
        } else {
            saved = try Attention.naiveForward(problem, output: out)
        }
        guard needsGrad else { return output }

        var inputs = [query, key, value]
        if let mask, mask.requiresGrad { inputs.append(mask) }
        // The backward reads the output through its storage: capturing the output tensor
        // itself would make a cycle (output -> grad_fn -> closure -> output).
        let outputStorage = output.storage
        return output.recordingGrad(gradFnName(flash: flash), inputs: inputs) { gradOut in
            let dOut = try gradOut.contiguousData()
            let dq = try Tensor(zeros: batchShape + [L, E])
            let dk = try Tensor(zeros: batchShape + [S, E])
            let dv = try Tensor(zeros: batchShape + [S, Ev])
            let dMask = mask?.requiresGrad == true ? try Tensor(zeros: batchShape + [L, S]) : nil
            let dOutOperand = AttentionOperand(contiguous: dOut.floatPointer, heads: heads, rows: L, cols: Ev)
            let dqOperand = AttentionOperand(contiguous: dq.floatPointer, heads: heads, rows: L, cols: E)
            let dkOperand = AttentionOperand(contiguous: dk.floatPointer, heads: heads, rows: S, cols: E)
            let dvOperand = AttentionOperand(contiguous: dv.floatPointer, heads: heads, rows: S, cols: Ev)
            if flash {
                try Attention.fusedBackward(problem, output: out, logsumexp: saved.floatPointer,
                                            gradOutput: dOutOperand, gradQuery: dqOperand,
                                            gradKey: dkOperand, gradValue: dvOperand)
            } else {
                try Attention.naiveBackward(problem, probabilities: saved, gradOutput: dOutOperand,
                                            gradQuery: dqOperand, gradKey: dkOperand, gradValue: dvOperand,
                                            gradScores: dMask?.floatPointer)
            }
            withExtendedLifetime((q, k, v, maskData, outputStorage)) {}
            var grads: [Tensor?] = [
                try dq.sumToShape(query.shape),
                try ungroup(dk, keyGroups).sumToShape(key.shape),
                try ungroup(dv, valueGroups).sumToShape(value.shape),
            ]
            if let dMask { grads.append(try dMask.sumToShape(mask?.shape ?? [])) }
            return grads
        }
    }

    /// An operand's matrices, one per result head; a grouped (GQA) operand's head h is h / groups.
    private func operand(_ t: Tensor, groups: Int) -> AttentionOperand {
        AttentionOperand(base: t.floatPointer, headOffsets: headOffsets(t, groups: groups),
                         rowStride: t.strides[t.rank - 2])
    }

    /// Storage offsets (relative to `t.offset`) of the [rows, cols] matrices of `t` for each
    /// index of `batchShape`: broadcast dimensions repeat, and with `groups` > 1 the last batch
    /// dimension (heads) reads head h / groups.
    private func headOffsets(_ t: Tensor, groups: Int = 1) -> [Int] {
        let rank = batchShape.count
        let ownShape = Array(t.shape.dropLast(2)), ownStrides = Array(t.strides.dropLast(2))
        var strides = [Int](repeating: 0, count: rank)
        let lead = rank - ownShape.count
        for d in 0..<ownShape.count where ownShape[d] != 1 { strides[lead + d] = ownStrides[d] }
        let count = Tensor.elementCount(batchShape)
        var result = [Int](repeating: 0, count: count)
        for i in 0..<count {
            var rest = i, position = 0
            for d in stride(from: rank - 1, through: 0, by: -1) {
                var index = rest % batchShape[d]
                rest /= batchShape[d]
                if groups > 1 && d == rank - 1 { index /= groups }
                position += index * strides[d]
            }
            result[i] = position
        }
        return result
    }

    private func kernelMask(_ m: Tensor?) -> AttentionMask {
        guard let m else { return isCausal ? .causal : .none }
        let full = m.broadcastView(to: batchShape + [L, S])
        let strides = full.strides
        let operand = AttentionMaskOperand(
            base: UnsafeRawPointer(m.storage.pointer) + m.offset * m.dtype.itemSize,
            headOffsets: headOffsets(full),
            rowStride: strides[strides.count - 2], colStride: strides[strides.count - 1],
            elementSize: m.dtype.itemSize)
        return m.dtype == .bool ? .boolean(operand) : .additive(operand)
    }

    /// Sums a per-query-head gradient [..., Hq, S, d] over each group of GQA heads: [..., Hk, S, d].
    private func ungroup(_ g: Tensor, _ groups: Int) throws -> Tensor {
        guard groups > 1 else { return g }
        var shape = g.shape
        let d = shape.count - 3
        shape[d] /= groups
        let out = try Tensor(zeros: shape)
        let block = g.shape[d + 1] * g.shape[d + 2]
        let src = g.floatPointer, dst = out.floatPointer
        for outer in 0..<(out.count / block) {
            for j in 0..<groups {
                let from = src + (outer * groups + j) * block
                for e in 0..<block { dst[outer * block + e] += from[e] }
            }
        }
        return out
    }
}

/// PyTorch's C++ type name, as its dtype messages print it ("float", "long int", "bool").
private func cTypeName(_ d: DType) -> String {
    switch d {
    case .float32: return "float"
    case .int64: return "long int"
    case .bool: return "bool"
    case .float64: return "double"
    }
}
