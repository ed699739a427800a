// The methods of `random.Random` (also the module's functions, bound to one shared
// instance), each following CPython 3.11's random.py line by line so results match.
import Foundation

enum RandomMethods {
    typealias Body = (RandomObject, Arguments) throws -> Value

    /// Binds through a signature (for defaults, keywords and CPython's arity messages).
    static func bind(_ name: String, _ signature: String) -> (Arguments) throws -> BoundArguments {
        let sig = Signature(name: "Random.\(name)", signature)
        return { try sig.bind($0) }
    }

    static func double(_ v: Value) throws -> Double {
        if let d = numericDouble(v) { return d }
        if case .object(let o) = v, let d = try o.toFloat() { return d }
        throw PyException.typeError("must be real number, not \(v.typeName)")
    }

    /// randrange's `_index(x)` with 3.11's deprecated float fallback.
    static func rangeArgument(_ v: Value, _ what: String) throws -> Int {
        if let i = try indexValue(v) { return i }
        if case .float(let d) = v {
            let i = try NumberMethods.intFromDouble(d)
            if Double(i) != d { throw PyException.valueError("non-integer \(what) for randrange()") }
            return i
        }
        throw PyException.typeError("int() argument must be a string, a bytes-like object or a real number, not '\(v.typeName)'")
    }

    static func randrange(_ r: RandomObject, _ start: Value, _ stop: Value, _ step: Value?) throws -> Int {
        let istart = try rangeArgument(start, "arg 1")
        if stop.isNone {
            if step != nil { throw PyException.typeError("Missing a non-None stop argument") }
            if istart > 0 { return r.generator.below(istart) }
            throw PyException.valueError("empty range for randrange()")
        }
        let istop = try rangeArgument(stop, "stop")
        let (width, overflow) = istop.subtractingReportingOverflow(istart)
        if overflow { throw PyException.overflow() }
        let istep = try step.map { try rangeArgument($0, "step") } ?? 1
        if istep == 1 {
            if width > 0 { return istart + r.generator.below(width) }
            throw PyException.valueError("empty range for randrange() (\(istart), \(istop), \(width))")
        }
        let n: Int
        if istep > 0 { n = try floorDivide(width + istep - 1, istep) }
        else if istep < 0 { n = try floorDivide(width + istep + 1, istep) }
        else { throw PyException.valueError("zero step for randrange()") }
        if n <= 0 { throw PyException.valueError("empty range for randrange()") }
        return istart + istep * r.generator.below(n)
    }

    static func isSequence(_ v: Value) -> Bool {
        switch v {
        case .str: return true
        case .object(let o): return o is PyList || o is PyTuple || o is PyRange || o is PyBytes || o is DequeObject
        default: return false
        }
    }

