// Sequence objects: list, tuple, range, slice, bytes — their protocol slots (indexing,
// slicing, concatenation, comparison, repr). Named methods live in *Methods.swift.

/// Converts an index value (int, bool, or an object with `__index__`) to Int.
public func indexValue(_ value: Value) throws -> Int? {
    switch value {
    case .int(let i): return i
    case .bool(let b): return b ? 1 : 0
    case .object(let o): return try o.toIndex()
    default: return nil
    }
}

/// Normalizes a possibly negative index; nil when out of range.
@inline(__always) func normalizedIndex(_ i: Int, count: Int) -> Int? {
    let j = i < 0 ? i + count : i
    return j >= 0 && j < count ? j : nil
}

/// `slice(start, stop, step)`.
public final class PySlice: PyObject {
    public let start: Value
    public let stop: Value
    public let step: Value

    public init(start: Value, stop: Value, step: Value) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    override public var pyClass: PyClass { BuiltinTypes.slice }

    /// CPython's `PySlice_GetIndicesEx`: (start, stop, step, slice length) for a sequence of `length`.
    public func indices(_ length: Int) throws -> (start: Int, stop: Int, step: Int, count: Int) {
        var stepValue = 1
        if !step.isNone {
            guard let s = try indexValue(step) else {
                throw PyException.typeError("slice indices must be integers or None or have an __index__ method")
            }
            if s == 0 { throw PyException.valueError("slice step cannot be zero") }
            stepValue = s
        }
        func bound(_ v: Value, _ defaultValue: Int) throws -> Int {
            if v.isNone { return defaultValue }
            guard var i = try indexValue(v) else {
                throw PyException.typeError("slice indices must be integers or None or have an __index__ method")
            }
            if i < 0 {
                i += length
                if i < 0 { i = stepValue < 0 ? -1 : 0 }
            } else if i >= length {
                i = stepValue < 0 ? length - 1 : length
            }
            return i
        }
        let s = try bound(start, stepValue < 0 ? length - 1 : 0)
        let e = try bound(stop, stepValue < 0 ? -1 : length)
        var count = 0
        if stepValue < 0 {
            if e < s { count = (s - e - 1) / (-stepValue) + 1 }
        } else if s < e {
            count = (e - s - 1) / stepValue + 1
        }
        return (s, e, stepValue, count)
    }

    /// The element indices a slice selects.
    func selectedIndices(_ length: Int) throws -> [Int] {
        let (s, _, step, count) = try indices(length)
        return (0..<count).map { s + $0 * step }
    }

    override public func repr() throws -> String {
        "slice(\(try Python.repr(start)), \(try Python.repr(stop)), \(try Python.repr(step)))"
    }

    override public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "start": return start
        case "stop": return stop
        case "step": return step
        default: return nil
        }
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual, case .object(let o) = other, let s = o as? PySlice else { return nil }
        let same = try equals(.tuple([start, stop, step]), .tuple([s.start, s.stop, s.step]))
        return .bool(op == .equal ? same : !same)
    }

    override public func hashValue() throws -> Int? { nil }
}

/// Shared behaviour of list and tuple.
func sequenceRepr(_ items: [Value], open: String, close: String) throws -> String {
    var out = open
    for (i, item) in items.enumerated() {
        if i > 0 { out += ", " }
        out += try repr(item)
    }
    return out + close
}

/// Lexicographic comparison of two sequences with Python's rules.
func compareSequences(_ a: [Value], _ b: [Value], _ op: CompareOperator) throws -> Bool {
    let depth = try ReprDepth.enter(" in comparison")
    defer { depth.pointee -= 1 }
    let n = min(a.count, b.count)
    for i in 0..<n where !(a[i].isIdentical(to: b[i])) {
        if try !equals(a[i], b[i]) {
            if op == .equal { return false }
            if op == .notEqual { return true }
            return try isTruthy(compareValues(a[i], op, b[i]))
        }
    }
    switch op {
    case .equal: return a.count == b.count
    case .notEqual: return a.count != b.count
    case .less: return a.count < b.count
    case .lessEqual: return a.count <= b.count
    case .greater: return a.count > b.count
    case .greaterEqual: return a.count >= b.count
    default: return false
    }
}

func repeatCount(_ other: Value) throws -> Int? {
    switch other {
    case .int(let n): return n
    case .bool(let b): return b ? 1 : 0
    case .object(let o): return try o.toIndex()
    default: return nil
    }
}

