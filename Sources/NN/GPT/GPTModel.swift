// The Swift-native GPT ("fast path"): the book's GPTModel (lessons/gpt.py,
// chapter 4) as a Module tree with the same state-dict names, run by raw kernels.

import Foundation
import Tensor

/// One transformer block's parameters, as registered in the module tree.
struct GPTBlockWeights {
    let query, key, value: Tensor                 // att.W_query/W_key/W_value.weight [C, C]
    let queryBias, keyBias, valueBias: Tensor?    // [C] when qkv_bias
    let outWeight, outBias: Tensor                // att.out_proj [C, C], [C]
    let fcWeight, fcBias: Tensor                  // ff.layers.0 [4C, C], [4C]
    let projWeight, projBias: Tensor              // ff.layers.2 [C, 4C], [C]
    let norm1Scale, norm1Shift, norm2Scale, norm2Shift: Tensor  // [C]
}

/// Fills a dropout site's mask: `shape` is the site's activation shape, `probability` the
/// drop rate, `mask` gets 0 (dropped) or 1/(1 - p) (kept), as `nn.Dropout` scales in training.
public typealias GPTDropoutMasks = (_ shape: [Int], _ probability: Double,
                                    _ mask: UnsafeMutableBufferPointer<Float>) throws -> Void

/// The book's `GPTModel(cfg)`: token and position embeddings, `layerCount` pre-LayerNorm
/// transformer blocks (causal multi-head attention, then a 4x tanh-GELU feed-forward,
/// each with a shortcut), a final LayerNorm and an untied output head without bias.
///
/// Parameter names are the book's `state_dict()` names (`tok_emb.weight`,
/// `trf_blocks.0.att.W_query.weight`, `trf_blocks.0.norm1.scale`, `out_head.weight`, ...),
/// and each block's attention holds the book's `mask` buffer, so `loadStateDict` moves
/// weights both ways between this model and the script-level one.
///
/// Dropout: training with `dropRate > 0` asks `dropoutMasks` for each mask, in the book's
/// forward order (drop_emb [B, T, C]; per block att.dropout [B, H, T, T], then drop_shortcut
/// [B, T, C] after attention and after the feed-forward), so a PyTorch-exact generator can
/// reproduce torch's dropout. Inference and `eval()` never drop.
public final class GPTModel: Module {
    public let config: GPTConfig
    let tokenEmbedding: Tensor     // [V, C]
    let positionEmbedding: Tensor  // [contextLength, C]
    let blocks: [GPTBlockWeights]
    let finalScale, finalShift: Tensor  // [C]
    let outputHead: Tensor         // [V, C]
    /// Training buffers from the last `forwardForTraining`, reused while B and T stay the same.
    var activations: GPTActivations?
    /// Where training with `dropRate > 0` gets its masks (see `GPTDropoutMasks`).
    public var dropoutMasks: GPTDropoutMasks?

    /// Masks from `random`: each element kept with probability 1 - p (uniform() >= p).
    /// Not PyTorch's random stream; for benchmarks and experiments.
    public static func bernoulliMasks(_ random: XorShiftRandom) -> GPTDropoutMasks {
        { _, p, mask in
            let scale = Float(1 / (1 - p))
            for i in mask.indices { mask[i] = random.uniform() >= p ? scale : 0 }
        }
    }

    /// The parameters' names and shapes in the order the book's model registers them.
    public static func parameterShapes(_ config: GPTConfig) -> [(name: String, shape: [Int])] {
        let (V, C) = (config.vocabSize, config.embeddingDim)
        var result: [(String, [Int])] = [("tok_emb.weight", [V, C]), ("pos_emb.weight", [config.contextLength, C])]
        for i in 0..<config.layerCount {
            let p = "trf_blocks.\(i)."
            for projection in ["W_query", "W_key", "W_value"] {
                result.append(("\(p)att.\(projection).weight", [C, C]))
                if config.qkvBias { result.append(("\(p)att.\(projection).bias", [C])) }
            }
            result += [("\(p)att.out_proj.weight", [C, C]), ("\(p)att.out_proj.bias", [C]),
                       ("\(p)ff.layers.0.weight", [4 * C, C]), ("\(p)ff.layers.0.bias", [4 * C]),
                       ("\(p)ff.layers.2.weight", [C, 4 * C]), ("\(p)ff.layers.2.bias", [C]),
                       ("\(p)norm1.scale", [C]), ("\(p)norm1.shift", [C]),
                       ("\(p)norm2.scale", [C]), ("\(p)norm2.shift", [C])]
        }
        result += [("final_norm.scale", [C]), ("final_norm.shift", [C]), ("out_head.weight", [V, C])]
        return result
    }

