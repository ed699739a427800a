// `torch.utils.data`: Dataset (the base class the book's GPTDatasetV1 subclasses),
// TensorDataset, Subset, random_split and DataLoader. Book chapter 2.6, 5, 6.
import Python
import Tensor

enum DataBinding {
    static let datasetClass = NativeClass(name: "Dataset", module: "torch.utils.data.dataset")
    static let tensorDatasetClass = NativeClass(name: "TensorDataset", module: "torch.utils.data.dataset", base: datasetClass.pyClass)
    static let subsetClass = NativeClass(name: "Subset", module: "torch.utils.data.dataset", base: datasetClass.pyClass)
    static let dataLoaderClass = NativeClass(name: "DataLoader", module: "torch.utils.data.dataloader")
    static let loaderIteratorClass = NativeClass(name: "_SingleProcessDataLoaderIter", module: "torch.utils.data.dataloader")

    static let module: NativeModule = {
        let m = NativeModule(name: "torch.utils.data")
        datasetClass.addMethod("__getitem__", signature: "index") { this, _ in
            throw PyException.notImplemented("Subclasses of Dataset should implement __getitem__.")
        }
        tensorDatasetClass.setConstructor(signature: "*tensors") { _, args in
            let tensors = try args.extraPositional.map { v -> Tensor in
                guard let t = v.tensorValue else { throw PyException.typeError("TensorDataset: expected tensors, got \(v.typeName)") }
                return t
            }
            guard let first = tensors.first?.shape.first, tensors.allSatisfy({ $0.shape.first == first }) else {
                throw PyException(BuiltinTypes.exception("AssertionError"), "Size mismatch between tensors")
            }
            return .object(TensorDatasetObject(tensors))
        }
        subsetClass.setConstructor(signature: "dataset, indices") { _, args in
            .object(SubsetObject(dataset: args["dataset"], indices: try iterateToArray(args["indices"]).map { try $0.asInt("index") }))
        }
        dataLoaderClass.setConstructor(signature: """
            dataset, batch_size=1, shuffle=None, sampler=None, batch_sampler=None, num_workers=0, \
            collate_fn=None, pin_memory=False, drop_last=False, timeout=0, worker_init_fn=None, \
            multiprocessing_context=None, generator=None, *, prefetch_factor=None, \
            persistent_workers=False, pin_memory_device='', in_order=True
            """) { _, args in try makeLoader(args) }
        for cls in [datasetClass, tensorDatasetClass, subsetClass, dataLoaderClass] { m.addClass(cls) }
        installSamplers(m)
        for cls in [datasetClass, tensorDatasetClass, subsetClass] { cls.pyClass.moduleName = "torch.utils.data.dataset" }
        dataLoaderClass.pyClass.moduleName = "torch.utils.data.dataloader"
        m.addFunction("random_split", signature: "dataset, lengths, generator=None") { args in
            try randomSplit(args["dataset"], lengths: iterateToArray(args["lengths"]), generator: args.generator())
        }
        m.addFunction("default_collate", signature: "batch") { args in
            try Collate.defaultCollate(iterateToArray(args["batch"]))
        }
        return m
    }()

    static func makeLoader(_ args: BoundArguments) throws -> Value {
        let batchSize = try args.optionalInt("batch_size")
        if let b = batchSize, b <= 0 {
            throw PyException.valueError("batch_size should be a positive integer value, but got batch_size=\(b)")
        }
        let shuffle = args.isNone("shuffle") ? false : try args.bool("shuffle")
        if !args.isNone("sampler") && shuffle {
            throw PyException.valueError("sampler option is mutually exclusive with shuffle")
        }
        if !args.isNone("batch_sampler") {
            throw PyException.notImplemented("DataLoader(batch_sampler=...) is not supported in the workbench; use batch_size and sampler")
        }
        let workers = try args.int("num_workers")
        if workers < 0 {
            throw PyException.valueError("num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.")
        }
        var generator: GeneratorObject?
        if !args.isNone("generator") {
            guard let g = args["generator"].asObject as? GeneratorObject else {
                throw PyException.typeError("DataLoader(): generator must be a torch.Generator, not \(args["generator"].typeName)")
            }
            generator = g
        }
        if shuffle, try length(args["dataset"]) <= 0 {
            throw PyException.valueError("num_samples should be a positive integer value, but got num_samples=0")
        }
        // Worker processes would see the same samples in the same order; the workbench loads in-process.
        return .object(DataLoaderObject(dataset: args["dataset"], batchSize: batchSize, shuffle: shuffle,
                                        sampler: args["sampler"], collateFunction: args["collate_fn"],
                                        dropLast: try args.bool("drop_last"), generator: generator, numWorkers: workers))
    }

