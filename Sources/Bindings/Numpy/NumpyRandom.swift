// `np.random`: the legacy global RandomState functions (seed, rand, randn, randint,
// random, choice, shuffle, permutation, normal, uniform) and `np.random.RandomState(seed)`.
import Foundation
import Python
import Tensor

final class RandomStateObject: PyObject {
    let state: RandomState
    init(_ state: RandomState) { self.state = state }
    override var pyClass: PyClass { NumpyRandom.stateClass.pyClass }
}

enum NumpyRandom {
    static let stateClass = NativeClass(name: "RandomState", module: "numpy.random")

    /// The global state behind `np.random.*`: the running interpreter's (see BindingsContext),
    /// seeded nondeterministically like numpy's.
    static var global: RandomState { BindingsContext.current.numpyRandom }

    /// Each function, taking the state it draws from; bound to the global one for the
    /// module and to the receiver for RandomState methods.
    static let functions: [(name: String, signature: String, body: (RandomState, BoundArguments) throws -> Value)] = [
        ("seed", "seed=None", { state, args in try seed(state, args["seed"]); return .none }),
        ("rand", "*args", { state, args in
            try fill(try args.intList("args"), optionalSize: true) { state.nextDouble() }
        }),
        ("randn", "*args", { state, args in
            try fill(try args.intList("args"), optionalSize: true) { state.nextGauss() }
        }),
        ("random", "size=None", { state, args in try fill(try size(args), optionalSize: false) { state.nextDouble() } }),
        ("random_sample", "size=None", { state, args in try fill(try size(args), optionalSize: false) { state.nextDouble() } }),
        ("normal", "loc=0.0, scale=1.0, size=None", { state, args in
            let loc = try args.double("loc"), scale = try args.double("scale")
            if scale < 0 { throw PyException.valueError("scale < 0") }
            return try fill(try size(args), optionalSize: false) { loc + scale * state.nextGauss() }
        }),
        ("uniform", "low=0.0, high=1.0, size=None", { state, args in
            let low = try args.double("low"), high = try args.double("high")
            return try fill(try size(args), optionalSize: false) { low + (high - low) * state.nextDouble() }
        }),
        ("randint", "low, high=None, size=None, dtype=None", { state, args in
            var low = try args.int("low")
            var high: Int
            if args.isNone("high") { high = low; low = 0 } else { high = try args.int("high") }
            if low >= high { throw PyException.valueError("low >= high") }
            let shape = try size(args)
            let values = state.boundedIntegers(offset: Int64(low), range: UInt64(bitPattern: Int64(high) &- 1 &- Int64(low)),
                                               count: try NumpyBinding.checkedCount(shape ?? []))
            guard let shape else { return .int(Int(values[0])) }
            return NDArrayObject.wrap(try Tensor(int64s: values, shape: shape))
        }),
        ("shuffle", "x", { state, args in try shuffle(state, args["x"]); return .none }),
        ("permutation", "x", { state, args in
            let array: Tensor
            if case .int(let n) = args["x"] {
                array = try Tensor(int64s: (0..<Int64(n)).map { $0 }, shape: [n])
            } else {
                let a = try args.ndarray("x")
                array = try a.copyData(as: a.dtype)
            }
            let value = NDArrayObject.wrap(array)
            try shuffle(state, value)
            return value
        }),
        ("choice", "a, size=None, replace=True, p=None", { state, args in try choice(state, args) }),
    ]

    static let module: NativeModule = {
        let m = NativeModule(name: "numpy.random")
        for (name, signature, body) in functions {
            m.addFunction(name, signature: signature) { args in try body(global, args) }
            stateClass.addMethod(name, signature: signature) { this, args in
                guard let s = (this.asObject as? RandomStateObject)?.state else { throw PyException.typeError("RandomState expected") }
                return try body(s, args)
            }
        }
        m.addFunction("default_rng", signature: "seed=None") { _ in
            throw PyException.notImplemented("np.random.default_rng (numpy's PCG64 Generator) is not part of the "
                + "workbench's numpy; use np.random.seed(...) with np.random.*, or np.random.RandomState(seed)")
        }
        stateClass.setConstructor(signature: "seed=None") { _, args in
            let state = RandomState(seed: 0)
            try seed(state, args["seed"])
            return .object(RandomStateObject(state))
        }
        m.addClass(stateClass)
        return m
    }()

    static func seed(_ state: RandomState, _ value: Value) throws {
        if value.isNone { state.seed(UInt32.random(in: .min ... .max)); return }
        if let i = try indexValue(value) {
            guard i >= 0 && i <= Int(UInt32.max) else { throw PyException.valueError("Seed must be between 0 and 2**32 - 1") }
            state.seed(UInt32(i))
            return
        }
        let words = try iterateToArray(value).map { v -> UInt32 in
            let i = try v.asInt("seed")
            guard i >= 0 && i <= Int(UInt32.max) else { throw PyException.valueError("Seed must be between 0 and 2**32 - 1") }
            return UInt32(i)
        }
        if words.isEmpty { throw PyException.valueError("Seed must be non-empty") }
        state.seed(array: words)
    }

    /// The `size=` argument: nil for None, else the shape.
    static func size(_ args: BoundArguments) throws -> [Int]? {
        args.isNone("size") ? nil : try args.intList("size")
    }