/// Raises MemoryError, with the size, when repeating `count` elements of `elementSize`
/// bytes `times` times would not fit in memory.
func checkRepeatSize(_ count: Int, _ times: Int, elementSize: Int = MemoryLayout<Value>.stride) throws {
    let (total, overflow) = count.multipliedReportingOverflow(by: max(times, 0))
    try checkAllocation(elements: overflow ? Int.max : total, elementSize: elementSize)
}

/// A Python list.
public final class PyList: PyObject {
    public var items: [Value]

    public init(_ items: [Value] = []) { self.items = items }

    override public var pyClass: PyClass { BuiltinTypes.list }

    override public func getItem(_ key: Value) throws -> Value? {
        if case .int(let i) = key {
            guard let j = normalizedIndex(i, count: items.count) else { throw PyException.indexError("list index out of range") }
            return items[j]
        }
        if case .object(let o) = key, let slice = o as? PySlice {
            let (s, _, step, count) = try slice.indices(items.count)
            if step == 1 { return .object(PyList(Array(items[s..<s + count]))) }
            return .object(PyList((0..<count).map { items[s + $0 * step] }))
        }
        guard let i = try indexValue(key) else {
            throw PyException.typeError("list indices must be integers or slices, not \(key.typeName)")
        }
        guard let j = normalizedIndex(i, count: items.count) else { throw PyException.indexError("list index out of range") }
        return items[j]
    }

    override public func setItem(_ key: Value, _ value: Value) throws -> Bool {
        if case .object(let o) = key, let slice = o as? PySlice {
            let newItems = try iterateToArray(value)
            let (s, _, step, count) = try slice.indices(items.count)
            if step == 1 {
                items.replaceSubrange(s..<s + count, with: newItems)
            } else {
                guard newItems.count == count else {
                    throw PyException.valueError("attempt to assign sequence of size \(newItems.count) to extended slice of size \(count)")
                }
                for k in 0..<count { items[s + k * step] = newItems[k] }
            }
            return true
        }
        guard let i = try indexValue(key) else {
            throw PyException.typeError("list indices must be integers or slices, not \(key.typeName)")
        }
        guard let j = normalizedIndex(i, count: items.count) else {
            throw PyException.indexError("list assignment index out of range")
        }
        items[j] = value
        return true
    }

    override public func deleteItem(_ key: Value) throws -> Bool {
        if case .object(let o) = key, let slice = o as? PySlice {
            let selected = Set(try slice.selectedIndices(items.count))
            items = items.enumerated().filter { !selected.contains($0.offset) }.map(\.element)
            return true
        }
        guard let i = try indexValue(key) else {
            throw PyException.typeError("list indices must be integers or slices, not \(key.typeName)")
        }
        guard let j = normalizedIndex(i, count: items.count) else {
            throw PyException.indexError("list assignment index out of range")
        }
        items.remove(at: j)
        return true
    }

    override public func length() throws -> Int? { items.count }

    override public func makeIterator() throws -> PyIterator? { ListIterator(self) }

    override public func contains(_ value: Value) throws -> Bool? {
        for item in items where try item.isIdentical(to: value) || equals(item, value) { return true }
        return false
    }

    override public func repr() throws -> String {
        try ReprGuard.guarded(self, placeholder: "[...]") { try sequenceRepr(items, open: "[", close: "]") }
    }

    override public func truthValue() throws -> Bool? { !items.isEmpty }

    override public func hashValue() throws -> Int? { nil }

    override public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        switch op {
        case .add:
            guard !reflected, case .object(let o) = other, let list = o as? PyList else {
                if case .object(let o) = other, !(o is PyList), !reflected {
                    _ = o
                }
                return nil
            }
            return .object(PyList(items + list.items))
        case .multiply:
            guard let n = try repeatCount(other) else { return nil }
            try checkRepeatSize(max(items.count, 1), n)
            var result: [Value] = []
            if n > 0 {
                result.reserveCapacity(items.count * n)
                for _ in 0..<n { result.append(contentsOf: items) }
            }
            return .object(PyList(result))
        default:
            return nil
        }
    }

    override public func inPlaceOperation(_ op: BinaryOperator, _ other: Value) throws -> Value? {
        switch op {
        case .add:
            items.append(contentsOf: try iterateToArray(other))
            return .object(self)
        case .multiply:
            guard let n = try repeatCount(other) else { return nil }
            try checkRepeatSize(max(items.count, 1), n)
            let original = items
            items = []
            if n > 0 { for _ in 0..<n { items.append(contentsOf: original) } }
            return .object(self)
        default:
            return nil
        }
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard case .object(let o) = other, let list = o as? PyList else { return nil }
        return .bool(try compareSequences(items, list.items, op))
    }
}

