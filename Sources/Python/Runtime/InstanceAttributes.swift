// The attribute table of script-class instances (`self.x = ...`): a handful of names kept in
// assignment order and found by a short scan, or at the position a call site remembered.

/// An instance's own attributes, in the order they were first assigned (as `__dict__` is).
///
/// Objects carry few attributes, so comparing names beats hashing them; `index(of:bit:hint:)`
/// lets a call site such as `self.x` try its last position first, and a one-word filter of
/// the names (`mask`) answers most "not an attribute" questions (method calls) at once.
public struct InstanceAttributes: Sequence {
    struct Entry {
        let name: String
        var value: Value
    }

    private var entries: [Entry] = []
    /// The union of `bit(for:)` over the names ever added.
    private var mask: UInt64 = 0

    public init() {}

    public var count: Int { entries.count }
    public var isEmpty: Bool { entries.isEmpty }

    /// The names, in assignment order.
    public var keys: [String] { entries.map(\.name) }

    /// The filter bit of `name` (computed once per call site).
    static func bit(for name: String) -> UInt64 {
        var h: UInt32 = 0
        for b in name.utf8 { h = h &* 31 &+ UInt32(b) }
        return 1 << UInt64(h & 63)
    }

    /// The position of `name` (whose `bit(for:)` is `bit`), trying `hint` first.
    @inline(__always) func index(of name: String, bit: UInt64, hint: Int) -> Int? {
        if hint < entries.count && entries[hint].name == name { return hint }
        if mask & bit == 0 { return nil }
        return index(of: name)
    }

    func index(of name: String) -> Int? {
        for i in entries.indices where entries[i].name == name { return i }
        return nil
    }

    @inline(__always) func value(at i: Int) -> Value { entries[i].value }

    @inline(__always) mutating func setValue(_ value: Value, at i: Int) { entries[i].value = value }

    /// Adds a new attribute (the caller checked it is absent); returns its position.
    @discardableResult mutating func append(_ name: String, _ value: Value, bit: UInt64) -> Int {
        if entries.isEmpty { entries.reserveCapacity(4) }
        mask |= bit
        entries.append(Entry(name: name, value: value))
        return entries.count - 1
    }

    public subscript(name: String) -> Value? {
        get { index(of: name).map { entries[$0].value } }
        set {
            if let i = index(of: name) {
                if let v = newValue { entries[i].value = v } else { entries.remove(at: i) }
            } else if let v = newValue {
                append(name, v, bit: InstanceAttributes.bit(for: name))
            }
        }
    }

    @discardableResult public mutating func removeValue(forKey name: String) -> Value? {
        guard let i = index(of: name) else { return nil }
        return entries.remove(at: i).value
    }

    public func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        var i = 0
        let entries = self.entries
        return AnyIterator {
            guard i < entries.count else { return nil }
            defer { i += 1 }
            return (entries[i].name, entries[i].value)
        }
    }
}
