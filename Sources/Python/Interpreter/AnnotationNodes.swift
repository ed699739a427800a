// Variable annotations in class bodies and at module level (`x: int = 0`): recorded in
// the namespace's `__annotations__` dict, as CPython does (dataclasses read it).

/// Stores `name: annotation` into `__annotations__` of the class namespace or the module.
final class AnnotationStmt: StmtNode {
    let name: String
    let annotation: ExprNode
    /// The module's `__annotations__` slot (nil in a class body).
    let moduleSlot: GlobalSlot?

    init(_ name: String, _ annotation: ExprNode, moduleSlot: GlobalSlot?, _ range: SourceRange) {
        self.name = name
        self.annotation = annotation
        self.moduleSlot = moduleSlot
        super.init(range)
    }

    override func exec(_ f: Frame) throws -> Flow {
        let value = try annotation.eval(f)
        let annotations: PyDict
        if let slot = moduleSlot {
            if case .object(let o as PyDict)? = slot.value {
                annotations = o
            } else {
                annotations = PyDict()
                slot.value = .object(annotations)
            }
        } else {
            guard let namespace = f.classNamespace else { return .normal }
            if case .object(let o as PyDict)? = try namespace.get(.str("__annotations__")) {
                annotations = o
            } else {
                annotations = PyDict()
                try namespace.set(.str("__annotations__"), .object(annotations))
            }
        }
        try annotations.set(.str(name), value)
        return .normal
    }
}
