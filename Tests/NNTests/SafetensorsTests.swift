// safetensors files written by the real Python package load exactly, our writer
// reproduces its bytes, and damaged files give a clear error naming the file.
import Foundation
import Testing
import Tensor
import NN

private func fixture(_ name: String, _ ext: String) throws -> URL {
    try #require(Bundle.module.url(forResource: name, withExtension: ext, subdirectory: "Fixtures"))
}

private struct Expected: Decodable { let shape: [Int]; let values: [Double] }
private struct ExpectedFile: Decodable { let mixed: [String: Expected]; let written: [String: Expected] }

private func expected() throws -> ExpectedFile {
    try JSONDecoder().decode(ExpectedFile.self, from: Data(contentsOf: fixture("safetensors", "json")))
}

@Test func readsEveryDtypeThePythonPackageWrites() throws {
    let loaded = try Safetensors.load(path: fixture("mixed", "safetensors").path)
    let want = try expected().mixed
    #expect(Set(loaded.map(\.name)) == Set(want.keys))
    for (name, tensor) in loaded {
        let w = try #require(want[name])
        #expect(tensor.shape == w.shape, "\(name)")
        #expect(tensor.floatValues() == w.values.map { Float($0) }, "\(name)")
    }
    let ids = try #require(loaded.first { $0.name == "i64" }?.tensor)
    #expect(ids.dtype == .int64)
    #expect(ids.int64Values() == [1, -2, 3, 1 << 40])
    #expect(loaded.first { $0.name == "mask" }?.tensor.dtype == .bool)
}

@Test func writesTheSameBytesAsThePythonPackage() throws {
    let url = try fixture("written", "safetensors")
    let original = try Data(contentsOf: url)
    let loaded = try Safetensors.load(path: url.path)
    let encoded = try Safetensors.encode(loaded, metadata: ["format": "pt"])
    #expect(encoded == original)
    let roundTrip = try Safetensors.decode(encoded)
    for ((n1, t1), (n2, t2)) in zip(loaded, roundTrip) {
        #expect(n1 == n2)
        #expect(t1.floatValues() == t2.floatValues())
    }
}

@Test(arguments: [
    ("short", 4, "too short for a header"),
    ("header", 40, "the header claims"),
    ("data", -3, "past the"),
])
func damagedFilesAreRefusedWithTheirName(label: String, cut: Int, reason: String) throws {
    var data = try Data(contentsOf: fixture("written", "safetensors"))
    data = cut > 0 ? data.prefix(cut) : data.dropLast(-cut)
    do {
        _ = try Safetensors.decode(Data(data), path: "model.safetensors")
        Issue.record("\(label): decoding a damaged file succeeded")
    } catch let error as SafetensorsError {
        #expect(error.description.hasPrefix("model.safetensors: not a valid safetensors file"))
        #expect(error.reason.contains(reason), "\(error.reason)")
    }
}

@Test func aHeaderThatIsNotJSONIsRefused() throws {
    var data = Data([8, 0, 0, 0, 0, 0, 0, 0])
    data.append(Data("not json".utf8))
    #expect(throws: SafetensorsError.self) { try Safetensors.decode(data) }
}