    /// `sample(population, k, *, counts=None)`.
    static func sample(_ r: RandomObject, _ population: Value, _ kValue: Value, _ counts: Value) throws -> Value {
        guard isSequence(population) else {
            throw PyException.typeError("Population must be a sequence.  For dicts or sets, use sorted(d).")
        }
        let n = try length(population)
        if !counts.isNone {
            var cumulative: [Value] = []
            var running: Value?
            try forEach(counts) { c in
                running = try running.map { try binaryOp(.add, $0, c) } ?? c
                cumulative.append(running ?? c)
            }
            if cumulative.count != n { throw PyException.valueError("The number of counts does not match the population") }
            guard case .int(let total)? = cumulative.popLast() else { throw PyException.typeError("Counts must be integers") }
            if total <= 0 { throw PyException.valueError("Total of counts must be greater than zero") }
            let selections = try sample(r, .object(PyRange(start: 0, stop: total, step: 1)), kValue, .none)
            let bounds = try cumulative.map { try double($0) }
            return .list(try iterateToArray(selections).map { s in
                let x = try double(s)
                var lo = 0, hi = bounds.count
                while lo < hi { let mid = (lo + hi) / 2; if x < bounds[mid] { hi = mid } else { lo = mid + 1 } }
                return try getItem(population, .int(lo))
            })
        }
        guard let k = try indexValue(kValue) else {
            throw PyException.typeError("'<=' not supported between instances of 'int' and '\(kValue.typeName)'")
        }
        if !(0 <= k && k <= n) { throw PyException.valueError("Sample larger than population or is negative") }
        var result = [Value](repeating: .none, count: k)
        var setsize = 21
        if k > 5 {
            let exponent = Foundation.ceil(Foundation.log(Double(k * 3)) / Foundation.log(4.0))
            setsize += exponent >= 31 ? Int.max / 2 : 1 << (2 * Int(exponent))
        }
        if n <= setsize {
            var pool = try iterateToArray(population)
            for i in 0..<k {
                let j = r.generator.below(n - i)
                result[i] = pool[j]
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected = Set<Int>()
            for i in 0..<k {
                var j = r.generator.below(n)
                while selected.contains(j) { j = r.generator.below(n) }
                selected.insert(j)
                result[i] = try element(population, j)
            }
        }
        return .list(result)
    }

    @inline(__always) static func element(_ seq: Value, _ i: Int) throws -> Value {
        if case .object(let o) = seq {
            if let l = o as? PyList, i < l.items.count { return l.items[i] }
            if let t = o as? PyTuple, i < t.items.count { return t.items[i] }
            if let rg = o as? PyRange { return .int(rg.start + i * rg.step) }
        }
        return try getItem(seq, .int(i))
    }

    /// `choices(population, weights=None, *, cum_weights=None, k=1)`.
    static func choices(_ r: RandomObject, _ population: Value, _ weights: Value, _ cumWeightsValue: Value, _ kValue: Value) throws -> Value {
        let n = try length(population)
        var cumulative: [Value]
        if cumWeightsValue.isNone {
            if weights.isNone {
                let k = try kValue.asInt("k")
                let count = Double(n)
                var out: [Value] = []
                out.reserveCapacity(max(k, 0))
                for _ in 0..<max(k, 0) {
                    let index = (r.random() * count).rounded(.down)
                    out.append(try element(population, Int(index)))
                }
                return .list(out)
            }
            if case .int(let k) = weights {
                throw PyException.typeError("The number of choices must be a keyword argument: k=\(k)")
            }
            cumulative = []
            var running: Value?
            try forEach(weights) { w in
                running = try running.map { try binaryOp(.add, $0, w) } ?? w
                cumulative.append(running ?? w)
            }
        } else {
            if !weights.isNone { throw PyException.typeError("Cannot specify both weights and cumulative weights") }
            cumulative = try iterateToArray(cumWeightsValue)
        }
        if cumulative.count != n { throw PyException.valueError("The number of weights does not match the population") }
        guard let last = cumulative.last else { throw PyException.indexError("list index out of range") }
        let total = try double(try binaryOp(.add, last, .float(0)))
        if total <= 0 { throw PyException.valueError("Total of weights must be greater than zero") }
        if !total.isFinite { throw PyException.valueError("Total of weights must be finite") }
        let bounds = try cumulative.map { try double($0) }
        let hi = n - 1
        let k = try kValue.asInt("k")
        var out: [Value] = []
        for _ in 0..<max(k, 0) {
            let x = r.random() * total
            var lo = 0, high = hi
            while lo < high { let mid = (lo + high) / 2; if x < bounds[mid] { high = mid } else { lo = mid + 1 } }
            out.append(try element(population, lo))
        }
        return .list(out)
    }

    static func gauss(_ r: RandomObject, _ mu: Double, _ sigma: Double) -> Double {
        var z: Double
        if let cached = r.gaussNext {
            z = cached
            r.gaussNext = nil
        } else {
            let x2pi = r.random() * 2 * Double.pi
            let g2rad = Foundation.sqrt(-2.0 * Foundation.log(1.0 - r.random()))
            z = Foundation.cos(x2pi) * g2rad
            r.gaussNext = Foundation.sin(x2pi) * g2rad
        }
        return mu + z * sigma
    }

    static func normalvariate(_ r: RandomObject, _ mu: Double, _ sigma: Double) -> Double {
        var z: Double
        while true {
            let u1 = r.random()
            let u2 = 1.0 - r.random()
            z = RandomModule.nvMagic * (u1 - 0.5) / u2
            if z * z / 4.0 <= -Foundation.log(u2) { break }
        }
        return mu + z * sigma
    }

    static func gammavariate(_ r: RandomObject, _ alpha: Double, _ beta: Double) throws -> Double {
        if alpha <= 0.0 || beta <= 0.0 { throw PyException.valueError("gammavariate: alpha and beta must be > 0.0") }
        if alpha > 1.0 {
            let ainv = Foundation.sqrt(2.0 * alpha - 1.0), bbb = alpha - Foundation.log(4.0), ccc = alpha + ainv
            let sgMagic = 1.0 + Foundation.log(4.5)
            while true {
                let u1 = r.random()
                if !(1e-7 < u1 && u1 < 0.9999999) { continue }
                let u2 = 1.0 - r.random()
                let v = Foundation.log(u1 / (1.0 - u1)) / ainv
                let x = alpha * Foundation.exp(v)
                let z = u1 * u1 * u2
                let rr = bbb + ccc * v - x
                if rr + sgMagic - 4.5 * z >= 0.0 || rr >= Foundation.log(z) { return x * beta }
            }
        } else if alpha == 1.0 {
            return -Foundation.log(1.0 - r.random()) * beta
        }
        var x: Double
        while true {
            let u = r.random()
            let b = (M_E + alpha) / M_E
            let p = b * u
            x = p <= 1.0 ? Foundation.pow(p, 1.0 / alpha) : -Foundation.log((b - p) / alpha)
            let u1 = r.random()
            if p > 1.0 {
                if u1 <= Foundation.pow(x, alpha - 1.0) { break }
            } else if u1 <= Foundation.exp(-x) { break }
        }
        return x * beta
    }
}
