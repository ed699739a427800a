// Tensor printing against real PyTorch: every case of Fixtures/printing.json
// (made by Tests/Fixtures/make_printing_fixtures.py) must print character for character.
import Foundation
import Testing
import Tensor

/// One fixture case: a tensor, how it was printed, and `repr(t)` from PyTorch.
struct PrintingCase: Sendable, CustomTestStringConvertible {
    let name: String
    let dtype: String
    let shape: [Int]
    let floatBits: [UInt32]
    let int64s: [Int64]
    let bools: [Bool]
    let permutation: [Int]?
    let requiresGrad: Bool
    let gradFn: String?
    let parameter: Bool
    /// The `set_printoptions` arguments the case was printed under.
    let settings: PrintSettings
    /// The options those arguments produced (`get_printoptions()`).
    let options: PrintOptions
    let repr: String

    var testDescription: String { name }
}

/// Keyword arguments of `torch.set_printoptions`, as recorded in the fixture.
struct PrintSettings: Sendable {
    var precision: Int?
    var threshold: Double?
    var edgeitems: Int?
    var linewidth: Int?
    var profile: String?
    var sciMode: Bool?
}

enum PrintingFixture {
    static func load() throws -> [PrintingCase] {
        guard let url = Bundle.module.url(forResource: "printing", withExtension: "json",
                                          subdirectory: "Fixtures") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let root = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
        guard let raw = root?["cases"] as? [[String: Any]] else { throw CocoaError(.fileReadCorruptFile) }
        return try raw.map(parse)
    }

    /// The cases for `@Test(arguments:)`; `fixtureHasEnoughCases` fails if loading fails.
    static let cases: [PrintingCase] = (try? load()) ?? []

    private static func double(_ value: Any?) -> Double? {
        if let s = value as? String, s == "inf" { return .infinity }
        return (value as? NSNumber)?.doubleValue
    }

    private static func parse(_ c: [String: Any]) throws -> PrintingCase {
        guard let name = c["name"] as? String, let dtype = c["dtype"] as? String,
              let shape = c["shape"] as? [Int], let values = c["values"] as? [Any],
              let options = c["options"] as? [String: Any],
              let settings = c["settings"] as? [String: Any], let repr = c["repr"] as? String
        else { throw CocoaError(.fileReadCorruptFile) }
        let sciMode = options["sci_mode"] as? Bool
        let printOptions = PrintOptions(
            precision: options["precision"] as? Int ?? -1,
            threshold: double(options["threshold"]) ?? -1,
            edgeitems: options["edgeitems"] as? Int ?? -1,
            linewidth: options["linewidth"] as? Int ?? -1,
            sciMode: sciMode)
        let printSettings = PrintSettings(
            precision: settings["precision"] as? Int, threshold: double(settings["threshold"]),
            edgeitems: settings["edgeitems"] as? Int, linewidth: settings["linewidth"] as? Int,
            profile: settings["profile"] as? String, sciMode: settings["sci_mode"] as? Bool)
        return PrintingCase(
            name: name, dtype: dtype, shape: shape,
            floatBits: dtype == "float32" ? values.compactMap { ($0 as? NSNumber)?.uint32Value } : [],
            int64s: dtype == "int64" ? values.compactMap { ($0 as? String).flatMap { Int64($0) } } : [],
            bools: dtype == "bool" ? values.compactMap { $0 as? Bool } : [],
            permutation: c["permutation"] as? [Int],
            requiresGrad: c["requires_grad"] as? Bool ?? false,
            gradFn: c["grad_fn"] as? String,
            parameter: c["parameter"] as? Bool ?? false,
            settings: printSettings, options: printOptions, repr: repr)
    }

    /// The case's tensor, with its view geometry and autograd state rebuilt in Swift.
    static func tensor(for c: PrintingCase) throws -> Tensor {
        var t: Tensor
        switch c.dtype {
        case "float32": t = try Tensor(floats: c.floatBits.map(Float.init(bitPattern:)), shape: c.shape)
        case "int64": t = try Tensor(int64s: c.int64s, shape: c.shape)
        default: t = try Tensor(bools: c.bools, shape: c.shape)
        }
        if let permutation = c.permutation {
            // [shape] -> [shape[perm[0]], shape[perm[1]], ...], a strided view
            t = t.makeView(shape: permutation.map { c.shape[$0] },
                           strides: permutation.map { t.strides[$0] }, offset: 0)
        }
        if let gradFn = c.gradFn {
            let leaf = try t.copyData(as: t.dtype)
            try leaf.setRequiresGrad(true)
            t.recordingGrad(gradFn, inputs: [leaf]) { gradient in [gradient] }
        } else if c.requiresGrad {
            try t.setRequiresGrad(true)
        }
        t.isParameter = c.parameter
        return t
    }
}

@Suite struct PrintingTests {
    @Test func fixtureHasEnoughCases() throws {
        let cases = try PrintingFixture.load()
        #expect(cases.count >= 150)
        #expect(cases.count == PrintingFixture.cases.count)
    }

    @Test(arguments: PrintingFixture.cases)
    func printsLikePyTorch(_ c: PrintingCase) throws {
        let t = try PrintingFixture.tensor(for: c)
        let text = formatTensor(t, options: c.options)
        #expect(text == c.repr, "\(c.name)\n--- Swift:\n\(text)\n--- PyTorch:\n\(c.repr)")
    }

    /// `set_printoptions` from the defaults reproduces what PyTorch's call produced.
    @Test(arguments: PrintingFixture.cases.filter { $0.settings.profile != nil || $0.settings.sciMode != nil
                                                     || $0.settings.precision != nil })
    func setPrintOptionsMatchesPyTorch(_ c: PrintingCase) {
        var options = PrintOptions()
        let s = c.settings
        options.set(precision: s.precision, threshold: s.threshold, edgeitems: s.edgeitems,
                    linewidth: s.linewidth, profile: s.profile, sciMode: s.sciMode)
        #expect(options == c.options, "\(c.name): \(options) vs \(c.options)")
    }

    @Test func setWithoutSciModeResetsIt() {
        var options = PrintOptions(sciMode: true)
        options.set(precision: 2)
        #expect(options == PrintOptions(precision: 2, sciMode: nil))
        options.set(profile: "no such profile")
        #expect(options == PrintOptions(precision: 2))
        options.set(edgeitems: 1, profile: "full")
        #expect(options == PrintOptions(precision: 4, threshold: .infinity, edgeitems: 1))
    }

    /// `description` is `repr` under the current (default) options.
    @Test func descriptionUsesCurrentOptions() throws {
        let defaults = PrintingFixture.cases.filter { $0.options == PrintOptions() }.prefix(40)
        #expect(defaults.count == 40)
        for c in defaults {
            let t = try PrintingFixture.tensor(for: c)
            #expect(t.description == formatTensor(t, options: PrintOptions.current))
            #expect("\(t)" == c.repr, "\(c.name)")
        }
    }

    @Test(arguments: [
        ([2, 3], "torch.Size([2, 3])"),
        ([], "torch.Size([])"),
        ([5], "torch.Size([5])"),
        ([1, 0, 768], "torch.Size([1, 0, 768])"),
    ])
    func sizeText(_ shape: [Int], _ expected: String) {
        #expect(sizeDescription(shape) == expected)
    }
}
