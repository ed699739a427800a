// Python's `inspect`: signature() of Python functions, methods, classes and native functions
// (from their declared signature strings), Parameter kinds, and the is* predicates.

/// One parameter as inspect sees it.
struct InspectParameter {
    enum Kind: Int, CaseIterable {
        case positionalOnly, positionalOrKeyword, varPositional, keywordOnly, varKeyword
        var name: String { ["POSITIONAL_ONLY", "POSITIONAL_OR_KEYWORD", "VAR_POSITIONAL", "KEYWORD_ONLY", "VAR_KEYWORD"][rawValue] }
        var description: String { ["positional-only", "positional or keyword", "variadic positional", "keyword-only", "variadic keyword"][rawValue] }
    }
    let name: String
    let kind: Kind
    let defaultValue: Value?
    var annotation: Value? = nil

    /// `a`, `b=2`, `c: int = 3`, `*args`, `**kw: Any`, as CPython's Parameter.__str__.
    var text: String {
        let annotated = annotation.map { ": " + InspectModule.formatAnnotation($0) } ?? ""
        switch kind {
        case .varPositional: return "*" + name + annotated
        case .varKeyword: return "**" + name + annotated
        default:
            guard let d = defaultValue else { return name + annotated }
            return name + annotated + (annotation == nil ? "=" : " = ") + d.description
        }
    }
}

/// `inspect.Parameter` objects.
final class PyParameter: PyObject {
    let parameter: InspectParameter
    init(_ parameter: InspectParameter) { self.parameter = parameter }
    override var pyClass: PyClass { InspectModule.parameterClass }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "name": return .str(parameter.name)
        case "default": return parameter.defaultValue ?? .object(InspectModule.emptyClass)
        case "annotation": return parameter.annotation ?? .object(InspectModule.emptyClass)
        case "kind": return .object(InspectModule.kinds[parameter.kind.rawValue])
        default: return nil
        }
    }
    override func str() throws -> String? { parameter.text }
    override func repr() throws -> String { "<Parameter \"\(parameter.text)\">" }
}

/// `inspect.Signature` objects.
final class PySignature: PyObject {
    let parameters: [InspectParameter]
    let returnAnnotation: Value?
    init(_ parameters: [InspectParameter], returnAnnotation: Value? = nil) {
        self.parameters = parameters
        self.returnAnnotation = returnAnnotation
    }
    override var pyClass: PyClass { InspectModule.signatureClass }

    var text: String {
        var parts: [String] = []
        var sawKeywordOnlyMarker = false
        for (i, p) in parameters.enumerated() {
            if p.kind == .keywordOnly, !sawKeywordOnlyMarker {
                parts.append("*")
                sawKeywordOnlyMarker = true
            }
            if p.kind == .varPositional { sawKeywordOnlyMarker = true }
            parts.append(p.text)
            if p.kind == .positionalOnly, i + 1 == parameters.count || parameters[i + 1].kind != .positionalOnly { parts.append("/") }
        }
        return "(" + parts.joined(separator: ", ") + ")" + (returnAnnotation.map { " -> " + InspectModule.formatAnnotation($0) } ?? "")
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "parameters":
            let d = PyDict()
            for p in parameters { d.storage.set(.str(p.name), .object(PyParameter(p))) }
            return .object(d)
        case "return_annotation": return returnAnnotation ?? .object(InspectModule.emptyClass)
        default: return nil
        }
    }
    override func str() throws -> String? { text }
    override func repr() throws -> String { "<Signature \(text)>" }
}

enum InspectModule {
    static let emptyClass = PyClass(name: "_empty", bases: [BuiltinTypes.object], moduleName: "inspect")
    static let parameterClass = PyClass(name: "Parameter", bases: [BuiltinTypes.object], moduleName: "inspect")
    static let signatureClass = PyClass(name: "Signature", bases: [BuiltinTypes.object], moduleName: "inspect")
    static let kindClass = PyClass(name: "_ParameterKind", bases: [BuiltinTypes.object], moduleName: "inspect")
    static let kinds: [PyObject] = InspectParameter.Kind.allCases.map { ParameterKind($0) }

