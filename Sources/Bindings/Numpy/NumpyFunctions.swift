// numpy's array creation (array, zeros, arange, linspace, eye, ...) and elementwise math
// (exp, log, sqrt, maximum, where, allclose, round, clip, ...).
import Foundation
import Python
import Tensor

extension NumpyBinding {
    static func installCreation(_ m: NativeModule) {
        m.addFunction("array", signature: "object, dtype=None, *, copy=True, ndmin=0") { args in
            var t = try NumpyConversion.array(args["object"], dtype: try args.numpyDType())
            let ndmin = try args.int("ndmin")
            if t.rank < ndmin { t = try t.reshape([Int](repeating: 1, count: ndmin - t.rank) + t.shape) }
            return NDArrayObject.wrap(t)
        }
        m.addFunction("asarray", signature: "a, dtype=None") { args in
            NDArrayObject.wrap(try NumpyConversion.asarray(args["a"], dtype: try args.numpyDType()))
        }
        for (name, value) in [("zeros", 0.0), ("ones", 1.0), ("empty", 0.0)] {
            m.addFunction(name, signature: "shape, dtype=None") { args in
                let shape = try args.intList("shape")
                let type = try args.numpyDType() ?? .float64
                _ = try checkedCount(shape, dtype: type)
                let t = try Tensor.full(shape, .float(value), dtype: type)
                return NDArrayObject.wrap(t)
            }
            m.addFunction(name + "_like", signature: "a, dtype=None") { args in
                let a = try args.ndarray("a")
                return NDArrayObject.wrap(try Tensor.full(a.shape, .float(value), dtype: try args.numpyDType() ?? a.dtype))
            }
        }
        m.addFunction("full", signature: "shape, fill_value, dtype=None") { args in
            let fill = try NumpyConversion.array(args["fill_value"], dtype: try args.numpyDType())
            let out = try Tensor(zeros: try args.intList("shape"), dtype: fill.dtype)
            guard (try? Tensor.broadcastShapes(out.shape, fill.shape)) == out.shape else {
                throw PyException.valueError("could not broadcast input array from shape \(NumpyFormatter.compactShape(fill.shape)) "
                    + "into shape \(NumpyFormatter.compactShape(out.shape))")
            }
            try out.copy_(fill)
            return NDArrayObject.wrap(out)
        }
        m.addFunction("full_like", signature: "a, fill_value, dtype=None") { args in
            let a = try args.ndarray("a")
            let out = try Tensor(zeros: a.shape, dtype: try args.numpyDType() ?? a.dtype)
            try out.copy_(NumpyConversion.array(args["fill_value"], dtype: out.dtype))
            return NDArrayObject.wrap(out)
        }
        m.addFunction("arange", signature: "start, stop=None, step=None, dtype=None") { args in
            let values = [args["start"], args["stop"], args["step"]]
            let isFloat = values.contains { v in if case .float = v { return true }; return v.ndarray?.dtype.isFloatingPoint ?? false }
            let start = args.isNone("stop") ? 0.0 : try args.double("start")
            let stop = args.isNone("stop") ? try args.double("start") : try args.double("stop")
            let step = args.isNone("step") ? 1.0 : try args.double("step")
            if step == 0 { throw PyException.zeroDivision("division by zero") }
            let length = ((stop - start) / step).rounded(.up)
            guard length.isFinite else { throw PyException.valueError("Maximum allowed size exceeded") }
            let type = try args.numpyDType() ?? (isFloat ? .float64 : .int64)
            let n = try checkedCount([Int(max(0, min(length, 1e18)))], dtype: type)
            if type == .int64 && !isFloat {
                let s = Int64(args.isNone("stop") ? 0 : try args.int("start"))
                let d = Int64(args.isNone("step") ? 1 : try args.int("step"))
                return NDArrayObject.wrap(try Tensor(int64s: (0..<n).map { s &+ Int64($0) &* d }, shape: [n]))
            }
            // numpy fills start, start + step, then keeps adding the difference (PyArray_Arange).
            var values2 = [Double](repeating: 0, count: n)
            if n > 0 { values2[0] = start }
            if n > 1 {
                let delta = (start + step) - start
                values2[1] = start + step
                for i in 2..<n { values2[i] = start + Double(i) * delta }
            }
            return NDArrayObject.wrap(try Tensor(doubles: values2, shape: [n]).copyData(as: type))
        }
        m.addFunction("linspace", signature: "start, stop, num=50, endpoint=True, retstep=False, dtype=None") { args in
            let start = try args.double("start"), stop = try args.double("stop")
            let num = try args.int("num")
            if num < 0 { throw PyException.valueError("Number of samples, \(num), must be non-negative.") }
            _ = try checkedCount([num])
            let endpoint = try args.bool("endpoint")
            let div = endpoint ? num - 1 : num
            let delta = stop - start
            var values = [Double](repeating: 0, count: num)
            let step = div > 0 ? delta / Double(div) : .nan
            for i in 0..<num {
                values[i] = div > 0 ? (step == 0 ? Double(i) / Double(div) * delta : Double(i) * step) + start : Double(i) * delta + start
            }
            if endpoint && num > 1 { values[num - 1] = stop }
            let out = NDArrayObject.wrap(try Tensor(doubles: values, shape: [num]).copyData(as: try args.numpyDType() ?? .float64))
            if try args.bool("retstep") { return .tuple([out, .float(step)]) }
            return out
        }
        m.addFunction("eye", signature: "N, M=None, k=0, dtype=None") { args in
            let n = try args.int("N"), cols = try args.optionalInt("M") ?? n, k = try args.int("k")
            _ = try checkedCount([n, cols])
            var values = [Double](repeating: 0, count: n * cols)
            for i in 0..<n where i + k >= 0 && i + k < cols { values[i * cols + i + k] = 1 }
            return NDArrayObject.wrap(try Tensor(doubles: values, shape: [n, cols]).copyData(as: try args.numpyDType() ?? .float64))
        }
        m.addFunction("identity", signature: "n, dtype=None") { args in
            let n = try args.int("n")
            _ = try checkedCount([n, n])
            var values = [Double](repeating: 0, count: n * n)
            for i in 0..<n { values[i * n + i] = 1 }
            return NDArrayObject.wrap(try Tensor(doubles: values, shape: [n, n]).copyData(as: try args.numpyDType() ?? .float64))
        }
    }

