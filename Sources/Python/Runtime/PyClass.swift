// Classes and instances: the `type` object (user classes, builtin types and native
// classes alike), attribute lookup along the MRO, and plain instances with a `__dict__`.

/// A Python class. Builtin types (`int`, `list`), native classes (`torch.Tensor`) and user
/// classes are all `PyClass`es; the differences are in `constructor` and `instanceFactory`.
public final class PyClass: PyObject {
    public let name: String
    /// The defining module's name ("builtins" for builtin types), used in reprs.
    public var moduleName: String
    public private(set) var bases: [PyClass]
    public private(set) var mro: [PyClass] = []
    /// The class namespace (methods, class attributes).
    public var dict: [String: Value] = [:]
    /// The class body's names in definition order (`__dict__` lists them first, in this order).
    public var definitionOrder: [String] = []
    /// Makes the value for `Class(...)` for builtin and native types (overrides `__init__` handling).
    public var constructor: ((PyClass, Arguments) throws -> Value)?
    /// The Python signature of `constructor` for native classes (inspect.signature reads it).
    public var constructorSignature: Signature?
    /// Allocates an instance for user subclasses; inherited along the MRO.
    public var instanceFactory: ((PyClass) -> PyInstance)?
    /// Whether user classes may inherit from this class.
    public var isSubclassable = true
    /// Builtin types' method tables never change, so call sites may cache lookups.
    var isBuiltinType = false
    /// Native classes (collections.deque, Counter) whose method tables never change either:
    /// call sites cache their lookups as for builtin types, yet scripts may subclass them.
    public var hasFixedMethods = false
    /// Whether any class in the MRO defines a property (instance lookups then check the class first).
    @exclusivity(unchecked) var hasDataDescriptors = false
    /// Whether a user class in the MRO defines `__setattr__`.
    @exclusivity(unchecked) public var hasCustomSetattr = false
    /// For plain user classes: the `__init__` function, so calls can build the frame directly.
    private var simpleInitCache: (valid: Bool, function: PyFunction?) = (false, nil)
    private var simpleInitGeneration = 0

    /// The class's `__init__` when instantiation is "allocate a PyInstance, run a Python
    /// `__init__`" (no `__new__`, no native constructor or factory); nil otherwise.
    var simpleInit: PyFunction? {
        if simpleInitCache.valid && simpleInitGeneration == PyClass.cacheGeneration { return simpleInitCache.function }
        simpleInitGeneration = PyClass.cacheGeneration
        var result: PyFunction?
        if userNew == nil, effectiveFactory == nil, !mro.contains(where: { $0.constructor != nil && $0 !== BuiltinTypes.object }),
           case .object(let o)? = lookup("__init__"), let f = o as? PyFunction {
            result = f
        }
        simpleInitCache = (true, result)
        return result
    }

    func invalidateCaches() {
        simpleInitCache = (false, nil)
    }

    public init(name: String, bases: [PyClass], moduleName: String = "builtins") {
        self.name = name
        self.bases = bases
        self.moduleName = moduleName
        super.init()
        computeMRO()
        hasDataDescriptors = bases.contains { $0.hasDataDescriptors }
        hasCustomSetattr = bases.contains { $0.hasCustomSetattr }
    }

    /// With `__slots__` in every class of the MRO (and no `"__dict__"` slot): the only
    /// attribute names instances may set.
    public private(set) var slotNames: Set<String>?

    /// Recomputes cached flags after the class body filled `dict`.
    func refreshFlags() {
        computeSlots()
        if dict.values.contains(where: { if case .object(let o) = $0 { return o is PyProperty }; return false }) {
            hasDataDescriptors = true
        }
        if case .object(let f)? = dict["__setattr__"], f is PyFunction { hasCustomSetattr = true }
    }

