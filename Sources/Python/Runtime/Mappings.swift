// dict and set/frozenset: an insertion-ordered hash table keyed by Python equality,
// plus the dict views (`keys()`, `values()`, `items()`).

/// A hashable wrapper of a Python value, using Python's `==` and `hash()`.
struct HashKey: Hashable {
    let value: Value
    let hash: Int

    init(_ value: Value) throws {
        self.value = value
        self.hash = try hashOf(value)
    }

    static func == (a: HashKey, b: HashKey) -> Bool {
        if a.value.isIdentical(to: b.value) { return true }
        return (try? equals(a.value, b.value)) ?? false
    }

    func hash(into hasher: inout Hasher) { hasher.combine(hash) }

    /// Dictionary's bucket hash: the Python hash is already computed, so mix it cheaply
    /// instead of running SipHash for every lookup.
    func _rawHashValue(seed: Int) -> Int {
        var x = UInt64(bitPattern: Int64(hash)) ^ UInt64(bitPattern: Int64(seed))
        x = (x ^ (x >> 30)) &* 0xbf58476d1ce4e5b9
        x = (x ^ (x >> 27)) &* 0x94d049bb133111eb
        return Int(bitPattern: UInt(x ^ (x >> 31)))
    }
}

/// `hash(value)`; raises TypeError for unhashable values. Equal numbers hash equally.
public func hashOf(_ value: Value) throws -> Int {
    switch value {
    case .none: return 0x5f3759df
    case .bool(let b): return b ? 1 : 0
    case .int(let i):
        if i > -(1 << 61) + 1, i < (1 << 61) - 1 { return i == -1 ? -2 : i }
        return SetOrder.intHash(i)
    case .float(let d): return SetOrder.floatHash(d) ?? d.bitPattern.hashValue
    case .str(let s): return stringHash(s)
    case .object(let o):
        guard let h = try o.hashValue() else { throw PyException.typeError("unhashable type: '\(o.pyClass.name)'") }
        return h
    }
}

/// The hash of a str: FNV-1a over the bytes of short ASCII text (the word keys of counting
/// loops, several times cheaper than SipHash), Swift's hash otherwise. Python compares
/// strings by code point, so hashing bytes keeps equal strings' hashes equal.
@inline(__always) func stringHash(_ s: String) -> Int {
    let utf8 = s.utf8
    guard utf8.count <= 24 else { return s.hashValue }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in utf8 {
        if b >= 0x80 { return s.hashValue }
        h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3
    }
    h ^= h >> 29
    h = h &* 0xbf58_476d_1ce4_e5b9
    h ^= h >> 32
    return Int(bitPattern: UInt(h))
}

/// Python's key equality, with the common same-type cases (int, str) decided inline.
@inline(__always) func keysEqual(_ a: Value, _ b: Value) -> Bool {
    switch (a, b) {
    case (.int(let x), .int(let y)): return x == y
    case (.str(let x), .str(let y)): return x == y
    default:
        if a.isIdentical(to: b) { return true }
        return (try? equals(a, b)) ?? false
    }
}

/// An insertion-ordered table, laid out as CPython's compact dict: entries (key, value and
/// hash) in order, deleted entries left as holes until compaction, and an open-addressing
/// index of entry positions probed as CPython probes (so runs of int keys stay local).
struct DictStorage {
    private(set) var keys: [Value?] = []
    private(set) var values: [Value] = []
    private var hashes: [Int] = []
    /// Entry positions; `empty` or `deleted` in unused buckets. Its size is a power of two.
    private var buckets: [Int32] = []
    /// Buckets not `empty` (live entries plus deletion markers).
    private var usedBuckets = 0
    private(set) var count = 0
    /// Bumped when the key set changes, to detect mutation during iteration.
    private(set) var version = 0

    private static let empty: Int32 = -1
    private static let deleted: Int32 = -2

    init() {}

    /// CPython's probe sequence: start at the hash's low bits, then mix in its high bits.
    struct Probe {
        let mask: Int
        var perturb: UInt
        var bucket: Int
        @inline(__always) init(_ hash: Int, mask: Int) {
            self.mask = mask
            perturb = UInt(bitPattern: hash)
            bucket = hash & mask
        }
        @inline(__always) mutating func advance() {
            perturb >>= 5
            bucket = (bucket &* 5 &+ Int(bitPattern: perturb) &+ 1) & mask
        }
    }

