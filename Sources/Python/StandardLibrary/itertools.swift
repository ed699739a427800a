// Python's `itertools` module: lazy iterators that pull from their sources on demand, so they
// work on infinite iterators and generators. The combinatoric ones are in itertools+Combinatorics.swift.

/// An itertools iterator: its type, the step function and an optional repr (`count(5)`).
final class LazyIterator: PyIterator {
    let cls: PyClass
    let body: () throws -> Value?
    var describe: (() throws -> String)?
    private var finished = false

    init(_ cls: PyClass, _ body: @escaping () throws -> Value?) {
        self.cls = cls
        self.body = body
    }

    override var pyClass: PyClass { cls }

    override func next() throws -> Value? {
        if finished { return nil }
        if let v = try body() { return v }
        finished = true
        return nil
    }

    override func repr() throws -> String {
        if let d = describe { return try d() }
        return "<\(cls.qualifiedName) object at \(addressString)>"
    }
}

enum ItertoolsModule {
    /// An iterator type (`itertools.count`, `_collections._deque_iterator`) with `__next__`/`__iter__`.
    static func iteratorClass(_ name: String, module: String) -> PyClass {
        let c = PyClass(name: name, bases: [BuiltinTypes.object], moduleName: module)
        BuiltinTypes.installIterator(c)
        return c
    }

    /// Declares the iterator type `name` whose constructor binds `signature` and builds the body.
    static func add(_ m: NativeModule, _ name: String, _ signature: String, style: ClinicStyle = .clinic,
                    _ build: @escaping (PyClass, BoundArguments) throws -> PyIterator) -> PyClass {
        let cls = iteratorClass(name, module: "itertools")
        let sig = Signature(name: name, signature)
        cls.constructor = { c, args in .object(try build(c, try sig.bind(args, style: style))) }
        m.module.globals[name] = .object(cls)
        return cls
    }

