// The fast GPT against real PyTorch (the book's GPTModel) and Hugging Face GPT-2:
// loss, logits, every gradient, generation; fixtures from make_gpt_fixtures.py.
import Foundation
import Testing
import Tensor
import NN

struct GPTFixture: Decodable {
    struct Config: Decodable { let vocab_size, context_length, emb_dim, n_heads, n_layers: Int }
    struct Book: Decodable {
        let config: Config
        let inputs, targets: [Int64]
        let shape: [Int]
        let loss: Double
        let logits: FixtureTensor
        let grads: [String: FixtureTensor]
        let state_dict_names: [String]
        let repr: String
        let prompt, generated: [Int]
        let dropout: Dropout
    }
    struct Dropout: Decodable {
        let drop_rate: Double
        let masks: [FixtureTensor]
        let loss: Double
        let logits: FixtureTensor
        let grads: [String: FixtureTensor]
    }
    struct HF: Decodable {
        let config: Config
        let ids: [Int]
        let logits: FixtureTensor
    }
    let book: Book
    let hf: HF

    static func url(_ name: String, _ ext: String) throws -> URL {
        try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
    }

    static func load() throws -> GPTFixture {
        try JSONDecoder().decode(GPTFixture.self, from: Data(contentsOf: url("gpt", "json")))
    }

    var bookConfig: GPTConfig {
        let c = book.config
        return GPTConfig(vocabSize: c.vocab_size, contextLength: c.context_length, embeddingDim: c.emb_dim,
                         headCount: c.n_heads, layerCount: c.n_layers, dropRate: 0, qkvBias: true)
    }

    /// The book's model with the fixture's weights.
    func bookModel(dropRate: Double = 0) throws -> GPTModel {
        let weights = try Safetensors.load(path: GPTFixture.url("gpt_book", "safetensors").path)
        var config = bookConfig
        config.dropRate = dropRate
        return try GPTModel(config: config, weights: Dictionary(uniqueKeysWithValues: weights.map { ($0.name, $0.tensor) }))
    }
}

/// The largest |a - b| over two equally long float arrays.
func maxAbsDifference(_ a: [Float], _ b: [Float]) -> Float {
    zip(a, b).map { abs($0 - $1) }.max() ?? 0
}

@Test func stateDictNamesAreTheBooks() throws {
    let f = try GPTFixture.load()
    let model = try f.bookModel()
    #expect(model.stateDict().map(\.name) == f.book.state_dict_names)
    #expect(model.namedParameters().map(\.name) == f.book.state_dict_names.filter { !$0.hasSuffix(".att.mask") })
    #expect(model.moduleDescription == f.book.repr)
}

@Test func presetsHaveTheBooksParameterCounts() {
    func count(_ c: GPTConfig) -> Int { GPTModel.parameterShapes(c).reduce(0) { $0 + $1.shape.reduce(1, *) } }
    #expect(count(.gpt2Small124M) == 163_009_536)   // chapter 4: "Total number of parameters: 163,009,536"
    #expect(count(.gpt2Medium355M) == 406_212_608)
    #expect(count(.gpt2Large774M) == 838_220_800)
    #expect(count(.gpt2XL1558M) == 1_637_792_000)
}

@Test func trainingForwardAndBackwardMatchTorch() throws {
    let f = try GPTFixture.load()
    let model = try f.bookModel()
    let inputs = try Tensor(int64s: f.book.inputs, shape: f.book.shape)
    let targets = try Tensor(int64s: f.book.targets, shape: f.book.shape)
    let loss = try #require(try model.forwardForTraining(inputs, targets: targets))
    #expect(abs(Double(loss) - f.book.loss) <= 1e-4 * abs(f.book.loss), "loss \(loss) vs \(f.book.loss)")
    expectClose(try model.trainingLogits(), f.book.logits, rtol: 1e-4, atol: 1e-5, "logits")
    try model.backward()
    for (name, parameter) in model.namedParameters() {
        expectClose(parameter.grad, f.book.grads[name], rtol: 1e-4, atol: 2e-6, name)
    }
    // A second backward without a forward is refused; gradients accumulate over steps.
    #expect(throws: TensorError.self) { try model.backward() }
    try model.forwardBackward(inputs, targets: targets)
    let doubled = try #require(f.book.grads["out_head.weight"])
    expectClose(model.namedParameters().last?.tensor.grad,
                FixtureTensor(shape: doubled.shape, values: doubled.values.map { 2 * $0 }), rtol: 1e-4, atol: 4e-6, "2x")
}

