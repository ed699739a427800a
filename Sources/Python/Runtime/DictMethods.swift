// dict and set methods: get/keys/values/items/pop/setdefault/update, add/discard/union...

enum DictMethods {
    static func selfDict(_ args: Arguments, _ name: String) throws -> PyDict {
        guard case .object(let o)? = args.positional.first, let d = o as? PyDict else {
            throw PyException.typeError("descriptor '\(name)' for 'dict' objects doesn't apply to a '\(args.positional.first?.typeName ?? "NoneType")' object")
        }
        return d
    }

    /// `dict.update(other, **kwargs)` / `dict(other, **kwargs)`.
    static func update(_ d: PyDict, _ source: Value?, _ keywords: [(String, Value)]) throws {
        if let source = source {
            if case .object(let o) = source, let other = o as? PyDict {
                for (k, v) in other.entries { try d.set(k, v) }
            } else if case .object(let o) = source, !(o is PyList), !(o is PyTuple), o is PyInstance,
                      let km = try lookupAttribute(source, "keys") {
                for k in try iterateToArray(try callValue(km, Arguments())) { try d.set(k, try getItem(source, k)) }
            } else {
                var index = 0
                try forEach(source) { item in
                    let pair: [Value]
                    do { pair = try iterateToArray(item) } catch let e as PyException where e.cls === BuiltinTypes.typeError {
                        throw PyException.typeError("cannot convert dictionary update sequence element #\(index) to a sequence")
                    }
                    guard pair.count == 2 else {
                        throw PyException.valueError("dictionary update sequence element #\(index) has length \(pair.count); 2 is required")
                    }
                    try d.set(pair[0], pair[1])
                    index += 1
                }
            }
        }
        for (k, v) in keywords { try d.set(.str(k), v) }
    }

    static func installDict(_ c: PyClass) {
        c.constructor = { _, args in
            try args.expectCount("dict", 0...1)
            let d = PyDict()
            try update(d, args.positional.first, args.keywords)
            return .object(d)
        }
        c.method("get") { args in
            let d = try selfDict(args, "get")
            guard args.count >= 2 else { throw PyException.typeError("get expected at least 1 argument, got 0") }
            return try d.get(args[1]) ?? (args.count > 2 ? args[2] : .none)
        }
        c.method("keys") { args in .object(PyDictView(try selfDict(args, "keys"), .keys)) }
        c.method("values") { args in .object(PyDictView(try selfDict(args, "values"), .values)) }
        c.method("items") { args in .object(PyDictView(try selfDict(args, "items"), .items)) }
        c.method("pop") { args in
            let d = try selfDict(args, "pop")
            guard args.count >= 2 else { throw PyException.typeError("pop expected at least 1 argument, got 0") }
            if let v = try d.storage.remove(args[1]) {
                d.mirrorRemove(args[1])
                return v
            }
            if args.count > 2 { return args[2] }
            throw PyException.keyError(args[1])
        }
        c.method("popitem") { args in
            let d = try selfDict(args, "popitem")
            guard let (k, v) = d.storage.popLast() else { throw PyException.keyError(.str("popitem(): dictionary is empty")) }
            d.mirrorRemove(k)
            return .tuple([k, v])
        }
        c.method("setdefault") { args in
            let d = try selfDict(args, "setdefault")
            defer { d.mirrorBack() }
            guard args.count >= 2 else { throw PyException.typeError("setdefault expected at least 1 argument, got 0") }
            if let v = try d.get(args[1]) { return v }
            let v = args.count > 2 ? args[2] : .none
            try d.set(args[1], v)
            return v
        }
        c.method("update") { args in
            let d = try selfDict(args, "update")
            defer { d.mirrorBack() }
            try update(d, args.count > 1 ? args[1] : nil, args.keywords)
            return .none
        }
        c.method("clear") { args in
            let d = try selfDict(args, "clear")
            for k in d.storage.orderedKeys { d.mirrorRemove(k) }
            d.storage.removeAll()
            return .none
        }
        c.method("copy") { args in
            let d = try selfDict(args, "copy")
            let copy = PyDict()
            copy.storage = d.storage
            return .object(copy)
        }
        c.dict["fromkeys"] = .object(PyClassMethod(.object(PyBuiltinFunction(name: "fromkeys") { args in
            let d = PyDict()
            let value = args.count > 2 ? args[2] : .none
            try forEach(args.positional.count > 1 ? args[1] : .tuple([])) { try d.set($0, value) }
            return .object(d)
        })))
        c.method("__getitem__") { args in try getItem(args[0], args[1]) }
        c.method("__setitem__") { args in
            try setItem(args[0], args[1], args[2])
            return .none
        }
        c.method("__contains__") { args in .bool(try contains(args[0], args[1])) }
        c.method("__len__") { args in .int(try length(args[0])) }
    }

