// Python's `math` module: CPython's functions, domains and error messages.
import Foundation

enum MathModule {
    static func number(_ args: BoundArguments, _ name: String) throws -> Double {
        let v = args[name]
        if let d = numericDouble(v) { return d }
        if case .object(let o) = v, let d = try o.toFloat() { return d }
        throw PyException.typeError("must be real number, not \(v.typeName)")
    }


    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "math")
        m.add("pi", .float(Double.pi))
        m.add("e", .float(M_E))
        m.add("tau", .float(2 * Double.pi))
        m.add("inf", .float(.infinity))
        m.add("nan", .float(.nan))
        func unary(_ name: String, domain: @escaping (Double) -> Bool = { _ in true }, _ f: @escaping (Double) -> Double) {
            m.addFunction(name, signature: "x") { args in
                let x = try number(args, "x")
                guard domain(x) else { throw PyException.valueError("math domain error") }
                let r = f(x)
                if r.isInfinite && x.isFinite { throw PyException(BuiltinTypes.overflowError, "math range error") }
                return .float(r)
            }
        }
        unary("sqrt", domain: { $0 >= 0 || $0.isNaN }, Foundation.sqrt)
        unary("exp", Foundation.exp)
        unary("expm1", Foundation.expm1)
        unary("log2", domain: { $0 > 0 || $0.isNaN }, Foundation.log2)
        unary("log10", domain: { $0 > 0 || $0.isNaN }, Foundation.log10)
        unary("log1p", domain: { $0 > -1 || $0.isNaN }, Foundation.log1p)
        unary("cos", domain: { !$0.isInfinite }, Foundation.cos)
        unary("sin", domain: { !$0.isInfinite }, Foundation.sin)
        unary("tan", domain: { !$0.isInfinite }, Foundation.tan)
        unary("acos", domain: { abs($0) <= 1 || $0.isNaN }, Foundation.acos)
        unary("asin", domain: { abs($0) <= 1 || $0.isNaN }, Foundation.asin)
        unary("atan", Foundation.atan)
        unary("tanh", Foundation.tanh)
        unary("sinh", Foundation.sinh)
        unary("cosh", Foundation.cosh)
        unary("fabs", Foundation.fabs)
        unary("erf", Foundation.erf)
        unary("erfc", Foundation.erfc)
        unary("degrees") { $0 * 180 / .pi }
        unary("radians") { $0 * .pi / 180 }
        m.addFunction("log", signature: "x, base=None") { args in
            let x = try number(args, "x")
            guard x > 0 || x.isNaN else { throw PyException.valueError("math domain error") }
            if args.isNone("base") { return .float(Foundation.log(x)) }
            let b = try number(args, "base")
            guard b > 0, b != 1 else { throw PyException.valueError(b == 1 ? "float division by zero" : "math domain error") }
            return .float(Foundation.log(x) / Foundation.log(b))
        }
        m.addFunction("pow", signature: "x, y") { args in .float(try floatPower(try number(args, "x"), try number(args, "y"))) }
        m.addFunction("atan2", signature: "y, x") { args in .float(Foundation.atan2(try number(args, "y"), try number(args, "x"))) }
        m.addFunction("hypot") { args in .float(Foundation.sqrt(try args.positional.reduce(0.0) { $0 + (try $1.asDouble()) * (try $1.asDouble()) })) }
        for (name, rounding) in [("floor", FloatingPointRoundingRule.down), ("ceil", .up), ("trunc", .towardZero)] {
            m.addFunction(name, signature: "x") { args in
                let v = args["x"]
                if let i = numericInt(v) { return .int(i) }
                return .int(try NumberMethods.intFromDouble(try number(args, "x").rounded(rounding)))
            }
        }
        m.addFunction("isclose", signature: "a, b, *, rel_tol=1e-09, abs_tol=0.0") { args in
            let a = try number(args, "a"), b = try number(args, "b")
            let rel = try number(args, "rel_tol"), absTol = try number(args, "abs_tol")
            if rel < 0 || absTol < 0 { throw PyException.valueError("tolerances must be non-negative") }
            if a == b { return .true }
            if a.isInfinite || b.isInfinite { return .false }
            let diff = abs(a - b)
            return .bool(diff <= abs(rel * b) || diff <= abs(rel * a) || diff <= absTol)
        }
        m.addFunction("isnan", signature: "x") { args in .bool(try number(args, "x").isNaN) }
        m.addFunction("isinf", signature: "x") { args in .bool(try number(args, "x").isInfinite) }
        m.addFunction("isfinite", signature: "x") { args in .bool(try number(args, "x").isFinite) }
        m.addFunction("copysign", signature: "x, y") { args in .float(Foundation.copysign(try number(args, "x"), try number(args, "y"))) }
        m.addFunction("fmod", signature: "x, y") { args in
            let y = try number(args, "y")
            if y == 0 { throw PyException.valueError("math domain error") }
            return .float(Foundation.fmod(try number(args, "x"), y))
        }
        m.addFunction("prod", signature: "iterable, *, start=1") { args in
            var total = args["start"]
            try forEach(args["iterable"]) { total = try binaryOp(.multiply, total, $0) }
            return total
        }
        m.addFunction("fsum", signature: "iterable") { args in
            // Neumaier summation (exactly rounded for the common cases).
            var sum = 0.0, compensation = 0.0
            try forEach(args["iterable"]) { item in
                let x = try item.asDouble()
                let t = sum + x
                compensation += abs(sum) >= abs(x) ? (sum - t) + x : (x - t) + sum
                sum = t
            }
            return .float(sum + compensation)
        }
        m.addFunction("factorial", signature: "n") { args in
            let n = try args.int("n")
            if n < 0 { throw PyException.valueError("factorial() not defined for negative values") }
            var r = 1
            for i in stride(from: 2, through: n, by: 1) {
                let (p, o) = r.multipliedReportingOverflow(by: i)
                if o { throw PyException.overflow() }
                r = p
            }
            return .int(r)
        }
        m.addFunction("gcd") { args in
            var g = 0
            for v in args.positional {
                var b = abs(try v.asInt())
                while b != 0 { (g, b) = (b, g % b) }
            }
            return .int(g)
        }
        m.addFunction("comb", signature: "n, k") { args in
            let n = try args.int("n"), k = try args.int("k")
            if n < 0 || k < 0 { throw PyException.valueError("n must be a non-negative integer") }
            if k > n { return .int(0) }
            var r = 1
            for i in 0..<min(k, n - k) {
                let (p, o) = r.multipliedReportingOverflow(by: n - i)
                if o { throw PyException.overflow() }
                r = p / (i + 1)
            }
            return .int(r)
        }
        return m.module
    }
}
