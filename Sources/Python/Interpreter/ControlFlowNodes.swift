// Control flow: if/while/for (with else), break/continue/return, raise, assert, del.

final class IfStmt: StmtNode {
    let testNode: ExprNode
    let test: NodeRef<ExprNode>
    let body: [StmtNode]
    let orElse: [StmtNode]
    let bodyHead: NodeRef<StmtNode>?
    let orElseHead: NodeRef<StmtNode>?
    init(_ test: ExprNode, _ body: [StmtNode], _ orElse: [StmtNode], _ range: SourceRange) {
        self.testNode = test
        self.test = NodeRef(test)
        self.body = linked(body)
        self.orElse = linked(orElse)
        bodyHead = body.first.map(NodeRef.init)
        orElseHead = orElse.first.map(NodeRef.init)
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let t = try test.eval(f)
        let truth: Bool
        if case .bool(let b) = t { truth = b } else {
            do { truth = try isTruthy(t) } catch { throw noted(error, test.range) }
        }
        return try execLinked(truth ? bodyHead : orElseHead, f)
    }
}

final class WhileStmt: StmtNode {
    let testNode: ExprNode
    let test: NodeRef<ExprNode>
    let body: [StmtNode]
    let orElse: [StmtNode]
    let bodyHead: NodeRef<StmtNode>?
    init(_ test: ExprNode, _ body: [StmtNode], _ orElse: [StmtNode], _ range: SourceRange) {
        self.testNode = test
        self.test = NodeRef(test)
        self.body = linked(body)
        self.orElse = orElse
        bodyHead = body.first.map(NodeRef.init)
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        var counter = 0
        while true {
            let t = try test.eval(f)
            let truth: Bool
            if case .bool(let b) = t { truth = b } else {
                do { truth = try isTruthy(t) } catch { throw noted(error, test.range) }
            }
            if !truth { break }
            counter &+= 1
            if counter & 0xFF == 0, Interpreter.interruptRequested {
                // CPython names the `while` line, with no carets under it.
                do { try checkInterrupt() } catch { throw noted(error, SourceRange(line: range.line, column: range.column, endLine: range.line, endColumn: .max)) }
            }
            switch try execLinked(bodyHead, f) {
            case .breakLoop: return .normal
            case .returned: return .returned
            default: break
            }
        }
        return try execBlock(orElse, f)
    }
}

final class ForStmt: StmtNode {
    let target: TargetNode
    let iterable: ExprNode
    let body: [StmtNode]
    let orElse: [StmtNode]
    let localSlot: Int?
    /// The two names of a `for a, b in ...` target.
    let pairTargets: (TargetNode, TargetNode)?
    let bodyHead: NodeRef<StmtNode>?
    init(_ target: TargetNode, _ iterable: ExprNode, _ body: [StmtNode], _ orElse: [StmtNode], _ range: SourceRange) {
        self.target = target
        self.iterable = iterable
        self.body = linked(body)
        self.orElse = orElse
        bodyHead = body.first.map(NodeRef.init)
        self.localSlot = (target as? LocalTarget)?.slot
        if let unpack = target as? UnpackTarget, unpack.starIndex == nil, unpack.targets.count == 2 {
            pairTargets = (unpack.targets[0], unpack.targets[1])
        } else {
            pairTargets = nil
        }
        super.init(range)
    }

    @inline(__always) private func step(_ item: Value, _ f: Frame) throws -> Flow {
        if let s = localSlot { f.slots[s] = item } else { try target.assign(item, f) }
        return try execLinked(bodyHead, f)
    }

