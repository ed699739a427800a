// Fused attention for lesson 08, PyTorch's CPU flash kernel (query blocks x key blocks with an
// online softmax, so the n x n scores never exist; the backward recomputes P block by block).

import CKernels
import Dispatch

extension Attention {
    /// Fused forward, PyTorch's CPU flash kernel step for step (attention_torch.c), so the
    /// output is torch's to the bit: one task per (head, query block of 32/64/256 rows), each
    /// streaming over key blocks of up to 512 with a running max and sum. Writes `logsumexp`
    /// [heads, L] as torch does (0 for a fully masked row, whose output is zeros).
    /// Extra memory: one [query block, key block] scratch per thread.
    static func fusedForward(_ p: AttentionProblem, output: AttentionOperand,
                             logsumexp: UnsafeMutablePointer<Float>) throws {
        let L = p.queryLength
        guard L > 0, p.keyLength > 0 else { return }
        let split = min(ck_torch_attention_q_split(L), L)
        let blocks = (L + split - 1) / split
        let heads = (0..<p.heads).map { p.cHead($0, output: output, logsumexp: logsumexp) }
        let scratch = ck_torch_attention_buffer_floats(L, p.keyLength, p.headDim, p.valueDim, 0)
        try forEachTask(p.heads * blocks, work: p.work, scratchFloats: scratch) { task, buffer in
            // Last query blocks first: under a causal mask they see the most keys.
            var head = heads[task % heads.count]
            ck_torch_attention_forward(&head, (blocks - 1 - task / heads.count) * split, buffer)
        }
    }

    /// Fused backward, PyTorch's cpu_flash_attention_backward step for step: per head, per
    /// query block, P recomputed from lse block by block, dV += Pᵀ dO, dS = P ⊙ (dO Vᵀ − delta),
    /// dQ += scale dS K, dK += scale dSᵀ Q. The gradients must start at zero; heads must not
    /// share dK/dV rows. One task per head, as torch parallelises it.
    static func fusedBackward(_ p: AttentionProblem, output: AttentionOperand,
                              logsumexp: UnsafeMutablePointer<Float>, gradOutput: AttentionOperand,
                              gradQuery: AttentionOperand, gradKey: AttentionOperand,
                              gradValue: AttentionOperand) throws {
        guard p.queryLength > 0, p.keyLength > 0 else { return }
        let heads = (0..<p.heads).map { h -> ck_attention_head in
            var c = p.cHead(h, output: output, logsumexp: logsumexp)
            c.dout = UnsafePointer(gradOutput.head(h)); c.dout_row = gradOutput.rowStride
            c.dq = gradQuery.head(h); c.dq_row = gradQuery.rowStride
            c.dk = gradKey.head(h); c.dk_row = gradKey.rowStride
            c.dv = gradValue.head(h); c.dv_row = gradValue.rowStride
            return c
        }
        let scratch = ck_torch_attention_buffer_floats(p.queryLength, p.keyLength, p.headDim, p.valueDim, 1)
        try forEachTask(p.heads, work: 2 * p.work, scratchFloats: scratch) { task, buffer in
            var head = heads[task]
            ck_torch_attention_backward(&head, buffer)
        }
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
