// scaled_dot_product_attention bit for bit against real PyTorch's CPU flash kernel: outputs and
// q/k/v gradients as float32 bit patterns, from Tests/Fixtures/make_sdpa_fixtures.py.
import Foundation
import Testing
import Tensor

/// A tensor's expected bits: all of them, or (big tensors) their count and FNV-1a hash.
struct SDPAExpectedBits: Decodable {
    let bits: [UInt32]?
    let count: Int?
    let fnv1a: String?
}

struct SDPAExactCase: Decodable, CustomStringConvertible {
    let name: String
    let B: Int, H: Int, L: Int, S: Int, E: Int
    let is_causal: Bool
    let mask: String
    let layout: String
    let out, dq, dk, dv: SDPAExpectedBits
    var description: String { name }
}

struct SDPAExactFixtures: Decodable {
    let torch: String
    let capability: String
    let cases: [SDPAExactCase]

    static let loaded: SDPAExactFixtures? = {
        guard let url = Bundle.module.url(forResource: "sdpa", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url) else { return nil }
        return try? JSONDecoder().decode(SDPAExactFixtures.self, from: data)
    }()

    /// Whether this CPU sums as the one the fixtures were made on (torch's AVX-512 kernels,
    /// x86-64); elsewhere torch itself gives other last bits.
    static var cpuMatches: Bool {
        #if arch(x86_64)
        return AttentionKernel.avx512.isAvailable
        #else
        return false
        #endif
    }
}

/// The generator's inputs: ((i * a) % c - c / 2) / b, exact in float32.
private func sdpaInput(_ shape: [Int], _ a: Int, _ b: Double, _ c: Int) -> [Float] {
    (0..<shape.reduce(1, *)).map { Float(Double((($0 * a) % c) - c / 2) / b) }
}

/// [B, H, T, E] values stored as [B, T, H, E].
private func toBTHE(_ x: [Float], _ b: Int, _ h: Int, _ t: Int, _ e: Int) -> [Float] {
    var out = [Float](repeating: 0, count: x.count)
    for bi in 0..<b { for hi in 0..<h { for ti in 0..<t { for ei in 0..<e {
        out[((bi * t + ti) * h + hi) * e + ei] = x[((bi * h + hi) * t + ti) * e + ei]
    } } } }
    return out
}

private func expectBits(_ actual: Tensor?, _ expected: SDPAExpectedBits, _ what: String,
                        sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let actual else {
        Issue.record("\(what): missing", sourceLocation: sourceLocation)
        return
    }
    let words = actual.floatValues().map(\.bitPattern)
    if let bits = expected.bits {
        let differing = zip(words, bits).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(words.count == bits.count, "\(what): count", sourceLocation: sourceLocation)
        if let first = differing.first {
            let (ours, theirs) = (Float(bitPattern: first.element.0), Float(bitPattern: first.element.1))
            Issue.record("\(what): \(differing.count) of \(bits.count) differ; first at \(first.offset): \(ours) vs torch \(theirs)",
                         sourceLocation: sourceLocation)
        }
    } else {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for w in words { hash = (hash ^ UInt64(w)) &* 0x100_0000_01B3 }
        #expect(words.count == expected.count, "\(what): count", sourceLocation: sourceLocation)
        #expect(String(hash, radix: 16).leftPadded(16) == expected.fnv1a, "\(what): bits differ (hash)",
                sourceLocation: sourceLocation)
    }
}

private extension String {
    func leftPadded(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}

@Suite struct SDPAExactTests {
    @Test(arguments: SDPAExactFixtures.loaded?.cases ?? [])
    func matchesTorchBits(_ c: SDPAExactCase) throws {
        guard SDPAExactFixtures.cpuMatches else { return }
        let (B, H, L, S, E) = (c.B, c.H, c.L, c.S, c.E)
        let values = [sdpaInput([B, H, L, E], 37, 29, 101), sdpaInput([B, H, S, E], 53, 31, 103),
                      sdpaInput([B, H, S, E], 71, 23, 107)]
        let lengths = [L, S, S]
        var leaves: [Tensor] = []
        for (x, t) in zip(values, lengths) {
            // bthd: stored [B, T, H, E], passed as .transpose(1, 2), as GPT code does.
            leaves.append(c.layout == "bthd" ? try Tensor(floats: toBTHE(x, B, H, t, E), shape: [B, t, H, E])
                                             : try Tensor(floats: x, shape: [B, H, t, E]))
        }
        for t in leaves { try t.setRequiresGrad(true) }
        let args = try leaves.map { c.layout == "bthd" ? try $0.transpose(1, 2) : $0 }
        let mask: Tensor?
        switch c.mask {
        case "bool": mask = try Tensor(bools: sdpaInput([L, S], 29, 1, 7).map { $0 != 0 }, shape: [L, S])
        case "float": mask = try Tensor(floats: sdpaInput([L, S], 13, 8, 11), shape: [L, S])
        default: mask = nil
        }
        let out = try Tensor.scaledDotProductAttention(query: args[0], key: args[1], value: args[2],
                                                       attnMask: mask, isCausal: c.is_causal)
        expectBits(out, c.out, "output")
        try out.backward(gradient: Tensor(floats: sdpaInput([B, H, L, E], 17, 19, 97), shape: [B, H, L, E]))
        let grads = try leaves.map { leaf -> Tensor? in
            guard let g = leaf.grad else { return nil }
            return c.layout == "bthd" ? try g.transpose(1, 2) : g
        }
        expectBits(grads[0], c.dq, "dq")
        expectBits(grads[1], c.dk, "dk")
        expectBits(grads[2], c.dv, "dv")
    }

    @Test func fixturesLoad() {
        #expect((SDPAExactFixtures.loaded?.cases.count ?? 0) >= 10)
    }
}
