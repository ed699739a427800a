// The builtins namespace: print, len, range, enumerate, zip, sum, min/max, sorted,
// isinstance, open, ... with CPython's behaviour and error messages.
import Foundation

enum Builtins {
    static func install(into g: Globals, interpreter: Interpreter) {
        func add(_ name: String, _ body: @escaping (Arguments) throws -> Value) {
            g[name] = .object(PyBuiltinFunction(name: name, body))
        }
        let types: [String: PyClass] = [
            "object": BuiltinTypes.object, "type": BuiltinTypes.type, "int": BuiltinTypes.int,
            "float": BuiltinTypes.float, "bool": BuiltinTypes.bool, "str": BuiltinTypes.str,
            "bytes": BuiltinTypes.bytes, "bytearray": BuiltinTypes.byteArray, "list": BuiltinTypes.list, "tuple": BuiltinTypes.tuple,
            "dict": BuiltinTypes.dict, "set": BuiltinTypes.set, "frozenset": BuiltinTypes.frozenset,
            "range": BuiltinTypes.range, "slice": BuiltinTypes.slice, "property": BuiltinTypes.property,
            "staticmethod": BuiltinTypes.staticMethod, "classmethod": BuiltinTypes.classMethod,
        ]
        for (name, cls) in types { g[name] = .object(cls) }
        for (name, cls) in BuiltinTypes.exceptions { g[name] = .object(cls) }
        g["IOError"] = .object(BuiltinTypes.osError)
        g["EnvironmentError"] = .object(BuiltinTypes.osError)
        g["None"] = Value.none
        g["Ellipsis"] = .object(EllipsisObject.shared)
        g["NotImplemented"] = .object(NotImplementedObject.shared)
        g["__name__"] = .str("builtins")

        add("print") { args in
            var sep = " ", end = "\n"
            var toError = false
            var target: Value?
            for (k, v) in args.keywords {
                switch k {
                case "sep": if case .str(let s) = v { sep = s } else if !v.isNone { throw PyException.typeError("sep must be None or a string, not \(v.typeName)") }
                case "end": if case .str(let s) = v { end = s } else if !v.isNone { throw PyException.typeError("end must be None or a string, not \(v.typeName)") }
                case "file":
                    if case .object(let o) = v, let stream = o as? StandardStream { toError = stream.isError }
                    else if case .object(let o) = v, let file = o as? PyFile {
                        try file.write(try args.positional.map { try str($0) }.joined(separator: sep) + end)
                        return .none
                    } else if !v.isNone { target = v }
                case "flush": break
                default: throw PyException.typeError("'\(k)' is an invalid keyword argument for print()")
                }
            }
            let text = try args.positional.map { try str($0) }.joined(separator: sep) + end
            // Any object with `write` (io.StringIO), also when it replaced `sys.stdout` (redirect_stdout).
            if target == nil, args.keyword("file") == nil || args.keyword("file")?.isNone == true,
               case .object(let o)? = interpreter.modules["sys"]?.globals["stdout"], !(o is StandardStream) { target = .object(o) }
            if let t = target {
                // CPython writes each piece separately: items, separators, end.
                let write = try getAttribute(t, "write")
                for (i, item) in args.positional.enumerated() {
                    if i > 0 { _ = try callValue(write, .str(sep)) }
                    _ = try callValue(write, .str(try str(item)))
                }
                _ = try callValue(write, .str(end))
                return .none
            }
            if toError { interpreter.errorOutput(text) } else { interpreter.output(text) }
            return .none
        }
        add("len") { args in
            try args.expectCount("len", 1...1)
            return .int(try length(args[0]))
        }
        add("repr") { args in
            try args.expectCount("repr", 1...1)
            return .str(try repr(args[0]))
        }
        add("ascii") { args in
            try args.expectCount("ascii", 1...1)
            return .str(asciiRepr(try repr(args[0])))
        }
        add("format") { args in
            try args.expectCount("format", 1...2)
            var spec = ""
            if args.count > 1, case .str(let s) = args[1] { spec = s }
            return .str(try formatValue(args[0], spec))
        }
        add("abs") { args in
            try args.expectCount("abs", 1...1)
            switch args[0] {
            case .int(let i):
                if i == .min { throw PyException.overflow() }
                return .int(abs(i))
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d): return .float(abs(d))
            case .object(let o):
                if let inst = o as? PyInstance, let r = try inst.callSpecial("__abs__", []) { return r }
                if let r = try lookupAttribute(args[0], "abs"), o is PyInstance == false, !(o is PyList) {
                    return try callValue(r, Arguments())
                }
            default: break
            }
            throw PyException.typeError("bad operand type for abs(): '\(args[0].typeName)'")
        }
        add("round") { args in
            guard let x = args.positional.first else { throw PyException.typeError("round() missing required argument 'number' (pos 1)") }
            let ndigitsValue = args.count > 1 ? args[1] : args.keyword("ndigits") ?? .none
            let ndigits = ndigitsValue.isNone ? nil : numericInt(ndigitsValue)
            switch x {
            case .int(let value):
                guard let n = ndigits, n < 0 else { return .int(value) }
                if n < -18 { return .int(0) }
                var p = 1
                for _ in 0..<(-n) { p *= 10 }
                let q = try floorDivide(value, p), r = floorModulo(value, p)
                let twice = r * 2
                let rounded = twice > p || (twice == p && q % 2 != 0) ? q + 1 : q
                return .int(rounded * p)
            case .bool(let b): return .int(b ? 1 : 0)
            case .float(let d):
                guard let n = ndigits else {
                    return .int(try NumberMethods.intFromDouble(d.rounded(.toNearestOrEven)))
                }
                if !d.isFinite { return .float(d) }
                if n >= 0 {
                    if n > 300 { return .float(d) }
                    return .float(Double(String(format: "%.\(n)f", d)) ?? d)
                }
                let p = pow(10.0, Double(-n))
                return .float((d / p).rounded(.toNearestOrEven) * p)
            case .object(let o):
                if let inst = o as? PyInstance, let r = try inst.callSpecial("__round__", ndigits.map { [.int($0)] } ?? []) { return r }
                if let method = try lookupAttribute(x, "__round__") {
                    return try callValue(method, Arguments(ndigits.map { [.int($0)] } ?? []))
                }
            default: break
            }
            throw PyException.typeError("type \(x.typeName) doesn't define __round__ method")
        }
        add("divmod") { args in
            try args.expectCount("divmod", 2...2)
            let a = args[0], b = args[1]
            if let x = numericInt(a), let y = numericInt(b) {
                if y == 0 { throw PyException.zeroDivision("integer division or modulo by zero") }
                return .tuple([.int(try floorDivide(x, y)), .int(floorModulo(x, y))])
            }
            do {
                return .tuple([try binaryOp(.floorDivide, a, b), try binaryOp(.modulo, a, b)])
            } catch let e as PyException where e.cls === BuiltinTypes.typeError && e.message.hasPrefix("unsupported operand") {
                throw PyException.typeError("unsupported operand type(s) for divmod(): '\(a.typeName)' and '\(b.typeName)'")
            }
        }
        add("pow") { args in
            try args.expectCount("pow", 2...3)
            if args.count == 3 {
                guard let base = numericInt(args[0]), let exp = numericInt(args[1]),
                      let mod = numericInt(args[2]) else {
                    throw PyException.typeError("pow() 3rd argument not allowed unless all arguments are integers")
                }
                if mod == 0 { throw PyException.valueError("pow() 3rd argument cannot be 0") }
                if mod == .min || exp < 0 { throw PyException.valueError("pow() with these arguments is not supported in the lesson language") }
                var result = 1 % mod, b = floorModulo(base, mod), e = exp
                while e > 0 {
                    if e & 1 == 1 { result = Int((Int64(result).multipliedFullWidth(by: Int64(b)).low % UInt64(abs(mod)))) }
                    b = Int(Int64(b).multipliedFullWidth(by: Int64(b)).low % UInt64(abs(mod)))
                    e >>= 1
                }
                return .int(floorModulo(result, mod))
            }
            return try binaryOp(.power, args[0], args[1])
        }
        add("min") { args in try minMax(args, "min", wantMax: false) }
        add("max") { args in try minMax(args, "max", wantMax: true) }
        add("sum") { args in
            guard let iterable = args.positional.first else { throw PyException.typeError("sum() takes at least 1 positional argument (0 given)") }
            var total = args.count > 1 ? args[1] : args.keyword("start") ?? .int(0)
            if case .str = total { throw PyException.typeError("sum() can't sum strings [use ''.join(seq) instead]") }
            try forEach(iterable) { item in
                switch (total, item) {
                case (.int(let a), .int(let b)):
                    let (r, o) = a.addingReportingOverflow(b)
                    if o { throw PyException.overflow() }
                    total = .int(r)
                case (.float(let a), .float(let b)): total = .float(a + b)
                default: total = try binaryOp(.add, total, item)
                }
            }
            return total
        }
        add("sorted") { args in
            if args.positional.count != 1 {
                throw PyException.typeError("sorted expected 1 argument, got \(args.positional.count)")
            }
            var items = try iterateToArray(args[0])
            for (k, _) in args.keywords where k != "key" && k != "reverse" {
                throw PyException.typeError("'\(k)' is an invalid keyword argument for sort()")
            }
            try sortValues(&items, key: args.keyword("key"), reverse: try isTruthy(args.keyword("reverse") ?? .false))
            return .list(items)
        }
        add("reversed") { args in
            try args.expectCount("reversed", 1...1)
            let v = args[0]
            if case .object(let o) = v, let inst = o as? PyInstance {
                if let r = try inst.callSpecial("__reversed__", []) { return r }
                if inst.cls.lookup("__len__") == nil || inst.cls.lookup("__getitem__") == nil {
                    throw PyException.typeError("'\(v.typeName)' object is not reversible")
                }
            }
            if case .object(let o) = v, o is PyDict || o is PySet || o is PyIterator {
                if o is PyDict {
                    let keys = try iterateToArray(v)
                    return .object(ClosureIterator(BuiltinTypes.reversed, makeReverse(keys)))
                }
                throw PyException.typeError("'\(v.typeName)' object is not reversible")
            }
            let n = try length(v)
            var i = n - 1
            return .object(ClosureIterator(BuiltinTypes.reversed) {
                guard i >= 0 else { return nil }
                defer { i -= 1 }
                return try getItem(v, .int(i))
            })
        }
        add("enumerate") { args in
            guard let iterable = args.positional.first ?? args.keyword("iterable") else {
                throw PyException.typeError("enumerate() missing required argument 'iterable' (pos 1)")
            }
            let startValue = args.count > 1 ? args[1] : args.keyword("start") ?? .int(0)
            guard var index = numericInt(startValue) else {
                throw PyException.typeError("'\(startValue.typeName)' object cannot be interpreted as an integer")
            }
            let iterator = try makeIterator(iterable)
            return .object(ClosureIterator(BuiltinTypes.enumerate) {
                guard let v = try iterator.next() else { return nil }
                defer { index += 1 }
                return .tuple([.int(index), v])
            })
        }
        add("zip") { args in
            let iterators = try args.positional.map(makeIterator)
            let strict = try isTruthy(args.keyword("strict") ?? .false)
            return .object(ClosureIterator(BuiltinTypes.zip) {
                if iterators.isEmpty { return nil }
                var items: [Value] = []
                items.reserveCapacity(iterators.count)
                for (i, it) in iterators.enumerated() {
                    guard let v = try it.next() else {
                        if strict && i > 0 {
                            throw PyException.valueError("zip() argument \(i + 1) is shorter than argument\(i == 1 ? "" : "s") 1\(i == 1 ? "" : "-\(i)")")
                        }
                        return nil
                    }
                    items.append(v)
                }
                return .tuple(items)
            })
        }
        add("map") { args in
            guard args.count >= 2 else { throw PyException.typeError("map() must have at least two arguments.") }
            let function = args[0]
            let iterators = try args.positional.dropFirst().map(makeIterator)
            return .object(ClosureIterator(BuiltinTypes.map) {
                var items: [Value] = []
                for it in iterators {
                    guard let v = try it.next() else { return nil }
                    items.append(v)
                }
                return try callValue(function, Arguments(items))
            })
        }
        add("filter") { args in
            try args.expectCount("filter", 2...2)
            let function = args[0]
            let iterator = try makeIterator(args[1])
            return .object(ClosureIterator(BuiltinTypes.filter) {
                while let v = try iterator.next() {
                    let keep = function.isNone ? try isTruthy(v) : try isTruthy(try callValue(function, Arguments([v])))
                    if keep { return v }
                }
                return nil
            })
        }
        add("any") { args in
            try args.expectCount("any", 1...1)
            let it = try makeIterator(args[0])
            while let v = try it.next() { if try isTruthy(v) { return .true } }
            return .false
        }
        add("all") { args in
            try args.expectCount("all", 1...1)
            let it = try makeIterator(args[0])
            while let v = try it.next() { if !(try isTruthy(v)) { return .false } }
            return .true
        }
        add("iter") { args in
            try args.expectCount("iter", 1...2)
            if args.count == 2 {
                let callable = args[0], sentinel = args[1]
                return .object(ClosureIterator(BuiltinTypes.iterator) {
                    let v = try callValue(callable, Arguments())
                    return try equals(v, sentinel) ? nil : v
                })
            }
            return .object(try makeIterator(args[0]))
        }
        add("next") { args in
            try args.expectCount("next", 1...2)
            guard case .object(let o) = args[0], let it = o as? PyIterator ?? (try? makeIterator(args[0])).flatMap({ $0 === o ? $0 : nil }) else {
                if case .object(let o) = args[0], let inst = o as? PyInstance, inst.cls.lookup("__next__") != nil {
                    do {
                        return try inst.callSpecial("__next__", []) ?? .none
                    } catch let e as PyException where e.cls.isSubclass(of: BuiltinTypes.stopIteration) && args.count == 2 {
                        return args[1]
                    }
                }
                throw PyException.typeError("'\(args[0].typeName)' object is not an iterator")
            }
            if let v = try it.next() { return v }
            if args.count == 2 { return args[1] }
            throw (it as? PyGeneratorObject)?.stopIteration() ?? PyException.stopIteration()
        }
        add("isinstance") { args in
            try args.expectCount("isinstance", 2...2)
            return .bool(try isInstance(args[0], args[1]))
        }
        add("issubclass") { args in
            try args.expectCount("issubclass", 2...2)
            guard case .object(let o) = args[0], let c = o as? PyClass else {
                throw PyException.typeError("issubclass() arg 1 must be a class")
            }
            return .bool(try classMatches(c, args[1], function: "issubclass"))
        }
        add("hasattr") { args in
            try args.expectCount("hasattr", 2...2)
            guard case .str(let name) = args[1] else { throw PyException.typeError("attribute name must be string, not '\(args[1].typeName)'") }
            do {
                return .bool(try lookupAttribute(args[0], name) != nil)
            } catch let e as PyException where e.cls.isSubclass(of: BuiltinTypes.attributeError) {
                return .false
            }
        }
        add("getattr") { args in
            try args.expectCount("getattr", 2...3)
            guard case .str(let name) = args[1] else { throw PyException.typeError("attribute name must be string, not '\(args[1].typeName)'") }
            do {
                return try getAttribute(args[0], name)
            } catch let e as PyException where e.cls.isSubclass(of: BuiltinTypes.attributeError) && args.count == 3 {
                return args[2]
            }
        }
        add("setattr") { args in
            try args.expectCount("setattr", 3...3)
            guard case .str(let name) = args[1] else { throw PyException.typeError("attribute name must be string, not '\(args[1].typeName)'") }
            try setAttribute(args[0], name, args[2])
            return .none
        }
        add("delattr") { args in
            try args.expectCount("delattr", 2...2)
            guard case .str(let name) = args[1] else { throw PyException.typeError("attribute name must be string") }
            try deleteAttribute(args[0], name)
            return .none
        }
        for name in ["exec", "eval", "compile"] {
            add(name) { _ in
                throw PyException.notImplemented("\(name)() is not supported in the lesson language: it runs code given as a string")
            }
        }
        add("id") { args in
            try args.expectCount("id", 1...1)
            switch args[0] {
            case .object(let o): return .int(Int(bitPattern: UInt(bitPattern: ObjectIdentifier(o))))
            default: return .int(try hashOf(args[0]) &* 16 &+ 0x7f0000000000)
            }
        }
        add("hash") { args in
            try args.expectCount("hash", 1...1)
            return .int(try hashOf(args[0]))
        }
        add("chr") { args in
            try args.expectCount("chr", 1...1)
            guard let i = numericInt(args[0]) else {
                throw PyException.typeError("'\(args[0].typeName)' object cannot be interpreted as an integer")
            }
            guard i >= 0, i < 0x110000, let scalar = Unicode.Scalar(UInt32(i)) else {
                throw PyException.valueError("chr() arg not in range(0x110000)")
            }
            return .str(String(scalar))
        }
        add("ord") { args in
            try args.expectCount("ord", 1...1)
            switch args[0] {
            case .str(let s):
                let scalars = s.unicodeScalars
                guard scalars.count == 1, let c = scalars.first else {
                    throw PyException.typeError("ord() expected a character, but string of length \(scalars.count) found")
                }
                return .int(Int(c.value))
            case .object(let o):
                if let b = o as? PyBytes {
                    guard b.bytes.count == 1 else { throw PyException.typeError("ord() expected a character, but string of length \(b.bytes.count) found") }
                    return .int(Int(b.bytes[0]))
                }
            default: break
            }
            throw PyException.typeError("ord() expected string of length 1, but \(args[0].typeName) found")
        }
        for (name, radix, prefix) in [("hex", 16, "0x"), ("oct", 8, "0o"), ("bin", 2, "0b")] {
            add(name) { args in
                try args.expectCount(name, 1...1)
                guard let i = try indexValue(args[0]) else {
                    throw PyException.typeError("'\(args[0].typeName)' object cannot be interpreted as an integer")
                }
                return .str((i < 0 ? "-" : "") + prefix + String(i.magnitude, radix: radix))
            }
        }
        add("callable") { args in
            try args.expectCount("callable", 1...1)
            if case .object(let o) = args[0] { return .bool(o.isCallable) }
            return .false
        }
        add("vars") { args in
            guard let v = args.positional.first else { return .object(globalsDict(interpreter.mainModule.globals)) }
            if let d = try lookupAttribute(v, "__dict__") { return d }
            throw PyException.typeError("vars() argument must have __dict__ attribute")
        }
        add("globals") { _ in .object(globalsDict(interpreter.mainModule.globals)) }
        add("locals") { _ in .object(globalsDict(interpreter.mainModule.globals)) }
        add("dir") { args in
            guard let v = args.positional.first else {
                return .list(interpreter.mainModule.globals.items().map(\.0).sorted().map { .str($0) })
            }
            if case .object(let o) = v, o is PyClass || type(of: o) == PyInstance.self {
                return .list(Suggestions.dir(v).map { .str($0) })
            }
            var names = Set<String>()
            if case .object(let o) = v { names.formUnion(o.attributeNames()) }
            if case .object(let o) = v, let c = o as? PyClass { for k in c.mro.flatMap({ $0.dict.keys }) { names.insert(k) } }
            for c in v.pyClass.mro { names.formUnion(c.dict.keys) }
            return .list(names.sorted().map { .str($0) })
        }
        add("super") { args in
            guard args.count == 2, case .object(let o) = args[0], let c = o as? PyClass else {
                throw PyException.runtimeError("super(): no arguments")
            }
            return .object(PySuper(start: c, receiver: args[1]))
        }
        add("input") { _ in throw PyException(BuiltinTypes.exception("EOFError"), "EOF when reading a line") }
        add("open") { args in try PyFile.open(args) }
        add("exit") { _ in throw PyException(BuiltinTypes.exception("SystemExit")) }
        add("quit") { _ in throw PyException(BuiltinTypes.exception("SystemExit")) }
        add("__import__") { args in
            guard case .str(let name)? = args.positional.first else { throw PyException.typeError("__import__() argument 1 must be str") }
            let m = try interpreter.importModule(name)
            if let top = name.split(separator: ".").first, top.count != name.count { return .object(try interpreter.importModule(String(top))) }
            return .object(m)
        }
    }

    static func makeReverse(_ items: [Value]) -> () throws -> Value? {
        var i = items.count - 1
        return {
            guard i >= 0 else { return nil }
            defer { i -= 1 }
            return items[i]
        }
    }

    static func globalsDict(_ g: Globals) -> PyDict {
        let d = PyDict()
        for (k, v) in g.items() { d.storage.set(.str(k), v) }
        d.mirroredGlobals = g    // `globals()["name"] = value` defines the global
        return d
    }

    static func classMatches(_ c: PyClass, _ spec: Value, function: String) throws -> Bool {
        if case .object(let o) = spec {
            if let target = o as? PyClass { return c.isSubclass(of: target) }
            if let t = o as? PyTuple {
                for item in t.items where try classMatches(c, item, function: function) { return true }
                return false
            }
        }
        throw PyException.typeError("\(function)() arg 2 must be a type, a tuple of types, or a union")
    }

    static func isInstance(_ v: Value, _ spec: Value) throws -> Bool {
        try classMatches(v.pyClass, spec, function: "isinstance")
    }

    static func minMax(_ args: Arguments, _ name: String, wantMax: Bool) throws -> Value {
        let key = args.keyword("key").flatMap { $0.isNone ? nil : $0 }
        let defaultValue = args.keyword("default")
        for (k, _) in args.keywords where k != "key" && k != "default" {
            throw PyException.typeError("'\(k)' is an invalid keyword argument for \(name)()")
        }
        var candidates: [Value]
        if args.count == 0 { throw PyException.typeError("\(name) expected at least 1 argument, got 0") }
        if args.count == 1 {
            candidates = try iterateToArray(args[0])
        } else {
            if defaultValue != nil {
                throw PyException.typeError("Cannot specify a default for \(name)() with multiple positional arguments")
            }
            candidates = args.positional
        }
        guard var best = candidates.first else {
            if let d = defaultValue { return d }
            throw PyException.valueError("\(name)() arg is an empty sequence")
        }
        var bestKey = try key.map { try callValue($0, Arguments([best])) } ?? best
        for item in candidates.dropFirst() {
            let k = try key.map { try callValue($0, Arguments([item])) } ?? item
            // CPython asks `item > best` for max and `item < best` for min.
            let better: Bool
            if case .int(let x) = k, case .int(let y) = bestKey {
                better = wantMax ? x > y : x < y
            } else if wantMax {
                better = try isTruthy(try compareValues(k, .greater, bestKey))
            } else {
                better = try lessThan(k, bestKey)
            }
            if better {
                best = item
                bestKey = k
            }
        }
        return best
    }
}

/// `ascii(x)`: the repr with non-ASCII characters escaped (`\xe9`, `\u20ac`, `\U0001f600`).
func asciiRepr(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        let v = scalar.value
        if v < 0x80 { out.unicodeScalars.append(scalar); continue }
        let hex = String(v, radix: 16)
        if v <= 0xff { out += "\\x" + String(repeating: "0", count: 2 - hex.count) + hex }
        else if v <= 0xffff { out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex }
        else { out += "\\U" + String(repeating: "0", count: 8 - hex.count) + hex }
    }
    return out
}
