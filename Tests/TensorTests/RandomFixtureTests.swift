// Replays every PyTorch random-number vector in Fixtures/rng_vectors.json (the shared test
// tables plus vectors from real torch, written by Tests/Fixtures/make_rng_fixtures.py).
import Foundation
import Testing
import Tensor

/// One step of a fixture case: an op with its parameters and, optionally, the expected
/// values (decimal strings: float32 bit patterns, int64 values or raw u32 words).
struct RNGStep: Decodable, Sendable {
    struct Expected: Decodable, Sendable {
        let kind: String
        let values: [String]
        let select: String
        /// For "fnv1a64": how many values were hashed.
        let count: Int?
    }
    let op: String
    let n: Int?
    let shape: [Int]?
    let from: Double?
    let to: Double?
    let kaiming_fan_in: Int?
    let bias_fan_in: Int?
    let mean: Double?
    let std: Double?
    let p: Double?
    let dtype: String?
    let lambd: Double?
    let x: [UInt32]?
    let probs: [UInt32]?
    let num_samples: Int?
    let replacement: Bool?
    let training: Bool?
    let transpose: Bool?
    let low: String?
    let high: String?
    let from_int: String?
    let to_int: String?
    let seed: String?
    let gen: String?
    let layout: Layout?
    let expect: Expected?

    /// A view of a zero tensor: `base_shape` permuted, or narrowed (`[dim, start, length]`).
    struct Layout: Decodable, Sendable {
        let base_shape: [Int]
        let permute: [Int]?
        let narrow: [Int]?
    }
}

/// A fixture case: a fresh `manual_seed(seed)` (and a separate generator for "local" steps).
struct RNGCase: Decodable, Sendable, CustomTestStringConvertible {
    let name: String
    let seed: String
    let local_seed: String?
    let steps: [RNGStep]
    var testDescription: String { name }
}

struct RNGFixture: Decodable {
    let torch_version: String
    let table_rows: Int
    let cases: [RNGCase]
    let state_after_seed5_randn1: String

    static func load() throws -> RNGFixture {
        guard let url = Bundle.module.url(forResource: "rng_vectors", withExtension: "json",
                                          subdirectory: "Fixtures") else {
            throw TensorError.value("Fixtures/rng_vectors.json is missing from the test bundle")
        }
        return try JSONDecoder().decode(RNGFixture.self, from: Data(contentsOf: url))
    }

    static let shared: RNGFixture? = try? load()
}

/// What a step produced, flattened row-major.
enum RNGDrawn: Equatable {
    case floats([Float])
    case ints([Int64])
    case words([UInt32])
}

/// Replays fixture steps through the public API.
enum RNGReplay {
    /// Seeds a generator the way `torch.manual_seed` parses its argument (negative ints wrap).
    static func seedGenerator(_ generator: Generator, _ text: String) throws {
        if let signed = Int64(text), signed < 0 {
            generator.manualSeed(signed)
        } else if let unsigned = UInt64(text) {
            generator.manualSeed(unsigned)
        } else {
            throw TensorError.value("bad seed \(text) in fixture")
        }
    }

    static func parseDType(_ name: String?) throws -> DType {
        switch name ?? "float32" {
        case "float32": return .float32
        case "int64": return .int64
        case "bool": return .bool
        default: throw TensorError.value("dtype \(name ?? "") not supported")
        }
    }

    /// A zero tensor of logical `shape`, transposed in memory when `transpose` (2-D only), or
    /// the view `layout` describes.
    static func makeTarget(_ shape: [Int], dtype: DType = .float32, transpose: Bool,
                    layout: RNGStep.Layout? = nil) throws -> Tensor {
        if let layout {
            let base = try Tensor(zeros: layout.base_shape, dtype: dtype)
            if let order = layout.permute {
                return base.makeView(shape: order.map { base.shape[$0] }, strides: order.map { base.strides[$0] }, offset: 0)
            }
            if let narrow = layout.narrow, narrow.count == 3 {
                var viewShape = base.shape
                viewShape[narrow[0]] = narrow[2]
                return base.makeView(shape: viewShape, strides: base.strides, offset: narrow[1] * base.strides[narrow[0]])
            }
            throw TensorError.value("layout needs permute or narrow")
        }
        guard transpose, shape.count == 2 else { return try Tensor(zeros: shape, dtype: dtype) }
        let base = try Tensor(zeros: [shape[1], shape[0]], dtype: dtype)
        return base.makeView(shape: shape, strides: [1, shape[0]], offset: 0)
    }

    static func values(of t: Tensor) -> RNGDrawn {
        t.dtype == .float32 ? .floats(t.floatValues()) : .ints(t.int64Values())
    }

