// Causal multi-head attention (lesson 04's MultiHeadAttention) and the
// cross-entropy loss (chapter 5) as raw kernels with their backward.

import Foundation
import Tensor

extension GPTKernels {
    // MARK: causal attention, per (batch, head) with batched GEMMs on strided head slices

    /// Attention of `newTokens` queries (positions `pastTokens..<pastTokens+newTokens`) over
    /// every key up to their own position.
    ///
    /// q [B, Tn, C]; keys/values of batch b at `k/v + b * kvBatchStride`, rows [L, C] with
    /// L = pastTokens + Tn (the KV cache, or the layer's own k/v when training);
    /// att [B, H, Tn, L] = softmax(q_h · k_h^T / sqrt(hs)) with column j > pastTokens + i zero;
    /// y [B, Tn, C] = att_h · v_h, head h in columns h*hs..<(h+1)*hs.
    static func attentionForward(y: Pointer, att: Pointer, q: ConstPointer, k: ConstPointer, v: ConstPointer,
                                 batch: Int, newTokens: Int, pastTokens: Int, kvBatchStride: Int,
                                 channels C: Int, heads H: Int,
                                 dropoutMask: ConstPointer? = nil, dropped: Pointer? = nil) {
        let Tn = newTokens, L = pastTokens + newTokens, hs = C / H
        for b in 0..<batch {
            // [Tn, hs] x [L, hs]^T -> [Tn, L] per head
            GEMM.sgemmBatched(batch: H, transA: false, transB: true, m: Tn, n: L, k: hs,
                              a: q + b * Tn * C, lda: C, strideA: hs,
                              b: k + b * kvBatchStride, ldb: C, strideB: hs,
                              c: att + b * H * Tn * L, ldc: L, strideC: Tn * L)
        }
        let denominator = Float(Double(hs).squareRoot())
        let rows = batch * H * Tn
        Parallel.forEach(rows, work: rows * L * 4) { _, range in
            for r in range {
                let row = att + r * L
                let visible = pastTokens + r % Tn + 1
                var maximum = -Float.infinity
                for j in 0..<visible { row[j] /= denominator; maximum = max(maximum, row[j]) }
                let inverse = 1 / exponentiate(row, count: visible, shift: maximum)
                for j in 0..<visible { row[j] *= inverse }
                for j in visible..<L { row[j] = 0 }
            }
        }
        // attention dropout: y uses att * mask, the backward needs both
        var weights = UnsafePointer(att)
        if let dropoutMask, let dropped {
            dropped.update(from: att, count: rows * L)
            multiply(dropped, by: dropoutMask, count: rows * L)
            weights = UnsafePointer(dropped)
        }
        for b in 0..<batch {
            // [Tn, L] x [L, hs] -> [Tn, hs] per head
            GEMM.sgemmBatched(batch: H, transA: false, transB: false, m: Tn, n: hs, k: L,
                              a: weights + b * H * Tn * L, lda: L, strideA: Tn * L,
                              b: v + b * kvBatchStride, ldb: C, strideB: hs,
                              c: y + b * Tn * C, ldc: C, strideC: hs)
        }
    }

