// torch.linalg.vector_norm's float32 2-norm, bit for bit (Fixtures/vector_norm.json, made by
// Tests/Fixtures/make_vector_norm_fixtures.py): what clip_grad_norm_ returns and scales by.
import Foundation
import Testing
import Tensor

private struct NormCase: Decodable {
    let shape: [Int]
    let x: [UInt32]
    let norm: UInt32
}

private struct NormFile: Decodable { let cases: [NormCase] }

@Test func vectorNormIsBitExact() throws {
    let url = try #require(Bundle.module.url(forResource: "vector_norm", withExtension: "json", subdirectory: "Fixtures"))
    let file = try JSONDecoder().decode(NormFile.self, from: Data(contentsOf: url))
    #expect(file.cases.count == 129)
    var differing: [String] = []
    for c in file.cases {
        let x = try Tensor(floats: c.x.map(Float.init(bitPattern:)), shape: c.shape)
        let norm = try x.vectorNorm2()
        let got = norm.floatValues().first?.bitPattern
        if got != c.norm { differing.append("\(c.shape)") }
        #expect(norm.shape == [])
    }
    #expect(differing == [])
}

@Test func vectorNormRejectsIntegers() throws {
    let ids = try Tensor(int64s: [1, 2, 3], shape: [3])
    #expect(throws: TensorError.self) { try ids.vectorNorm2() }
}
