// try/except/else/finally and with-statements: exception matching, context chaining,
// and the traceback bookkeeping when an exception is caught.

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
            // Raised while another exception was being handled: that one is its context.
            if e.context == nil, let handled = f.code.interpreter.handling.last, handled !== e { e.context = handled }
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
            // An exception raised by the finally block has the propagating one as context.
            let propagating = (error as? PyException) ?? ErrorConversion.convert(error)
            let finallyFlow: Flow
            do {
                finallyFlow = try execBlock(finally, f)
            } catch let inner as PyException {
                if inner !== propagating && inner.context == nil { inner.context = propagating }
                throw inner
            }
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
        // Errors of `__exit__` point at the whole `with` line (no carets, as CPython).
        let exitRange = SourceRange(line: range.line, column: range.column, endLine: range.line + 1, endColumn: 0)
        let enter: Value, exit: Value
        do {
            guard let en = try lookupAttribute(manager, "__enter__") else {
                throw PyException.typeError("'\(manager.typeName)' object does not support the context manager protocol")
            }
            guard let ex = try lookupAttribute(manager, "__exit__") else {
                throw PyException.typeError("'\(manager.typeName)' object does not support the context manager protocol (missed __exit__ method)")
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
            do {
                suppress = try callValue(exit, Arguments([.object(e.cls), .object(e), .object(PyTracebackObject())]))
            } catch {
                if let inner = error as? PyException, inner !== e, inner.context == nil { inner.context = e }
                throw noted(error, exitRange)
            }
            if try isTruthy(suppress) { return .normal }
            throw e
        }
        do { _ = try callValue(exit, Arguments([.none, .none, .none])) } catch { throw noted(error, exitRange) }
        return flow
    }
}