    private func computeSlots() {
        guard let declared = dict["__slots__"] else { return }
        var names = Set<String>()
        if case .str(let single) = declared {
            names.insert(single)
        } else if let items = try? iterateToArray(declared) {
            for case .str(let n) in items { names.insert(n) }
        }
        for base in bases where base !== BuiltinTypes.object {
            guard let inherited = base.slotNames else { return }
            names.formUnion(inherited)
        }
        if names.contains("__dict__") { return }
        slotNames = names
        hasDataDescriptors = true    // instance stores take the checked path
    }

    private func computeMRO() {
        var result: [PyClass] = [self]
        // Single inheritance chains (plus `object` at the end) need only a linear walk;
        // multiple bases use C3 linearization.
        if bases.count <= 1 {
            if let base = bases.first { result += base.mro }
        } else {
            var sequences = bases.map(\.mro) + [bases]
            while true {
                sequences = sequences.filter { !$0.isEmpty }
                if sequences.isEmpty { break }
                guard let head = sequences.lazy.map({ $0[0] }).first(where: { candidate in
                    !sequences.contains { $0.dropFirst().contains { $0 === candidate } }
                }) else { break }
                result.append(head)
                sequences = sequences.map { $0.first === head ? Array($0.dropFirst()) : $0 }
            }
        }
        mro = result
    }

    override public var pyClass: PyClass { BuiltinTypes.type }

    /// `__qualname__` (`Outer.Inner` for nested classes).
    public var qualname: String?

    /// `module.qualname` as reprs show it (`__main__.Point`), or just the name for builtins.
    public var qualifiedName: String { moduleName == "builtins" ? qualname ?? name : "\(moduleName).\(qualname ?? name)" }

    /// Looks `name` up along the MRO.
    public func lookup(_ name: String) -> Value? {
        for cls in mro {
            if let v = cls.dict[name] { return v }
        }
        return nil
    }

    public func isSubclass(of other: PyClass) -> Bool {
        if self === other { return true }
        for cls in mro where cls === other { return true }
        return false
    }

    /// The nearest instance factory along the MRO.
    var effectiveFactory: ((PyClass) -> PyInstance)? {
        for cls in mro { if let f = cls.instanceFactory { return f } }
        return nil
    }

    override public func repr() throws -> String {
        if case .str(let s)? = try callClassHook("__class_repr__", []) { return s }
        return "<class '\(qualifiedName)'>"
    }

    override public var isCallable: Bool { true }

    override public func call(_ arguments: Arguments) throws -> Value? {
        try instantiate(arguments)
    }

    /// `Class(*args, **kwargs)`.
    public func instantiate(_ arguments: Arguments) throws -> Value {
        // Builtin types (`str(x)`, `int(x)`, `list(x)`) never have a Python `__new__`/`__init__`.
        if isBuiltinType, let make = constructor { return try make(self, arguments) }
        if let newMethod = userNew, case .object(let f) = newMethod {
            let function = (f as? PyStaticMethod)?.function ?? newMethod
            let instance = try callValue(function, Arguments([.object(self)] + arguments.positional, arguments.keywords))
            if case .object(let o) = instance, o.pyClass.isSubclass(of: self), let initializer = lookup("__init__") {
                _ = try callValue(initializer, Arguments([instance] + arguments.positional, arguments.keywords))
            }
            return instance
        }
        for cls in mro {
            if let make = cls.constructor {
                if !hasUserInit(below: cls) { return try make(self, arguments) }
                break
            }
        }
        let instance: PyInstance = effectiveFactory?(self) ?? PyInstance(cls: self)
        let value = Value.object(instance)
        if let initializer = lookup("__init__"), !initializer.isIdentical(to: BuiltinTypes.object.dict["__init__"] ?? .none) {
            let result = try callValue(initializer, Arguments([value] + arguments.positional, arguments.keywords))
            if !result.isNone {
                throw PyException.typeError("__init__() should return None, not '\(result.typeName)'")
            }
        } else if !arguments.positional.isEmpty || !arguments.keywords.isEmpty {
            throw PyException.typeError("\(name)() takes no arguments")
        }
        return value
    }

