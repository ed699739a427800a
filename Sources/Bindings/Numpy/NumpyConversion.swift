// Between Python data and ndarrays: `np.array([[1, 2], [3, 4]])` infers numpy's dtype
// (bool < int64 < float64), `arr.tolist()` and `arr.item()` go back to Python numbers.
import Python
import Tensor

enum NumpyConversion {
    /// `np.array(data, dtype=None)`: nested lists/tuples of numbers, ndarrays, numpy
    /// scalars or torch tensors; always a new array.
    static func array(_ data: Value, dtype: DType?) throws -> Tensor {
        if let t = data.ndarray { return try t.copyData(as: dtype ?? t.dtype) }
        if let t = data.tensorValue {
            if t.requiresGrad {
                throw PyException.runtimeError("Can't call numpy() on Tensor that requires grad. Use tensor.detach().numpy() instead.")
            }
            return try t.copyData(as: dtype ?? t.dtype)
        }
        var shape: [Int] = []
        var doubles: [Double] = []
        var integers: [Int64] = []
        var inferred = DType.bool
        var sawElement = false
        var depthOfElements = -1

        func append(_ d: Double, _ i: Int64, _ kind: DType, depth: Int) throws {
            if sawElement && depth != depthOfElements { throw inhomogeneous(depth) }
            if !sawElement { depthOfElements = depth; sawElement = true; shape = Array(shape.prefix(depth)) }
            doubles.append(d)
            integers.append(i)
            inferred = NumpyDType.promote(inferred, kind)
        }
        func inhomogeneous(_ depth: Int) -> PyException {
            PyException.valueError("setting an array element with a sequence. The requested array has an "
                + "inhomogeneous shape after \(max(depth, 1)) dimensions. The detected shape was "
                + "\(NumpyFormatter.shapeText(Array(shape.prefix(max(depth, 1))))) + inhomogeneous part.")
        }
        func visit(_ v: Value, depth: Int) throws {
            switch v {
            case .bool(let b): try append(b ? 1 : 0, b ? 1 : 0, .bool, depth: depth); return
            case .int(let i): try append(Double(i), Int64(i), .int64, depth: depth); return
            case .float(let d): try append(d, 0, .float64, depth: depth); return
            default: break
            }
            var items: [Value]
            if let t = v.ndarray ?? v.tensorValue {
                if t.rank == 0 {
                    let kind = t.dtype
                    let d = t.doubleValues()[0], i = t.dtype == .int64 || t.dtype == .bool ? t.int64Values()[0] : 0
                    try append(d, i, kind, depth: depth)
                    return
                }
                items = try (0..<t.shape[0]).map { NDArrayObject.wrap(try t.index([.int($0)])) }
            } else if case .object(let o) = v, let list = o as? PyList {
                items = list.items
            } else if case .object(let o) = v, let tuple = o as? PyTuple {
                items = tuple.items
            } else if case .object(let o) = v, let d = try? o.toFloat() {
                try append(d, 0, .float64, depth: depth)
                return
            } else {
                throw PyException.typeError("the workbench's numpy cannot make an array of \(v.typeName)")
            }
            if sawElement && depth >= depthOfElements { throw inhomogeneous(depth) }
            if !sawElement {
                if shape.count == depth { shape.append(items.count) }
                else if shape[depth] != items.count { throw inhomogeneous(depth) }
            } else if shape[depth] != items.count {
                throw inhomogeneous(depth)
            }
            for item in items { try visit(item, depth: depth + 1) }
        }
        try visit(data, depth: 0)
        let type = dtype ?? (sawElement ? inferred : .float64)
        if !sawElement { return try Tensor(zeros: shape, dtype: type) }
        switch type {
        case .int64 where inferred != .float64, .bool where inferred != .float64:
            let t = try Tensor(int64s: integers, shape: shape)
            return type == .int64 ? t : try t.copyData(as: .bool)
        default:
            return try Tensor(doubles: doubles, shape: shape).copyData(as: type)
        }
    }

    /// `np.asarray`: the array itself when the dtype already matches.
    static func asarray(_ data: Value, dtype: DType?) throws -> Tensor {
        if let t = data.ndarray, dtype == nil || dtype == t.dtype { return t }
        return try array(data, dtype: dtype)
    }

    /// The one element as a Python float, int or bool (`arr.item()`).
    static func pythonScalar(_ t: Tensor) throws -> Value {
        guard t.count == 1 else {
            throw PyException.valueError("can only convert an array of size 1 to a Python scalar")
        }
        switch t.dtype {
        case .float64, .float32: return .float(t.doubleValues()[0])
        case .int64: return .int(Int(t.int64Values()[0]))
        case .bool: return .bool(t.boolValues()[0])
        }
    }

    /// `arr.tolist()`: nested lists of Python numbers (a 0-d array gives the number).
    static func list(_ t: Tensor) throws -> Value { try TensorConversion.nestedList(t, scalar: pythonScalar) }
}
