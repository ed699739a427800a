// Generators without a stack of their own: when every `yield` of a body is a statement
// inside plain `while`/`for`/`if` blocks (the common shapes: `for x in xs: yield f(x)`),
// the body runs as a resumable walk over its blocks, with no switch per value.

/// One statement of a resumable body, as plain data (no reference counting on the hot
/// path): run as is, a `yield`, or a loop/if whose blocks hold yields.
struct ResumableStep {
    enum Kind: UInt8 { case plain, yield, whileLoop, forLoop, conditional }
    let kind: Kind
    /// Unretained: the compiled body (owned by the function's code) keeps the node alive.
    let node: Unmanaged<StmtNode>
    let body: UnsafeMutableBufferPointer<ResumableStep>
    let orElse: UnsafeMutableBufferPointer<ResumableStep>
}

/// A resumable body: its steps in raw memory, and the nested blocks' storage.
final class ResumableBlock {
    let steps: UnsafeMutableBufferPointer<ResumableStep>
    /// The deepest the walk's activation stack can get.
    let maxDepth: Int
    private var children: [ResumableBlock] = []
    private let nodes: [StmtNode]

    private init(_ nodes: [StmtNode], _ found: inout Int) {
        self.nodes = nodes
        steps = UnsafeMutableBufferPointer(start: .allocate(capacity: max(1, nodes.count)), count: nodes.count)
        var depth = 1
        var children: [ResumableBlock] = []
        for (i, s) in nodes.enumerated() {
            var kind = ResumableStep.Kind.plain
            var body: ResumableBlock?
            var orElse: ResumableBlock?
            if s is YieldStmt {
                found += 1
                kind = .yield
            } else {
                let before = found
                if let w = s as? WhileStmt {
                    (kind, body, orElse) = (.whileLoop, ResumableBlock(w.body, &found), ResumableBlock(w.orElse, &found))
                } else if let f = s as? ForStmt {
                    (kind, body, orElse) = (.forLoop, ResumableBlock(f.body, &found), ResumableBlock(f.orElse, &found))
                } else if let c = s as? IfStmt {
                    (kind, body, orElse) = (.conditional, ResumableBlock(c.body, &found), ResumableBlock(c.orElse, &found))
                }
                if found == before { (kind, body, orElse) = (.plain, nil, nil) }
            }
            let empty = UnsafeMutableBufferPointer<ResumableStep>(start: nil, count: 0)
            (steps.baseAddress.unsafelyUnwrapped + i).initialize(to: ResumableStep(kind: kind, node: .passUnretained(s),
                                                                  body: body?.steps ?? empty, orElse: orElse?.steps ?? empty))
            if let b = body, let o = orElse {
                children.append(b)
                children.append(o)
                depth = max(depth, 2 + max(b.maxDepth, o.maxDepth))
            }
        }
        self.children = children
        maxDepth = depth
    }

    deinit {
        steps.baseAddress?.deinitialize(count: nodes.count)
        steps.baseAddress?.deallocate()
    }

    /// The resumable form of a compiled body, or nil when a yield sits elsewhere (inside
    /// `try`/`with`, or in an expression): those bodies run on a coroutine. `yields` is
    /// how many yields the scope analysis counted; every one must be a statement found here.
    static func make(_ body: [StmtNode], yields: Int) -> ResumableBlock? {
        var found = 0
        let block = ResumableBlock(body, &found)
        return found == yields ? block : nil
    }
}

/// A generator function running as a resumable walk (see `ResumableBlock`).
final class PyResumableGenerator: PyGeneratorObject {
    /// Where the walk is: a block and its next step, or a loop (its step) and iterator.
    private struct Activation {
        enum Kind: UInt8 { case block, whileLoop, forLoop }
        var kind: Kind
        var steps: UnsafeMutableBufferPointer<ResumableStep>
        var index: Int
        /// For loops: their step; retained iterator for `for`.
        var step: UnsafeMutablePointer<ResumableStep>?
        var iterator: Unmanaged<PyIterator>?
    }

    let function: PyFunction
    let frame: Frame
    let body: ResumableBlock
    private let stack: UnsafeMutablePointer<Activation>
    private var depth = 0
    private var started = false
    private var finished = false
    private var running = false
    private var returnValue = Value.none

    init(function: PyFunction, frame: Frame, body: ResumableBlock) {
        self.function = function
        self.frame = frame
        self.body = body
        stack = .allocate(capacity: body.maxDepth + 1)
        stack.initialize(to: Activation(kind: .block, steps: body.steps, index: 0))
        depth = 1
    }

    deinit {
        clearStack()
        stack.deallocate()
    }

    private func clearStack() {
        while depth > 0 { pop() }
    }

    @inline(__always) private func push(_ a: Activation) {
        (stack + depth).initialize(to: a)
        depth += 1
    }

    @inline(__always) private func pop() {
        depth -= 1
        (stack + depth).pointee.iterator?.release()
        (stack + depth).deinitialize(count: 1)
    }

    override var qualifiedName: String { function.code.qualifiedName }
    override var name: String { function.code.info.name }
    override var isRunning: Bool { running }

    override func takeReturnValue() -> Value {
        var v = Value.none
        swap(&v, &returnValue)
        return v
    }

    override func next() throws -> Value? { try send(.none) }

    override func send(_ value: Value) throws -> Value? {
        if running { throw PyException.valueError("generator already executing") }
        if finished { return nil }
        if !started && !value.isNone { throw PyException.typeError("can't send non-None value to a just-started generator") }
        started = true
        let counters = function.counters
        if counters[0] + 1 >= counters[1] {
            throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded")
        }
        counters[0] += 1
        running = true
        defer {
            running = false
            counters[0] -= 1
        }
        do {
            if let v = try run() { return v }
        } catch {
            finish()
            let code = frame.code
            throw generatorFailure(error, filename: code.filename, name: code.name, source: code.source)
        }
        finish()
        return nil
    }

