// Executable statement nodes: blocks, expression statements and assignments.

class StmtNode {
    let range: SourceRange
    /// The next statement of the same block (blocks are owned by their arrays; these links
    /// let hot loops walk a block without reference counting).
    var next: NodeRef<StmtNode>?
    init(_ range: SourceRange) { self.range = range }
    func exec(_ f: Frame) throws -> Flow { .normal }
}

/// Links a block's statements and returns it.
func linked(_ block: [StmtNode]) -> [StmtNode] {
    for i in block.indices { block[i].next = i + 1 < block.count ? NodeRef(block[i + 1]) : nil }
    return block
}

/// Runs a linked block starting at `head`.
@inline(__always) func execLinked(_ head: NodeRef<StmtNode>?, _ f: Frame) throws -> Flow {
    var current = head
    while let s = current {
        let flow: Flow
        do { flow = try s.exec(f) } catch { throw noted(error, s.range) }
        if flow != .normal { return flow }
        current = s.next
    }
    return .normal
}

/// Runs a block; errors get the failing statement's range when no expression claimed one.
@inline(__always) func execBlock(_ body: [StmtNode], _ f: Frame) throws -> Flow {
    for s in body {
        let flow: Flow
        do { flow = try s.exec(f) } catch { throw noted(error, s.range) }
        if flow != .normal { return flow }
    }
    return .normal
}

final class ExpressionStmt: StmtNode {
    let exprNode: ExprNode
    let expr: NodeRef<ExprNode>
    init(_ expr: ExprNode, _ range: SourceRange) {
        self.exprNode = expr
        self.expr = NodeRef(expr)
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        _ = try expr.eval(f)
        return .normal
    }
}

final class AssignStmt: StmtNode {
    let targets: [TargetNode]
    let valueNode: ExprNode
    let value: NodeRef<ExprNode>
    /// The slot of a single plain-local target, else -1.
    let localSlot: Int
    /// The target when there is only one.
    let single: Unmanaged<TargetNode>?
    init(_ targets: [TargetNode], _ value: ExprNode, _ range: SourceRange) {
        self.targets = targets
        self.valueNode = value
        self.value = NodeRef(value)
        localSlot = targets.count == 1 ? (targets[0] as? LocalTarget)?.slot ?? -1 : -1
        single = targets.count == 1 ? .passUnretained(targets[0]) : nil
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let v = try value.eval(f)
        if localSlot >= 0 {
            f.slots[localSlot] = v
        } else if let t = single {
            try t._withUnsafeGuaranteedRef { try $0.assign(v, f) }
        } else {
            for t in targets { try t.assign(v, f) }
        }
        return .normal
    }
}

/// `x op= value` for a local slot (the hot case in loops).
final class LocalAugmentedStmt: StmtNode {
    let slot: Int
    let name: String
    let op: BinaryOperator
    let valueNode: ExprNode
    let value: NodeRef<ExprNode>
    init(_ slot: Int, _ name: String, _ op: BinaryOperator, _ value: ExprNode, _ range: SourceRange) {
        self.slot = slot
        self.name = name
        self.op = op
        self.valueNode = value
        self.value = NodeRef(value)
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        if f.slots[slot] == nil {
            throw noted(PyException(BuiltinTypes.unboundLocalError, "cannot access local variable '\(name)' where it is not associated with a value"), range)
        }
        let v = try value.eval(f)
        let p = f.slots + slot
        if case .int(let a)? = p.pointee, case .int(let b) = v {
            if op == .add { let (r, o) = a.addingReportingOverflow(b); if !o { p.pointee = .int(r); return .normal } }
            if op == .subtract { let (r, o) = a.subtractingReportingOverflow(b); if !o { p.pointee = .int(r); return .normal } }
        }
        if op == .add, case .str(let t) = v, case .str? = p.pointee {
            // Append in place: drop the slot's reference so the buffer is uniquely owned.
            if case .str(var s)? = p.pointee {
                p.pointee = nil
                s += t
                p.pointee = .str(s)
            }
            return .normal
        }
        guard let current = p.pointee else { return .normal }
        if case .object(let o) = current, op == .add, let list = o as? PyList {
            f.slots[slot] = nil
            defer { f.slots[slot] = .object(list) }
            do { list.items.append(contentsOf: try iterateToArray(v)) } catch { throw noted(error, range) }
            return .normal
        }
        do { f.slots[slot] = try inPlaceOp(op, current, v) } catch { throw noted(error, range) }
        return .normal
    }
}

/// `target op= value` for names (non-local), attributes and subscripts.
final class AugmentedStmt: StmtNode {
    enum Kind {
        case name(load: ExprNode, store: TargetNode)
        case attribute(ExprNode, String)
        case `subscript`(ExprNode, ExprNode)
    }
    let kind: Kind
    let op: BinaryOperator
    let value: ExprNode
    init(_ kind: Kind, _ op: BinaryOperator, _ value: ExprNode, _ range: SourceRange) {
        self.kind = kind
        self.op = op
        self.value = value
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        switch kind {
        case .name(let load, let store):
            let current = try load.eval(f)
            let v = try value.eval(f)
            let r: Value
            do { r = try inPlaceOp(op, current, v) } catch { throw noted(error, range) }
            try store.assign(r, f)
        case .attribute(let objectNode, let name):
            let o = try objectNode.eval(f)
            do {
                let current = try getAttribute(o, name)
                let v = try value.eval(f)
                try setAttribute(o, name, try inPlaceOp(op, current, v))
            } catch { throw noted(error, range) }
        case .subscript(let objectNode, let keyNode):
            let o = try objectNode.eval(f)
            let k = try keyNode.eval(f)
            do {
                let current = try getItem(o, k)
                let v = try value.eval(f)
                try setItem(o, k, try inPlaceOp(op, current, v))
            } catch { throw noted(error, range) }
        }
        return .normal
    }
}
