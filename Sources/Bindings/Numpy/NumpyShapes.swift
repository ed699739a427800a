// numpy's shape functions: reshape, transpose, squeeze, expand_dims, concatenate, stack,
// vstack, hstack, split, array_split; and the ordering ones: sort, argsort, unique, bincount.
import Python
import Tensor

enum NumpyShape {
    /// `reshape` with one `-1` allowed; numpy's message when sizes differ.
    static func reshape(_ t: Tensor, _ shape: [Int]) throws -> Tensor {
        var target = shape
        if let unknown = target.firstIndex(of: -1) {
            let known = target.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            if known == 0 || t.count % known != 0 {
                throw PyException.valueError("cannot reshape array of size \(t.count) into shape \(NumpyFormatter.shapeText(shape).replacingOccurrences(of: " ", with: ""))")
            }
            target[unknown] = t.count / known
        }
        guard target.reduce(1, *) == t.count, !target.contains(where: { $0 < 0 }) else {
            throw PyException.valueError("cannot reshape array of size \(t.count) into shape \(NumpyFormatter.shapeText(shape).replacingOccurrences(of: " ", with: ""))")
        }
        return try t.reshape(target)
    }

    /// `transpose(axes)`: reversed axes by default.
    static func transpose(_ t: Tensor, _ axes: [Int]?) throws -> Tensor {
        let order = try axes.map { try $0.map { try NumpyBinding.checkedAxis($0, t.rank) } } ?? Array((0..<t.rank).reversed())
        guard order.count == t.rank, Set(order).count == order.count else {
            throw PyException.valueError("axes don't match array")
        }
        return t.makeView(shape: order.map { t.shape[$0] }, strides: order.map { t.strides[$0] }, offset: t.offset)
    }

    static func concatenate(_ arrays: [Tensor], axis: Int) throws -> Tensor {
        guard let first = arrays.first else { throw PyException.valueError("need at least one array to concatenate") }
        if first.rank == 0 { throw PyException.valueError("zero-dimensional arrays cannot be concatenated") }
        let a = try NumpyBinding.checkedAxis(axis, first.rank)
        for (i, t) in arrays.enumerated() {
            guard t.rank == first.rank else {
                throw PyException.valueError("all the input arrays must have same number of dimensions, but the array at "
                    + "index 0 has \(first.rank) dimension(s) and the array at index \(i) has \(t.rank) dimension(s)")
            }
            for d in 0..<t.rank where d != a && t.shape[d] != first.shape[d] {
                throw PyException.valueError("all the input array dimensions except for the concatenation axis must match "
                    + "exactly, but along dimension \(d), the array at index 0 has size \(first.shape[d]) and the array at "
                    + "index \(i) has size \(t.shape[d])")
            }
        }
        let type = arrays.map(\.dtype).dropFirst().reduce(first.dtype) { NumpyDType.promote($0, $1) }
        return try Tensor.cat(arrays.map { try $0.copyData(as: type) }, dim: a)
    }

    static func stack(_ arrays: [Tensor], axis: Int) throws -> Tensor {
        guard let first = arrays.first else { throw PyException.valueError("need at least one array to stack") }
        guard arrays.allSatisfy({ $0.shape == first.shape }) else {
            throw PyException.valueError("all input arrays must have the same shape")
        }
        let a = try NumpyBinding.checkedAxis(axis, first.rank + 1)
        return try concatenate(arrays.map { try $0.contiguousData().reshape(Array($0.shape[..<a]) + [1] + Array($0.shape[a...])) }, axis: a)
    }

    /// `np.array_split`: the first `n % sections` pieces one longer.
    static func split(_ t: Tensor, _ sections: Value, axis: Int, strict: Bool) throws -> Value {
        let a = try NumpyBinding.checkedAxis(axis, t.rank)
        let n = t.shape[a]
        var bounds: [Int]
        if let count = try indexValue(sections) {
            guard count > 0 else { throw PyException.valueError("number sections must be larger than 0.") }
            if strict && n % count != 0 { throw PyException.valueError("array split does not result in an equal division") }
            let each = n / count, extra = n % count
            bounds = [0]
            for i in 0..<count { bounds.append(bounds[i] + each + (i < extra ? 1 : 0)) }
        } else {
            bounds = [0] + (try iterateToArray(sections).map { try $0.asInt("indices") }) + [n]
        }
        var pieces: [Value] = []
        for i in 0..<(bounds.count - 1) {
            let start = min(max(bounds[i] < 0 ? bounds[i] + n : bounds[i], 0), n)
            let stop = min(max(bounds[i + 1] < 0 ? bounds[i + 1] + n : bounds[i + 1], start), n)
            var shape = t.shape
            shape[a] = max(stop - start, 0)
            pieces.append(NDArrayObject.wrap(t.makeView(shape: shape, strides: t.strides, offset: t.offset + start * t.strides[a])))
        }
        return .list(pieces)
    }

