// `torch.utils.data.SequentialSampler` and `RandomSampler` (with or without replacement),
// drawing as torch/utils/data/sampler.py does: a private generator seeded from the global one
// (`int(torch.empty((), dtype=torch.int64).random_().item())`) when none is given, then
// `randint(high=n, size=(32,))` chunks or whole `randperm(n)`s, each drawn when first needed.
// minGPT's trainer: `RandomSampler(train_dataset, replacement=True, num_samples=int(1e10))`.
import Python
import Tensor

extension DataBinding {
    static let samplerClass = NativeClass(name: "Sampler", module: "torch.utils.data.sampler")
    static let sequentialSamplerClass = NativeClass(name: "SequentialSampler", module: "torch.utils.data.sampler", base: samplerClass.pyClass)
    static let randomSamplerClass = NativeClass(name: "RandomSampler", module: "torch.utils.data.sampler", base: samplerClass.pyClass)

    static func installSamplers(_ m: NativeModule) {
        sequentialSamplerClass.setConstructor(signature: "data_source") { _, args in
            .object(SequentialSamplerObject(dataSource: args["data_source"]))
        }
        randomSamplerClass.setConstructor(signature: "data_source, replacement=False, num_samples=None, generator=None") { _, args in
            guard case .bool(let replacement) = args["replacement"] else {
                throw PyException.typeError("replacement should be a boolean value, but got replacement=\(try Python.str(args["replacement"]))")
            }
            let count: Int
            if args.isNone("num_samples") { count = try length(args["data_source"]) } else {
                guard case .int(let n) = args["num_samples"] else {
                    throw PyException.valueError("num_samples should be a positive integer value, but got num_samples=\(try Python.str(args["num_samples"]))")
                }
                count = n
            }
            if count <= 0 { throw PyException.valueError("num_samples should be a positive integer value, but got num_samples=\(count)") }
            var generator: GeneratorObject?
            if !args.isNone("generator") {
                guard let g = args["generator"].asObject as? GeneratorObject else {
                    throw PyException.typeError("RandomSampler(): generator must be a torch.Generator, not \(args["generator"].typeName)")
                }
                generator = g
            }
            return .object(RandomSamplerObject(dataSource: args["data_source"], replacement: replacement,
                                               numSamples: args.isNone("num_samples") ? nil : count, generator: generator))
        }
        for cls in [samplerClass, sequentialSamplerClass, randomSamplerClass] {
            m.addClass(cls)
            cls.pyClass.moduleName = "torch.utils.data.sampler"
        }
    }
}

/// `SequentialSampler(data)`: `iter(range(len(data)))`.
final class SequentialSamplerObject: PyObject {
    let dataSource: Value
    init(dataSource: Value) { self.dataSource = dataSource }
    override var pyClass: PyClass { DataBinding.sequentialSamplerClass.pyClass }
    override func length() throws -> Int? { try Python.length(dataSource) }
    override func makeIterator() throws -> PyIterator? { ArrayIterator((0..<(try Python.length(dataSource))).map { .int($0) }) }
    override func getAttribute(_ name: String) throws -> Value? { name == "data_source" ? dataSource : nil }
}

/// `RandomSampler(data, replacement=False, num_samples=None, generator=None)`.
final class RandomSamplerObject: PyObject {
    let dataSource: Value
    let replacement: Bool
    let numSamples: Int?
    let generator: GeneratorObject?
    init(dataSource: Value, replacement: Bool, numSamples: Int?, generator: GeneratorObject?) {
        (self.dataSource, self.replacement, self.numSamples, self.generator) = (dataSource, replacement, numSamples, generator)
    }
    override var pyClass: PyClass { DataBinding.randomSamplerClass.pyClass }
    func count() throws -> Int { try numSamples ?? Python.length(dataSource) }
    override func length() throws -> Int? { try count() }
    override func makeIterator() throws -> PyIterator? { RandomSamplerIterator(self) }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "data_source": return dataSource
        case "replacement": return .bool(replacement)
        case "num_samples": return .int(try count())
        case "generator": return generator.map { .object($0) } ?? Value.none
        default: return nil
        }
    }
}

/// One pass of a RandomSampler: PyTorch's generator function, block by block.
final class RandomSamplerIterator: PyIterator {
    let sampler: RandomSamplerObject
    private var started = false
    private var n = 0, total = 0
    private var generator = Generator.default
    private var block: [Int64] = []
    private var position = 0
    /// Blocks drawn so far; the last block is the remainder (`num_samples % 32` or `% n`).
    private var blocksDrawn = 0
    private var fullBlocks = 0
    private var finished = false

    init(_ sampler: RandomSamplerObject) { self.sampler = sampler }

    override func next() throws -> Value? {
        if finished { return nil }
        if !started { try start() }
        while position >= block.count {
            guard blocksDrawn <= fullBlocks else { finished = true; return nil }
            try drawBlock()
        }
        defer { position += 1 }
        return .int(Int(block[position]))
    }

    private func start() throws {
        started = true
        n = try Python.length(sampler.dataSource)
        total = try sampler.count()
        if let g = sampler.generator {
            generator = g.generator
        } else {
            let seed = RandomSampler.baseSeed(.default)   // torch.empty((), dtype=torch.int64).random_()
            generator = Generator(seed: UInt64(bitPattern: seed))
        }
        fullBlocks = sampler.replacement ? total / 32 : (n == 0 ? 0 : total / n)
    }

    private func drawBlock() throws {
        let isLast = blocksDrawn == fullBlocks
        blocksDrawn += 1
        position = 0
        if sampler.replacement {
            let size = isLast ? total % 32 : 32
            block = try Tensor.randint(low: 0, high: Int64(n), shape: [size], generator: generator).int64Values()
        } else {
            let perm = try Tensor.randperm(n, generator: generator).int64Values()
            block = isLast ? Array(perm.prefix(total % max(n, 1))) : perm
        }
    }
}
