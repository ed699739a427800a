// The nodes of generator functions: the body of a generator function's call (which makes
// the generator object), `yield` and `yield from`.

/// A generator function's whole compiled body: the call binds the arguments as usual, then
/// this moves them into a frame of the generator's own and returns the generator.
final class MakeGeneratorStmt: StmtNode {
    let body: [StmtNode]
    let bodyHead: NodeRef<StmtNode>?
    /// The hidden slot holding the `GeneratorLink` the yields read.
    let linkSlot: Int
    /// The body's stackless form, when it has one (see GeneratorResumable.swift).
    let resumable: ResumableBlock?
    init(_ body: [StmtNode], linkSlot: Int, resumable: ResumableBlock?, _ range: SourceRange) {
        self.body = linked(body)
        bodyHead = body.first.map(NodeRef.init)
        self.linkSlot = linkSlot
        self.resumable = resumable
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        guard let function = f.function else { return .normal }
        let frame = Frame(code: f.code, function: function)
        for i in 0..<f.slotCount { swap(&frame.slots[i], &f.slots[i]) }
        if let block = resumable {
            f.returnValue = .object(PyResumableGenerator(function: function, frame: frame, body: block))
            return .returned
        }
        let core = GeneratorCore(frame: frame, function: function, body: bodyHead)
        frame.slots[linkSlot] = .object(GeneratorLink(core))
        f.returnValue = .object(PyGenerator(core))
        return .returned
    }
}

/// The generator a body's frame belongs to, through its link slot. Unretained: the frame
/// keeps the link, and the running body keeps the generator; a plain reference, not a
/// closure over the core (one call level more after each switch).
@inline(__always) func generatorCore(_ f: Frame, _ linkSlot: Int) throws -> GeneratorCore {
    guard let link = f.slots[linkSlot].unretainedObject else {
        throw PyException(BuiltinTypes.exception("SystemError"), "yield outside a generator frame")
    }
    return link._withUnsafeGuaranteedRef { unsafeDowncast($0, to: GeneratorLink.self).core }.takeUnretainedValue()
}

/// `yield value` (an expression: its value is what `send` passes in).
final class YieldNode: ExprNode {
    let value: ExprNode?
    let linkSlot: Int
    init(_ value: ExprNode?, linkSlot: Int, _ range: SourceRange) {
        self.value = value
        self.linkSlot = linkSlot
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let v = try value?.eval(f) ?? .none
        return try generatorCore(f, linkSlot).suspend(v, at: range)
    }
}

/// `yield value` as a statement (its result unused): one call level less than an
/// expression statement, which matters because each level costs a mispredicted return
/// after every switch.
final class YieldStmt: StmtNode {
    let value: ExprNode?
    let linkSlot: Int
    init(_ value: ExprNode?, linkSlot: Int, _ range: SourceRange) {
        self.value = value
        self.linkSlot = linkSlot
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let v = try value?.eval(f) ?? .none
        _ = try generatorCore(f, linkSlot).suspend(v, at: range)
        return .normal
    }
}

/// `yield from iterable`.
final class YieldFromNode: ExprNode {
    let source: ExprNode
    let linkSlot: Int
    init(_ source: ExprNode, linkSlot: Int, _ range: SourceRange) {
        self.source = source
        self.linkSlot = linkSlot
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let iterable = try source.eval(f)
        let core = try generatorCore(f, linkSlot)
        do { return try core.delegate(to: iterable, at: range, sourceRange: source.range) } catch { throw noted(error, range) }
    }
}