    /// The entry position of `key` (whose hash is `hash`), or nil.
    @inline(__always) private func find(_ key: Value, _ hash: Int) -> Int? {
        if buckets.isEmpty { return nil }
        var probe = Probe(hash, mask: buckets.count - 1)
        while true {
            let e = Int(buckets[probe.bucket])
            if e == Int(DictStorage.empty) { return nil }
            if e >= 0, hashes[e] == hash, let k = keys[e], keysEqual(k, key) { return e }
            probe.advance()
        }
    }

    /// The bucket holding entry position `entry`.
    private func bucket(ofEntry entry: Int) -> Int? {
        var probe = Probe(hashes[entry], mask: buckets.count - 1)
        while true {
            let e = buckets[probe.bucket]
            if e == DictStorage.empty { return nil }
            if Int(e) == entry { return probe.bucket }
            probe.advance()
        }
    }

    /// Rebuilds the index with room for `capacity` entries.
    private mutating func rebuildIndex(capacity: Int) {
        var size = 8
        while size * 2 < capacity * 3 { size *= 2 }
        var fresh = [Int32](repeating: DictStorage.empty, count: size)
        for e in keys.indices where keys[e] != nil {
            var probe = Probe(hashes[e], mask: size - 1)
            while fresh[probe.bucket] != DictStorage.empty { probe.advance() }
            fresh[probe.bucket] = Int32(truncatingIfNeeded: e)
        }
        buckets = fresh
        usedBuckets = count
    }

    func get(_ key: Value) throws -> Value? {
        if let i = find(key, try hashOf(key)) { return values[i] }
        return nil
    }

    func get(_ key: HashKey) -> Value? {
        if let i = find(key.value, key.hash) { return values[i] }
        return nil
    }

    func contains(_ key: Value) throws -> Bool { find(key, try hashOf(key)) != nil }

    /// `counts[key] += 1` for Counter, in one probe and without copying the table: inserts 1
    /// when absent; returns false (changing nothing) when the value is not an int below Int.max.
    mutating func incrementInt(_ key: HashKey) -> Bool {
        if let e = find(key.value, key.hash) {
            guard case .int(let c) = values[e], c < Int.max else { return false }
            values[e] = .int(c + 1)
            return true
        }
        set(key.value, hash: key.hash, .int(1))
        return true
    }

    mutating func set(_ key: HashKey, _ value: Value) {
        set(key.value, hash: key.hash, value)
    }

    mutating func set(_ key: Value, hash: Int, _ value: Value) {
        if (usedBuckets + 1) * 3 > buckets.count * 2 { rebuildIndex(capacity: max(count + 1, 4) * 2) }
        // One probe walk: replace the value of an equal key, or insert at the first free bucket.
        var probe = Probe(hash, mask: buckets.count - 1)
        var free = -1
        while true {
            let e = Int(buckets[probe.bucket])
            if e == Int(DictStorage.empty) { break }
            if e == Int(DictStorage.deleted) {
                if free < 0 { free = probe.bucket }
            } else if hashes[e] == hash, let k = keys[e], keysEqual(k, key) {
                values[e] = value
                return
            }
            probe.advance()
        }
        if free < 0 {
            free = probe.bucket
            usedBuckets += 1
        }
        buckets[free] = Int32(truncatingIfNeeded: keys.count)
        keys.append(key)
        values.append(value)
        hashes.append(hash)
        count += 1
        version &+= 1
    }

    /// Sets with a key that must be hashable (throws `unhashable type` otherwise).
    mutating func setChecked(_ key: Value, _ value: Value) throws {
        set(key, hash: try hashOf(key), value)
    }

    /// Sets a key known to be hashable (strings, ints); unhashable keys are ignored.
    mutating func set(_ key: Value, _ value: Value) {
        if let h = try? hashOf(key) { set(key, hash: h, value) }
    }

    mutating func remove(_ key: Value) throws -> Value? {
        guard let i = find(key, try hashOf(key)), let b = bucket(ofEntry: i) else { return nil }
        buckets[b] = DictStorage.deleted
        let value = values[i]
        keys[i] = nil
        values[i] = .none
        count -= 1
        version &+= 1
        if keys.count > 16 && count < keys.count / 2 { compact() }
        return value
    }