@Test func dropoutWithTorchsMasksMatchesTorch() throws {
    let f = try GPTFixture.load()
    let d = f.book.dropout
    let model = try f.bookModel(dropRate: d.drop_rate)
    var calls: [(shape: [Int], p: Double)] = []
    model.dropoutMasks = { shape, p, mask in
        let source = d.masks[min(calls.count, d.masks.count - 1)].values
        calls.append((shape, p))
        for i in mask.indices { mask[i] = i < source.count ? Float(source[i]) : .nan }
    }
    let inputs = try Tensor(int64s: f.book.inputs, shape: f.book.shape)
    let targets = try Tensor(int64s: f.book.targets, shape: f.book.shape)
    let loss = try #require(try model.forwardForTraining(inputs, targets: targets))
    #expect(calls.map(\.shape) == d.masks.map(\.shape))
    #expect(calls.allSatisfy { $0.p == d.drop_rate })
    #expect(abs(Double(loss) - d.loss) <= 1e-4 * abs(d.loss), "loss \(loss) vs \(d.loss)")
    expectClose(try model.trainingLogits(), d.logits, rtol: 1e-4, atol: 1e-5, "logits")
    try model.backward()
    for (name, parameter) in model.namedParameters() {
        expectClose(parameter.grad, d.grads[name], rtol: 1e-4, atol: 2e-6, name)
    }
    // eval() turns dropout off: the logits are the drop_rate-0 model's
    model.eval()
    try model.forwardForTraining(inputs, targets: nil)
    expectClose(try model.trainingLogits(), f.book.logits, rtol: 1e-4, atol: 1e-5, "eval logits")
}

@Test func cachedLogitsMatchTorch() throws {
    let f = try GPTFixture.load()
    let model = try f.bookModel()
    let (T, V) = (f.book.shape[1], model.config.vocabSize)
    let row = f.book.inputs.prefix(T).map { Int($0) }
    let expected = Array(f.book.logits.values.prefix(T * V).map { Float($0) })
    // prefill 3 tokens, then one token at a time through the KV cache
    let cache = try model.makeKVCache()
    var got = try model.logits(appending: Array(row.prefix(3)), cache: cache, allPositions: true).floatValues()
    for token in row.dropFirst(3) {
        got += try model.logits(appending: [token], cache: cache).floatValues()
    }
    #expect(cache.length == T)
    #expect(maxAbsDifference(got, expected) < 1e-4)
    // the whole batch at once through Module.forward
    let all = try model(Tensor(int64s: f.book.inputs, shape: f.book.shape))
    #expect(all.shape == [2, T, V])
    #expect(maxAbsDifference(all.floatValues(), f.book.logits.values.map { Float($0) }) < 1e-4)
}

@Test func greedyGenerationMatchesTorchWithAndWithoutCache() throws {
    let f = try GPTFixture.load()
    let model = try f.bookModel()
    let newTokens = f.book.generated.count - f.book.prompt.count   // runs past the context of 8
    let cached = try model.generate(prompt: f.book.prompt, maxNewTokens: newTokens)
    let recomputed = try model.generate(prompt: f.book.prompt, maxNewTokens: newTokens, useCache: false)
    #expect(cached == f.book.generated)
    #expect(recomputed == f.book.generated)
}

@Test(arguments: [(Float(1.0), Optional(5)), (0.7, nil), (2.0, 3)])
func sampledGenerationIsTheSameWithAndWithoutCache(temperature: Float, topK: Int?) throws {
    let model = try GPTModel(config: GPTConfig(vocabSize: 23, contextLength: 6, embeddingDim: 12, headCount: 3,
                                               layerCount: 2, qkvBias: true), seed: 5)
    func run(_ useCache: Bool) throws -> [Int] {
        let random = XorShiftRandom(seed: 99)
        return try model.generate(prompt: [1, 2], maxNewTokens: 14,
                                  sampling: .sample(temperature: temperature, topK: topK, uniform: random.uniform),
                                  useCache: useCache)
    }
    let cached = try run(true)
    #expect(cached.count == 16)
    #expect(cached == (try run(false)))
}

@Test func topKOfOneAndTemperatureZeroAreGreedy() throws {
    let model = try GPTModel(config: .tiny, seed: 3)
    let greedy = try model.generate(prompt: [4], maxNewTokens: 10)
    let random = XorShiftRandom(seed: 1)
    #expect(try model.generate(prompt: [4], maxNewTokens: 10,
                               sampling: .sample(temperature: 1, topK: 1, uniform: random.uniform)) == greedy)
    #expect(try model.generate(prompt: [4], maxNewTokens: 10,
                               sampling: .sample(temperature: 0, topK: nil, uniform: random.uniform)) == greedy)
}

@Test func huggingFaceGPT2LogitsMatch() throws {
    let f = try GPTFixture.load()
    let c = f.hf.config
    let config = GPTConfig(vocabSize: c.vocab_size, contextLength: c.context_length, embeddingDim: c.emb_dim,
                           headCount: c.n_heads, layerCount: c.n_layers, qkvBias: true)
    let model = try GPTModel.loadHuggingFace(path: GPTFixture.url("gpt_hf", "safetensors").path, config: config)
    let logits = try model(Tensor(int64s: f.hf.ids.map { Int64($0) }, shape: [1, f.hf.ids.count]))
    #expect(logits.shape == f.hf.logits.shape)
    #expect(maxAbsDifference(logits.floatValues(), f.hf.logits.values.map { Float($0) }) < 1e-4)
    var withoutBias = config
    withoutBias.qkvBias = false
    #expect(throws: TensorError.self) {
        try GPTModel.loadHuggingFace(path: GPTFixture.url("gpt_hf", "safetensors").path, config: withoutBias)
    }
}

