// Parser tests: operator precedence and associativity (rendered fully parenthesized),
// source ranges on nodes, and syntax-error reports.
import Testing
import Python

/// Renders an expression with explicit parentheses around every operation.
func parenthesized(_ e: Expr) -> String {
    switch e.kind {
    case .name(let n): return n
    case .namedAssignment(let n, let value): return "(\(n) := \(parenthesized(value)))"
    case .constant(let c):
        switch c {
        case .none: return "None"
        case .ellipsis: return "..."
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return String(d)
        case .string(let s): return "'\(s)'"
        case .bytes(let b): return "b\(b)"
        }
    case .unary(let op, let x): return "(\(op.rawValue == "not" ? "not " : op.rawValue)\(parenthesized(x)))"
    case .binary(let op, let a, let b): return "(\(parenthesized(a)) \(op.rawValue) \(parenthesized(b)))"
    case .boolean(let isAnd, let items): return "(" + items.map(parenthesized).joined(separator: isAnd ? " and " : " or ") + ")"
    case .compare(let first, let ops, let rest):
        var s = "(" + parenthesized(first)
        for (op, r) in zip(ops, rest) { s += " \(op.rawValue) " + parenthesized(r) }
        return s + ")"
    case .call(let f, let args):
        let rendered = args.map { a -> String in
            switch a {
            case .positional(let x): return parenthesized(x)
            case .starred(let x): return "*" + parenthesized(x)
            case .keyword(let k, let x): return "\(k)=" + parenthesized(x)
            case .doubleStarred(let x): return "**" + parenthesized(x)
            }
        }
        return parenthesized(f) + "(" + rendered.joined(separator: ", ") + ")"
    case .attribute(let o, let n): return parenthesized(o) + "." + n
    case .subscript(let o, let k): return parenthesized(o) + "[" + parenthesized(k) + "]"
    case .slice(let a, let b, let c):
        return (a.map(parenthesized) ?? "") + ":" + (b.map(parenthesized) ?? "") + (c.map { ":" + parenthesized($0) } ?? "")
    case .tuple(let items): return "(" + items.map(parenthesized).joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
    case .list(let items): return "[" + items.map(parenthesized).joined(separator: ", ") + "]"
    case .set(let items): return "{" + items.map(parenthesized).joined(separator: ", ") + "}"
    case .dict(let keys, let values):
        return "{" + zip(keys, values).map { ($0.map(parenthesized) ?? "**") + ": " + parenthesized($1) }.joined(separator: ", ") + "}"
    case .starred(let x): return "*" + parenthesized(x)
    case .conditional(let t, let b, let o): return "(\(parenthesized(b)) if \(parenthesized(t)) else \(parenthesized(o)))"
    case .lambda(let p, let body): return "(lambda \(p.allNames.joined(separator: ", ")): \(parenthesized(body)))"
    case .comprehension(let kind, let element, _, let clauses):
        return "<\(kind.rawValue) \(parenthesized(element)) for \(clauses.count)>"
    case .formattedString(let parts): return "f<\(parts.count)>"
    case .yield: return "yield"
    case .yieldFrom(let x): return "(yield from \(parenthesized(x)))"
    case .namedAssignment(let name, let x): return "(\(name) := \(parenthesized(x)))"
    }
}

@Suite struct ParserTests {
    static let precedence: [(String, String)] = [
        ("1 + 2 * 3", "(1 + (2 * 3))"),
        ("1 - 2 - 3", "((1 - 2) - 3)"),
        ("2 ** 3 ** 2", "(2 ** (3 ** 2))"),
        ("-2 ** 2", "(-(2 ** 2))"),
        ("2 ** -1", "(2 ** (-1))"),
        ("a @ b + c", "((a @ b) + c)"),
        ("a @ b @ c", "((a @ b) @ c)"),
        ("not a == b", "(not (a == b))"),
        ("a and b or c and d", "((a and b) or (c and d))"),
        ("not a and b", "((not a) and b)"),
        ("a < b <= c != d", "(a < b <= c != d)"),
        ("x in y and z not in w", "((x in y) and (z not in w))"),
        ("a is not None", "(a is not None)"),
        ("a | b ^ c & d << 1", "(a | (b ^ (c & (d << 1))))"),
        ("x if c else y if d else z", "(x if c else (y if d else z))"),
        ("lambda x, y=1: x + y", "(lambda x, y: (x + y))"),
        ("f(a, *b, k=1, **d)", "f(a, *b, k=1, **d)"),
        ("x[:, None, 0:2, ...]", "x[(:, None, 0:2, ...)]"),
        ("x[::2]", "x[::2]"),
        ("x[1:]", "x[1:]"),
        ("a.b(c)[d].e", "a.b(c)[d].e"),
        ("~x + -y * +z", "((~x) + ((-y) * (+z)))"),
        ("a // b % c / d", "(((a // b) % c) / d)"),
        ("[*a, b]", "[*a, b]"),
        ("{**a, 'k': 1}", "{**: a, 'k': 1}"),
        ("(1,)", "(1,)"),
        ("-x.y ** 2", "(-(x.y ** 2))"),
    ]

    @Test(arguments: precedence)
    func precedence(_ source: String, _ expected: String) throws {
        let e = try Parser.parseExpression(source)
        #expect(parenthesized(e) == expected)
    }

