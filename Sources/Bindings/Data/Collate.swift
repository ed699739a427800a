// `default_collate`: how DataLoader turns a list of samples into a batch, following
// torch.utils.data._utils.collate. Book chapter 2.6 (input/target pairs of token ids).
import Python
import Tensor

enum Collate {
    /// `default_collate(batch)`:
    /// - tensors → `torch.stack(batch, 0)` (`[b, ...]`);
    /// - Python ints/bools → `torch.tensor(batch)`; floats → a float32 tensor (torch makes float64,
    ///   which the workbench does not have);
    /// - str → the list unchanged; dicts → a dict collating each key;
    /// - tuples and lists → a LIST with one collated entry per position (`zip(*batch)`).
    static func defaultCollate(_ batch: [Value]) throws -> Value {
        guard let element = batch.first else { return .list([]) }
        if element.tensorValue != nil {
            var tensors: [Tensor] = []
            for (i, item) in batch.enumerated() {
                guard let t = item.tensorValue else {
                    throw PyException.typeError("expected Tensor as element \(i) in argument 0, but got \(item.typeName)")
                }
                tensors.append(t)
            }
            return .tensor(try Tensor.stack(tensors, dim: 0))
        }
        switch element {
        case .int, .bool:
            return .tensor(try TensorConversion.tensor(from: .list(batch), dtype: nil))
        case .float:
            return .tensor(try TensorConversion.tensor(from: .list(batch), dtype: .float32))
        case .str:
            return .list(batch)
        case .object(let o):
            if let first = o as? PyDict {
                let result = PyDict()
                for (key, _) in first.entries {
                    let column = try batch.map { try Python.getItem($0, key) }
                    try result.set(key, try defaultCollate(column))
                }
                return .object(result)
            }
            if o is PyTuple || o is PyList {
                let rows = try batch.map { try iterateToArray($0) }
                let width = rows[0].count
                guard rows.allSatisfy({ $0.count == width }) else {
                    throw PyException.runtimeError("each element in list of batch should be of equal size")
                }
                return .list(try (0..<width).map { column in try defaultCollate(rows.map { $0[column] }) })
            }
        case .none:
            break
        }
        let cls = element.pyClass
        let name = cls.moduleName == "builtins" ? cls.name : "\(cls.moduleName).\(cls.name)"
        throw PyException.typeError("default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class '\(name)'>")
    }
}
