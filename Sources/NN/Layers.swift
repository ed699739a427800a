// The layers a GPT is made of: Linear, Embedding, LayerNorm, and the containers
// Sequential, ModuleList, Identity. Each is a small Module with `forward`.

import Tensor

extension Module {
    /// `module(x)`: runs `forward`.
    public func callAsFunction(_ x: Tensor) throws -> Tensor { try forward(x) }
}

/// `nn.Linear(in_features, out_features, bias=True)`: `y = x @ weight.T + bias`.
/// weight [out, in], bias [out].
public final class Linear: Module {
    public let inFeatures: Int, outFeatures: Int

    /// A Linear with the given weight [out, in] and optional bias [out].
    public init(weight: Tensor, bias: Tensor?) throws {
        guard weight.rank == 2 else { throw TensorError.value("Linear weight must be 2-D, got \(weight.shape)") }
        (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
        super.init(typeName: "Linear")
        try registerParameter("weight", weight)
        try registerParameter("bias", bias)
    }

    public var weight: Tensor? { if case .parameter(let t)? = member("weight") { return t }; return nil }
    public var bias: Tensor? { if case .parameter(let t)? = member("bias") { return t }; return nil }

    public override func forward(_ x: Tensor) throws -> Tensor {
        guard let weight else { throw TensorError.runtime("Linear has no weight") }
        return try Functional.linear(x, weight: weight, bias: bias)
    }

    public override func extraRepr() -> String {
        "in_features=\(inFeatures), out_features=\(outFeatures), bias=\(bias == nil ? "False" : "True")"
    }
}

/// `nn.Embedding(num_embeddings, embedding_dim)`: a lookup table of rows. weight [num, dim].
public final class Embedding: Module {
    public let numEmbeddings: Int, embeddingDim: Int

    public init(weight: Tensor) throws {
        guard weight.rank == 2 else { throw TensorError.value("Embedding weight must be 2-D, got \(weight.shape)") }
        (numEmbeddings, embeddingDim) = (weight.shape[0], weight.shape[1])
        super.init(typeName: "Embedding")
        try registerParameter("weight", weight)
    }

    public var weight: Tensor? { if case .parameter(let t)? = member("weight") { return t }; return nil }

    public override func forward(_ x: Tensor) throws -> Tensor {
        guard let weight else { throw TensorError.runtime("Embedding has no weight") }
        return try Functional.embedding(x, weight: weight)
    }

    public override func extraRepr() -> String { "\(numEmbeddings), \(embeddingDim)" }
}

/// `nn.LayerNorm(normalized_shape, eps=1e-5, elementwise_affine=True, bias=True)`.
public final class LayerNorm: Module {
    public let normalizedShape: [Int], eps: Double, elementwiseAffine: Bool, hasBias: Bool

    public init(normalizedShape: [Int], eps: Double = 1e-5, elementwiseAffine: Bool = true, bias: Bool = true) throws {
        (self.normalizedShape, self.eps, self.elementwiseAffine) = (normalizedShape, eps, elementwiseAffine)
        self.hasBias = elementwiseAffine && bias
        super.init(typeName: "LayerNorm")
        let count = normalizedShape.reduce(1, *)
        try registerParameter("weight", elementwiseAffine ? Tensor(floats: [Float](repeating: 1, count: count), shape: normalizedShape) : nil)
        try registerParameter("bias", hasBias ? Tensor(zeros: normalizedShape) : nil)
    }

    public override func forward(_ x: Tensor) throws -> Tensor {
        var weight: Tensor?, bias: Tensor?
        if case .parameter(let t)? = member("weight") { weight = t }
        if case .parameter(let t)? = member("bias") { bias = t }
        return try Functional.layerNorm(x, normalizedShape: normalizedShape, weight: weight, bias: bias, eps: eps)
    }

    public override func extraRepr() -> String {
        let shape = normalizedShape.count == 1 ? "(\(normalizedShape[0]),)" : "(\(normalizedShape.map(String.init).joined(separator: ", ")))"
        return "\(shape), eps=\(formatPythonFloat(eps)), elementwise_affine=\(elementwiseAffine ? "True" : "False"), bias=\(hasBias || !elementwiseAffine ? "True" : "False")"
    }
}

/// `nn.Sequential(*modules)`: children named "0", "1", ..., run in order.
public final class Sequential: Module {
    public init(_ modules: [Module]) {
        super.init(typeName: "Sequential")
        for (i, m) in modules.enumerated() { registerModule(String(i), m) }
    }

    public override func forward(_ x: Tensor) throws -> Tensor {
        try children().reduce(x) { input, child in
            let output = try child.forward(input)
            Module.childOutputObserver?(child, output)
            return output
        }
    }
}

/// `nn.ModuleList(modules)`: a list of children, indexed, with no forward of its own.
public final class ModuleList: Module {
    public init(_ modules: [Module] = []) {
        super.init(typeName: "ModuleList")
        for (i, m) in modules.enumerated() { registerModule(String(i), m) }
    }

    public func append(_ module: Module) { registerModule(String(childSlots.count), module) }
}

/// `nn.Identity()`: returns its input.
public final class Identity: Module {
    public init() { super.init(typeName: "Identity") }
    public override func forward(_ x: Tensor) throws -> Tensor { x }
}

/// Python's `repr(float)` for the simple values module reprs show (1e-05, 0.1, 1.0).
func formatPythonFloat(_ value: Double) -> String {
    if value == value.rounded() && abs(value) < 1e16 { return String(format: "%.1f", value) }
    let repr = "\(value)"  // Swift prints the shortest round-trip digits, as Python does
    if let e = repr.firstIndex(of: "e") {
        let mantissa = repr[..<e], exponent = Int(repr[repr.index(after: e)...]) ?? 0
        let m = mantissa.hasSuffix(".0") ? String(mantissa.dropLast(2)) : String(mantissa)
        return "\(m)e\(exponent < 0 ? "-" : "+")\(String(format: "%02d", abs(exponent)))"
    }
    return repr
}
