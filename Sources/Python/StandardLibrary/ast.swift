// Python's `ast`, the part lessons use: literal_eval (strings, bytes, numbers, tuples,
// lists, dicts, sets, booleans, None, unary signs), with CPython's "malformed node" ValueError.

enum ASTModule {
    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "ast")
        m.addFunction("literal_eval", signature: "node_or_string") { args in
            guard case .str(let text) = args["node_or_string"] else {
                throw PyException.valueError("malformed node or string: \(args["node_or_string"].description)")
            }
            let trimmed = text.drop { $0 == " " || $0 == "\t" }
            let expression: Expr
            do { expression = try Parser.parseExpression(String(trimmed)) } catch let e as ScriptSyntaxError {
                let error = PyException(BuiltinTypes.exception("SyntaxError"), e.message)
                error.syntaxDetails = e
                throw error
            }
            return try literal(expression)
        }
        _ = interpreter
        return m.module
    }

    static func nodeName(_ e: Expr) -> String {
        switch e.kind {
        case .name: return "Name"
        case .call: return "Call"
        case .binary: return "BinOp"
        case .attribute: return "Attribute"
        case .subscript: return "Subscript"
        case .compare: return "Compare"
        case .boolean: return "BoolOp"
        case .lambda: return "Lambda"
        case .comprehension: return "ListComp"
        case .formattedString: return "JoinedStr"
        case .unary: return "UnaryOp"
        case .constant: return "Constant"
        default: return "expr"
        }
    }

    static func malformed(_ e: Expr) -> PyException {
        PyException.valueError("malformed node or string on line \(e.range.line): <ast.\(nodeName(e)) object at 0x7f0000000000>")
    }

    static func literal(_ e: Expr) throws -> Value {
        switch e.kind {
        case .constant(let k):
            if case .bytes(let b) = k { return .object(PyBytes(b)) }
            return Compiler.constant(k)
        case .tuple(let items): return .tuple(try items.map(literal))
        case .list(let items): return .list(try items.map(literal))
        case .set(let items):
            let s = PySet()
            for item in items { try s.storage.setChecked(try literal(item), .none) }
            return .object(s)
        case .dict(let keys, let values):
            let d = PyDict()
            for (k, v) in zip(keys, values) {
                guard let k = k else { throw PyException.valueError("malformed node or string: None") }
                try d.set(try literal(k), try literal(v))
            }
            return .object(d)
        case .unary(let op, let operand) where op == .minus || op == .plus:
            guard case .constant(let k) = operand.kind else { throw malformed(e) }
            switch k {
            case .int(let i): return .int(op == .minus ? -i : i)
            case .float(let d): return .float(op == .minus ? -d : d)
            default: throw malformed(operand)
            }
        default:
            throw malformed(e)
        }
    }
}
