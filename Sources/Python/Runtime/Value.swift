// The lesson language's values: small immediates (None, bool, int, float, str) inline,
// everything else a `PyObject` reference.

/// A Python value. `int` is 64-bit (overflow raises `OverflowError`); `str` is a Swift
/// `String` indexed by Unicode scalar, like Python's code points.
public enum Value {
    case none
    case bool(Bool)
    case int(Int)
    case float(Double)
    case str(String)
    case object(PyObject)

    /// The Python type of the value.
    public var pyClass: PyClass {
        switch self {
        case .none: return BuiltinTypes.noneType
        case .bool: return BuiltinTypes.bool
        case .int: return BuiltinTypes.int
        case .float: return BuiltinTypes.float
        case .str: return BuiltinTypes.str
        case .object(let o): return o.pyClass
        }
    }

    /// The type's name as Python error messages spell it (`'int'`, `'NoneType'`).
    public var typeName: String { pyClass.name }

    public var isNone: Bool {
        if case .none = self { return true }
        return false
    }

    public var asObject: PyObject? {
        if case .object(let o) = self { return o }
        return nil
    }

    /// Identity (`is`): same immediate value or same object.
    public func isIdentical(to other: Value) -> Bool {
        switch (self, other) {
        case (.none, .none): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.float(let a), .float(let b)): return a.bitPattern == b.bitPattern
        case (.str(let a), .str(let b)): return a == b
        case (.object(let a), .object(let b)): return a === b
        default: return false
        }
    }

    public static let `true` = Value.bool(true)
    public static let `false` = Value.bool(false)

    public static func tuple(_ items: [Value]) -> Value { .object(PyTuple(items)) }
    public static func list(_ items: [Value]) -> Value { .object(PyList(items)) }
}

extension Value: CustomStringConvertible {
    /// The value's `repr`, or a placeholder when `__repr__` raises.
    public var description: String { (try? repr(self)) ?? "<\(typeName) object>" }
}

extension Value {
    /// The referenced object, unretained: valid only while this value (or another owner of
    /// the object) is alive. Lets hot paths inspect an object without reference counting.
    @inline(__always) var unretainedObject: Unmanaged<PyObject>? {
        if case .object(let o) = self { return .passUnretained(o) }
        return nil
    }
}

extension Optional where Wrapped == Value {
    /// See `Value.unretainedObject`.
    @inline(__always) var unretainedObject: Unmanaged<PyObject>? {
        if case .object(let o)? = self { return .passUnretained(o) }
        return nil
    }
}