    override func exec(_ f: Frame) throws -> Flow {
        let source = try iterable.eval(f)
        var counter = 0
        if case .object(let o) = source {
            if let r = o as? PyRange {
                var current = r.start
                for _ in 0..<r.count {
                    counter &+= 1
                    if counter & 0xFF == 0, Interpreter.interruptRequested { try checkInterrupt() }
                    switch try step(.int(current), f) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    default: break
                    }
                    current &+= r.step
                }
                return try execBlock(orElse, f)
            }
            if let list = o as? PyList {
                var i = 0
                while i < list.items.count {
                    counter &+= 1
                    if counter & 0xFF == 0, Interpreter.interruptRequested { try checkInterrupt() }
                    switch try step(list.items[i], f) {
                    case .breakLoop: return .normal
                    case .returned: return .returned
                    default: break
                    }
                    i += 1
                }
                return try execBlock(orElse, f)
            }
        }
        let iterator: PyIterator
        do { iterator = try makeIterator(source) } catch { throw noted(error, iterable.range) }
        if let items = iterator as? DictIterator, items.mode == .items, let pair = pairTargets {
            // `for k, v in d.items()`: assign key and value without building the tuple.
            while true {
                let next: (Value, Value)?
                do { next = try items.nextItem() } catch { throw noted(error, iterable.range) }
                guard let (key, value) = next else { break }
                counter &+= 1
                if counter & 0xFF == 0, Interpreter.interruptRequested { try checkInterrupt() }
                try pair.0.assign(key, f)
                try pair.1.assign(value, f)
                switch try execLinked(bodyHead, f) {
                case .breakLoop: return .normal
                case .returned: return .returned
                default: break
                }
            }
            return try execBlock(orElse, f)
        }
        while true {
            let next: Value?
            // CPython reports a failing `next` on the `for` line itself (no carets).
            do { next = try iterator.next() } catch { throw noted(error, SourceRange(line: range.line, column: 0, endLine: range.line + 1, endColumn: 0)) }
            guard let item = next else { break }
            counter &+= 1
            if counter & 0xFF == 0, Interpreter.interruptRequested { try checkInterrupt() }
            switch try step(item, f) {
            case .breakLoop: return .normal
            case .returned: return .returned
            default: break
            }
        }
        return try execBlock(orElse, f)
    }
}

final class FlowStmt: StmtNode {
    let flow: Flow
    init(_ flow: Flow, _ range: SourceRange) {
        self.flow = flow
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow { flow }
}

final class ReturnStmt: StmtNode {
    let valueNode: ExprNode?
    let value: NodeRef<ExprNode>?
    init(_ value: ExprNode?, _ range: SourceRange) {
        self.valueNode = value
        self.value = value.map(NodeRef.init)
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        f.returnValue = try value?.eval(f) ?? .none
        return .returned
    }
}

final class RaiseStmt: StmtNode {
    let exception: ExprNode?
    let cause: ExprNode?
    init(_ exception: ExprNode?, _ cause: ExprNode?, _ range: SourceRange) {
        self.exception = exception
        self.cause = cause
        super.init(range)
    }

    static func instantiate(_ v: Value) throws -> PyException {
        if case .object(let o) = v {
            if let e = o as? PyException { return e }
            if let c = o as? PyClass, c.isSubclass(of: BuiltinTypes.baseException) {
                let made = try c.instantiate(Arguments())
                if case .object(let m) = made, let e = m as? PyException { return e }
            }
        }
        throw PyException.typeError("exceptions must derive from BaseException")
    }

    override func exec(_ f: Frame) throws -> Flow {
        guard let node = exception else {
            guard let current = f.code.interpreter.handling.last else {
                throw noted(PyException.runtimeError("No active exception to reraise"), range)
            }
            throw current
        }
        let e = try RaiseStmt.instantiate(try node.eval(f))
        if let c = cause {
            let cv = try c.eval(f)
            if cv.isNone { e.cause = nil } else { e.cause = try RaiseStmt.instantiate(cv) }
            e.suppressContext = true
        }
        e.pendingRange = nil
        e.frameSealed = false
        if !e.traceback.isEmpty, let context = f.code.interpreter.handling.last, context === e {
            // `raise e` of the exception being handled: keep its traceback.
        } else {
            e.traceback = []
        }
        e.note(range)
        throw e
    }
}

final class AssertStmt: StmtNode {
    let test: ExprNode
    let message: ExprNode?
    /// Where CPython reports the failure: the test's last comparison, else the statement.
    let failureRange: SourceRange
    init(_ test: ExprNode, _ message: ExprNode?, failureRange: SourceRange, _ range: SourceRange) {
        self.test = test
        self.message = message
        self.failureRange = failureRange
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        if try isTruthy(try test.eval(f)) { return .normal }
        let e = PyException(BuiltinTypes.assertionError, args: try message.map { [try $0.eval(f)] } ?? [])
        e.note(failureRange)
        throw e
    }
}

final class DeleteStmt: StmtNode {
    let targets: [TargetNode]
    init(_ targets: [TargetNode], _ range: SourceRange) {
        self.targets = targets
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        for t in targets { try t.delete(f) }
        return .normal
    }
}
