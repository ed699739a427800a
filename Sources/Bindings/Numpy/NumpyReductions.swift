// numpy's reductions as functions and methods: sum, mean, var, std, max, min, argmax,
// argmin, prod, cumsum, cumprod, with numpy's result dtypes and `axis`/`keepdims`.
import Python
import Tensor

enum NumpyReduce {
    /// The dtype `np.sum` accumulates in: int64 for ints and bools, else the float's own.
    static func sumType(_ d: DType) -> DType { d == .bool ? .int64 : d }
    /// The dtype `np.mean` computes in: float64 for ints and bools.
    static func meanType(_ d: DType) -> DType { d.isFloatingPoint ? d : .float64 }

    static func sum(_ t: Tensor, _ axes: [Int]?, keepdims: Bool, dtype: DType? = nil) throws -> Tensor {
        if axes == [] { return try t.copyData(as: dtype ?? sumType(t.dtype)) }
        return try t.arraySum(axes: axes, keepdims: keepdims, as: dtype ?? sumType(t.dtype))
    }

    static func count(_ t: Tensor, _ axes: [Int]?) -> Int {
        (axes ?? Array(0..<t.rank)).reduce(1) { $0 * t.shape[$1] }
    }

    static func mean(_ t: Tensor, _ axes: [Int]?, keepdims: Bool, dtype: DType? = nil) throws -> Tensor {
        let type = dtype ?? meanType(t.dtype)
        let total = try sum(t, axes, keepdims: keepdims, dtype: type)
        let n = try Tensor(doubles: [Double(count(t, axes))], shape: [])
        return try Tensor.arrayBinary(total, n, .divide, as: type)
    }

    static func variance(_ t: Tensor, _ axes: [Int]?, keepdims: Bool, ddof: Int) throws -> Tensor {
        let type = meanType(t.dtype)
        let average = try mean(t, axes, keepdims: true)
        let deviation = try Tensor.arrayBinary(t, average, .subtract, as: type)
        let squared = try Tensor.arrayBinary(deviation, deviation, .multiply, as: type)
        let total = try sum(squared, axes, keepdims: keepdims, dtype: type)
        let divisor = try Tensor(doubles: [Double(max(count(t, axes) - ddof, 0))], shape: [])
        return try Tensor.arrayBinary(total, divisor, .divide, as: type)
    }

    static func extreme(_ t: Tensor, _ axes: [Int]?, keepdims: Bool, largest: Bool) throws -> Tensor {
        let n = count(t, axes)
        if n == 0 || t.count == 0 {
            throw PyException.valueError("zero-size array to reduction operation \(largest ? "maximum" : "minimum") which has no identity")
        }
        if axes == [] { return try t.copyData(as: t.dtype) }
        return try t.arrayExtreme(axes: axes, keepdims: keepdims, largest: largest)
    }

    static func position(_ t: Tensor, _ axis: Value, keepdims: Bool, largest: Bool) throws -> Tensor {
        let name = largest ? "argmax" : "argmin"
        if axis.isNone {
            if t.count == 0 { throw PyException.valueError("attempt to get \(name) of an empty sequence") }
            let flat = try t.contiguousData().reshape([t.count])
            let p = try flat.arrayExtremePosition(axis: 0, keepdims: false, largest: largest)
            return keepdims ? try p.reshape([Int](repeating: 1, count: t.rank)) : p
        }
        let a = try NumpyBinding.checkedAxis(try axis.asInt("axis"), t.rank)
        if t.shape[a] == 0 { throw PyException.valueError("attempt to get \(name) of an empty sequence") }
        return try t.arrayExtremePosition(axis: a, keepdims: keepdims, largest: largest)
    }

    static func scan(_ t: Tensor, _ axis: Value, multiply: Bool) throws -> Tensor {
        let type = sumType(t.dtype)
        if axis.isNone { return try t.contiguousData().reshape([t.count]).arrayScan(axis: 0, multiply: multiply, as: type) }
        return try t.arrayScan(axis: NumpyBinding.checkedAxis(try axis.asInt("axis"), t.rank), multiply: multiply, as: type)
    }
}

