// Generator functions: the body runs on its own coroutine stack (Sources/CCoroutine), so a
// `yield` anywhere in an expression simply switches back to whoever resumed the generator.
import CCoroutine

/// A generator function's running state: its frame, its coroutine and what passes between
/// the body and the code resuming it.
final class GeneratorCore {
    enum State { case created, suspended, running, finished }
    var state = State.created
    let context: UnsafeMutablePointer<cco_context>
    let frame: Frame
    let function: PyFunction
    let body: NodeRef<StmtNode>?
    let interpreter: Interpreter
    /// The interpreter's [depth, limit] (see `Interpreter.counters`).
    let counters: UnsafeMutablePointer<Int>
    /// In: the value sent to the pending `yield`. Out: the value yielded.
    var transfer: Value = .none
    /// An exception to raise at the pending `yield` (throw/close).
    var thrown: PyException?
    /// How the body ended: its exception, or its return value.
    var failure: PyException?
    var returnValue: Value = .none
    /// Exceptions the body is handling (`except` blocks it is suspended in).
    var savedHandling: [PyException] = []
    /// The iterator of the `yield from` the body is suspended in.
    var delegate: PyIterator?

    init(frame: Frame, function: PyFunction, body: NodeRef<StmtNode>?) {
        self.frame = frame
        self.function = function
        self.body = body
        interpreter = frame.code.interpreter
        counters = interpreter.counters
        context = UnsafeMutablePointer<cco_context>.allocate(capacity: 1)
        context.initialize(to: cco_context(coroutine_sp: nil, resumer_sp: nil, stack_base: nil, stack_size: 0))
    }

    deinit {
        cco_stack_release(context)
        context.deallocate()
    }

    var name: String { function.code.info.name }

    /// Runs the body until its next `yield` (returning the value) or its end (nil).
    @inline(__always) func resume(_ value: Value, _ exception: PyException?) throws -> Value? {
        if state != .suspended, !(try start(value, exception)) { return nil }
        let counters = self.counters
        if counters[0] + 1 >= counters[1] {
            throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded")
        }
        counters[0] += 1
        let base = interpreter.handling.count
        if !savedHandling.isEmpty {
            interpreter.handling.append(contentsOf: savedHandling)
            savedHandling.removeAll()
        }
        // (Both are empty between resumptions: skip the stores in the common case.)
        if !value.isNone { transfer = value }
        if exception != nil { thrown = exception }
        state = .running
        cco_resume(context)
        counters[0] -= 1
        if interpreter.handling.count > base { keepHandling(from: base) }
        if state == .suspended {
            var out = Value.none
            swap(&out, &transfer)
            return out
        }
        return try finished()
    }

    /// Moves the exceptions the suspended body is handling off the interpreter's stack.
    @inline(never) private func keepHandling(from base: Int) {
        if state == .suspended { savedHandling = Array(interpreter.handling[base...]) }
        interpreter.handling.removeSubrange(base...)
    }

    /// After the body's end: releases the stack; rethrows the body's exception.
    @inline(never) private func finished() throws -> Value? {
        cco_stack_release(context)
        if let e = failure {
            failure = nil
            throw e
        }
        return nil
    }

    /// The slow cases of `resume`: already running or finished, or starting. Returns
    /// whether to switch into the body (false: finished, nothing to run).
    @inline(never) private func start(_ value: Value, _ exception: PyException?) throws -> Bool {
        switch state {
        case .running:
            throw PyException.valueError("generator already executing")
        case .finished:
            if let e = exception { throw e }
            return false
        case .created:
            if let e = exception {
                // Raised as the frame starts, on the `def` line.
                state = .finished
                let line = function.code.definitionRange.line
                e.traceback = []
                e.pendingRange = nil
                e.frameSealed = false
                e.note(SourceRange(line: line, column: 0, endLine: line + 1, endColumn: 0))
                e.leaveFrame(filename: frame.code.filename, functionName: name, source: frame.code.source)
                throw e
            }
            if !value.isNone { throw PyException.typeError("can't send non-None value to a just-started generator") }
            if cco_stack_acquire(context) != 0 {
                throw PyException(BuiltinTypes.memoryError, "cannot allocate a stack for the generator")
            }
            cco_prepare(context, generatorEntry, Unmanaged.passUnretained(self).toOpaque())
        case .suspended:
            break
        }
        return true
    }

    /// Called by `yield`: hands `value` to the resumer and waits; returns the value sent in.
    @inline(__always) func suspend(_ value: __owned Value, at range: SourceRange) throws -> Value {
        transfer = value
        state = .suspended
        cco_yield(context)
        if let e = thrown {
            thrown = nil
            throw restartTraceback(e, at: range)
        }
        var sent = Value.none
        swap(&sent, &transfer)
        return sent
    }

