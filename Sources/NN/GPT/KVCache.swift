// The key/value cache of fast GPT inference, with the scratch buffers a forward
// step needs, so decoding a token allocates nothing. Serves `llmwb bench generate`.

import Foundation
import Tensor

/// Keys and values of every layer for the tokens seen so far, plus inference scratch.
///
/// Layout: per layer, keys and values [batch, capacity, C]; `length` tokens of each batch
/// row are filled (positions 0..<length). Scratch grows on a long prefill and is then
/// reused: decoding one token at a time touches only preallocated memory.
public final class GPTKVCache {
    typealias Pointer = UnsafeMutablePointer<Float>
    public let batch: Int
    /// The most tokens (per batch row) the cache holds; at most the model's context length.
    public let capacity: Int
    /// Tokens per batch row already in the cache.
    public internal(set) var length = 0
    let config: GPTConfig
    private let cacheBuffers: FloatBuffers
    let keys: [Pointer], values: [Pointer]
    /// New token ids, [batch, new tokens], room for `capacity` per row.
    let ids: UnsafeMutablePointer<Int32>
    /// Sampling scratch [V].
    let probabilities: Pointer

    private var scratchBuffers = FloatBuffers()
    private(set) var rowCapacity = 0, scoreCapacity = 0, logitRowCapacity = 0
    private(set) var x: Pointer, ln: Pointer, q: Pointer, y: Pointer  // [rows, C]
    private(set) var hidden: Pointer                                  // [rows, 4C]
    private(set) var scores: Pointer                                  // [B, H, Tn, L]
    private(set) var logits: Pointer                                  // [logit rows, V]

    init(config: GPTConfig, batch: Int, capacity: Int) throws {
        guard batch > 0, capacity > 0, capacity <= config.contextLength else {
            throw TensorError.value("a KV cache needs batch >= 1 and 1 <= capacity <= \(config.contextLength), "
                + "got batch \(batch), capacity \(capacity)")
        }
        (self.config, self.batch, self.capacity) = (config, batch, capacity)
        let perLayer = batch * capacity * config.embeddingDim
        let buffers = FloatBuffers()
        cacheBuffers = buffers
        keys = try (0..<config.layerCount).map { _ in try buffers.make(perLayer) }
        values = try (0..<config.layerCount).map { _ in try buffers.make(perLayer) }
        ids = try buffers.makeInt32(batch * capacity)
        probabilities = try buffers.make(config.vocabSize)
        // placeholders until reserve() sizes the scratch for one decoding step
        (x, ln, q, y, hidden, scores, logits) = (probabilities, probabilities, probabilities, probabilities,
                                                 probabilities, probabilities, probabilities)
        try reserve(rows: batch, scores: batch * config.headCount * capacity, logitRows: batch)
    }

    /// Forgets every cached token (the buffers stay).
    public func reset() { length = 0 }

    /// Makes the scratch big enough for `rows` new token rows, `scores` attention weights and
    /// `logitRows` rows of logits; keeps it when it already is.
    func reserve(rows: Int, scores scoreCount: Int, logitRows: Int) throws {
        guard rows > rowCapacity || scoreCount > scoreCapacity || logitRows > logitRowCapacity else { return }
        let (r, s, l) = (max(rows, rowCapacity), max(scoreCount, scoreCapacity), max(logitRows, logitRowCapacity))
        let buffers = FloatBuffers()
        let C = config.embeddingDim
        x = try buffers.make(r * C); ln = try buffers.make(r * C); q = try buffers.make(r * C); y = try buffers.make(r * C)
        hidden = try buffers.make(r * 4 * C)
        scores = try buffers.make(s)
        logits = try buffers.make(l * config.vocabSize)
        scratchBuffers = buffers
        (rowCapacity, scoreCapacity, logitRowCapacity) = (r, s, l)
    }
}

extension GPTModel {
    /// An empty KV cache for `batch` sequences of up to `capacity` tokens (default: the context length).
    public func makeKVCache(batch: Int = 1, capacity: Int? = nil) throws -> GPTKVCache {
        try GPTKVCache(config: config, batch: batch, capacity: capacity ?? config.contextLength)
    }

