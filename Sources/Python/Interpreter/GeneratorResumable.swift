// Generators without a stack of their own: when every `yield` of a body is a statement
// inside plain `while`/`for`/`if` blocks (the common shapes: `for x in xs: yield f(x)`),
// the body runs as a resumable walk over its blocks, with no switch per value.

/// One statement of a resumable body: run as is, a `yield`, or a block holding yields.
enum ResumableStep {
    case plain(StmtNode)
    case yield(YieldStmt)
    case whileLoop(WhileStmt, body: ResumableBlock, orElse: ResumableBlock)
    case forLoop(ForStmt, body: ResumableBlock, orElse: ResumableBlock)
    case conditional(IfStmt, body: ResumableBlock, orElse: ResumableBlock)
}

final class ResumableBlock {
    let steps: [ResumableStep]
    init(_ steps: [ResumableStep]) { self.steps = steps }

    /// The resumable form of a compiled body, or nil when a yield sits elsewhere (inside
    /// `try`/`with`, or in an expression): those bodies run on a coroutine. `yields` is
    /// how many yields the scope analysis counted; every one must be a statement found here.
    static func make(_ body: [StmtNode], yields: Int) -> ResumableBlock? {
        var found = 0
        let block = convert(body, &found)
        return found == yields ? block : nil
    }

    private static func convert(_ body: [StmtNode], _ found: inout Int) -> ResumableBlock {
        ResumableBlock(body.map { s -> ResumableStep in
            if let y = s as? YieldStmt {
                found += 1
                return .yield(y)
            }
            let before = found
            if let w = s as? WhileStmt {
                let step = ResumableStep.whileLoop(w, body: convert(w.body, &found), orElse: convert(w.orElse, &found))
                if found > before { return step }
            } else if let f = s as? ForStmt {
                let step = ResumableStep.forLoop(f, body: convert(f.body, &found), orElse: convert(f.orElse, &found))
                if found > before { return step }
            } else if let i = s as? IfStmt {
                let step = ResumableStep.conditional(i, body: convert(i.body, &found), orElse: convert(i.orElse, &found))
                if found > before { return step }
            }
            return .plain(s)
        })
    }
}

/// A generator function running as a resumable walk (see `ResumableBlock`).
final class PyResumableGenerator: PyGeneratorObject {
    /// Where the walk is: a block and the next step, or a loop and its iterator.
    private struct Activation {
        enum Kind { case block, whileLoop, forLoop }
        let kind: Kind
        let block: ResumableBlock
        var index = 0
        let step: Int
        var iterator: PyIterator?
    }

    let function: PyFunction
    let frame: Frame
    private var stack: [Activation]
    private var started = false
    private var finished = false
    private var running = false
    private var returnValue = Value.none

    init(function: PyFunction, frame: Frame, body: ResumableBlock) {
        self.function = function
        self.frame = frame
        stack = [Activation(kind: .block, block: body, step: -1)]
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
    private var pendingYield: YieldStmt?
    private var pendingYieldRange: SourceRange? { pendingYield?.range }

    private func finish() {
        finished = true
        stack.removeAll()
        pendingYield = nil
    }

    /// Runs to the next yield (its value) or the end of the body (nil).
    private func run() throws -> Value? {
        let f = frame
        var counter = 0
        while let top = stack.last {
            let depth = stack.count - 1
            switch top.kind {
            case .block:
                let steps = top.block.steps
                if top.index == steps.count {
                    stack.removeLast()
                    continue
                }
                stack[depth].index += 1
                switch steps[top.index] {
                case .plain(let s):
                    let flow: Flow
                    do { flow = try s.exec(f) } catch { throw noted(error, s.range) }
                    if flow != .normal { if try unwind(flow) { return nil } }
                case .yield(let y):
                    let v: Value
                    do { v = try y.value?.eval(f) ?? .none } catch { throw noted(error, y.range) }
                    pendingYield = y
                    return v
                case .whileLoop:
                    stack.append(Activation(kind: .whileLoop, block: top.block, step: top.index))
                case .forLoop(let loop, _, _):
                    let source = try loop.iterable.eval(f)
                    let iterator: PyIterator
                    do { iterator = try Python.makeIterator(source) } catch { throw noted(error, loop.iterable.range) }
                    stack.append(Activation(kind: .forLoop, block: top.block, step: top.index, iterator: iterator))
                case .conditional(let node, let body, let orElse):
                    let t = try node.test.eval(f)
                    let truth: Bool
                    if case .bool(let b) = t { truth = b } else {
                        do { truth = try isTruthy(t) } catch { throw noted(error, node.test.range) }
                    }
                    stack.append(Activation(kind: .block, block: truth ? body : orElse, step: -1))
                }
            case .whileLoop:
                guard case .whileLoop(let loop, let body, let orElse) = top.block.steps[top.step] else { return nil }
                counter &+= 1
                if counter & 0xFF == 0, Interpreter.interruptRequested { try checkInterrupt() }
                let t = try loop.test.eval(f)
                let truth: Bool
                if case .bool(let b) = t { truth = b } else {
                    do { truth = try isTruthy(t) } catch { throw noted(error, loop.test.range) }
                }
                if truth {
                    stack.append(Activation(kind: .block, block: body, step: -1))
                } else {
                    stack.removeLast()
                    stack.append(Activation(kind: .block, block: orElse, step: -1))
                }
            case .forLoop:
                guard case .forLoop(let loop, let body, let orElse) = top.block.steps[top.step],
                      let iterator = top.iterator else { return nil }
                counter &+= 1
                if counter & 0xFF == 0, Interpreter.interruptRequested { try checkInterrupt() }
                let next: Value?
                do { next = try iterator.next() } catch {
                    throw noted(error, SourceRange(line: loop.range.line, column: 0, endLine: loop.range.line + 1, endColumn: 0))
                }
                if let item = next {
                    if let s = loop.localSlot { f.slots[s] = item } else { try loop.target.assign(item, f) }
                    stack.append(Activation(kind: .block, block: body, step: -1))
                } else {
                    stack.removeLast()
                    stack.append(Activation(kind: .block, block: orElse, step: -1))
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
            stack.removeAll()
            return true
        }
        while let top = stack.last {
            if top.kind == .block {
                stack.removeLast()
                continue
            }
            // A loop: `continue` goes on with it, `break` leaves it (skipping its else).
            if flow == .breakLoop { stack.removeLast() }
            return false
        }
        return false
    }
}