    @Test func rangesPointAtSource() throws {
        let module = try Parser.parse("x = 1\nattn_scores = queries @ keys\n")
        guard case .assign(let targets, let value) = module.body[1].kind else {
            Issue.record("expected an assignment")
            return
        }
        #expect(module.body[1].range.line == 2)
        #expect(targets[0].range == SourceRange(line: 2, column: 0, endLine: 2, endColumn: 11))
        #expect(value.range == SourceRange(line: 2, column: 14, endLine: 2, endColumn: 28))
        guard case .binary(.matrixMultiply, let left, let right) = value.kind else {
            Issue.record("expected a matmul")
            return
        }
        #expect(left.range == SourceRange(line: 2, column: 14, endLine: 2, endColumn: 21))
        #expect(right.range == SourceRange(line: 2, column: 24, endLine: 2, endColumn: 28))
    }

    @Test func fStringFieldsKeepRanges() throws {
        let e = try Parser.parseExpression("f\"a{x:.4f}b{y!r}\"")
        guard case .formattedString(let parts) = e.kind, parts.count == 4,
              case .field(let x, nil, let spec?, nil) = parts[1],
              case .field(let y, "r", nil, nil) = parts[3] else {
            Issue.record("unexpected f-string parts: \(e.kind)")
            return
        }
        #expect(x.range == SourceRange(line: 1, column: 4, endLine: 1, endColumn: 5))
        #expect(spec == [.literal(".4f")])
        #expect(y.range.column == 12)
    }

    @Test func statementsParse() throws {
        let source = """
        import torch.nn as nn
        from math import sqrt as s, pi
        @decorator
        class A(Base):
            x: int = 3
            def f(self, a, /, b=2, *args, c, d=4, **kw) -> int:
                global g
                del self.y, z[0]
                for i, (j, *k) in enumerate(a):
                    with open(p) as fh, ctx():
                        pass
                try:
                    raise ValueError("x") from None
                except (TypeError, ValueError) as e:
                    assert e, "msg"
                except:
                    pass
                else:
                    pass
                finally:
                    return [y for y in b if y]
        """
        let module = try Parser.parse(source)
        #expect(module.body.count == 3)
        guard case .classDefinition(let cls) = module.body[2].kind else {
            Issue.record("expected a class")
            return
        }
        #expect(cls.name == "A")
        #expect(cls.decorators.count == 1)
        guard case .functionDefinition(let f) = cls.body[1].kind else {
            Issue.record("expected a method")
            return
        }
        #expect(f.parameters.positional.map(\.name) == ["self", "a", "b"])
        #expect(f.parameters.positionalOnlyCount == 2)
        #expect(f.parameters.varArgs == "args")
        #expect(f.parameters.keywordOnly.map(\.name) == ["c", "d"])
        #expect(f.parameters.varKeywords == "kw")
    }

    /// (source, CPython's rendered report with filename "<string>").
    static let syntaxErrors: [(String, String)] = [
        ("x = 1 +\n", "  File \"<string>\", line 1\n    x = 1 +\n           ^\nSyntaxError: invalid syntax"),
        ("x = (1 +\ny = 2\n", "  File \"<string>\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed"),
        ("if x:\npass\n", "  File \"<string>\", line 2\n    pass\n    ^\nIndentationError: expected an indented block after 'if' statement on line 1"),
        ("def f()\n    return 1\n", "  File \"<string>\", line 1\n    def f()\n           ^\nSyntaxError: expected ':'"),
        ("x = 1\n    y = 2\n", "  File \"<string>\", line 2\n    y = 2\nIndentationError: unexpected indent"),
        ("s = 'abc\n", "  File \"<string>\", line 1\n    s = 'abc\n        ^\nSyntaxError: unterminated string literal (detected at line 1)"),
        ("f() = 3\n", "  File \"<string>\", line 1\n    f() = 3\n    ^^^\nSyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?"),
        ("return 5\n", "  File \"<string>\", line 1\n    return 5\n    ^^^^^^^^\nSyntaxError: 'return' outside function"),
        ("break\n", "  File \"<string>\", line 1\n    break\n    ^^^^^\nSyntaxError: 'break' outside loop"),
        ("x = 1)\n", "  File \"<string>\", line 1\n    x = 1)\n         ^\nSyntaxError: unmatched ')'"),
        ("x = 0777\n", "  File \"<string>\", line 1\n    x = 0777\n        ^\nSyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
    ]

    @Test(arguments: syntaxErrors)
    func syntaxErrorReports(_ source: String, _ expected: String) {
        do {
            _ = try Parser.parse(source)
            Issue.record("expected a syntax error for \(source)")
        } catch let e as ScriptSyntaxError {
            #expect(e.rendered == expected)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test func unsupportedConstructsAreNamed() {
        for (source, fragment) in [("async def f(): pass\n", "asynchronous"), ("x = 1j\n", "complex"),
                                   ("match x:\n    case 1: pass\n", "'match'")] {
            do {
                _ = try Parser.parse(source)
                Issue.record("expected an error for \(source)")
            } catch let e as ScriptSyntaxError {
                #expect(e.message.contains(fragment), "\(e.message)")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }
    }
}
