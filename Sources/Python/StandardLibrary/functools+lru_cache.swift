// functools.lru_cache / cache: a memoizing wrapper with least-recently-used eviction and
// `cache_info()` reporting CacheInfo(hits=..., misses=..., maxsize=..., currsize=...).

final class LRUCacheWrapper: PyObject {
    let cls: PyClass
    let function: Value
    let maxsize: Int?
    let cacheInfoClass: (cls: PyClass, info: NamedTupleInfo)
    private var cache = DictStorage()
    private var hits = 0, misses = 0
    var attributes: [String: Value] = [:]
    private static let keywordMark = PyObject()

    init(cls: PyClass, function: Value, maxsize: Int?, cacheInfoClass: (cls: PyClass, info: NamedTupleInfo)) {
        self.cls = cls
        self.function = function
        self.maxsize = maxsize
        self.cacheInfoClass = cacheInfoClass
    }

    override var pyClass: PyClass { cls }
    override var isCallable: Bool { true }
    override var bindsAsMethod: Bool { true }

    /// CPython's `_make_key`: a lone int/str argument is its own key, else a tuple.
    private func key(_ args: Arguments) -> Value {
        if args.keywords.isEmpty, args.positional.count == 1 {
            switch args.positional[0] {
            case .int, .str: return args.positional[0]
            default: break
            }
        }
        var items = args.positional
        if !args.keywords.isEmpty {
            items.append(.object(LRUCacheWrapper.keywordMark))
            for (k, v) in args.keywords { items += [.str(k), v] }
        }
        return .tuple(items)
    }

    override func call(_ args: Arguments) throws -> Value? {
        if maxsize == 0 {
            misses += 1
            return try callValue(function, args)
        }
        let k = try HashKey(key(args))
        if let v = cache.get(k) {
            hits += 1
            if maxsize != nil {
                _ = try cache.remove(k.value)
                cache.set(k, v)
            }
            return v
        }
        misses += 1
        let result = try callValue(function, args)
        if cache.get(k) == nil {
            cache.set(k, result)
            if let m = maxsize, cache.count > m, let oldest = firstKey() { _ = try cache.remove(oldest) }
        }
        return result
    }

    private func firstKey() -> Value? {
        for i in 0..<cache.rawCount { if let (k, _) = cache.entry(at: i) { return k } }
        return nil
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "cache_info":
            return .object(PyBuiltinFunction(name: "cache_info") { [unowned self] _ in
                let items: [Value] = [.int(hits), .int(misses), maxsize.map { .int($0) } ?? .none, .int(cache.count)]
                return .object(NamedTupleObject(cls: cacheInfoClass.cls, info: cacheInfoClass.info, items: items))
            })
        case "cache_clear":
            return .object(PyBuiltinFunction(name: "cache_clear") { [unowned self] _ in
                cache.removeAll()
                hits = 0
                misses = 0
                return .none
            })
        case "__wrapped__": return attributes[name] ?? function
        case "__dict__":
            let d = PyDict()
            for (k, v) in attributes { try d.set(.str(k), v) }
            return .object(d)
        default: return attributes[name]
        }
    }

    override func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        attributes[name] = value
        return true
    }
}

extension FunctoolsModule {
    static func addCaches(_ m: NativeModule) {
        let wrapperClass = PyClass(name: "_lru_cache_wrapper", bases: [BuiltinTypes.object], moduleName: "functools")
        guard let cacheInfo = try? CollectionsModule.namedTupleClass("CacheInfo", fields: ["hits", "misses", "maxsize", "currsize"], module: "functools") else { return }
        func wrap(_ f: Value, _ maxsize: Int?) throws -> Value {
            let w = LRUCacheWrapper(cls: wrapperClass, function: f, maxsize: maxsize, cacheInfoClass: cacheInfo)
            return try updateWrapper(.object(w), f)
        }
        m.addFunction("lru_cache", signature: "maxsize=128, typed=False") { args in
            let first = args["maxsize"]
            if case .object(let o) = first, o.isCallable { return try wrap(first, 128) }
            let maxsize: Int?
            if first.isNone { maxsize = nil } else if let i = try indexValue(first) { maxsize = max(i, 0) } else {
                throw PyException.typeError("Expected first argument to be an integer, a callable, or None")
            }
            return .object(PyBuiltinFunction(name: "decorating_function") { inner in try wrap(inner[0], maxsize) })
        }
        m.addFunction("cache", signature: "user_function") { args in try wrap(args["user_function"], nil) }
    }
}
