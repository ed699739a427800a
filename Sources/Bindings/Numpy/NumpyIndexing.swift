// `arr[...]` and `arr[...] = v` with numpy's rules: ints, slices (negative steps too),
// None, `...`, boolean masks and integer arrays; basic indexing gives views.
import Python
import Tensor

enum NumpyIndexing {
    enum Entry {
        case int(Int)
        case slice(Int?, Int?, Int?)
        case newAxis
        case ellipsis
        case array(Tensor)
    }

    static func entries(_ key: Value) throws -> [Entry] {
        if case .object(let o) = key, let tuple = o as? PyTuple { return try tuple.items.map(entry) }
        return [try entry(key)]
    }

    private static func entry(_ key: Value) throws -> Entry {
        switch key {
        case .none: return .newAxis
        case .int(let i): return .int(i)
        case .bool(let b): return .array(try Tensor(bools: [b], shape: []))
        case .object(let o):
            if let slice = o as? PySlice {
                func bound(_ v: Value) throws -> Int? { v.isNone ? nil : try v.asInt("slice indices") }
                let step = try bound(slice.step)
                if step == 0 { throw PyException.valueError("slice step cannot be zero") }
                return .slice(try bound(slice.start), try bound(slice.stop), step)
            }
            if o is EllipsisObject { return .ellipsis }
            if let a = o as? NDArrayObject {
                if a.array.rank == 0 && a.array.dtype == .int64 { return .int(Int(a.array.int64Values()[0])) }
                if a.array.dtype.isFloatingPoint { throw invalidIndex }
                return .array(a.array)
            }
            if o is PyList {
                let t = try NumpyConversion.array(key, dtype: nil)
                if t.dtype.isFloatingPoint {
                    if t.count == 0 { return .array(try t.copyData(as: .int64)) }
                    throw invalidIndex
                }
                return .array(t)
            }
            if let t = o as? TensorObject { return .array(t.tensor) }
            if let i = try o.toIndex() { return .int(i) }
        default: break
        }
        throw invalidIndex
    }

    static let invalidIndex = PyException.indexError(
        "only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices")

    /// Applies the basic entries as a view; nil when an array entry needs the advanced path.
    static func basicView(_ t: Tensor, _ entries: [Entry]) throws -> (view: Tensor, allInts: Bool)? {
        if entries.contains(where: { if case .array = $0 { return true }; return false }) { return nil }
        let consumed = entries.filter { if case .int = $0 { return true }; if case .slice = $0 { return true }; return false }.count
        if entries.filter({ if case .ellipsis = $0 { return true }; return false }).count > 1 {
            throw PyException.indexError("an index can only have a single ellipsis ('...')")
        }
        if consumed > t.rank {
            throw PyException.indexError("too many indices for array: array is \(t.rank)-dimensional, but \(consumed) were indexed")
        }
        var shape: [Int] = [], strides: [Int] = []
        var offset = t.offset
        var dim = 0
        for e in entries {
            switch e {
            case .int(let i):
                let n = t.shape[dim]
                guard i >= -n && i < n else {
                    throw PyException.indexError("index \(i) is out of bounds for axis \(dim) with size \(n)")
                }
                offset += (i < 0 ? i + n : i) * t.strides[dim]
                dim += 1
            case .slice(let start, let stop, let step):
                let (s, count, st) = sliceBounds(start, stop, step, t.shape[dim])
                offset += count > 0 ? s * t.strides[dim] : 0
                shape.append(count)
                strides.append(t.strides[dim] * st)
                dim += 1
            case .newAxis:
                shape.append(1)
                strides.append(0)
            case .ellipsis:
                for _ in 0..<(t.rank - consumed) {
                    shape.append(t.shape[dim]); strides.append(t.strides[dim]); dim += 1
                }
            case .array: break
            }
        }
        while dim < t.rank { shape.append(t.shape[dim]); strides.append(t.strides[dim]); dim += 1 }
        let allInts = consumed == t.rank && entries.allSatisfy { if case .int = $0 { return true }; return false }
        return (Tensor(storage: t.storage, dtype: t.dtype, shape: shape, strides: strides, offset: offset), allInts)
    }

