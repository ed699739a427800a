// Loading Tests/TensorTests/Fixtures/ops_a.json (written by
// Tests/Fixtures/make_ops_a_fixtures.py from real PyTorch) and running its ops by name.
import Foundation
import Tensor

/// A JSON value of the fixture's `args` dictionaries.
enum FixtureValue: Decodable, Sendable {
    case bool(Bool), int(Int64), double(Double), string(String), array([FixtureValue]), null

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let v = try? c.decode(Bool.self) { self = .bool(v) }
        else if let v = try? c.decode(Int64.self) { self = .int(v) }
        else if let v = try? c.decode(Double.self) { self = .double(v) }
        else if let v = try? c.decode(String.self) { self = .string(v) }
        else { self = .array(try c.decode([FixtureValue].self)) }
    }

    var int: Int? {
        if case .int(let v) = self { return Int(v) }
        return nil
    }
    var ints: [Int]? {
        if case .array(let a) = self { return a.compactMap(\.int) }
        return nil
    }
    var double: Double? {
        switch self {
        case .int(let v): return Double(v)
        case .double(let v): return v
        case .string(let s): return Double(s) ?? (s == "inf" ? .infinity : s == "-inf" ? -.infinity : .nan)
        default: return nil
        }
    }
    /// `["float", 2.5]`, `["int", 2]`, `["bool", true]` as a Scalar.
    var scalar: Scalar? {
        guard case .array(let pair) = self, pair.count == 2, case .string(let kind) = pair[0] else { return nil }
        switch (kind, pair[1]) {
        case ("bool", .bool(let b)): return .bool(b)
        case ("int", .int(let i)): return .int(i)
        case ("float", let v): return v.double.map { .float($0) }
        default: return nil
        }
    }
}

/// A tensor as the fixture stores it: float data as IEEE bit patterns.
struct FixtureTensor: Decodable, Sendable {
    let shape: [Int]
    let dtype: String
    let bits: [UInt32]?
    let data: [FixtureValue]?
    let requires_grad: Bool?
    let view: FixtureView?

    struct FixtureView: Decodable, Sendable {
        let shape: [Int], strides: [Int], offset: Int
    }

    var floats: [Float] { (bits ?? []).map { Float(bitPattern: $0) } }

    /// The tensor (the strided view when the fixture asks for one), requiring grad if marked.
    func make() throws -> Tensor {
        let t: Tensor
        switch dtype {
        case "float32": t = try Tensor(floats: floats, shape: shape)
        case "int64": t = try Tensor(int64s: (data ?? []).map { Int64($0.int ?? 0) }, shape: shape)
        default: t = try Tensor(bools: (data ?? []).map { $0.int == 1 }, shape: shape)
        }
        if let view { return t.makeView(shape: view.shape, strides: view.strides, offset: view.offset) }
        if requires_grad == true { try t.setRequiresGrad(true) }
        return t
    }
}

struct FixtureCase: Decodable, Sendable, CustomStringConvertible {
    let name: String
    let op: String
    let args: [String: FixtureValue]
    let inputs: [FixtureTensor]
    let output: FixtureTensor
    let grad_fn: String?
    let exact: Bool
    /// Absolute tolerance for this case when it is not exact (default 1e-7).
    let atol: Float?
    let grad_output: FixtureTensor?
    let grads: [FixtureTensor?]?
    let backward_error: String?
    var description: String { name }
}

struct FixtureError: Decodable, Sendable, CustomStringConvertible {
    let name: String
    let op: String
    let args: [String: FixtureValue]
    let inputs: [FixtureTensor]
    let type: String
    let message: String
    var description: String { name }
}

struct OpsAFixture: Decodable, Sendable {
    let torch_version: String
    let cases: [FixtureCase]
    let errors: [FixtureError]

