// The binding API used by torch/tiktoken/re: native functions with Python signatures,
// native classes, and Swift objects with operator, subscript and iteration dispatch.
import Testing
import Python

/// A Swift value exposed to scripts: supports `+`, `@`, `[...]`, `len`, iteration, repr.
final class BoxObject: PyObject {
    static let boxClass: NativeClass = {
        let c = NativeClass(name: "Box", module: "demo_native")
        c.addMethod("doubled", signature: "times=2") { this, args in
            guard case .object(let o) = this, let box = o as? BoxObject else { return .none }
            return .object(BoxObject(box.value * (try args.int("times"))))
        }
        c.addProperty("value", get: { this in
            guard case .object(let o) = this, let box = o as? BoxObject else { return .none }
            return .int(box.value)
        })
        c.setConstructor(signature: "value") { _, args in .object(BoxObject(try args.int("value"))) }
        return c
    }()

    let value: Int
    init(_ value: Int) { self.value = value }

    override var pyClass: PyClass { BoxObject.boxClass.pyClass }

    override func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        let rhs: Int
        if case .int(let i) = other { rhs = i } else if case .object(let o) = other, let b = o as? BoxObject { rhs = b.value } else { return nil }
        switch op {
        case .add: return .object(BoxObject(value + rhs))
        case .matrixMultiply: return .str(reflected ? "\(rhs)@\(value)" : "\(value)@\(rhs)")
        default: return nil
        }
    }

    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard case .object(let o) = other, let b = o as? BoxObject else { return nil }
        switch op {
        case .equal: return .bool(value == b.value)
        case .less: return .bool(value < b.value)
        default: return nil
        }
    }

    override func getItem(_ key: Value) throws -> Value? {
        // Echo the key's structure so tests can see what indexing passes.
        .str(try describe(key))
    }

    private func describe(_ key: Value) throws -> String {
        if case .object(let o) = key {
            if let t = o as? PyTuple { return "(" + (try t.items.map(describe)).joined(separator: ", ") + ")" }
            if let s = o as? PySlice { return "slice(\(try Python.repr(s.start)), \(try Python.repr(s.stop)), \(try Python.repr(s.step)))" }
            if o === EllipsisObject.shared { return "Ellipsis" }
        }
        return try Python.repr(key)
    }

    override func length() throws -> Int? { value }

    override func makeIterator() throws -> PyIterator? {
        var i = 0
        let n = value
        return ClosureIterator(BuiltinTypes.iterator) {
            guard i < n else { return nil }
            defer { i += 1 }
            return .int(i)
        }
    }

    override func repr() throws -> String { "Box(\(value))" }
}

@Suite struct NativeModuleTests {
    static let registered: Bool = {
        Interpreter.registerNativeModule("demo_native") { _ in
            let m = NativeModule(name: "demo_native")
            m.addFunction("combine", signature: "a, b=2, *rest, scale=1.0, **options") { args in
                let total = Double(try args.int("a") + (try args.int("b"))) * (try args.double("scale"))
                return .tuple([.float(total), args["rest"], args["options"]])
            }
            m.addFunction("shape", signature: "*size") { args in .list(try args.intList("size").map { .int($0) }) }
            m.addClass(BoxObject.boxClass)
            m.add("answer", .int(42))
            return m.module
        }
        return true
    }()

    func run(_ source: String) -> String {
        _ = NativeModuleTests.registered
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        do {
            try interpreter.run(source: source, filename: "native.py")
        } catch let e as ScriptError {
            out += e.rendered
        } catch {
            out += "\(error)"
        }
        return out
    }

    @Test func functionsBindPythonSignatures() {
        let out = run("""
        import demo_native as d
        print(d.combine(1), d.combine(1, 3, 4, 5, scale=0.5, flag=True), d.answer)
        print(d.shape(2, 3), d.shape((4, 5)), d.shape([6]), d.shape(7))
        d.combine(1, bad=2, scale=1, b=3)
        """)
        #expect(out == """
        (3.0, (), {}) (2.0, (4, 5), {'flag': True}) 42
        [2, 3] [4, 5] [6] [7]

        """)
        let missing = run("from demo_native import combine\ncombine()\n")
        #expect(missing.hasSuffix("TypeError: combine() missing 1 required positional argument: 'a'\n"))
    }

    @Test func wrappedObjectsDispatchOperators() {
        let out = run("""
        from demo_native import Box
        b = Box(3)
        print(b, b + 4, 4 + b, b @ 2, 2 @ b, b == Box(3), b < Box(5), len(b), list(b), b.value, b.doubled(), b.doubled(times=5))
        print(b[0], b[1:2], b[:, None, 0:2, ...], b[::2], b["key"])
        print([x * 10 for x in b], type(b).__name__, isinstance(b, Box))
        b - 1
        """)
        #expect(out == """
        Box(3) Box(7) Box(7) 3@2 2@3 True True 3 [0, 1, 2] 3 Box(6) Box(15)
        0 slice(1, 2, None) (slice(None, None, None), None, slice(0, 2, None), Ellipsis) slice(None, None, 2) 'key'
        [0, 10, 20] Box True
        Traceback (most recent call last):
          File "native.py", line 6, in <module>
            b - 1
            ^^^^^
        TypeError: unsupported operand type(s) for -: 'Box' and 'int'

        """)
    }

    @Test func scriptClassesCanSubclassNativeClasses() {
        let out = run("""
        from demo_native import Box
        class Labelled(Box):
            def label(self):
                return "box"
        print(Labelled.__mro__[1].__name__, Labelled.__name__)
        """)
        #expect(out == "Box Labelled\n")
    }
}
