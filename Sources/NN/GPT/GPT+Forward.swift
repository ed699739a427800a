// The fast GPT's training forward pass: every activation the backward needs is
// kept in preallocated buffers (llm.c's ActivationTensors). Chapters 4-5.

import Foundation
import Tensor

/// Float buffers owned by one object, each a 64-byte aligned `Storage`.
final class FloatBuffers {
    private var storages: [Storage] = []

    func make(_ count: Int) throws -> UnsafeMutablePointer<Float> {
        let s = try Storage(byteCount: max(count, 1) * MemoryLayout<Float>.stride)
        storages.append(s)
        return s.pointer.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    func makeInt32(_ count: Int) throws -> UnsafeMutablePointer<Int32> {
        let s = try Storage(byteCount: max(count, 1) * MemoryLayout<Int32>.stride)
        storages.append(s)
        return s.pointer.bindMemory(to: Int32.self, capacity: max(count, 1))
    }
}

/// One block's saved activations, each for all B*T rows.
struct GPTLayerActivations {
    typealias Pointer = UnsafeMutablePointer<Float>
    let ln1, ln1Mean, ln1Rstd: Pointer   // [BT, C], [BT], [BT]
    let q, k, v: Pointer                 // [BT, C]
    let att: Pointer                     // [B, H, T, T] softmax weights
    let atty: Pointer                    // [BT, C] attention output before out_proj
    let residual2: Pointer               // [BT, C] x + attention (input of norm2)
    let ln2, ln2Mean, ln2Rstd: Pointer   // [BT, C], [BT], [BT]
    let fch, fchGelu: Pointer            // [BT, 4C] before and after GELU
    // dropout (only when training with drop_rate > 0): masks hold 0 or 1/(1-p)
    let attMask, attDropped: Pointer?    // [B, H, T, T] mask, and att * mask
    let attShortcutMask, ffShortcutMask: Pointer?  // [BT, C]
}

/// Everything one training step keeps: activations, then gradient scratch.
final class GPTActivations {
    typealias Pointer = UnsafeMutablePointer<Float>
    let batch: Int, tokens: Int
    let buffers: FloatBuffers
    let ids, targets: UnsafeMutablePointer<Int32>  // [BT]
    let residuals: [Pointer]     // layerCount + 1 of [BT, C]: embeddings, then each block's output
    let layers: [GPTLayerActivations]
    let lnf, lnfMean, lnfRstd: Pointer  // [BT, C], [BT], [BT]
    let logits: Pointer          // [BT, V]; the backward turns it into dlogits
    let lse: Pointer             // [BT] log-sum-exp of each logits row
    // gradient scratch, shared by all layers
    let dresidual, dln, datty, dq, dk, dv: Pointer  // [BT, C]
    let dfch: Pointer            // [BT, 4C]
    let datt: Pointer            // [B, H, T, T]
    /// Set by a forward with targets; cleared by the backward (which overwrites the logits).
    var readyForBackward = false
    var logitsValid = false
    var loss: Float = .nan

    /// Whether the buffers for dropout masks exist.
    let dropout: Bool
    let embeddingMask: Pointer?  // [BT, C]
    let projection: Pointer?     // [BT, C] out_proj / ff output before dropout, then its gradient

