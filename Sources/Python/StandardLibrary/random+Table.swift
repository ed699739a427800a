// The name → body table of `random.Random`'s methods; the hot ones (random, randint,
// randrange, choice, uniform) take their arguments without a signature when plainly called.
import Foundation

extension RandomMethods {
    static let table: [(String, Body)] = {
        var t: [(String, Body)] = []
        func add(_ name: String, _ signature: String, _ body: @escaping (RandomObject, BoundArguments) throws -> Value) {
            let b = bind(name, signature)
            t.append((name, { r, args in try body(r, try b(args)) }))
        }
        let randomSig = bind("random", "")
        t.append(("random", { r, args in
            if args.positional.isEmpty && args.keywords.isEmpty { return .float(r.random()) }
            if args.keywords.isEmpty { throw PyException.typeError("Random.random() takes no arguments (\(args.positional.count) given)") }
            _ = try randomSig(args)
            return .float(r.random())
        }))
        let randintSig = bind("randint", "a, b")
        t.append(("randint", { r, args in
            if args.keywords.isEmpty, args.positional.count == 2, case .int(let a) = args.positional[0], case .int(let b) = args.positional[1],
               a < b, b < Int.max {
                return .int(a + r.generator.below(b + 1 - a))
            }
            let bound = try randintSig(args)
            let bPlusOne = try binaryOp(.add, bound["b"], .int(1))
            return .int(try randrange(r, bound["a"], bPlusOne, nil))
        }))
        let randrangeSig = bind("randrange", "start, stop=None, step=None")
        t.append(("randrange", { r, args in
            if args.keywords.isEmpty, args.positional.count == 1, case .int(let n) = args.positional[0], n > 0 {
                return .int(r.generator.below(n))
            }
            let bound = try randrangeSig(args)
            let step: Value? = bound.isNone("step") ? nil : bound["step"]
            return .int(try randrange(r, bound["start"], bound["stop"], step))
        }))
        let choiceSig = bind("choice", "seq")
        t.append(("choice", { r, args in
            let seq = args.keywords.isEmpty && args.positional.count == 1 ? args.positional[0] : try choiceSig(args)["seq"]
            if case .object(let o) = seq, let list = o as? PyList {
                if list.items.isEmpty { throw PyException.indexError("Cannot choose from an empty sequence") }
                return list.items[r.generator.below(list.items.count)]
            }
            let n = try length(seq)
            if n == 0 { throw PyException.indexError("Cannot choose from an empty sequence") }
            return try element(seq, r.generator.below(n))
        }))
        let uniformSig = bind("uniform", "a, b")
        t.append(("uniform", { r, args in
            let (a, b): (Value, Value)
            if args.keywords.isEmpty && args.positional.count == 2 { (a, b) = (args.positional[0], args.positional[1]) } else {
                let bound = try uniformSig(args)
                (a, b) = (bound["a"], bound["b"])
            }
            let x = try double(a), y = try double(b)
            return .float(x + (y - x) * r.random())
        }))
        add("seed", "a=None, version=2") { r, args in
            try r.seed(args["a"])
            return .none
        }
        add("getrandbits", "k") { r, args in
            let k = try args.int("k")
            if k < 0 { throw PyException.valueError("number of bits must be non-negative") }
            if k > 63 { throw PyException.overflow("getrandbits(\(k)) does not fit the lesson language's 64-bit int") }
            return .int(Int(r.generator.bits(k)))
        }
        add("shuffle", "x") { r, args in
            let x = args["x"]
            if case .object(let o) = x, let list = o as? PyList {
                var i = list.items.count - 1
                while i >= 1 {
                    let j = r.generator.below(i + 1)
                    list.items.swapAt(i, j)
                    i -= 1
                }
                return .none
            }
            var i = try length(x) - 1
            while i >= 1 {
                let j = r.generator.below(i + 1)
                let a = try getItem(x, .int(i)), b = try getItem(x, .int(j))
                try setItem(x, .int(i), b)
                try setItem(x, .int(j), a)
                i -= 1
            }
            return .none
        }
        add("sample", "population, k, *, counts=None") { r, args in
            try sample(r, args["population"], args["k"], args["counts"])
        }
        add("choices", "population, weights=None, *, cum_weights=None, k=1") { r, args in
            try choices(r, args["population"], args["weights"], args["cum_weights"], args["k"])
        }
        add("triangular", "low=0.0, high=1.0, mode=None") { r, args in
            var u = r.random()
            var low = try args.double("low"), high = try args.double("high")
            if !args.isNone("mode"), high - low == 0 { return args["low"] }
            var c = args.isNone("mode") ? 0.5 : (try args.double("mode") - low) / (high - low)
            if u > c {
                u = 1.0 - u
                c = 1.0 - c
                (low, high) = (high, low)
            }
            return .float(low + (high - low) * Foundation.sqrt(u * c))
        }
        add("gauss", "mu=0.0, sigma=1.0") { r, args in .float(gauss(r, try args.double("mu"), try args.double("sigma"))) }
        add("normalvariate", "mu=0.0, sigma=1.0") { r, args in
            .float(normalvariate(r, try args.double("mu"), try args.double("sigma")))
        }
        add("lognormvariate", "mu, sigma") { r, args in
            .float(Foundation.exp(normalvariate(r, try args.double("mu"), try args.double("sigma"))))
        }
        add("expovariate", "lambd") { r, args in
            let lambd = try args.double("lambd")
            let u = -Foundation.log(1.0 - r.random())
            if lambd == 0 { throw PyException.zeroDivision("float division by zero") }
            return .float(u / lambd)
        }
        add("gammavariate", "alpha, beta") { r, args in
            .float(try gammavariate(r, try args.double("alpha"), try args.double("beta")))
        }
        add("betavariate", "alpha, beta") { r, args in
            let y = try gammavariate(r, try args.double("alpha"), 1.0)
            if y == 0 { return .float(0) }
            return .float(y / (y + (try gammavariate(r, try args.double("beta"), 1.0))))
        }
        add("paretovariate", "alpha") { r, args in
            .float(Foundation.pow(1.0 - r.random(), -1.0 / (try args.double("alpha"))))
        }
        add("weibullvariate", "alpha, beta") { r, args in
            let u = 1.0 - r.random()
            return .float(try args.double("alpha") * Foundation.pow(-Foundation.log(u), 1.0 / (try args.double("beta"))))
        }
        add("getstate", "") { r, _ in
            let (words, index) = r.generator.snapshot
            let state = words.map { Value.int(Int($0)) } + [.int(index)]
            return .tuple([.int(3), .tuple(state), r.gaussNext.map { .float($0) } ?? .none])
        }
        add("setstate", "state") { r, args in
            let state = try iterateToArray(args["state"])
            guard state.count == 3, case .int(3) = state[0] else {
                throw PyException.valueError("state with version \(state.first.map { $0.description } ?? "None") passed to Random.setstate() of version 3")
            }
            let inner = try iterateToArray(state[1])
            guard inner.count == 625 else { throw PyException.valueError("state vector is the wrong size") }
            let words = try inner.prefix(624).map { v -> UInt32 in
                guard let w = UInt32(exactly: try v.asInt()) else { throw PyException.overflow("Python int too large to convert to C unsigned long") }
                return w
            }
            let index = try inner[624].asInt()
            if index < 0 || index > 624 { throw PyException.valueError("invalid state") }
            r.generator.restore(words: words, index: index)
            r.gaussNext = state[2].isNone ? nil : try double(state[2])
            return .none
        }
        return t
    }()
}
