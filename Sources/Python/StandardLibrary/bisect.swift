// Python's `bisect` module: bisect_left/right and insort_left/right with lo, hi and key.

enum BisectModule {
    static func search(_ args: BoundArguments, right: Bool) throws -> Int {
        let a = args["a"], x = args["x"], key = args["key"]
        var lo = try args.int("lo")
        if lo < 0 { throw PyException.valueError("lo must be non-negative") }
        var hi = args.isNone("hi") ? try length(a) : try args.int("hi")
        let list = (a.asObject as? PyList)
        while lo < hi {
            let mid = (lo + hi) / 2
            var element = try list.map { $0.items[mid] } ?? getItem(a, .int(mid))
            if !key.isNone { element = try callValue(key, Arguments([element])) }
            if right ? try lessThan(x, element) : try lessThan(element, x) == false {
                hi = mid
            } else {
                lo = mid + 1
            }
        }
        return lo
    }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "bisect")
        let signature = "a, x, lo=0, hi=None, *, key=None"
        for (name, right) in [("bisect_left", false), ("bisect_right", true)] {
            let sig = Signature(name: name, signature)
            let function = Value.object(PyBuiltinFunction(name: name) { args in .int(try search(try sig.bind(args, style: .clinic), right: right)) })
            m.add(name, function)
            if right { m.add("bisect", function) }
        }
        for (name, right) in [("insort_left", false), ("insort_right", true)] {
            let sig = Signature(name: name, signature)
            m.addFunction(name) { raw in
                let args = try sig.bind(raw, style: .clinic)
                var keyed = raw
                if !args.isNone("key") {
                    // insort bisects with key(x), then inserts x itself.
                    let k = try callValue(args["key"], Arguments([args["x"]]))
                    if keyed.positional.count > 1 { keyed.positional[1] = k } else { keyed.keywords = keyed.keywords.map { $0.0 == "x" ? ("x", k) : $0 } }
                }
                let index = try search(try sig.bind(keyed), right: right)
                _ = try callValue(try getAttribute(args["a"], "insert"), Arguments([.int(index), args["x"]]))
                return .none
            }
        }
        m.add("insort", m.module.globals["insort_right"] ?? .none)
        return m.module
    }
}
