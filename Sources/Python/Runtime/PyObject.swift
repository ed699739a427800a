// The base class of heap values. Subclasses (lists, instances, tensors in the torch
// binding) override the slots they support; the defaults raise Python's TypeErrors.

/// A heap-allocated Python object.
///
/// Native bindings wrap a Swift type by subclassing `PyObject` (see NativeModule.swift)
/// and overriding the protocol slots below. Each slot returns `nil` for "not supported"
/// (Python's `NotImplemented`), so the interpreter can try the reflected operation and
/// then raise CPython's message.
open class PyObject {
    public init() {}

    /// The object's Python type.
    open var pyClass: PyClass { BuiltinTypes.object }

    /// `obj.name`: return nil when there is no such attribute (the caller then looks in the
    /// class and finally raises `AttributeError`).
    open func getAttribute(_ name: String) throws -> Value? { nil }

    /// `obj.name = value`; return false when the attribute cannot be set.
    open func setAttribute(_ name: String, _ value: Value) throws -> Bool { false }

    /// `del obj.name`; return false when unsupported.
    open func deleteAttribute(_ name: String) throws -> Bool { false }

    /// `self <op> other` (or `other <op> self` when `reflected`); nil means NotImplemented.
    open func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? { nil }

    /// `self <op>= other`; nil falls back to `binaryOperation`.
    open func inPlaceOperation(_ op: BinaryOperator, _ other: Value) throws -> Value? { nil }

    /// `-self`, `+self`, `~self`; nil means unsupported.
    open func unaryOperation(_ op: UnaryOperator) throws -> Value? { nil }

    /// Rich comparison `self <op> other` for ==, !=, <, <=, >, >=; nil means NotImplemented.
    open func compare(_ op: CompareOperator, _ other: Value) throws -> Value? { nil }

    /// `self[key]`; nil means the type is not subscriptable.
    open func getItem(_ key: Value) throws -> Value? { nil }

    /// `self[key] = value`; false means unsupported.
    open func setItem(_ key: Value, _ value: Value) throws -> Bool { false }

    /// `del self[key]`; false means unsupported.
    open func deleteItem(_ key: Value) throws -> Bool { false }

    /// `len(self)`; nil means no length.
    open func length() throws -> Int? { nil }

    /// `iter(self)`; nil means not iterable.
    open func makeIterator() throws -> PyIterator? { nil }

    /// `x in self`; nil falls back to iteration.
    open func contains(_ value: Value) throws -> Bool? { nil }

    /// `repr(self)`.
    open func repr() throws -> String { "<\(pyClass.qualifiedName) object at \(addressString)>" }

    /// `str(self)`; nil uses `repr`.
    open func str() throws -> String? { nil }

    /// `bool(self)`; nil falls back to `len`, then true.
    open func truthValue() throws -> Bool? { nil }

    /// `self(...)`; nil means not callable.
    open func call(_ arguments: Arguments) throws -> Value? { nil }

    /// Whether `call` is supported (for `callable()`).
    open var isCallable: Bool { false }

    /// Whether the object, found on a class, binds to the instance like a function does
    /// (a `functools.lru_cache` wrapper used as a method).
    open var bindsAsMethod: Bool { false }

    /// `hash(self)`; nil means unhashable. Default: identity.
    open func hashValue() throws -> Int? { Int(bitPattern: UInt(bitPattern: ObjectIdentifier(self)) >> 4) }

    /// `format(self, spec)`; nil uses `str(self)` for an empty spec.
    open func format(_ spec: String) throws -> String? { nil }

    /// `float(self)` / `int(self)` / `operator.index(self)` conversions; nil when unsupported.
    open func toFloat() throws -> Double? { nil }
    open func toInt() throws -> Int? { nil }
    open func toIndex() throws -> Int? { nil }

    /// `dir(self)` extras.
    open func attributeNames() -> [String] { [] }

    /// Python's `id()`-style address text, e.g. `0x7f3a2c1b0e50`.
    public var addressString: String {
        "0x" + String(UInt(bitPattern: ObjectIdentifier(self)), radix: 16).leftPadded(to: 12, with: "0")
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = " ") -> String {
        let count = self.unicodeScalars.count
        return count >= width ? self : String(repeating: pad, count: width - count) + self
    }

    func rightPadded(to width: Int, with pad: Character = " ") -> String {
        let count = self.unicodeScalars.count
        return count >= width ? self : self + String(repeating: pad, count: width - count)
    }
}