    mutating func removeAll() {
        keys = []
        values = []
        hashes = []
        buckets = []
        usedBuckets = 0
        count = 0
        version &+= 1
    }

    private mutating func compact() {
        var newKeys: [Value?] = []
        var newValues: [Value] = []
        var newHashes: [Int] = []
        newKeys.reserveCapacity(count)
        newValues.reserveCapacity(count)
        newHashes.reserveCapacity(count)
        for i in keys.indices {
            guard let k = keys[i] else { continue }
            newKeys.append(k)
            newValues.append(values[i])
            newHashes.append(hashes[i])
        }
        keys = newKeys
        values = newValues
        hashes = newHashes
        rebuildIndex(capacity: max(count, 4) * 2)
    }

    /// (key, value) pairs in insertion order.
    var entries: [(Value, Value)] {
        var result: [(Value, Value)] = []
        result.reserveCapacity(count)
        for i in keys.indices { if let k = keys[i] { result.append((k, values[i])) } }
        return result
    }

    var orderedKeys: [Value] { keys.compactMap { $0 } }

    var orderedValues: [Value] {
        var result: [Value] = []
        for i in keys.indices where keys[i] != nil { result.append(values[i]) }
        return result
    }

    /// The entry at raw position `i` (nil for a hole), for iterators.
    func entry(at i: Int) -> (Value, Value)? {
        guard i < keys.count, let k = keys[i] else { return nil }
        return (k, values[i])
    }

    var rawCount: Int { keys.count }

    mutating func popLast() -> (Value, Value)? {
        while let last = keys.last {
            let i = keys.count - 1
            if let k = last {
                let v = values[i]
                if let b = bucket(ofEntry: i) { buckets[b] = DictStorage.deleted }
                keys.removeLast()
                values.removeLast()
                hashes.removeLast()
                count -= 1
                version &+= 1
                return (k, v)
            }
            keys.removeLast()
            values.removeLast()
            hashes.removeLast()
        }
        return nil
    }
}

/// A Python dict. Not final: `collections`' Counter, defaultdict and OrderedDict subclass it.
public class PyDict: PyObject {
    final var storage = DictStorage()
    /// For `obj.__dict__`: the instance whose attributes this dict mirrors; changes made
    /// through the dict are copied back (`self.__dict__.update(kwargs)`).
    var mirroredInstance: PyInstance? { didSet { hasMirror = true } }
    /// For `globals()`: the module namespace changes are copied back to.
    var mirroredGlobals: Globals? { didSet { hasMirror = true } }
    /// Whether writes must be copied back (fast paths skip such dicts).
    private(set) var hasMirror = false

    /// Copies the entries back into the mirrored instance's attributes or globals, if any
    /// (names bound there since the snapshot stay).
    func mirrorBack() {
        guard mirroredInstance != nil || mirroredGlobals != nil else { return }
        for (k, v) in storage.entries {
            guard case .str(let name) = k else { continue }
            mirroredGlobals?[name] = v
            mirroredInstance?.attributes[name] = v
        }
    }

    /// Removes `key` from the mirrored instance or globals.
    func mirrorRemove(_ key: Value) {
        guard case .str(let name) = key else { return }
        mirroredGlobals?[name] = nil
        mirroredInstance?.attributes.removeValue(forKey: name)
    }

    public override init() {}

    override public var pyClass: PyClass { BuiltinTypes.dict }

    public final var count: Int { storage.count }

    /// The value for `key`, or nil.
    public final func get(_ key: Value) throws -> Value? { try storage.get(key) }

    /// Sets `key` to `value` (raises for unhashable keys).
    public final func set(_ key: Value, _ value: Value) throws { try storage.setChecked(key, value) }

    public final var entries: [(Value, Value)] { storage.entries }

    override public func getItem(_ key: Value) throws -> Value? {
        if let v = try storage.get(key) { return v }
        throw PyException.keyError(key)
    }

