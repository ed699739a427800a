// `collections.OrderedDict`: a dict with move_to_end, popitem(last=) and order-sensitive
// equality between OrderedDicts, printed as `OrderedDict([('a', 1)])`.

final class OrderedDictObject: DictSubclassObject {
    override func nativeRepr() throws -> String {
        if storage.count == 0 { return "\(className)()" }
        let pairs = storage.entries.map { Value.tuple([$0.0, $0.1]) }
        return "\(className)(\(try Python.repr(.list(pairs))))"
    }

    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual, case .object(let o) = other, let d = o as? OrderedDictObject else {
            return try super.compare(op, other)
        }
        let a = storage.entries, b = d.storage.entries
        var same = a.count == b.count
        if same {
            for (x, y) in zip(a, b) where try !equals(x.0, y.0) || !equals(x.1, y.1) {
                same = false
                break
            }
        }
        return .bool(op == .equal ? same : !same)
    }

    func moveToEnd(_ key: Value, last: Bool) throws {
        guard let value = try storage.remove(key) else { throw PyException.keyError(key) }
        if last {
            try storage.setChecked(key, value)
            return
        }
        var rebuilt = DictStorage()
        try rebuilt.setChecked(key, value)
        for (k, v) in storage.entries { try rebuilt.setChecked(k, v) }
        storage = rebuilt
    }
}

extension CollectionsModule {
    static func makeOrderedDict() -> NativeClass {
        let native = dictSubclass("OrderedDict", make: { OrderedDictObject(cls: $0) }) { d, args in
            if args.positional.count > 1 { throw PyException.typeError("OrderedDict expected at most 1 argument, got \(args.positional.count)") }
            try DictMethods.update(d, args.positional.first, args.keywords)
        }
        native.addMethod("move_to_end", signature: "key, last=True") { this, args in
            guard case .object(let o) = this, let d = o as? OrderedDictObject else { return .none }
            try d.moveToEnd(args["key"], last: try args.bool("last"))
            return .none
        }
        native.addMethod("popitem", signature: "last=True") { this, args in
            guard case .object(let o) = this, let d = o as? OrderedDictObject else { return .none }
            if d.storage.count == 0 { throw PyException.keyError(.str("dictionary is empty")) }
            let entries = d.storage.entries
            guard let (k, v) = try args.bool("last") ? entries.last : entries.first else { return .none }
            _ = try d.storage.remove(k)
            return .tuple([k, v])
        }
        native.addRawMethod("copy") { args in
            let d = try receiver(args, OrderedDictObject.self, "OrderedDict", "copy")
            let copy = OrderedDictObject(cls: d.cls)
            copy.storage = d.storage
            return .object(copy)
        }
        return native
    }
}