    static let shared: OpsAFixture? = {
        guard let url = Bundle.module.url(forResource: "ops_a", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(OpsAFixture.self, from: data)
    }()
}

/// Runs fixture op `op` on `x` with `args`, through the public Tensor API.
func runFixtureOp(_ op: String, _ x: [Tensor], _ args: [String: FixtureValue]) throws -> Tensor {
    func s(_ key: String = "s") -> Scalar { args[key]?.scalar ?? .int(0) }
    func optionalScalar(_ key: String) -> Scalar? { args[key]?.scalar }
    func int(_ key: String) -> Int { args[key]?.int ?? 0 }
    func ints(_ key: String) -> [Int] { args[key]?.ints ?? [] }
    func dtype(_ key: String) -> DType {
        if case .string(let name)? = args[key] {
            return name == "int64" ? .int64 : name == "bool" ? .bool : .float32
        }
        return .float32
    }
    if op.hasPrefix("inplace_") {
        var isLeaf = false
        if case .bool(true)? = args["leaf"] { isLeaf = true }
        let y = x[0].requiresGrad && !isLeaf ? try x[0].clone() : x[0]
        let other: Tensor? = x.count > 1 ? x[1] : nil
        switch op.dropFirst("inplace_".count) {
        case "add_": return try other.map { try y.add_($0) } ?? y.add_(s())
        case "sub_": return try other.map { try y.sub_($0) } ?? y.sub_(s())
        case "mul_": return try other.map { try y.mul_($0) } ?? y.mul_(s())
        case "div_": return try other.map { try y.div_($0) } ?? y.div_(s())
        case "masked_fill_": return try y.maskedFill_(x[1], s())
        case "clamp_": return try y.clamp_(min: optionalScalar("min"), max: optionalScalar("max"))
        case "fill_": return try y.fill_(s())
        case "zero_": return try y.zero_()
        case "copy_": return try y.copy_(x[1])
        default: throw TensorError.value("unknown in-place op \(op)")
        }
    }
    switch op {
    case "add": return try x[0].add(x[1])
    case "sub": return try x[0].sub(x[1])
    case "mul": return try x[0].mul(x[1])
    case "div": return try x[0].div(x[1])
    case "floor_divide": return try x[0].floorDivide(x[1])
    case "remainder": return try x[0].remainder(x[1])
    case "pow": return try x[0].pow(x[1])
    case "maximum": return try x[0].maximum(x[1])
    case "minimum": return try x[0].minimum(x[1])
    case "eq": return try x[0].eq(x[1])
    case "ne": return try x[0].ne(x[1])
    case "lt": return try x[0].lt(x[1])
    case "le": return try x[0].le(x[1])
    case "gt": return try x[0].gt(x[1])
    case "ge": return try x[0].ge(x[1])
    case "logical_and": return try x[0].logicalAnd(x[1])
    case "logical_or": return try x[0].logicalOr(x[1])
    case "logical_xor": return try x[0].logicalXor(x[1])
    case "bitwise_and": return try x[0].bitwiseAnd(x[1])
    case "bitwise_or": return try x[0].bitwiseOr(x[1])
    case "bitwise_xor": return try x[0].bitwiseXor(x[1])
    case "add_s": return try x[0].add(s())
    case "sub_s": return try x[0].sub(s())
    case "mul_s": return try x[0].mul(s())
    case "div_s": return try x[0].div(s())
    case "floor_divide_s": return try x[0].floorDivide(s())
    case "remainder_s": return try x[0].remainder(s())
    case "pow_s": return try x[0].pow(s())
    case "eq_s": return try x[0].eq(s())
    case "lt_s": return try x[0].lt(s())
    case "ge_s": return try x[0].ge(s())
    case "rsub_s": return try x[0].rsub(s())
    case "rdiv_s": return try x[0].rdiv(s())
    case "rpow_s": return try Tensor.pow(s(), x[0])
    case "rfloor_divide_s": return try x[0].rfloorDivide(s())
    case "rremainder_s": return try x[0].rremainder(s())
    case "bitwise_and_s": return try x[0].bitwiseAnd(s())
    case "neg": return try x[0].neg()
    case "abs": return try x[0].abs()
    case "exp": return try x[0].exp()
    case "log": return try x[0].log()
    case "sqrt": return try x[0].sqrt()
    case "rsqrt": return try x[0].rsqrt()
    case "tanh": return try x[0].tanh()
    case "sigmoid": return try x[0].sigmoid()
    case "relu": return try x[0].relu()
    case "sin": return try x[0].sin()
    case "cos": return try x[0].cos()
    case "reciprocal": return try x[0].reciprocal()
    case "logical_not": return try x[0].logicalNot()
    case "bitwise_not": return try x[0].bitwiseNot()
    case "gelu":
        if case .string(let mode)? = args["approximate"] { return try x[0].gelu(approximate: mode) }
        return try x[0].gelu()
    case "clamp": return try x[0].clamp(min: optionalScalar("min"), max: optionalScalar("max"))
    case "float": return try x[0].float()
    case "long": return try x[0].long()
    case "bool": return try x[0].bool()
    case "clone": return try x[0].clone()
    case "contiguous": return try x[0].contiguous()
    case "where": return try Tensor.where(x[0], x[1], x[2])
    case "where_ts": return try Tensor.where(x[0], x[1], s())
    case "where_st": return try Tensor.where(x[0], s(), x[1])
    case "where_ss": return try Tensor.where(x[0], s(), s("s2"))
    case "masked_fill": return try x[0].maskedFill(x[1], s())
    case "view": return try x[0].view(ints("shape"))
    case "reshape": return try x[0].reshape(ints("shape"))
    case "transpose": return try x[0].transpose(int("dim0"), int("dim1"))
    case "permute": return try x[0].permute(ints("dims"))
    case "T": return try x[0].T
    case "mT": return try x[0].mT
    case "t": return try x[0].t()
    case "unsqueeze": return try x[0].unsqueeze(int("dim"))
    case "squeeze": return try x[0].squeeze()
    case "squeeze_dim": return try x[0].squeeze(int("dim"))
    case "flatten": return try x[0].flatten(int("start_dim"), int("end_dim"))
    case "expand": return try x[0].expand(ints("shape"))
    case "expand_add_": return try x[0].expand(ints("shape")).add_(s())
    case "tril": return try x[0].tril(int("diagonal"))
    case "triu": return try x[0].triu(int("diagonal"))
    case "cat": return try Tensor.cat(x, dim: int("dim"))
    case "stack": return try Tensor.stack(x, dim: int("dim"))
    case "zeros": return try Tensor.zeros(ints("shape"))
    case "ones": return try Tensor.ones(ints("shape"), dtype: dtype("dtype"))
    case "full": return try Tensor.full(ints("shape"), s())
    case "eye": return try Tensor.eye(int("n"), args["m"]?.int)
    case "zeros_like": return try Tensor.zerosLike(x[0])
    case "ones_like": return try Tensor.onesLike(x[0])
    case "full_like": return try Tensor.fullLike(x[0], s())
    case "arange":
        let type: DType? = args["dtype"] == nil ? nil : dtype("dtype")
        return try Tensor.arange(s("start"), s("end"), step: s("step"), dtype: type)
    case "linspace": return try Tensor.linspace(s("start"), s("end"), steps: int("steps"))
    case "chain": return try runChain(x[0], args["steps"])
    default: throw TensorError.value("unknown fixture op \(op)")
    }
}

/// Applies `[["transpose", 0, 1], ["view", [6]], ...]` in order.
private func runChain(_ start: Tensor, _ steps: FixtureValue?) throws -> Tensor {
    guard case .array(let list)? = steps else { return start }
    var t = start
    for step in list {
        guard case .array(let parts) = step, case .string(let name)? = parts.first else { continue }
        let rest = Array(parts.dropFirst())
        func int(_ i: Int) -> Int { rest[i].int ?? 0 }
        switch name {
        case "view": t = try t.view(rest[0].ints ?? [])
        case "reshape": t = try t.reshape(rest[0].ints ?? [])
        case "transpose": t = try t.transpose(int(0), int(1))
        case "permute": t = try t.permute(rest[0].ints ?? [])
        case "expand": t = try t.expand(rest[0].ints ?? [])
        case "unsqueeze": t = try t.unsqueeze(int(0))
        case "squeeze": t = try t.squeeze(int(0))
        case "T": t = try t.T
        case "contiguous": t = try t.contiguous()
        case "flatten": t = try t.flatten(int(0), int(1))
        case "mul_s": t = try t.mul(.float(rest[0].double ?? 1))
        default: throw TensorError.value("unknown chain step \(name)")
        }
    }
    return t
}
