// log_softmax over the last dim against torch bit for bit, including rows whose log-sum-exp
// needs SLEEF's log (Fixtures/log_softmax_exact.json, made by make_log_softmax_fixtures.py).
import Foundation
import Testing
import Tensor

private struct LogSoftmaxFile: Decodable {
    let rows: Int, columns: Int
    let x: [UInt32], y: [UInt32]
}

@Test func logSoftmaxLastDimIsBitExact() throws {
    let url = try #require(Bundle.module.url(forResource: "log_softmax_exact", withExtension: "json",
                                             subdirectory: "Fixtures"))
    let file = try JSONDecoder().decode(LogSoftmaxFile.self, from: Data(contentsOf: url))
    #expect(file.rows == 32)
    let x = try Tensor(floats: file.x.map(Float.init(bitPattern:)), shape: [file.rows, file.columns])
    let got = try x.logSoftmax(dim: -1).floatValues().map(\.bitPattern)
    let differingRows = Set(got.indices.filter { got[$0] != file.y[$0] }.map { $0 / file.columns })
    #expect(differingRows.sorted() == [])
}
