// scaled_dot_product_attention against real PyTorch (lesson 08): outputs, gradients, grad_fn
// names and error messages from Tests/Fixtures/make_attention_fixtures.py.
import Foundation
import Testing
import Tensor

struct AttentionFixtureTensor: Decodable {
    let shape: [Int]
    let dtype: String
    let data: [Float]

    func tensor() throws -> Tensor {
        dtype == "bool"
            ? try Tensor(bools: data.map { $0 != 0 }, shape: shape)
            : try Tensor(floats: data, shape: shape)
    }
}

struct AttentionFixtureCase: Decodable, CustomStringConvertible {
    let name: String
    let layout: String
    let is_causal: Bool
    let scale: Double?
    let enable_gqa: Bool
    let grad_fn: String
    let q, k, v, out, grad_out, dq, dk, dv: AttentionFixtureTensor
    let mask: AttentionFixtureTensor?
    let dmask: AttentionFixtureTensor?
    var description: String { name }
}

struct AttentionFixtureSpec: Decodable {
    let shape: [Int]
    let dtype: String

    func tensor() throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype == "bool" ? .bool : dtype == "int64" ? .int64 : .float32)
    }
}

struct AttentionFixtureError: Decodable, CustomStringConvertible {
    let name: String
    let q, k, v: AttentionFixtureSpec
    let mask: AttentionFixtureSpec?
    let is_causal: Bool
    let dropout_p: Double
    let enable_gqa: Bool
    let type: String
    let message: String
    var description: String { name }
}

struct AttentionFixtures: Decodable {
    let cases: [AttentionFixtureCase]
    let errors: [AttentionFixtureError]

    static let loaded: AttentionFixtures? = {
        guard let url = Bundle.module.url(forResource: "attention", withExtension: "json",
                                          subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return try? decoder.decode(AttentionFixtures.self, from: data)
    }()
}

/// Shape first, then |a - e| <= atol + rtol * |e| everywhere (non-finite values must agree).
func expectAttentionClose(_ actual: Tensor?, _ expected: [Float], shape: [Int], rtol: Float = 1e-4,
                          atol: Float = 1e-5, _ what: String,
                          sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let actual else {
        Issue.record("\(what): missing", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.shape == shape, "\(what): shape", sourceLocation: sourceLocation)
    guard actual.shape == shape else { return }
    let values = actual.floatValues()
    var worst: (Int, Float) = (-1, 0)
    for (i, (a, e)) in zip(values, expected).enumerated() {
        let bad = e.isFinite ? !(abs(a - e) <= atol + rtol * abs(e)) : !(a == e || (a.isNaN && e.isNaN))
        if bad && (worst.0 < 0 || abs(a - e) > worst.1) { worst = (i, abs(a - e)) }
    }
    if worst.0 >= 0 {
        Issue.record("\(what): element \(worst.0) is \(values[worst.0]), expected \(expected[worst.0])",
                     sourceLocation: sourceLocation)
    }
}

/// [B, T, H, D] values reordered as [B, H, T, D].
private func transposedOneTwo(_ t: AttentionFixtureTensor) -> [Float] {
    let (b, n, h, d) = (t.shape[0], t.shape[1], t.shape[2], t.shape[3])
    var out = [Float](repeating: 0, count: t.data.count)
    for bi in 0..<b { for ti in 0..<n { for hi in 0..<h { for di in 0..<d {
        out[((bi * h + hi) * n + ti) * d + di] = t.data[((bi * n + ti) * h + hi) * d + di]
    } } } }
    return out
}

extension AttentionTests {
@Suite struct Fixtures {
    @Test(arguments: AttentionFixtures.loaded?.cases ?? [])
    func matchesTorch(_ c: AttentionFixtureCase) throws {
        var (q, k, v) = (try c.q.tensor(), try c.k.tensor(), try c.v.tensor())
        var expectedGrads = (c.dq.data, c.dk.data, c.dv.data)
        if c.layout == "bthd" {
            // x.view(b, t, h, hd).transpose(1, 2): a strided view, no copy.
            func view(_ x: Tensor) -> Tensor {
                let s = x.shape
                return x.makeView(shape: [s[0], s[2], s[1], s[3]],
                                  strides: [x.strides[0], x.strides[2], x.strides[1], 1], offset: 0)
            }
            (q, k, v) = (view(q), view(k), view(v))
            expectedGrads = (transposedOneTwo(c.dq), transposedOneTwo(c.dk), transposedOneTwo(c.dv))
        }
        for t in [q, k, v] { try t.setRequiresGrad(true) }
        let mask = try c.mask?.tensor()
        if c.dmask != nil { try mask?.setRequiresGrad(true) }
        let out = try Tensor.scaledDotProductAttention(
            query: q, key: k, value: v, attnMask: mask, isCausal: c.is_causal, scale: c.scale,
            enableGQA: c.enable_gqa)
        #expect(out.gradFn?.name == c.grad_fn)
        expectAttentionClose(out, c.out.data, shape: c.out.shape, "output")
        try out.backward(gradient: c.grad_out.tensor())
        expectAttentionClose(q.grad, expectedGrads.0, shape: q.shape, "dq")
        expectAttentionClose(k.grad, expectedGrads.1, shape: k.shape, "dk")
        expectAttentionClose(v.grad, expectedGrads.2, shape: v.shape, "dv")
        if let dmask = c.dmask {
            expectAttentionClose(mask?.grad, dmask.data, shape: dmask.shape, "dmask")
        }
    }

    @Test(arguments: AttentionFixtures.loaded?.errors ?? [])
    func errorsAsTorch(_ e: AttentionFixtureError) throws {
        let error = #expect(throws: TensorError.self) {
            try Tensor.scaledDotProductAttention(
                query: e.q.tensor(), key: e.k.tensor(), value: e.v.tensor(), attnMask: e.mask?.tensor(),
                dropoutP: e.dropout_p, isCausal: e.is_causal, enableGQA: e.enable_gqa)
        }
        #expect(error?.pythonType == e.type)
        #expect(error?.message == e.message)
    }

    @Test func fixturesLoad() {
        #expect((AttentionFixtures.loaded?.cases.count ?? 0) > 10)
        #expect((AttentionFixtures.loaded?.errors.count ?? 0) > 10)
    }
}
}
