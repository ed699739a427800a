// The iterator protocol: `iter()`/`next()` objects for every iterable, and helpers that
// drain an iterable into a Swift array.

/// A Python iterator. `next()` returns nil when exhausted (Python's StopIteration).
open class PyIterator: PyObject {
    override public init() {}
    open func next() throws -> Value? { nil }
    override open var pyClass: PyClass { BuiltinTypes.iterator }
    override open func makeIterator() throws -> PyIterator? { self }
    override open func repr() throws -> String { "<\(pyClass.name) object at \(addressString)>" }
}

/// Iterates a list by index, seeing appends made during the loop (as Python does).
final class ListIterator: PyIterator {
    let list: PyList
    var position = 0
    init(_ list: PyList) { self.list = list }
    override var pyClass: PyClass { BuiltinTypes.listIterator }
    override func next() throws -> Value? {
        guard position < list.items.count else { return nil }
        defer { position += 1 }
        return list.items[position]
    }
}

/// Iterates a fixed array of values.
public final class ArrayIterator: PyIterator {
    let items: [Value]
    var position = 0
    public init(_ items: [Value]) { self.items = items }
    public override func next() throws -> Value? {
        guard position < items.count else { return nil }
        defer { position += 1 }
        return items[position]
    }
}

final class RangeIterator: PyIterator {
    var current: Int
    let step: Int
    var remaining: Int
    init(_ range: PyRange) {
        current = range.start
        step = range.step
        remaining = range.count
    }
    override var pyClass: PyClass { BuiltinTypes.rangeIterator }
    override func next() throws -> Value? {
        guard remaining > 0 else { return nil }
        remaining -= 1
        defer { current &+= step }
        return .int(current)
    }
}

final class StringIterator: PyIterator {
    var iterator: String.UnicodeScalarView.Iterator
    init(_ s: String) { iterator = s.unicodeScalars.makeIterator() }
    override var pyClass: PyClass { BuiltinTypes.strIterator }
    override func next() throws -> Value? {
        guard let c = iterator.next() else { return nil }
        return .str(String(Character(c)))
    }
}

/// Iterates a dict (keys, values or items) or a set, raising if its size changes.
final class DictIterator: PyIterator {
    enum Mode { case keys, values, items }
    let dict: PyDict?
    let set: PySet?
    let mode: Mode
    var position = 0
    let version: Int

    init(_ dict: PyDict, mode: Mode) {
        self.dict = dict
        self.set = nil
        self.mode = mode
        self.version = dict.storage.version
    }

    init(set: PySet) {
        self.dict = nil
        self.set = set
        self.mode = .keys
        self.version = set.storage.version
    }

    override var pyClass: PyClass { BuiltinTypes.dictIterator }

    /// The next (key, value) of a dict, without building the item tuple (`for k, v in d.items()`).
    func nextItem() throws -> (Value, Value)? {
        guard let d = dict else { return nil }
        if d.storage.version != version { throw PyException.runtimeError("dictionary changed size during iteration") }
        while position < d.storage.rawCount {
            let i = position
            position += 1
            if let k = d.storage.keys[i] { return (k, d.storage.values[i]) }
        }
        return nil
    }

    override func next() throws -> Value? {
        // Read the owner's table in place (copying the storage struct would retain its arrays).
        if let d = dict {
            if d.storage.version != version { throw PyException.runtimeError("dictionary changed size during iteration") }
            while position < d.storage.rawCount {
                let i = position
                position += 1
                if let k = d.storage.keys[i] {
                    switch mode {
                    case .keys: return k
                    case .values: return d.storage.values[i]
                    case .items: return .tuple([k, d.storage.values[i]])
                    }
                }
            }
            return nil
        }
        guard let s = set else { return nil }
        if s.storage.version != version { throw PyException.runtimeError("Set changed size during iteration") }
        while position < s.storage.rawCount {
            let i = position
            position += 1
            if let k = s.storage.keys[i] { return k }
        }
        return nil
    }
}

/// Wraps an object whose `__iter__` returned a user iterator (calls its `__next__`).
final class InstanceIterator: PyIterator {
    let target: Value
    init(_ target: Value) { self.target = target }
    override var pyClass: PyClass { target.pyClass }
    override func next() throws -> Value? {
        guard case .object(let o) = target else { throw PyException.typeError("iter() returned non-iterator of type '\(target.typeName)'") }
        if let instance = o as? PyInstance {
            do {
                guard let result = try instance.callSpecial("__next__", []) else {
                    throw PyException.typeError("iter() returned non-iterator of type '\(target.typeName)'")
                }
                return result
            } catch let e as PyException where e.cls.isSubclass(of: BuiltinTypes.stopIteration) {
                return nil
            }
        }
        if let it = o as? PyIterator { return try it.next() }
        throw PyException.typeError("iter() returned non-iterator of type '\(target.typeName)'")
    }
}

/// The old sequence protocol: `obj[0]`, `obj[1]`, ... until IndexError.
final class SequenceProtocolIterator: PyIterator {
    let target: Value
    var position = 0
    init(_ target: Value) { self.target = target }
    override func next() throws -> Value? {
        do {
            defer { position += 1 }
            return try Python.getItem(target, .int(position))
        } catch let e as PyException where e.cls.isSubclass(of: BuiltinTypes.indexError) || e.cls.isSubclass(of: BuiltinTypes.stopIteration) {
            return nil
        }
    }
}

/// An iterator defined by a Swift closure (enumerate, zip, map, filter, reversed ...).
public final class ClosureIterator: PyIterator {
    let cls: PyClass
    let body: () throws -> Value?
    public init(_ cls: PyClass, _ body: @escaping () throws -> Value?) {
        self.cls = cls
        self.body = body
    }
    override public var pyClass: PyClass { cls }
    override public func next() throws -> Value? { try body() }
}

/// `iter(value)`.
public func makeIterator(_ value: Value) throws -> PyIterator {
    switch value {
    case .str(let s): return StringIterator(s)
    case .object(let o):
        if let it = try o.makeIterator() { return it }
    default: break
    }
    throw PyException.typeError("'\(value.typeName)' object is not iterable")
}

/// Drains an iterable into an array (fast paths for list/tuple).
public func iterateToArray(_ value: Value) throws -> [Value] {
    if case .object(let o) = value {
        if let list = o as? PyList { return list.items }
        if let tuple = o as? PyTuple { return tuple.items }
        if let range = o as? PyRange { try checkAllocation(elements: range.count) }
    }
    let iterator = try makeIterator(value)
    var result: [Value] = []
    while let v = try iterator.next() {
        result.append(v)
        if result.count & 0xFFF == 0 {
            try checkInterrupt()
            try checkAllocation(elements: result.count)
        }
    }
    return result
}

/// Calls `body` for each element of an iterable.
public func forEach(_ value: Value, _ body: (Value) throws -> Void) throws {
    if case .object(let o) = value {
        if let list = o as? PyList {
            var i = 0
            while i < list.items.count {
                try body(list.items[i])
                i += 1
            }
            return
        }
        if let tuple = o as? PyTuple {
            for item in tuple.items { try body(item) }
            return
        }
    }
    let iterator = try makeIterator(value)
    while let v = try iterator.next() { try body(v) }
}
