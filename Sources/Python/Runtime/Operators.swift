// Python operator semantics: arithmetic on int/float/bool/str with CPython's results and
import Foundation

// messages, rich comparison, truthiness, containment, subscripting and attributes.

@inline(__always) func numericInt(_ v: Value) -> Int? {
    switch v {
    case .int(let i): return i
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
}

@inline(__always) func numericDouble(_ v: Value) -> Double? {
    switch v {
    case .int(let i): return Double(i)
    case .float(let d): return d
    case .bool(let b): return b ? 1 : 0
    default: return nil
    }
}

/// Python's floor division and modulo for ints.
@inline(__always) func floorDivide(_ a: Int, _ b: Int) throws -> Int {
    if a == .min && b == -1 { throw PyException.overflow() }
    let q = a / b
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q
}

@inline(__always) func floorModulo(_ a: Int, _ b: Int) -> Int {
    if b == -1 { return 0 }
    let r = a % b
    return (r != 0 && ((r < 0) != (b < 0))) ? r + b : r
}

func floatModulo(_ a: Double, _ b: Double) -> Double {
    var r = a.truncatingRemainder(dividingBy: b)
    if r != 0 {
        if (b < 0) != (r < 0) { r += b }
    } else {
        r = (0.0).sign == .plus && b < 0 ? -0.0 : 0.0
    }
    return r
}

func intPower(_ base: Int, _ exponent: Int) throws -> Value {
    if exponent < 0 {
        if base == 0 { throw PyException.zeroDivision("0.0 cannot be raised to a negative power") }
        return .float(pow(Double(base), Double(exponent)))
    }
    var result = 1, b = base, e = exponent
    while e > 0 {
        if e & 1 == 1 {
            let (r, o) = result.multipliedReportingOverflow(by: b)
            if o { throw PyException.overflow() }
            result = r
        }
        e >>= 1
        if e > 0 {
            let (bb, o) = b.multipliedReportingOverflow(by: b)
            if o { throw PyException.overflow() }
            b = bb
        }
    }
    return .int(result)
}

func floatPower(_ a: Double, _ b: Double) throws -> Double {
    if a == 0 && b < 0 { throw PyException.zeroDivision("0.0 cannot be raised to a negative power") }
    if a < 0 && b.rounded() != b && b.isFinite {
        throw PyException.valueError("negative number cannot be raised to a fractional power (complex numbers are not supported in the lesson language)")
    }
    let r = pow(a, b)
    if r.isInfinite && a.isFinite && b.isFinite { throw PyException(BuiltinTypes.overflowError, "(34, 'Numerical result out of range')") }
    return r
}

/// Arithmetic on two ints (bools already converted).
@inline(__always) func intBinary(_ op: BinaryOperator, _ a: Int, _ b: Int) throws -> Value {
    switch op {
    case .add:
        let (r, o) = a.addingReportingOverflow(b)
        if o { throw PyException.overflow() }
        return .int(r)
    case .subtract:
        let (r, o) = a.subtractingReportingOverflow(b)
        if o { throw PyException.overflow() }
        return .int(r)
    case .multiply:
        let (r, o) = a.multipliedReportingOverflow(by: b)
        if o { throw PyException.overflow() }
        return .int(r)
    case .divide:
        if b == 0 { throw PyException.zeroDivision("division by zero") }
        return .float(Double(a) / Double(b))
    case .floorDivide:
        if b == 0 { throw PyException.zeroDivision("integer division or modulo by zero") }
        return .int(try floorDivide(a, b))
    case .modulo:
        if b == 0 { throw PyException.zeroDivision("integer modulo by zero") }
        return .int(floorModulo(a, b))
    case .power: return try intPower(a, b)
    case .leftShift:
        if b < 0 { throw PyException.valueError("negative shift count") }
        if a == 0 { return .int(0) }
        if b >= 63 || (a << b) >> b != a { throw PyException.overflow() }
        return .int(a << b)
    case .rightShift:
        if b < 0 { throw PyException.valueError("negative shift count") }
        return .int(b >= 64 ? (a < 0 ? -1 : 0) : a >> b)
    case .bitAnd: return .int(a & b)
    case .bitOr: return .int(a | b)
    case .bitXor: return .int(a ^ b)
    case .matrixMultiply: throw unsupported(op, .int(a), .int(b))
    }
}

@inline(__always) func floatBinary(_ op: BinaryOperator, _ a: Double, _ b: Double, _ left: Value, _ right: Value) throws -> Value {
    switch op {
    case .add: return .float(a + b)
    case .subtract: return .float(a - b)
    case .multiply: return .float(a * b)
    case .divide:
        if b == 0 { throw PyException.zeroDivision("float division by zero") }
        return .float(a / b)
    case .floorDivide:
        if b == 0 { throw PyException.zeroDivision("float floor division by zero") }
        return .float((a - floatModulo(a, b)) / b)
    case .modulo:
        if b == 0 { throw PyException.zeroDivision("float modulo") }
        return .float(floatModulo(a, b))
    case .power: return .float(try floatPower(a, b))
    default: throw unsupported(op, left, right)
    }
}

func unsupported(_ op: BinaryOperator, _ a: Value, _ b: Value) -> PyException {
    PyException.typeError("unsupported operand type(s) for \(op.rawValue): '\(a.typeName)' and '\(b.typeName)'")
}

/// `a <op> b`.
public func binaryOp(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
    switch (a, b) {
    case (.int(let x), .int(let y)): return try intBinary(op, x, y)
    case (.float(let x), .float(let y)): return try floatBinary(op, x, y, a, b)
    case (.int(let x), .float(let y)): return try floatBinary(op, Double(x), y, a, b)
    case (.float(let x), .int(let y)): return try floatBinary(op, x, Double(y), a, b)
    case (.str(let x), .str(let y)):
        if op == .add { return .str(x + y) }
        if op == .modulo { return .str(try percentFormat(x, b)) }
    case (.str(let x), _):
        if op == .multiply, let n = numericInt(b) {
            try checkRepeatSize(max(x.utf8.count, 1), n, elementSize: 1)
            return .str(n > 0 ? String(repeating: x, count: n) : "")
        }
        if op == .modulo { return .str(try percentFormat(x, b)) }
        if op == .add, case .object = b {
            break
        }
        if op == .add { throw PyException.typeError("can only concatenate str (not \"\(b.typeName)\") to str") }
        if op == .multiply, case .float = b { throw PyException.typeError("can't multiply sequence by non-int of type 'float'") }
    case (_, .str(let y)):
        if op == .multiply, let n = numericInt(a) {
            try checkRepeatSize(max(y.utf8.count, 1), n, elementSize: 1)
            return .str(n > 0 ? String(repeating: y, count: n) : "")
        }
    default: break
    }
    if case .bool = a, let x = numericInt(a) {
        if let y = numericInt(b) {
            if op == .bitAnd || op == .bitOr || op == .bitXor, case .bool = b {
                let r = try intBinary(op, x, y)
                if case .int(let i) = r { return .bool(i != 0) }
            }
            return try intBinary(op, x, y)
        }
        if case .float(let y) = b { return try floatBinary(op, Double(x), y, a, b) }
    } else if case .bool = b, let y = numericInt(b) {
        if case .int(let x) = a { return try intBinary(op, x, y) }
        if case .float(let x) = a { return try floatBinary(op, x, Double(y), a, b) }
    }
    if case .object(let o) = a, let r = try o.binaryOperation(op, b, reflected: false) { return r }
    if case .object(let o) = b, let r = try o.binaryOperation(op, a, reflected: true) { return r }
    if op == .multiply {
        func isSequence(_ v: Value) -> Bool {
            if case .str = v { return true }
            if case .object(let o) = v { return o is PyList || o is PyTuple || o is PyBytes }
            return false
        }
        if isSequence(a), numericInt(b) == nil {
            throw PyException.typeError("can't multiply sequence by non-int of type '\(b.typeName)'")
        }
        if isSequence(b), numericInt(a) == nil {
            throw PyException.typeError("can't multiply sequence by non-int of type '\(a.typeName)'")
        }
    }
    if op == .add, case .object(let o) = a {
        if o is PyList { throw PyException.typeError("can only concatenate list (not \"\(b.typeName)\") to list") }
        if o is PyTuple { throw PyException.typeError("can only concatenate tuple (not \"\(b.typeName)\") to tuple") }
    }
    if op == .add, case .str = a { throw PyException.typeError("can only concatenate str (not \"\(b.typeName)\") to str") }
    if op == .power {
        throw PyException.typeError("unsupported operand type(s) for ** or pow(): '\(a.typeName)' and '\(b.typeName)'")
    }
    throw unsupported(op, a, b)
}

/// `a <op>= b`: in-place method first, then the binary operation.
public func inPlaceOp(_ op: BinaryOperator, _ a: Value, _ b: Value) throws -> Value {
    if case .object(let o) = a, let r = try o.inPlaceOperation(op, b) { return r }
    return try binaryOp(op, a, b)
}

/// `-a`, `+a`, `~a`, `not a`.
public func unaryOp(_ op: UnaryOperator, _ a: Value) throws -> Value {
    switch (op, a) {
    case (.not, _): return .bool(!(try isTruthy(a)))
    case (.minus, .int(let i)):
        if i == .min { throw PyException.overflow() }
        return .int(-i)
    case (.minus, .float(let d)): return .float(-d)
    case (.minus, .bool(let b)): return .int(b ? -1 : 0)
    case (.plus, .int), (.plus, .float): return a
    case (.plus, .bool(let b)): return .int(b ? 1 : 0)
    case (.invert, .int(let i)): return .int(~i)
    case (.invert, .bool(let b)): return .int(~(b ? 1 : 0))
    case (_, .object(let o)):
        if let r = try o.unaryOperation(op) { return r }
    default: break
    }
    throw PyException.typeError("bad operand type for unary \(op.rawValue): '\(a.typeName)'")
}

/// Python truthiness.
@inline(__always) public func isTruthy(_ v: Value) throws -> Bool {
    switch v {
    case .bool(let b): return b
    case .none: return false
    case .int(let i): return i != 0
    case .float(let d): return d != 0
    case .str(let s): return !s.isEmpty
    case .object(let o):
        if let b = try o.truthValue() { return b }
        if let n = try o.length() { return n != 0 }
        return true
    }
}

/// `a == b` as a Swift Bool.
public func equals(_ a: Value, _ b: Value) throws -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.str(let x), .str(let y)): return x == y
    case (.float(let x), .float(let y)): return x == y
    case (.int(let x), .float(let y)): return Double(x) == y
    case (.float(let x), .int(let y)): return x == Double(y)
    case (.none, .none): return true
    case (.bool, _), (_, .bool):
        if let x = numericDouble(a), let y = numericDouble(b) { return x == y }
    case (.object(let x), .object(let y)) where x === y:
        if let r = try x.compare(.equal, b) { return try isTruthy(r) }
        return true
    default: break
    }
    if case .object(let o) = a, let r = try o.compare(.equal, b) { return try isTruthy(r) }
    if case .object(let o) = b, let r = try o.compare(.equal, a) { return try isTruthy(r) }
    return a.isIdentical(to: b)
}