    override public func setItem(_ key: Value, _ value: Value) throws -> Bool {
        try storage.setChecked(key, value)
        if hasMirror, case .str(let name) = key {
            mirroredGlobals?[name] = value
            mirroredInstance?.attributes[name] = value
        }
        return true
    }

    override public func deleteItem(_ key: Value) throws -> Bool {
        if try storage.remove(key) == nil { throw PyException.keyError(key) }
        mirrorRemove(key)
        return true
    }

    override public func length() throws -> Int? { storage.count }
    override public func makeIterator() throws -> PyIterator? { DictIterator(self, mode: .keys) }
    override public func contains(_ value: Value) throws -> Bool? { try storage.contains(value) }
    override public func truthValue() throws -> Bool? { storage.count > 0 }
    override public func hashValue() throws -> Int? { nil }

    override public func repr() throws -> String {
        try ReprGuard.guarded(self, placeholder: "{...}") { try entriesRepr() }
    }

    final func entriesRepr() throws -> String {
        var out = "{"
        var first = true
        for (k, v) in storage.entries {
            if !first { out += ", " }
            first = false
            out += try Python.repr(k) + ": " + Python.repr(v)
        }
        return out + "}"
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual, case .object(let o) = other, let d = o as? PyDict else { return nil }
        var same = d.count == count
        if same {
            for (k, v) in storage.entries {
                guard let w = try d.storage.get(k), try equals(v, w) else { same = false; break }
            }
        }
        return .bool(op == .equal ? same : !same)
    }

    override public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard op == .bitOr, case .object(let o) = other, let d = o as? PyDict else { return nil }
        let (left, right) = reflected ? (d, self) : (self, d)
        let result = PyDict()
        result.storage = left.storage
        for (k, v) in right.storage.entries { try result.storage.setChecked(k, v) }
        return .object(result)
    }
}

/// `dict.keys()`, `dict.values()`, `dict.items()`: live views.
public final class PyDictView: PyObject {
    enum Kind { case keys, values, items }
    let dict: PyDict
    let kind: Kind

    init(_ dict: PyDict, _ kind: Kind) {
        self.dict = dict
        self.kind = kind
    }

    override public var pyClass: PyClass {
        switch kind {
        case .keys: return BuiltinTypes.dictKeys
        case .values: return BuiltinTypes.dictValues
        case .items: return BuiltinTypes.dictItems
        }
    }

    override public func length() throws -> Int? { dict.count }

    override public func makeIterator() throws -> PyIterator? {
        DictIterator(dict, mode: kind == .keys ? .keys : kind == .values ? .values : .items)
    }

    override public func contains(_ value: Value) throws -> Bool? {
        switch kind {
        case .keys: return try dict.storage.contains(value)
        case .values: return try dict.storage.orderedValues.contains { try equals($0, value) }
        case .items:
            guard case .object(let o) = value, let t = o as? PyTuple, t.items.count == 2,
                  let v = try dict.storage.get(t.items[0]) else { return false }
            return try equals(v, t.items[1])
        }
    }

    func elements() -> [Value] {
        switch kind {
        case .keys: return dict.storage.orderedKeys
        case .values: return dict.storage.orderedValues
        case .items: return dict.storage.entries.map { .tuple([$0.0, $0.1]) }
        }
    }

    override public func repr() throws -> String {
        let name = kind == .keys ? "dict_keys" : kind == .values ? "dict_values" : "dict_items"
        return "\(name)(\(try sequenceRepr(elements(), open: "[", close: "]")))"
    }

    override public func hashValue() throws -> Int? { nil }

    /// `d.keys() - other`, `&`, `|`, `^` with any iterable: a new set, as CPython's set-like views give.
    override public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard kind != .values, [.bitOr, .bitAnd, .subtract, .bitXor].contains(op) else { return nil }
        let mine = PySet()
        for e in elements() { try mine.add(e) }
        let theirs = PySet()
        for e in try iterateToArray(other) { try theirs.add(e) }
        return .object(reflected ? try theirs.combined(mine, op) : try mine.combined(theirs, op))
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard kind != .values, op == .equal || op == .notEqual else { return nil }
        let mine = PySet(frozen: true)
        for e in elements() { try mine.add(e) }
        guard case .object(let o) = other else { return nil }
        let theirs: PySet
        if let s = o as? PySet { theirs = s } else if let v = o as? PyDictView, v.kind != .values {
            theirs = PySet(frozen: true)
            for e in v.elements() { try theirs.add(e) }
        } else { return nil }
        return try mine.compare(op, .object(theirs))
    }
}

