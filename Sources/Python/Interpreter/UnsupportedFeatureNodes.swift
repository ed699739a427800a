// Constructs the lesson language leaves out by design (metaclasses, class keyword
// arguments): they compile to a statement raising NotImplementedError at their line.

/// Raises `NotImplementedError(message)` when executed, with the construct's range.
final class UnsupportedFeatureStmt: StmtNode {
    let message: String
    init(_ message: String, _ range: SourceRange) {
        self.message = message
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        throw noted(PyException.notImplemented(message), range)
    }
}