extension NumpyBinding {
    /// The reductions, each as `np.f(a, axis=None, ...)`; the ndarray methods share them.
    static let reductions: [(name: String, signature: String, body: (Tensor, BoundArguments) throws -> Tensor)] = [
        ("sum", "axis=None, dtype=None, out=None, keepdims=False", { t, args in
            try NumpyReduce.sum(t, axes(args["axis"], t.rank), keepdims: try args.bool("keepdims"), dtype: try args.numpyDType())
        }),
        ("mean", "axis=None, dtype=None, out=None, keepdims=False", { t, args in
            try NumpyReduce.mean(t, axes(args["axis"], t.rank), keepdims: try args.bool("keepdims"), dtype: try args.numpyDType())
        }),
        ("var", "axis=None, dtype=None, out=None, ddof=0, keepdims=False", { t, args in
            try NumpyReduce.variance(t, axes(args["axis"], t.rank), keepdims: try args.bool("keepdims"), ddof: try args.int("ddof"))
        }),
        ("std", "axis=None, dtype=None, out=None, ddof=0, keepdims=False", { t, args in
            let v = try NumpyReduce.variance(t, axes(args["axis"], t.rank), keepdims: try args.bool("keepdims"), ddof: try args.int("ddof"))
            return try v.arrayUnary(.sqrt, as: v.dtype)
        }),
        ("max", "axis=None, out=None, keepdims=False", { t, args in
            try NumpyReduce.extreme(t, axes(args["axis"], t.rank), keepdims: try args.bool("keepdims"), largest: true)
        }),
        ("min", "axis=None, out=None, keepdims=False", { t, args in
            try NumpyReduce.extreme(t, axes(args["axis"], t.rank), keepdims: try args.bool("keepdims"), largest: false)
        }),
        ("argmax", "axis=None, out=None, *, keepdims=False", { t, args in
            try NumpyReduce.position(t, args["axis"], keepdims: try args.bool("keepdims"), largest: true)
        }),
        ("argmin", "axis=None, out=None, *, keepdims=False", { t, args in
            try NumpyReduce.position(t, args["axis"], keepdims: try args.bool("keepdims"), largest: false)
        }),
        ("prod", "axis=None, dtype=None, out=None, keepdims=False", { t, args in
            let type = try args.numpyDType() ?? NumpyReduce.sumType(t.dtype)
            return try t.arrayProduct(axes: axes(args["axis"], t.rank), keepdims: try args.bool("keepdims"), as: type)
        }),
        ("cumsum", "axis=None, dtype=None, out=None", { t, args in try NumpyReduce.scan(t, args["axis"], multiply: false) }),
        ("cumprod", "axis=None, dtype=None, out=None", { t, args in try NumpyReduce.scan(t, args["axis"], multiply: true) }),
        ("any", "axis=None, out=None, keepdims=False", { t, args in
            let s = try NumpyReduce.sum(t.copyData(as: .bool), axes(args["axis"], t.rank), keepdims: try args.bool("keepdims"))
            return try Tensor.arrayCompare(s, Tensor(int64s: [0], shape: []), .notEqual, in: .int64)
        }),
        ("all", "axis=None, out=None, keepdims=False", { t, args in
            let a = try axes(args["axis"], t.rank)
            let s = try NumpyReduce.sum(t.copyData(as: .bool), a, keepdims: try args.bool("keepdims"))
            let n = try Tensor(int64s: [Int64(NumpyReduce.count(t, a))], shape: [])
            return try Tensor.arrayCompare(s, n, .equal, in: .int64)
        }),
    ]

    static func installReductions(_ m: NativeModule) {
        for (name, signature, body) in reductions {
            m.addFunction(name, signature: "a, " + signature) { args in
                try NDArrayObject.result(body(try args.ndarray("a"), args))
            }
            NDArrayObject.ndarrayClass.addMethod(name, signature: signature) { this, args in
                guard let t = this.ndarray else { throw PyException.typeError("descriptor '\(name)' needs an ndarray") }
                return try NDArrayObject.result(body(t, args))
            }
        }
        m.add("amax", m.module.globals["max"] ?? .none)
        m.add("amin", m.module.globals["min"] ?? .none)
    }
}
