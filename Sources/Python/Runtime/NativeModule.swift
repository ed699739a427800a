// The API for modules and classes written in Swift (torch, tiktoken, re, safetensors, math):
// how bindings declare functions with Python signatures, wrap Swift objects and register
// modules with the interpreter.
//
// # Writing a native module
//
//     let m = NativeModule(name: "torch")
//     m.addFunction("manual_seed", signature: "seed") { args in
//         generator.seed(try args.int("seed"))
//         return .none
//     }
//     m.addFunction("zeros", signature: "*size, dtype=None, requires_grad=False") { args in
//         let shape = try args.intList("size")          // zeros(2, 3) and zeros((2, 3)) both work
//         ...
//     }
//     m.add("float32", someDTypeValue)
//     m.addSubmodule(nnModule)                            // import torch.nn / torch.nn.Linear
//     Interpreter.registerNativeModule("torch") { _ in m.module }
//
// Signatures use Python's parameter syntax: positional parameters, defaults written as
// Python literals (None, True, 1, -1.5, "mean", (1, 2)), `*args`, a bare `*` before
// keyword-only parameters, and `**kwargs`. Binding errors use CPython's messages
// (`zeros() got an unexpected keyword argument 'x'`). `BoundArguments` converts values:
// `int`, `double`, `bool`, `string`, `optionalInt`, `intList`, `value`, `object(as:)`.
//
// # Wrapping a Swift type (e.g. Tensor)
//
// Subclass `PyObject` and override the slots you support; each returns nil/false for
// "not supported" so the interpreter can fall back and raise Python's TypeError:
//
//     final class TensorObject: PyObject {
//         let tensor: Tensor
//         override var pyClass: PyClass { tensorClass.pyClass }          // methods live here
//         override func getAttribute(_ name: String) throws -> Value? {   // dynamic attributes
//             name == "shape" ? sizeValue(tensor.shape) : nil
//         }
//         override func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
//             // op is .add, .subtract, .multiply, .matrixMultiply, .divide, .power, ...
//             // reflected == true means `other <op> self` (e.g. 2 * t).
//         }
//         override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? { ... }  // == < >= ...
//         override func unaryOperation(_ op: UnaryOperator) throws -> Value? { ... }           // -t
//         override func getItem(_ key: Value) throws -> Value? { ... }    // t[0], t[:, None, 0:2, ...]
//         override func setItem(_ key: Value, _ value: Value) throws -> Bool { ... }
//         override func length() throws -> Int? { ... }                  // len(t)
//         override func makeIterator() throws -> PyIterator? { ... }     // for row in t
//         override func repr() throws -> String { ... }                  // print(t), shell echo
//         override func truthValue() throws -> Bool? { ... }             // if t:
//         override func toFloat() / toInt() / toIndex()                  // float(t), int(t), range(t)
//         override func format(_ spec: String) throws -> String?          // f"{t:.4f}"
//     }
//
// Subscript keys arrive as Python values: an int, a `PySlice` (start/stop/step Values),
// `.none` for None, `EllipsisObject.shared` for `...`, or a `PyTuple` of those.
//
// The methods of a wrapped type are declared on a `NativeClass`; `self` is the receiver:
//
//     let tensorClass = NativeClass(name: "Tensor", module: "torch")
//     tensorClass.addMethod("view", signature: "*shape") { this, args in ... }
//     tensorClass.addProperty("T", get: { this in ... })
//     tensorClass.setConstructor(signature: "data") { cls, args in ... }   // torch.Tensor(...)
//
// Python classes may subclass a native class (`class GPT(nn.Module)`); set
// `pyClass.instanceFactory` to give such instances Swift state (a `PyInstance` subclass).
//
// Swift errors thrown by bindings become Python exceptions: throw `PyException` directly
// (`PyException.valueError("...")`, `PyException(BuiltinTypes.runtimeError, "...")`), or
// register a converter once with `ErrorConversion.register { error in ... }`.

