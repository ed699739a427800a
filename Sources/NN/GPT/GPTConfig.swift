// The GPT's hyperparameters as a small value type with the book's named presets
// (GPT_CONFIG_124M of chapter 4 and the larger GPT-2 sizes of chapter 5).

import Tensor

/// The shape of a GPT: the book's `cfg` dictionary with Swift names.
public struct GPTConfig: Equatable, Sendable {
    /// `vocab_size`: tokens in the vocabulary.
    public var vocabSize: Int
    /// `context_length`: the longest input the model accepts (rows of `pos_emb`).
    public var contextLength: Int
    /// `emb_dim`: the width of every token's vector.
    public var embeddingDim: Int
    /// `n_heads`: attention heads per block (`embeddingDim` must divide evenly).
    public var headCount: Int
    /// `n_layers`: transformer blocks.
    public var layerCount: Int
    /// `drop_rate`: dropout probability (training with it needs `GPTModel.dropoutMasks`).
    public var dropRate: Double
    /// `qkv_bias`: biases in the query/key/value projections.
    public var qkvBias: Bool

    public init(vocabSize: Int, contextLength: Int, embeddingDim: Int, headCount: Int,
                layerCount: Int, dropRate: Double = 0, qkvBias: Bool = false) {
        (self.vocabSize, self.contextLength, self.embeddingDim) = (vocabSize, contextLength, embeddingDim)
        (self.headCount, self.layerCount, self.dropRate, self.qkvBias) = (headCount, layerCount, dropRate, qkvBias)
    }

    /// `emb_dim // n_heads`.
    public var headDimension: Int { embeddingDim / max(headCount, 1) }

    /// The book's GPT_CONFIG_124M.
    public static let gpt2Small124M = GPTConfig(vocabSize: 50257, contextLength: 1024, embeddingDim: 768,
                                                headCount: 12, layerCount: 12, dropRate: 0.1, qkvBias: false)
    /// GPT-2 medium (355M), chapter 5's `model_configs["gpt2-medium (355M)"]`.
    public static let gpt2Medium355M = GPTConfig(vocabSize: 50257, contextLength: 1024, embeddingDim: 1024,
                                                 headCount: 16, layerCount: 24, dropRate: 0.1, qkvBias: false)
    /// GPT-2 large (774M).
    public static let gpt2Large774M = GPTConfig(vocabSize: 50257, contextLength: 1024, embeddingDim: 1280,
                                                headCount: 20, layerCount: 36, dropRate: 0.1, qkvBias: false)
    /// GPT-2 XL (1558M).
    public static let gpt2XL1558M = GPTConfig(vocabSize: 50257, contextLength: 1024, embeddingDim: 1600,
                                              headCount: 25, layerCount: 48, dropRate: 0.1, qkvBias: false)
    /// A few thousand parameters, for tests.
    public static let tiny = GPTConfig(vocabSize: 11, contextLength: 8, embeddingDim: 8,
                                       headCount: 2, layerCount: 2, dropRate: 0, qkvBias: false)

    /// Throws `ValueError` unless every size is positive and the heads divide the width.
    public func validate() throws {
        guard vocabSize > 0, contextLength > 0, embeddingDim > 0, headCount > 0, layerCount >= 0 else {
            throw TensorError.value("GPTConfig sizes must be positive, got \(self)")
        }
        guard embeddingDim % headCount == 0 else { throw TensorError.value("d_out must be divisible by num_heads") }
        guard (0..<1).contains(dropRate) else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(dropRate)")
        }
    }
}
