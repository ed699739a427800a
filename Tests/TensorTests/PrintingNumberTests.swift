// Decimal rounding of printed floats against Python: 0-d tensors from
// Fixtures/printing_numbers.json, each printed with sci_mode forced off and on.
import Foundation
import Testing
import Tensor

@Suite struct PrintingNumberTests {
    /// Rows of `[float32 bits, precision, repr with sciMode false, repr with sciMode true]`.
    static func load() throws -> [(bits: UInt32, precision: Int, fixed: String, sci: String)] {
        guard let url = Bundle.module.url(forResource: "printing_numbers", withExtension: "json",
                                          subdirectory: "Fixtures"),
              let rows = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [[Any]]
        else { throw CocoaError(.fileReadCorruptFile) }
        return rows.compactMap { row in
            guard row.count == 4, let bits = (row[0] as? NSNumber)?.uint32Value,
                  let precision = row[1] as? Int, let fixed = row[2] as? String,
                  let sci = row[3] as? String else { return nil }
            return (bits, precision, fixed, sci)
        }
    }

    @Test func scalarsRoundLikePython() throws {
        let rows = try Self.load()
        #expect(rows.count > 3000)
        var failures = 0
        for row in rows {
            let t = try Tensor(scalar: Float(bitPattern: row.bits))
            let fixed = formatTensor(t, options: PrintOptions(precision: row.precision, sciMode: false))
            let sci = formatTensor(t, options: PrintOptions(precision: row.precision, sciMode: true))
            if fixed != row.fixed || sci != row.sci {
                failures += 1
                if failures <= 10 {
                    let message = "bits \(row.bits) precision \(row.precision): "
                        + "Swift \(fixed) / \(sci), PyTorch \(row.fixed) / \(row.sci)"
                    Issue.record(Comment(rawValue: message))
                }
            }
        }
        #expect(failures == 0)
    }
}
