// `collections.Counter`: a dict of counts with CPython 3.11's semantics — missing keys count
// 0, most_common's stable tie order, multiset arithmetic dropping non-positive counts.

final class CounterObject: DictSubclassObject {
    override func missing(_ key: Value) throws -> Value { .int(0) }

    override func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard case .object(let o) = other, let c = o as? CounterObject else { return nil }
        let (a, b) = reflected ? (c, self) : (self, c)
        return try a.combined(op, b).map { .object($0) }
    }

    override func inPlaceOperation(_ op: BinaryOperator, _ other: Value) throws -> Value? {
        guard case .object(let o) = other, let c = o as? CounterObject else { return nil }
        return try combineInPlace(op, c) ? .object(self) : nil
    }

    override func unaryOperation(_ op: UnaryOperator) throws -> Value? {
        guard op == .plus || op == .minus else { return nil }
        let result = fresh()
        for (k, v) in storage.entries {
            if op == .plus, try CollectionsModule.isPositive(v) { try result.storage.setChecked(k, v) }
            if op == .minus, try CollectionsModule.isNegative(v) { try result.storage.setChecked(k, try binaryOp(.subtract, .int(0), v)) }
        }
        return .object(result)
    }

    /// 3.10+ multiset comparisons: missing elements count as zero (`Counter(a=1, b=0) == Counter(a=1)`).
    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard case .object(let o) = other, let c = o as? CounterObject else {
            return op == .equal || op == .notEqual ? try super.compare(op, other) : nil
        }
        /// Whether `relation` holds between self[e] and other[e] for every element of either.
        func all(_ relation: CompareOperator) throws -> Bool {
            for (x, y, r) in [(self, c, relation), (c, self, reflected(relation))] {
                for (k, v) in x.storage.entries where try !isTruthy(try compareValues(v, r, try y.storage.get(k) ?? .int(0))) {
                    return false
                }
            }
            return true
        }
        switch op {
        case .equal: return .bool(try all(.equal))
        case .notEqual: return .bool(!(try all(.equal)))
        case .lessEqual: return .bool(try all(.lessEqual))
        case .greaterEqual: return .bool(try all(.greaterEqual))
        case .less: return .bool(try all(.lessEqual) && !(try all(.equal)))
        case .greater: return .bool(try all(.greaterEqual) && !(try all(.equal)))
        default: return nil
        }
    }

    override func deleteItem(_ key: Value) throws -> Bool {
        _ = try storage.remove(key)
        return true
    }

    /// The repr lists items by descending count (ties in insertion order).
    override func nativeRepr() throws -> String {
        if storage.count == 0 { return "\(className)()" }
        var items = storage.entries
        if (try? CounterObject.sortByCount(&items)) == nil { items = storage.entries }
        var out = "\(className)({"
        for (i, (k, v)) in items.enumerated() {
            if i > 0 { out += ", " }
            out += try Python.repr(k) + ": " + Python.repr(v)
        }
        return out + "})"
    }

    /// Stable sort by count, largest first (`sorted(items, key=itemgetter(1), reverse=True)`).
    static func sortByCount(_ items: inout [(Value, Value)]) throws {
        var values = items.map { Value.tuple([$0.0, $0.1]) }
        try stableSort(&values, keys: items.map { $0.1 }, reverse: true)
        items = values.map { v in
            let t = (v.asObject as? PyTuple)?.items ?? [.none, .none]
            return (t[0], t[1])
        }
    }

    /// `_count_elements`: one hash per element, ints incremented in place.
    func countElements(_ iterable: Value) throws {
        try forEach(iterable) { element in
            let key = try HashKey(element)
            if !storage.incrementInt(key) {
                storage.set(key, try binaryOp(.add, storage.get(key) ?? .int(0), .int(1)))
            }
        }
    }

    /// `update(iterable=None, /, **kwds)`; `sign` -1 makes it `subtract`.
    func update(_ source: Value?, _ keywords: [(String, Value)], subtract: Bool = false) throws {
        if let source = source, !source.isNone {
            if case .object(let o) = source, let other = o as? PyDict {
                let wasEmpty = storage.count == 0 && !subtract
                for (k, count) in other.entries {
                    if wasEmpty { try storage.setChecked(k, count); continue }
                    let current = try storage.get(k) ?? .int(0)
                    try storage.setChecked(k, subtract ? try binaryOp(.subtract, current, count) : try binaryOp(.add, count, current))
                }
            } else if subtract {
                try forEach(source) { k in
                    try storage.setChecked(k, try binaryOp(.subtract, try storage.get(k) ?? .int(0), .int(1)))
                }
            } else {
                try countElements(source)
            }
        }
        if !keywords.isEmpty {
            let d = PyDict()
            for (k, v) in keywords { try d.set(.str(k), v) }
            try update(.object(d), [], subtract: subtract)
        }
    }
}

extension CollectionsModule {
    static func isPositive(_ v: Value) throws -> Bool {
        if case .int(let i) = v { return i > 0 }
        return try isTruthy(compareValues(v, .greater, .int(0)))
    }

    static func isNegative(_ v: Value) throws -> Bool {
        if case .int(let i) = v { return i < 0 }
        return try isTruthy(compareValues(v, .less, .int(0)))
    }

    static func makeCounter() -> NativeClass {
        let native = dictSubclass("Counter", make: { CounterObject(cls: $0) }) { d, args in
            if args.positional.count > 1 {
                throw PyException.typeError("Counter.__init__() takes from 1 to 2 positional arguments but \(args.positional.count + 1) were given")
            }
            try (d as? CounterObject)?.update(args.positional.first, args.keywords)
        }
        let cls = native.pyClass
        func this(_ args: Arguments, _ name: String) throws -> CounterObject { try receiver(args, CounterObject.self, "Counter", name) }

        native.addRawMethod("update") { args in
            try this(args, "update").update(args.count > 1 ? args[1] : nil, args.keywords)
            return .none
        }
        native.addRawMethod("subtract") { args in
            try this(args, "subtract").update(args.count > 1 ? args[1] : nil, args.keywords, subtract: true)
            return .none
        }
        native.addMethod("most_common", signature: "n=None") { this, args in
            guard case .object(let o) = this, let c = o as? CounterObject else { return .none }
            var items = c.storage.entries
            try CounterObject.sortByCount(&items)
            if let n = try args.optionalInt("n") { items = Array(items.prefix(max(n, 0))) }
            return .list(items.map { .tuple([$0.0, $0.1]) })
        }
        native.addRawMethod("elements") { args in
            let c = try this(args, "elements")
            var out: [Value] = []
            for (k, v) in c.storage.entries {
                guard let n = try indexValue(v) else {
                    throw PyException.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
                }
                if n > 0 { for _ in 0..<n { out.append(k) } }
            }
            return .object(ArrayIterator(out))
        }
        native.addRawMethod("total") { args in
            var sum = Value.int(0)
            for v in try this(args, "total").storage.orderedValues { sum = try binaryOp(.add, sum, v) }
            return sum
        }
        native.addRawMethod("copy") { args in
            let c = try this(args, "copy")
            let copy = CounterObject(cls: c.cls)
            copy.storage = c.storage
            return .object(copy)
        }
        native.addRawMethod("__missing__") { _ in .int(0) }
        cls.dict["fromkeys"] = .object(PyClassMethod(.object(PyBuiltinFunction(name: "fromkeys") { _ in
            throw PyException.notImplemented("Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")
        })))
        return native
    }
}