    /// A `__new__` written in Python (a function, or a staticmethod of one); nil when only
    /// `object.__new__` (or none) is inherited.
    var userNew: Value? {
        guard let newMethod = lookup("__new__"), case .object(let f) = newMethod else { return nil }
        if f is PyFunction { return newMethod }
        // A static `__new__` of a script, or of a native class (collections' dict subclasses), but not object's.
        if f is PyStaticMethod, !newMethod.isIdentical(to: BuiltinTypes.object.dict["__new__"] ?? .none) { return newMethod }
        return nil
    }

    /// `object.__new__(cls)`: a fresh instance of `cls` (no `__init__` call).
    public func allocateInstance() -> Value {
        return .object(effectiveFactory?(self) ?? PyInstance(cls: self))
    }

    private func hasUserInit(below cls: PyClass) -> Bool {
        for c in mro {
            if c === cls { return false }
            if c.dict["__init__"] != nil || c.dict["__new__"] != nil { return true }
        }
        return false
    }

    override public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "__name__": return .str(self.name)
        case "__qualname__": return .str(qualname ?? self.name)
        case "__module__": return .str(moduleName)
        case "__mro__": return .tuple(mro.map { .object($0) })
        case "__bases__": return .tuple(bases.map { .object($0) })
        case "__base__": return bases.first.map { .object($0) } ?? Value.none
        case "__doc__": return dict["__doc__"] ?? Value.none
        case "__class__": return .object(BuiltinTypes.type)
        case "mro" where lookup("mro") == nil:
            return .object(PyBuiltinFunction(name: "mro") { [mro] _ in .list(mro.map { .object($0) }) })
        case "__dict__":
            let d = PyDict()
            for k in definitionOrder { if let v = dict[k] { d.storage.set(.str(k), v) } }
            let ordered = Set(definitionOrder)
            for (k, v) in dict.sorted(by: { $0.key < $1.key }) where !ordered.contains(k) { d.storage.set(.str(k), v) }
            return .object(d)
        default: break
        }
        guard let attribute = lookup(name) else { return nil }
        if case .object(let o) = attribute {
            if let cm = o as? PyClassMethod { return .object(PyBoundMethod(receiver: .object(self), function: cm.function)) }
            if let sm = o as? PyStaticMethod { return sm.function }
        }
        return attribute
    }

    override public func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        if isBuiltinType || hasFixedMethods {
            // Builtin types are shared by every interpreter.
            throw PyException.typeError("cannot set '\(name)' attribute of immutable type '\(qualifiedName)'")
        }
        if case .object(let o) = value, o is PyProperty { hasDataDescriptors = true }
        if name == "__setattr__", case .object(let f) = value, f is PyFunction { hasCustomSetattr = true }
        dict[name] = value
        invalidateAllCaches()
        return true
    }

    override public func deleteAttribute(_ name: String) throws -> Bool {
        if isBuiltinType || hasFixedMethods {
            throw PyException.typeError("cannot delete '\(name)' attribute of immutable type '\(qualifiedName)'")
        }
        defer { invalidateAllCaches() }
        return dict.removeValue(forKey: name) != nil
    }

    /// Subclasses cache lookups too; invalidating every class is cheap and rare (class mutation).
    private func invalidateAllCaches() {
        invalidateCaches()
        PyClass.cacheGeneration &+= 1
    }

    @exclusivity(unchecked) nonisolated(unsafe) static var cacheGeneration = 0

    // What a metaclass gives a class in CPython, for the classes that need it (enum):
    // `Color['RED']` (`__class_getitem__`), `for c in Color`, `len(Color)`, `x in Color`,
    // `repr(Color)` through class-level hooks `__class_iter__`, `__class_len__`,
    // `__class_contains__`, `__class_repr__` (implicit classmethods). `list[int]` and
    // `int | None` make the typing module's alias objects.

    private func callClassHook(_ name: String, _ args: [Value]) throws -> Value? {
        guard !isBuiltinType, var hook = lookup(name) else { return nil }
        if case .object(let o) = hook, let cm = o as? PyClassMethod { hook = cm.function }
        return try callValue(hook, Arguments([.object(self)] + args))
    }

    override public func getItem(_ key: Value) throws -> Value? {
        if isBuiltinType, ["list", "dict", "tuple", "set", "frozenset", "type"].contains(name) {
            return .object(PyGenericAlias(origin: .object(self), arguments: key))
        }
        return try callClassHook("__class_getitem__", [key])
    }

    override public func makeIterator() throws -> PyIterator? {
        guard let result = try callClassHook("__class_iter__", []) else { return nil }
        return try result.asObject?.makeIterator()
    }

    override public func length() throws -> Int? {
        guard let result = try callClassHook("__class_len__", []) else { return nil }
        return try result.asInt()
    }

    override public func contains(_ value: Value) throws -> Bool? {
        guard let result = try callClassHook("__class_contains__", [value]) else { return nil }
        return try isTruthy(result)
    }

    override public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard op == .bitOr, PyUnionType.isUnionMember(other) else { return nil }
        return PyUnionType.make(reflected ? [other, .object(self)] : [.object(self), other])
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        switch op {
        case .equal: return .bool(other.asObject === self)
        case .notEqual: return .bool(other.asObject !== self)
        default: return nil
        }
    }
}