/// A module implemented in Swift.
public final class NativeModule {
    public let module: PyModule
    public var name: String { module.name }

    public init(name: String) {
        module = PyModule(name: name)
    }

    /// Binds `name` to a value in the module.
    public func add(_ name: String, _ value: Value) {
        module.globals[name] = value
    }

    /// Adds a function taking raw arguments.
    public func addFunction(_ name: String, _ body: @escaping (Arguments) throws -> Value) {
        module.globals[name] = .object(PyBuiltinFunction(name: name, body))
    }

    /// Adds a function with a Python signature, e.g. `"input, dim=None, *, keepdim=False"`.
    public func addFunction(_ name: String, signature: String, _ body: @escaping (BoundArguments) throws -> Value) {
        let sig = Signature(name: name, signature)
        let function = PyBuiltinFunction(name: name) { args in try body(try sig.bind(args)) }
        function.signature = sig
        module.globals[name] = .object(function)
    }

    /// Adds a class.
    public func addClass(_ cls: NativeClass) {
        cls.pyClass.moduleName = name
        module.globals[cls.pyClass.name] = .object(cls.pyClass)
    }

    /// Adds a submodule (`torch.nn`): reachable as an attribute and by `import torch.nn`.
    public func addSubmodule(_ sub: NativeModule, as attributeName: String? = nil) {
        let short = attributeName ?? String(sub.name.split(separator: ".").last ?? Substring(sub.name))
        module.globals[short] = .object(sub.module)
    }
}

/// A class implemented in Swift, with methods, properties and a constructor.
public final class NativeClass {
    public let pyClass: PyClass

    public init(name: String, module: String, base: PyClass? = nil) {
        pyClass = PyClass(name: name, bases: [base ?? BuiltinTypes.object], moduleName: module)
    }

    /// A method; `this` is the receiver (`self`).
    public func addMethod(_ name: String, signature: String? = nil, _ body: @escaping (Value, BoundArguments) throws -> Value) {
        let sig = Signature(name: name, signature ?? "*args, **kwargs")
        let className = pyClass.name
        let function = PyBuiltinFunction(name: name) { args in
            guard let this = args.positional.first else {
                throw PyException.typeError("descriptor '\(name)' of '\(className)' object needs an argument")
            }
            return try body(this, try sig.bind(Arguments(Array(args.positional.dropFirst()), args.keywords)))
        }
        function.signature = sig
        function.signatureTakesReceiver = true
        pyClass.dict[name] = .object(function)
    }

    /// A method taking raw arguments (`args[0]` is the receiver).
    public func addRawMethod(_ name: String, _ body: @escaping (Arguments) throws -> Value) {
        pyClass.dict[name] = .object(PyBuiltinFunction(name: name, body))
    }

    /// A read-only (or, with `set`, writable) property.
    public func addProperty(_ name: String, get: @escaping (Value) throws -> Value, set: ((Value, Value) throws -> Void)? = nil) {
        let getter = PyBuiltinFunction(name: name) { args in try get(args.positional.first ?? .none) }
        var setter = Value.none
        if let set = set {
            setter = .object(PyBuiltinFunction(name: name) { args in
                try set(args.positional.first ?? .none, args.positional.count > 1 ? args[1] : .none)
                return .none
            })
        }
        pyClass.dict[name] = .object(PyProperty(getter: .object(getter), setter: setter))
        pyClass.hasDataDescriptors = true
    }

    /// A static method (`torch.Tensor.something(...)` without a receiver).
    public func addStaticMethod(_ name: String, signature: String, _ body: @escaping (BoundArguments) throws -> Value) {
        let sig = Signature(name: name, signature)
        pyClass.dict[name] = .object(PyStaticMethod(.object(PyBuiltinFunction(name: name) { args in try body(try sig.bind(args)) })))
    }