    init(config: GPTConfig, batch: Int, tokens: Int, dropout: Bool) throws {
        (self.batch, self.tokens, self.dropout) = (batch, tokens, dropout)
        let BT = batch * tokens, C = config.embeddingDim, H = config.headCount
        let attention = batch * H * tokens * tokens
        let buffers = FloatBuffers()
        self.buffers = buffers
        ids = try buffers.makeInt32(BT)
        targets = try buffers.makeInt32(BT)
        residuals = try (0...config.layerCount).map { _ in try buffers.make(BT * C) }
        layers = try (0..<config.layerCount).map { _ in
            GPTLayerActivations(
                ln1: try buffers.make(BT * C), ln1Mean: try buffers.make(BT), ln1Rstd: try buffers.make(BT),
                q: try buffers.make(BT * C), k: try buffers.make(BT * C), v: try buffers.make(BT * C),
                att: try buffers.make(attention), atty: try buffers.make(BT * C), residual2: try buffers.make(BT * C),
                ln2: try buffers.make(BT * C), ln2Mean: try buffers.make(BT), ln2Rstd: try buffers.make(BT),
                fch: try buffers.make(BT * 4 * C), fchGelu: try buffers.make(BT * 4 * C),
                attMask: dropout ? try buffers.make(attention) : nil,
                attDropped: dropout ? try buffers.make(attention) : nil,
                attShortcutMask: dropout ? try buffers.make(BT * C) : nil,
                ffShortcutMask: dropout ? try buffers.make(BT * C) : nil)
        }
        embeddingMask = dropout ? try buffers.make(BT * C) : nil
        projection = dropout ? try buffers.make(BT * C) : nil
        lnf = try buffers.make(BT * C); lnfMean = try buffers.make(BT); lnfRstd = try buffers.make(BT)
        logits = try buffers.make(BT * config.vocabSize)
        lse = try buffers.make(BT)
        dresidual = try buffers.make(BT * C); dln = try buffers.make(BT * C); datty = try buffers.make(BT * C)
        dq = try buffers.make(BT * C); dk = try buffers.make(BT * C); dv = try buffers.make(BT * C)
        dfch = try buffers.make(BT * 4 * C)
        datt = try buffers.make(attention)
    }
}

extension GPTModel {
    /// Checks ids [B, T] (int64, each in 0..<V, T <= context) and returns them flat.
    func tokenIDs(_ ids: Tensor, _ label: String) throws -> (values: [Int64], batch: Int, tokens: Int) {
        guard ids.dtype == .int64, ids.rank == 2 else {
            throw TensorError.runtime("GPTModel expects int64 \(label) of shape [batch, tokens], got \(ids.dtype.name) \(ids.shape)")
        }
        let (batch, tokens) = (ids.shape[0], ids.shape[1])
        guard tokens <= config.contextLength else {
            throw TensorError.runtime("GPTModel: \(tokens) tokens exceed the context length \(config.contextLength)")
        }
        let values = ids.int64Values()
        if let bad = values.first(where: { $0 < 0 || $0 >= Int64(config.vocabSize) }) {
            throw TensorError.index("index out of range in self (token id \(bad), vocabulary \(config.vocabSize))")
        }
        return (values, batch, tokens)
    }

    /// The training forward pass (llm.c's `gpt2_forward`): runs ids [B, T] through the model
    /// keeping every activation, and returns the mean cross-entropy against `targets` [B, T]
    /// (nil without targets). The logits stay readable through `trainingLogits()` until `backward()`.
    @discardableResult
    public func forwardForTraining(_ inputs: Tensor, targets: Tensor?) throws -> Float? {
        let (ids, batch, tokens) = try tokenIDs(inputs, "inputs")
        var targetValues: [Int64]?
        if let targets {
            guard targets.shape == inputs.shape else {
                throw TensorError.runtime("GPTModel: targets \(targets.shape) do not match inputs \(inputs.shape)")
            }
            targetValues = try tokenIDs(targets, "targets").values
        }
        let dropout = training && config.dropRate > 0
        if dropout && dropoutMasks == nil {
            throw TensorError.runtime("the fast GPTModel needs dropoutMasks to train with drop_rate "
                + "\(formatPythonFloat(config.dropRate)): set it, use drop_rate 0, or call eval()")
        }
        let a: GPTActivations
        if let existing = activations, existing.batch == batch, existing.tokens == tokens, existing.dropout == dropout {
            a = existing
        } else {
            activations = nil
            a = try GPTActivations(config: config, batch: batch, tokens: tokens, dropout: dropout)
            activations = a
        }
        a.logitsValid = false
        a.readyForBackward = false
        for (i, id) in ids.enumerated() { a.ids[i] = Int32(id) }
        if let targetValues { for (i, t) in targetValues.enumerated() { a.targets[i] = Int32(t) } }
        try runTrainingForward(a, dropout: dropout ? dropoutMasks : nil)
        a.logitsValid = true
        a.readyForBackward = targetValues != nil
        guard targetValues != nil else { a.loss = .nan; return nil }
        a.loss = GPTKernels.crossEntropyForward(logits: a.logits, lse: a.lse, targets: a.targets,
                                                rows: batch * tokens, vocab: config.vocabSize)
        return a.loss
    }

    /// The logits [B, T, V] of the last `forwardForTraining` (a copy), before `backward()` reuses them.
    public func trainingLogits() throws -> Tensor {
        guard let a = activations, a.logitsValid else {
            throw TensorError.runtime("GPTModel: no logits; run forwardForTraining first (backward() consumes them)")
        }
        let out = try Tensor(zeros: [a.batch, a.tokens, config.vocabSize])
        out.floatPointer.update(from: a.logits, count: out.count)
        return out
    }