/// An instance of a user class: a class pointer and an attribute dictionary.
open class PyInstance: PyObject {
    public let cls: PyClass
    /// Unchecked exclusivity: no script code runs while the table is being read or changed.
    @exclusivity(unchecked) public var attributes = InstanceAttributes()

    /// Where `name` sits in the attribute table, read in place (the hot `self.x` path: going
    /// through the property's getter copied the table and retained its storage on every read).
    @inline(__always) final func attributeIndex(of name: String, bit: UInt64, hint: Int) -> Int? {
        attributes.index(of: name, bit: bit, hint: hint)
    }

    /// The value at a position `attributeIndex` gave, read in place.
    @inline(__always) final func attributeValue(at index: Int) -> Value { attributes.value(at: index) }

    /// Stores into the table in place (`self.x = v`).
    @inline(__always) final func setAttributeValue(_ value: Value, at index: Int) { attributes.setValue(value, at: index) }

    /// Adds `name` to the table in place; returns its position.
    @inline(__always) final func appendAttribute(_ name: String, _ value: Value, bit: UInt64) -> Int {
        attributes.append(name, value, bit: bit)
    }

    public init(cls: PyClass) {
        self.cls = cls
        super.init()
    }

    override open var pyClass: PyClass { cls }

    /// Calls the special method `name` if the class defines it; nil when it does not.
    public func callSpecial(_ name: String, _ args: [Value]) throws -> Value? {
        guard let method = cls.lookup(name) else { return nil }
        return try callValue(method, Arguments([.object(self)] + args))
    }

    override open func getAttribute(_ name: String) throws -> Value? {
        if !cls.hasDataDescriptors, let value = attributes[name] { return value }
        if name == "__dict__" {
            let d = PyDict()
            for (k, v) in attributes { d.storage.set(.str(k), v) }
            d.mirroredInstance = self
            return .object(d)
        }
        if name == "__class__" { return .object(cls) }
        let classAttribute = cls.lookup(name)
        if case .object(let o)? = classAttribute, let property = o as? PyProperty {
            return try property.get(.object(self))
        }
        if let value = attributes[name] { return value }
        if let attribute = classAttribute {
            return bindClassAttribute(attribute, to: .object(self))
        }
        if let getattr = cls.lookup("__getattr__") {
            return try callValue(getattr, Arguments([.object(self), .str(name)]))
        }
        return nil
    }