    static let unaryFunctions: [(String, ArrayUnaryOp)] = [
        ("exp", .exp), ("log", .log), ("log2", .log2), ("log10", .log10), ("log1p", .log1p), ("sqrt", .sqrt), ("tanh", .tanh),
        ("sin", .sin), ("cos", .cos), ("abs", .absolute), ("absolute", .absolute), ("negative", .negative),
        ("square", .square), ("floor", .floor), ("ceil", .ceil), ("rint", .rint), ("sign", .sign),
        ("isnan", .isnan), ("isinf", .isinf), ("isfinite", .isfinite), ("logical_not", .logicalNot),
    ]

    static func installMath(_ m: NativeModule) {
        for (name, op) in unaryFunctions {
            m.addFunction(name, signature: "x") { args in
                let x = try UfuncOperand.required(args["x"]).tensor
                let keepsInt = [ArrayUnaryOp.absolute, .negative, .square, .sign, .isnan, .isinf, .isfinite, .logicalNot].contains(op)
                let type = x.dtype.isFloatingPoint || keepsInt ? (x.dtype == .bool && op != .logicalNot ? .int64 : x.dtype) : .float64
                if (op == .floor || op == .ceil || op == .rint) && !x.dtype.isFloatingPoint {
                    return try NDArrayObject.result(x.copyData(as: x.dtype == .bool ? .float64 : x.dtype))
                }
                return try NDArrayObject.result(x.arrayUnary(op, as: type))
            }
        }
        let binaries: [(String, BinaryOperator?, ArrayBinaryOp)] = [
            ("add", .add, .add), ("subtract", .subtract, .subtract), ("multiply", .multiply, .multiply),
            ("divide", .divide, .divide), ("true_divide", .divide, .divide), ("power", .power, .power),
            ("floor_divide", .floorDivide, .floorDivide), ("mod", .modulo, .remainder), ("remainder", .modulo, .remainder),
            ("maximum", nil, .maximum), ("minimum", nil, .minimum),
        ]
        for (name, op, arrayOp) in binaries {
            m.addFunction(name, signature: "x1, x2") { args in
                let a = try UfuncOperand.required(args["x1"]), b = try UfuncOperand.required(args["x2"])
                if let op { return try NDArrayObject.result(NumpyOperators.apply(a, op, b)) }
                return try NDArrayObject.result(Tensor.arrayBinary(a.tensor, b.tensor, arrayOp, as: NumpyOperators.resultType(a, b)))
            }
        }
        let comparisons: [(String, ArrayCompareOp)] = [
            ("equal", .equal), ("not_equal", .notEqual), ("less", .less), ("less_equal", .lessEqual),
            ("greater", .greater), ("greater_equal", .greaterEqual),
        ]
        for (name, op) in comparisons {
            m.addFunction(name, signature: "x1, x2") { args in
                let a = try UfuncOperand.required(args["x1"]), b = try UfuncOperand.required(args["x2"])
                return try NDArrayObject.result(Tensor.arrayCompare(a.tensor, b.tensor, op, in: NumpyOperators.resultType(a, b)))
            }
        }
        m.addFunction("round", signature: "a, decimals=0") { args in
            try NDArrayObject.result(try args.ndarray("a").arrayRound(decimals: try args.int("decimals")))
        }
        m.add("around", m.module.globals["round"] ?? .none)
        m.addFunction("where", signature: "condition, x=None, y=None") { args in
            let condition = try args.ndarray("condition").copyData(as: .bool)
            if args.isNone("x") && args.isNone("y") { return try nonzero(condition) }
            let a = try UfuncOperand.required(args["x"]), b = try UfuncOperand.required(args["y"])
            let type = NumpyOperators.resultType(a, b)
            return try NDArrayObject.result(Tensor.where(condition, a.tensor.copyData(as: type), b.tensor.copyData(as: type)))
        }
        m.addFunction("nonzero", signature: "a") { args in try nonzero(try args.ndarray("a").copyData(as: .bool)) }
        m.addFunction("clip", signature: "a, a_min=None, a_max=None") { args in
            let x = try UfuncOperand.required(args["a"])
            var out = x.tensor
            if !args.isNone("a_min") {
                let low = try UfuncOperand.required(args["a_min"])
                out = try Tensor.arrayBinary(out, low.tensor, .maximum, as: NumpyOperators.resultType(x, low))
            }
            if !args.isNone("a_max") {
                let high = try UfuncOperand.required(args["a_max"])
                out = try Tensor.arrayBinary(out, high.tensor, .minimum, as: NumpyOperators.resultType(UfuncOperand(tensor: out, weakKind: nil), high))
            }
            return try NDArrayObject.result(out === x.tensor ? out.copyData(as: out.dtype) : out)
        }
        m.addFunction("isclose", signature: "a, b, rtol=1e-05, atol=1e-08, equal_nan=False") { args in
            try NDArrayObject.result(closeness(args))
        }
        m.addFunction("allclose", signature: "a, b, rtol=1e-05, atol=1e-08, equal_nan=False") { args in
            .bool(!(try closeness(args).boolValues().contains(false)))
        }
        m.addFunction("array_equal", signature: "a1, a2, equal_nan=False") { args in
            let a = try args.ndarray("a1"), b = try args.ndarray("a2")
            guard a.shape == b.shape else { return .false }
            let type = NumpyDType.promote(a.dtype, b.dtype)
            return .bool(!(try Tensor.arrayCompare(a, b, .equal, in: type).boolValues().contains(false)))
        }
        m.addFunction("dot", signature: "a, b") { args in
            let a = try UfuncOperand.required(args["a"]), b = try UfuncOperand.required(args["b"])
            if a.tensor.rank == 0 || b.tensor.rank == 0 { return try NDArrayObject.result(NumpyOperators.apply(a, .multiply, b)) }
            return try NDArrayObject.result(NumpyOperators.apply(a, .matrixMultiply, b))
        }
        m.addFunction("matmul", signature: "x1, x2") { args in
            let a = try UfuncOperand.required(args["x1"]), b = try UfuncOperand.required(args["x2"])
            return try NDArrayObject.result(NumpyOperators.apply(a, .matrixMultiply, b))
        }
        m.addFunction("outer", signature: "a, b") { args in
            let a = try args.ndarray("a"), b = try args.ndarray("b")
            let x = try a.contiguousData().reshape([a.count, 1]), y = try b.contiguousData().reshape([1, b.count])
            return NDArrayObject.wrap(try Tensor.arrayBinary(x, y, .multiply, as: NumpyDType.promote(a.dtype, b.dtype)))
        }
    }