    /// Runs one step on `main` (the default generator of the case) or `local`.
    static func run(_ step: RNGStep, main: Generator, local: Generator) throws -> RNGDrawn? {
        let g = step.gen == "local" ? local : main
        let shape = step.shape ?? []
        let transpose = step.transpose ?? false
        func required<T>(_ value: T?, _ name: String) throws -> T {
            guard let value else { throw TensorError.value("step \(step.op) lacks \(name)") }
            return value
        }
        switch step.op {
        case "raw":
            return .words((0..<(try required(step.n, "n"))).map { _ in g.random() })
        case "rand":
            return values(of: try Tensor.rand(shape, generator: g))
        case "randn":
            return values(of: try Tensor.randn(shape, generator: g))
        case "rand_like":
            return values(of: try Tensor.randLike(try makeTarget(shape, transpose: false, layout: step.layout), generator: g))
        case "randn_like":
            return values(of: try Tensor.randnLike(try makeTarget(shape, transpose: false, layout: step.layout), generator: g))
        case "uniform":
            let t = try makeTarget(shape, transpose: transpose, layout: step.layout)
            if let fanIn = step.kaiming_fan_in {
                let bound = LayerInit.kaimingUniformBound(fanIn: fanIn)
                try t.uniform_(from: -bound, to: bound, generator: g)
            } else if let fanIn = step.bias_fan_in {
                let bound = LayerInit.biasBound(fanIn: fanIn)
                try t.uniform_(from: -bound, to: bound, generator: g)
            } else {
                try t.uniform_(from: try required(step.from, "from"), to: try required(step.to, "to"), generator: g)
            }
            return values(of: t)
        case "normal":
            let t = try makeTarget(shape, transpose: transpose, layout: step.layout)
            try t.normal_(mean: try required(step.mean, "mean"), std: try required(step.std, "std"), generator: g)
            return values(of: t)
        case "bernoulli":
            let t = try makeTarget(shape, dtype: try parseDType(step.dtype), transpose: false, layout: step.layout)
            try t.bernoulli_(try required(step.p, "p"), generator: g)
            return .ints(t.int64Values())
        case "bernoulli_tensor":
            // `transpose`: probs is the transpose (a view) of the [r, c] tensor given.
            var probs = try Tensor(floats: try required(step.probs, "probs").map { Float(bitPattern: $0) }, shape: shape)
            if transpose {
                probs = probs.makeView(shape: [shape[1], shape[0]], strides: [1, shape[1]], offset: 0)
            }
            return values(of: try Tensor.bernoulli(probs, generator: g))
        case "exponential":
            let t = try makeTarget(shape, transpose: false, layout: step.layout)
            try t.exponential_(try required(step.lambd, "lambd"), generator: g)
            return values(of: t)
        case "dropout":
            if step.layout != nil {
                // The layout's view holding 1, 2, ... in row-major order.
                let target = try makeTarget(shape, transpose: false, layout: step.layout)
                let p = target.floatPointer
                for (i, o) in target.elementOffsets().enumerated() { p[o] = Float(i + 1) }
                return values(of: try Tensor.dropout(target, p: try required(step.p, "p"), generator: g))
            }
            let bits = try required(step.x, "x")
            let logical: Tensor
            if transpose {
                let stored = try Tensor(floats: bits.map { Float(bitPattern: $0) }, shape: [shape[1], shape[0]])
                logical = stored.makeView(shape: shape, strides: [1, shape[0]], offset: 0)
            } else {
                logical = try Tensor(floats: bits.map { Float(bitPattern: $0) }, shape: shape)
            }
            return values(of: try Tensor.dropout(logical, p: try required(step.p, "p"),
                                                  training: step.training ?? true, generator: g))
        case "multinomial":
            // `transpose`: sample from the transpose (a view) of the [r, c] tensor given.
            var probs = try Tensor(floats: try required(step.probs, "probs").map { Float(bitPattern: $0) }, shape: shape)
            if transpose {
                probs = probs.makeView(shape: [shape[1], shape[0]], strides: [1, shape[1]], offset: 0)
            }
            return values(of: try Tensor.multinomial(probs, numSamples: try required(step.num_samples, "num_samples"),
                                                     replacement: step.replacement ?? false, generator: g))
        case "multinomial_repeat":
            // n separate one-sample calls, as the book's list comprehension makes them.
            let probs = try Tensor(floats: try required(step.probs, "probs").map { Float(bitPattern: $0) }, shape: shape)
            return .ints(try (0..<(try required(step.n, "n"))).flatMap { _ in
                try Tensor.multinomial(probs, numSamples: 1, generator: g).int64Values()
            })
        case "randint":
            guard let low = Int64(try required(step.low, "low")), let high = Int64(try required(step.high, "high")) else {
                throw TensorError.value("bad randint bounds")
            }
            return values(of: try Tensor.randint(low: low, high: high, shape: shape,
                                                 dtype: try parseDType(step.dtype), generator: g))
        case "random":
            let t = try makeTarget(shape, dtype: try parseDType(step.dtype), transpose: false, layout: step.layout)
            if let fromText = step.from_int {
                guard let from = Int64(fromText) else { throw TensorError.value("bad from") }
                try t.random_(from: from, to: step.to_int.flatMap { Int64($0) }, generator: g)
            } else {
                try t.random_(generator: g)
            }
            return values(of: t)
        case "randperm":
            return values(of: try Tensor.randperm(try required(step.n, "n"), dtype: try parseDType(step.dtype), generator: g))
        case "skip":
            g.skip(try required(step.n, "n"))
            return nil
        case "base_seed":
            return .ints([RandomSampler.baseSeed(g)])
        case "sampler_order":
            let n = try required(step.n, "n")
            let order = step.gen == "local"
                ? try RandomSampler.order(n: n, loaderGenerator: local)
                : try RandomSampler.order(n: n, generator: main)
            return .ints(order.map { Int64($0) })
        case "finish_epoch":
            try RandomSampler.finishEpoch(n: try required(step.n, "n"), loaderGenerator: local)
            return nil
        case "epoch_order":
            return .ints(try RandomSampler.epochOrder(n: try required(step.n, "n"), generator: main).map { Int64($0) })
        case "reseed":
            try seedGenerator(main, try required(step.seed, "seed"))
            return nil
        case "initial_seed":
            return .ints([Int64(bitPattern: main.initialSeed)])
        default:
            throw TensorError.value("unknown fixture op \(step.op)")
        }
    }