    override open func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        if cls.hasCustomSetattr, let setattr = cls.lookup("__setattr__"), case .object(let f) = setattr, f is PyFunction {
            _ = try callValue(setattr, Arguments([.object(self), .str(name), value]))
            return true
        }
        try setAttributeIgnoringOverride(name, value)
        return true
    }

    /// `object.__setattr__(self, name, value)`: properties, else the instance dictionary.
    public func setAttributeIgnoringOverride(_ name: String, _ value: Value) throws {
        if cls.hasDataDescriptors, case .object(let o)? = cls.lookup(name), let property = o as? PyProperty {
            try property.set(.object(self), value)
            return
        }
        if let allowed = cls.slotNames, !allowed.contains(name) {
            if cls.lookup(name) != nil {
                throw PyException.attributeError("'\(cls.name)' object attribute '\(name)' is read-only")
            }
            throw Python.attributeError(.object(self), name)
        }
        attributes[name] = value
    }

    override open func deleteAttribute(_ name: String) throws -> Bool {
        if case .object(let f)? = cls.lookup("__delattr__"), f is PyFunction {
            _ = try callValue(.object(f), Arguments([.object(self), .str(name)]))
            return true
        }
        return try deleteAttributeIgnoringOverride(name)
    }

    /// `object.__delattr__(self, name)`: properties, else the instance dictionary.
    public func deleteAttributeIgnoringOverride(_ name: String) throws -> Bool {
        if cls.hasDataDescriptors, case .object(let o)? = cls.lookup(name), let property = o as? PyProperty {
            try property.delete(.object(self))
            return true
        }
        return attributes.removeValue(forKey: name) != nil
    }

    override open func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        let name = reflected ? reflectedMethodNames[op] : binaryMethodNames[op]
        guard let methodName = name, let result = try callSpecial(methodName, [other]) else { return nil }
        if case .object(let o) = result, o === NotImplementedObject.shared { return nil }
        return result
    }

    override open func inPlaceOperation(_ op: BinaryOperator, _ other: Value) throws -> Value? {
        guard let methodName = inPlaceMethodNames[op], let result = try callSpecial(methodName, [other]) else { return nil }
        if case .object(let o) = result, o === NotImplementedObject.shared { return nil }
        return result
    }

    override open func unaryOperation(_ op: UnaryOperator) throws -> Value? {
        let name: String
        switch op {
        case .minus: name = "__neg__"
        case .plus: name = "__pos__"
        case .invert: name = "__invert__"
        case .not: return nil
        }
        return try callSpecial(name, [])
    }

    override open func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        let name: String
        switch op {
        case .equal: name = "__eq__"
        case .notEqual:
            if cls.lookup("__ne__") == nil, let eq = try callSpecial("__eq__", [other]) {
                if case .object(let o) = eq, o === NotImplementedObject.shared { return nil }
                return .bool(!(try isTruthy(eq)))
            }
            name = "__ne__"
        case .less: name = "__lt__"
        case .lessEqual: name = "__le__"
        case .greater: name = "__gt__"
        case .greaterEqual: name = "__ge__"
        default: return nil
        }
        guard let result = try callSpecial(name, [other]) else { return nil }
        if case .object(let o) = result, o === NotImplementedObject.shared { return nil }
        return result
    }

    override open func getItem(_ key: Value) throws -> Value? { try callSpecial("__getitem__", [key]) }

    override open func setItem(_ key: Value, _ value: Value) throws -> Bool {
        try callSpecial("__setitem__", [key, value]) != nil
    }

    override open func deleteItem(_ key: Value) throws -> Bool { try callSpecial("__delitem__", [key]) != nil }

    override open func length() throws -> Int? {
        guard let result = try callSpecial("__len__", []) else { return nil }
        guard case .int(let n) = result else {
            throw PyException.typeError("'\(result.typeName)' object cannot be interpreted as an integer")
        }
        if n < 0 { throw PyException.valueError("__len__() should return >= 0") }
        return n
    }

    override open func makeIterator() throws -> PyIterator? {
        if let result = try callSpecial("__iter__", []) {
            if case .object(let o) = result, let iterator = o as? PyIterator { return iterator }
            guard case .object(let o) = result, o.pyClass.lookup("__next__") != nil else {
                throw PyException.typeError("iter() returned non-iterator of type '\(result.typeName)'")
            }
            return InstanceIterator(result)
        }
        if cls.lookup("__getitem__") != nil { return SequenceProtocolIterator(.object(self)) }
        return nil
    }

    override open func contains(_ value: Value) throws -> Bool? {
        guard let result = try callSpecial("__contains__", [value]) else { return nil }
        return try isTruthy(result)
    }

    override open func repr() throws -> String {
        if let result = try callSpecial("__repr__", []) {
            guard case .str(let s) = result else {
                throw PyException.typeError("__repr__ returned non-string (type \(result.typeName))")
            }
            return s
        }
        return "<\(cls.qualifiedName) object at \(addressString)>"
    }

    override open func str() throws -> String? {
        guard let result = try callSpecial("__str__", []) else { return nil }
        guard case .str(let s) = result else {
            throw PyException.typeError("__str__ returned non-string (type \(result.typeName))")
        }
        return s
    }

    override open func truthValue() throws -> Bool? {
        if let result = try callSpecial("__bool__", []) {
            guard case .bool(let b) = result else {
                throw PyException.typeError("__bool__ should return bool, returned \(result.typeName)")
            }
            return b
        }
        if let n = try length() { return n != 0 }
        return nil
    }

    override open var isCallable: Bool { cls.lookup("__call__") != nil }

    override open func call(_ arguments: Arguments) throws -> Value? {
        guard let method = cls.lookup("__call__") else { return nil }
        return try callValue(method, Arguments([.object(self)] + arguments.positional, arguments.keywords))
    }

    override open func hashValue() throws -> Int? {
        if let hash = cls.lookup("__hash__") {
            if case .none = hash { return nil }
            let result = try callValue(hash, Arguments([.object(self)]))
            guard case .int(let h) = result else { throw PyException.typeError("__hash__ method should return an integer") }
            return h
        }
        if cls.lookup("__eq__") != nil, !(self is PyException) { return nil }
        return Int(bitPattern: UInt(bitPattern: ObjectIdentifier(self)) >> 4)
    }

    override open func format(_ spec: String) throws -> String? {
        guard cls.lookup("__format__") != nil else { return nil }
        let result = try callSpecial("__format__", [.str(spec)])
        guard case .str(let s)? = result else { throw PyException.typeError("__format__ must return a str") }
        return s
    }

    override open func toFloat() throws -> Double? {
        guard let result = try callSpecial("__float__", []) else { return nil }
        if case .float(let d) = result { return d }
        throw PyException.typeError("\(cls.name).__float__ returned non-float (type \(result.typeName))")
    }

    override open func toInt() throws -> Int? {
        guard let result = try callSpecial("__int__", []) ?? callSpecial("__index__", []) else { return nil }
        if case .int(let i) = result { return i }
        throw PyException.typeError("__int__ returned non-int (type \(result.typeName))")
    }

    override open func toIndex() throws -> Int? {
        guard let result = try callSpecial("__index__", []) else { return nil }
        if case .int(let i) = result { return i }
        throw PyException.typeError("__index__ returned non-int (type \(result.typeName))")
    }

    override open func attributeNames() -> [String] { attributes.keys }
}