    /// Python's `slice.indices` for a dim of `n`: start, element count, step.
    static func sliceBounds(_ start: Int?, _ stop: Int?, _ step: Int?, _ n: Int) -> (Int, Int, Int) {
        let st = max(step ?? 1, -Int.max)
        var lo: Int, hi: Int
        if st > 0 {
            lo = start.map { $0 < 0 ? max($0 + n, 0) : min($0, n) } ?? 0
            hi = stop.map { $0 < 0 ? max($0 + n, 0) : min($0, n) } ?? n
            return (lo, hi > lo ? (hi - lo + st - 1) / st : 0, st)
        }
        lo = start.map { $0 < 0 ? max($0 + n, -1) : min($0, n - 1) } ?? n - 1
        hi = stop.map { $0 < 0 ? max($0 + n, -1) : min($0, n - 1) } ?? -1
        return (lo, lo > hi ? (lo - hi - st - 1) / (-st) : 0, st)
    }

    /// Entries for the tensor module's advanced indexing (positive-step slices only).
    private static func tensorIndices(_ t: Tensor, _ entries: [Entry]) throws -> [TensorIndex] {
        var dim = 0
        return try entries.map { e in
            switch e {
            case .int(let i):
                guard dim < t.rank else { throw PyException.indexError("too many indices for array") }
                let n = t.shape[dim]
                guard i >= -n && i < n else {
                    throw PyException.indexError("index \(i) is out of bounds for axis \(dim) with size \(n)")
                }
                dim += 1
                return .int(i)
            case .slice(let a, let b, let c):
                dim += 1
                if let c, c < 0 { throw PyException.notImplemented("negative-step slices beside array indices") }
                return .slice(start: a, stop: b, step: c)
            case .newAxis: return .none
            case .ellipsis: return .ellipsis
            case .array(let a):
                if a.dtype == .int64, dim < t.rank {
                    let n = Int64(t.shape[dim])
                    if let bad = a.int64Values().first(where: { $0 >= n || $0 < -n }) {
                        throw PyException.indexError("index \(bad) is out of bounds for axis \(dim) with size \(n)")
                    }
                }
                if a.dtype == .bool {
                    for (k, size) in a.shape.enumerated() where dim + k < t.rank && t.shape[dim + k] != size {
                        throw PyException.indexError("boolean index did not match indexed array along axis \(dim + k); "
                            + "size of axis is \(t.shape[dim + k]) but size of corresponding boolean axis is \(size)")
                    }
                }
                dim += a.dtype == .bool ? max(a.rank, 1) : 1
                return .tensor(a)
            }
        }
    }

    /// `arr[key]`: a view for basic keys (a numpy scalar when every dim takes an int),
    /// else a new array.
    static func get(_ t: Tensor, _ key: Value) throws -> Value {
        let list = try entries(key)
        if let (view, allInts) = try basicView(t, list) {
            return allInts ? try NDArrayObject.scalar(view) : NDArrayObject.wrap(view)
        }
        do {
            return NDArrayObject.wrap(try t.index(tensorIndices(t, list)))
        } catch let e as TensorError {
            throw PyException.indexError(e.message)
        }
    }

    /// `arr[key] = value`: the value cast to the array's dtype and broadcast.
    static func set(_ t: Tensor, _ key: Value, _ value: Value) throws {
        let list = try entries(key)
        let source = try NumpyConversion.asarray(value, dtype: nil).copyData(as: t.dtype)
        if let (view, _) = try basicView(t, list) {
            let shape: [Int]
            do { shape = try Tensor.broadcastShapes(view.shape, source.shape) } catch {
                throw PyException.valueError("could not broadcast input array from shape "
                    + "\(NumpyFormatter.compactShape(source.shape)) into shape \(NumpyFormatter.compactShape(view.shape))")
            }
            guard shape == view.shape else {
                throw PyException.valueError("could not broadcast input array from shape "
                    + "\(NumpyFormatter.compactShape(source.shape)) into shape \(NumpyFormatter.compactShape(view.shape))")
            }
            try view.copy_(source)
            return
        }
        do { try t.indexPut(tensorIndices(t, list), source) } catch let e as TensorError {
            throw PyException.valueError(e.message)
        }
    }
}