    static func call(_ f: Value, _ args: Value...) throws -> Value { try callValue(f, Arguments(args)) }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "itertools")
        _ = add(m, "count", "start=0, step=1") { cls, args in
            var current = args["start"]
            let step = args["step"]
            for v in [current, step] where numericDouble(v) == nil {
                throw PyException.typeError("a number is required")
            }
            let it = LazyIterator(cls) {
                let value = current
                current = try binaryOp(.add, current, step)
                return value
            }
            it.describe = {
                if case .int(1) = step { return "count(\(try repr(current)))" }
                return "count(\(try repr(current)), \(try repr(step)))"
            }
            return it
        }
        _ = add(m, "cycle", "iterable", style: .exact) { cls, args in
            let source = try makeIterator(args["iterable"])
            var saved: [Value] = []
            var exhausted = false
            var position = 0
            return LazyIterator(cls) {
                if !exhausted {
                    if let v = try source.next() {
                        saved.append(v)
                        return v
                    }
                    exhausted = true
                }
                if saved.isEmpty { return nil }
                defer { position = (position + 1) % saved.count }
                return saved[position]
            }
        }
        _ = add(m, "repeat", "object, times=None") { cls, args in
            let object = args["object"]
            var remaining = try args.optionalInt("times").map { max($0, 0) }
            let it = LazyIterator(cls) {
                guard let r = remaining else { return object }
                if r <= 0 { return nil }
                remaining = r - 1
                return object
            }
            it.describe = {
                if let r = remaining { return "repeat(\(try repr(object)), \(r))" }
                return "repeat(\(try repr(object)))"
            }
            return it
        }
        _ = add(m, "accumulate", "iterable, func=None, *, initial=None") { cls, args in
            let source = try makeIterator(args["iterable"])
            let function = args["func"]
            var total: Value? = args.isNone("initial") ? nil : args["initial"]
            var pendingInitial = total != nil
            return LazyIterator(cls) {
                if pendingInitial {
                    pendingInitial = false
                    return total
                }
                guard let v = try source.next() else { return nil }
                if let t = total {
                    total = function.isNone ? try binaryOp(.add, t, v) : try call(function, t, v)
                } else {
                    total = v
                }
                return total
            }
        }
        let chain = add(m, "chain", "*iterables") { cls, args in
            chainIterator(cls, ArrayIterator(args.extraPositional))
        }
        chain.dict["from_iterable"] = .object(PyClassMethod(.object(PyBuiltinFunction(name: "from_iterable") { args in
            guard args.positional.count == 2 else {
                throw PyException.typeError("chain.from_iterable() takes exactly one argument (\(max(args.positional.count - 1, 0)) given)")
            }
            return .object(chainIterator(chain, try makeIterator(args[1])))
        })))
        _ = add(m, "compress", "data, selectors") { cls, args in
            let data = try makeIterator(args["data"]), selectors = try makeIterator(args["selectors"])
            return LazyIterator(cls) {
                while let d = try data.next() {
                    guard let s = try selectors.next() else { return nil }
                    if try isTruthy(s) { return d }
                }
                return nil
            }
        }
        _ = add(m, "dropwhile", "predicate, iterable", style: .exact) { cls, args in
            let predicate = args["predicate"], source = try makeIterator(args["iterable"])
            var dropping = true
            return LazyIterator(cls) {
                while let v = try source.next() {
                    if dropping, try isTruthy(try call(predicate, v)) { continue }
                    dropping = false
                    return v
                }
                return nil
            }
        }
        _ = add(m, "takewhile", "predicate, iterable", style: .exact) { cls, args in
            let predicate = args["predicate"], source = try makeIterator(args["iterable"])
            return LazyIterator(cls) {
                guard let v = try source.next(), try isTruthy(try call(predicate, v)) else { return nil }
                return v
            }
        }
        _ = add(m, "filterfalse", "function, iterable", style: .exact) { cls, args in
            let predicate = args["function"], source = try makeIterator(args["iterable"])
            return LazyIterator(cls) {
                while let v = try source.next() {
                    let keep = predicate.isNone ? try isTruthy(v) : try isTruthy(try call(predicate, v))
                    if !keep { return v }
                }
                return nil
            }
        }
        _ = add(m, "starmap", "function, iterable", style: .exact) { cls, args in
            let function = args["function"], source = try makeIterator(args["iterable"])
            return LazyIterator(cls) {
                guard let v = try source.next() else { return nil }
                return try callValue(function, Arguments(try iterateToArray(v)))
            }
        }
        _ = add(m, "pairwise", "iterable", style: .exact) { cls, args in
            let source = try makeIterator(args["iterable"])
            var previous: Value?
            var started = false
            return LazyIterator(cls) {
                if !started {
                    started = true
                    previous = try source.next()
                }
                guard let a = previous, let b = try source.next() else { return nil }
                previous = b
                return .tuple([a, b])
            }
        }
        _ = add(m, "zip_longest", "*iterables, fillvalue=None") { cls, args in
            let sources = try args.extraPositional.map { try makeIterator($0) }
            var active = [Bool](repeating: true, count: sources.count)
            var remaining = sources.count
            let fill = args["fillvalue"]
            return LazyIterator(cls) {
                if remaining == 0 { return nil }
                var row: [Value] = []
                for (i, s) in sources.enumerated() {
                    if active[i], let v = try s.next() {
                        row.append(v)
                    } else {
                        if active[i] {
                            active[i] = false
                            remaining -= 1
                            if remaining == 0 { return nil }
                        }
                        row.append(fill)
                    }
                }
                return .tuple(row)
            }
        }
        addIslice(m)
        addGroupby(m)
        addTee(m)
        addCombinatorics(m)
        return m.module
    }

    static func chainIterator(_ cls: PyClass, _ sources: PyIterator) -> LazyIterator {
        var current: PyIterator?
        return LazyIterator(cls) {
            while true {
                if let c = current, let v = try c.next() { return v }
                guard let nextSource = try sources.next() else { return nil }
                current = try makeIterator(nextSource)
            }
        }
    }
}
