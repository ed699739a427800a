// Built-in standard modules: math, time, os / os.path, sys, importlib.metadata.
import Foundation

enum StandardModules {
    static func loader(for name: String) -> ((Interpreter) throws -> PyModule)? {
        switch name {
        case "math": return { _ in makeMath() }
        case "time": return { _ in makeTime() }
        case "os": return { i in makeOS(i) }
        case "os.path": return { i in (try i.importModule("os")).globals["path"].flatMap { if case .object(let o) = $0 { return o as? PyModule }; return nil } ?? makeOSPath() }
        case "sys": return { i in makeSys(i) }
        case "importlib": return { i in
            let m = NativeModule(name: "importlib")
            m.add("metadata", .object(makeMetadata()))
            _ = i
            return m.module
        }
        case "importlib.metadata": return { _ in makeMetadata() }
        default: return nil
        }
    }

    static func number(_ args: BoundArguments, _ name: String) throws -> Double {
        let v = args[name]
        if let d = numericDouble(v) { return d }
        if case .object(let o) = v, let d = try o.toFloat() { return d }
        throw PyException.typeError("must be real number, not \(v.typeName)")
    }

    static func makeMath() -> PyModule {
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

    static func makeTime() -> PyModule {
        let m = NativeModule(name: "time")
        m.addFunction("time") { _ in .float(Date().timeIntervalSince1970) }
        m.addFunction("perf_counter") { _ in .float(Double(DispatchTime.now().uptimeNanoseconds) / 1e9) }
        m.addFunction("monotonic") { _ in .float(Double(DispatchTime.now().uptimeNanoseconds) / 1e9) }
        m.addFunction("perf_counter_ns") { _ in .int(Int(DispatchTime.now().uptimeNanoseconds)) }
        m.addFunction("time_ns") { _ in .int(Int(Date().timeIntervalSince1970 * 1e9)) }
        m.addFunction("sleep", signature: "seconds") { args in
            let seconds = try number(args, "seconds")
            if seconds < 0 { throw PyException.valueError("sleep length must be non-negative") }
            // Sleep in small steps so Ctrl-C interrupts promptly.
            let end = Date().addingTimeInterval(seconds)
            while Date() < end {
                try checkInterrupt()
                Thread.sleep(forTimeInterval: min(0.05, end.timeIntervalSinceNow))
            }
            return .none
        }
        return m.module
    }

    static func makeOSPath() -> PyModule {
        let m = NativeModule(name: "os.path")
        func path(_ args: BoundArguments, _ name: String) throws -> String {
            if case .str(let s) = args[name] { return s }
            throw PyException.typeError("expected str, bytes or os.PathLike object, not \(args[name].typeName)")
        }
        m.addFunction("exists", signature: "path") { args in .bool(FileManager.default.fileExists(atPath: try path(args, "path"))) }
        m.addFunction("isfile", signature: "path") { args in
            var isDirectory: ObjCBool = false
            return .bool(FileManager.default.fileExists(atPath: try path(args, "path"), isDirectory: &isDirectory) && !isDirectory.boolValue)
        }
        m.addFunction("isdir", signature: "path") { args in
            var isDirectory: ObjCBool = false
            return .bool(FileManager.default.fileExists(atPath: try path(args, "path"), isDirectory: &isDirectory) && isDirectory.boolValue)
        }
        m.addFunction("join") { args in
            var result = ""
            for v in args.positional {
                guard case .str(let part) = v else {
                    throw PyException.typeError("join() argument must be str, bytes, or os.PathLike object, not '\(v.typeName)'")
                }
                if part.hasPrefix("/") { result = part } else if result.isEmpty || result.hasSuffix("/") { result += part } else { result += "/" + part }
            }
            return .str(result)
        }
        m.addFunction("basename", signature: "p") { args in
            let p = try path(args, "p")
            return .str(p.hasSuffix("/") ? "" : String(p.split(separator: "/", omittingEmptySubsequences: false).last ?? ""))
        }
        m.addFunction("dirname", signature: "p") { args in
            let p = try path(args, "p")
            guard let slash = p.lastIndex(of: "/") else { return .str("") }
            let head = String(p[..<slash])
            return .str(head.isEmpty ? "/" : head)
        }
        m.addFunction("splitext", signature: "p") { args in
            let p = try path(args, "p")
            let base = p.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? p
            if let dot = base.lastIndex(of: "."), dot != base.startIndex, base[..<dot].contains(where: { $0 != "." }) {
                let ext = String(base[dot...])
                return .tuple([.str(String(p.dropLast(ext.count))), .str(ext)])
            }
            return .tuple([.str(p), .str("")])
        }
        m.addFunction("abspath", signature: "p") { args in
            let p = try path(args, "p")
            let full = p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
            return .str((full as NSString).standardizingPath)
        }
        m.addFunction("getsize", signature: "p") { args in
            let p = try path(args, "p")
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: p), let size = attributes[.size] as? NSNumber else {
                throw PyFile.osError(ENOENT, p)
            }
            return .int(size.intValue)
        }
        m.add("sep", .str("/"))
        return m.module
    }

