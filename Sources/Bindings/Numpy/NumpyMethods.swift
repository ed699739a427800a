// The ndarray's properties and methods (shape, dtype, T, reshape, astype, tolist, ...)
// and the scalar type classes `np.float64`, `np.float32`, `np.int64`, `np.bool`.
import Python
import Tensor

extension NumpyBinding {
    private static func receiver(_ this: Value) throws -> Tensor {
        guard let t = this.ndarray else { throw PyException.typeError("descriptor requires a 'numpy.ndarray' object") }
        return t
    }

    /// A shape given as `f(2, 3)`, `f((2, 3))` or `f([2, 3])`.
    private static func shapeArgument(_ args: BoundArguments, _ name: String) throws -> [Int] { try args.intList(name) }

    static func installArrayClass() {
        let c = NDArrayObject.ndarrayClass
        c.addProperty("shape", get: { .tuple(try receiver($0).shape.map { .int($0) }) })
        c.addProperty("ndim", get: { .int(try receiver($0).rank) })
        c.addProperty("size", get: { .int(try receiver($0).count) })
        c.addProperty("dtype", get: { .object(NumpyDTypeObject.object(try receiver($0).dtype)) })
        c.addProperty("itemsize", get: { .int(try receiver($0).dtype.itemSize) })
        c.addProperty("nbytes", get: { let t = try receiver($0); return .int(t.count * t.dtype.itemSize) })
        c.addProperty("T", get: { NDArrayObject.wrap(try NumpyShape.transpose(try receiver($0), nil)) })
        c.addMethod("reshape", signature: "*shape") { this, args in
            NDArrayObject.wrap(try NumpyShape.reshape(try receiver(this), try shapeArgument(args, "shape")))
        }
        c.addMethod("transpose", signature: "*axes") { this, args in
            let t = try receiver(this)
            let axes = try shapeArgument(args, "axes")
            return NDArrayObject.wrap(try NumpyShape.transpose(t, axes.isEmpty ? nil : axes))
        }
        for name in ["flatten", "ravel"] {
            c.addMethod(name, signature: "") { this, _ in
                let t = try receiver(this)
                let flat = try t.contiguousData().reshape([t.count])
                return NDArrayObject.wrap(name == "flatten" && flat.storage === t.storage ? try flat.copyData(as: t.dtype) : flat)
            }
        }
        c.addMethod("copy", signature: "") { this, _ in
            let t = try receiver(this)
            return NDArrayObject.wrap(try t.copyData(as: t.dtype))
        }
        c.addMethod("astype", signature: "dtype, copy=True") { this, args in
            let t = try receiver(this)
            guard let type = try args.numpyDType() else { return NDArrayObject.wrap(try t.copyData(as: .float64)) }
            return NDArrayObject.wrap(try t.copyData(as: type))
        }
        c.addMethod("tolist", signature: "") { this, _ in try NumpyConversion.list(try receiver(this)) }
        c.addMethod("item", signature: "*args") { this, args in
            let t = try receiver(this)
            guard case .object(let o) = args["args"], let extra = o as? PyTuple, !extra.items.isEmpty else {
                return try NumpyConversion.pythonScalar(t)
            }
            let flat = try t.contiguousData().reshape([t.count])
            let i = try extra.items[0].asInt("index")
            guard i >= -t.count && i < t.count else {
                throw PyException.indexError("index \(i) is out of bounds for size \(t.count)")
            }
            return try NumpyConversion.pythonScalar(flat.index([.int(i)]))
        }
        c.addMethod("squeeze", signature: "axis=None") { this, args in
            let t = try receiver(this)
            return NDArrayObject.wrap(try NumpyShape.squeeze(t, try axes(args["axis"], t.rank)))
        }
        c.addMethod("argsort", signature: "axis=-1, kind=None") { this, args in
            let t = try receiver(this)
            return NDArrayObject.wrap(try t.arrayArgsort(axis: try checkedAxis(try args.int("axis"), t.rank)))
        }
        c.addMethod("sort", signature: "axis=-1, kind=None") { this, args in
            let t = try receiver(this)
            try t.copy_(try NumpyShape.sort(t, args["axis"]))
            return .none
        }
        c.addMethod("round", signature: "decimals=0") { this, args in
            try NDArrayObject.result(try receiver(this).arrayRound(decimals: try args.int("decimals")))
        }
        c.addMethod("fill", signature: "value") { this, args in
            let t = try receiver(this)
            try t.copy_(NumpyConversion.array(args["value"], dtype: t.dtype))
            return .none
        }
        c.addMethod("dot", signature: "b") { this, args in
            try NDArrayObject.result(NumpyOperators.apply(UfuncOperand(tensor: try receiver(this), weakKind: nil), .matrixMultiply,
                                                          try UfuncOperand.required(args["b"])))
        }
        c.addMethod("clip", signature: "min=None, max=None") { this, args in
            guard case .object(let f)? = module.module.globals["clip"] else { return .none }
            return try callValue(.object(f), this, args["min"], args["max"])
        }
        c.addMethod("nonzero", signature: "") { this, _ in try nonzero(try receiver(this).copyData(as: .bool)) }
        c.addMethod("__array__", signature: "dtype=None") { this, _ in this }
        installNumberProtocol(c)
    }