    static func squeeze(_ t: Tensor, _ axes: [Int]?) throws -> Tensor {
        if let axes {
            for a in axes where t.shape[a] != 1 {
                throw PyException.valueError("cannot select an axis to squeeze out which has size not equal to one")
            }
        }
        let keep = (0..<t.rank).filter { d in axes.map { !$0.contains(d) } ?? (t.shape[d] != 1) }
        return t.makeView(shape: keep.map { t.shape[$0] }, strides: keep.map { t.strides[$0] }, offset: t.offset)
    }

    static func expandDims(_ t: Tensor, _ axis: Int) throws -> Tensor {
        let a = try NumpyBinding.checkedAxis(axis, t.rank + 1)
        var shape = t.shape, strides = t.strides
        shape.insert(1, at: a)
        strides.insert(0, at: a)
        return t.makeView(shape: shape, strides: strides, offset: t.offset)
    }

    /// `np.sort` along `axis` (None: flattened), by gathering the argsort positions.
    static func sort(_ t: Tensor, _ axis: Value) throws -> Tensor {
        let source = axis.isNone ? try t.contiguousData().reshape([t.count]) : t
        if source.rank == 0 { return try source.copyData(as: source.dtype) }
        let a = axis.isNone ? 0 : try NumpyBinding.checkedAxis(try axis.asInt("axis"), t.rank)
        let order = try source.arrayArgsort(axis: a)
        return try takeAlong(source, order, axis: a)
    }

    /// `np.take_along_axis(t, positions, axis)` for positions of `t`'s shape.
    static func takeAlong(_ t: Tensor, _ positions: Tensor, axis: Int) throws -> Tensor {
        let moved = try transpose(t, Array((0..<t.rank).filter { $0 != axis }) + [axis]).contiguousData()
        let order = try transpose(positions, Array((0..<t.rank).filter { $0 != axis }) + [axis]).contiguousData()
        let n = t.shape[axis], rows = moved.count / max(n, 1)
        let flat = try moved.reshape([moved.count])
        var gather: [Int64] = []
        let p = order.int64Values()
        for r in 0..<rows { for j in 0..<n { gather.append(Int64(r * n) + p[r * n + j]) } }
        let picked = try flat.index([.tensor(try Tensor(int64s: gather, shape: [gather.count]))]).reshape(moved.shape)
        var inverse = [Int](repeating: 0, count: t.rank)
        let forward = Array((0..<t.rank).filter { $0 != axis }) + [axis]
        for (i, d) in forward.enumerated() { inverse[d] = i }
        return try transpose(picked, inverse).contiguousData()
    }
}

extension NumpyBinding {
    static func arrays(_ value: Value) throws -> [Tensor] {
        try iterateToArray(value).map { try NumpyConversion.asarray($0, dtype: nil) }
    }

