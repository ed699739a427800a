// torch.sqrt, x ** 0.5 and Adam/AdamW against torch bit for bit: Fixtures/sqrt_adam_exact.json
// holds float32 bit patterns (made by Tests/Fixtures/make_sqrt_adam_fixtures.py).
import Foundation
import Testing
import Tensor
import NN

private struct SqrtCase: Decodable {
    let x, sqrt: [UInt32]
    let pow_half: [UInt32]
    let not_ieee: Int
}

private struct AdamStep: Decodable { let grad, param, exp_avg, exp_avg_sq: [UInt32] }

private struct AdamCase: Decodable {
    let kind: String
    let lr: Double, betas: [Double], eps: Double, weight_decay: Double
    let shape: [Int]
    let start: [UInt32]
    let steps: [AdamStep]
}

private struct SqrtAdamFile: Decodable {
    let sqrt: [String: SqrtCase]
    let adam: [String: AdamCase]
}

private let sqrtAdamFile: SqrtAdamFile? = {
    guard let url = Bundle.module.url(forResource: "sqrt_adam_exact", withExtension: "json", subdirectory: "Fixtures"),
          let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(SqrtAdamFile.self, from: data)
}()

private func floats(_ bits: [UInt32]) -> [Float] { bits.map(Float.init(bitPattern:)) }

/// Indices whose bits differ from torch's (any NaN matches any NaN).
private func differing(_ actual: Tensor, _ expected: [UInt32]) -> [Int] {
    let got = actual.floatValues()
    guard got.count == expected.count else { return [-1] }
    return got.indices.filter { i in
        let want = Float(bitPattern: expected[i])
        return !(got[i].isNaN && want.isNaN) && got[i].bitPattern != expected[i]
    }
}

@Test(arguments: ["specials", "n1", "n5", "n33", "n300"])
func torchSqrtIsBitExact(name: String) throws {
    let c = try #require(sqrtAdamFile?.sqrt[name], "fixture \(name) missing")
    let x = try Tensor(floats: floats(c.x), shape: [c.x.count])
    #expect(differing(try x.sqrt(), c.sqrt) == [])
    #expect(differing(try x.pow(.float(0.5)), c.pow_half) == [])
    // The fixture is only a test of MKL's sqrt where IEEE's differs somewhere.
    let ieee = try Tensor(floats: floats(c.x).map { $0.squareRoot() }, shape: [c.x.count])
    #expect(differing(ieee, c.sqrt).count == c.not_ieee)
}

/// Every element of a sweep of consecutive floats through the vector body and the scalar
/// tail gives the same answer (the kernel is elementwise, as MKL's is).
@Test func torchSqrtVectorAndScalarPathsAgree() throws {
    let values = (0..<1027).map { Float(bitPattern: 0x3fb0_0000 &+ UInt32($0) &* 977) }
    let vector = try Tensor(floats: values, shape: [values.count]).sqrt().floatValues()
    let single = values.map { TorchSqrt.sqrt($0) }
    #expect(vector.map(\.bitPattern) == single.map(\.bitPattern))
    #expect(zip(values, single).contains { $0.squareRoot() != $1 })
}

@Test(arguments: ["adamw_37", "adamw_5x3", "adamw_default_37", "adamw_default_5x3", "adam_l2_37", "adam_l2_5x3"])
func adamStepsAreBitExact(name: String) throws {
    let c = try #require(sqrtAdamFile?.adam[name], "fixture \(name) missing")
    let p = try Tensor(floats: floats(c.start), shape: c.shape)
    let o = try AdamW(parameters: [p], lr: c.lr, betas: (c.betas[0], c.betas[1]), eps: c.eps,
                      weightDecay: c.weight_decay, decoupledWeightDecay: c.kind == "AdamW")
    for (i, s) in c.steps.enumerated() {
        p.grad = try Tensor(floats: floats(s.grad), shape: c.shape)
        try o.step()
        let state = try #require(o.state(of: p))
        #expect(differing(state.expAvg, s.exp_avg) == [], "exp_avg, step \(i + 1)")
        #expect(differing(state.expAvgSq, s.exp_avg_sq) == [], "exp_avg_sq, step \(i + 1)")
        #expect(differing(p, s.param) == [], "param, step \(i + 1)")
    }
}