/// Binds a class attribute found during instance lookup: functions become bound methods.
func bindClassAttribute(_ attribute: Value, to receiver: Value) -> Value {
    guard case .object(let o) = attribute else { return attribute }
    if o is PyFunction || o is PyBuiltinFunction || o.bindsAsMethod {
        return .object(PyBoundMethod(receiver: receiver, function: attribute))
    }
    if let sm = o as? PyStaticMethod { return sm.function }
    if let cm = o as? PyClassMethod {
        return .object(PyBoundMethod(receiver: .object(receiver.pyClass), function: cm.function))
    }
    return attribute
}

let binaryMethodNames: [BinaryOperator: String] = [
    .add: "__add__", .subtract: "__sub__", .multiply: "__mul__", .matrixMultiply: "__matmul__",
    .divide: "__truediv__", .floorDivide: "__floordiv__", .modulo: "__mod__", .power: "__pow__",
    .leftShift: "__lshift__", .rightShift: "__rshift__", .bitOr: "__or__", .bitXor: "__xor__", .bitAnd: "__and__",
]
let reflectedMethodNames: [BinaryOperator: String] = binaryMethodNames.mapValues { "__r" + $0.dropFirst(2) }
let inPlaceMethodNames: [BinaryOperator: String] = binaryMethodNames.mapValues { "__i" + $0.dropFirst(2) }

