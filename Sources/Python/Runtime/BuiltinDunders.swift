// Special methods of builtin values called by name (`(12).__add__(3)`, `"x".__len__()`,
// `[1].__getitem__(0)`): bound builtins running the same operation as the operator.

private let binaryOperatorsByName: [String: BinaryOperator] = Dictionary(
    uniqueKeysWithValues: binaryMethodNames.map { ($0.value, $0.key) })
private let reflectedOperatorsByName: [String: BinaryOperator] = Dictionary(
    uniqueKeysWithValues: reflectedMethodNames.map { ($0.value, $0.key) })
private let comparisonsByName: [String: CompareOperator] = [
    "__eq__": .equal, "__ne__": .notEqual, "__lt__": .less, "__le__": .lessEqual, "__gt__": .greater, "__ge__": .greaterEqual,
]
private let unaryOperatorsByName: [String: UnaryOperator] = ["__neg__": .minus, "__pos__": .plus, "__invert__": .invert]

/// The special method `name` of a builtin value as a bound builtin, or nil.
func builtinSpecialMethod(_ value: Value, _ name: String) -> Value? {
    guard name.hasPrefix("__"), name.hasSuffix("__") else { return nil }
    func bound(_ arity: Int, _ body: @escaping ([Value]) throws -> Value) -> Value {
        let function = PyBuiltinFunction(name: name) { args in
            if args.positional.count != arity {
                throw PyException.typeError("expected \(arity) argument\(arity == 1 ? "" : "s"), got \(args.positional.count)")
            }
            return try body(args.positional)
        }
        function.ownerName = value.typeName
        return .object(function)
    }
    func notImplementedOnTypeError(_ body: () throws -> Value) throws -> Value {
        do { return try body() } catch let e as PyException where e.cls === BuiltinTypes.typeError {
            return .object(NotImplementedObject.shared)
        }
    }
    // Only what the type supports, so `hasattr(5, "__iter__")` stays False.
    var isNumber = false, isContainer = false, isMutableContainer = false, isSequence = false
    switch value {
    case .int, .float, .bool: isNumber = true
    case .str: isContainer = true; isSequence = true
    case .none: break
    case .object(let o):
        isContainer = o is PyList || o is PyTuple || o is PyDict || o is PySet || o is PyRange || o is PyBytes
        isSequence = o is PyList || o is PyTuple || o is PyBytes
        isMutableContainer = o is PyList || o is PyDict || (o as? PyBytes)?.isByteArray == true
        if name == "__call__", o.isCallable {
            let function = PyBuiltinFunction(name: name) { args in try callValue(value, args) }
            function.ownerName = value.typeName
            return .object(function)
        }
    }
    let sequenceOperators: Set<String> = ["__add__", "__mul__", "__rmul__", "__mod__"]
    if binaryOperatorsByName[name] != nil || reflectedOperatorsByName[name] != nil || unaryOperatorsByName[name] != nil
        || name == "__abs__" || name == "__bool__" {
        guard isNumber || (isSequence && sequenceOperators.contains(name)) else { return nil }
    }
    if ["__len__", "__getitem__", "__contains__", "__iter__"].contains(name), !isContainer { return nil }
    if ["__setitem__", "__delitem__"].contains(name), !isMutableContainer { return nil }
    if let op = binaryOperatorsByName[name] {
        return bound(1) { a in try notImplementedOnTypeError { try binaryOp(op, value, a[0]) } }
    }
    if let op = reflectedOperatorsByName[name] {
        return bound(1) { a in try notImplementedOnTypeError { try binaryOp(op, a[0], value) } }
    }
    if let op = comparisonsByName[name] {
        return bound(1) { a in try notImplementedOnTypeError { try compareValues(value, op, a[0]) } }
    }
    if let op = unaryOperatorsByName[name] { return bound(0) { _ in try unaryOp(op, value) } }
    switch name {
    case "__len__": return bound(0) { _ in .int(try length(value)) }
    case "__getitem__": return bound(1) { a in try getItem(value, a[0]) }
    case "__setitem__": return bound(2) { a in try setItem(value, a[0], a[1]); return .none }
    case "__delitem__": return bound(1) { a in try deleteItem(value, a[0]); return .none }
    case "__contains__": return bound(1) { a in .bool(try contains(value, a[0])) }
    case "__iter__": return bound(0) { _ in .object(try makeIterator(value)) }
    case "__str__": return bound(0) { _ in .str(try str(value)) }
    case "__repr__": return bound(0) { _ in .str(try repr(value)) }
    case "__hash__": return bound(0) { _ in .int(try hashOf(value)) }
    case "__bool__": return bound(0) { _ in .bool(try isTruthy(value)) }
    case "__abs__": return bound(0) { _ in try callValue(builtinsAbs, Arguments([value])) }
    case "__format__":
        return bound(1) { a in
            guard case .str(let spec) = a[0] else { throw PyException.typeError("format spec must be str") }
            return .str(try formatValue(value, spec))
        }
    default: return nil
    }
}

/// `abs` for `__abs__` (the builtin function, looked up once).
private let builtinsAbs: Value = .object(PyBuiltinFunction(name: "abs") { args in
    switch args[0] {
    case .int(let i):
        guard i != Int.min else { throw PyException.overflow("integer overflow: the lesson language's int is 64-bit") }
        return .int(abs(i))
    case .float(let d): return .float(abs(d))
    case .bool(let b): return .int(b ? 1 : 0)
    default: throw PyException.typeError("bad operand type for abs(): '\(args[0].typeName)'")
    }
})