    override func throwIn(_ exception: PyException) throws -> Value? {
        if running { throw PyException.valueError("generator already executing") }
        if finished { throw exception }
        // No handler can be around a yield here: the exception ends the body at once.
        let code = frame.code
        let e: PyException
        if !started {
            let line = function.code.definitionRange.line
            e = restartTraceback(exception, at: SourceRange(line: line, column: 0, endLine: line + 1, endColumn: 0))
        } else {
            e = restartTraceback(exception, at: pendingYieldRange ?? function.code.definitionRange)
        }
        started = true
        finish()
        e.leaveFrame(filename: code.filename, functionName: code.name, source: code.source)
        throw e
    }

    override func close() throws {
        if running { throw PyException.valueError("generator already executing") }
        started = true
        finish()
    }

    /// The yield the body is suspended at.
    private var pendingYield: Unmanaged<StmtNode>?
    private var pendingYieldRange: SourceRange? { pendingYield?._withUnsafeGuaranteedRef { $0.range } }

    private func finish() {
        finished = true
        clearStack()
        pendingYield = nil
    }

    /// Runs to the next yield (its value) or the end of the body (nil).
    private func run() throws -> Value? {
        let f = frame
        var counter = 0
        while depth > 0 {
            let top = stack + (depth - 1)
            switch top.pointee.kind {
            case .block:
                let index = top.pointee.index
                if index == top.pointee.steps.count {
                    pop()
                    continue
                }
                top.pointee.index = index + 1
                let step = top.pointee.steps.baseAddress.unsafelyUnwrapped + index
                switch step.pointee.kind {
                case .plain:
                    let flow: Flow = try step.pointee.node._withUnsafeGuaranteedRef { s in
                        do { return try s.exec(f) } catch { throw noted(error, s.range) }
                    }
                    if flow != .normal { if try unwind(flow) { return nil } }
                case .yield:
                    pendingYield = step.pointee.node
                    return try step.pointee.node._withUnsafeGuaranteedRef { s in
                        let y = unsafeDowncast(s, to: YieldStmt.self)
                        do { return try y.value?.eval(f) ?? Value.none } catch { throw noted(error, y.range) }
                    }
                case .whileLoop:
                    push(Activation(kind: .whileLoop, steps: step.pointee.body, index: 0, step: step))
                case .forLoop:
                    let iterator: PyIterator = try step.pointee.node._withUnsafeGuaranteedRef { s in
                        let loop = unsafeDowncast(s, to: ForStmt.self)
                        let source = try loop.iterable.eval(f)
                        do { return try Python.makeIterator(source) } catch { throw noted(error, loop.iterable.range) }
                    }
                    push(Activation(kind: .forLoop, steps: step.pointee.body, index: 0, step: step, iterator: .passRetained(iterator)))
                case .conditional:
                    let truth: Bool = try step.pointee.node._withUnsafeGuaranteedRef { s in
                        let node = unsafeDowncast(s, to: IfStmt.self)
                        let t = try node.test.eval(f)
                        if case .bool(let b) = t { return b }
                        do { return try isTruthy(t) } catch { throw noted(error, node.test.range) }
                    }
                    push(Activation(kind: .block, steps: truth ? step.pointee.body : step.pointee.orElse, index: 0))
                }
            case .whileLoop:
                guard let step = top.pointee.step else { return nil }
                counter &+= 1
                if counter & 0xFF == 0, Interpreter.interruptRequested { try checkInterrupt() }
                let truth: Bool = try step.pointee.node._withUnsafeGuaranteedRef { s in
                    let loop = unsafeDowncast(s, to: WhileStmt.self)
                    let t = try loop.test.eval(f)
                    if case .bool(let b) = t { return b }
                    do { return try isTruthy(t) } catch { throw noted(error, loop.test.range) }
                }
                if truth {
                    push(Activation(kind: .block, steps: step.pointee.body, index: 0))
                } else {
                    pop()
                    push(Activation(kind: .block, steps: step.pointee.orElse, index: 0))
                }
            case .forLoop:
                guard let step = top.pointee.step, let iterator = top.pointee.iterator else { return nil }
                counter &+= 1
                if counter & 0xFF == 0, Interpreter.interruptRequested { try checkInterrupt() }
                let next: Value?
                do { next = try iterator._withUnsafeGuaranteedRef { try $0.next() } } catch {
                    let line = step.pointee.node._withUnsafeGuaranteedRef { $0.range.line }
                    throw noted(error, SourceRange(line: line, column: 0, endLine: line + 1, endColumn: 0))
                }
                if let item = next {
                    try step.pointee.node._withUnsafeGuaranteedRef { s in
                        let loop = unsafeDowncast(s, to: ForStmt.self)
                        if let slot = loop.localSlot { f.slots[slot] = item } else { try loop.target.assign(item, f) }
                    }
                    push(Activation(kind: .block, steps: step.pointee.body, index: 0))
                } else {
                    pop()
                    push(Activation(kind: .block, steps: step.pointee.orElse, index: 0))
                }
            }
        }
        return nil
    }

    /// A `break`, `continue` or `return` from a statement: pops to the enclosing loop.
    /// Returns true when the body returned.
    private func unwind(_ flow: Flow) throws -> Bool {
        if flow == .returned {
            returnValue = frame.takeReturnValue()
            clearStack()
            return true
        }
        while depth > 0 {
            if stack[depth - 1].kind == .block {
                pop()
                continue
            }
            // A loop: `continue` goes on with it, `break` leaves it (skipping its else).
            if flow == .breakLoop { pop() }
            return false
        }
        return false
    }
}
