// numpy's dtypes over the tensor module's: names, `np.dtype` objects, the scalar type
// classes (`np.float32` is both a dtype argument and a constructor) and NEP 50 promotion.
import Python
import Tensor

enum NumpyDType {
    /// `float64`, `float32`, `int64`, `bool`.
    static func name(_ d: DType) -> String {
        switch d {
        case .float64: return "float64"
        case .float32: return "float32"
        case .int64: return "int64"
        case .bool: return "bool"
        }
    }

    /// The result type of two typed operands (`np.result_type`): int64 with float32 is float64.
    static func promote(_ a: DType, _ b: DType) -> DType {
        if (a == .int64 && b == .float32) || (a == .float32 && b == .int64) { return .float64 }
        return max(a, b)
    }

    /// The result type of a typed operand and a Python number (NEP 50: the number is weak,
    /// it only lifts the kind: bool < int < float).
    static func promote(_ a: DType, weak kind: DType) -> DType {
        switch kind {
        case .bool: return a
        case .int64: return a == .bool ? .int64 : a
        default: return a == .bool || a == .int64 ? .float64 : a
        }
    }

    /// The classes `np.float64`, `np.float32`, `np.int64`, `np.bool`: scalar types and dtypes.
    static let float64Class = NativeClass(name: "float64", module: "numpy")
    static let float32Class = NativeClass(name: "float32", module: "numpy")
    static let int64Class = NativeClass(name: "int64", module: "numpy")
    static let boolClass = NativeClass(name: "bool", module: "numpy")
    static let dtypeClass = NativeClass(name: "dtype", module: "numpy")

    static func scalarClass(_ d: DType) -> NativeClass {
        switch d {
        case .float64: return float64Class
        case .float32: return float32Class
        case .int64: return int64Class
        case .bool: return boolClass
        }
    }

    /// A `dtype=` argument: None, a dtype object, a scalar class, a Python type
    /// (`float`, `int`, `bool`) or a name (`"float32"`, `"f8"`, `"int64"`).
    static func parse(_ value: Value) throws -> DType? {
        if value.isNone { return nil }
        if let d = value.asObject as? NumpyDTypeObject { return d.dtype }
        if let t = value.tensorValue, t.rank == 0 { return nil }
        if case .object(let o) = value, let cls = o as? PyClass {
            for d in [DType.float64, .float32, .int64, .bool] where scalarClass(d).pyClass === cls { return d }
            if cls === BuiltinTypes.float { return .float64 }
            if cls === BuiltinTypes.int { return .int64 }
            if cls === BuiltinTypes.bool { return .bool }
            throw PyException.typeError("the workbench's numpy supports float64, float32, int64 and bool, not \(cls.name)")
        }
        if let torchType = value.asObject as? DTypeObject, let d = torchType.dtype { return d }
        if case .str(let s) = value {
            switch s {
            case "float64", "f8", "float", "double", "d", "<f8": return .float64
            case "float32", "f4", "single", "f", "<f4": return .float32
            case "int64", "i8", "int", "long", "l", "<i8", "int_": return .int64
            case "bool", "?", "b1", "bool_": return .bool
            default: throw PyException.typeError("data type '\(s)' not understood")
            }
        }
        throw PyException.typeError("Cannot interpret '\(try repr(value))' as a data type")
    }
}

/// `arr.dtype`: prints `float64`, reprs `dtype('float64')`, equals its scalar class and name.
final class NumpyDTypeObject: PyObject {
    let dtype: DType
    private init(_ dtype: DType) { self.dtype = dtype }
    static let all: [DType: NumpyDTypeObject] = Dictionary(uniqueKeysWithValues: DType.allCases.map { ($0, NumpyDTypeObject($0)) })
    static func object(_ d: DType) -> NumpyDTypeObject { all[d] ?? NumpyDTypeObject(d) }

    override var pyClass: PyClass { NumpyDType.dtypeClass.pyClass }
    override func repr() throws -> String { "dtype('\(NumpyDType.name(dtype))')" }
    override func str() throws -> String? { NumpyDType.name(dtype) }
    override func hashValue() throws -> Int? { NumpyDType.name(dtype).hashValue }
    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        let same = ((try? NumpyDType.parse(other)) ?? nil) == dtype
        return .bool(op == .equal ? same : !same)
    }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "name": return .str(NumpyDType.name(dtype))
        case "itemsize": return .int(dtype.itemSize)
        case "kind": return .str(dtype == .bool ? "b" : dtype == .int64 ? "i" : "f")
        case "type": return .object(NumpyDType.scalarClass(dtype).pyClass)
        default: return nil
        }
    }
}
