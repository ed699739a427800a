// Fused attention (FlashAttention-2 style) for lesson 08: query blocks × key blocks with an
// online softmax, so the n x n scores never exist; the backward recomputes P block by block.

import CKernels
import Dispatch

extension Attention {
    /// Key rows one fused block covers (Bc), also query rows per backward block.
    static let blockSize = Int(CK_ATTENTION_BLOCK)
    /// Query rows one forward task covers (Br).
    static let queryBlockSize = Int(CK_ATTENTION_QUERY_BLOCK)

    /// Fused forward: output = softmax(q kᵀ * scale + mask) v, one task per (head, query block),
    /// each streaming over key blocks with a running max and sum. Writes `logsumexp`
    /// [heads, L] (logsumexp of each row's scaled, masked scores; +inf for a fully masked
    /// row, whose output is zeros) for the backward. Extra memory: one scratch block per thread.
    static func fusedForward(_ p: AttentionProblem, output: AttentionOperand,
                             logsumexp: UnsafeMutablePointer<Float>) throws {
        let blocks = (p.queryLength + queryBlockSize - 1) / queryBlockSize
        let heads = (0..<p.heads).map { p.cHead($0, output: output, logsumexp: logsumexp) }
        let L = p.queryLength
        try forEachTask(p.heads * blocks, work: p.work,
                        scratchFloats: ck_attention_scratch_floats(p.headDim, p.valueDim)) { task, scratch in
            // Last query blocks first: under a causal mask they see the most keys.
            var head = heads[task % heads.count]
            let first = (blocks - 1 - task / heads.count) * queryBlockSize
            ck_attention_forward_rows(&head, first, min(first + queryBlockSize, L), scratch)
        }
    }

    /// Fused backward (FlashAttention-2): with delta = rowsum(dO ⊙ O), recompute
    /// P = exp(q kᵀ * scale + mask − lse) block by block, then dS = P ⊙ (dO vᵀ − delta) * scale;
    /// pass 1 (per key block) gives dV = Pᵀ dO and dK = dSᵀ q, pass 2 (per query block)
    /// gives dQ = dS k. Gradients are written, not accumulated; heads must not share dK/dV rows.
    static func fusedBackward(_ p: AttentionProblem, output: AttentionOperand,
                              logsumexp: UnsafeMutablePointer<Float>, gradOutput: AttentionOperand,
                              gradQuery: AttentionOperand, gradKey: AttentionOperand,
                              gradValue: AttentionOperand) throws {
        let (L, S, Ev) = (p.queryLength, p.keyLength, p.valueDim)
        let deltaStorage = try Tensor(zeros: [p.heads * L])
        let delta = deltaStorage.floatPointer
        parallelRows(p.heads * L) { row in
            let o = output.head(row / L) + (row % L) * output.rowStride
            let g = gradOutput.head(row / L) + (row % L) * gradOutput.rowStride
            var sum: Float = 0
            for e in 0..<Ev { sum += o[e] * g[e] }
            delta[row] = sum
        }
        let heads = (0..<p.heads).map { h -> ck_attention_head in
            var c = p.cHead(h, output: output, logsumexp: logsumexp)
            c.dout = UnsafePointer(gradOutput.head(h)); c.dout_row = gradOutput.rowStride
            c.delta = UnsafePointer(delta + h * L)
            c.dq = gradQuery.head(h); c.dq_row = gradQuery.rowStride
            c.dk = gradKey.head(h); c.dk_row = gradKey.rowStride
            c.dv = gradValue.head(h); c.dv_row = gradValue.rowStride
            return c
        }
        let scratchFloats = ck_attention_scratch_floats(p.headDim, p.valueDim)
        let keyBlocks = (S + blockSize - 1) / blockSize
        try forEachTask(p.heads * keyBlocks, work: 2 * p.work, scratchFloats: scratchFloats) { task, scratch in
            // First key blocks first: under a causal mask the most queries see them.
            var head = heads[task % heads.count]
            let first = (task / heads.count) * blockSize
            ck_attention_backward_kv(&head, first, min(first + blockSize, S), scratch)
        }
        let queryBlocks = (L + blockSize - 1) / blockSize
        try forEachTask(p.heads * queryBlocks, work: 2 * p.work, scratchFloats: scratchFloats) { task, scratch in
            var head = heads[task % heads.count]
            let first = (queryBlocks - 1 - task / heads.count) * blockSize
            ck_attention_backward_q(&head, first, min(first + blockSize, L), scratch)
        }
        withExtendedLifetime(deltaStorage) {}
    }

    /// Multiply-adds below which a call stays on the calling thread (waking others costs more).
    static let workPerThread = 1 << 20

    /// Runs `body(task, scratch)` for tasks 0..<count on up to `workerCount` threads (one when
    /// the whole call is under `workPerThread` multiply-adds of `work`). Threads
    /// claim the next task from a shared counter (a thread the OS pauses holds up no one),
    /// and each owns one `scratchFloats`-float scratch block, allocated through `Storage`
    /// so lesson 08's memory measurement sees it.
    static func forEachTask(_ count: Int, work: Int, scratchFloats: Int,
                            _ body: (Int, UnsafeMutablePointer<Float>) -> Void) throws {
        guard count > 0 else { return }
        let workers = work < workPerThread ? 1 : min(count, workerCount)
        let stride = (scratchFloats + 15) / 16 * 16
        let scratch = try Storage(byteCount: workers * stride * MemoryLayout<Float>.size + 64)
        let base = scratch.pointer.assumingMemoryBound(to: Float.self)
        if workers == 1 {
            for task in 0..<count { body(task, base) }
        } else {
            // The counter sits after the scratch blocks, in the same allocation.
            let counter = (scratch.pointer + workers * stride * MemoryLayout<Float>.size)
                .assumingMemoryBound(to: Int.self)
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                while true {
                    let task = ck_attention_claim(counter)
                    if task >= count { break }
                    body(task, base + w * stride)
                }
            }
        }
        withExtendedLifetime(scratch) {}
    }
}
