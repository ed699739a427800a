// Generator objects: the `generator` type shared by generator functions and generator
// expressions, with CPython's next/send/throw/close protocol, messages and repr.

/// A generator object. Subclasses run a generator function on its own stack
/// (`PyGenerator`) or a generator expression as a native loop (`GeneratorExpressionIterator`).
class PyGeneratorObject: PyIterator {
    override var pyClass: PyClass { GeneratorType.cls }

    /// The name shown by `repr` and `__qualname__` (`f`, `A.items`, `<genexpr>`).
    var qualifiedName: String { "<genexpr>" }
    var name: String { "<genexpr>" }
    /// Whether the body is running now (`gi_running`).
    var isRunning: Bool { false }
    /// The iterator a `yield from` delegates to while suspended there (`gi_yieldfrom`).
    var delegate: PyIterator? { nil }

    /// Resumes with `value` as the result of the pending `yield`; the next yielded value, or
    /// nil when the body finished (its return value is then in `takeReturnValue()`).
    func send(_ value: Value) throws -> Value? { nil }

    /// Raises `exception` at the pending `yield`; like `send` otherwise.
    func throwIn(_ exception: PyException) throws -> Value? { throw exception }

    /// `close()`: GeneratorExit at the pending `yield`.
    func close() throws {}

    /// The value of the `return` that finished the body (None once taken).
    func takeReturnValue() -> Value { .none }

    override func next() throws -> Value? { try send(.none) }

    override func repr() throws -> String { "<generator object \(qualifiedName) at \(addressString)>" }

    /// The StopIteration that ends iteration: it carries the return value, as in CPython.
    func stopIteration() -> PyException {
        let value = takeReturnValue()
        return value.isNone ? PyException.stopIteration() : PyException(BuiltinTypes.stopIteration, args: [value])
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "gi_running": return .bool(isRunning)
        case "__name__": return .str(self.name)
        case "__qualname__": return .str(qualifiedName)
        case "gi_yieldfrom": return delegate.map { .object($0) } ?? Value.none
        default: return nil
        }
    }
}

/// The `generator` type and its methods.
enum GeneratorType {
    static let cls: PyClass = {
        let c = PyClass(name: "generator", bases: [BuiltinTypes.object])
        c.isBuiltinType = true
        c.isSubclassable = false
        c.method("__next__") { args in
            let g = try receiver(args, "__next__")
            guard let v = try g.send(.none) else { throw g.stopIteration() }
            return v
        }
        c.method("__iter__") { args in args[0] }
        c.method("send") { args in
            let g = try receiver(args, "send")
            guard args.count == 2 else { throw PyException.typeError("generator.send() takes exactly one argument (\(args.count - 1) given)") }
            guard let v = try g.send(args[1]) else { throw g.stopIteration() }
            return v
        }
        c.method("throw") { args in
            let g = try receiver(args, "throw")
            guard (2...4).contains(args.count) else {
                throw PyException.typeError("throw expected at least 1 argument, got \(args.count - 1)")
            }
            let e = try exceptionToThrow(args[1], args.count > 2 ? args[2] : .none)
            guard let v = try g.throwIn(e) else { throw g.stopIteration() }
            return v
        }
        c.method("close") { args in
            try receiver(args, "close").close()
            return .none
        }
        return c
    }()

    private static func receiver(_ args: Arguments, _ method: String) throws -> PyGeneratorObject {
        guard case .object(let o)? = args.positional.first, let g = o as? PyGeneratorObject else {
            throw PyException.typeError("descriptor '\(method)' for 'generator' objects doesn't apply to this object")
        }
        return g
    }

    /// `g.throw(ValueError)`, `g.throw(ValueError("x"))` or `g.throw(ValueError, "x")`.
    static func exceptionToThrow(_ type: Value, _ value: Value) throws -> PyException {
        if case .object(let o) = type {
            if let e = o as? PyException {
                if !value.isNone { throw PyException.typeError("instance exception may not have a separate value") }
                return e
            }
            if let c = o as? PyClass, c.isSubclass(of: BuiltinTypes.baseException) {
                let made = try c.instantiate(Arguments(value.isNone ? [] : [value]))
                if case .object(let m) = made, let e = m as? PyException { return e }
            }
        }
        throw PyException.typeError("exceptions must be classes or instances deriving from BaseException, not \(type.typeName)")
    }
}

/// Prepares an exception raised into a suspended body (by `throw` or `close`) to start a
/// fresh traceback at the `yield`.
func restartTraceback(_ e: PyException, at range: SourceRange) -> PyException {
    e.traceback = []
    e.pendingRange = nil
    e.frameSealed = false
    e.note(range)
    return e
}

/// PEP 479: StopIteration escaping a generator body becomes RuntimeError.
func generatorFailure(_ error: Error, filename: String, name: String, source: SourceFile) -> PyException {
    let e = ErrorConversion.convert(error)
    e.leaveFrame(filename: filename, functionName: name, source: source)
    guard e.cls.isSubclass(of: BuiltinTypes.stopIteration) else { return e }
    let wrapped = PyException.runtimeError("generator raised StopIteration")
    wrapped.cause = e
    wrapped.context = e
    wrapped.suppressContext = true
    return wrapped
}

extension BuiltinTypes {
    static let generatorExit = exception("GeneratorExit")
}