    private func runTrainingForward(_ a: GPTActivations, dropout masks: GPTDropoutMasks?) throws {
        let (B, T) = (a.batch, a.tokens)
        let BT = B * T, C = config.embeddingDim, V = config.vocabSize, H = config.headCount
        let p = config.dropRate
        /// Asks for the next mask (the book's forward order: drop_emb, then per block
        /// att.dropout, drop_shortcut after attention, drop_shortcut after the feed-forward).
        func mask(_ shape: [Int], _ buffer: UnsafeMutablePointer<Float>?) throws {
            guard let masks, let buffer else { return }
            try masks(shape, p, UnsafeMutableBufferPointer(start: buffer, count: shape.reduce(1, *)))
        }
        GPTKernels.encoderForward(a.residuals[0], ids: a.ids, wte: tokenEmbedding.floatPointer,
                                  wpe: positionEmbedding.floatPointer, rows: BT, T: T, C: C)
        if let m = a.embeddingMask {
            try mask([B, T, C], m)
            GPTKernels.multiply(a.residuals[0], by: m, count: BT * C)
        }
        for (l, w) in blocks.enumerated() {
            let x = a.residuals[l], act = a.layers[l], out = a.residuals[l + 1]
            // x = x + out_proj(attention(norm1(x)))
            GPTKernels.layerNormForward(act.ln1, mean: act.ln1Mean, rstd: act.ln1Rstd, inp: x,
                                        scale: w.norm1Scale.floatPointer, shift: w.norm1Shift.floatPointer, rows: BT, C: C)
            GPTKernels.matmulForward(act.q, inp: act.ln1, weight: w.query.floatPointer, bias: w.queryBias?.floatPointer,
                                     rows: BT, inFeatures: C, outFeatures: C)
            GPTKernels.matmulForward(act.k, inp: act.ln1, weight: w.key.floatPointer, bias: w.keyBias?.floatPointer,
                                     rows: BT, inFeatures: C, outFeatures: C)
            GPTKernels.matmulForward(act.v, inp: act.ln1, weight: w.value.floatPointer, bias: w.valueBias?.floatPointer,
                                     rows: BT, inFeatures: C, outFeatures: C)
            try mask([B, H, T, T], act.attMask)
            GPTKernels.attentionForward(y: act.atty, att: act.att, q: act.q, k: act.k, v: act.v, batch: B,
                                        newTokens: T, pastTokens: 0, kvBatchStride: T * C, channels: C, heads: H,
                                        dropoutMask: act.attMask, dropped: act.attDropped)
            act.residual2.update(from: x, count: BT * C)
            if let m = act.attShortcutMask, let projection = a.projection {
                // residual2 = x + drop_shortcut(out_proj(atty))
                try mask([B, T, C], m)
                GPTKernels.matmulForward(projection, inp: act.atty, weight: w.outWeight.floatPointer,
                                         bias: w.outBias.floatPointer, rows: BT, inFeatures: C, outFeatures: C)
                GPTKernels.multiplyAdd(act.residual2, projection, m, count: BT * C)
            } else {
                GPTKernels.matmulForward(act.residual2, inp: act.atty, weight: w.outWeight.floatPointer,
                                         bias: w.outBias.floatPointer, rows: BT, inFeatures: C, outFeatures: C,
                                         accumulate: true)
            }
            // x = x + ff(norm2(x))
            GPTKernels.layerNormForward(act.ln2, mean: act.ln2Mean, rstd: act.ln2Rstd, inp: act.residual2,
                                        scale: w.norm2Scale.floatPointer, shift: w.norm2Shift.floatPointer, rows: BT, C: C)
            GPTKernels.matmulForward(act.fch, inp: act.ln2, weight: w.fcWeight.floatPointer, bias: w.fcBias.floatPointer,
                                     rows: BT, inFeatures: C, outFeatures: 4 * C)
            GPTKernels.geluForward(act.fchGelu, inp: act.fch, count: BT * 4 * C)
            out.update(from: act.residual2, count: BT * C)
            if let m = act.ffShortcutMask, let projection = a.projection {
                try mask([B, T, C], m)
                GPTKernels.matmulForward(projection, inp: act.fchGelu, weight: w.projWeight.floatPointer,
                                         bias: w.projBias.floatPointer, rows: BT, inFeatures: 4 * C, outFeatures: C)
                GPTKernels.multiplyAdd(out, projection, m, count: BT * C)
            } else {
                GPTKernels.matmulForward(out, inp: act.fchGelu, weight: w.projWeight.floatPointer,
                                         bias: w.projBias.floatPointer, rows: BT, inFeatures: 4 * C, outFeatures: C,
                                         accumulate: true)
            }
        }
        GPTKernels.layerNormForward(a.lnf, mean: a.lnfMean, rstd: a.lnfRstd, inp: a.residuals[config.layerCount],
                                    scale: finalScale.floatPointer, shift: finalShift.floatPointer, rows: BT, C: C)
        GPTKernels.matmulForward(a.logits, inp: a.lnf, weight: outputHead.floatPointer, bias: nil,
                                 rows: BT, inFeatures: C, outFeatures: V)
    }
}
