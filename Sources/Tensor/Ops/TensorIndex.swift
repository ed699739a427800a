// One entry of a subscript `x[...]`, as the interpreter hands it to `index`/`indexPut`.
// Serves every lesson that slices batches, picks rows or masks (chapters 2-5).

/// One component of a PyTorch subscript: `x[0, 1:, None, ..., idx]`.
public enum TensorIndex {
    /// `x[i]`: selects along one dim and removes it (negative counts from the end).
    case int(Int)
    /// `x[start:stop:step]`: a view along one dim; nil parts take Python's defaults.
    case slice(start: Int?, stop: Int?, step: Int?)
    /// `x[None]`: inserts a dim of size 1.
    case none
    /// `x[...]`: as many full slices as the other entries leave dims.
    case ellipsis
    /// `x[t]`: advanced indexing with an int64 tensor (a Python list of ints arrives
    /// as one), or a bool mask over as many dims as it has. A 0-d int64 tensor
    /// acts as `.int`.
    case tensor(Tensor)

    /// `x[[0, 2, 1]]`: an int64 index tensor from a list.
    public static func list(_ values: [Int]) throws -> TensorIndex {
        .tensor(try Tensor(int64s: values.map { Int64($0) }, shape: [values.count]))
    }

    /// `x[a:b]` with Python's defaults for the missing parts.
    public static func range(_ start: Int? = nil, _ stop: Int? = nil, step: Int? = nil) -> TensorIndex {
        .slice(start: start, stop: stop, step: step)
    }
}

/// A Python number read out of a one-element tensor (`tensor.item()`).
public enum TensorScalar: Equatable {
    case float(Double)
    case int(Int64)
    case bool(Bool)
}
