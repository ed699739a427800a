// The builtin type objects (`int`, `str`, `list`, ..., the exception classes), created
// once and shared by every interpreter; their methods are installed from *Methods.swift.

/// Builtin types. All are immutable after creation.
public enum BuiltinTypes {
    public static let object: PyClass = {
        let c = PyClass(name: "object", bases: [])
        c.constructor = { cls, args in
            if cls === BuiltinTypes.object {
                if !args.positional.isEmpty || !args.keywords.isEmpty { throw PyException.typeError("object() takes no arguments") }
                return .object(PyInstance(cls: cls))
            }
            if !args.positional.isEmpty || !args.keywords.isEmpty { throw PyException.typeError("\(cls.name)() takes no arguments") }
            return .object(PyInstance(cls: cls))
        }
        c.dict["__init__"] = .object(PyBuiltinFunction(name: "__init__") { _ in .none })
        c.dict["__new__"] = .object(PyStaticMethod(.object(PyBuiltinFunction(name: "__new__") { args in
            guard case .object(let o)? = args.positional.first, let cls = o as? PyClass else {
                throw PyException.typeError("object.__new__(X): X is not a type object (\(args.positional.first?.typeName ?? "NoneType"))")
            }
            return cls.allocateInstance()
        })))
        c.dict["__setattr__"] = .object(PyBuiltinFunction(name: "__setattr__") { args in
            try args.expectCount("__setattr__", 3...3)
            guard case .str(let name) = args[1] else {
                throw PyException.typeError("attribute name must be string, not '\(args[1].typeName)'")
            }
            if case .object(let o) = args[0], let instance = o as? PyInstance {
                try instance.setAttributeIgnoringOverride(name, args[2])
            } else {
                try setAttribute(args[0], name, args[2])
            }
            return .none
        })
        c.dict["__delattr__"] = .object(PyBuiltinFunction(name: "__delattr__") { args in
            try args.expectCount("__delattr__", 2...2)
            guard case .str(let name) = args[1] else {
                throw PyException.typeError("attribute name must be string, not '\(args[1].typeName)'")
            }
            if case .object(let o) = args[0], let instance = o as? PyInstance {
                if try !instance.deleteAttributeIgnoringOverride(name) { throw Python.attributeError(args[0], name) }
            } else {
                try deleteAttribute(args[0], name)
            }
            return .none
        })
        return c
    }()
    public static let type: PyClass = make("type") { c in
        c.constructor = { _, args in
            if args.positional.count == 1 { return .object(args[0].pyClass) }
            throw PyException.typeError("type() takes 1 argument (dynamic class creation is not supported in the lesson language)")
        }
    }
    public static let int: PyClass = make("int") { NumberMethods.installInt($0) }
    public static let bool: PyClass = make("bool", base: int) { c in
        c.isSubclassable = false
        c.constructor = { _, args in
            try args.expectCount("bool", 0...1)
            return .bool(try args.positional.first.map(isTruthy) ?? false)
        }
    }
    public static let float: PyClass = make("float") { NumberMethods.installFloat($0) }
    public static let str: PyClass = make("str") { StringMethods.install($0) }
    public static let bytes: PyClass = make("bytes") { StringMethods.installBytes($0) }
    public static let byteArray: PyClass = make("bytearray") { StringMethods.installByteArray($0) }
    public static let noneType: PyClass = make("NoneType") { c in
        c.constructor = { _, _ in .none }
    }
    public static let list: PyClass = make("list") { ListMethods.installList($0) }
    public static let tuple: PyClass = make("tuple") { ListMethods.installTuple($0) }
    public static let dict: PyClass = make("dict") { DictMethods.installDict($0) }
    public static let set: PyClass = make("set") { DictMethods.installSet($0, frozen: false) }
    public static let frozenset: PyClass = make("frozenset") { DictMethods.installSet($0, frozen: true) }
    public static let range: PyClass = make("range") { c in
        c.constructor = { _, args in
            try args.expectNoKeywords("range")
            func integer(_ v: Value) throws -> Int {
                guard let i = try indexValue(v) else {
                    throw PyException.typeError("'\(v.typeName)' object cannot be interpreted as an integer")
                }
                return i
            }
            let p = args.positional
            switch p.count {
            case 1: return .object(PyRange(start: 0, stop: try integer(p[0]), step: 1))
            case 2: return .object(PyRange(start: try integer(p[0]), stop: try integer(p[1]), step: 1))
            case 3:
                let step = try integer(p[2])
                if step == 0 { throw PyException.valueError("range() arg 3 must not be zero") }
                return .object(PyRange(start: try integer(p[0]), stop: try integer(p[1]), step: step))
            case 0: throw PyException.typeError("range expected at least 1 argument, got 0")
            default: throw PyException.typeError("range expected at most 3 arguments, got \(p.count)")
            }
        }
        c.method("index") { args in
            guard case .object(let o) = args[0], let r = o as? PyRange, args.count == 2 else { return .none }
            if try r.contains(args[1]) == true, case .int(let v) = args[1] { return .int((v - r.start) / r.step) }
            throw PyException.valueError("\(try repr(args[1])) is not in range")
        }
    }
    public static let slice: PyClass = make("slice") { c in
        c.constructor = { _, args in
            let p = args.positional
            switch p.count {
            case 1: return .object(PySlice(start: .none, stop: p[0], step: .none))
            case 2: return .object(PySlice(start: p[0], stop: p[1], step: .none))
            case 3: return .object(PySlice(start: p[0], stop: p[1], step: p[2]))
            default: throw PyException.typeError("slice expected at least 1 argument, got \(p.count)")
            }
        }
        c.method("indices") { args in
            guard case .object(let o) = args[0], let s = o as? PySlice, args.count == 2,
                  let n = numericInt(args[1]) else {
                throw PyException.typeError("indices() takes exactly one argument")
            }
            let (start, stop, step, _) = try s.indices(n)
            return .tuple([.int(start), .int(stop), .int(step)])
        }
    }
    public static let ellipsis: PyClass = make("ellipsis")
    public static let notImplementedType: PyClass = make("NotImplementedType")
    public static let function: PyClass = make("function")
    public static let builtinFunction: PyClass = make("builtin_function_or_method")
    public static let method: PyClass = make("method")
    public static let module: PyClass = make("module")
    public static let property: PyClass = make("property") { c in
        c.constructor = { _, args in
            try args.expectCount("property", 0...4)
            func argument(_ i: Int, _ name: String) -> Value {
                args.positional.count > i ? args[i] : args.keyword(name) ?? .none
            }
            return .object(PyProperty(getter: argument(0, "fget"), setter: argument(1, "fset"),
                                      deleter: argument(2, "fdel"), doc: argument(3, "doc")))
        }
    }
    public static let staticMethod: PyClass = make("staticmethod") { c in
        c.constructor = { _, args in
            try args.expectCount("staticmethod", 1...1)
            return .object(PyStaticMethod(args[0]))
        }
    }
    public static let classMethod: PyClass = make("classmethod") { c in
        c.constructor = { _, args in
            try args.expectCount("classmethod", 1...1)
            return .object(PyClassMethod(args[0]))
        }
    }
    public static let superType: PyClass = make("super")
    public static let iterator: PyClass = make("iterator") { installIterator($0) }
    public static let listIterator: PyClass = make("list_iterator") { installIterator($0) }
    public static let rangeIterator: PyClass = make("range_iterator") { installIterator($0) }
    public static let strIterator: PyClass = make("str_ascii_iterator") { installIterator($0) }
    public static let dictIterator: PyClass = make("dict_keyiterator") { installIterator($0) }
    public static let enumerate: PyClass = make("enumerate") { installIterator($0) }
    public static let zip: PyClass = make("zip") { installIterator($0) }
    public static let map: PyClass = make("map") { installIterator($0) }
    public static let filter: PyClass = make("filter") { installIterator($0) }
    public static let reversed: PyClass = make("reversed") { installIterator($0) }
    public static let generator: PyClass = make("generator") { installIterator($0) }
    public static let dictKeys: PyClass = make("dict_keys")
    public static let dictValues: PyClass = make("dict_values")
    public static let dictItems: PyClass = make("dict_items")
    public static let cell: PyClass = make("cell")
    public static let traceback: PyClass = make("traceback")