    /// `abs(x)` and `round(x, n)` on arrays and scalars (the builtins look these up).
    private static func installNumberProtocol(_ c: NativeClass) {
        c.addMethod("abs", signature: "") { this, _ in
            let t = try receiver(this)
            return try NDArrayObject.result(t.arrayUnary(.absolute, as: t.dtype == .bool ? .bool : t.dtype))
        }
        c.addMethod("__round__", signature: "ndigits=None") { this, args in
            let t = try receiver(this)
            guard let n = try args.optionalInt("ndigits") else {
                guard t.rank == 0 else { throw PyException.typeError("type numpy.ndarray doesn't define __round__ method") }
                let d = t.doubleValues()[0].rounded(.toNearestOrEven)
                guard d.isFinite, Swift.abs(d) < 9.2e18 else { throw PyException.valueError("cannot convert float NaN or infinity to integer") }
                return .int(Int(d))
            }
            return try NDArrayObject.result(t.arrayRound(decimals: n))
        }
    }

    static func installScalarClasses(_ m: NativeModule) {
        for d in [DType.float64, .float32, .int64, .bool] {
            let cls = NumpyDType.scalarClass(d)
            cls.setConstructor(signature: "value=0") { _, args in
                let value = args["value"]
                if case .object(let o) = value, o is PyList || o is PyTuple || (o as? NDArrayObject)?.isScalar == false {
                    return NDArrayObject.wrap(try NumpyConversion.array(value, dtype: d))
                }
                if case .str(let s) = value {
                    guard let number = Double(s.trimmingCharacters(in: .whitespaces)) else {
                        throw PyException.valueError("could not convert string to float: '\(s)'")
                    }
                    return try NDArrayObject.scalar(try Tensor(doubles: [number], shape: []).copyData(as: d))
                }
                return try NDArrayObject.scalar(try NumpyConversion.array(value, dtype: d))
            }
            cls.addProperty("dtype", get: { _ in .object(NumpyDTypeObject.object(d)) })
            cls.addMethod("item", signature: "") { this, _ in try NumpyConversion.pythonScalar(try receiver(this)) }
            cls.addMethod("tolist", signature: "") { this, _ in try NumpyConversion.pythonScalar(try receiver(this)) }
            cls.addMethod("astype", signature: "dtype") { this, args in
                try NDArrayObject.scalar(try receiver(this).copyData(as: try args.numpyDType() ?? .float64))
            }
            installNumberProtocol(cls)
            cls.addProperty("shape", get: { _ in .tuple([]) })
            cls.addProperty("ndim", get: { _ in .int(0) })
            m.addClass(cls)
        }
        m.add("bool_", .object(NumpyDType.boolClass.pyClass))
        if let t = try? Tensor(bools: [true], shape: []), let f = try? Tensor(bools: [false], shape: []) {
            m.add("True_", .object(NDArrayObject(t, scalar: true)))
            m.add("False_", .object(NDArrayObject(f, scalar: true)))
        }
        m.add("float_", .object(NumpyDType.float64Class.pyClass))
        m.add("double", .object(NumpyDType.float64Class.pyClass))
        m.add("single", .object(NumpyDType.float32Class.pyClass))
        m.add("int_", .object(NumpyDType.int64Class.pyClass))
        NumpyDType.dtypeClass.setConstructor(signature: "dtype") { _, args in
            guard let d = try args.numpyDType("dtype") else { return .object(NumpyDTypeObject.object(.float64)) }
            return .object(NumpyDTypeObject.object(d))
        }
        m.addClass(NumpyDType.dtypeClass)
    }
}
