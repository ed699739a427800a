// Expression grammar with Python's precedence: lambda/conditional < or < and < not <
// comparisons < | < ^ < & < shifts < + - < * / // % @ < unary < ** < await/primary.

extension Parser {
    /// `a, *b, c` — a tuple when there is a comma, else the single expression.
    mutating func starExpressions(allowYield: Bool = false) throws -> Expr {
        if allowYield, checkKeyword("yield") { return try yieldExpression() }
        let first = try starExpression()
        guard checkOp(",") else { return first }
        var items = [first]
        while matchOp(",") {
            if isExpressionEnd() { break }
            items.append(try starExpression())
        }
        return Expr(.tuple(items), first.range.to(items[items.count - 1].range))
    }

    mutating func yieldExpression() throws -> Expr {
        let token = advance()
        let yield: Expr
        if matchKeyword("from") {
            let source = try expression()
            yield = Expr(.yieldFrom(source), token.range.to(source.range))
        } else if isExpressionEnd() {
            yield = Expr(.yield(nil), token.range)
        } else {
            let value = try starExpressions()
            yield = Expr(.yield(value), token.range.to(value.range))
        }
        if functionDepth == 0 { throw syntaxError("'yield' outside function", range: yield.range) }
        return yield
    }

    func isExpressionEnd() -> Bool {
        switch current.kind {
        case .newline, .endOfFile, .indent, .dedent: return true
        case .op(let o): return [")", "]", "}", "=", ":", ";"].contains(o) || (o.hasSuffix("=") && o.count >= 2 && !["==", "<=", ">=", "!="].contains(o))
        case .keyword(let k): return k == "in" || k == "for" || k == "if" || k == "else" || k == "as"
        default: return false
        }
    }

    mutating func starExpression() throws -> Expr {
        if matchOp("*") {
            let start = previous.range
            let inner = try bitOr()
            return Expr(.starred(inner), start.to(inner.range))
        }
        return try namedExpression()
    }

    mutating func namedExpression() throws -> Expr {
        let e = try expression()
        guard checkOp(":=") else { return e }
        guard case .name(let name) = e.kind else {
            let what: String
            switch e.kind {
            case .attribute: what = "attribute"
            case .subscript: what = "subscript"
            case .tuple: what = "tuple"
            case .list: what = "list"
            case .call: what = "function call"
            default: what = "expression"
            }
            throw syntaxError("cannot use assignment expressions with \(what)", range: e.range)
        }
        _ = advance()
        let value = try expression()
        return Expr(.namedAssignment(name, value), e.range.to(value.range))
    }

    /// `test`: conditional expression or lambda.
    mutating func expression() throws -> Expr {
        try enterNesting()
        defer { nesting -= 1 }
        if checkKeyword("lambda") { return try lambda() }
        let body = try orTest()
        if checkKeyword("if") {
            // `x if c else y`; `[x for x in y if c]` stops at the comprehension's `if`.
            let save = index
            _ = advance()
            let test = try orTest()
            guard matchKeyword("else") else {
                if case .op = current.kind {}
                index = save
                throw syntaxError("expected 'else' after 'if' expression", range: body.range.to(test.range))
            }
            let orElse = try expression()
            return Expr(.conditional(test: test, body: body, orElse: orElse), body.range.to(orElse.range))
        }
        return body
    }

    mutating func expressionNoConditional() throws -> Expr {
        if checkKeyword("lambda") { return try lambda() }
        return try orTest()
    }

    mutating func lambda() throws -> Expr {
        // With its body's `expression`, a lambda takes two levels of CPython's parser stack.
        try enterNesting()
        defer { nesting -= 1 }
        let start = advance()
        let parameters = try parameterList(closing: ":")
        try expectOp(":")
        functionDepth += 1
        let body = try expression()
        functionDepth -= 1
        return Expr(.lambda(parameters, body), start.range.to(body.range))
    }

    mutating func orTest() throws -> Expr {
        let first = try andTest()
        guard checkKeyword("or") else { return first }
        var items = [first]
        while matchKeyword("or") { items.append(try andTest()) }
        return Expr(.boolean(isAnd: false, items), first.range.to(items[items.count - 1].range))
    }

    mutating func andTest() throws -> Expr {
        let first = try notTest()
        guard checkKeyword("and") else { return first }
        var items = [first]
        while matchKeyword("and") { items.append(try notTest()) }
        return Expr(.boolean(isAnd: true, items), first.range.to(items[items.count - 1].range))
    }

    mutating func notTest() throws -> Expr {
        if checkKeyword("not") {
            try enterNesting()
            defer { nesting -= 1 }
            let start = advance()
            let operand = try notTest()
            return Expr(.unary(.not, operand), start.range.to(operand.range))
        }
        return try comparison()
    }