    final class ParameterKind: PyObject {
        let kind: InspectParameter.Kind
        init(_ kind: InspectParameter.Kind) { self.kind = kind }
        override var pyClass: PyClass { InspectModule.kindClass }
        override func getAttribute(_ name: String) throws -> Value? {
            switch name {
            case "name": return .str(kind.name)
            case "value": return .int(kind.rawValue)
            case "description": return .str(kind.description)
            default: return nil
            }
        }
        override func str() throws -> String? { kind.name }
        override func repr() throws -> String { "<_ParameterKind.\(kind.name): \(kind.rawValue)>" }
        override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
            guard let o = other.asObject as? ParameterKind else { return op == .equal ? .false : op == .notEqual ? .true : nil }
            switch op {
            case .equal: return .bool(o.kind == kind)
            case .notEqual: return .bool(o.kind != kind)
            case .less: return .bool(kind.rawValue < o.kind.rawValue)
            case .lessEqual: return .bool(kind.rawValue <= o.kind.rawValue)
            case .greater: return .bool(kind.rawValue > o.kind.rawValue)
            case .greaterEqual: return .bool(kind.rawValue >= o.kind.rawValue)
            default: return nil
            }
        }
        override func hashValue() throws -> Int? { kind.rawValue }
    }

    /// The parameters of a Python function.
    static func parameters(of function: PyFunction) -> [InspectParameter] {
        let p = function.code.parameters
        var result: [InspectParameter] = []
        let firstDefault = p.positional.count - function.defaults.count
        for (i, param) in p.positional.enumerated() {
            result.append(InspectParameter(name: param.name, kind: i < p.positionalOnlyCount ? .positionalOnly : .positionalOrKeyword,
                                           defaultValue: i >= firstDefault ? function.defaults[i - firstDefault] : nil))
        }
        if let v = p.varArgs { result.append(InspectParameter(name: v, kind: .varPositional, defaultValue: nil)) }
        for param in p.keywordOnly {
            result.append(InspectParameter(name: param.name, kind: .keywordOnly, defaultValue: function.keywordDefaults[param.name]))
        }
        if let k = p.varKeywords { result.append(InspectParameter(name: k, kind: .varKeyword, defaultValue: nil)) }
        return result
    }

    /// The parameters a native signature string declared.
    static func parameters(of signature: Signature) -> [InspectParameter] {
        var result: [InspectParameter] = []
        for param in signature.parameters where !param.keywordOnly {
            result.append(InspectParameter(name: param.name, kind: .positionalOrKeyword, defaultValue: param.defaultValue))
        }
        if let v = signature.varArgs { result.append(InspectParameter(name: v, kind: .varPositional, defaultValue: nil)) }
        for param in signature.parameters where param.keywordOnly {
            result.append(InspectParameter(name: param.name, kind: .keywordOnly, defaultValue: param.defaultValue))
        }
        if let k = signature.varKeywords { result.append(InspectParameter(name: k, kind: .varKeyword, defaultValue: nil)) }
        return result
    }

    /// How inspect prints an annotation: `int`, `torch.Tensor`, `List[int]`, `'Foo'`.
    static func formatAnnotation(_ value: Value) -> String {
        if case .object(let o) = value {
            if let cls = o as? PyClass { return cls.moduleName == "builtins" ? cls.name : "\(cls.moduleName).\(cls.name)" }
            if o is PyGenericAlias { return value.description.replacingOccurrences(of: "typing.", with: "") }
        }
        return value.description
    }

    static func signature(_ value: Value, dropFirst: Bool = false) throws -> PySignature {
        guard case .object(let o) = value, o.isCallable else {
            throw PyException.typeError("\(value.description) is not a callable object")
        }
        if !(o is PyClass), case .object(let s)? = try? o.getAttribute("__signature__"), let declared = s as? PySignature {
            guard dropFirst, let first = declared.parameters.first, first.kind == .positionalOnly || first.kind == .positionalOrKeyword else { return declared }
            return PySignature(Array(declared.parameters.dropFirst()), returnAnnotation: declared.returnAnnotation)
        }
        var result: [InspectParameter]
        if let f = o as? PyFunction {
            result = parameters(of: f)
        } else if let b = o as? PyBuiltinFunction {
            guard let s = b.signature else { throw PyException.valueError("no signature found for builtin \(try o.repr())") }
            result = parameters(of: s)
            if b.signatureTakesReceiver { result.insert(InspectParameter(name: "self", kind: .positionalOrKeyword, defaultValue: nil), at: 0) }
        } else if let m = o as? PyBoundMethod {
            return try signature(m.function, dropFirst: true)
        } else if let cls = o as? PyClass {
            for c in cls.mro {
                if let s = c.constructorSignature { return PySignature(parameters(of: s)) }
                if let initializer = c.dict["__init__"], case .object(let f) = initializer, f is PyFunction {
                    return try signature(initializer, dropFirst: true)
                }
                if c.dict["__new__"] != nil || c.constructor != nil, c !== BuiltinTypes.object {
                    throw PyException.valueError("no signature found for builtin type \(try cls.repr())")
                }
            }
            return PySignature([])
        } else if let call = o.pyClass.lookup("__call__") {
            return try signature(call, dropFirst: true)
        } else {
            throw PyException.valueError("callable \(try o.repr()) is not supported by signature")
        }
        if dropFirst {
            guard let first = result.first else { throw PyException.valueError("invalid method signature") }
            if first.kind == .positionalOnly || first.kind == .positionalOrKeyword { result.removeFirst() }
        }
        return PySignature(result)
    }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "inspect")
        parameterClass.dict["empty"] = .object(emptyClass)
        for kind in InspectParameter.Kind.allCases { parameterClass.dict[kind.name] = .object(kinds[kind.rawValue]) }
        signatureClass.dict["empty"] = .object(emptyClass)
        // Parameter(name, kind, *, default=Parameter.empty, annotation=Parameter.empty)
        parameterClass.constructor = { _, args in
            guard case .str(let name) = args[0], case .object(let k) = args[1], let kind = k as? ParameterKind else {
                throw PyException.typeError("Parameter() takes a name (str) and a kind (Parameter.POSITIONAL_OR_KEYWORD, ...)")
            }
            func given(_ key: String) -> Value? {
                guard let v = args.keyword(key), v.asObject !== emptyClass else { return nil }
                return v
            }
            return .object(PyParameter(InspectParameter(name: name, kind: kind.kind, defaultValue: given("default"), annotation: given("annotation"))))
        }
        // Signature(parameters=None, *, return_annotation=Signature.empty)
        signatureClass.constructor = { _, args in
            var parameters: [InspectParameter] = []
            let list = args.positional.first ?? args.keyword("parameters") ?? .none
            if !list.isNone {
                try forEach(list) { item in
                    guard let p = item.asObject as? PyParameter else { throw PyException.typeError("Signature() expects Parameter objects") }
                    parameters.append(p.parameter)
                }
            }
            var returnAnnotation = args.keyword("return_annotation")
            if returnAnnotation?.asObject === emptyClass { returnAnnotation = nil }
            return .object(PySignature(parameters, returnAnnotation: returnAnnotation))
        }
        m.add("Parameter", .object(parameterClass))
        m.add("Signature", .object(signatureClass))
        m.add("_empty", .object(emptyClass))
        m.addFunction("signature", signature: "obj, *, follow_wrapped=True, globals=None, locals=None, eval_str=False") { args in
            var target = args["obj"]
            while case .object(let o) = target, let wrapped = try? o.getAttribute("__wrapped__") { target = wrapped }
            return .object(try signature(target))
        }
        func test(_ name: String, _ predicate: @escaping (PyObject) -> Bool) {
            m.addFunction(name, signature: "object") { args in
                if case .object(let o) = args["object"] { return .bool(predicate(o)) }
                return .false
            }
        }
        test("isfunction") { $0 is PyFunction }
        test("isclass") { $0 is PyClass }
        test("ismethod") { ($0 as? PyBoundMethod)?.function.asObject is PyFunction }
        test("isbuiltin") { $0 is PyBuiltinFunction || ($0 as? PyBoundMethod)?.function.asObject is PyBuiltinFunction }
        test("isroutine") { $0 is PyFunction || $0 is PyBuiltinFunction || $0 is PyBoundMethod }
        test("ismodule") { $0 is PyModule }
        test("isgeneratorfunction") { _ in false }
        test("iscoroutinefunction") { _ in false }
        test("isabstract") { o in
            guard let cls = o as? PyClass, case .object(let a)? = cls.lookup("__abstractmethods__") else { return false }
            return ((try? a.length()) ?? 0) ?? 0 > 0
        }
        for name in ["getsource", "getsourcelines", "getsourcefile", "getfile"] {
            m.addFunction(name, signature: "object") { _ in throw PyException(BuiltinTypes.osError, "could not get source code") }
        }
        m.addFunction("getdoc", signature: "object") { args in
            guard case .object(let o) = args["object"], let doc = try o.getAttribute("__doc__") else { return .none }
            return doc
        }
        m.addFunction("getmembers", signature: "object, predicate=None") { args in
            let object = args["object"]
            var names = Set<String>()
            if case .object(let o) = object {
                names.formUnion(o.attributeNames())
                if let cls = o as? PyClass { for c in cls.mro { names.formUnion(c.dict.keys) } }
                else { for c in o.pyClass.mro { names.formUnion(c.dict.keys) } }
            }
            var result: [Value] = []
            for name in names.sorted() {
                guard let v = try? lookupAttribute(object, name) else { continue }
                if !args.isNone("predicate"), !(try isTruthy(try callValue(args["predicate"], v))) { continue }
                result.append(.tuple([.str(name), v]))
            }
            return .list(result)
        }
        _ = interpreter
        return m.module
    }
}
