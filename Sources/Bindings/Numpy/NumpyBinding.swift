// The `numpy` module of the lesson language: the subset learners use beside torch,
// over the tensor module (float64, float32, int64, bool). Functions live in
// NumpyFunctions*.swift, ndarray methods in NumpyMethods.swift, np.random in NumpyRandom.swift.
//
// Exactness (checked against numpy 2.4 on x86-64 with AVX-512): printing, promotion,
// the legacy RandomState, sums (pairwise), float32 exp/log, and float64 1-D dot, matrix @
// vector and vector @ matrix (OpenBLAS's orders) match bit for bit. Known last-bit
// differences: float64 exp/log/tanh (numpy uses SVML-derived kernels, we use libm), float32
// tanh, and GEMMs with at most four output columns and k >= 16, or float32 with k >= 32.
import Foundation
import Python
import Tensor

public enum NumpyBinding {
    /// The version `np.__version__` reports: the numpy this module follows.
    static let version = "2.4.6"

    /// `numpy.exceptions.AxisError` (a ValueError and an IndexError, as in numpy).
    static let axisError = PyClass(name: "AxisError", bases: [BuiltinTypes.valueError, BuiltinTypes.indexError],
                                   moduleName: "numpy.exceptions")
    /// `numpy._core._exceptions._UFuncOutputCastingError`, shown as UFuncTypeError.
    static let ufuncTypeError = PyClass(name: "UFuncTypeError", bases: [BuiltinTypes.typeError],
                                        moduleName: "numpy._core._exceptions")

    static let module: NativeModule = {
        let m = NativeModule(name: "numpy")
        installArrayClass()
        installScalarClasses(m)
        installCreation(m)
        installMath(m)
        installReductions(m)
        installShapes(m)
        installMatrices(m)
        m.addSubmodule(NumpyRandom.module, as: "random")
        m.add("__version__", .str(version))
        m.add("pi", .float(Double.pi))
        m.add("e", .float(M_E))
        m.add("inf", .float(.infinity))
        m.add("nan", .float(.nan))
        m.add("newaxis", .none)
        m.add("ndarray", .object(NDArrayObject.ndarrayClass.pyClass))
        NDArrayObject.ndarrayClass.pyClass.moduleName = "numpy"
        return m
    }()

    /// Registers `numpy` and `numpy.random` with the interpreter.
    public static func register() {
        Interpreter.registerNativeModule("numpy") { _ in module.module }
        Interpreter.registerNativeModule("numpy.random") { _ in NumpyRandom.module.module }
        Interpreter.setPackageVersion("numpy", version)
        NumpyBridge.install()
        // Each interpreter starts as a fresh Python process would (default print options, a
        // nondeterministically seeded global RandomState): its own BindingsContext.
    }

    /// The element count of a new `dtype` array of `shape`, refusing negative sizes and sizes
    /// past int64 (numpy's ValueErrors) and arrays the memory left cannot hold (its MemoryError).
    static func checkedCount(_ shape: [Int], dtype: DType = .float64) throws -> Int {
        if shape.contains(where: { $0 < 0 }) { throw PyException.valueError("negative dimensions are not allowed") }
        // numpy multiplies the nonzero sizes (as bytes) and refuses a product past int64,
        // even when a zero makes the array empty: `np.zeros((0, 2**62, 2**62))`.
        let itemSize = dtype.itemSize
        var bytes = itemSize, overflowed = false
        for s in shape where s != 0 {
            let (m, overflow) = bytes.multipliedReportingOverflow(by: s)
            overflowed = overflowed || overflow
            bytes = m
        }
        if overflowed {
            throw PyException.valueError("array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.")
        }
        let n = shape.contains(0) ? 0 : bytes / itemSize
        if Storage.refusal(bytes: Double(n) * Double(itemSize)) != nil { throw memoryError(shape: shape, dtype: dtype) }
        return n
    }

    /// numpy's `_ArrayMemoryError` for an array of `shape` and `dtype` that cannot be allocated.
    static func memoryError(shape: [Int], dtype: DType) -> PyException {
        let bytes = Tensor.elementCount(shape) &* dtype.itemSize
        let tuple = shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
        return PyException(arrayMemoryError, "Unable to allocate \(sizeString(bytes)) for an array with shape \(tuple) "
                           + "and data type \(NumpyDType.name(dtype))")
    }

    /// `numpy._core._exceptions._ArrayMemoryError`, a MemoryError.
    static let arrayMemoryError = PyClass(name: "_ArrayMemoryError", bases: [BuiltinTypes.memoryError],
                                          moduleName: "numpy._core._exceptions")

    /// numpy's `_size_to_string`: "7.28 TiB", "4.00 EiB", "512 bytes".
    static func sizeString(_ bytes: Int) -> String {
        let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
        var unit = max(Int.bitWidth - bytes.leadingZeroBitCount - 1, 1) / 10
        var value = Double(bytes) / Double(1 << (unit * 10))
        if value.rounded() == 1024 {
            unit += 1
            value /= 1024
        }
        if unit == 0 { return String(format: "%.0f bytes", value) }
        if value.rounded() < 1000 {
            // '{:#.3g}': three significant digits, keeping trailing zeros.
            let digits = value >= 100 ? 0 : value >= 10 ? 1 : 2
            return String(format: "%.\(digits)f %@", value, units[unit])
        }
        return String(format: "%.0f. %@", value, units[unit])
    }

    /// numpy's AxisError for `axis` outside an array of `rank` dims.
    static func checkedAxis(_ axis: Int, _ rank: Int) throws -> Int {
        guard axis >= -max(rank, 1) && axis < max(rank, 1) else {
            throw PyException(axisError, "axis \(axis) is out of bounds for array of dimension \(rank)")
        }
        return axis < 0 ? axis + max(rank, 1) : axis
    }

    /// An `axis=` argument: None (all), an int or a tuple of ints, checked against `rank`.
    static func axes(_ value: Value, _ rank: Int) throws -> [Int]? {
        if value.isNone { return nil }
        if let i = try indexValue(value) { return [try checkedAxis(i, rank)] }
        let list = try iterateToArray(value).map { try checkedAxis(try $0.asInt("axis"), rank) }
        if Set(list).count != list.count { throw PyException.valueError("duplicate value in 'axis'") }
        return list
    }
}

extension BoundArguments {
    /// An array-like argument as a tensor (`np.asarray` semantics: no copy for arrays).
    func ndarray(_ name: String) throws -> Tensor {
        try NumpyConversion.asarray(self[name], dtype: nil)
    }

    /// The `dtype=` argument, or nil.
    func numpyDType(_ name: String = "dtype") throws -> DType? { try NumpyDType.parse(self[name]) }
}
