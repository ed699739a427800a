// numpy's matrix helpers learners reach for beside attention code: triu/tril (causal
// masks), diag, trace, flip; and median and count_nonzero.
import Python
import Tensor

extension NumpyBinding {
    /// `np.triu`/`np.tril`: zeros below (above) the k-th diagonal of the last two dims.
    static func triangle(_ t: Tensor, k: Int, upper: Bool) throws -> Tensor {
        guard t.rank >= 2 else { throw PyException.valueError("input array must be at least 2-d") }
        let rows = t.shape[t.rank - 2], cols = t.shape[t.rank - 1]
        var keep = [Bool](repeating: false, count: rows * cols)
        for i in 0..<rows { for j in 0..<cols { keep[i * cols + j] = upper ? j - i >= k : j - i <= k } }
        let mask = try Tensor(bools: keep, shape: [rows, cols])
        let zero = try Tensor(zeros: [], dtype: t.dtype)
        return try Tensor.where(mask, t, zero)
    }

    static func installMatrices(_ m: NativeModule) {
        for (name, upper) in [("triu", true), ("tril", false)] {
            m.addFunction(name, signature: "m, k=0") { args in
                NDArrayObject.wrap(try triangle(try args.ndarray("m"), k: try args.int("k"), upper: upper))
            }
        }
        m.addFunction("diag", signature: "v, k=0") { args in
            let v = try args.ndarray("v"), k = try args.int("k")
            switch v.rank {
            case 1:
                let n = v.count + Swift.abs(k)
                _ = try checkedCount([n, n])
                let out = try Tensor(zeros: [n, n], dtype: v.dtype)
                for i in 0..<v.count {
                    let (r, c) = k >= 0 ? (i, i + k) : (i - k, i)
                    try out.index([.int(r), .int(c)]).copy_(v.index([.int(i)]))
                }
                return NDArrayObject.wrap(out)
            case 2:
                let rows = v.shape[0], cols = v.shape[1]
                let start = k >= 0 ? (0, k) : (-k, 0)
                let length = max(0, min(rows - start.0, cols - start.1))
                let view = v.makeView(shape: [length], strides: [v.strides[0] + v.strides[1]],
                                      offset: v.offset + (length > 0 ? start.0 * v.strides[0] + start.1 * v.strides[1] : 0))
                return NDArrayObject.wrap(view)
            default:
                throw PyException.valueError("Input must be 1- or 2-d.")
            }
        }
        m.addFunction("trace", signature: "a") { args in
            let a = try args.ndarray("a")
            guard a.rank == 2 else { throw PyException.valueError("diag requires an array of at least two dimensions") }
            let n = min(a.shape[0], a.shape[1])
            let diagonal = a.makeView(shape: [n], strides: [a.strides[0] + a.strides[1]], offset: a.offset)
            return try NDArrayObject.result(NumpyReduce.sum(diagonal, nil, keepdims: false))
        }
        m.addFunction("flip", signature: "m, axis=None") { args in
            let t = try args.ndarray("m")
            let flipped = try axes(args["axis"], t.rank) ?? Array(0..<t.rank)
            var offset = t.offset, strides = t.strides
            for d in flipped where t.shape[d] > 0 {
                offset += (t.shape[d] - 1) * t.strides[d]
                strides[d] = -t.strides[d]
            }
            return NDArrayObject.wrap(t.makeView(shape: t.shape, strides: strides, offset: offset))
        }
        m.addFunction("count_nonzero", signature: "a, axis=None") { args in
            let a = try args.ndarray("a")
            let nonzero = try a.copyData(as: .bool)
            return try NDArrayObject.result(NumpyReduce.sum(nonzero, axes(args["axis"], a.rank), keepdims: false))
        }
        m.addFunction("median", signature: "a, axis=None, keepdims=False") { args in
            let a = try args.ndarray("a")
            let source = args.isNone("axis") ? try a.contiguousData().reshape([a.count]) : a
            let axis = args.isNone("axis") ? 0 : try checkedAxis(try args.int("axis"), a.rank)
            guard source.shape[axis] > 0 else { throw PyException.indexError("index -1 is out of bounds for axis 0 with size 0") }
            let sorted = try NumpyShape.sort(source.copyData(as: NumpyReduce.meanType(source.dtype)), .int(axis))
            let n = sorted.shape[axis]
            func take(_ i: Int) -> Tensor {
                var offset = sorted.offset
                offset += i * sorted.strides[axis]
                var shape = sorted.shape, strides = sorted.strides
                shape.remove(at: axis); strides.remove(at: axis)
                return sorted.makeView(shape: shape, strides: strides, offset: offset)
            }
            let lower = take((n - 1) / 2), upper = take(n / 2)
            var result = try Tensor.arrayBinary(lower, upper, .add, as: lower.dtype)
            result = try Tensor.arrayBinary(result, Tensor(doubles: [2], shape: []), .divide, as: lower.dtype)
            // NaN sorts last; numpy's median is NaN when any element is.
            let hasNaN = try NumpyReduce.extreme(source.arrayUnary(.isnan, as: source.dtype), [axis], keepdims: false, largest: true)
            result = try Tensor.where(hasNaN, Tensor(doubles: [.nan], shape: []).copyData(as: result.dtype), result)
            if try args.bool("keepdims") {
                var shape = a.shape
                if args.isNone("axis") { shape = [Int](repeating: 1, count: a.rank) } else { shape[axis] = 1 }
                result = try result.reshape(shape)
            }
            return try NDArrayObject.result(result)
        }
    }
}
