// Python's `operator` module: the operators as functions, plus itemgetter, attrgetter and
// methodcaller (callable objects with CPython's reprs).

/// itemgetter / attrgetter / methodcaller: a callable with a fixed repr.
final class OperatorCallable: PyObject {
    let cls: PyClass
    let text: String
    let body: (Value) throws -> Value

    init(cls: PyClass, text: String, body: @escaping (Value) throws -> Value) {
        self.cls = cls
        self.text = text
        self.body = body
    }

    override var pyClass: PyClass { cls }
    override var isCallable: Bool { true }

    override func call(_ args: Arguments) throws -> Value? {
        guard args.positional.count == 1, args.keywords.isEmpty else {
            throw PyException.typeError("\(cls.name) expected 1 argument, got \(args.positional.count)")
        }
        return try body(args[0])
    }

    override func repr() throws -> String { "operator.\(cls.name)(\(text))" }
}

enum OperatorModule {
    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "operator")
        let binaries: [(String, BinaryOperator)] = [
            ("add", .add), ("sub", .subtract), ("mul", .multiply), ("truediv", .divide), ("floordiv", .floorDivide),
            ("mod", .modulo), ("pow", .power), ("matmul", .matrixMultiply), ("lshift", .leftShift), ("rshift", .rightShift),
            ("and_", .bitAnd), ("or_", .bitOr), ("xor", .bitXor),
        ]
        for (name, op) in binaries {
            m.addFunction(name) { args in
                guard args.positional.count == 2 else { throw PyException.typeError("\(name) expected 2 arguments, got \(args.positional.count)") }
                return try binaryOp(op, args[0], args[1])
            }
            let inPlace = "i" + (name.hasSuffix("_") ? String(name.dropLast()) : name)
            m.addFunction(inPlace) { args in
                guard args.positional.count == 2 else { throw PyException.typeError("\(inPlace) expected 2 arguments, got \(args.positional.count)") }
                return try inPlaceOp(op, args[0], args[1])
            }
        }
        m.addFunction("concat", signature: "a, b") { args in try binaryOp(.add, args["a"], args["b"]) }
        let comparisons: [(String, CompareOperator)] = [("eq", .equal), ("ne", .notEqual), ("lt", .less), ("le", .lessEqual), ("gt", .greater), ("ge", .greaterEqual)]
        for (name, op) in comparisons {
            m.addFunction(name, signature: "a, b") { args in try compareValues(args["a"], op, args["b"]) }
        }
        let unaries: [(String, UnaryOperator)] = [("neg", .minus), ("pos", .plus), ("invert", .invert), ("inv", .invert)]
        for (name, op) in unaries {
            m.addFunction(name, signature: "a") { args in try unaryOp(op, args["a"]) }
        }
        m.addFunction("not_", signature: "a") { args in .bool(!(try isTruthy(args["a"]))) }
        m.addFunction("truth", signature: "a") { args in .bool(try isTruthy(args["a"])) }
        let builtins = Globals()
        Builtins.install(into: builtins, interpreter: interpreter)
        m.add("abs", builtins["abs"] ?? .none)
        m.addFunction("index", signature: "a") { args in
            guard let i = try indexValue(args["a"]) else {
                throw PyException.typeError("'\(args["a"].typeName)' object cannot be interpreted as an integer")
            }
            return .int(i)
        }
        m.addFunction("is_", signature: "a, b") { args in .bool(args["a"].isIdentical(to: args["b"])) }
        m.addFunction("is_not", signature: "a, b") { args in .bool(!args["a"].isIdentical(to: args["b"])) }
        m.addFunction("contains", signature: "a, b") { args in .bool(try contains(args["a"], args["b"])) }
        m.addFunction("countOf", signature: "a, b") { args in
            var n = 0
            try forEach(args["a"]) { if try $0.isIdentical(to: args["b"]) || equals($0, args["b"]) { n += 1 } }
            return .int(n)
        }
        m.addFunction("indexOf", signature: "a, b") { args in
            var i = 0
            var found: Int?
            try forEach(args["a"]) { v in
                if found == nil, try v.isIdentical(to: args["b"]) || equals(v, args["b"]) { found = i }
                i += 1
            }
            guard let f = found else { throw PyException.valueError("sequence.index(x): x not in sequence") }
            return .int(f)
        }
        m.addFunction("getitem", signature: "a, b") { args in try getItem(args["a"], args["b"]) }
        m.addFunction("setitem", signature: "a, b, c") { args in
            try setItem(args["a"], args["b"], args["c"])
            return .none
        }
        m.addFunction("delitem", signature: "a, b") { args in
            try deleteItem(args["a"], args["b"])
            return .none
        }
        addGetters(m)
        return m.module
    }

    static func addGetters(_ m: NativeModule) {
        let itemgetter = PyClass(name: "itemgetter", bases: [BuiltinTypes.object], moduleName: "operator")
        itemgetter.constructor = { c, args in
            try args.expectNoKeywords("itemgetter")
            let items = args.positional
            guard !items.isEmpty else { throw PyException.typeError("itemgetter expected 1 argument, got 0") }
            let text = try items.map { try repr($0) }.joined(separator: ", ")
            return .object(OperatorCallable(cls: c, text: text) { obj in
                if items.count == 1 { return try getItem(obj, items[0]) }
                return .tuple(try items.map { try getItem(obj, $0) })
            })
        }
        m.add("itemgetter", .object(itemgetter))
        let attrgetter = PyClass(name: "attrgetter", bases: [BuiltinTypes.object], moduleName: "operator")
        attrgetter.constructor = { c, args in
            try args.expectNoKeywords("attrgetter")
            guard !args.positional.isEmpty else { throw PyException.typeError("attrgetter expected 1 argument, got 0") }
            let names = try args.positional.map { v -> String in
                guard case .str(let s) = v else { throw PyException.typeError("attribute name must be a string") }
                return s
            }
            let text = names.map(stringRepr).joined(separator: ", ")
            func resolve(_ obj: Value, _ dotted: String) throws -> Value {
                var v = obj
                for part in dotted.split(separator: ".", omittingEmptySubsequences: false) { v = try getAttribute(v, String(part)) }
                return v
            }
            return .object(OperatorCallable(cls: c, text: text) { obj in
                if names.count == 1 { return try resolve(obj, names[0]) }
                return .tuple(try names.map { try resolve(obj, $0) })
            })
        }
        m.add("attrgetter", .object(attrgetter))
        let methodcaller = PyClass(name: "methodcaller", bases: [BuiltinTypes.object], moduleName: "operator")
        methodcaller.constructor = { c, args in
            guard case .str(let name)? = args.positional.first else {
                if args.positional.isEmpty { throw PyException.typeError("methodcaller needs at least one argument, the method name") }
                throw PyException.typeError("method name must be a string")
            }
            let rest = Array(args.positional.dropFirst())
            var parts = [stringRepr(name)]
            for v in rest { parts.append(try repr(v)) }
            for (k, v) in args.keywords { parts.append("\(k)=\(try repr(v))") }
            return .object(OperatorCallable(cls: c, text: parts.joined(separator: ", ")) { obj in
                try callValue(try getAttribute(obj, name), Arguments(rest, args.keywords))
            })
        }
        m.add("methodcaller", .object(methodcaller))
    }
}
