// Python's `copy` module: copy and deepcopy (memo keyed by id) for lists, dicts, sets,
// tuples, collections' types and user objects (`__copy__`/`__deepcopy__` hooks, else their
// `__dict__`). Native types (tensors, modules) plug in through `CopyModule.register`.

public enum CopyModule {
    /// Copies a native object: `deep` tells copy from deepcopy; `memo` is deepcopy's memo dict
    /// (pass it on to nested `deepcopy` calls). Return nil when the object is not yours.
    public typealias Copier = (_ object: PyObject, _ deep: Bool, _ memo: PyDict) throws -> Value?

    nonisolated(unsafe) private static var copiers: [Copier] = []

    /// Registers a copier for native objects (called by the bindings once at start-up).
    public static func register(copier: @escaping Copier) {
        copiers.append(copier)
    }

    static func isAtomic(_ v: Value) -> Bool {
        guard case .object(let o) = v else { return true }
        if type(of: o) == PyTuple.self { return (o as? PyTuple)?.items.isEmpty ?? false }
        return o is PyBytes || o is PyRange || o is PyClass || o is PyModule || o is PyFunction || o is PyBuiltinFunction
            || o is PyBoundMethod || (o as? PySet)?.frozen == true || o === NotImplementedObject.shared || o === EllipsisObject.shared
            || o is PyProperty
    }

    static func identity(_ o: PyObject) -> Value { .int(ObjectIdentifier(o).hashValue) }

    /// `copy.copy(x)`.
    public static func copy(_ x: Value) throws -> Value {
        if isAtomic(x) { return x }
        guard case .object(let o) = x else { return x }
        if let hook = try hook(o, "__copy__") { return try callValue(hook, Arguments()) }
        if type(of: o) == PyTuple.self { return x }
        if let l = o as? PyList { return .list(l.items) }
        if let s = o as? PySet {
            let copy = PySet(frozen: s.frozen)
            for e in s.elements { try copy.add(e) }
            return .object(copy)
        }
        if o is DictSubclassObject || o is DequeObject { return try callValue(try getAttribute(x, "copy"), Arguments()) }
        if let d = o as? PyDict {
            let copy = PyDict()
            copy.storage = d.storage
            return .object(copy)
        }
        if o is NamedTupleObject { return x }
        for copier in copiers { if let v = try copier(o, false, PyDict()) { return v } }
        if let instance = o as? PyInstance, !(o is PyException) {
            let y = instance.cls.effectiveFactory?(instance.cls) ?? PyInstance(cls: instance.cls)
            for (k, v) in instance.attributes { y.attributes[k] = v }
            return .object(y)
        }
        throw PyException.typeError("cannot pickle '\(o.pyClass.name)' object")
    }

    /// A `__copy__`/`__deepcopy__` method the object's class defines, bound to it.
    static func hook(_ o: PyObject, _ name: String) throws -> Value? {
        guard o.pyClass.lookup(name) != nil else { return nil }
        return try lookupAttribute(.object(o), name)
    }

    /// `copy.deepcopy(x, memo)`.
    public static func deepcopy(_ x: Value, memo: PyDict) throws -> Value {
        if isAtomic(x) { return x }
        guard case .object(let o) = x else { return x }
        let id = identity(o)
        if let done = try memo.get(id) { return done }
        if let hook = try hook(o, "__deepcopy__") {
            let y = try callValue(hook, Arguments([.object(memo)]))
            try memo.set(id, y)
            return y
        }
        if let t = o as? PyTuple {
            let items = try t.items.map { try deepcopy($0, memo: memo) }
            if let done = try memo.get(id) { return done }
            if zip(items, t.items).allSatisfy({ $0.isIdentical(to: $1) }) { return x }
            if let n = t as? NamedTupleObject { return .object(NamedTupleObject(cls: n.cls, info: n.info, items: items)) }
            return .tuple(items)
        }
        if let l = o as? PyList {
            let y = PyList([])
            try memo.set(id, .object(y))
            for item in l.items { y.items.append(try deepcopy(item, memo: memo)) }
            return .object(y)
        }
        if let d = o as? PyDict {
            let y: PyDict
            if let sub = d as? DictSubclassObject, case .object(let c) = try callValue(try getAttribute(x, "copy"), Arguments()), let copy = c as? PyDict {
                copy.storage.removeAll()
                for (k, v) in sub.attributes { (copy as? DictSubclassObject)?.attributes[k] = try deepcopy(v, memo: memo) }
                y = copy
            } else {
                y = PyDict()
            }
            try memo.set(id, .object(y))
            for (k, v) in d.entries { try y.set(try deepcopy(k, memo: memo), try deepcopy(v, memo: memo)) }
            return .object(y)
        }
        if let s = o as? PySet {
            let y = PySet(frozen: s.frozen)
            try memo.set(id, .object(y))
            for e in s.elements { try y.add(try deepcopy(e, memo: memo)) }
            return .object(y)
        }
        if let q = o as? DequeObject {
            let y = DequeObject(cls: q.cls, maxlen: q.maxlen)
            try memo.set(id, .object(y))
            for e in q.items { y.append(try deepcopy(e, memo: memo)) }
            return .object(y)
        }
        for copier in copiers {
            if let v = try copier(o, true, memo) {
                try memo.set(id, v)
                return v
            }
        }
        if let instance = o as? PyInstance, !(o is PyException) {
            let y = instance.cls.effectiveFactory?(instance.cls) ?? PyInstance(cls: instance.cls)
            try memo.set(id, .object(y))
            for (k, v) in instance.attributes { y.attributes[k] = try deepcopy(v, memo: memo) }
            return .object(y)
        }
        throw PyException.typeError("cannot pickle '\(o.pyClass.name)' object")
    }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "copy")
        m.addFunction("copy", signature: "x") { args in try copy(args["x"]) }
        m.addFunction("deepcopy", signature: "x, memo=None, _nil=[]") { args in
            let memo: PyDict
            if case .object(let o) = args["memo"], let d = o as? PyDict { memo = d } else { memo = PyDict() }
            return try deepcopy(args["x"], memo: memo)
        }
        let error = PyClass(name: "Error", bases: [BuiltinTypes.exceptionType], moduleName: "copy")
        m.add("Error", .object(error))
        m.add("error", .object(error))
        return m.module
    }
}
