// Call machinery shared by every callable: argument lists, builtin (Swift) functions,
// bound methods, and the property/staticmethod/classmethod descriptors.

/// The arguments of one call: positional values, then keyword (name, value) pairs in order.
public struct Arguments {
    public var positional: [Value]
    public var keywords: [(String, Value)]

    public init(_ positional: [Value] = [], _ keywords: [(String, Value)] = []) {
        self.positional = positional
        self.keywords = keywords
    }

    public var count: Int { positional.count }

    /// Positional argument `i`, or None when absent (callers check counts where it matters).
    public subscript(_ i: Int) -> Value { i < positional.count ? positional[i] : .none }

    /// The keyword argument `name`, if passed.
    public func keyword(_ name: String) -> Value? {
        for (k, v) in keywords where k == name { return v }
        return nil
    }

    /// Throws CPython's message when keywords were passed to a function taking none.
    public func expectNoKeywords(_ function: String) throws {
        if !keywords.isEmpty { throw PyException.typeError("\(function)() takes no keyword arguments") }
    }

    /// Checks the positional count: `len() takes exactly one argument (2 given)` style messages.
    public func expectCount(_ function: String, _ range: ClosedRange<Int>) throws {
        let n = positional.count
        if range.contains(n) { return }
        if range.lowerBound == range.upperBound {
            if range.lowerBound == 0 { throw PyException.typeError("\(function)() takes no arguments (\(n) given)") }
            if range.lowerBound == 1 { throw PyException.typeError("\(function)() takes exactly one argument (\(n) given)") }
            throw PyException.typeError("\(function) expected \(range.lowerBound) arguments, got \(n)")
        }
        if n < range.lowerBound {
            throw PyException.typeError("\(function) expected at least \(range.lowerBound) argument\(range.lowerBound == 1 ? "" : "s"), got \(n)")
        }
        throw PyException.typeError("\(function) expected at most \(range.upperBound) argument\(range.upperBound == 1 ? "" : "s"), got \(n)")
    }
}

/// Calls any callable value.
public func callValue(_ callee: Value, _ arguments: Arguments) throws -> Value {
    if case .object(let o) = callee, let result = try o.call(arguments) { return result }
    throw PyException.typeError("'\(callee.typeName)' object is not callable")
}

/// Calls with positional arguments only.
public func callValue(_ callee: Value, _ positional: Value...) throws -> Value {
    try callValue(callee, Arguments(positional))
}

/// A function implemented in Swift. Methods of builtin types receive `self` as the first
/// positional argument.
public final class PyBuiltinFunction: PyObject {
    public let name: String
    let body: (Arguments) throws -> Value
    /// The owner shown in reprs (`<built-in method append of list object ...>`), if a method.
    var ownerName: String?
    /// The Python signature native modules declared (inspect.signature reads it).
    public var signature: Signature?
    /// Whether `signature` leaves out a leading `self` (methods of native classes).
    var signatureTakesReceiver = false
    /// Whether calls record their location in `Interpreter.callSite` (warnings.warn does).
    var recordsCallSite = false

    public init(name: String, _ body: @escaping (Arguments) throws -> Value) {
        self.name = name
        self.body = body
    }

    override public var pyClass: PyClass { BuiltinTypes.builtinFunction }
    override public var isCallable: Bool { true }

    override public func call(_ arguments: Arguments) throws -> Value? { try body(arguments) }

    override public func repr() throws -> String { "<built-in function \(name)>" }

    override public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "__name__", "__qualname__": return .str(self.name)
        case "__doc__": return Value.none
        default: return nil
        }
    }
}

/// A function bound to its receiver (`obj.method`).
public final class PyBoundMethod: PyObject {
    public let receiver: Value
    public let function: Value

    public init(receiver: Value, function: Value) {
        self.receiver = receiver
        self.function = function
    }

    override public var pyClass: PyClass { BuiltinTypes.method }
    override public var isCallable: Bool { true }

    override public func call(_ arguments: Arguments) throws -> Value? {
        var positional = [receiver]
        positional.append(contentsOf: arguments.positional)
        return try callValue(function, Arguments(positional, arguments.keywords))
    }

    override public func repr() throws -> String {
        let name = (try? function.asObject?.getAttribute("__qualname__")).flatMap { $0 }.map { (try? Python.str($0)) ?? "?" } ?? "?"
        if case .object(let f) = function, let builtin = f as? PyBuiltinFunction {
            return "<built-in method \(builtin.name) of \(receiver.typeName) object at \(receiver.asObject?.addressString ?? "0x0")>"
        }
        return "<bound method \(name) of \(try Python.repr(receiver))>"
    }

