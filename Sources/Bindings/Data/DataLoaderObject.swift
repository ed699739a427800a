// `torch.utils.data.DataLoader` with num_workers=0: batches of a map-style dataset, drawing
// random numbers exactly as PyTorch does (RNG_SPEC.md §9c). Book chapter 2.6 and 5.
import Python
import Tensor

/// A `DataLoader(dataset, batch_size, shuffle, sampler, collate_fn, drop_last, generator)`.
final class DataLoaderObject: PyObject {
    let dataset: Value
    /// nil for `batch_size=None` (samples are returned one by one, uncollated).
    let batchSize: Int?
    let shuffle: Bool
    let sampler: Value
    let collateFunction: Value
    let dropLast: Bool
    let generator: GeneratorObject?
    let numWorkers: Int

    init(dataset: Value, batchSize: Int?, shuffle: Bool, sampler: Value, collateFunction: Value,
         dropLast: Bool, generator: GeneratorObject?, numWorkers: Int) {
        (self.dataset, self.batchSize, self.shuffle, self.sampler) = (dataset, batchSize, shuffle, sampler)
        (self.collateFunction, self.dropLast, self.generator, self.numWorkers) = (collateFunction, dropLast, generator, numWorkers)
        super.init()
    }

    override var pyClass: PyClass { DataBinding.dataLoaderClass.pyClass }

    /// `len(loader)`: the number of batches, `ceil(n / b)` (`floor` with drop_last).
    override func length() throws -> Int? {
        let n = sampler.isNone ? try Python.length(dataset) : try Python.length(sampler)
        guard let b = batchSize else { return n }
        return dropLast ? n / b : (n + b - 1) / b
    }

    /// `iter(loader)`: draws `_base_seed` (2 u32) from the loader's generator or the global one.
    override func makeIterator() throws -> PyIterator? {
        RandomSampler.baseSeed(generator?.generator ?? .default)
        return DataLoaderIterator(self)
    }

    override func attributeNames() -> [String] {
        ["dataset", "batch_size", "drop_last", "num_workers", "generator", "collate_fn", "sampler"]
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "dataset": return dataset
        case "batch_size": return batchSize.map { .int($0) } ?? Value.none
        case "drop_last": return .bool(dropLast)
        case "num_workers": return .int(numWorkers)
        case "generator": return generator.map { .object($0) } ?? Value.none
        case "collate_fn": return collateFunction
        case "sampler": return sampler
        default: return nil
        }
    }
}

/// The indices of one epoch: `SequentialSampler`, `RandomSampler`, or a script sampler.
/// Started lazily on the first request, as PyTorch's generator-function samplers are.
final class IndexSampler {
    private let loader: DataLoaderObject
    var order: [Int]?
    var custom: PyIterator?
    var position = 0
    var finished = false

    init(_ loader: DataLoaderObject) { self.loader = loader }

    /// The next index, or nil once the epoch's indices are used up.
    func next() throws -> Int? {
        if finished { return nil }
        if order == nil && custom == nil { try start() }
        if let custom {
            guard let v = try custom.next() else { finished = true; return nil }
            return try v.asInt("sampler index")
        }
        guard let order, position < order.count else {
            finished = true
            // RandomSampler's trailing `randperm(n, generator=g)[:0]`.
            if loader.shuffle, let g = loader.generator?.generator { try RandomSampler.finishEpoch(n: order?.count ?? 0, loaderGenerator: g) }
            return nil
        }
        defer { position += 1 }
        return order[position]
    }

    private func start() throws {
        if !loader.sampler.isNone {
            custom = try makeIterator(loader.sampler)
            return
        }
        let n = try length(loader.dataset)
        if !loader.shuffle {
            order = Array(0..<n)
        } else if let g = loader.generator?.generator {
            order = try RandomSampler.order(n: n, loaderGenerator: g)
        } else {
            order = try RandomSampler.order(n: n, generator: .default)
        }
    }
}

/// One pass over a DataLoader: BatchSampler's two loops (drop_last or not), fetch, collate.
final class DataLoaderIterator: PyIterator {
    let loader: DataLoaderObject
    let sampler: IndexSampler
    var done = false

    init(_ loader: DataLoaderObject) {
        self.loader = loader
        sampler = IndexSampler(loader)
    }

    override var pyClass: PyClass { DataBinding.loaderIteratorClass.pyClass }

    override func next() throws -> Value? {
        if done { return nil }
        guard let batchSize = loader.batchSize else {
            guard let index = try sampler.next() else { done = true; return nil }
            return try Python.getItem(loader.dataset, .int(index))
        }
        var indices: [Int] = []
        while indices.count < batchSize {
            guard let index = try sampler.next() else { break }
            indices.append(index)
        }
        if indices.isEmpty || (loader.dropLast && indices.count < batchSize) {
            done = true
            return nil
        }
        let samples = try indices.map { try Python.getItem(loader.dataset, .int($0)) }
        if !loader.collateFunction.isNone { return try callValue(loader.collateFunction, .list(samples)) }
        return try Collate.defaultCollate(samples)
    }
}
