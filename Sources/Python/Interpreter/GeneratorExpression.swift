// Generator expressions, lazy as in CPython: `(f(x) for x in xs if c)` is a generator
// object whose native loop evaluates one element per `next`, in a frame of its own.

/// The compiled form of one generator expression (shared by every evaluation).
final class GeneratorExpressionCode {
    struct Clause {
        let target: TargetNode
        let localSlot: Int?
        let iterable: ExprNode
        let conditions: [ExprNode]
    }
    let info: CodeInfo
    let qualifiedName: String
    /// The whole `(... for ...)`, where CPython places a genexpr frame's position.
    let range: SourceRange
    let clauses: [Clause]
    let element: ExprNode
    let elementRef: NodeRef<ExprNode>
    /// For a single clause with a plain-name target: its slot (the fast path), its conditions.
    let simpleSlot: Int?
    let firstConditions: [NodeRef<ExprNode>]
    let firstIterableRange: SourceRange
    /// Slots of the genexpr's variables captured by inner lambdas (fresh cells per run).
    let cellSlots: [Int]
    /// Own slots receiving the enclosing frame's cells (`closureSlots`, same order).
    let freeSlots: [Int]
    let closureSlots: [Int]

    init(info: CodeInfo, qualifiedName: String, range: SourceRange, clauses: [Clause], element: ExprNode,
         cellSlots: [Int], freeSlots: [Int], closureSlots: [Int]) {
        self.info = info
        self.qualifiedName = qualifiedName
        self.range = range
        self.clauses = clauses
        self.element = element
        elementRef = NodeRef(element)
        simpleSlot = clauses.count == 1 ? clauses[0].localSlot : nil
        firstConditions = clauses.first?.conditions.map(NodeRef.init) ?? []
        firstIterableRange = clauses.first?.iterable.range ?? range
        self.cellSlots = cellSlots
        self.freeSlots = freeSlots
        self.closureSlots = closureSlots
    }
}

/// `(element for target in iterable ...)`: evaluates the first iterable (and `iter()` of
/// it) now, in the enclosing frame, and returns the generator object.
final class GeneratorExpressionNode: ExprNode {
    let code: GeneratorExpressionCode
    let firstIterable: ExprNode
    init(_ code: GeneratorExpressionCode, firstIterable: ExprNode, _ range: SourceRange) {
        self.code = code
        self.firstIterable = firstIterable
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let first = try firstIterable.eval(f)
        let iterator: PyIterator
        do { iterator = try makeIterator(first) } catch { throw noted(error, firstIterable.range) }
        let frame = Frame(code: code.info, function: nil)
        for (i, s) in code.freeSlots.enumerated() { frame.slots[s] = f.slots[code.closureSlots[i]] }
        return .object(GeneratorExpressionIterator(code, frame, iterator))
    }
}

/// A running generator expression.
final class GeneratorExpressionIterator: PyGeneratorObject {
    let code: GeneratorExpressionCode
    let frame: Frame
    /// One iterator per active `for` clause, outermost first.
    private var iterators: [PyIterator]
    private var started = false
    private var finished = false
    private var running = false

    init(_ code: GeneratorExpressionCode, _ frame: Frame, _ first: PyIterator) {
        self.code = code
        self.frame = frame
        iterators = [first]
        iterators.reserveCapacity(code.clauses.count)
    }

    override var isRunning: Bool { running }
    override var qualifiedName: String { code.qualifiedName }

    override func next() throws -> Value? {
        if finished { return nil }
        if running { throw PyException.valueError("generator already executing") }
        running = true
        defer { running = false }
        if !started {
            started = true
            for s in code.cellSlots { frame.slots[s] = .object(PyCell()) }
        }
        do {
            if let v = try advance() { return v }
        } catch {
            finish()
            throw generatorFailure(error, filename: code.info.filename, name: "<genexpr>", source: code.info.source)
        }
        finish()
        return nil
    }

    private func finish() {
        finished = true
        iterators.removeAll()
    }

    /// Runs the clauses to the next element that passes every condition.
    @inline(__always) private func advance() throws -> Value? {
        if let slot = code.simpleSlot { return try advanceSimple(slot) }
        return try advanceNested()
    }

    /// One `for name in ...` clause: the hot case, without per-item array traffic.
    @inline(__always) private func advanceSimple(_ slot: Int) throws -> Value? {
        let f = frame
        let iterator = iterators[0]
        let conditions = code.firstConditions
        var counter = 0
        while true {
            let item: Value?
            do { item = try iterator.next() } catch { throw noted(error, code.range) }
            guard let value = item else { return nil }
            f.slots[slot] = value
            var passed = true
            for c in conditions {
                let t = try c.eval(f)
                if case .bool(let b) = t { passed = b } else { passed = try isTruthy(t) }
                if !passed { break }
            }
            if passed {
                do { return try code.elementRef.eval(f) } catch { throw noted(error, code.element.range) }
            }
            counter &+= 1
            if counter & 0x3FF == 0, Interpreter.interruptRequested { try checkInterrupt() }
        }
    }

    private func advanceNested() throws -> Value? {
        let clauses = code.clauses
        let f = frame
        var level = iterators.count - 1
        var counter = 0
        while true {
            let item: Value?
            do { item = try iterators[level].next() } catch { throw noted(error, code.range) }
            guard let value = item else {
                if level == 0 { return nil }
                iterators.removeLast()
                level -= 1
                continue
            }
            let clause = clauses[level]
            if let s = clause.localSlot { f.slots[s] = value } else { try clause.target.assign(value, f) }
            var passed = true
            for c in clause.conditions {
                let t = try c.eval(f)
                if case .bool(let b) = t { passed = b } else { passed = try isTruthy(t) }
                if !passed { break }
            }
            if !passed {
                counter &+= 1
                if counter & 0x3FF == 0, Interpreter.interruptRequested { try checkInterrupt() }
                continue
            }
            if level == clauses.count - 1 {
                do { return try code.element.eval(f) } catch { throw noted(error, code.element.range) }
            }
            let inner = clauses[level + 1]
            let source = try inner.iterable.eval(f)
            do { iterators.append(try Python.makeIterator(source)) } catch { throw noted(error, inner.iterable.range) }
            level += 1
        }
    }

    override func send(_ value: Value) throws -> Value? {
        if !started && !value.isNone { throw PyException.typeError("can't send non-None value to a just-started generator") }
        return try next()
    }

    override func throwIn(_ exception: PyException) throws -> Value? {
        if running { throw PyException.valueError("generator already executing") }
        if finished { throw exception }
        started = true
        finish()
        // Raised at the pending yield (a generator expression cannot catch it).
        let e = restartTraceback(exception, at: range)
        e.leaveFrame(filename: code.info.filename, functionName: "<genexpr>", source: code.info.source)
        throw e
    }

    private var range: SourceRange { code.range }

    override func close() throws {
        if running { throw PyException.valueError("generator already executing") }
        started = true
        finish()
    }
}