    override public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "__self__": return receiver
        case "__func__": return function
        default: return try function.asObject?.getAttribute(name)
        }
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        var same = false
        if case .object(let o) = other, let m = o as? PyBoundMethod {
            same = m.receiver.isIdentical(to: receiver) && m.function.isIdentical(to: function)
        }
        return .bool(op == .equal ? same : !same)
    }
}

/// `property(fget, fset, fdel, doc)` and the `@property` decorator.
public final class PyProperty: PyObject {
    var getter: Value
    var setter: Value
    var deleter: Value
    var doc: Value

    public init(getter: Value, setter: Value = .none, deleter: Value = .none, doc: Value = .none) {
        self.getter = getter
        self.setter = setter
        self.deleter = deleter
        if case .none = doc, case .object(let o) = getter, let f = o as? PyFunction {
            self.doc = f.code.docString.map { .str($0) } ?? .none
        } else {
            self.doc = doc
        }
    }

    override public var pyClass: PyClass { BuiltinTypes.property }

    /// The getter's `__name__`, for error messages.
    private var name: String {
        (try? getter.asObject?.getAttribute("__name__")).flatMap { $0 }.map { (try? Python.str($0)) ?? "?" } ?? "?"
    }

    func get(_ instance: Value) throws -> Value {
        if case .none = getter {
            throw PyException.attributeError("property '\(name)' of '\(instance.typeName)' object has no getter")
        }
        return try callValue(getter, Arguments([instance]))
    }

    public func set(_ instance: Value, _ value: Value) throws {
        if case .none = setter {
            throw PyException.attributeError("property '\(name)' of '\(instance.typeName)' object has no setter")
        }
        _ = try callValue(setter, Arguments([instance, value]))
    }

    func delete(_ instance: Value) throws {
        if case .none = deleter {
            throw PyException.attributeError("property '\(name)' of '\(instance.typeName)' object has no deleter")
        }
        _ = try callValue(deleter, Arguments([instance]))
    }

    override public func getAttribute(_ name: String) throws -> Value? {
        func copy(_ label: String, _ make: @escaping (Value) -> PyProperty) -> Value {
            .object(PyBuiltinFunction(name: label) { args in
                try args.expectCount(label, 1...1)
                return .object(make(args[0]))
            })
        }
        switch name {
        case "setter": return copy("setter") { [getter, deleter, doc] in PyProperty(getter: getter, setter: $0, deleter: deleter, doc: doc) }
        case "getter": return copy("getter") { [setter, deleter] in PyProperty(getter: $0, setter: setter, deleter: deleter) }
        case "deleter": return copy("deleter") { [getter, setter, doc] in PyProperty(getter: getter, setter: setter, deleter: $0, doc: doc) }
        case "fget": return getter
        case "fset": return setter
        case "fdel": return deleter
        case "__doc__": return doc
        default: return nil
        }
    }
}

/// `@staticmethod`.
public final class PyStaticMethod: PyObject {
    let function: Value
    public init(_ function: Value) { self.function = function }
    override public var pyClass: PyClass { BuiltinTypes.staticMethod }
    override public var isCallable: Bool { true }
    override public func call(_ arguments: Arguments) throws -> Value? { try callValue(function, arguments) }
}

/// `@classmethod`.
public final class PyClassMethod: PyObject {
    let function: Value
    public init(_ function: Value) { self.function = function }
    override public var pyClass: PyClass { BuiltinTypes.classMethod }
}

/// `super()` / `super(Class, obj)`: attribute lookup starting after `start` in the receiver's MRO.
public final class PySuper: PyObject {
    let start: PyClass
    let receiver: Value

    init(start: PyClass, receiver: Value) {
        self.start = start
        self.receiver = receiver
    }

    override public var pyClass: PyClass { BuiltinTypes.superType }

    override public func getAttribute(_ name: String) throws -> Value? {
        let receiverClass: PyClass
        if case .object(let o) = receiver, let cls = o as? PyClass { receiverClass = cls } else { receiverClass = receiver.pyClass }
        let mro = receiverClass.mro
        guard let position = mro.firstIndex(where: { $0 === start }) else { return nil }
        for cls in mro[(position + 1)...] {
            guard let attribute = cls.dict[name] else { continue }
            if case .object(let o) = attribute {
                if let p = o as? PyProperty { return try p.get(receiver) }
                if let cm = o as? PyClassMethod { return .object(PyBoundMethod(receiver: .object(receiverClass), function: cm.function)) }
                if let sm = o as? PyStaticMethod { return sm.function }
                if o is PyFunction || o is PyBuiltinFunction {
                    if case .object(let r) = receiver, r is PyClass { return attribute }
                    return .object(PyBoundMethod(receiver: receiver, function: attribute))
                }
            }
            return attribute
        }
        return nil
    }

    override public func repr() throws -> String {
        "<super: <class '\(start.name)'>, <\(receiver.typeName) object>>"
    }
}