    /// A model holding the given tensors (by the book's names, float32) as its parameters.
    /// Every parameter must be present with its shape; `*.att.mask` entries are accepted
    /// and ignored (the mask is rebuilt); other unknown names are an error.
    public init(config: GPTConfig, weights: [String: Tensor]) throws {
        try config.validate()
        self.config = config
        let shapes = GPTModel.parameterShapes(config)
        let known = Set(shapes.map(\.name))
        if let stray = weights.keys.sorted().first(where: { !known.contains($0) && !$0.hasSuffix(".att.mask") }) {
            throw TensorError.runtime("GPTModel: unexpected weight \"\(stray)\"")
        }
        var table: [String: Tensor] = [:]
        for (name, shape) in shapes {
            guard let tensor = weights[name] else { throw TensorError.runtime("GPTModel: missing weight \"\(name)\"") }
            guard tensor.shape == shape, tensor.dtype == .float32 else {
                throw TensorError.runtime("GPTModel: weight \"\(name)\" has shape \(tensor.shape) (\(tensor.dtype.name)), "
                    + "expected \(shape) (torch.float32)")
            }
            table[name] = try tensor.contiguousData()
        }
        let lookup = table
        func w(_ name: String) throws -> Tensor {
            guard let t = lookup[name] else { throw TensorError.runtime("GPTModel: missing weight \"\(name)\"") }
            return t
        }
        tokenEmbedding = try w("tok_emb.weight")
        positionEmbedding = try w("pos_emb.weight")
        blocks = try (0..<config.layerCount).map { i in
            let p = "trf_blocks.\(i)."
            return GPTBlockWeights(
                query: try w(p + "att.W_query.weight"), key: try w(p + "att.W_key.weight"), value: try w(p + "att.W_value.weight"),
                queryBias: table[p + "att.W_query.bias"], keyBias: table[p + "att.W_key.bias"],
                valueBias: table[p + "att.W_value.bias"],
                outWeight: try w(p + "att.out_proj.weight"), outBias: try w(p + "att.out_proj.bias"),
                fcWeight: try w(p + "ff.layers.0.weight"), fcBias: try w(p + "ff.layers.0.bias"),
                projWeight: try w(p + "ff.layers.2.weight"), projBias: try w(p + "ff.layers.2.bias"),
                norm1Scale: try w(p + "norm1.scale"), norm1Shift: try w(p + "norm1.shift"),
                norm2Scale: try w(p + "norm2.scale"), norm2Shift: try w(p + "norm2.shift"))
        }
        finalScale = try w("final_norm.scale")
        finalShift = try w("final_norm.shift")
        outputHead = try w("out_head.weight")
        super.init(typeName: "GPTModel")
        try buildModuleTree()
    }

    /// A model with GPT-2-style random weights (normal(0, 0.02) matrices and embeddings,
    /// zero biases, unit LayerNorm scales) from a xorshift generator: for benchmarks and
    /// tests, not PyTorch's initialisation.
    public convenience init(config: GPTConfig, seed: UInt64) throws {
        try config.validate()
        let random = XorShiftRandom(seed: seed)
        var weights: [String: Tensor] = [:]
        for (name, shape) in GPTModel.parameterShapes(config) {
            let t = try Tensor(zeros: shape)
            let p = t.floatPointer
            if name.hasSuffix(".scale") {
                for i in 0..<t.count { p[i] = 1 }
            } else if shape.count == 2 {
                for i in 0..<t.count { p[i] = 0.02 * random.normal() }
            }
            weights[name] = t
        }
        try self.init(config: config, weights: weights)
    }

    // MARK: the module tree (names and reprs as the book's classes)

    private func buildModuleTree() throws {
        registerModule("tok_emb", try Embedding(weight: tokenEmbedding))
        registerModule("pos_emb", try Embedding(weight: positionEmbedding))
        registerModule("drop_emb", GPTDropout(config.dropRate))
        // The book's `mask`: triu(ones(T, T), diagonal=1), one tensor shared by every block.
        let T = config.contextLength
        let mask = try Tensor(zeros: [T, T])
        let m = mask.floatPointer
        for i in 0..<T { for j in (i + 1)..<max(T, i + 1) { m[i * T + j] = 1 } }
        var blockModules: [Module] = []
        for block in blocks {
            let attention = GPTPart("MultiHeadAttention")
            attention.registerModule("W_query", try Linear(weight: block.query, bias: block.queryBias))
            attention.registerModule("W_key", try Linear(weight: block.key, bias: block.keyBias))
            attention.registerModule("W_value", try Linear(weight: block.value, bias: block.valueBias))
            attention.registerModule("out_proj", try Linear(weight: block.outWeight, bias: block.outBias))
            attention.registerModule("dropout", GPTDropout(config.dropRate))
            attention.registerBuffer("mask", mask)
            let feedForward = GPTPart("FeedForward")
            feedForward.registerModule("layers", Sequential([
                try Linear(weight: block.fcWeight, bias: block.fcBias), GPTPart("GELU"),
                try Linear(weight: block.projWeight, bias: block.projBias)]))
            let transformer = GPTPart("TransformerBlock")
            transformer.registerModule("att", attention)
            transformer.registerModule("ff", feedForward)
            transformer.registerModule("norm1", try GPTLayerNorm(scale: block.norm1Scale, shift: block.norm1Shift))
            transformer.registerModule("norm2", try GPTLayerNorm(scale: block.norm2Scale, shift: block.norm2Shift))
            transformer.registerModule("drop_shortcut", GPTDropout(config.dropRate))
            blockModules.append(transformer)
        }
        registerModule("trf_blocks", Sequential(blockModules))
        registerModule("final_norm", try GPTLayerNorm(scale: finalScale, shift: finalShift))
        registerModule("out_head", try Linear(weight: outputHead, bias: nil))
    }