    /// `yield from iterable`: passes values, sends and throws through to the sub-iterator;
    /// its value is the sub-generator's return value.
    func delegate(to iterable: Value, at range: SourceRange, sourceRange: SourceRange) throws -> Value {
        let iterator: PyIterator
        do { iterator = try makeIterator(iterable) } catch { throw noted(error, sourceRange) }
        delegate = iterator
        defer { delegate = nil }
        let generator = iterator as? PyGeneratorObject
        var sent = Value.none
        var pending: PyException?
        while true {
            let item: Value?
            if let e = pending {
                pending = nil
                if e.cls.isSubclass(of: BuiltinTypes.generatorExit) || generator == nil {
                    if e.cls.isSubclass(of: BuiltinTypes.generatorExit) { try generator?.close() }
                    throw restartTraceback(e, at: range)
                }
                item = try generator?.throwIn(e)
            } else if let g = generator {
                item = try g.send(sent)
            } else if sent.isNone {
                item = try iterator.next()
            } else {
                throw PyException.attributeError("'\(Value.object(iterator).typeName)' object has no attribute 'send'")
            }
            guard let value = item else { return generator?.takeReturnValue() ?? .none }
            transfer = value
            state = .suspended
            cco_yield(context)
            if let e = thrown {
                thrown = nil
                pending = e
                sent = .none
            } else {
                sent = .none
                swap(&sent, &transfer)
            }
        }
    }

    /// Runs the body on the coroutine stack, recording how it ends.
    fileprivate func execute() {
        do {
            var current = body
            while let s = current {
                let flow: Flow
                do { flow = try s.exec(frame) } catch { throw noted(error, s.range) }
                if flow == .returned {
                    returnValue = frame.takeReturnValue()
                    break
                }
                current = s.next
            }
        } catch {
            failure = generatorFailure(error, filename: frame.code.filename, name: name, source: frame.code.source)
        }
        state = .finished
    }

    /// `close()`: GeneratorExit at the pending `yield`; RuntimeError if the body yields instead.
    func close() throws {
        switch state {
        case .created:
            state = .finished
        case .finished:
            break
        case .running:
            throw PyException.valueError("generator already executing")
        case .suspended:
            do {
                if try resume(.none, PyException(BuiltinTypes.generatorExit)) != nil {
                    throw PyException.runtimeError("generator ignored GeneratorExit")
                }
            } catch let e as PyException
                        where e.cls.isSubclass(of: BuiltinTypes.generatorExit) || e.cls.isSubclass(of: BuiltinTypes.stopIteration) {
                return
            }
        }
    }
}

/// The coroutine's entry: runs the body, then switches back for good. Nothing Swift owns
/// may live in this frame at the final switch (the stack is then reused).
private func generatorEntry(_ raw: UnsafeMutableRawPointer?) {
    guard let raw else { return }
    cco_finish(runGeneratorBody(raw))
}

@inline(never) private func runGeneratorBody(_ raw: UnsafeMutableRawPointer) -> UnsafeMutablePointer<cco_context> {
    let core = Unmanaged<GeneratorCore>.fromOpaque(raw).takeUnretainedValue()
    core.execute()
    return core.context
}

/// The object a generator function's call returns.
final class PyGenerator: PyGeneratorObject {
    let core: GeneratorCore

    init(_ core: GeneratorCore) { self.core = core }

    /// A generator dropped while suspended is closed first, running its `finally` blocks.
    deinit {
        guard core.state == .suspended else { return }
        do {
            try core.close()
        } catch {
            let e = ErrorConversion.convert(error)
            let text = "Exception ignored in: <generator object \(core.function.code.qualifiedName) at \(addressString)>\n"
            core.interpreter.errorOutput(text + renderTraceback(e))
        }
        // A body that ignored GeneratorExit stays suspended: its stack is released unwound.
        if core.state == .suspended { core.state = .finished }
    }

    override var qualifiedName: String { core.function.code.qualifiedName }
    override var name: String { core.name }
    override var isRunning: Bool { core.state == .running }
    override var delegate: PyIterator? { core.delegate }

    override func next() throws -> Value? { try core.resume(.none, nil) }
    override func send(_ value: Value) throws -> Value? { try core.resume(value, nil) }
    override func throwIn(_ exception: PyException) throws -> Value? { try core.resume(.none, exception) }
    override func close() throws { try core.close() }

    override func takeReturnValue() -> Value {
        var v = Value.none
        swap(&v, &core.returnValue)
        return v
    }
}

/// Lets a generator's `yield` nodes find their generator: kept in a hidden frame slot,
/// unowned so the frame does not keep its own generator alive.
final class GeneratorLink: PyObject {
    let core: Unmanaged<GeneratorCore>
    init(_ core: GeneratorCore) { self.core = .passUnretained(core) }
}