    mutating func comparisonOperator() -> CompareOperator? {
        switch current.kind {
        case .op("=="): _ = advance(); return .equal
        case .op("!="): _ = advance(); return .notEqual
        case .op("<"): _ = advance(); return .less
        case .op("<="): _ = advance(); return .lessEqual
        case .op(">"): _ = advance(); return .greater
        case .op(">="): _ = advance(); return .greaterEqual
        case .keyword("in"): _ = advance(); return .in
        case .keyword("not"):
            if tokens[min(index + 1, tokens.count - 1)].kind == .keyword("in") {
                index += 2
                return .notIn
            }
            return nil
        case .keyword("is"):
            _ = advance()
            if matchKeyword("not") { return .isNot }
            return .is
        default: return nil
        }
    }

    mutating func comparison() throws -> Expr {
        let first = try bitOr()
        var operators: [CompareOperator] = []
        var operands: [Expr] = []
        while let op = comparisonOperator() {
            operators.append(op)
            operands.append(try bitOr())
        }
        if operators.isEmpty { return first }
        return Expr(.compare(first, operators, operands), first.range.to(operands[operands.count - 1].range))
    }

    mutating func binaryLevel(_ ops: [String: BinaryOperator], next: (inout Parser) throws -> Expr) throws -> Expr {
        var left = try next(&self)
        while case .op(let o) = current.kind, let op = ops[o] {
            _ = advance()
            let right = try next(&self)
            left = Expr(.binary(op, left, right), left.range.to(right.range))
        }
        return left
    }

    mutating func bitOr() throws -> Expr {
        try binaryLevel(["|": .bitOr]) { try $0.bitXor() }
    }

    mutating func bitXor() throws -> Expr {
        try binaryLevel(["^": .bitXor]) { try $0.bitAnd() }
    }

    mutating func bitAnd() throws -> Expr {
        try binaryLevel(["&": .bitAnd]) { try $0.shift() }
    }

    mutating func shift() throws -> Expr {
        try binaryLevel(["<<": .leftShift, ">>": .rightShift]) { try $0.arithmetic() }
    }

    mutating func arithmetic() throws -> Expr {
        try binaryLevel(["+": .add, "-": .subtract]) { try $0.term() }
    }

    mutating func term() throws -> Expr {
        try binaryLevel(["*": .multiply, "/": .divide, "//": .floorDivide, "%": .modulo, "@": .matrixMultiply]) {
            try $0.factor()
        }
    }

    mutating func factor() throws -> Expr {
        let op: UnaryOperator?
        switch current.kind {
        case .op("+"): op = .plus
        case .op("-"): op = .minus
        case .op("~"): op = .invert
        default: op = nil
        }
        guard let unary = op else { return try power() }
        try enterNesting()
        defer { nesting -= 1 }
        let start = advance()
        let operand = try factor()
        return Expr(.unary(unary, operand), start.range.to(operand.range))
    }

    /// `a ** b`: binds tighter than unary minus on its left, looser on its right (`-2 ** -1`).
    mutating func power() throws -> Expr {
        if checkKeyword("await") { throw syntaxError("'await' is not supported in the lesson language") }
        let base = try primary()
        if matchOp("**") {
            try enterNesting()
            defer { nesting -= 1 }
            let exponent = try factor()
            return Expr(.binary(.power, base, exponent), base.range.to(exponent.range))
        }
        return base
    }

    mutating func primary() throws -> Expr {
        var expr = try atom()
        while true {
            if matchOp(".") {
                let nameToken = current
                let name = try expectName()
                expr = Expr(.attribute(expr, name), expr.range.to(nameToken.range))
            } else if matchOp("(") {
                let arguments = try callArguments()
                expr = Expr(.call(expr, arguments), expr.range.to(previous.range))
            } else if matchOp("[") {
                let index = try subscriptList()
                try expectOp("]")
                expr = Expr(.subscript(expr, index), expr.range.to(previous.range))
            } else {
                return expr
            }
        }
    }

