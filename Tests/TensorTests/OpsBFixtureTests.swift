// Reductions, softmax, matmul, sorting and indexing against real PyTorch: every case in
// Fixtures/ops_b.json (made by Tests/Fixtures/make_ops_b_fixtures.py) as one table test.
import Foundation
import Testing
import Tensor

// MARK: fixture format

/// A number in the fixture; non-finite values are spelled "nan", "inf", "-inf".
struct OpsBNumber: Decodable, Sendable {
    let value: Double

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let v = try? container.decode(Double.self) {
            value = v
        } else {
            switch try container.decode(String.self) {
            case "inf": value = .infinity
            case "-inf": value = -.infinity
            default: value = .nan
            }
        }
    }
}

struct OpsBView: Decodable, Sendable {
    let shape: [Int], strides: [Int], offset: Int
}

struct OpsBTensor: Decodable, Sendable {
    let values: [OpsBNumber]
    let shape: [Int]
    let dtype: String
    let requiresGrad: Bool?
    let view: OpsBView?
}

struct OpsBIndex: Decodable, Sendable {
    let kind: String
    let value: Int?
    let start: Int?, stop: Int?, step: Int?
    let tensor: OpsBTensor?
}

struct OpsBArgs: Decodable, Sendable {
    let dims: [Int]?
    let dim: Int?
    let keepdim: Bool?
    let correction: Double?
    let k: Int?
    let largest: Bool?
    let descending: Bool?
    let minlength: Int?
    let throughGather: Bool?
    /// Compare only the first output (PyTorch orders tied values arbitrarily).
    let valuesOnly: Bool?
}

struct OpsBError: Decodable, Sendable {
    let type: String, message: String
}

struct OpsBCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let op: String
    let inputs: [OpsBTensor]
    let args: OpsBArgs
    let indices: [OpsBIndex]?
    let outputs: [OpsBTensor]?
    let gradFn: String?
    let upstream: OpsBTensor?
    let grads: [OpsBTensor?]?
    let error: OpsBError?
    let printed: Bool?
    /// The first output must match bit for bit.
    let exact: Bool?

    var testDescription: String { name }
}

enum OpsBFixture {
    struct File: Decodable { let cases: [OpsBCase] }