    static func makeOS(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "os")
        let path = makeOSPath()
        m.add("path", .object(path))
        m.add("sep", .str("/"))
        m.add("linesep", .str("\n"))
        m.add("name", .str("posix"))
        m.addFunction("getcwd") { _ in .str(FileManager.default.currentDirectoryPath) }
        m.addFunction("listdir", signature: "path='.'") { args in
            let p = try args.string("path")
            guard let items = try? FileManager.default.contentsOfDirectory(atPath: p) else { throw PyFile.osError(ENOENT, p) }
            return .list(items.sorted().map { .str($0) })
        }
        m.addFunction("makedirs", signature: "name, exist_ok=False") { args in
            let p = try args.string("name")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory) {
                if try args.bool("exist_ok") && isDirectory.boolValue { return .none }
                throw PyFile.osError(EEXIST, p)
            }
            do { try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true) } catch { throw PyFile.osError(EACCES, p) }
            return .none
        }
        m.addFunction("remove", signature: "path") { args in
            let p = try args.string("path")
            guard FileManager.default.fileExists(atPath: p) else { throw PyFile.osError(ENOENT, p) }
            do { try FileManager.default.removeItem(atPath: p) } catch { throw PyFile.osError(EACCES, p) }
            return .none
        }
        let environ = PyDict()
        for (k, v) in ProcessInfo.processInfo.environment.sorted(by: { $0.key < $1.key }) { environ.storage.set(.str(k), .str(v)) }
        m.add("environ", .object(environ))
        m.addFunction("getenv", signature: "key, default=None") { args in
            if let v = ProcessInfo.processInfo.environment[try args.string("key")] { return .str(v) }
            return args["default"]
        }
        _ = interpreter
        return m.module
    }

    static func makeSys(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "sys")
        m.add("stdout", .object(StandardStream(isError: false) { interpreter.output($0) }))
        m.add("stderr", .object(StandardStream(isError: true) { interpreter.errorOutput($0) }))
        m.add("argv", .list([.str("")]))
        m.add("version", .str("3.11.7 (llmwb lesson language)"))
        m.add("version_info", .tuple([.int(3), .int(11), .int(7), .str("final"), .int(0)]))
        m.add("platform", .str("linux"))
        m.add("maxsize", .int(Int.max))
        m.add("path", .list(interpreter.searchPaths.map { .str($0) }))
        m.add("modules", .object(PyDict()))
        m.addFunction("getrecursionlimit") { _ in .int(interpreter.recursionLimit) }
        m.addFunction("setrecursionlimit", signature: "limit") { args in
            let limit = try args.int("limit")
            if limit < 1 { throw PyException.valueError("recursion limit must be greater or equal than 1") }
            interpreter.recursionLimit = min(limit, 20000)
            return .none
        }
        m.addFunction("exit", signature: "status=None") { args in
            throw PyException(BuiltinTypes.exception("SystemExit"), args: args.isNone("status") ? [] : [args["status"]])
        }
        return m.module
    }

    /// Versions reported by `importlib.metadata.version` for the packages we implement.
    nonisolated(unsafe) static var packageVersions: [String: String] = ["torch": "2.5.1", "tiktoken": "0.8.0"]

    static func makeMetadata() -> PyModule {
        let m = NativeModule(name: "importlib.metadata")
        let notFound = PyClass(name: "PackageNotFoundError", bases: [BuiltinTypes.moduleNotFoundError], moduleName: "importlib.metadata")
        m.add("PackageNotFoundError", .object(notFound))
        m.addFunction("version", signature: "distribution_name") { args in
            let name = try args.string("distribution_name")
            if let v = packageVersions[name] { return .str(v) }
            throw PyException(notFound, "No package metadata was found for \(name)")
        }
        return m.module
    }
}

extension Interpreter {
    /// Sets the version string `importlib.metadata.version(package)` returns.
    public static func setPackageVersion(_ package: String, _ version: String) {
        StandardModules.packageVersions[package] = version
    }
}