    /// Arguments after `(`, through the closing `)`.
    mutating func callArguments() throws -> [Argument] {
        let open = previous.range
        var bareGenerator = false
        var arguments: [Argument] = []
        var seenKeyword = false
        var seenDoubleStar = false
        var keywordNames = Set<String>()
        var positionalAfterKeyword = false
        while !checkOp(")") {
            if matchOp("*") {
                if seenDoubleStar {
                    throw syntaxError("iterable argument unpacking follows keyword argument unpacking", range: previous.range)
                }
                arguments.append(.starred(try expression()))
            } else if matchOp("**") {
                arguments.append(.doubleStarred(try expression()))
                seenKeyword = true
                seenDoubleStar = true
            } else if case .name(let name) = current.kind,
                      tokens[min(index + 1, tokens.count - 1)].kind == .op("=") {
                let nameRange = current.range
                index += 2
                let value = try expression()
                if !keywordNames.insert(name).inserted {
                    throw syntaxError("keyword argument repeated: \(name)", range: nameRange.to(value.range))
                }
                arguments.append(.keyword(name, value))
                seenKeyword = true
            } else {
                let value = try namedExpression()
                if checkKeyword("for") {
                    let generator = try comprehension(.generator, element: value, value: nil, start: value.range)
                    arguments.append(.positional(generator))
                    bareGenerator = true
                } else {
                    if checkOp("=") {
                        throw syntaxError("expression cannot contain assignment, perhaps you meant \"==\"?",
                                          range: value.range.to(current.range))
                    }
                    // CPython reports this at the closing parenthesis.
                    if seenKeyword { positionalAfterKeyword = true }
                    arguments.append(.positional(value))
                }
            }
            if !matchOp(",") { break }
        }
        guard matchOp(")") else {
            throw syntaxError("invalid syntax. Perhaps you forgot a comma?")
        }
        if positionalAfterKeyword {
            throw syntaxError("positional argument follows keyword argument", range: previous.range)
        }
        if bareGenerator, arguments.count == 1, case .positional(var g) = arguments[0] {
            // CPython places `f(x for x in y)`'s generator expression at `(x for x in y)`.
            g.range = open.to(previous.range)
            arguments[0] = .positional(g)
        }
        return arguments
    }

    /// The inside of `[...]`: one index, a slice, or a tuple of them.
    mutating func subscriptList() throws -> Expr {
        let first = try subscriptItem()
        guard checkOp(",") else { return first }
        var items = [first]
        while matchOp(",") {
            if checkOp("]") { break }
            items.append(try subscriptItem())
        }
        return Expr(.tuple(items), first.range.to(items[items.count - 1].range))
    }

    mutating func subscriptItem() throws -> Expr {
        let start = current.range
        var lower: Expr?
        if !checkOp(":") {
            if checkOp("*") { return try starExpression() }
            let value = try namedExpression()
            if !checkOp(":") { return value }
            lower = value
        }
        _ = advance() // ':'
        var upper: Expr?
        var step: Expr?
        if !checkOp(":") && !checkOp(",") && !checkOp("]") { upper = try expression() }
        if matchOp(":") {
            if !checkOp(",") && !checkOp("]") { step = try expression() }
        }
        return Expr(.slice(lower, upper, step), start.to(previous.range))
    }

    mutating func atom() throws -> Expr {
        let token = current
        switch token.kind {
        case .name(let n):
            _ = advance()
            return Expr(.name(n), token.range)
        case .int(let v):
            _ = advance()
            return Expr(.constant(.int(v)), token.range)
        case .bigInt(let text):
            throw syntaxError("integer literal \(text) is too large: the lesson language's int is 64-bit", at: token)
        case .float(let v):
            _ = advance()
            return Expr(.constant(.float(v)), token.range)
        case .string:
            return try strings()
        case .keyword("None"):
            _ = advance()
            return Expr(.constant(.none), token.range)
        case .keyword("True"):
            _ = advance()
            return Expr(.constant(.bool(true)), token.range)
        case .keyword("False"):
            _ = advance()
            return Expr(.constant(.bool(false)), token.range)
        case .op("..."):
            _ = advance()
            return Expr(.constant(.ellipsis), token.range)
        case .op("("):
            return try parenthesized()
        case .op("["):
            return try listDisplay()
        case .op("{"):
            return try dictOrSetDisplay()
        case .keyword("yield"):
            // A yield expression needs parentheses inside another expression.
            throw syntaxError("invalid syntax")
        case .keyword("lambda"):
            return try lambda()
        case .op(let o) where o == ")" || o == "]" || o == "}":
            throw syntaxError("unmatched '\(o)'")
        case .indent:
            var e = syntaxError("unexpected indent", kind: "IndentationError")
            e.showsCaret = false
            throw e
        default:
            throw syntaxError("invalid syntax")
        }
    }

    mutating func parenthesized() throws -> Expr {
        let start = advance()
        if matchOp(")") { return Expr(.tuple([]), start.range.to(previous.range)) }
        if checkKeyword("yield") {
            let y = try yieldExpression()
            try expectOp(")")
            return y
        }
        let first = try starExpression()
        if checkKeyword("for") {
            let generator = try comprehension(.generator, element: first, value: nil, start: start.range)
            try closeBracket(")")
            return Expr(generator.kind, start.range.to(previous.range))
        }
        if matchOp(")") {
            if case .starred = first.kind {
                throw syntaxError("cannot use starred expression here", range: first.range)
            }
            return first
        }
        var items = [first]
        while matchOp(",") {
            if checkOp(")") { break }
            items.append(try starExpression())
        }
        try closeBracket(")")
        return Expr(.tuple(items), start.range.to(previous.range))
    }