    /// The backward of `attentionForward` for a whole sequence (no past tokens).
    /// dy [B, T, C] -> dq, dk, dv [B, T, C] (overwritten); `datt` [B, H, T, T] is scratch.
    /// dP = dy_h · v_h^T; dv_h = P^T · dy_h; dS = P * (dP - rowsum(P * dP)) / sqrt(hs);
    /// dq_h = dS · k_h; dk_h = dS^T · q_h.
    static func attentionBackward(dq: Pointer, dk: Pointer, dv: Pointer, datt: Pointer, dy: ConstPointer,
                                  q: ConstPointer, k: ConstPointer, v: ConstPointer, att: ConstPointer,
                                  batch: Int, tokens T: Int, channels C: Int, heads H: Int,
                                  dropoutMask: ConstPointer? = nil, dropped: ConstPointer? = nil) {
        let hs = C / H
        // with dropout y = (P * M) · v: dv uses P * M, and dP = (dy · v^T) * M
        let weights = dropped ?? att
        for b in 0..<batch {
            let o = b * T * C, a = b * H * T * T
            // [T, hs] x [T, hs]^T -> [T, T] per head
            GEMM.sgemmBatched(batch: H, transA: false, transB: true, m: T, n: T, k: hs,
                              a: dy + o, lda: C, strideA: hs, b: v + o, ldb: C, strideB: hs,
                              c: datt + a, ldc: T, strideC: T * T)
            // [T, T]^T x [T, hs] -> [T, hs] per head
            GEMM.sgemmBatched(batch: H, transA: true, transB: false, m: T, n: hs, k: T,
                              a: weights + a, lda: T, strideA: T * T, b: dy + o, ldb: C, strideB: hs,
                              c: dv + o, ldc: C, strideC: hs)
        }
        let denominator = Float(Double(hs).squareRoot())
        let rows = batch * H * T
        Parallel.forEach(rows, work: rows * T * 3) { _, range in
            for r in range {
                let p = att + r * T, d = datt + r * T
                let visible = r % T + 1
                if let dropoutMask { let m = dropoutMask + r * T; for j in 0..<visible { d[j] *= m[j] } }
                var dot: Float = 0
                for j in 0..<visible { dot += p[j] * d[j] }
                for j in 0..<visible { d[j] = p[j] * (d[j] - dot) / denominator }
                for j in visible..<T { d[j] = 0 }
            }
        }
        for b in 0..<batch {
            let o = b * T * C, a = b * H * T * T
            // [T, T] x [T, hs] -> [T, hs] per head
            GEMM.sgemmBatched(batch: H, transA: false, transB: false, m: T, n: hs, k: T,
                              a: datt + a, lda: T, strideA: T * T, b: k + o, ldb: C, strideB: hs,
                              c: dq + o, ldc: C, strideC: hs)
            // [T, T]^T x [T, hs] -> [T, hs] per head
            GEMM.sgemmBatched(batch: H, transA: true, transB: false, m: T, n: hs, k: T,
                              a: datt + a, lda: T, strideA: T * T, b: q + o, ldb: C, strideB: hs,
                              c: dk + o, ldc: C, strideC: hs)
        }
    }

    // MARK: cross-entropy over the vocabulary

    /// lse[r] = log(sum_j exp(logits[r, j])); returns mean_r (lse[r] - logits[r, targets[r]]).
    /// logits [N, V], targets [N].
    static func crossEntropyForward(logits: ConstPointer, lse: Pointer, targets: UnsafePointer<Int32>,
                                    rows: Int, vocab V: Int) -> Float {
        Parallel.forEach(rows, work: rows * V * 4) { _, range in
            for r in range {
                let row = logits + r * V
                var maximum = -Float.infinity
                for j in 0..<V { maximum = max(maximum, row[j]) }
                lse[r] = maximum + logf(sumOfExponentials(row, count: V, shift: maximum))
            }
        }
        var total = 0.0
        for r in 0..<rows { total += Double(lse[r] - logits[r * V + Int(targets[r])]) }
        return Float(total / Double(max(rows, 1)))
    }

    /// In place: logits[r, j] <- (softmax(logits[r])_j - [j == targets[r]]) * scale,
    /// the gradient of `scale * sum_r loss_r` (scale 1/N for the mean).
    static func crossEntropyBackward(logits: Pointer, lse: ConstPointer, targets: UnsafePointer<Int32>,
                                     rows: Int, vocab V: Int, scale: Float) {
        Parallel.forEach(rows, work: rows * V * 4) { _, range in
            for r in range {
                let row = logits + r * V, s = lse[r]
                _ = exponentiate(row, count: V, shift: s)
                for j in 0..<V { row[j] *= scale }
                row[Int(targets[r])] -= scale
            }
        }
    }
}
