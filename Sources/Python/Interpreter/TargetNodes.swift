// Assignment targets: local/cell/global/class-namespace names, attributes, subscripts and
// tuple/list unpacking with a starred target (CPython's unpacking messages).

class TargetNode {
    let range: SourceRange
    init(_ range: SourceRange) { self.range = range }
    func assign(_ value: Value, _ f: Frame) throws {}
    func delete(_ f: Frame) throws {}
}

final class LocalTarget: TargetNode {
    let slot: Int
    let name: String
    init(_ slot: Int, _ name: String, _ range: SourceRange) {
        self.slot = slot
        self.name = name
        super.init(range)
    }
    override func assign(_ value: Value, _ f: Frame) throws { f.slots[slot] = value }
    override func delete(_ f: Frame) throws {
        if f.slots[slot] == nil {
            throw noted(PyException(BuiltinTypes.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value"), range)
        }
        f.slots[slot] = nil
    }
}

final class CellTarget: TargetNode {
    let slot: Int
    let name: String
    init(_ slot: Int, _ name: String, _ range: SourceRange) {
        self.slot = slot
        self.name = name
        super.init(range)
    }
    override func assign(_ value: Value, _ f: Frame) throws {
        if case .object(let o)? = f.slots[slot], let cell = o as? PyCell { cell.value = value } else { f.slots[slot] = .object(PyCell(value)) }
    }
    override func delete(_ f: Frame) throws {
        if case .object(let o)? = f.slots[slot], let cell = o as? PyCell { cell.value = nil }
    }
}

final class GlobalTarget: TargetNode {
    let slot: GlobalSlot
    init(_ slot: GlobalSlot, _ range: SourceRange) {
        self.slot = slot
        super.init(range)
    }
    override func assign(_ value: Value, _ f: Frame) throws { slot.value = value }
    override func delete(_ f: Frame) throws {
        if slot.value == nil { throw noted(PyException.nameError(slot.name), range) }
        slot.value = nil
    }
}

final class ClassTarget: TargetNode {
    let name: String
    init(_ name: String, _ range: SourceRange) {
        self.name = name
        super.init(range)
    }
    override func assign(_ value: Value, _ f: Frame) throws {
        try f.classNamespace?.set(.str(name), value)
    }
    override func delete(_ f: Frame) throws {
        if try f.classNamespace?.storage.remove(.str(name)) == nil { throw noted(PyException.nameError(name), range) }
    }
}

final class AttributeTarget: TargetNode {
    let objectNode: ExprNode
    let object: NodeRef<ExprNode>
    let name: String
    let nameBit: UInt64
    /// Where `name` sat in the last instance's attribute table (raw memory: no access checks).
    let hint = UnsafeMutablePointer<Int>.allocate(capacity: 1)
    init(_ object: ExprNode, _ name: String, _ range: SourceRange) {
        self.objectNode = object
        self.object = NodeRef(object)
        self.name = name
        nameBit = InstanceAttributes.bit(for: name)
        hint.initialize(to: 0)
        super.init(range)
    }
    deinit { hint.deallocate() }
    override func assign(_ value: Value, _ f: Frame) throws {
        let o = try object.eval(f)
        if case .object(let obj) = o, let instance = obj as? PyInstance, !instance.cls.hasDataDescriptors,
           !instance.cls.hasCustomSetattr, type(of: instance) == PyInstance.self {
            if let i = instance.attributeIndex(of: name, bit: nameBit, hint: hint.pointee) {
                hint.pointee = i
                instance.setAttributeValue(value, at: i)
            } else {
                hint.pointee = instance.appendAttribute(name, value, bit: nameBit)
            }
            return
        }
        do { try setAttribute(o, name, value) } catch { throw noted(error, range) }
    }
    override func delete(_ f: Frame) throws {
        let o = try object.eval(f)
        do { try deleteAttribute(o, name) } catch { throw noted(error, range) }
    }
}

final class SubscriptTarget: TargetNode {
    let objectNode: ExprNode
    let object: NodeRef<ExprNode>
    let keyNode: ExprNode
    let key: NodeRef<ExprNode>
    init(_ object: ExprNode, _ key: ExprNode, _ range: SourceRange) {
        self.objectNode = object
        self.object = NodeRef(object)
        self.keyNode = key
        self.key = NodeRef(key)
        super.init(range)
    }
    override func assign(_ value: Value, _ f: Frame) throws {
        let o = try object.eval(f)
        let k = try key.eval(f)
        if case .object(let obj) = o {
            // Plain dicts only: dict subclasses (collections' Counter...) may override __setitem__.
            if let d = obj as? PyDict, type(of: d) == PyDict.self, !d.hasMirror {
                do { try d.storage.setChecked(k, value) } catch { throw noted(error, range) }
                return
            }
            if case .int(let i) = k, let list = obj as? PyList, i >= 0, i < list.items.count {
                list.items[i] = value
                return
            }
        }
        do { try setItem(o, k, value) } catch { throw noted(error, range) }
    }
    override func delete(_ f: Frame) throws {
        let o = try object.eval(f)
        let k = try key.eval(f)
        do { try deleteItem(o, k) } catch { throw noted(error, range) }
    }
}

final class UnpackTarget: TargetNode {
    let targets: [TargetNode]
    let starIndex: Int?
    init(_ targets: [TargetNode], starIndex: Int?, _ range: SourceRange) {
        self.targets = targets
        self.starIndex = starIndex
        super.init(range)
    }
    override func assign(_ value: Value, _ f: Frame) throws {
        // A tuple of the right length (`a, b = b, a`, `for i, x in enumerate(...)`): no copy.
        if starIndex == nil, case .object(let o) = value, let tuple = o as? PyTuple, tuple.items.count == targets.count {
            for i in 0..<targets.count { try targets[i].assign(tuple.items[i], f) }
            return
        }
        var items: [Value]
        if case .object(let o) = value, let list = o as? PyList {
            items = list.items
        } else if case .object(let o) = value, let tuple = o as? PyTuple {
            items = tuple.items
        } else {
            let iterator: PyIterator
            do {
                iterator = try makeIterator(value)
            } catch let e as PyException where e.cls === BuiltinTypes.typeError {
                throw noted(PyException.typeError("cannot unpack non-iterable \(value.typeName) object"), range)
            }
            // Without a star, one item past the targets is enough to know there are too many
            // (an endless generator must not be drained).
            let limit = starIndex == nil ? targets.count + 1 : Int.max
            items = []
            do {
                while items.count < limit, let v = try iterator.next() { items.append(v) }
            } catch { throw noted(error, range) }
        }
        if let star = starIndex {
            let required = targets.count - 1
            guard items.count >= required else {
                throw noted(PyException.valueError("not enough values to unpack (expected at least \(required), got \(items.count))"), range)
            }
            for i in 0..<star { try targets[i].assign(items[i], f) }
            let after = targets.count - star - 1
            try targets[star].assign(.list(Array(items[star..<(items.count - after)])), f)
            for j in 0..<after { try targets[star + 1 + j].assign(items[items.count - after + j], f) }
            return
        }
        guard items.count == targets.count else {
            if items.count > targets.count {
                throw noted(PyException.valueError("too many values to unpack (expected \(targets.count))"), range)
            }
            throw noted(PyException.valueError("not enough values to unpack (expected \(targets.count), got \(items.count))"), range)
        }
        for i in 0..<items.count { try targets[i].assign(items[i], f) }
    }
    override func delete(_ f: Frame) throws {
        for t in targets { try t.delete(f) }
    }
}
