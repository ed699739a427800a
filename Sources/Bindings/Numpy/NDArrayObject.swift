// The `numpy.ndarray` object and numpy's scalars (`np.float64(1.5)`), both a tensor of the
// tensor module: arrays are n-d views, scalars 0-d copies that print as numpy scalars.
import Python
import Tensor

/// An ndarray, or (with `isScalar`) a numpy scalar such as `np.float64(1.5)`.
final class NDArrayObject: PyObject {
    let array: Tensor
    let isScalar: Bool

    init(_ array: Tensor, scalar: Bool = false) {
        self.array = array
        self.isScalar = scalar
        super.init()
    }

    static let ndarrayClass = NativeClass(name: "ndarray", module: "numpy")

    override var pyClass: PyClass {
        isScalar ? NumpyDType.scalarClass(array.dtype).pyClass : NDArrayObject.ndarrayClass.pyClass
    }

    override func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        try NumpyOperators.binary(.object(self), op, other, reflected: reflected)
    }
    override func inPlaceOperation(_ op: BinaryOperator, _ other: Value) throws -> Value? {
        if isScalar { return nil }
        return try NumpyOperators.inPlace(self, op, other)
    }
    override func unaryOperation(_ op: UnaryOperator) throws -> Value? { try NumpyOperators.unary(self, op) }
    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        try NumpyOperators.compare(self, op, other)
    }
    override func getItem(_ key: Value) throws -> Value? {
        if isScalar { throw PyException.indexError("invalid index to scalar variable.") }
        return try NumpyIndexing.get(array, key)
    }
    override func setItem(_ key: Value, _ value: Value) throws -> Bool {
        if isScalar { throw PyException.typeError("'\(pyClass.name)' object does not support item assignment") }
        try NumpyIndexing.set(array, key, value)
        return true
    }
    override func length() throws -> Int? {
        if isScalar { throw PyException.typeError("object of type 'numpy.\(NumpyDType.name(array.dtype))' has no len()") }
        guard let first = array.shape.first else { throw PyException.typeError("len() of unsized object") }
        return first
    }
    override func makeIterator() throws -> PyIterator? {
        guard !array.shape.isEmpty, !isScalar else { throw PyException.typeError("iteration over a 0-d array") }
        return NDArrayRowIterator(array)
    }
    override func contains(_ value: Value) throws -> Bool? {
        let equal = try NumpyOperators.compare(self, .equal, value)
        guard let t = (equal?.asObject as? NDArrayObject)?.array else { return false }
        return t.boolValues().contains(true)
    }
    override func repr() throws -> String {
        isScalar ? NumpyFormatter.scalarRepr(array) : NumpyFormatter.repr(array)
    }
    override func str() throws -> String? {
        isScalar ? NumpyFormatter.scalarString(array) : NumpyFormatter.str(array)
    }
    override func truthValue() throws -> Bool? {
        guard array.count == 1 else {
            if array.count == 0 { return false }
            throw PyException.valueError(
                "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()")
        }
        return array.boolValues()[0]
    }
    override func toFloat() throws -> Double? {
        guard array.count == 1 else { throw PyException.typeError("only 0-dimensional arrays can be converted to Python scalars") }
        return array.doubleValues()[0]
    }
    override func toInt() throws -> Int? {
        guard array.count == 1 else { throw PyException.typeError("only 0-dimensional arrays can be converted to Python scalars") }
        return Int(array.int64Values()[0])
    }
    override func toIndex() throws -> Int? {
        guard array.rank == 0, array.dtype == .int64 || array.dtype == .bool else {
            throw PyException.typeError("only integer scalar arrays can be converted to a scalar index")
        }
        return Int(array.int64Values()[0])
    }
    override func format(_ spec: String) throws -> String? {
        if array.rank == 0 { return try formatValue(NumpyConversion.pythonScalar(array), spec) }
        if spec.isEmpty { return NumpyFormatter.str(array) }
        throw PyException.typeError("unsupported format string passed to numpy.ndarray.__format__")
    }
    override func hashValue() throws -> Int? {
        guard isScalar else { throw PyException.typeError("unhashable type: 'numpy.ndarray'") }
        return try hashOf(NumpyConversion.pythonScalar(array))
    }
}

/// `for row in arr`: rows along the first axis (scalars for 1-d arrays).
final class NDArrayRowIterator: PyIterator {
    let array: Tensor
    var position = 0
    init(_ array: Tensor) { self.array = array }
    override func next() throws -> Value? {
        guard position < array.shape[0] else { return nil }
        defer { position += 1 }
        return try NumpyIndexing.get(array, .int(position))
    }
}

extension NDArrayObject {
    /// An ndarray value.
    static func wrap(_ t: Tensor) -> Value { .object(NDArrayObject(t)) }
    /// A numpy scalar of the one element of `t`.
    static func scalar(_ t: Tensor) throws -> Value {
        .object(NDArrayObject(try t.copyData(as: t.dtype).reshape([]), scalar: true))
    }
    /// A ufunc's result: a numpy scalar when 0-d, else an array.
    static func result(_ t: Tensor) throws -> Value { t.rank == 0 ? try scalar(t) : wrap(t) }
}

extension Value {
    /// The tensor of an ndarray or numpy scalar.
    var ndarray: Tensor? { (asObject as? NDArrayObject)?.array }
}