/// Python's `NotImplemented` singleton.
public final class NotImplementedObject: PyObject {
    public static let shared = NotImplementedObject()
    override public var pyClass: PyClass { BuiltinTypes.notImplementedType }
    override public func repr() throws -> String { "NotImplemented" }
}

/// Python's `Ellipsis` (`...`) singleton.
public final class EllipsisObject: PyObject {
    public static let shared = EllipsisObject()
    override public var pyClass: PyClass { BuiltinTypes.ellipsis }
    override public func repr() throws -> String { "Ellipsis" }
}

/// A module object: a name and a namespace.
public final class PyModule: PyObject {
    public let name: String
    public let globals: Globals

    public init(name: String, globals: Globals? = nil) {
        self.name = name
        self.globals = globals ?? Globals()
        super.init()
        if self.globals["__name__"] == nil { self.globals["__name__"] = .str(name) }
    }

    override public var pyClass: PyClass { BuiltinTypes.module }

    override public func getAttribute(_ name: String) throws -> Value? {
        if name == "__dict__" {
            let d = PyDict()
            for (k, v) in globals.items() { d.storage.set(.str(k), v) }
            return .object(d)
        }
        return globals[name]
    }

    override public func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        globals[name] = value
        return true
    }

    override public func repr() throws -> String {
        if case .str(let file)? = globals["__file__"] { return "<module '\(name)' from '\(file)'>" }
        return "<module '\(name)' (built-in)>"
    }

    override public func attributeNames() -> [String] { globals.items().map(\.0) }
}

/// A module's global namespace. Each name has a stable `GlobalSlot`, so compiled code
/// resolves a global once and then reads it without hashing.
public final class Globals {
    private var slots: [String: GlobalSlot] = [:]
    private var order: [String] = []

    public init() {}

    /// The slot for `name`, created unbound if missing.
    func slot(_ name: String) -> GlobalSlot {
        if let s = slots[name] { return s }
        let s = GlobalSlot(name: name)
        slots[name] = s
        order.append(name)
        return s
    }

    public subscript(name: String) -> Value? {
        get { slots[name]?.value }
        set { slot(name).value = newValue }
    }

    /// Bound names in definition order.
    public func items() -> [(String, Value)] {
        order.compactMap { name in slots[name]?.value.map { (name, $0) } }
    }
}

/// One global variable's storage (raw memory: reads on the hot path skip exclusivity checks).
final class GlobalSlot {
    let name: String
    private let storage: UnsafeMutablePointer<Value?>

    var value: Value? {
        @inline(__always) get { storage.pointee }
        @inline(__always) set { storage.pointee = newValue }
    }

    init(name: String) {
        self.name = name
        storage = UnsafeMutablePointer<Value?>.allocate(capacity: 1)
        storage.initialize(to: nil)
    }

    deinit {
        storage.deinitialize(count: 1)
        storage.deallocate()
    }
}
