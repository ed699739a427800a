// Loads Tests/NNTests/Fixtures/nn.json (made by Tests/Fixtures/make_nn_fixtures.py)
// and compares tensors with stated tolerances.
import Foundation
import Testing
import Tensor

struct FixtureTensor: Decodable {
    let shape: [Int]
    let values: [Double]
    func tensor() throws -> Tensor { try Tensor(floats: values.map { Float($0) }, shape: shape) }
    func leaf() throws -> Tensor { let t = try tensor(); try t.setRequiresGrad(true); return t }
}

enum NNFixture {
    static let data: [String: Any] = {
        guard let url = Bundle.module.url(forResource: "nn", withExtension: "json", subdirectory: "Fixtures"),
              let data = try? Data(contentsOf: url),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }()

    static func decode<T: Decodable>(_ type: T.Type, _ key: String) throws -> T {
        let value = try #require(data[key], "fixture \(key) missing")
        return try JSONDecoder().decode(T.self, from: JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed]))
    }
}

/// Shape first, then every value within `atol + rtol * |expected|`.
func expectClose(_ actual: Tensor?, _ expected: FixtureTensor?, rtol: Float = 1e-5, atol: Float = 1e-6,
                 _ label: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    guard let actual, let expected else {
        #expect(actual == nil && expected == nil, "\(label): one side is missing", sourceLocation: sourceLocation)
        return
    }
    #expect(actual.shape == expected.shape, "\(label): shape", sourceLocation: sourceLocation)
    let a = actual.floatValues()
    let e = expected.values.map { Float($0) }
    guard a.count == e.count else { return }
    let worst = zip(a, e).map { abs($0 - $1) - (atol + rtol * abs($1)) }.max() ?? 0
    #expect(worst <= 0, "\(label): got \(a) expected \(e)", sourceLocation: sourceLocation)
}