@Test(arguments: [(false, 0.0), (true, 0.0), (true, 0.3)])
func gradientsMatchFiniteDifferences(qkvBias: Bool, dropRate: Double) throws {
    var config = GPTConfig.tiny
    config.qkvBias = qkvBias
    config.dropRate = dropRate
    let model = try GPTModel(config: config, seed: 11)
    // the same masks on every forward: the k-th mask of a forward comes from seed k
    let sitesPerForward = 1 + 3 * config.layerCount
    var call = 0
    model.dropoutMasks = { shape, p, mask in
        try GPTModel.bernoulliMasks(XorShiftRandom(seed: UInt64(call % sitesPerForward + 1)))(shape, p, mask)
        call += 1
    }
    // larger weights than GPT-2's 0.02 so every path carries signal
    for p in model.parameters() where p.rank == 2 { for i in 0..<p.count { p.floatPointer[i] *= 15 } }
    let inputs = try Tensor(int64s: [1, 5, 9, 2, 2, 7, 0, 10, 3, 4], shape: [2, 5])
    let targets = try Tensor(int64s: [5, 9, 2, 2, 7, 0, 10, 3, 4, 6], shape: [2, 5])
    try model.forwardBackward(inputs, targets: targets)
    let eps: Float = 1e-2
    for (name, p) in model.namedParameters() {
        let grad = try #require(p.grad).floatValues()
        for i in stride(from: 0, to: p.count, by: max(1, p.count / 4)) {
            let saved = p.floatPointer[i]
            p.floatPointer[i] = saved + eps
            let up = try #require(try model.forwardForTraining(inputs, targets: targets))
            p.floatPointer[i] = saved - eps
            let down = try #require(try model.forwardForTraining(inputs, targets: targets))
            p.floatPointer[i] = saved
            let numeric = (up - down) / (2 * eps)
            #expect(abs(numeric - grad[i]) <= 2e-3 + 0.05 * abs(grad[i]), "\(name)[\(i)]: \(grad[i]) vs \(numeric)")
        }
    }
}

@Test func adamWStepsOnTheGradientsAndLowersTheLoss() throws {
    let model = try GPTModel(config: .tiny, seed: 2)
    let optimizer = try AdamW(parameters: model.parameters(), lr: 1e-2, weightDecay: 0.1)
    let inputs = try Tensor(int64s: [1, 2, 3, 4, 5, 6], shape: [1, 6])
    let targets = try Tensor(int64s: [2, 3, 4, 5, 6, 7], shape: [1, 6])
    var losses: [Float] = []
    for _ in 0..<12 {
        model.zeroGradients()
        losses.append(try model.forwardBackward(inputs, targets: targets))
        try optimizer.step()
    }
    #expect(zip(losses, losses.dropFirst()).allSatisfy { $1 < $0 }, "\(losses)")
    #expect(losses[11] < losses[0] - 0.5, "\(losses)")
}

@Test func stateDictMovesWeightsBetweenModels() throws {
    let source = try GPTModel(config: .tiny, seed: 1), target = try GPTModel(config: .tiny, seed: 2)
    let ids = try Tensor(int64s: [3, 1, 4, 1, 5], shape: [1, 5])
    #expect(try source(ids).floatValues() != target(ids).floatValues())
    try target.loadStateDict(source.stateDict())
    #expect(try source(ids).floatValues() == target(ids).floatValues())
}

@Test func invalidUseThrows() throws {
    let model = try GPTModel(config: .tiny, seed: 1)
    #expect(throws: TensorError.self) { try model(Tensor(int64s: [11], shape: [1, 1])) }
    #expect(throws: TensorError.self) { try model(Tensor(int64s: [Int64](repeating: 0, count: 9), shape: [1, 9])) }
    #expect(throws: TensorError.self) { try model.generate(prompt: [], maxNewTokens: 3) }
    #expect(throws: TensorError.self) { try model.trainingLogits() }
    var dropout = GPTConfig.tiny
    dropout.dropRate = 0.1
    let ids = try Tensor(int64s: [1, 2], shape: [1, 2])
    let dropping = try GPTModel(config: dropout, seed: 1)
    #expect(throws: TensorError.self) { try dropping.forwardForTraining(ids, targets: ids) }
    dropping.dropoutMasks = GPTModel.bernoulliMasks(XorShiftRandom(seed: 4))
    #expect(try dropping.forwardForTraining(ids, targets: ids) != nil)
    dropping.dropoutMasks = nil
    dropping.eval()
    #expect(try dropping.forwardForTraining(ids, targets: ids) != nil)
    #expect(throws: TensorError.self) {
        try GPTModel(config: .tiny, weights: ["tok_emb.weight": Tensor(zeros: [11, 8])])
    }
    let cache = try model.makeKVCache(capacity: 2)
    _ = try model.logits(appending: [1, 2], cache: cache)
    #expect(throws: TensorError.self) { try model.logits(appending: [3], cache: cache) }
}
