// Executable nodes for displays: tuple/list/set/dict literals (with `*`/`**` unpacking)
// and f-strings.

/// A display element: a value or a `*iterable` to splice in.
struct Element {
    let node: ExprNode
    let starred: Bool
}

func evalElements(_ elements: [Element], _ f: Frame) throws -> [Value] {
    var out: [Value] = []
    out.reserveCapacity(elements.count)
    for e in elements {
        if e.starred {
            let v = try e.node.eval(f)
            do { out.append(contentsOf: try iterateToArray(v)) } catch { throw noted(error, e.node.range) }
        } else {
            out.append(try e.node.eval(f))
        }
    }
    return out
}

final class TupleNode: ExprNode {
    let elements: [Element]
    init(_ elements: [Element], _ range: SourceRange) {
        self.elements = elements
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value { .tuple(try evalElements(elements, f)) }
}

final class ListNode: ExprNode {
    let elements: [Element]
    init(_ elements: [Element], _ range: SourceRange) {
        self.elements = elements
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value { .list(try evalElements(elements, f)) }
}

final class SetNode: ExprNode {
    let elements: [Element]
    init(_ elements: [Element], _ range: SourceRange) {
        self.elements = elements
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let s = PySet()
        for v in try evalElements(elements, f) {
            do { try s.add(v) } catch { throw noted(error, range) }
        }
        return .object(s)
    }
}

final class DictNode: ExprNode {
    let keys: [ExprNode?]
    let values: [ExprNode]
    init(_ keys: [ExprNode?], _ values: [ExprNode], _ range: SourceRange) {
        self.keys = keys
        self.values = values
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        let d = PyDict()
        for i in 0..<values.count {
            if let k = keys[i] {
                let key = try k.eval(f)
                let value = try values[i].eval(f)
                do { try d.set(key, value) } catch { throw noted(error, k.range) }
            } else {
                let other = try values[i].eval(f)
                guard case .object(let o) = other, let od = o as? PyDict else {
                    throw noted(PyException.typeError("'\(other.typeName)' object is not a mapping"), values[i].range)
                }
                for (k, v) in od.entries { try d.set(k, v) }
            }
        }
        return .object(d)
    }
}

/// An f-string: literal pieces and formatted fields.
final class FormattedStringNode: ExprNode {
    enum Piece {
        case literal(String)
        case field(ExprNode, conversion: Character?, spec: FormattedStringNode?, debug: String?)
    }
    let pieces: [Piece]
    init(_ pieces: [Piece], _ range: SourceRange) {
        self.pieces = pieces
        super.init(range)
    }
    override func eval(_ f: Frame) throws -> Value {
        var out = ""
        for piece in pieces {
            switch piece {
            case .literal(let s): out += s
            case .field(let node, let conversion, let spec, let debug):
                if let d = debug { out += d }
                var v = try node.eval(f)
                do {
                    switch conversion {
                    case "r": v = .str(try repr(v))
                    case "s": v = .str(try str(v))
                    case "a": v = .str(asciiRepr(try repr(v)))
                    default: break
                    }
                    var specText = ""
                    if let s = spec, case .str(let text) = try s.eval(f) { specText = text }
                    if specText.isEmpty {
                        switch v {
                        case .str(let s): out += s
                        case .int(let i): out += String(i)
                        case .float(let d): out += floatRepr(d)
                        default: out += try formatValue(v, specText)
                        }
                    } else {
                        out += try formatValue(v, specText)
                    }
                    // CPython points at the whole f-string when a field fails to format.
                } catch { throw noted(error, range) }
            }
        }
        return .str(out)
    }
}