    /// Every parameter tensor in `parameterShapes` order.
    var parameterTensors: [Tensor] {
        var result = [tokenEmbedding, positionEmbedding]
        for b in blocks {
            result += [b.query]; if let t = b.queryBias { result.append(t) }
            result += [b.key]; if let t = b.keyBias { result.append(t) }
            result += [b.value]; if let t = b.valueBias { result.append(t) }
            result += [b.outWeight, b.outBias, b.fcWeight, b.fcBias, b.projWeight, b.projBias,
                       b.norm1Scale, b.norm1Shift, b.norm2Scale, b.norm2Shift]
        }
        return result + [finalScale, finalShift, outputHead]
    }

    /// `zero_grad(set_to_none=False)`: zeroes the gradients in place, keeping their memory
    /// (what a training loop wants: the next backward adds into them without allocating).
    public func zeroGradients() {
        for p in parameterTensors {
            if let g = p.grad, g.isContiguous, g.dtype == .float32 { g.floatPointer.update(repeating: 0, count: g.count) }
        }
    }

    /// The gradient buffer of parameter `p`, created (zeros) when it has none.
    func gradientPointer(_ p: Tensor) throws -> UnsafeMutablePointer<Float> {
        if let g = p.grad, g.shape == p.shape, g.isContiguous, g.dtype == .float32 { return g.floatPointer }
        if p.grad != nil { throw TensorError.runtime("GPTModel: a parameter's .grad is not a contiguous float tensor of its shape") }
        let g = try Tensor(zeros: p.shape)
        p.grad = g
        return g.floatPointer
    }

    /// `model(in_idx)` in eval mode: int64 ids [B, T] -> logits [B, T, V], without autograd.
    public override func forward(_ x: Tensor) throws -> Tensor {
        let (ids, batch, tokens) = try tokenIDs(x, "token ids")
        guard batch > 0, tokens > 0 else { throw TensorError.runtime("GPTModel: empty input \(x.shape)") }
        let cache = try makeKVCache(batch: batch, capacity: tokens)
        return try logits(appending: ids.map { Int($0) }, cache: cache, allPositions: true)
    }
}

/// A container module of the book's model (`TransformerBlock`, `MultiHeadAttention`, ...):
/// here it only holds parameters; `GPTModel` runs the whole network.
final class GPTPart: Module {
    init(_ name: String) { super.init(typeName: name) }

    override func forward(_ x: Tensor) throws -> Tensor {
        throw TensorError.runtime("\(typeName) of the fast GPTModel holds parameters only; run the whole GPTModel")
    }
}

/// The book's LayerNorm: parameters `scale` and `shift`.
final class GPTLayerNorm: Module {
    init(scale: Tensor, shift: Tensor) throws {
        super.init(typeName: "LayerNorm")
        try registerParameter("scale", scale)
        try registerParameter("shift", shift)
    }

    override func forward(_ x: Tensor) throws -> Tensor {
        throw TensorError.runtime("LayerNorm of the fast GPTModel holds parameters only; run the whole GPTModel")
    }
}

/// `nn.Dropout(p)` as the tree shows it; the fast path applies no dropout.
final class GPTDropout: Module {
    let p: Double
    init(_ p: Double) { self.p = p; super.init(typeName: "Dropout") }
    override func forward(_ x: Tensor) throws -> Tensor { x }
    override func extraRepr() -> String { "p=\(formatPythonFloat(p)), inplace=False" }
}

/// Marsaglia's xorshift64*: a small, fast, seedable generator for benchmarks, random
/// weights and sampling outside the PyTorch-exact RNG.
public final class XorShiftRandom {
    private var state: UInt64

    public init(seed: UInt64) { state = seed == 0 ? 0x9E37_79B9_7F4A_7C15 : seed }

    public func next() -> UInt64 {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }

    /// Uniform in [0, 1) with 53 random bits.
    public func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// Standard normal by Box-Muller.
    public func normal() -> Float {
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        return Float((-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2))
    }
}
