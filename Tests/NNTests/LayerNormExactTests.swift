// F.layer_norm against torch bit for bit: Fixtures/layernorm_exact.json holds float32
// bit patterns (made by Tests/Fixtures/make_layernorm_fixtures.py).
import Foundation
import Testing
import Tensor
import NN

private struct ExactCase: Decodable {
    let shape: [Int]
    let x, w, b, y, y_plain, dy, dx, dw, db: [UInt32]
    let threads: Int
}

private struct ExactFile: Decodable {
    let cases: [String: ExactCase]
}

private let exactCases: [String: ExactCase] = {
    guard let url = Bundle.module.url(forResource: "layernorm_exact", withExtension: "json", subdirectory: "Fixtures"),
          let data = try? Data(contentsOf: url),
          let file = try? JSONDecoder().decode(ExactFile.self, from: data) else { return [:] }
    return file.cases
}()

private func floats(_ bits: [UInt32]) -> [Float] { bits.map(Float.init(bitPattern:)) }

/// Rows whose output bits differ from torch's, as "row r: k elements".
private func mismatches(_ actual: Tensor, _ expected: [UInt32], columns: Int) -> [String] {
    let got = actual.floatValues().map(\.bitPattern)
    guard got.count == expected.count else { return ["count \(got.count) != \(expected.count)"] }
    return stride(from: 0, to: got.count, by: columns).compactMap { start in
        let wrong = (start..<start + columns).filter { got[$0] != expected[$0] }.count
        return wrong == 0 ? nil : "row \(start / columns): \(wrong) elements"
    }
}

@Test(arguments: ["c8", "c32", "c64", "c100", "c768"])
func layerNormIsBitExact(name: String) throws {
    let c = try #require(exactCases[name], "fixture \(name) missing")
    let columns = c.shape[c.shape.count - 1]
    let x = try Tensor(floats: floats(c.x), shape: c.shape)
    let w = try Tensor(floats: floats(c.w), shape: [columns])
    let b = try Tensor(floats: floats(c.b), shape: [columns])
    let y = try Functional.layerNorm(x, normalizedShape: [columns], weight: w, bias: b, eps: 1e-5)
    #expect(mismatches(y, c.y, columns: columns) == [], "affine")
    let plain = try Functional.layerNorm(x, normalizedShape: [columns], weight: nil, bias: nil, eps: 1e-5)
    #expect(mismatches(plain, c.y_plain, columns: columns) == [], "no weight, no bias")
}

@Test(arguments: ["c8", "c32", "c64", "c100", "c768"])
func layerNormBackwardIsBitExact(name: String) throws {
    let c = try #require(exactCases[name], "fixture \(name) missing")
    let columns = c.shape[c.shape.count - 1]
    let x = try Tensor(floats: floats(c.x), shape: c.shape)
    let w = try Tensor(floats: floats(c.w), shape: [columns])
    let b = try Tensor(floats: floats(c.b), shape: [columns])
    for t in [x, w, b] { try t.setRequiresGrad(true) }
    let y = try Functional.layerNorm(x, normalizedShape: [columns], weight: w, bias: b, eps: 1e-5)
    try y.backward(gradient: try Tensor(floats: floats(c.dy), shape: c.shape))
    let dx = try #require(x.grad), dw = try #require(w.grad), db = try #require(b.grad)
    #expect(mismatches(dx, c.dx, columns: columns) == [], "grad_input")
    // dw and db depend on how many threads torch split the rows over.
    guard c.threads == ProcessInfo.processInfo.activeProcessorCount else { return }
    #expect(mismatches(dw, c.dw, columns: columns) == [], "grad_weight")
    #expect(mismatches(db, c.db, columns: columns) == [], "grad_bias")
}