    static func installShapes(_ m: NativeModule) {
        m.addFunction("reshape", signature: "a, newshape") { args in
            NDArrayObject.wrap(try NumpyShape.reshape(try args.ndarray("a"), try args.intList("newshape")))
        }
        m.addFunction("transpose", signature: "a, axes=None") { args in
            NDArrayObject.wrap(try NumpyShape.transpose(try args.ndarray("a"), args.isNone("axes") ? nil : try args.intList("axes")))
        }
        m.addFunction("concatenate", signature: "arrays, axis=0") { args in
            let list = try arrays(args["arrays"])
            if args.isNone("axis") { return NDArrayObject.wrap(try NumpyShape.concatenate(list.map { try $0.contiguousData().reshape([$0.count]) }, axis: 0)) }
            return NDArrayObject.wrap(try NumpyShape.concatenate(list, axis: try args.int("axis")))
        }
        m.addFunction("stack", signature: "arrays, axis=0") { args in
            NDArrayObject.wrap(try NumpyShape.stack(try arrays(args["arrays"]), axis: try args.int("axis")))
        }
        m.addFunction("vstack", signature: "tup") { args in
            let list = try arrays(args["tup"]).map { $0.rank < 2 ? try $0.contiguousData().reshape([1, $0.count]) : $0 }
            return NDArrayObject.wrap(try NumpyShape.concatenate(list, axis: 0))
        }
        m.addFunction("hstack", signature: "tup") { args in
            let list = try arrays(args["tup"]).map { $0.rank == 0 ? try $0.reshape([1]) : $0 }
            return NDArrayObject.wrap(try NumpyShape.concatenate(list, axis: list.first?.rank == 1 ? 0 : 1))
        }
        m.addFunction("split", signature: "ary, indices_or_sections, axis=0") { args in
            try NumpyShape.split(try args.ndarray("ary"), args["indices_or_sections"], axis: try args.int("axis"), strict: true)
        }
        m.addFunction("array_split", signature: "ary, indices_or_sections, axis=0") { args in
            try NumpyShape.split(try args.ndarray("ary"), args["indices_or_sections"], axis: try args.int("axis"), strict: false)
        }
        m.addFunction("squeeze", signature: "a, axis=None") { args in
            let a = try args.ndarray("a")
            return NDArrayObject.wrap(try NumpyShape.squeeze(a, try axes(args["axis"], a.rank)))
        }
        m.addFunction("expand_dims", signature: "a, axis") { args in
            NDArrayObject.wrap(try NumpyShape.expandDims(try args.ndarray("a"), try args.int("axis")))
        }
        m.addFunction("sort", signature: "a, axis=-1, kind=None") { args in
            NDArrayObject.wrap(try NumpyShape.sort(try args.ndarray("a"), args["axis"]))
        }
        m.addFunction("argsort", signature: "a, axis=-1, kind=None") { args in
            let a = try args.ndarray("a")
            if args.isNone("axis") { return NDArrayObject.wrap(try a.contiguousData().reshape([a.count]).arrayArgsort(axis: 0)) }
            return NDArrayObject.wrap(try a.arrayArgsort(axis: try checkedAxis(try args.int("axis"), a.rank)))
        }
        m.addFunction("unique", signature: "ar, return_counts=False") { args in
            let sorted = try NumpyShape.sort(try args.ndarray("ar"), .none)
            let values = sorted.doubleValues()
            var keep: [Int64] = [], counts: [Int64] = []
            for (i, v) in values.enumerated() {
                if i == 0 || !(v == values[i - 1] || (v.isNaN && values[i - 1].isNaN)) { keep.append(Int64(i)); counts.append(1) }
                else { counts[counts.count - 1] += 1 }
            }
            let unique = try sorted.index([.tensor(try Tensor(int64s: keep, shape: [keep.count]))])
            if try args.bool("return_counts") {
                return .tuple([NDArrayObject.wrap(unique), NDArrayObject.wrap(try Tensor(int64s: counts, shape: [counts.count]))])
            }
            return NDArrayObject.wrap(unique)
        }
        m.addFunction("bincount", signature: "x, weights=None, minlength=0") { args in
            let x = try args.ndarray("x")
            guard x.rank == 1, !x.dtype.isFloatingPoint else {
                throw PyException.typeError("Cannot cast array data from dtype('\(NumpyDType.name(x.dtype))') to dtype('int64') according to the rule 'safe'")
            }
            let values = x.int64Values()
            if values.contains(where: { $0 < 0 }) { throw PyException.valueError("'list' argument must have no negative elements") }
            let largest = values.max() ?? -1
            if largest >= Int64(Int.max / 8) { throw PyException.valueError("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.") }
            let length = max(Int(largest) + 1, try args.int("minlength"))
            _ = try checkedCount([length], dtype: .int64)
            if args.isNone("weights") {
                var counts = [Int64](repeating: 0, count: length)
                for v in values { counts[Int(v)] += 1 }
                return NDArrayObject.wrap(try Tensor(int64s: counts, shape: [length]))
            }
            let weights = try args.ndarray("weights").doubleValues()
            var sums = [Double](repeating: 0, count: length)
            for (i, v) in values.enumerated() where i < weights.count { sums[Int(v)] += weights[i] }
            return NDArrayObject.wrap(try Tensor(doubles: sums, shape: [length]))
        }
        m.addFunction("ravel", signature: "a") { args in
            let a = try args.ndarray("a")
            return NDArrayObject.wrap(try a.contiguousData().reshape([a.count]))
        }
        m.addFunction("shape", signature: "a") { args in .tuple(try args.ndarray("a").shape.map { .int($0) }) }
        m.addFunction("ndim", signature: "a") { args in .int(try args.ndarray("a").rank) }
        m.addFunction("size", signature: "a") { args in .int(try args.ndarray("a").count) }
        m.addFunction("copy", signature: "a") { args in
            let a = try args.ndarray("a")
            return NDArrayObject.wrap(try a.copyData(as: a.dtype))
        }
        m.addFunction("set_printoptions", signature: "precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, **kwargs") { args in
            if let p = try args.optionalInt("precision") {
                guard p >= 0 else { throw PyException.valueError("precision must be >= 0") }
                NumpyPrintOptions.current.precision = min(p, 400)
            }
            if let t = try args.optionalInt("threshold") { NumpyPrintOptions.current.threshold = t }
            if let e = try args.optionalInt("edgeitems") { NumpyPrintOptions.current.edgeitems = e }
            if let l = try args.optionalInt("linewidth") { NumpyPrintOptions.current.linewidth = l }
            if !args.isNone("suppress") { NumpyPrintOptions.current.suppress = try args.bool("suppress") }
            return .none
        }
    }
}