    static func selfSet(_ args: Arguments, _ name: String) throws -> PySet {
        guard case .object(let o)? = args.positional.first, let s = o as? PySet else {
            throw PyException.typeError("descriptor '\(name)' for 'set' objects doesn't apply to a '\(args.positional.first?.typeName ?? "NoneType")' object")
        }
        return s
    }

    static func toSet(_ v: Value) throws -> PySet {
        if case .object(let o) = v, let s = o as? PySet { return s }
        let s = PySet()
        try forEach(v) { try s.add($0) }
        return s
    }

    static func installSet(_ c: PyClass, frozen: Bool) {
        c.constructor = { _, args in
            try args.expectNoKeywords(frozen ? "frozenset" : "set")
            try args.expectCount(frozen ? "frozenset" : "set", 0...1)
            let s = PySet(frozen: frozen)
            if let v = args.positional.first { try forEach(v) { try s.add($0) } }
            return .object(s)
        }
        for (name, op) in [("union", BinaryOperator.bitOr), ("intersection", .bitAnd), ("difference", .subtract),
                           ("symmetric_difference", .bitXor)] {
            c.method(name) { args in
                var result = try selfSet(args, name)
                for other in args.positional.dropFirst() { result = try result.combined(try toSet(other), op) }
                if args.count == 1 {
                    let copy = PySet(frozen: result.frozen)
                    copy.storage = result.storage
                    return .object(copy)
                }
                return .object(result)
            }
        }
        c.method("issubset") { args in .bool(try selfSet(args, "issubset").isSubset(of: try toSet(args[1]))) }
        c.method("issuperset") { args in .bool(try toSet(args[1]).isSubset(of: try selfSet(args, "issuperset"))) }
        c.method("isdisjoint") { args in
            .bool(try selfSet(args, "isdisjoint").combined(try toSet(args[1]), .bitAnd).storage.count == 0)
        }
        c.method("copy") { args in
            let s = try selfSet(args, "copy")
            let copy = PySet(frozen: s.frozen)
            copy.storage = s.storage
            return .object(copy)
        }
        c.method("__contains__") { args in .bool(try contains(args[0], args[1])) }
        c.method("__len__") { args in .int(try length(args[0])) }
        if frozen { return }
        c.method("add") { args in
            try selfSet(args, "add").add(args[1])
            return .none
        }
        c.method("discard") { args in
            _ = try selfSet(args, "discard").storage.remove(args[1])
            return .none
        }
        c.method("remove") { args in
            if try selfSet(args, "remove").storage.remove(args[1]) == nil { throw PyException.keyError(args[1]) }
            return .none
        }
        c.method("pop") { args in
            let s = try selfSet(args, "pop")
            guard let first = s.storage.orderedKeys.first else { throw PyException.keyError(.str("pop from an empty set")) }
            _ = try s.storage.remove(first)
            return first
        }
        c.method("clear") { args in
            try selfSet(args, "clear").storage.removeAll()
            return .none
        }
        c.method("update") { args in
            let s = try selfSet(args, "update")
            for other in args.positional.dropFirst() { try forEach(other) { try s.add($0) } }
            return .none
        }
        for (name, op) in [("intersection_update", BinaryOperator.bitAnd), ("difference_update", .subtract),
                           ("symmetric_difference_update", .bitXor)] {
            c.method(name) { args in
                let s = try selfSet(args, name)
                for other in args.positional.dropFirst() { s.storage = try s.combined(try toSet(other), op).storage }
                return .none
            }
        }
    }
}