/// A Python tuple. Not final: `collections.namedtuple` instances subclass it.
public class PyTuple: PyObject {
    public final let items: [Value]

    public init(_ items: [Value]) { self.items = items }

    override public var pyClass: PyClass { BuiltinTypes.tuple }

    override public func getItem(_ key: Value) throws -> Value? {
        if case .int(let i) = key {
            guard let j = normalizedIndex(i, count: items.count) else { throw PyException.indexError("tuple index out of range") }
            return items[j]
        }
        if case .object(let o) = key, let slice = o as? PySlice {
            let (s, _, step, count) = try slice.indices(items.count)
            return .object(PyTuple((0..<count).map { items[s + $0 * step] }))
        }
        guard let i = try indexValue(key) else {
            throw PyException.typeError("tuple indices must be integers or slices, not \(key.typeName)")
        }
        guard let j = normalizedIndex(i, count: items.count) else { throw PyException.indexError("tuple index out of range") }
        return items[j]
    }

    override public func length() throws -> Int? { items.count }
    override public func makeIterator() throws -> PyIterator? { ArrayIterator(items) }

    override public func contains(_ value: Value) throws -> Bool? {
        for item in items where try item.isIdentical(to: value) || equals(item, value) { return true }
        return false
    }

    override public func repr() throws -> String {
        if items.count == 1 { return "(\(try Python.repr(items[0])),)" }
        return try sequenceRepr(items, open: "(", close: ")")
    }

    override public func truthValue() throws -> Bool? { !items.isEmpty }

    override public func hashValue() throws -> Int? {
        SetOrder.tupleHash(try items.map { try hashOf($0) })
    }

    override public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        switch op {
        case .add:
            guard !reflected, case .object(let o) = other, let tuple = o as? PyTuple else { return nil }
            return .object(PyTuple(items + tuple.items))
        case .multiply:
            guard let n = try repeatCount(other) else { return nil }
            try checkRepeatSize(max(items.count, 1), n)
            var result: [Value] = []
            if n > 0 { for _ in 0..<n { result.append(contentsOf: items) } }
            return .object(PyTuple(result))
        default:
            return nil
        }
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard case .object(let o) = other, let tuple = o as? PyTuple else { return nil }
        return .bool(try compareSequences(items, tuple.items, op))
    }
}

private extension UInt {
    var asUInt64: UInt64 { UInt64(self) }
}

/// `range(start, stop, step)`.
public final class PyRange: PyObject {
    public let start: Int
    public let stop: Int
    public let step: Int

    public init(start: Int, stop: Int, step: Int) {
        self.start = start
        self.stop = stop
        self.step = step
    }

    override public var pyClass: PyClass { BuiltinTypes.range }

    /// The number of values, in unsigned arithmetic so extreme bounds cannot trap
    /// (`range(-2**63, 2**63 - 1)` has more than Int.max).
    var exactCount: UInt64 {
        let (low, high) = step > 0 ? (start, stop) : (stop, start)
        guard low < high else { return 0 }
        let span = UInt64(bitPattern: Int64(high)) &- UInt64(bitPattern: Int64(low))
        return (span - 1) / step.magnitude.asUInt64 + 1
    }

    /// The number of values, at most Int.max (see `length()` for the exact refusal).
    public var count: Int { Int(clamping: exactCount) }

    override public func length() throws -> Int? {
        guard exactCount <= UInt64(Int.max) else { throw PyException.overflow("Python int too large to convert to C ssize_t") }
        return count
    }
    override public func makeIterator() throws -> PyIterator? { RangeIterator(self) }

    override public func getItem(_ key: Value) throws -> Value? {
        if case .object(let o) = key, let slice = o as? PySlice {
            let (s, e, st, _) = try slice.indices(count)
            return .object(PyRange(start: start + s * step, stop: start + e * step, step: step * st))
        }
        guard let i = try indexValue(key) else {
            throw PyException.typeError("range indices must be integers or slices, not \(key.typeName)")
        }
        guard let j = normalizedIndex(i, count: count) else { throw PyException.indexError("range object index out of range") }
        return .int(start &+ j &* step)
    }

    override public func contains(_ value: Value) throws -> Bool? {
        guard case .int(let v) = value else { return nil }
        if step > 0 ? (v < start || v >= stop) : (v > start || v <= stop) { return false }
        return (v - start) % step == 0
    }