    mutating func closeBracket(_ bracket: String) throws {
        guard matchOp(bracket) else {
            throw syntaxError("invalid syntax. Perhaps you forgot a comma?")
        }
    }

    mutating func listDisplay() throws -> Expr {
        let start = advance()
        if matchOp("]") { return Expr(.list([]), start.range.to(previous.range)) }
        let first = try starExpression()
        if checkKeyword("for") {
            let comp = try comprehension(.list, element: first, value: nil, start: start.range)
            try closeBracket("]")
            return Expr(comp.kind, start.range.to(previous.range))
        }
        var items = [first]
        while matchOp(",") {
            if checkOp("]") { break }
            items.append(try starExpression())
        }
        try closeBracket("]")
        return Expr(.list(items), start.range.to(previous.range))
    }

    mutating func dictOrSetDisplay() throws -> Expr {
        let start = advance()
        if matchOp("}") { return Expr(.dict([], []), start.range.to(previous.range)) }
        if matchOp("**") {
            return try dictRest(start: start, firstKey: nil, firstValue: try bitOr())
        }
        let first = try starExpression()
        if matchOp(":") {
            let value = try expression()
            if checkKeyword("for") {
                let comp = try comprehension(.dict, element: first, value: value, start: start.range)
                try closeBracket("}")
                return Expr(comp.kind, start.range.to(previous.range))
            }
            return try dictRest(start: start, firstKey: first, firstValue: value)
        }
        if checkKeyword("for") {
            let comp = try comprehension(.set, element: first, value: nil, start: start.range)
            try closeBracket("}")
            return Expr(comp.kind, start.range.to(previous.range))
        }
        var items = [first]
        while matchOp(",") {
            if checkOp("}") { break }
            items.append(try starExpression())
        }
        try closeBracket("}")
        return Expr(.set(items), start.range.to(previous.range))
    }

    mutating func dictRest(start: Token, firstKey: Expr?, firstValue: Expr) throws -> Expr {
        var keys: [Expr?] = [firstKey]
        var values = [firstValue]
        while matchOp(",") {
            if checkOp("}") { break }
            if matchOp("**") {
                keys.append(nil)
                values.append(try bitOr())
            } else {
                keys.append(try expression())
                try expectOp(":")
                values.append(try expression())
            }
        }
        try closeBracket("}")
        return Expr(.dict(keys, values), start.range.to(previous.range))
    }

    mutating func comprehension(_ kind: ComprehensionKind, element: Expr, value: Expr?, start: SourceRange) throws -> Expr {
        var clauses: [ComprehensionClause] = []
        while matchKeyword("for") {
            let targetExpr = try targetList()
            let target = try self.target(targetExpr, context: "for")
            guard matchKeyword("in") else { throw syntaxError("invalid syntax") }
            let iterable = try orTest()
            var conditions: [Expr] = []
            while matchKeyword("if") { conditions.append(try expressionNoConditional()) }
            clauses.append(ComprehensionClause(target: target, iterable: iterable, conditions: conditions))
        }
        if checkKeyword("async") { throw syntaxError("asynchronous comprehensions are not supported in the lesson language") }
        return Expr(.comprehension(kind, element: element, value: value, clauses), start.to(previous.range))
    }

    /// Adjacent string literals concatenate; f-strings are split into parts.
    mutating func strings() throws -> Expr {
        let first = current
        var parts: [FStringPart] = []
        var bytes: [UInt8] = []
        var sawBytes = false, sawText = false, sawFormatted = false
        while case .string(let literal) = current.kind {
            let token = advance()
            switch literal.kind {
            case .bytes:
                sawBytes = true
                bytes += literal.bytes
            case .text:
                sawText = true
                parts.append(.literal(literal.text))
            case .formatted:
                sawFormatted = true
                var fstring = FStringParser(literal: literal, file: file, token: token)
                parts += try fstring.parse()
            }
            if sawBytes && (sawText || sawFormatted) {
                throw syntaxError("cannot mix bytes and nonbytes literals", range: first.range.to(token.range))
            }
        }
        let range = first.range.to(previous.range)
        if sawBytes { return Expr(.constant(.bytes(bytes)), range) }
        // Merge adjacent literal parts.
        var merged: [FStringPart] = []
        for part in parts {
            if case .literal(let text) = part, case .literal(let previousText)? = merged.last {
                merged[merged.count - 1] = .literal(previousText + text)
            } else {
                merged.append(part)
            }
        }
        if !sawFormatted {
            if case .literal(let text)? = merged.first { return Expr(.constant(.string(text)), range) }
            return Expr(.constant(.string("")), range)
        }
        return Expr(.formattedString(merged), range)
    }
}
