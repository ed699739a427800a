// `collections.deque`: a ring buffer with optional maxlen, O(1) at both ends, indexing,
// rotate, and CPython's reprs and messages (`deque([1, 2], maxlen=3)`).

final class DequeObject: PyObject {
    let cls: PyClass
    private var buffer: [Value] = [.none, .none, .none, .none, .none, .none, .none, .none]
    private var head = 0
    private(set) var count = 0
    var maxlen: Int?
    /// Bumped on every mutation, so iterators notice (`deque mutated during iteration`).
    private(set) var state = 0

    init(cls: PyClass, maxlen: Int?) {
        self.cls = cls
        self.maxlen = maxlen
    }

    override var pyClass: PyClass { cls }

    @inline(__always) private func slot(_ i: Int) -> Int { (head + i) & (buffer.count - 1) }

    subscript(i: Int) -> Value {
        get { buffer[slot(i)] }
        set { buffer[slot(i)] = newValue; state &+= 1 }
    }

    var items: [Value] { (0..<count).map { self[$0] } }

    private func grow() {
        var fresh = [Value](repeating: .none, count: buffer.count * 2)
        for i in 0..<count { fresh[i] = buffer[slot(i)] }
        buffer = fresh
        head = 0
    }

    func append(_ v: Value) {
        state &+= 1
        if maxlen == 0 { return }
        if let m = maxlen, count == m { _ = popLeft() }
        if count == buffer.count { grow() }
        buffer[slot(count)] = v
        count += 1
    }

    func appendLeft(_ v: Value) {
        state &+= 1
        if maxlen == 0 { return }
        if let m = maxlen, count == m { _ = pop() }
        if count == buffer.count { grow() }
        head = (head - 1) & (buffer.count - 1)
        buffer[head] = v
        count += 1
    }

    func pop() -> Value? {
        guard count > 0 else { return nil }
        state &+= 1
        count -= 1
        let i = slot(count)
        defer { buffer[i] = .none }
        return buffer[i]
    }

    func popLeft() -> Value? {
        guard count > 0 else { return nil }
        state &+= 1
        let v = buffer[head]
        buffer[head] = .none
        head = (head + 1) & (buffer.count - 1)
        count -= 1
        return v
    }

    func replaceAll(_ values: [Value]) {
        clear()
        for v in values { append(v) }
    }

    func clear() {
        buffer = [Value](repeating: .none, count: 8)
        head = 0
        count = 0
        state &+= 1
    }

    func rotate(_ n: Int) {
        guard count > 1 else { return }
        var k = n % count
        if k < 0 { k += count }
        if k == 0 { return }
        // Rotating right by k: the last k elements move to the front.
        let values = items
        replaceAll(Array(values[(count - k)...] + values[..<(count - k)]))
    }

    func index(_ key: Value) throws -> Int {
        guard let i = try indexValue(key) else {
            throw PyException.typeError("sequence index must be integer, not '\(key.typeName)'")
        }
        guard let j = normalizedIndex(i, count: count) else { throw PyException.indexError("deque index out of range") }
        return j
    }

    override func getItem(_ key: Value) throws -> Value? { self[try index(key)] }

    override func setItem(_ key: Value, _ value: Value) throws -> Bool {
        self[try index(key)] = value
        return true
    }

    override func deleteItem(_ key: Value) throws -> Bool {
        let j = try index(key)
        var values = items
        values.remove(at: j)
        replaceAll(values)
        return true
    }

    override func length() throws -> Int? { count }
    override func truthValue() throws -> Bool? { count > 0 }
    override func hashValue() throws -> Int? { throw PyException.typeError("unhashable type: 'collections.deque'") }

    override func makeIterator() throws -> PyIterator? {
        var position = 0
        let startState = state
        return ClosureIterator(CollectionsModule.dequeIteratorClass) { [self] in
            if state != startState {
                throw PyException.runtimeError("deque mutated during iteration")
            }
            guard position < count else { return nil }
            defer { position += 1 }
            return self[position]
        }
    }

    override func contains(_ value: Value) throws -> Bool? {
        for v in items where try v.isIdentical(to: value) || equals(v, value) { return true }
        return false
    }

    override func repr() throws -> String {
        let inner = try ReprGuard.guarded(self, placeholder: "[...]") { try sequenceRepr(items, open: "[", close: "]") }
        let name = cls.name
        if let m = maxlen { return "\(name)(\(inner), maxlen=\(m))" }
        return "\(name)(\(inner))"
    }

    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard case .object(let o) = other, let d = o as? DequeObject else { return nil }
        return .bool(try compareSequences(items, d.items, op))
    }

    override func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        switch op {
        case .add:
            guard !reflected, case .object(let o) = other, let d = o as? DequeObject else {
                if !reflected { throw PyException.typeError("can only concatenate deque (not \"\(other.typeName)\") to deque") }
                return nil
            }
            let result = DequeObject(cls: cls, maxlen: maxlen)
            for v in items + d.items { result.append(v) }
            return .object(result)
        case .multiply:
            guard let n = try repeatCount(other) else { return nil }
            let result = DequeObject(cls: cls, maxlen: maxlen)
            let values = items
            if n > 0 { for _ in 0..<n { for v in values { result.append(v) } } }
            return .object(result)
        default: return nil
        }
    }

    override func inPlaceOperation(_ op: BinaryOperator, _ other: Value) throws -> Value? {
        guard op == .add else { return nil }
        try forEach(.object(PyList(try iterateToArray(other)))) { append($0) }
        return .object(self)
    }
}
