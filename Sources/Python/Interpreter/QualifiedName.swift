// A `__qualname__` under construction (`f.<locals>.<lambda>`), kept as a link to the
// enclosing one so that definitions nested thousands deep take memory linear in the depth.

/// A dotted qualified name as a chain of segments; the text is built only when asked for.
final class QualifiedName: CustomStringConvertible {
    /// The module level: the empty prefix.
    static let root = QualifiedName(parent: nil, segment: "")

    let parent: QualifiedName?
    let segment: String

    private init(parent: QualifiedName?, segment: String) {
        self.parent = parent
        self.segment = segment
    }

    /// `prefix + "name"`: a name one segment longer, sharing `prefix`.
    static func + (prefix: QualifiedName, segment: String) -> QualifiedName {
        QualifiedName(parent: prefix, segment: segment)
    }

    var description: String {
        var segments: [String] = []
        var node: QualifiedName? = self
        while let n = node {
            segments.append(n.segment)
            node = n.parent
        }
        return segments.reversed().joined()
    }
}
