// Python's `functools` module: partial, reduce, lru_cache/cache, wraps/update_wrapper,
// total_ordering, cmp_to_key and cached_property, with CPython 3.11's reprs and messages.

/// `functools.partial(func, *args, **keywords)`.
final class PartialObject: PyObject {
    let cls: PyClass
    let function: Value
    let arguments: [Value]
    let keywords: [(String, Value)]

    init(cls: PyClass, function: Value, arguments: [Value], keywords: [(String, Value)]) {
        self.cls = cls
        self.function = function
        self.arguments = arguments
        self.keywords = keywords
    }

    override var pyClass: PyClass { cls }
    override var isCallable: Bool { true }

    override func call(_ args: Arguments) throws -> Value? {
        var merged = keywords
        for (k, v) in args.keywords {
            if let i = merged.firstIndex(where: { $0.0 == k }) { merged[i].1 = v } else { merged.append((k, v)) }
        }
        return try callValue(function, Arguments(arguments + args.positional, merged))
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "func": return function
        case "args": return .tuple(arguments)
        case "keywords":
            let d = PyDict()
            for (k, v) in keywords { try d.set(.str(k), v) }
            return .object(d)
        default: return nil
        }
    }

    override func repr() throws -> String {
        var parts = [try Python.repr(function)]
        for a in arguments { parts.append(try Python.repr(a)) }
        for (k, v) in keywords { parts.append("\(k)=\(try Python.repr(v))") }
        return "functools.partial(\(parts.joined(separator: ", ")))"
    }
}

enum FunctoolsModule {
    static let wrapperAssignments = ["__module__", "__name__", "__qualname__", "__doc__"]

    /// `update_wrapper(wrapper, wrapped)`: copies the names and sets `__wrapped__`.
    static func updateWrapper(_ wrapper: Value, _ wrapped: Value) throws -> Value {
        for name in wrapperAssignments {
            if let v = try lookupAttribute(wrapped, name) { try setAttribute(wrapper, name, v) }
        }
        if case .object(let o) = wrapped, let f = o as? PyFunction {
            for (k, v) in f.attributes where !wrapperAssignments.contains(k) { try setAttribute(wrapper, k, v) }
        }
        try setAttribute(wrapper, "__wrapped__", wrapped)
        return wrapper
    }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "functools")
        let partialClass = NativeClass(name: "partial", module: "functools").pyClass
        partialClass.constructor = { c, args in
            guard let first = args.positional.first else { throw PyException.typeError("type 'partial' takes at least one argument") }
            guard case .object(let o) = first, o.isCallable else { throw PyException.typeError("the first argument must be callable") }
            if let inner = o as? PartialObject {
                var keywords = inner.keywords
                for (k, v) in args.keywords {
                    if let i = keywords.firstIndex(where: { $0.0 == k }) { keywords[i].1 = v } else { keywords.append((k, v)) }
                }
                return .object(PartialObject(cls: c, function: inner.function, arguments: inner.arguments + args.positional.dropFirst(), keywords: keywords))
            }
            return .object(PartialObject(cls: c, function: first, arguments: Array(args.positional.dropFirst()), keywords: args.keywords))
        }
        m.add("partial", .object(partialClass))
        m.addFunction("reduce") { args in
            guard args.positional.count == 2 || args.positional.count == 3 else {
                throw PyException.typeError(args.positional.count < 2 ? "reduce expected at least 2 arguments, got \(args.positional.count)"
                                                                     : "reduce expected at most 3 arguments, got \(args.positional.count)")
            }
            try args.expectNoKeywords("reduce")
            let function = args[0]
            var accumulator: Value? = args.positional.count == 3 ? args[2] : nil
            try forEach(args[1]) { v in
                accumulator = try accumulator.map { try callValue(function, Arguments([$0, v])) } ?? v
            }
            guard let result = accumulator else { throw PyException.typeError("reduce() of empty iterable with no initial value") }
            return result
        }
        m.addFunction("update_wrapper", signature: "wrapper, wrapped, assigned=None, updated=None") { args in
            try updateWrapper(args["wrapper"], args["wrapped"])
        }
        m.addFunction("wraps", signature: "wrapped, assigned=None, updated=None") { args in
            let wrapped = args["wrapped"]
            return .object(PyBuiltinFunction(name: "update_wrapper") { inner in
                guard inner.positional.count == 1 else { throw PyException.typeError("update_wrapper() missing 1 required positional argument: 'wrapper'") }
                return try updateWrapper(inner[0], wrapped)
            })
        }
        addCaches(m)
        addOrdering(m)
        return m.module
    }
}
