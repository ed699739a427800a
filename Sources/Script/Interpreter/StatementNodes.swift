// Executable statement nodes and assignment targets (names, attributes, subscripts,
// tuple/list unpacking with a starred target).

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
    init(_ object: ExprNode, _ name: String, _ range: SourceRange) {
        self.objectNode = object
        self.object = NodeRef(object)
        self.name = name
        super.init(range)
    }
    override func assign(_ value: Value, _ f: Frame) throws {
        let o = try object.eval(f)
        if case .object(let obj) = o, let instance = obj as? PyInstance, !instance.cls.hasDataDescriptors,
           !instance.cls.hasCustomSetattr, type(of: instance) == PyInstance.self {
            instance.attributes[name] = value
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
        let items: [Value]
        do {
            items = try iterateToArray(value)
        } catch let e as PyException where e.cls === BuiltinTypes.typeError {
            throw noted(PyException.typeError("cannot unpack non-iterable \(value.typeName) object"), range)
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

// MARK: - Statements

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
    init(_ targets: [TargetNode], _ value: ExprNode, _ range: SourceRange) {
        self.targets = targets
        self.valueNode = value
        self.value = NodeRef(value)
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let v = try value.eval(f)
        for t in targets { try t.assign(v, f) }
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
        if case .int(let a) = current, case .int(let b) = v {
            if op == .add { let (r, o) = a.addingReportingOverflow(b); if !o { p.pointee = .int(r); return .normal } }
            if op == .subtract { let (r, o) = a.subtractingReportingOverflow(b); if !o { p.pointee = .int(r); return .normal } }
        }
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
            if counter & 0xFF == 0, Interpreter.interruptRequested { try checkInterrupt() }
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
    let bodyHead: NodeRef<StmtNode>?
    init(_ target: TargetNode, _ iterable: ExprNode, _ body: [StmtNode], _ orElse: [StmtNode], _ range: SourceRange) {
        self.target = target
        self.iterable = iterable
        self.body = linked(body)
        self.orElse = orElse
        bodyHead = body.first.map(NodeRef.init)
        self.localSlot = (target as? LocalTarget)?.slot
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
        while true {
            let next: Value?
            do { next = try iterator.next() } catch { throw noted(error, iterable.range) }
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
    init(_ test: ExprNode, _ message: ExprNode?, _ range: SourceRange) {
        self.test = test
        self.message = message
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        if try isTruthy(try test.eval(f)) { return .normal }
        let e = PyException(BuiltinTypes.assertionError, args: try message.map { [try $0.eval(f)] } ?? [])
        e.note(test.range)
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

final class TryStmt: StmtNode {
    struct Handler {
        let type: ExprNode?
        let target: TargetNode?
        let body: [StmtNode]
    }
    let body: [StmtNode]
    let handlers: [Handler]
    let orElse: [StmtNode]
    let finally: [StmtNode]
    init(_ body: [StmtNode], _ handlers: [Handler], _ orElse: [StmtNode], _ finally: [StmtNode], _ range: SourceRange) {
        self.body = body
        self.handlers = handlers
        self.orElse = orElse
        self.finally = finally
        super.init(range)
    }

    static func matches(_ e: PyException, _ type: Value) throws -> Bool {
        if case .object(let o) = type {
            if let c = o as? PyClass {
                guard c.isSubclass(of: BuiltinTypes.baseException) else {
                    throw PyException.typeError("catching classes that do not inherit from BaseException is not allowed")
                }
                return e.cls.isSubclass(of: c)
            }
            if let t = o as? PyTuple {
                for item in t.items where try matches(e, item) { return true }
                return false
            }
        }
        throw PyException.typeError("catching classes that do not inherit from BaseException is not allowed")
    }

    private func runHandlers(_ f: Frame) throws -> Flow {
        var flow: Flow = .normal
        do {
            flow = try execBlock(body, f)
        } catch {
            let e = (error as? PyException) ?? ErrorConversion.convert(error)
            // This frame's part of the traceback is complete.
            e.finishFrame(filename: f.code.filename, functionName: f.code.name, source: f.code.source)
            if e.cls === BuiltinTypes.keyboardInterrupt && handlers.allSatisfy({ $0.type != nil }) == false {
                // A bare except still catches it, as in Python.
            }
            for handler in handlers {
                if let typeNode = handler.type {
                    let typeValue = try typeNode.eval(f)
                    let matched: Bool
                    do { matched = try TryStmt.matches(e, typeValue) } catch { throw noted(error, typeNode.range) }
                    if !matched { continue }
                }
                if let t = handler.target { try t.assign(.object(e), f) }
                let interpreter = f.code.interpreter
                interpreter.handling.append(e)
                defer {
                    interpreter.handling.removeLast()
                    if let t = handler.target { try? t.delete(f) }
                }
                do {
                    return try execBlock(handler.body, f)
                } catch let inner as PyException {
                    if inner !== e && inner.context == nil { inner.context = e }
                    throw inner
                }
            }
            throw e
        }
        if flow != .normal { return flow }
        return try execBlock(orElse, f)
    }

    override func exec(_ f: Frame) throws -> Flow {
        if finally.isEmpty { return try runHandlers(f) }
        let flow: Flow
        do {
            flow = try runHandlers(f)
        } catch {
            let saved = f.returnValue
            let finallyFlow = try execBlock(finally, f)
            if finallyFlow != .normal { return finallyFlow }
            f.returnValue = saved
            throw error
        }
        let saved = f.returnValue
        let finallyFlow = try execBlock(finally, f)
        if finallyFlow != .normal { return finallyFlow }
        f.returnValue = saved
        return flow
    }
}

final class WithStmt: StmtNode {
    let context: ExprNode
    let target: TargetNode?
    let body: [StmtNode]
    init(_ context: ExprNode, _ target: TargetNode?, _ body: [StmtNode], _ range: SourceRange) {
        self.context = context
        self.target = target
        self.body = body
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let manager = try context.eval(f)
        let enter: Value, exit: Value
        do {
            guard let en = try lookupAttribute(manager, "__enter__"), let ex = try lookupAttribute(manager, "__exit__") else {
                throw PyException.typeError("'\(manager.typeName)' object does not support the context manager protocol")
            }
            enter = en
            exit = ex
        } catch { throw noted(error, context.range) }
        let entered: Value
        do { entered = try callValue(enter, Arguments()) } catch { throw noted(error, context.range) }
        if let t = target { try t.assign(entered, f) }
        let flow: Flow
        do {
            flow = try execBlock(body, f)
        } catch {
            let e = (error as? PyException) ?? ErrorConversion.convert(error)
            e.finishFrame(filename: f.code.filename, functionName: f.code.name, source: f.code.source)
            let suppress: Value
            do { suppress = try callValue(exit, Arguments([.object(e.cls), .object(e), .none])) } catch { throw noted(error, context.range) }
            if try isTruthy(suppress) { return .normal }
            throw e
        }
        do { _ = try callValue(exit, Arguments([.none, .none, .none])) } catch { throw noted(error, context.range) }
        return flow
    }
}

/// `def` and `class` bind their object to a name after applying decorators.
final class BindStmt: StmtNode {
    let value: ExprNode
    let decorators: [ExprNode]
    let target: TargetNode
    init(_ value: ExprNode, decorators: [ExprNode], target: TargetNode, _ range: SourceRange) {
        self.value = value
        self.decorators = decorators
        self.target = target
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let decoratorValues = try decorators.map { try $0.eval(f) }
        var v = try value.eval(f)
        for (i, d) in decoratorValues.enumerated().reversed() {
            do { v = try callValue(d, Arguments([v])) } catch { throw noted(error, decorators[i].range) }
        }
        try target.assign(v, f)
        return .normal
    }
}

/// Runs a class body and creates the class.
final class MakeClassNode: ExprNode {
    let name: String
    let qualifiedName: String
    let bases: [ExprNode]
    let body: CodeInfo
    let closureSlots: [Int]
    let freeSlots: [Int]
    init(name: String, qualifiedName: String, bases: [ExprNode], body: CodeInfo, closureSlots: [Int], freeSlots: [Int], _ range: SourceRange) {
        self.name = name
        self.qualifiedName = qualifiedName
        self.bases = bases
        self.body = body
        self.closureSlots = closureSlots
        self.freeSlots = freeSlots
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        var baseClasses: [PyClass] = []
        for b in bases {
            let v = try b.eval(f)
            guard case .object(let o) = v, let c = o as? PyClass else {
                throw noted(PyException.typeError("bases must be types"), b.range)
            }
            if !c.isSubclassable {
                throw noted(PyException.typeError("type '\(c.name)' is not an acceptable base type"), b.range)
            }
            if c.isBuiltinType, c !== BuiltinTypes.object, !c.isSubclass(of: BuiltinTypes.baseException) {
                throw noted(PyException.notImplemented("subclassing the builtin type '\(c.name)' is not supported in the lesson language"), b.range)
            }
            baseClasses.append(c)
        }
        if baseClasses.isEmpty { baseClasses = [BuiltinTypes.object] }
        let frame = Frame(code: body, function: nil)
        let namespace = PyDict()
        frame.classNamespace = namespace
        for (i, s) in freeSlots.enumerated() {
            if case .object(let o)? = f.slots[closureSlots[i]], o is PyCell { frame.slots[s] = f.slots[closureSlots[i]] }
        }
        try namespace.set(.str("__module__"), body.globals["__name__"] ?? .str("__main__"))
        try namespace.set(.str("__qualname__"), .str(qualifiedName))
        do {
            _ = try execBlock(body.body, frame)
        } catch let e as PyException {
            e.leaveFrame(filename: body.filename, functionName: name, source: body.source)
            throw e
        }
        let moduleName: String
        if case .str(let m)? = try namespace.get(.str("__module__")) { moduleName = m } else { moduleName = "__main__" }
        let cls = PyClass(name: name, bases: baseClasses, moduleName: moduleName)
        for (k, v) in namespace.entries {
            guard case .str(let key) = k else { continue }
            cls.dict[key] = v
            markDefiningClass(v, cls)
        }
        cls.refreshFlags()
        return .object(cls)
    }

    private func markDefiningClass(_ v: Value, _ cls: PyClass) {
        guard case .object(let o) = v else { return }
        if let fn = o as? PyFunction { fn.definingClass = cls }
        if let sm = o as? PyStaticMethod { markDefiningClass(sm.function, cls) }
        if let cm = o as? PyClassMethod { markDefiningClass(cm.function, cls) }
        if let p = o as? PyProperty {
            markDefiningClass(p.getter, cls)
            markDefiningClass(p.setter, cls)
        }
    }
}

final class ImportStmt: StmtNode {
    let module: String
    let target: TargetNode
    let bindsTop: Bool
    init(module: String, target: TargetNode, bindsTop: Bool, _ range: SourceRange) {
        self.module = module
        self.target = target
        self.bindsTop = bindsTop
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let interpreter = f.code.interpreter
        do {
            let m = try interpreter.importModule(module)
            if bindsTop, let top = module.split(separator: ".").first {
                try target.assign(.object(try interpreter.importModule(String(top))), f)
            } else {
                try target.assign(.object(m), f)
            }
        } catch { throw noted(error, range) }
        return .normal
    }
}

final class ImportFromStmt: StmtNode {
    let module: String
    let names: [(String, TargetNode)]
    let star: Bool
    init(module: String, names: [(String, TargetNode)], star: Bool, _ range: SourceRange) {
        self.module = module
        self.names = names
        self.star = star
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let interpreter = f.code.interpreter
        do {
            let m = try interpreter.importModule(module)
            if star {
                for (k, v) in m.globals.items() where !k.hasPrefix("_") { f.code.globals[k] = v }
                return .normal
            }
            for (name, target) in names {
                if let v = m.globals[name] {
                    try target.assign(v, f)
                } else if let sub = try? interpreter.importModule(module + "." + name) {
                    try target.assign(.object(sub), f)
                } else {
                    let location: String
                    if case .str(let file)? = m.globals["__file__"] { location = file } else { location = "unknown location" }
                    let e = PyException(BuiltinTypes.importError, "cannot import name '\(name)' from '\(module)' (\(location))")
                    throw e
                }
            }
        } catch { throw noted(error, range) }
        return .normal
    }
}
