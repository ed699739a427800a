// Counter's multiset arithmetic (`+ - | &` and their in-place forms), as CPython 3.11's
// collections/__init__.py computes it: results keep only positive counts.

extension CounterObject {
    /// A new plain `Counter` (results of arithmetic are never a subclass).
    func fresh() -> CounterObject {
        let base = cls.mro.first { $0.name == "Counter" && $0.moduleName == "collections" } ?? cls
        return CounterObject(cls: base)
    }

    private func count(_ k: Value) throws -> Value { try storage.get(k) ?? .int(0) }

    private static func less(_ a: Value, _ b: Value) throws -> Bool { try lessThan(a, b) }

    /// `self <op> other` for + - | &; nil for other operators.
    func combined(_ op: BinaryOperator, _ other: CounterObject) throws -> CounterObject? {
        let result = fresh()
        switch op {
        case .add, .subtract:
            for (k, c) in storage.entries {
                let n = try binaryOp(op, c, try other.count(k))
                if try CollectionsModule.isPositive(n) { try result.storage.setChecked(k, n) }
            }
            for (k, c) in other.storage.entries where try !storage.contains(k) {
                if op == .add, try CollectionsModule.isPositive(c) { try result.storage.setChecked(k, c) }
                if op == .subtract, try CollectionsModule.isNegative(c) { try result.storage.setChecked(k, try binaryOp(.subtract, .int(0), c)) }
            }
        case .bitOr, .bitAnd:
            for (k, c) in storage.entries {
                let o = try other.count(k)
                let n = op == .bitOr ? (try Self.less(c, o) ? o : c) : (try Self.less(c, o) ? c : o)
                if try CollectionsModule.isPositive(n) { try result.storage.setChecked(k, n) }
            }
            if op == .bitOr {
                for (k, c) in other.storage.entries where try !storage.contains(k) {
                    if try CollectionsModule.isPositive(c) { try result.storage.setChecked(k, c) }
                }
            }
        default: return nil
        }
        return result
    }

    /// `self <op>= other`; false for unsupported operators.
    func combineInPlace(_ op: BinaryOperator, _ other: CounterObject) throws -> Bool {
        switch op {
        case .add, .subtract:
            for (k, c) in other.storage.entries { try storage.setChecked(k, try binaryOp(op, try count(k), c)) }
        case .bitOr:
            for (k, o) in other.storage.entries where try Self.less(try count(k), o) { try storage.setChecked(k, o) }
        case .bitAnd:
            for (k, c) in storage.entries {
                let o = try other.count(k)
                if try Self.less(o, c) { try storage.setChecked(k, o) }
            }
        default: return false
        }
        for (k, c) in storage.entries where try !CollectionsModule.isPositive(c) { _ = try storage.remove(k) }
        return true
    }
}