    /// `random_split(dataset, lengths, generator)`: lengths as counts or fractions summing to 1;
    /// the split order is `randperm(len(dataset), generator=generator)`.
    static func randomSplit(_ dataset: Value, lengths: [Value], generator: Generator) throws -> Value {
        let n = try length(dataset)
        var counts: [Int]
        let fractions = try lengths.map { try $0.asDouble("length") }
        let total = fractions.reduce(0, +)
        if lengths.contains(where: { if case .float = $0 { return true }; return false }), abs(total - 1) <= 1e-9, total <= 1 {
            for (i, f) in fractions.enumerated() where !(0...1).contains(f) {
                throw PyException.valueError("Fraction at index \(i) is not between 0 and 1")
            }
            counts = fractions.map { Int((Double(n) * $0).rounded(.down)) }
            let remainder = n - counts.reduce(0, +)
            for i in 0..<remainder { counts[i % counts.count] += 1 }
        } else {
            counts = try lengths.map { try $0.asInt("length") }
        }
        guard counts.allSatisfy({ $0 >= 0 }) else {
            throw PyException.valueError("random_split: lengths must be non-negative, got \(counts)")
        }
        guard counts.reduce(0, +) == n else {
            throw PyException.valueError("Sum of input lengths does not equal the length of the input dataset!")
        }
        let order = try Tensor.randperm(n, generator: generator).int64Values().map { Int($0) }
        var offset = 0
        var subsets: [Value] = []
        for count in counts {
            subsets.append(.object(SubsetObject(dataset: dataset, indices: Array(order[offset..<offset + count]))))
            offset += count
        }
        return .list(subsets)
    }

    static func register() {
        let utils = NativeModule(name: "torch.utils")
        utils.addSubmodule(module, as: "data")
        TorchBinding.module.addSubmodule(utils, as: "utils")
        Interpreter.registerNativeModule("torch.utils") { _ in utils.module }
        Interpreter.registerNativeModule("torch.utils.data") { _ in module.module }
        for name in ["dataloader", "sampler", "dataset"] { Interpreter.registerNativeModule("torch.utils.data." + name) { _ in module.module } }
    }
}

/// `TensorDataset(*tensors)`: sample i is `tuple(t[i] for t in tensors)`.
final class TensorDatasetObject: PyObject {
    let tensors: [Tensor]
    init(_ tensors: [Tensor]) { self.tensors = tensors }
    override var pyClass: PyClass { DataBinding.tensorDatasetClass.pyClass }
    override func length() throws -> Int? { tensors[0].shape[0] }
    override func getItem(_ key: Value) throws -> Value? {
        .tuple(try tensors.map { try Python.getItem(.tensor($0), key) })
    }
    override func makeIterator() throws -> PyIterator? { IndexedIterator(self, count: tensors[0].shape[0]) }
    override func getAttribute(_ name: String) throws -> Value? {
        name == "tensors" ? .tuple(tensors.map { .tensor($0) }) : nil
    }
}

/// `Subset(dataset, indices)`: `subset[i]` is `dataset[indices[i]]`.
final class SubsetObject: PyObject {
    let dataset: Value
    let indices: [Int]
    init(dataset: Value, indices: [Int]) { (self.dataset, self.indices) = (dataset, indices) }
    override var pyClass: PyClass { DataBinding.subsetClass.pyClass }
    override func length() throws -> Int? { indices.count }
    override func getItem(_ key: Value) throws -> Value? {
        guard let i = try indexValue(key) else {
            throw PyException.typeError("list indices must be integers or slices, not \(key.typeName)")
        }
        let j = i < 0 ? i + indices.count : i
        guard j >= 0 && j < indices.count else { throw PyException.indexError("list index out of range") }
        return try Python.getItem(dataset, .int(indices[j]))
    }
    override func makeIterator() throws -> PyIterator? { IndexedIterator(self, count: indices.count) }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "dataset": return dataset
        case "indices": return .list(indices.map { .int($0) })
        default: return nil
        }
    }
}

/// `iter(dataset)` for the native datasets: `dataset[0]`, `dataset[1]`, ... (Python's
/// sequence protocol).
final class IndexedIterator: PyIterator {
    let source: PyObject
    let count: Int
    var position = 0
    init(_ source: PyObject, count: Int) { (self.source, self.count) = (source, count) }
    override func next() throws -> Value? {
        guard position < count else { return nil }
        defer { position += 1 }
        return try source.getItem(.int(position))
    }
}
