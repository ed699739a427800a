// Module registration order, state dicts, load errors and reprs, as PyTorch.
import Testing
import Tensor
import NN

private func text(_ key: String) throws -> String { try NNFixture.decode(String.self, key) }

private func linear(_ inFeatures: Int, _ outFeatures: Int, bias: Bool = true) throws -> Linear {
    try Linear(weight: Tensor(zeros: [outFeatures, inFeatures]), bias: bias ? Tensor(zeros: [outFeatures]) : nil)
}

/// The fixture's `Block`: att (Linear, no bias), norm (LayerNorm), buffer mask.
private func block() throws -> Module {
    let m = Module(typeName: "Block")
    m.registerModule("att", try linear(4, 4, bias: false))
    m.registerModule("norm", try LayerNorm(normalizedShape: [4]))
    m.registerBuffer("mask", try Tensor(zeros: [2, 2]))
    return m
}

@Test func reprsMatchTorch() throws {
    #expect(try linear(3, 2).moduleDescription == text("repr_linear"))
    #expect(try linear(768, 50257, bias: false).moduleDescription == text("repr_linear_nobias"))
    #expect(try Embedding(weight: Tensor(zeros: [50257, 768])).moduleDescription == text("repr_embedding"))
    #expect(try LayerNorm(normalizedShape: [768]).moduleDescription == text("repr_layernorm"))
    #expect(try Sequential([linear(2, 3), linear(3, 3), Identity()]).moduleDescription == text("repr_sequential"))
    #expect(try ModuleList([linear(2, 2), linear(2, 2), linear(2, 3)]).moduleDescription == text("repr_modulelist"))
    #expect(try block().moduleDescription == text("repr_block"))
}

@Test func stateDictOrderMatchesTorch() throws {
    #expect(try block().stateDict().map(\.name) == NNFixture.decode([String].self, "state_dict_block"))
    #expect(try block().namedParameters().map(\.name) == ["att.weight", "norm.weight", "norm.bias"])
}

@Test func loadStateDictErrorsMatchTorch() throws {
    #expect(throws: TensorError.runtime(try text("load_missing"))) {
        try linear(2, 2).loadStateDict([("weight", Tensor(zeros: [2, 2])), ("extra", Tensor(zeros: [1]))])
    }
    #expect(throws: TensorError.runtime(try text("load_shape"))) {
        try linear(2, 2).loadStateDict([("weight", Tensor(zeros: [3, 2])), ("bias", Tensor(zeros: [2]))])
    }
}

@Test func loadStateDictCopiesIntoExistingParameters() throws {
    let m = try linear(2, 1)
    let weight = try #require(m.weight)
    try m.loadStateDict([("weight", Tensor(floats: [3, 4], shape: [1, 2])), ("bias", Tensor(floats: [5], shape: [1]))])
    #expect(weight.floatValues() == [3, 4])
    #expect(m.bias?.floatValues() == [5])
    #expect(m.parameterCount == 3)
}

@Test func trainAndEvalReachEveryModule() throws {
    let m = try block()
    m.eval()
    #expect(m.namedModules().allSatisfy { !$0.module.training })
    m.train()
    #expect(m.namedModules().allSatisfy { $0.module.training })
}