/// `set` and `frozenset` (iteration in insertion order).
public final class PySet: PyObject {
    var storage = DictStorage()
    public let frozen: Bool

    public init(frozen: Bool = false) { self.frozen = frozen }

    override public var pyClass: PyClass { frozen ? BuiltinTypes.frozenset : BuiltinTypes.set }

    /// Elements in iteration order (CPython's slot order for int sets, else insertion order).
    public var elements: [Value] {
        let keys = storage.orderedKeys
        return SetOrder.cpythonOrder(keys) ?? keys
    }

    public func add(_ value: Value) throws { try storage.setChecked(value, .none) }

    public func has(_ value: Value) throws -> Bool { try storage.contains(value) }

    override public func length() throws -> Int? { storage.count }
    override public func makeIterator() throws -> PyIterator? {
        if let ordered = SetOrder.cpythonOrder(storage.orderedKeys) { return ArrayIterator(ordered) }
        return DictIterator(set: self)
    }

    override public func contains(_ value: Value) throws -> Bool? {
        do {
            return try storage.contains(value)
        } catch let e as PyException where e.cls === BuiltinTypes.typeError {
            if case .object(let o) = value, let s = o as? PySet {
                let frozenCopy = PySet(frozen: true)
                frozenCopy.storage = s.storage
                return try storage.contains(.object(frozenCopy))
            }
            throw e
        }
    }

    override public func truthValue() throws -> Bool? { storage.count > 0 }

    override public func hashValue() throws -> Int? {
        guard frozen else { return nil }
        var h = 0
        for k in storage.orderedKeys { h ^= try hashOf(k) &* 0x9E3779B1 }
        return h
    }

    override public func repr() throws -> String {
        if storage.count == 0 { return frozen ? "frozenset()" : "set()" }
        let inner = try sequenceRepr(elements, open: "{", close: "}")
        return frozen ? "frozenset(\(inner))" : inner
    }

    func isSubset(of other: PySet) throws -> Bool {
        for k in storage.orderedKeys where try !other.storage.contains(k) { return false }
        return true
    }

    func combined(_ other: PySet, _ op: BinaryOperator) throws -> PySet {
        let result = PySet(frozen: frozen)
        switch op {
        case .bitOr:
            result.storage = storage
            for k in other.storage.orderedKeys { try result.add(k) }
        case .bitAnd:
            for k in storage.orderedKeys where try other.storage.contains(k) { try result.add(k) }
        case .subtract:
            for k in storage.orderedKeys where try !other.storage.contains(k) { try result.add(k) }
        case .bitXor:
            for k in storage.orderedKeys where try !other.storage.contains(k) { try result.add(k) }
            for k in other.storage.orderedKeys where try !storage.contains(k) { try result.add(k) }
        default: break
        }
        return result
    }

    override public func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard [.bitOr, .bitAnd, .subtract, .bitXor].contains(op), case .object(let o) = other, let s = o as? PySet else { return nil }
        return .object(reflected ? try s.combined(self, op) : try combined(s, op))
    }

    override public func inPlaceOperation(_ op: BinaryOperator, _ other: Value) throws -> Value? {
        guard !frozen, [.bitOr, .bitAnd, .subtract, .bitXor].contains(op),
              case .object(let o) = other, let s = o as? PySet else { return nil }
        storage = try combined(s, op).storage
        return .object(self)
    }

    override public func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard case .object(let o) = other, let s = o as? PySet else { return nil }
        switch op {
        case .equal: return .bool(try storage.count == s.storage.count && isSubset(of: s))
        case .notEqual: return .bool(try !(storage.count == s.storage.count && isSubset(of: s)))
        case .lessEqual: return .bool(try isSubset(of: s))
        case .less: return .bool(try storage.count < s.storage.count && isSubset(of: s))
        case .greaterEqual: return .bool(try s.isSubset(of: self))
        case .greater: return .bool(try storage.count > s.storage.count && s.isSubset(of: self))
        default: return nil
        }
    }
}