@inline(__always) func compareOrdered<T: Comparable>(_ x: T, _ op: CompareOperator, _ y: T) -> Bool {
    switch op {
    case .less: return x < y
    case .lessEqual: return x <= y
    case .greater: return x > y
    case .greaterEqual: return x >= y
    case .equal: return x == y
    case .notEqual: return x != y
    default: return false
    }
}

func reflected(_ op: CompareOperator) -> CompareOperator {
    switch op {
    case .less: return .greater
    case .lessEqual: return .greaterEqual
    case .greater: return .less
    case .greaterEqual: return .lessEqual
    default: return op
    }
}

/// Compares two strings by code point, as Python does.
func compareStrings(_ x: String, _ op: CompareOperator, _ y: String) -> Bool {
    if op == .equal { return x == y }
    if op == .notEqual { return x != y }
    var i = x.unicodeScalars.makeIterator(), j = y.unicodeScalars.makeIterator()
    while true {
        let a = i.next(), b = j.next()
        switch (a, b) {
        case (nil, nil): return op == .lessEqual || op == .greaterEqual
        case (nil, _): return op == .less || op == .lessEqual
        case (_, nil): return op == .greater || op == .greaterEqual
        case (let p?, let q?):
            if p != q { return compareOrdered(p.value, op, q.value) }
        }
    }
}

