// The dict subclasses of `collections` (Counter, defaultdict, OrderedDict): real `PyDict`s
// (so `isinstance(c, dict)` holds and dict's methods apply) carrying their class, which may
// be a user subclass with its own methods and instance attributes.

class DictSubclassObject: PyDict {
    let cls: PyClass
    var attributes: [String: Value] = [:]

    init(cls: PyClass) {
        self.cls = cls
        super.init()
    }

    override var pyClass: PyClass { cls }

    /// A method a user subclass defines in Python (overriding the native behaviour), if any.
    final func userMethod(_ name: String) -> Value? {
        if case .object(let f)? = cls.lookup(name), f is PyFunction { return .object(f) }
        return nil
    }

    override func getAttribute(_ name: String) throws -> Value? {
        if let v = attributes[name] { return v }
        if name == "__dict__" {
            let d = PyDict()
            for (k, v) in attributes { d.storage.set(.str(k), v) }
            return .object(d)
        }
        return nil
    }

    override func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        attributes[name] = value
        return true
    }

    override func deleteAttribute(_ name: String) throws -> Bool {
        attributes.removeValue(forKey: name) != nil
    }

    override func repr() throws -> String {
        if let f = userMethod("__repr__") {
            let result = try callValue(f, .object(self))
            guard case .str(let s) = result else { throw PyException.typeError("__repr__ returned non-string (type \(result.typeName))") }
            return s
        }
        return try ReprGuard.guarded(self, placeholder: "...") { try nativeRepr() }
    }

    /// The class's own repr (`Counter({...})`).
    func nativeRepr() throws -> String { try entriesRepr() }

    /// The value for a missing key (`__missing__`); the default raises KeyError.
    func missing(_ key: Value) throws -> Value { throw PyException.keyError(key) }

    override func getItem(_ key: Value) throws -> Value? {
        if let v = try storage.get(key) { return v }
        if let f = userMethod("__missing__") { return try callValue(f, .object(self), key) }
        return try missing(key)
    }

    /// The class name for reprs (`type(self).__name__`).
    var className: String { cls.name }
}

extension CollectionsModule {
    /// Declares a dict subclass: `__new__` allocates (so Python subclasses defining `__init__`
    /// still get a dict), `__init__` fills it.
    static func dictSubclass(_ name: String, make: @escaping (PyClass) -> DictSubclassObject,
                             initialize: @escaping (DictSubclassObject, Arguments) throws -> Void) -> NativeClass {
        let native = NativeClass(name: name, module: "collections", base: BuiltinTypes.dict)
        let cls = native.pyClass
        cls.dict["__new__"] = .object(PyStaticMethod(.object(PyBuiltinFunction(name: "__new__") { args in
            guard case .object(let o)? = args.positional.first, let c = o as? PyClass, c.isSubclass(of: cls) else {
                throw PyException.typeError("\(name).__new__(X): X is not a subtype of \(name)")
            }
            return .object(make(c))
        })))
        native.addRawMethod("__init__") { args in
            guard case .object(let o)? = args.positional.first, let d = o as? DictSubclassObject else {
                throw PyException.typeError("descriptor '__init__' requires a '\(name)' object")
            }
            try initialize(d, Arguments(Array(args.positional.dropFirst()), args.keywords))
            return .none
        }
        cls.dict["fromkeys"] = .object(PyClassMethod(.object(PyBuiltinFunction(name: "fromkeys") { args in
            guard case .object(let o)? = args.positional.first, let c = o as? PyClass, args.positional.count >= 2 else {
                throw PyException.typeError("fromkeys expected at least 1 argument, got 0")
            }
            let d = try callValue(.object(c), Arguments())
            let value = args.positional.count > 2 ? args[2] : .none
            try forEach(args[1]) { try setItem(d, $0, value) }
            return d
        })))
        return native
    }

    static func receiver<T: DictSubclassObject>(_ args: Arguments, _ type: T.Type, _ className: String, _ method: String) throws -> T {
        guard case .object(let o)? = args.positional.first, let d = o as? T else {
            throw PyException.typeError("descriptor '\(method)' for '\(className)' objects doesn't apply to a '\(args.positional.first?.typeName ?? "NoneType")' object")
        }
        return d
    }
}
