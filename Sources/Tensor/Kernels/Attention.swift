// Attention on raw float buffers (lesson 08, book §3.5): the problem description shared
// by the naive kernel (n x n scores materialised, then softmax, then @ v) and the fused one.

import CKernels
import Dispatch
import Foundation

/// The instruction set the naive path's softmax runs on; `.automatic` is the best this CPU has.
/// (Tests and benches pick one to cover every build on one machine.) The fused (flash) path
/// follows PyTorch's arithmetic whatever this says.
public enum AttentionKernel: Int32, CaseIterable, Sendable {
    case automatic = 0   // CK_ATTENTION_ISA_AUTO
    case portable = 1    // 8-lane vectors, baseline instructions
    case avx2 = 2        // 8 lanes, AVX2 + FMA
    case avx512 = 3      // 16 lanes

    /// Whether this CPU can run it.
    public var isAvailable: Bool { ck_attention_isa_available(rawValue) != 0 }

    /// What `.automatic` runs on this CPU.
    public static var best: AttentionKernel {
        [.avx512, .avx2].first { $0.isAvailable } ?? .portable
    }

    /// The kernels this CPU can run, `.automatic` excluded.
    public static var available: [AttentionKernel] { allCases.filter { $0 != .automatic && $0.isAvailable } }
}

/// One attention operand: `heads` row-major matrices, head `h` starting at
/// `base + headOffsets[h]`, rows `rowStride` floats apart, columns contiguous.
///
/// This covers contiguous [B, H, n, d] tensors and the views
/// `x.view(b, t, h, hd).transpose(1, 2)` makes (row stride h * hd) without a copy.
struct AttentionOperand {
    var base: UnsafeMutablePointer<Float>
    var headOffsets: [Int]
    var rowStride: Int

    /// A contiguous [heads, rows, cols] buffer.
    init(contiguous base: UnsafeMutablePointer<Float>, heads: Int, rows: Int, cols: Int) {
        self.base = base
        self.headOffsets = (0..<heads).map { $0 * rows * cols }
        self.rowStride = cols
    }

    init(base: UnsafeMutablePointer<Float>, headOffsets: [Int], rowStride: Int) {
        self.base = base
        self.headOffsets = headOffsets
        self.rowStride = rowStride
    }

    func head(_ h: Int) -> UnsafeMutablePointer<Float> { base + headOffsets[h] }
}

/// Which (query i, key j) pairs take part, PyTorch SDPA semantics.
enum AttentionMask {
    case none
    /// j <= i (the top-left aligned lower triangle, `is_causal=True`).
    case causal
    /// uint8 per pair, nonzero = takes part (a bool `attn_mask`).
    case boolean(AttentionMaskOperand)
    /// A float added to the scaled score (a float `attn_mask`; -inf excludes).
    case additive(AttentionMaskOperand)
}

/// A mask read at `base + headOffsets[h] + i * rowStride + j * colStride` (strides may be 0
/// where the mask broadcasts).
struct AttentionMaskOperand {
    var base: UnsafeRawPointer
    var headOffsets: [Int]   // in elements
    var rowStride: Int
    var colStride: Int
    var elementSize: Int
}

/// softmax(q kᵀ * scale + mask) v for `heads` independent heads.
///
/// Shapes per head: query [L, E], key [S, E], value [S, Ev] → output [L, Ev].
struct AttentionProblem {
    var heads: Int
    var queryLength: Int   // L
    var keyLength: Int     // S
    var headDim: Int       // E
    var valueDim: Int      // Ev
    var scale: Float
    var query: AttentionOperand
    var key: AttentionOperand
    var value: AttentionOperand
    var mask: AttentionMask
    var kernel: AttentionKernel = .automatic

    /// Multiply-adds of the forward, q kᵀ and P v (for choosing how many threads to wake).
    var work: Int { heads * queryLength * keyLength * (headDim + valueDim) }

    /// The C description of head `h` (forward fields only; the backward fills the rest).
    func cHead(_ h: Int, output: AttentionOperand, logsumexp: UnsafeMutablePointer<Float>?) -> ck_attention_head {
        var c = ck_attention_head()
        c.q = UnsafePointer(query.head(h)); c.q_row = query.rowStride
        c.k = UnsafePointer(key.head(h)); c.k_row = key.rowStride
        c.v = UnsafePointer(value.head(h)); c.v_row = value.rowStride
        c.out = output.head(h); c.out_row = output.rowStride
        c.lse = logsumexp.map { $0 + h * queryLength }
        c.L = queryLength; c.S = keyLength; c.E = headDim; c.Ev = valueDim
        c.scale = scale
        c.isa = kernel.rawValue
        switch mask {
        case .none: c.mask_kind = Int32(CK_ATTENTION_MASK_NONE)
        case .causal: c.mask_kind = Int32(CK_ATTENTION_MASK_CAUSAL)
        case .boolean(let m), .additive(let m):
            if case .boolean = mask { c.mask_kind = Int32(CK_ATTENTION_MASK_BOOL) } else {
                c.mask_kind = Int32(CK_ATTENTION_MASK_ADDITIVE)
            }
            c.mask = m.base + m.headOffsets[h] * m.elementSize
            c.mask_row = m.rowStride; c.mask_col = m.colStride
        }
        return c
    }
}