/// `a <op> b` for comparison operators (including `in`, `is`).
public func compareValues(_ a: Value, _ op: CompareOperator, _ b: Value) throws -> Value {
    switch op {
    case .is: return .bool(a.isIdentical(to: b))
    case .isNot: return .bool(!a.isIdentical(to: b))
    case .in: return .bool(try contains(b, a))
    case .notIn: return .bool(!(try contains(b, a)))
    default: break
    }
    switch (a, b) {
    case (.int(let x), .int(let y)): return .bool(compareOrdered(x, op, y))
    case (.float(let x), .float(let y)): return .bool(compareOrdered(x, op, y))
    case (.int(let x), .float(let y)): return .bool(compareOrdered(Double(x), op, y))
    case (.float(let x), .int(let y)): return .bool(compareOrdered(x, op, Double(y)))
    case (.str(let x), .str(let y)): return .bool(compareStrings(x, op, y))
    default: break
    }
    if let x = numericDouble(a), let y = numericDouble(b), !(a.asObject != nil) {
        return .bool(compareOrdered(x, op, y))
    }
    if case .object(let o) = a, let r = try o.compare(op, b) { return r }
    if case .object(let o) = b, let r = try o.compare(reflected(op), a) { return r }
    if op == .equal { return .bool(a.isIdentical(to: b)) }
    if op == .notEqual { return .bool(!a.isIdentical(to: b)) }
    throw PyException.typeError("'\(op.rawValue)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
}

/// `item in container`.
public func contains(_ container: Value, _ item: Value) throws -> Bool {
    switch container {
    case .str(let s):
        guard case .str(let sub) = item else {
            throw PyException.typeError("'in <string>' requires string as left operand, not \(item.typeName)")
        }
        return sub.isEmpty || s.contains(sub)
    case .object(let o):
        if let r = try o.contains(item) { return r }
        if let iterator = try o.makeIterator() {
            while let v = try iterator.next() { if try v.isIdentical(to: item) || equals(v, item) { return true } }
            return false
        }
    default: break
    }
    throw PyException.typeError("argument of type '\(container.typeName)' is not iterable")
}

/// `len(value)`.
public func length(_ value: Value) throws -> Int {
    switch value {
    case .str(let s): return s.unicodeScalars.count
    case .object(let o): if let n = try o.length() { return n }
    default: break
    }
    throw PyException.typeError("object of type '\(value.typeName)' has no len()")
}

/// `container[key]`.
public func getItem(_ container: Value, _ key: Value) throws -> Value {
    switch container {
    case .str(let s): return try stringGetItem(s, key)
    case .object(let o):
        if let r = try o.getItem(key) { return r }
        if let cls = o as? PyClass {
            if cls.lookup("__class_getitem__") != nil { return container }
            if cls === BuiltinTypes.list || cls === BuiltinTypes.dict || cls === BuiltinTypes.tuple
                || cls === BuiltinTypes.set || cls === BuiltinTypes.type { return container }
            throw PyException.typeError("type '\(cls.name)' is not subscriptable")
        }
    default: break
    }
    throw PyException.typeError("'\(container.typeName)' object is not subscriptable")
}

/// `container[key] = value`.
public func setItem(_ container: Value, _ key: Value, _ value: Value) throws {
    if case .object(let o) = container, try o.setItem(key, value) { return }
    throw PyException.typeError("'\(container.typeName)' object does not support item assignment")
}

/// `del container[key]`.
public func deleteItem(_ container: Value, _ key: Value) throws {
    if case .object(let o) = container, try o.deleteItem(key) { return }
    throw PyException.typeError("'\(container.typeName)' object doesn't support item deletion")
}

func stringGetItem(_ s: String, _ key: Value) throws -> Value {
    if case .object(let o) = key, let slice = o as? PySlice {
        let scalars = Array(s.unicodeScalars)
        let (start, _, step, count) = try slice.indices(scalars.count)
        var out = String.UnicodeScalarView()
        if step == 1 {
            out.append(contentsOf: scalars[start..<start + count])
        } else {
            for k in 0..<count { out.append(scalars[start + k * step]) }
        }
        return .str(String(out))
    }
    guard let i = try indexValue(key) else {
        throw PyException.typeError("string indices must be integers, not '\(key.typeName)'")
    }
    let view = s.unicodeScalars
    if i >= 0 {
        var index = view.startIndex
        var k = 0
        while k < i, index != view.endIndex {
            view.formIndex(after: &index)
            k += 1
        }
        guard index != view.endIndex else { throw PyException.indexError("string index out of range") }
        return .str(String(view[index]))
    }
    var index = view.endIndex
    var k = 0
    while k < -i {
        guard index != view.startIndex else { throw PyException.indexError("string index out of range") }
        view.formIndex(before: &index)
        k += 1
    }
    return .str(String(view[index]))
}

/// `obj.name`, raising AttributeError with CPython's message when missing.
public func getAttribute(_ value: Value, _ name: String) throws -> Value {
    if let v = try lookupAttribute(value, name) { return v }
    throw attributeError(value, name)
}

func attributeError(_ value: Value, _ name: String) -> PyException {
    let e: PyException
    if case .object(let o as PyModule) = value {
        e = PyException.attributeError("module '\(o.name)' has no attribute '\(name)'")
    } else if case .object(let o as PyClass) = value {
        e = PyException.attributeError("type object '\(o.name)' has no attribute '\(name)'")
    } else {
        e = PyException.attributeError("'\(value.typeName)' object has no attribute '\(name)'")
    }
    e.missingName = name
    e.suggestionSources = { [Suggestions.dir(value)] }
    return e
}

/// `obj.name`, or nil when missing.
public func lookupAttribute(_ value: Value, _ name: String) throws -> Value? {
    if case .object(let o) = value {
        if let v = try o.getAttribute(name) { return v }
        if o is PyInstance || o is PyClass { return nil }
    }
    if name == "__class__" { return .object(value.pyClass) }
    let cls = value.pyClass
    if let attribute = cls.lookup(name) {
        if case .object(let a) = attribute, let p = a as? PyProperty { return try p.get(value) }
        return bindClassAttribute(attribute, to: value)
    }
    return builtinSpecialMethod(value, name)
}

/// `obj.name = value`.
public func setAttribute(_ target: Value, _ name: String, _ value: Value) throws {
    if case .object(let o) = target, try o.setAttribute(name, value) { return }
    if target.pyClass.lookup(name) != nil {
        throw PyException.attributeError("'\(target.typeName)' object attribute '\(name)' is read-only")
    }
    throw attributeError(target, name)
}

/// `del obj.name`.
public func deleteAttribute(_ target: Value, _ name: String) throws {
    if case .object(let o) = target, try o.deleteAttribute(name) { return }
    throw attributeError(target, name)
}