    static let exceptions: [String: PyClass] = ExceptionHierarchy.make()

    /// The builtin exception class `name` (e.g. "ValueError").
    public static func exception(_ name: String) -> PyClass {
        exceptions[name] ?? exceptions["Exception"] ?? object
    }

    public static let baseException = exception("BaseException")
    public static let exceptionType = exception("Exception")
    public static let typeError = exception("TypeError")
    public static let valueError = exception("ValueError")
    public static let indexError = exception("IndexError")
    public static let keyError = exception("KeyError")
    public static let attributeError = exception("AttributeError")
    public static let nameError = exception("NameError")
    public static let unboundLocalError = exception("UnboundLocalError")
    public static let runtimeError = exception("RuntimeError")
    public static let zeroDivisionError = exception("ZeroDivisionError")
    public static let overflowError = exception("OverflowError")
    public static let notImplementedError = exception("NotImplementedError")
    public static let stopIteration = exception("StopIteration")
    public static let assertionError = exception("AssertionError")
    public static let recursionError = exception("RecursionError")
    public static let keyboardInterrupt = exception("KeyboardInterrupt")
    public static let importError = exception("ImportError")
    public static let moduleNotFoundError = exception("ModuleNotFoundError")
    public static let fileNotFoundError = exception("FileNotFoundError")
    public static let osError = exception("OSError")
    public static let syntaxError = exception("SyntaxError")
    public static let memoryError = exception("MemoryError")

    private static func make(_ name: String, base: PyClass? = nil, _ setup: (PyClass) -> Void = { _ in }) -> PyClass {
        let c = PyClass(name: name, bases: [base ?? object])
        c.isBuiltinType = true
        setup(c)
        return c
    }

    /// `__next__` and `__iter__` for a native iterator type (also itertools' and collections').
    static func installIterator(_ c: PyClass) {
        c.isSubclassable = false
        c.method("__next__") { args in
            guard case .object(let o) = args[0], let it = o as? PyIterator else { return .none }
            guard let v = try it.next() else { throw PyException.stopIteration() }
            return v
        }
        c.method("__iter__") { args in args[0] }
    }
}

extension PyClass {
    /// Adds a Swift method; `args[0]` is `self`.
    public func method(_ name: String, _ body: @escaping (Arguments) throws -> Value) {
        let f = PyBuiltinFunction(name: name, body)
        f.ownerName = self.name
        dict[name] = .object(f)
    }
}