    /// Runs `newTokens` ids per batch row (already in `cache.ids`, [B, Tn]) through the model,
    /// appending their keys and values to the cache. Returns the logits: [B * Tn, V] with
    /// `allPositions`, else [B, V] for each row's last token. The pointer is cache scratch,
    /// valid until the next call.
    func runCached(_ cache: GPTKVCache, newTokens Tn: Int, allPositions: Bool) throws -> UnsafeMutablePointer<Float> {
        let B = cache.batch, L0 = cache.length, L = L0 + Tn
        let C = config.embeddingDim, H = config.headCount, V = config.vocabSize
        guard Tn > 0, L <= cache.capacity else {
            throw TensorError.runtime("GPTModel: \(L) tokens do not fit the KV cache of \(cache.capacity)")
        }
        let rows = B * Tn
        try cache.reserve(rows: rows, scores: B * H * Tn * L, logitRows: allPositions ? rows : B)
        let x = cache.x, ln = cache.ln, q = cache.q, y = cache.y, hidden = cache.hidden
        GPTKernels.encoderForward(x, ids: cache.ids, wte: tokenEmbedding.floatPointer, wpe: positionEmbedding.floatPointer,
                                  rows: rows, T: Tn, C: C, positionOffset: L0)
        for (l, w) in blocks.enumerated() {
            // x = x + out_proj(attention(norm1(x))), the new keys/values appended to the cache
            GPTKernels.layerNormForward(ln, mean: nil, rstd: nil, inp: x, scale: w.norm1Scale.floatPointer,
                                        shift: w.norm1Shift.floatPointer, rows: rows, C: C)
            GPTKernels.matmulForward(q, inp: ln, weight: w.query.floatPointer, bias: w.queryBias?.floatPointer,
                                     rows: rows, inFeatures: C, outFeatures: C)
            for b in 0..<B {
                let slot = (b * cache.capacity + L0) * C
                GPTKernels.matmulForward(cache.keys[l] + slot, inp: ln + b * Tn * C, weight: w.key.floatPointer,
                                         bias: w.keyBias?.floatPointer, rows: Tn, inFeatures: C, outFeatures: C)
                GPTKernels.matmulForward(cache.values[l] + slot, inp: ln + b * Tn * C, weight: w.value.floatPointer,
                                         bias: w.valueBias?.floatPointer, rows: Tn, inFeatures: C, outFeatures: C)
            }
            GPTKernels.attentionForward(y: y, att: cache.scores, q: q, k: cache.keys[l], v: cache.values[l], batch: B,
                                        newTokens: Tn, pastTokens: L0, kvBatchStride: cache.capacity * C,
                                        channels: C, heads: H)
            GPTKernels.matmulForward(x, inp: y, weight: w.outWeight.floatPointer, bias: w.outBias.floatPointer,
                                     rows: rows, inFeatures: C, outFeatures: C, accumulate: true)
            // x = x + ff(norm2(x))
            GPTKernels.layerNormForward(ln, mean: nil, rstd: nil, inp: x, scale: w.norm2Scale.floatPointer,
                                        shift: w.norm2Shift.floatPointer, rows: rows, C: C)
            GPTKernels.matmulForward(hidden, inp: ln, weight: w.fcWeight.floatPointer, bias: w.fcBias.floatPointer,
                                     rows: rows, inFeatures: C, outFeatures: 4 * C)
            GPTKernels.geluForward(hidden, inp: hidden, count: rows * 4 * C)
            GPTKernels.matmulForward(x, inp: hidden, weight: w.projWeight.floatPointer, bias: w.projBias.floatPointer,
                                     rows: rows, inFeatures: 4 * C, outFeatures: C, accumulate: true)
        }
        cache.length = L
        // logits = final_norm(x) · out_head^T, for every row or each batch row's last token
        let logitRows = allPositions ? rows : B
        if allPositions {
            GPTKernels.layerNormForward(ln, mean: nil, rstd: nil, inp: x, scale: finalScale.floatPointer,
                                        shift: finalShift.floatPointer, rows: rows, C: C)
        } else {
            for b in 0..<B {
                GPTKernels.layerNormForward(ln + b * C, mean: nil, rstd: nil, inp: x + (b * Tn + Tn - 1) * C,
                                            scale: finalScale.floatPointer, shift: finalShift.floatPointer, rows: 1, C: C)
            }
        }
        GPTKernels.matmulForward(cache.logits, inp: ln, weight: outputHead.floatPointer, bias: nil,
                                 rows: logitRows, inFeatures: C, outFeatures: V)
        return cache.logits
    }

    /// Appends `tokens` ([batch, Tn] row-major, Tn = tokens.count / batch) to `cache` and
    /// returns their logits: [B, Tn, V] with `allPositions`, else [B, V] for the last token.
    public func logits(appending tokens: [Int], cache: GPTKVCache, allPositions: Bool = false) throws -> Tensor {
        let B = cache.batch
        guard !tokens.isEmpty, tokens.count % B == 0 else {
            throw TensorError.runtime("GPTModel: \(tokens.count) token ids do not split into \(B) rows")
        }
        let Tn = tokens.count / B
        guard cache.length + Tn <= cache.capacity else {
            throw TensorError.runtime("GPTModel: \(cache.length + Tn) tokens do not fit the KV cache of \(cache.capacity)")
        }
        for (i, t) in tokens.enumerated() {
            guard t >= 0 && t < config.vocabSize else {
                throw TensorError.index("index out of range in self (token id \(t), vocabulary \(config.vocabSize))")
            }
            cache.ids[i] = Int32(t)
        }
        let pointer = try runCached(cache, newTokens: Tn, allPositions: allPositions)
        let out = try Tensor(zeros: allPositions ? [B, Tn, config.vocabSize] : [B, config.vocabSize])
        out.floatPointer.update(from: pointer, count: out.count)
        return out
    }
}