    /// What `ClassName(...)` returns (used when no Python subclass defines `__init__`).
    public func setConstructor(signature: String, _ body: @escaping (PyClass, BoundArguments) throws -> Value) {
        let sig = Signature(name: pyClass.name, signature)
        pyClass.constructor = { cls, args in try body(cls, try sig.bind(args)) }
        pyClass.constructorSignature = sig
    }
}

/// A parsed Python parameter list used to bind native call arguments.
public struct Signature {
    struct Parameter {
        let name: String
        let defaultValue: Value?
        let keywordOnly: Bool
    }
    public let functionName: String
    let parameters: [Parameter]
    let varArgs: String?
    let varKeywords: String?
    let positionalCount: Int

    /// Parses `text` (the inside of `def f(...)`). An unparsable signature accepts anything.
    public init(name: String, _ text: String) {
        functionName = name
        var parameters: [Parameter] = []
        var varArgs: String?
        var varKeywords: String?
        if let module = try? Parser.parse("def f(\(text)): pass"), case .functionDefinition(let def)? = module.body.first?.kind {
            let p = def.parameters
            for param in p.positional {
                parameters.append(Parameter(name: param.name, defaultValue: param.defaultValue.flatMap(Signature.literal), keywordOnly: false))
            }
            for param in p.keywordOnly {
                parameters.append(Parameter(name: param.name, defaultValue: param.defaultValue.flatMap(Signature.literal), keywordOnly: true))
            }
            varArgs = p.varArgs
            varKeywords = p.varKeywords
        } else {
            varArgs = "args"
            varKeywords = "kwargs"
        }
        self.parameters = parameters
        self.varArgs = varArgs
        self.varKeywords = varKeywords
        positionalCount = parameters.filter { !$0.keywordOnly }.count
    }

    /// Evaluates a default written as a Python literal.
    static func literal(_ e: Expr) -> Value? {
        switch e.kind {
        case .constant(let k): return Compiler.constant(k)
        case .unary(.minus, let inner):
            if case .constant(.int(let i)) = inner.kind { return .int(-i) }
            if case .constant(.float(let d)) = inner.kind { return .float(-d) }
            return nil
        case .tuple(let items): return .tuple(items.compactMap(literal))
        case .list(let items): return .list(items.compactMap(literal))
        default: return nil
        }
    }

    /// Binds arguments to parameters, applying defaults; CPython's messages on mismatch.
    public func bind(_ arguments: Arguments) throws -> BoundArguments {
        var values = [Value?](repeating: nil, count: parameters.count)
        let positional = arguments.positional
        for i in 0..<min(positional.count, positionalCount) { values[i] = positional[i] }
        var extraPositional: [Value] = []
        if positional.count > positionalCount {
            guard varArgs != nil else {
                throw PyException.typeError("\(functionName)() takes \(positionalCount) positional argument\(positionalCount == 1 ? "" : "s") but \(positional.count) were given")
            }
            extraPositional = Array(positional[positionalCount...])
        }
        var extraKeywords: [(String, Value)] = []
        for (name, value) in arguments.keywords {
            if let i = parameters.firstIndex(where: { $0.name == name }) {
                if values[i] != nil { throw PyException.typeError("\(functionName)() got multiple values for argument '\(name)'") }
                values[i] = value
            } else if varKeywords != nil {
                extraKeywords.append((name, value))
            } else {
                throw PyException.typeError("\(functionName)() got an unexpected keyword argument '\(name)'")
            }
        }
        for (i, p) in parameters.enumerated() where values[i] == nil {
            if let d = p.defaultValue {
                values[i] = d
            } else {
                throw PyException.typeError(p.keywordOnly
                    ? "\(functionName)() missing 1 required keyword-only argument: '\(p.name)'"
                    : "\(functionName)() missing 1 required positional argument: '\(p.name)'")
            }
        }
        var named: [String: Value] = [:]
        for (i, p) in parameters.enumerated() { named[p.name] = values[i] ?? Value.none }
        if let v = varArgs { named[v] = .tuple(extraPositional) }
        if let k = varKeywords {
            let d = PyDict()
            for (name, value) in extraKeywords { try d.set(.str(name), value) }
            named[k] = .object(d)
        }
        return BoundArguments(functionName: functionName, values: named, extraPositional: extraPositional, extraKeywords: extraKeywords)
    }
}