    override public func repr() throws -> String {
        step == 1 ? "range(\(start), \(stop))" : "range(\(start), \(stop), \(step))"
    }

    override public func truthValue() throws -> Bool? { count > 0 }

    override public func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "start": return .int(start)
        case "stop": return .int(stop)
        case "step": return .int(step)
        default: return nil
        }
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual, case .object(let o) = other, let r = o as? PyRange else { return nil }
        let a = count, b = r.count
        let same = a == b && (a == 0 || (start == r.start && (a == 1 || step == r.step)))
        return .bool(op == .equal ? same : !same)
    }
}

/// A `bytes` object, or (when `isByteArray`) a mutable `bytearray`.
public final class PyBytes: PyObject {
    public internal(set) var bytes: [UInt8]
    public let isByteArray: Bool

    public init(_ bytes: [UInt8], byteArray: Bool = false) {
        self.bytes = bytes
        self.isByteArray = byteArray
    }

    override public var pyClass: PyClass { isByteArray ? BuiltinTypes.byteArray : BuiltinTypes.bytes }

    override public func setItem(_ key: Value, _ value: Value) throws -> Bool {
        guard isByteArray else { return false }
        guard let i = try indexValue(key) else {
            throw PyException.typeError("bytearray indices must be integers or slices, not \(key.typeName)")
        }
        guard let j = normalizedIndex(i, count: bytes.count) else { throw PyException.indexError("bytearray index out of range") }
        guard let b = numericInt(value), (0...255).contains(b) else { throw PyException.valueError("byte must be in range(0, 256)") }
        bytes[j] = UInt8(b)
        return true
    }

    override public func getItem(_ key: Value) throws -> Value? {
        if case .object(let o) = key, let slice = o as? PySlice {
            let (s, _, step, count) = try slice.indices(bytes.count)
            return .object(PyBytes((0..<count).map { bytes[s + $0 * step] }, byteArray: isByteArray))
        }
        guard let i = try indexValue(key) else {
            throw PyException.typeError("\(isByteArray ? "bytearray" : "byte") indices must be integers or slices, not \(key.typeName)")
        }
        guard let j = normalizedIndex(i, count: bytes.count) else { throw PyException.indexError("index out of range") }
        return .int(Int(bytes[j]))
    }

    override public func length() throws -> Int? { bytes.count }
    override public func makeIterator() throws -> PyIterator? { ArrayIterator(bytes.map { .int(Int($0)) }) }

    override public func contains(_ value: Value) throws -> Bool? {
        if case .int(let v) = value { return bytes.contains { Int($0) == v } }
        if case .object(let o) = value, let other = o as? PyBytes {
            if other.bytes.isEmpty { return true }
            if other.bytes.count > bytes.count { return false }
            for i in 0...(bytes.count - other.bytes.count) where Array(bytes[i..<i + other.bytes.count]) == other.bytes {
                return true
            }
            return false
        }
        throw PyException.typeError("a bytes-like object is required, not '\(value.typeName)'")
    }

    override public func repr() throws -> String {
        if isByteArray { return "bytearray(\(try PyBytes(bytes).repr()))" }
        let useDouble = bytes.contains(0x27) && !bytes.contains(0x22)
        var out = useDouble ? "b\"" : "b'"
        for b in bytes {
            switch b {
            case 0x5C: out += "\\\\"
            case 0x27 where !useDouble: out += "\\'"
            case 0x09: out += "\\t"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(b))
            default: out += "\\x" + String(b, radix: 16).leftPadded(to: 2, with: "0")
            }
        }
        return out + (useDouble ? "\"" : "'")
    }

    override public func truthValue() throws -> Bool? { !bytes.isEmpty }

    override public func hashValue() throws -> Int? { isByteArray ? nil : bytes.hashValue }

    override public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        switch op {
        case .add:
            guard !reflected, case .object(let o) = other, let b = o as? PyBytes else { return nil }
            return .object(PyBytes(bytes + b.bytes, byteArray: isByteArray))
        case .multiply:
            guard let n = try repeatCount(other) else { return nil }
            try checkRepeatSize(max(bytes.count, 1), n, elementSize: 1)
            var result: [UInt8] = []
            if n > 0 { for _ in 0..<n { result += bytes } }
            return .object(PyBytes(result, byteArray: isByteArray))
        default:
            return nil
        }
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard case .object(let o) = other, let b = o as? PyBytes else { return nil }
        return .bool(try compareSequences(bytes.map { .int(Int($0)) }, b.bytes.map { .int(Int($0)) }, op))
    }
}