/// The attention kernels: `naive*` materialise the scores, `fused*` never do.
enum Attention {
    /// Naive forward: P = softmax(q kᵀ * scale + mask) as a [heads, L, S] tensor (the n x n
    /// memory lesson 08 measures; kept for the backward), then output = P v.
    static func naiveForward(_ p: AttentionProblem, output: AttentionOperand) throws -> Tensor {
        let (L, S) = (p.queryLength, p.keyLength)
        let probabilities = try Tensor(zeros: [p.heads, L, S])
        let scores = probabilities.floatPointer
        for h in 0..<p.heads {
            // [L, E] @ [S, E]ᵀ -> [L, S]
            GEMM.sgemm(transA: false, transB: true, m: L, n: S, k: p.headDim,
                       a: p.query.head(h), lda: p.query.rowStride,
                       b: p.key.head(h), ldb: p.key.rowStride,
                       c: scores + h * L * S, ldc: S)
        }
        let heads = (0..<p.heads).map { p.cHead($0, output: output, logsumexp: nil) }
        parallelRows(p.heads * L) { row in
            var head = heads[row / L]
            ck_attention_softmax_row(&head, row % L, scores + row * S)
        }
        for h in 0..<p.heads {
            // [L, S] @ [S, Ev] -> [L, Ev]
            GEMM.sgemm(transA: false, transB: false, m: L, n: p.valueDim, k: S,
                       a: scores + h * L * S, lda: S,
                       b: p.value.head(h), ldb: p.value.rowStride,
                       c: output.head(h), ldc: output.rowStride)
        }
        return probabilities
    }

    /// Naive backward from the saved probabilities P [heads, L, S]:
    /// dV = Pᵀ dO, dP = dO Vᵀ, dS = P ⊙ (dP − rowsum(dP ⊙ P)), dQ = dS K * scale,
    /// dK = dSᵀ Q * scale. `gradScores` (if given, [heads, L, S]) receives dS, the
    /// gradient of an additive mask. Gradients are written (not accumulated).
    static func naiveBackward(_ p: AttentionProblem, probabilities: Tensor, gradOutput: AttentionOperand,
                              gradQuery: AttentionOperand, gradKey: AttentionOperand,
                              gradValue: AttentionOperand,
                              gradScores: UnsafeMutablePointer<Float>? = nil) throws {
        let (L, S) = (p.queryLength, p.keyLength)
        let probs = probabilities.floatPointer
        let dScores = try Tensor(zeros: [p.heads, L, S])
        let ds = dScores.floatPointer
        for h in 0..<p.heads {
            let ph = probs + h * L * S, dsh = ds + h * L * S
            // dV [S, Ev] = Pᵀ [S, L] @ dO [L, Ev]
            GEMM.sgemm(transA: true, transB: false, m: S, n: p.valueDim, k: L,
                       a: ph, lda: S, b: gradOutput.head(h), ldb: gradOutput.rowStride,
                       c: gradValue.head(h), ldc: gradValue.rowStride)
            // dP [L, S] = dO [L, Ev] @ V [S, Ev]ᵀ
            GEMM.sgemm(transA: false, transB: true, m: L, n: S, k: p.valueDim,
                       a: gradOutput.head(h), lda: gradOutput.rowStride,
                       b: p.value.head(h), ldb: p.value.rowStride, c: dsh, ldc: S)
        }
        parallelRows(p.heads * L) { row in
            let pr = probs + row * S, dr = ds + row * S
            var dot: Float = 0
            for j in 0..<S { dot += pr[j] * dr[j] }
            for j in 0..<S { dr[j] = pr[j] * (dr[j] - dot) }
        }
        if let gradScores { gradScores.update(from: ds, count: p.heads * L * S) }
        for h in 0..<p.heads {
            let dsh = ds + h * L * S
            // dQ [L, E] = dS [L, S] @ K [S, E] * scale
            GEMM.sgemm(transA: false, transB: false, m: L, n: p.headDim, k: S, alpha: p.scale,
                       a: dsh, lda: S, b: p.key.head(h), ldb: p.key.rowStride,
                       c: gradQuery.head(h), ldc: gradQuery.rowStride)
            // dK [S, E] = dSᵀ [S, L] @ Q [L, E] * scale
            GEMM.sgemm(transA: true, transB: false, m: S, n: p.headDim, k: L, alpha: p.scale,
                       a: dsh, lda: S, b: p.query.head(h), ldb: p.query.rowStride,
                       c: gradKey.head(h), ldc: gradKey.rowStride)
        }
    }

    /// Threads the kernels spread work over.
    static let workerCount = ProcessInfo.processInfo.activeProcessorCount

    /// Runs `body(row)` for rows 0..<count, split into contiguous chunks over the cores.
    static func parallelRows(_ count: Int, _ body: (Int) -> Void) {
        let workers = min(count / 64 + 1, workerCount)
        if workers <= 1 {
            for row in 0..<count { body(row) }
            return
        }
        DispatchQueue.concurrentPerform(iterations: workers) { w in
            for row in (w * count / workers)..<((w + 1) * count / workers) { body(row) }
        }
    }
}
