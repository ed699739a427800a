// The fast GPT's backward pass (llm.c's `gpt2_backward`): the layers of the
// forward in reverse, gradients added into each parameter's `.grad`. Chapter 5.

import Foundation
import Tensor

extension GPTModel {
    /// Backpropagates the mean loss of the last `forwardForTraining` (which needs targets)
    /// through every layer, ADDING each parameter's gradient into its `.grad` (created as
    /// zeros when missing), as `loss.backward()` does. `NN.AdamW(parameters:)` can then step.
    /// Overwrites the saved logits.
    public func backward() throws {
        guard let a = activations, a.readyForBackward else {
            throw TensorError.runtime("GPTModel: backward() needs a forwardForTraining with targets first")
        }
        let (B, T) = (a.batch, a.tokens)
        let BT = B * T, C = config.embeddingDim, V = config.vocabSize, H = config.headCount
        let gradOutputHead = try gradientPointer(outputHead)
        let gradFinalScale = try gradientPointer(finalScale), gradFinalShift = try gradientPointer(finalShift)
        let gradTokens = try gradientPointer(tokenEmbedding), gradPositions = try gradientPointer(positionEmbedding)

        // loss = mean cross-entropy -> dlogits [BT, V], in place of the logits
        GPTKernels.crossEntropyBackward(logits: a.logits, lse: a.lse, targets: a.targets,
                                        rows: BT, vocab: V, scale: 1 / Float(BT))
        a.logitsValid = false
        a.readyForBackward = false
        // logits = lnf · out_head^T
        GPTKernels.matmulBackward(dinp: a.dln, dweight: gradOutputHead, dbias: nil, dout: a.logits, inp: a.lnf,
                                  weight: outputHead.floatPointer, rows: BT, inFeatures: C, outFeatures: V,
                                  accumulateInput: false)
        a.dresidual.update(repeating: 0, count: BT * C)
        GPTKernels.layerNormBackward(dinp: a.dresidual, dscale: gradFinalScale, dshift: gradFinalShift, dout: a.dln,
                                     inp: a.residuals[config.layerCount], scale: finalScale.floatPointer,
                                     mean: a.lnfMean, rstd: a.lnfRstd, rows: BT, C: C)
        for l in stride(from: config.layerCount - 1, through: 0, by: -1) {
            let w = blocks[l], act = a.layers[l]
            // out = residual2 + drop(fchGelu · proj^T + proj_bias); dresidual flows to residual2 unchanged
            let dff = dropped(a.dresidual, act.ffShortcutMask, a)
            GPTKernels.matmulBackward(dinp: a.dfch, dweight: try gradientPointer(w.projWeight),
                                      dbias: try gradientPointer(w.projBias), dout: dff, inp: act.fchGelu,
                                      weight: w.projWeight.floatPointer, rows: BT, inFeatures: 4 * C, outFeatures: C,
                                      accumulateInput: false)
            GPTKernels.geluBackward(dinp: a.dfch, inp: act.fch, dout: a.dfch, count: BT * 4 * C)
            GPTKernels.matmulBackward(dinp: a.dln, dweight: try gradientPointer(w.fcWeight),
                                      dbias: try gradientPointer(w.fcBias), dout: a.dfch, inp: act.ln2,
                                      weight: w.fcWeight.floatPointer, rows: BT, inFeatures: C, outFeatures: 4 * C,
                                      accumulateInput: false)
            GPTKernels.layerNormBackward(dinp: a.dresidual, dscale: try gradientPointer(w.norm2Scale),
                                         dshift: try gradientPointer(w.norm2Shift), dout: a.dln, inp: act.residual2,
                                         scale: w.norm2Scale.floatPointer, mean: act.ln2Mean, rstd: act.ln2Rstd,
                                         rows: BT, C: C)
            // residual2 = x + drop(atty · out_proj^T + out_bias)
            let dattention = dropped(a.dresidual, act.attShortcutMask, a)
            GPTKernels.matmulBackward(dinp: a.datty, dweight: try gradientPointer(w.outWeight),
                                      dbias: try gradientPointer(w.outBias), dout: dattention, inp: act.atty,
                                      weight: w.outWeight.floatPointer, rows: BT, inFeatures: C, outFeatures: C,
                                      accumulateInput: false)
            GPTKernels.attentionBackward(dq: a.dq, dk: a.dk, dv: a.dv, datt: a.datt, dy: a.datty,
                                         q: act.q, k: act.k, v: act.v, att: act.att,
                                         batch: B, tokens: T, channels: C, heads: H,
                                         dropoutMask: act.attMask, dropped: act.attDropped)
            // q, k, v = ln1 · W^T (+ b): dln1 = dq·Wq + dk·Wk + dv·Wv
            let projections: [(Tensor, Tensor?, UnsafeMutablePointer<Float>)] =
                [(w.query, w.queryBias, a.dq), (w.key, w.keyBias, a.dk), (w.value, w.valueBias, a.dv)]
            for (i, (weight, bias, dout)) in projections.enumerated() {
                GPTKernels.matmulBackward(dinp: a.dln, dweight: try gradientPointer(weight),
                                          dbias: try bias.map { try gradientPointer($0) }, dout: dout, inp: act.ln1,
                                          weight: weight.floatPointer, rows: BT, inFeatures: C, outFeatures: C,
                                          accumulateInput: i > 0)
            }
            GPTKernels.layerNormBackward(dinp: a.dresidual, dscale: try gradientPointer(w.norm1Scale),
                                         dshift: try gradientPointer(w.norm1Shift), dout: a.dln, inp: a.residuals[l],
                                         scale: w.norm1Scale.floatPointer, mean: act.ln1Mean, rstd: act.ln1Rstd,
                                         rows: BT, C: C)
        }
        if let m = a.embeddingMask { GPTKernels.multiply(a.dresidual, by: m, count: BT * C) }
        GPTKernels.encoderBackward(dwte: gradTokens, dwpe: gradPositions, dout: a.dresidual, ids: a.ids,
                                   rows: BT, T: T, C: C)
    }

    /// The gradient through a dropout mask: `gradient * mask` in the activations' scratch,
    /// or `gradient` itself without dropout.
    private func dropped(_ gradient: UnsafeMutablePointer<Float>, _ mask: UnsafeMutablePointer<Float>?,
                         _ a: GPTActivations) -> UnsafeMutablePointer<Float> {
        guard let mask, let scratch = a.projection else { return gradient }
        let count = a.batch * a.tokens * config.embeddingDim
        scratch.update(from: gradient, count: count)
        GPTKernels.multiply(scratch, by: mask, count: count)
        return scratch
    }

    /// One training step's forward and backward: returns the mean loss, gradients added into `.grad`.
    @discardableResult
    public func forwardBackward(_ inputs: Tensor, targets: Tensor) throws -> Float {
        let loss = try forwardForTraining(inputs, targets: targets) ?? .nan
        try backward()
        return loss
    }
}