    /// FNV-1a (64-bit) of values written little-endian, `bytesEach` bytes each.
    static func fnv1a64(_ values: [UInt64], bytesEach: Int) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for value in values {
            for byte in 0..<bytesEach {
                hash ^= (value >> (8 * UInt64(byte))) & 0xFF
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        return hash
    }

    /// The `select`ed part ("all", "first:k", "last:k") of a flattened result.
    static func selected<T>(_ all: [T], _ select: String) -> [T] {
        if select.hasPrefix("first:"), let k = Int(select.dropFirst(6)) { return Array(all.prefix(k)) }
        if select.hasPrefix("last:"), let k = Int(select.dropFirst(5)) { return Array(all.suffix(k)) }
        return all
    }
}

@Suite struct RandomFixtureTests {
    @Test func fixtureHoldsTheSharedTablesAndTorchVectors() throws {
        let fixture = try RNGFixture.load()
        #expect(fixture.table_rows == 67)
        #expect(fixture.cases.count >= 170)
        #expect(fixture.cases.filter { $0.name.hasPrefix("table:") }.count >= 60)
    }

    @Test(arguments: RNGFixture.shared?.cases ?? [])
    func matchesTorchBitForBit(_ testCase: RNGCase) throws {
        let main = Generator(seed: 0)
        try RNGReplay.seedGenerator(main, testCase.seed)
        let local = Generator()
        if let localSeed = testCase.local_seed { try RNGReplay.seedGenerator(local, localSeed) }
        for (index, step) in testCase.steps.enumerated() {
            let drawn = try RNGReplay.run(step, main: main, local: local)
            guard let expected = step.expect else { continue }
            let context = "step \(index) (\(step.op))"
            switch (expected.kind, drawn) {
            case ("f32", .floats(let floats)?):
                let got = RNGReplay.selected(floats, expected.select).map { $0.bitPattern }
                let want = expected.values.compactMap { UInt32($0) }
                #expect(got == want, "\(context): got \(got.map { Float(bitPattern: $0) }), want \(want.map { Float(bitPattern: $0) })")
            case ("i64", .ints(let ints)?):
                let want = expected.values.compactMap { Int64($0) }
                #expect(RNGReplay.selected(ints, expected.select) == want, "\(context)")
            case ("fnv1a64", .floats(let floats)?):
                #expect(floats.count == expected.count)
                #expect(String(RNGReplay.fnv1a64(floats.map { UInt64($0.bitPattern) }, bytesEach: 4)) == expected.values.first,
                        "\(context)")
            case ("fnv1a64", .ints(let ints)?):
                #expect(ints.count == expected.count)
                #expect(String(RNGReplay.fnv1a64(ints.map { UInt64(bitPattern: $0) }, bytesEach: 8)) == expected.values.first,
                        "\(context)")
            case ("u32", .words(let words)?):
                #expect(words == expected.values.compactMap { UInt32($0) }, "\(context)")
            default:
                Issue.record("\(context): result \(String(describing: drawn)) does not match kind \(expected.kind)")
            }
        }
    }
}