    static let cases: [OpsBCase] = {
        guard let url = Bundle.module.url(forResource: "ops_b", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let file = try? JSONDecoder().decode(File.self, from: data) else { return [] }
        return file.cases
    }()

    static func tensor(_ t: OpsBTensor) throws -> Tensor {
        let base: Tensor
        switch t.dtype {
        case "float32": base = try Tensor(floats: t.values.map { Float($0.value) }, shape: t.shape)
        case "int64": base = try Tensor(int64s: t.values.map { Int64($0.value) }, shape: t.shape)
        default: base = try Tensor(bools: t.values.map { $0.value != 0 }, shape: t.shape)
        }
        var result = base
        if let v = t.view { result = base.makeView(shape: v.shape, strides: v.strides, offset: v.offset) }
        if t.requiresGrad == true { try result.setRequiresGrad(true) }
        return result
    }

    static func index(_ entry: OpsBIndex) throws -> TensorIndex {
        switch entry.kind {
        case "int": return .int(entry.value ?? 0)
        case "slice": return .slice(start: entry.start, stop: entry.stop, step: entry.step)
        case "none": return .none
        case "ellipsis": return .ellipsis
        default:
            guard let t = entry.tensor else { throw TensorError.value("index entry without a tensor") }
            return .tensor(try tensor(t))
        }
    }

    /// Runs the case's op on its inputs, as the Python script called it.
    static func run(_ c: OpsBCase, _ x: [Tensor], _ indices: [TensorIndex]) throws -> [Tensor] {
        let a = c.args, keepdim = a.keepdim ?? false
        switch c.op {
        case "sum": return [try x[0].sum(dims: a.dims, keepdim: keepdim)]
        case "mean": return [try x[0].mean(dims: a.dims, keepdim: keepdim)]
        case "var": return [try x[0].variance(dims: a.dims, correction: a.correction ?? 1, keepdim: keepdim)]
        case "std": return [try x[0].std(dims: a.dims, correction: a.correction ?? 1, keepdim: keepdim)]
        case "max_all": return [try x[0].maxElement()]
        case "min_all": return [try x[0].minElement()]
        case "max_dim":
            let r = try x[0].maxAlong(dim: a.dim ?? 0, keepdim: keepdim)
            return [r.values, r.indices]
        case "min_dim":
            let r = try x[0].minAlong(dim: a.dim ?? 0, keepdim: keepdim)
            return [r.values, r.indices]
        case "argmax": return [try x[0].argmax(dim: a.dim, keepdim: keepdim)]
        case "argmin": return [try x[0].argmin(dim: a.dim, keepdim: keepdim)]
        case "amax": return [try x[0].amax(dims: a.dims, keepdim: keepdim)]
        case "amin": return [try x[0].amin(dims: a.dims, keepdim: keepdim)]
        case "prod": return [try x[0].prod(dim: a.dim, keepdim: keepdim)]
        case "all": return [try x[0].all(dims: a.dims, keepdim: keepdim)]
        case "any": return [try x[0].any(dims: a.dims, keepdim: keepdim)]
        case "bincount": return [try x[0].bincount(minlength: a.minlength ?? 0)]
        case "topk":
            let r = try x[0].topk(a.k ?? 1, dim: a.dim ?? -1, largest: a.largest ?? true)
            return [r.values, r.indices]
        case "sort":
            let r = try x[0].sort(dim: a.dim ?? -1, descending: a.descending ?? false)
            return [r.values, r.indices]
        case "softmax": return [try x[0].softmax(dim: a.dim ?? -1)]
        case "log_softmax": return [try x[0].logSoftmax(dim: a.dim ?? -1)]
        case "matmul": return [try x[0].matmul(x[1])]
        case "mm": return [try x[0].mm(x[1])]
        case "mv": return [try x[0].mv(x[1])]
        case "bmm": return [try x[0].bmm(x[1])]
        case "dot": return [try x[0].dot(x[1])]
        case "index": return [try x[0].index(indices)]
        case "index_put":
            // y = base[arange(n)] (a non-leaf copy) or base.clone(), then y[indices] = value.
            let y = a.throughGather == true
                ? try x[0].index([.list(Array(0..<x[0].shape[0]))])
                : try x[0].copyData(as: x[0].dtype)
            try y.indexPut(indices, x[1])
            return [y]
        case "index_put_leaf":
            try x[0].indexPut(indices, x[1])
            return [x[0]]
        case "item":
            return [try Tensor(scalar: Float(try x[0].itemDouble()))]
        default:
            throw TensorError.value("unknown fixture op \(c.op)")
        }
    }
}

// MARK: comparison

/// Whether two floats agree within `rtol`/`atol` (NaN equals NaN; infinities must match).
func opsBClose(_ a: Float, _ b: Double, rtol: Double = 1e-5, atol: Double = 1e-6) -> Bool {
    let x = Double(a)
    if x.isNaN || b.isNaN { return x.isNaN && b.isNaN }
    if x.isInfinite || b.isInfinite { return x == b }
    return abs(x - b) <= atol + rtol * abs(b)
}

func expectTensor(_ actual: Tensor?, _ expected: OpsBTensor, _ what: String,
                  sourceLocation: SourceLocation = #_sourceLocation) {
    guard let actual else {
        Issue.record("\(what): missing", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.shape == expected.shape, "\(what): shape", sourceLocation: sourceLocation)
    guard actual.shape == expected.shape else { return }
    let dtypeName = ["float32": "torch.float32", "int64": "torch.int64", "bool": "torch.bool"][expected.dtype]
    #expect(actual.dtype.name == dtypeName, "\(what): dtype", sourceLocation: sourceLocation)
    if expected.dtype == "float32" {
        let values = actual.floatValues()
        let bad = zip(values, expected.values).enumerated().filter { !opsBClose($0.element.0, $0.element.1.value) }
        #expect(bad.isEmpty, "\(what): values \(values) vs \(expected.values.map { $0.value })",
                sourceLocation: sourceLocation)
    } else {
        #expect(actual.int64Values() == expected.values.map { Int64($0.value) },
                "\(what): values", sourceLocation: sourceLocation)
    }
}

@Suite struct OpsBFixtureTests {
    @Test func fixtureLoads() {
        #expect(OpsBFixture.cases.count > 200)
    }

    @Test(arguments: OpsBFixture.cases)
    func matchesPyTorch(_ c: OpsBCase) throws {
        let inputs = try c.inputs.map(OpsBFixture.tensor)
        let indices = try (c.indices ?? []).map(OpsBFixture.index)
        if let expected = c.error {
            do {
                _ = try OpsBFixture.run(c, inputs, indices)
                Issue.record("expected \(expected.type): \(expected.message)")
            } catch let error as TensorError {
                #expect(error.pythonType == expected.type)
                #expect(error.message == expected.message)
            }
            return
        }
        let outputs = try OpsBFixture.run(c, inputs, indices)
        let expectedOutputs = c.outputs ?? []
        #expect(outputs.count == expectedOutputs.count)
        for (i, (actual, expected)) in zip(outputs, expectedOutputs).enumerated() where i == 0 || c.args.valuesOnly != true {
            expectTensor(actual, expected, "output \(i)")
        }
        #expect(outputs.first?.gradFn?.name == c.gradFn, "grad_fn")
        if c.exact == true, let first = outputs.first, let expected = expectedOutputs.first {
            #expect(first.floatValues() == expected.values.map { Float($0.value) }, "bit-exact values")
        }
        if c.printed == true, let first = outputs.first, let expected = expectedOutputs.first {
            // What print(tensor) shows: 4 decimals must agree.
            let ours = first.floatValues().map { String(format: "%.4f", $0) }
            let theirs = expected.values.map { String(format: "%.4f", Float($0.value)) }
            #expect(ours == theirs, "printed values")
        }
        if let upstream = c.upstream, let grads = c.grads, let first = outputs.first {
            try first.backward(gradient: try OpsBFixture.tensor(upstream))
            for (i, expected) in grads.enumerated() {
                if let expected { expectTensor(inputs[i].grad, expected, "grad of input \(i)") }
            }
        }
    }
}
