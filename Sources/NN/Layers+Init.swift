// PyTorch's default initialisation, draw for draw (shared/RNG_SPEC.md §7), so that
// `torch.manual_seed(123); nn.Linear(3, 2)` gives torch's weights.

import Tensor

extension Linear {
    /// `nn.Linear(in, out, bias)`: weight ~ U(-b, b) with kaiming's b for a=√5, then
    /// bias ~ U(-1/√in, 1/√in), drawn in that order.
    public convenience init(inFeatures: Int, outFeatures: Int, bias: Bool = true, generator: Generator = .default) throws {
        guard inFeatures >= 0, outFeatures >= 0 else {
            throw TensorError.runtime("Trying to create tensor with negative dimension: [\(outFeatures), \(inFeatures)]")
        }
        let weight = try Tensor(zeros: [outFeatures, inFeatures])
        if inFeatures > 0 {
            let bound = LayerInit.kaimingUniformBound(fanIn: inFeatures)
            _ = try weight.uniform_(from: -bound, to: bound, generator: generator)
        }
        var biasTensor: Tensor?
        if bias {
            let b = try Tensor(zeros: [outFeatures])
            if inFeatures > 0 {
                let bound = LayerInit.biasBound(fanIn: inFeatures)
                _ = try b.uniform_(from: -bound, to: bound, generator: generator)
            }
            biasTensor = b
        }
        try self.init(weight: weight, bias: biasTensor)
    }
}

extension Embedding {
    /// `nn.Embedding(num, dim)`: weight ~ N(0, 1).
    public convenience init(numEmbeddings: Int, embeddingDim: Int, generator: Generator = .default) throws {
        let weight = try Tensor(zeros: [numEmbeddings, embeddingDim])
        _ = try weight.normal_(mean: 0, std: 1, generator: generator)
        try self.init(weight: weight)
    }
}

/// `nn.Dropout(p)`: zeroes elements with probability p in training mode, scaling the
/// rest by 1/(1-p); the identity in eval mode.
public final class Dropout: Module {
    public let p: Double
    public init(p: Double = 0.5) throws {
        guard p >= 0 && p <= 1 else {
            throw TensorError.value("dropout probability has to be between 0 and 1, but got \(p)")
        }
        self.p = p
        super.init(typeName: "Dropout")
    }
    public override func forward(_ x: Tensor) throws -> Tensor {
        try Tensor.dropout(x, p: p, training: training)
    }
    public override func extraRepr() -> String { "p=\(formatPythonFloat(p)), inplace=False" }
}

/// `nn.GELU(approximate='none'|'tanh')`.
public final class GELU: Module {
    public let approximate: String
    public init(approximate: String = "none") throws {
        guard approximate == "none" || approximate == "tanh" else {
            throw TensorError.value("approximate argument must be either none or tanh.")
        }
        self.approximate = approximate
        super.init(typeName: "GELU")
    }
    public override func forward(_ x: Tensor) throws -> Tensor { try x.gelu(approximate: approximate) }
    public override func extraRepr() -> String { "approximate='\(approximate)'" }
}

/// `nn.ReLU()`.
public final class ReLU: Module {
    public init() { super.init(typeName: "ReLU") }
    public override func forward(_ x: Tensor) throws -> Tensor { try x.relu() }
}
