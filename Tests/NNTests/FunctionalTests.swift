// F.linear, F.embedding, F.layer_norm and F.cross_entropy against real PyTorch:
// outputs, gradients and grad_fn names.
import Testing
import Tensor
import NN

private struct LinearCase: Decodable {
    let x, w, y, g, gx, gw: FixtureTensor
    let b, gb: FixtureTensor?
    let grad_fn: String
}

@Test(arguments: ["2d", "3d", "nobias", "1d"])
func linearMatchesTorch(name: String) throws {
    let c = try NNFixture.decode(LinearCase.self, "linear_\(name)")
    let x = try c.x.leaf(), w = try c.w.leaf(), b = try c.b?.leaf()
    let y = try Functional.linear(x, weight: w, bias: b)
    expectClose(y, c.y, "y")
    #expect(y.gradFn?.name == c.grad_fn)
    try y.backward(gradient: c.g.tensor())
    expectClose(x.grad, c.gx, "gx")
    expectClose(w.grad, c.gw, "gw")
    expectClose(b?.grad, c.gb, "gb")
}

@Test func linearShapeErrorNamesBothShapes() throws {
    let x = try Tensor(zeros: [6, 3]), w = try Tensor(zeros: [2, 2])
    #expect(throws: TensorError.runtime("mat1 and mat2 shapes cannot be multiplied (6x3 and 2x2)")) {
        try Functional.linear(x, weight: w, bias: nil)
    }
}

private struct EmbeddingCase: Decodable { let ids: [Int64]; let ids_shape: [Int]; let w, y, g, gw: FixtureTensor }

@Test func embeddingGathersRowsAndScattersGradients() throws {
    let c = try NNFixture.decode(EmbeddingCase.self, "embedding")
    let w = try c.w.leaf()
    let y = try Functional.embedding(Tensor(int64s: c.ids, shape: c.ids_shape), weight: w)
    expectClose(y, c.y, rtol: 0, atol: 0, "y")
    #expect(y.gradFn?.name == "EmbeddingBackward0")
    try y.backward(gradient: c.g.tensor())
    expectClose(w.grad, c.gw, "gw")
    #expect(throws: TensorError.index("index out of range in self")) {
        try Functional.embedding(Tensor(int64s: [6], shape: [1]), weight: w)
    }
}

private struct LayerNormCase: Decodable { let x, w, b, y, g, gx, gw, gb: FixtureTensor; let ns: [Int] }

@Test(arguments: ["last", "two"])
func layerNormMatchesTorch(name: String) throws {
    let c = try NNFixture.decode(LayerNormCase.self, "layer_norm_\(name)")
    let x = try c.x.leaf(), w = try c.w.leaf(), b = try c.b.leaf()
    let y = try Functional.layerNorm(x, normalizedShape: c.ns, weight: w, bias: b)
    expectClose(y, c.y, rtol: 1e-5, atol: 1e-5, "y")
    #expect(y.gradFn?.name == "NativeLayerNormBackward0")
    try y.backward(gradient: c.g.tensor())
    expectClose(x.grad, c.gx, rtol: 1e-4, atol: 1e-5, "gx")
    expectClose(w.grad, c.gw, rtol: 1e-5, atol: 1e-5, "gw")
    expectClose(b.grad, c.gb, rtol: 1e-5, atol: 1e-5, "gb")
}

private struct CrossEntropyCase: Decodable {
    let logits, loss, g, glogits: FixtureTensor
    let target: [Int64]
    let reduction: String
}

@Test(arguments: ["mean", "sum", "none", "ignore"])
func crossEntropyMatchesTorch(name: String) throws {
    let c = try NNFixture.decode(CrossEntropyCase.self, "cross_entropy_\(name)")
    let logits = try c.logits.leaf()
    let reduction = try #require(Functional.Reduction(rawValue: c.reduction))
    let loss = try Functional.crossEntropy(logits, target: Tensor(int64s: c.target, shape: [c.target.count]),
                                           reduction: reduction)
    expectClose(loss, c.loss, "loss")
    #expect(loss.gradFn?.name == "NllLossBackward0")
    try loss.backward(gradient: c.g.tensor())
    expectClose(logits.grad, c.glogits, "grad")
}

@Test func crossEntropyRejectsMismatchedBatch() throws {
    #expect(throws: TensorError.value("Expected input batch_size (3) to match target batch_size (2).")) {
        try Functional.crossEntropy(Tensor(zeros: [3, 4]), target: Tensor(int64s: [0, 1], shape: [2]))
    }
}
