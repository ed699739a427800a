// Python's `collections` module: Counter, defaultdict, OrderedDict (dict subclasses), deque
// and namedtuple. The classes live in collections+*.swift.

enum CollectionsModule {
    static let dequeIteratorClass = ItertoolsModule.iteratorClass("_deque_iterator", module: "_collections")

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "collections")
        m.addClass(makeCounter())
        m.addClass(makeDefaultDict())
        m.addClass(makeOrderedDict())
        m.addClass(makeDeque())
        m.addFunction("namedtuple", signature: "typename, field_names, *, rename=False, defaults=None, module=None") { args in
            try namedtuple(args)
        }
        return m.module
    }

    static func makeDeque() -> NativeClass {
        let native = NativeClass(name: "deque", module: "collections")
        let cls = native.pyClass
        let sig = Signature(name: "deque", "iterable=(), maxlen=None")
        cls.constructor = { c, args in
            let bound = try sig.bind(args)
            var maxlen: Int?
            if !bound.isNone("maxlen") {
                guard let m = try indexValue(bound["maxlen"]) else { throw PyException.typeError("an integer is required") }
                if m < 0 { throw PyException.valueError("maxlen must be non-negative") }
                maxlen = m
            }
            let d = DequeObject(cls: c, maxlen: maxlen)
            try forEach(bound["iterable"]) { d.append($0) }
            return .object(d)
        }
        func this(_ args: Arguments, _ name: String) throws -> DequeObject {
            guard case .object(let o)? = args.positional.first, let d = o as? DequeObject else {
                throw PyException.typeError("descriptor '\(name)' for 'collections.deque' objects doesn't apply to a '\(args.positional.first?.typeName ?? "NoneType")' object")
            }
            return d
        }
        func one(_ args: Arguments, _ name: String) throws -> (DequeObject, Value) {
            let d = try this(args, name)
            guard args.positional.count == 2 else {
                throw PyException.typeError("deque.\(name)() takes exactly one argument (\(args.positional.count - 1) given)")
            }
            return (d, args[1])
        }
        native.addRawMethod("append") { args in let (d, v) = try one(args, "append"); d.append(v); return .none }
        native.addRawMethod("appendleft") { args in let (d, v) = try one(args, "appendleft"); d.appendLeft(v); return .none }
        native.addRawMethod("extend") { args in
            let (d, v) = try one(args, "extend")
            for item in try iterateToArray(v) { d.append(item) }
            return .none
        }
        native.addRawMethod("extendleft") { args in
            let (d, v) = try one(args, "extendleft")
            for item in try iterateToArray(v) { d.appendLeft(item) }
            return .none
        }
        native.addRawMethod("pop") { args in
            guard let v = try this(args, "pop").pop() else { throw PyException.indexError("pop from an empty deque") }
            return v
        }
        native.addRawMethod("popleft") { args in
            guard let v = try this(args, "popleft").popLeft() else { throw PyException.indexError("pop from an empty deque") }
            return v
        }
        native.addRawMethod("clear") { args in try this(args, "clear").clear(); return .none }
        native.addRawMethod("rotate") { args in
            let d = try this(args, "rotate")
            d.rotate(args.count > 1 ? try args[1].asInt("n") : 1)
            return .none
        }
        native.addRawMethod("count") { args in
            let (d, v) = try one(args, "count")
            return .int(try d.items.filter { try $0.isIdentical(to: v) || equals($0, v) }.count)
        }
        native.addRawMethod("index") { args in
            let d = try this(args, "index")
            let items = d.items
            let start = args.count > 2 ? try args[2].asInt() : 0, stop = args.count > 3 ? try args[3].asInt() : items.count
            let lo = max(0, start < 0 ? start + items.count : start), hi = min(items.count, stop < 0 ? stop + items.count : stop)
            if lo < hi { for i in lo..<hi where try items[i].isIdentical(to: args[1]) || equals(items[i], args[1]) { return .int(i) } }
            throw PyException.valueError("\(try Python.repr(args[1])) is not in deque")
        }
        native.addRawMethod("remove") { args in
            let (d, v) = try one(args, "remove")
            var items = d.items
            guard let i = try items.firstIndex(where: { try $0.isIdentical(to: v) || equals($0, v) }) else {
                throw PyException.valueError("\(try Python.repr(v)) is not in deque")
            }
            items.remove(at: i)
            d.replaceAll(items)
            return .none
        }
        native.addRawMethod("insert") { args in
            let d = try this(args, "insert")
            if let m = d.maxlen, d.count >= m { throw PyException.indexError("deque already at its maximum size") }
            var items = d.items
            let i = try args[1].asInt()
            let j = i < 0 ? max(0, i + items.count) : min(i, items.count)
            items.insert(args[2], at: j)
            d.replaceAll(items)
            return .none
        }
        native.addRawMethod("reverse") { args in
            let d = try this(args, "reverse")
            d.replaceAll(d.items.reversed())
            return .none
        }
        native.addRawMethod("copy") { args in
            let d = try this(args, "copy")
            let copy = DequeObject(cls: d.cls, maxlen: d.maxlen)
            for v in d.items { copy.append(v) }
            return .object(copy)
        }
        native.addRawMethod("__len__") { args in .int(try this(args, "__len__").count) }
        native.addProperty("maxlen", get: { this in
            guard case .object(let o) = this, let d = o as? DequeObject else { return .none }
            return d.maxlen.map { .int($0) } ?? .none
        }, set: { _, _ in
            throw PyException.attributeError("attribute 'maxlen' of 'collections.deque' objects is not writable")
        })
        return native
    }
}