/// Arguments bound to a `Signature`, with typed accessors raising Python TypeErrors.
public struct BoundArguments {
    public let functionName: String
    let values: [String: Value]
    /// Positional arguments beyond the named parameters (the `*args` part).
    public let extraPositional: [Value]
    /// Keyword arguments not matching a parameter (the `**kwargs` part).
    public let extraKeywords: [(String, Value)]

    /// The value bound to `name` (None if the signature has no such parameter).
    public subscript(_ name: String) -> Value { values[name] ?? .none }

    public func value(_ name: String) -> Value { self[name] }

    public func isNone(_ name: String) -> Bool { self[name].isNone }

    private func typeError(_ name: String, _ expected: String) -> PyException {
        PyException.typeError("\(functionName)(): argument '\(name)' must be \(expected), not \(self[name].typeName)")
    }

    public func int(_ name: String) throws -> Int {
        let v = self[name]
        if let i = try indexValue(v) { return i }
        throw typeError(name, "int")
    }

    public func optionalInt(_ name: String) throws -> Int? {
        isNone(name) ? nil : try int(name)
    }

    public func double(_ name: String) throws -> Double {
        let v = self[name]
        if let d = numericDouble(v) { return d }
        if case .object(let o) = v, let d = try o.toFloat() { return d }
        throw typeError(name, "float")
    }

    public func optionalDouble(_ name: String) throws -> Double? {
        isNone(name) ? nil : try double(name)
    }

    public func bool(_ name: String) throws -> Bool {
        let v = self[name]
        if case .bool(let b) = v { return b }
        return try isTruthy(v)
    }

    public func string(_ name: String) throws -> String {
        if case .str(let s) = self[name] { return s }
        throw typeError(name, "str")
    }

    public func optionalString(_ name: String) throws -> String? {
        isNone(name) ? nil : try string(name)
    }

    /// A list of ints from `*size` varargs (`f(2, 3)` or `f((2, 3))` / `f([2, 3])`) or a
    /// single sequence/int parameter.
    public func intList(_ name: String) throws -> [Int] {
        var v = self[name]
        if case .object(let o) = v, let t = o as? PyTuple, t.items.count == 1 {
            if case .object(let inner) = t.items[0], inner is PyTuple || inner is PyList { v = t.items[0] }
            else if case .object(let inner) = t.items[0], (try? inner.makeIterator()) != nil, inner.pyClass.name == "Size" { v = t.items[0] }
        }
        if let i = try indexValue(v) { return [i] }
        return try iterateToArray(v).map { item in
            guard let i = try indexValue(item) else {
                throw PyException.typeError("\(functionName)(): argument '\(name)' must be tuple of ints, but found element of type \(item.typeName)")
            }
            return i
        }
    }

    /// The bound object cast to a Swift class (e.g. a tensor wrapper), or a TypeError.
    public func object<T: PyObject>(_ name: String, as type: T.Type, expected: String) throws -> T {
        if case .object(let o) = self[name], let t = o as? T { return t }
        throw typeError(name, expected)
    }
}

extension Value {
    /// The int value (bools count), or a TypeError naming `what`.
    public func asInt(_ what: String = "value") throws -> Int {
        if let i = try indexValue(self) { return i }
        throw PyException.typeError("\(what) must be int, not \(typeName)")
    }

    public func asDouble(_ what: String = "value") throws -> Double {
        if let d = numericDouble(self) { return d }
        if case .object(let o) = self, let d = try o.toFloat() { return d }
        throw PyException.typeError("\(what) must be real number, not \(typeName)")
    }

    public func asString(_ what: String = "value") throws -> String {
        if case .str(let s) = self { return s }
        throw PyException.typeError("\(what) must be str, not \(typeName)")
    }
}