    /// Draws one float per element: a Python float when no size is given (or `rand()`).
    static func fill(_ shape: [Int]?, optionalSize: Bool, _ draw: () -> Double) throws -> Value {
        let dims = optionalSize ? (shape?.isEmpty == false ? shape : nil) : shape
        guard let dims else { return .float(draw()) }
        let n = try NumpyBinding.checkedCount(dims)
        var values = [Double](repeating: 0, count: n)
        for i in 0..<n { values[i] = draw() }
        return NDArrayObject.wrap(try Tensor(doubles: values, shape: dims))
    }

    /// The legacy shuffle: `for i in n-1...1 { j = random_interval(i); swap(x[i], x[j]) }`.
    static func shuffle(_ state: RandomState, _ value: Value) throws {
        if case .object(let o) = value, let list = o as? PyList {
            let n = list.items.count
            if n < 2 { return }
            for i in stride(from: n - 1, through: 1, by: -1) {
                let j = Int(state.interval(UInt64(i)))
                list.items.swapAt(i, j)
            }
            return
        }
        guard let t = value.ndarray, t.rank > 0 else {
            throw PyException.typeError("x must be an integer or at least 1-dimensional")
        }
        let n = t.shape[0]
        if n < 2 { return }
        for i in stride(from: n - 1, through: 1, by: -1) {
            let j = Int(state.interval(UInt64(i)))
            if i == j { continue }
            let rowI = try t.index([.int(i)]), rowJ = try t.index([.int(j)])
            let saved = try rowJ.copyData(as: t.dtype)
            try rowJ.copy_(rowI)
            try rowI.copy_(saved)
        }
    }

    /// `RandomState.choice` (legacy algorithm): randint draws, or a CDF search for `p`;
    /// without replacement a permutation prefix, or repeated CDF draws for `p`.
    static func choice(_ state: RandomState, _ args: BoundArguments) throws -> Value {
        let a = args["a"]
        var population: Tensor?
        let popSize: Int
        if case .int(let n) = a {
            guard n > 0 else { throw PyException.valueError("a must be a positive integer unless no samples are taken") }
            popSize = n
        } else {
            let t = try args.ndarray("a")
            guard t.rank == 1 else { throw PyException.valueError("a must be 1-dimensional") }
            guard t.count > 0 else { throw PyException.valueError("a cannot be empty unless no samples are taken") }
            population = t
            popSize = t.count
        }
        var probabilities: [Double]?
        if !args.isNone("p") {
            let p = try args.ndarray("p").doubleValues()
            guard p.count == popSize else { throw PyException.valueError("'a' and 'p' must have same size") }
            if p.contains(where: { $0 < 0 }) { throw PyException.valueError("probabilities are not non-negative") }
            if Swift.abs(p.reduce(0, +) - 1) > 1.4901161193847656e-08 {
                throw PyException.valueError("probabilities do not sum to 1")
            }
            probabilities = p
        }
        let shape = try size(args)
        let count = try NumpyBinding.checkedCount(shape ?? [])
        let replace = try args.bool("replace")
        var indices: [Int64]
        func cdf(_ p: [Double]) -> [Double] {
            var running = 0.0
            let sums = p.map { running += $0; return running }
            let last = sums.last ?? 1
            return sums.map { $0 / last }
        }
        func searchRight(_ c: [Double], _ x: Double) -> Int64 {
            var lo = 0, hi = c.count
            while lo < hi { let mid = (lo + hi) / 2; if c[mid] <= x { lo = mid + 1 } else { hi = mid } }
            return Int64(lo)
        }
        if replace {
            if let p = probabilities {
                let c = cdf(p)
                indices = (0..<count).map { _ in searchRight(c, state.nextDouble()) }
            } else {
                indices = state.boundedIntegers(offset: 0, range: UInt64(popSize - 1), count: count)
            }
        } else {
            guard count <= popSize else {
                throw PyException.valueError("Cannot take a larger sample than population when 'replace=False'")
            }
            if var p = probabilities {
                guard p.filter({ $0 > 0 }).count >= count else {
                    throw PyException.valueError("Fewer non-zero entries in p than size")
                }
                indices = []
                while indices.count < count {
                    let draws = (0..<(count - indices.count)).map { _ in state.nextDouble() }
                    for i in indices { p[Int(i)] = 0 }
                    let c = cdf(p)
                    var seen = Set<Int64>()
                    var fresh: [Int64] = []
                    for x in draws {
                        let k = searchRight(c, x)
                        if seen.insert(k).inserted { fresh.append(k) }
                    }
                    indices += fresh
                }
            } else {
                let permutation = NDArrayObject.wrap(try Tensor(int64s: (0..<Int64(popSize)).map { $0 }, shape: [popSize]))
                try shuffle(state, permutation)
                indices = Array((permutation.ndarray?.int64Values() ?? []).prefix(count))
            }
        }
        let picked: Tensor
        if let population {
            picked = try population.index([.tensor(try Tensor(int64s: indices, shape: [indices.count]))])
        } else {
            picked = try Tensor(int64s: indices, shape: [indices.count])
        }
        guard let shape else {
            if population == nil { return .int(Int(indices[0])) }
            return try NDArrayObject.scalar(picked.reshape([]))
        }
        return NDArrayObject.wrap(try picked.reshape(shape))
    }
}