    /// `np.isclose`: |a - b| <= atol + rtol * |b|, in float64 (NaNs equal with `equal_nan`).
    static func closeness(_ args: BoundArguments) throws -> Tensor {
        let a = try args.ndarray("a").copyData(as: .float64), b = try args.ndarray("b").copyData(as: .float64)
        let rtol = try args.double("rtol"), atol = try args.double("atol"), equalNaN = try args.bool("equal_nan")
        let shape = try Tensor.broadcastShapes(a.shape, b.shape)
        let x = a.broadcastView(to: shape).doubleValues(), y = b.broadcastView(to: shape).doubleValues()
        let result = zip(x, y).map { p, q -> Bool in
            if p.isNaN || q.isNaN { return equalNaN && p.isNaN && q.isNaN }
            if p == q { return true }
            return Swift.abs(p - q) <= atol + rtol * Swift.abs(q)
        }
        return try Tensor(bools: result, shape: shape)
    }

    /// `np.nonzero(a)` / `np.where(cond)`: a tuple of int64 index arrays, one per dim.
    static func nonzero(_ mask: Tensor) throws -> Value {
        let flags = mask.boolValues()
        let strides = Tensor.contiguousStrides(mask.shape)
        var columns = [[Int64]](repeating: [], count: max(mask.rank, 1))
        for (i, flag) in flags.enumerated() where flag {
            var rest = i
            for d in 0..<mask.rank { columns[d].append(Int64(rest / strides[d])); rest %= strides[d] }
            if mask.rank == 0 { columns[0].append(0) }
        }
        return .tuple(try columns.map { NDArrayObject.wrap(try Tensor(int64s: $0, shape: [$0.count])) })
    }
}
