// functools.total_ordering, cmp_to_key and cached_property.

/// A `cmp_to_key` key: compares by calling the user's cmp function.
final class ComparisonKey: PyObject {
    let cls: PyClass
    let object: Value
    let comparison: Value

    init(cls: PyClass, object: Value, comparison: Value) {
        self.cls = cls
        self.object = object
        self.comparison = comparison
    }

    override var pyClass: PyClass { cls }

    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard case .object(let o) = other, let k = o as? ComparisonKey else {
            throw PyException.typeError("other argument must be K instance")
        }
        let r = try callValue(comparison, Arguments([object, k.object]))
        return try compareValues(r, op, .int(0))
    }

    override func hashValue() throws -> Int? { nil }

    override func getAttribute(_ name: String) throws -> Value? { name == "obj" ? object : nil }
}

extension FunctoolsModule {
    static func addOrdering(_ m: NativeModule) {
        let keyClass = PyClass(name: "KeyWrapper", bases: [BuiltinTypes.object], moduleName: "functools")
        m.addFunction("cmp_to_key", signature: "mycmp") { args in
            let comparison = args["mycmp"]
            return .object(PyBuiltinFunction(name: "K") { inner in
                guard inner.positional.count == 1 else { throw PyException.typeError("K() missing required argument 'obj' (pos 1)") }
                return .object(ComparisonKey(cls: keyClass, object: inner[0], comparison: comparison))
            })
        }
        m.addFunction("total_ordering", signature: "cls") { args in
            guard case .object(let o) = args["cls"], let cls = o as? PyClass else { return args["cls"] }
            try totalOrdering(cls)
            return args["cls"]
        }
        m.addFunction("cached_property", signature: "func") { args in
            let function = args["func"]
            let name = try str(try getAttribute(function, "__name__"))
            let getter = PyBuiltinFunction(name: name) { inner in
                let instance = inner[0]
                guard case .object(let o) = instance, let object = o as? PyInstance else {
                    return try callValue(function, Arguments([instance]))
                }
                if let cached = object.attributes[name] { return cached }
                let value = try callValue(function, Arguments([instance]))
                object.attributes[name] = value
                return value
            }
            let setter = PyBuiltinFunction(name: name) { inner in
                if case .object(let o) = inner[0], let object = o as? PyInstance { object.attributes[name] = inner[1] }
                return .none
            }
            // `del obj.name` forgets the cached value, so the next read computes it again.
            let deleter = PyBuiltinFunction(name: name) { inner in
                if case .object(let o) = inner[0], let object = o as? PyInstance, object.attributes.removeValue(forKey: name) != nil {
                    return .none
                }
                throw PyException.attributeError(name)
            }
            return .object(PyProperty(getter: .object(getter), setter: .object(setter), deleter: .object(deleter)))
        }
    }

    /// Fills in the missing rich comparisons from the one the class defines (`__lt__` preferred).
    static func totalOrdering(_ cls: PyClass) throws {
        let names = ["__lt__", "__le__", "__gt__", "__ge__"]
        let roots = names.filter { cls.lookup($0) != nil }
        guard let root = roots.first else {
            throw PyException.valueError("must define at least one ordering operation: < > <= >=")
        }
        // Each derived operation: (name, negate the root's result, combine with equality: "or ==" / "and !=").
        enum Combine { case none, orEqual, andNotEqual }
        let table: [String: [(String, Bool, Combine)]] = [
            "__lt__": [("__gt__", true, .andNotEqual), ("__le__", false, .orEqual), ("__ge__", true, .none)],
            "__le__": [("__ge__", true, .orEqual), ("__lt__", false, .andNotEqual), ("__gt__", true, .none)],
            "__gt__": [("__lt__", true, .andNotEqual), ("__ge__", false, .orEqual), ("__le__", true, .none)],
            "__ge__": [("__le__", true, .orEqual), ("__gt__", false, .andNotEqual), ("__lt__", true, .none)],
        ]
        for (name, negate, combine) in table[root] ?? [] where !roots.contains(name) {
            cls.dict[name] = .object(PyBuiltinFunction(name: name) { args in
                let this = args[0], other = args[1]
                guard let method = this.pyClass.lookup(root) else { return .object(NotImplementedObject.shared) }
                let result = try callValue(method, Arguments([this, other]))
                if case .object(let r) = result, r === NotImplementedObject.shared { return result }
                var truth = try isTruthy(result)
                if negate { truth = !truth }
                switch combine {
                case .none: return .bool(truth)
                case .orEqual: return truth ? (negate ? .true : result) : .bool(try equals(this, other))
                case .andNotEqual: return truth ? .bool(!(try equals(this, other))) : (negate ? .false : result)
                }
            })
        }
        cls.invalidateCaches()
    }
}
