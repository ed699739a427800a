// The parser: tokens to AST, recursive descent over Python 3's grammar (statements here,
// expressions in Parser+Expressions.swift), with CPython's messages for common mistakes.

public struct Parser {
    var tokens: [Token]
    var index = 0
    let file: SourceFile
    /// Nesting of function bodies (for `return`/`yield` checks) and loops (for `break`).
    var functionDepth = 0
    var loopDepth = 0
    /// Levels of nested expressions being parsed (see `enterNesting`).
    var nesting = 0
    /// CPython's parser stack (MAXSTACK): past it, parsing stops with a bare MemoryError.
    static let maximumNesting = 6000

    init(tokens: [Token], file: SourceFile) {
        self.tokens = tokens
        self.file = file
    }

    /// Parses a whole module.
    public static func parse(_ source: String, filename: String = "<string>") throws -> Module {
        let file = SourceFile(filename: filename, text: source)
        let (tokens, unclosed) = try Lexer.tokenizeReportingUnclosed(source, filename: filename)
        var parser = Parser(tokens: tokens, file: file)
        var body: [Stmt] = []
        do {
            while !parser.check(.endOfFile) {
                if parser.check(.newline) { parser.index += 1; continue }
                body += try parser.statement()
            }
        } catch let e as ScriptSyntaxError {
            if let u = unclosed, e.line > u.line { throw u }
            throw e
        }
        if let u = unclosed { throw u }
        return Module(body: body, source: file)
    }

    /// Enters `levels` of expression nesting, refusing past CPython's parser stack, so that
    /// `lambda: lambda: ...` or `- - - ... 1` thousands deep fails as CPython does, not the stack.
    mutating func enterNesting(_ levels: Int = 1) throws {
        nesting += levels
        if nesting > Parser.maximumNesting { throw PyException(BuiltinTypes.memoryError, "") }
    }

    /// Parses a single expression (used for f-string fields and the shell).
    public static func parseExpression(_ source: String, filename: String = "<string>") throws -> Expr {
        let file = SourceFile(filename: filename, text: source)
        let tokens = try Lexer.tokenize(source, filename: filename)
        var parser = Parser(tokens: tokens, file: file)
        let expr = try parser.starExpressions()
        while parser.check(.newline) { parser.index += 1 }
        guard parser.check(.endOfFile) else { throw parser.syntaxError("invalid syntax") }
        return expr
    }

    // MARK: - Token helpers

    var current: Token { tokens[min(index, tokens.count - 1)] }
    var previous: Token { tokens[max(0, index - 1)] }

    func check(_ kind: TokenKind) -> Bool { current.kind == kind }
    func checkOp(_ op: String) -> Bool { current.kind == .op(op) }
    func checkKeyword(_ word: String) -> Bool { current.kind == .keyword(word) }

    mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    mutating func matchOp(_ op: String) -> Bool {
        if checkOp(op) { index += 1; return true }
        return false
    }

    mutating func matchKeyword(_ word: String) -> Bool {
        if checkKeyword(word) { index += 1; return true }
        return false
    }

    mutating func expectOp(_ op: String) throws {
        guard matchOp(op) else {
            if op == ":" || op == "=" || op == "(" {
                throw syntaxError("expected '\(op)'")
            }
            throw syntaxError("invalid syntax")
        }
    }

    mutating func expectName() throws -> String {
        if case .name(let n) = current.kind {
            index += 1
            return n
        }
        throw syntaxError("invalid syntax")
    }

    func syntaxError(_ message: String, at token: Token? = nil, kind: String = "SyntaxError") -> ScriptSyntaxError {
        let t = token ?? current
        var range = t.range
        if case .endOfFile = t.kind, index > 0 {
            // Point just past the last real token, as CPython does.
            let last = tokens[max(0, tokens.count - 3)].range
            range = SourceRange(line: last.endLine, column: last.endColumn, endLine: last.endLine, endColumn: last.endColumn + 1)
        } else if case .newline = t.kind {
            range = SourceRange(line: t.range.line, column: t.range.column, endLine: t.range.line, endColumn: t.range.column + 1)
        }
        var end = range.endLine == range.line ? max(range.endColumn, range.column + 1) : range.column + 1
        if kind != "SyntaxError" { end = range.column + 1 }
        return ScriptSyntaxError(message, kind: kind, filename: file.filename, line: range.line,
                                 column: range.column, endColumn: end, sourceLine: file.line(range.line))
    }

    func syntaxError(_ message: String, range: SourceRange) -> ScriptSyntaxError {
        let end = range.endLine == range.line ? max(range.endColumn, range.column + 1) : range.column + 1
        return ScriptSyntaxError(message, filename: file.filename, line: range.line, column: range.column,
                                 endColumn: end, sourceLine: file.line(range.line))
    }

    // MARK: - Statements

    mutating func statement() throws -> [Stmt] {
        if case .keyword(let word) = current.kind {
            switch word {
            case "if": return [try ifStatement()]
            case "for": return [try forStatement()]
            case "while": return [try whileStatement()]
            case "def": return [try functionDefinition(decorators: [])]
            case "class": return [try classDefinition(decorators: [])]
            case "with": return [try withStatement()]
            case "try": return [try tryStatement()]
            case "async", "await":
                throw syntaxError("'\(word)' (asynchronous code) is not supported in the lesson language")
            default: break
            }
        }
        if checkOp("@") { return [try decorated()] }
        if case .name(let n) = current.kind, n == "match" || n == "case",
           case .name = tokens[min(index + 1, tokens.count - 1)].kind {
            throw syntaxError("'\(n)' statements are not supported in the lesson language")
        }
        if check(.indent) {
            var e = syntaxError("unexpected indent", kind: "IndentationError")
            e.showsCaret = false
            throw e
        }
        return try simpleStatements()
    }

    mutating func simpleStatements() throws -> [Stmt] {
        var result = [try smallStatement()]
        while matchOp(";") {
            if check(.newline) { break }
            result.append(try smallStatement())
        }
        guard check(.newline) || check(.endOfFile) else {
            // `print "hi"`: CPython's hint for Python 2 print/exec statements.
            if let last = result.last, case .expression(let e) = last.kind, case .name(let n) = e.kind,
               n == "print" || n == "exec", let rest = try? expression() {
                throw syntaxError("Missing parentheses in call to '\(n)'. Did you mean \(n)(...)?", range: e.range.to(rest.range))
            }
            throw syntaxError("invalid syntax")
        }
        _ = advance()
        return result
    }

    mutating func smallStatement() throws -> Stmt {
        let start = current.range
        if case .keyword(let word) = current.kind {
            switch word {
            case "pass": _ = advance(); return Stmt(.pass, start)
            case "break":
                _ = advance()
                if loopDepth == 0 { throw syntaxError("'break' outside loop", range: start) }
                return Stmt(.break, start)
            case "continue":
                _ = advance()
                if loopDepth == 0 { throw syntaxError("'continue' not properly in loop", range: start) }
                return Stmt(.continue, start)
            case "return":
                _ = advance()
                var statement = Stmt(.return(nil), start)
                if !(check(.newline) || checkOp(";") || check(.endOfFile)) {
                    let value = try starExpressions()
                    statement = Stmt(.return(value), start.to(value.range))
                }
                if functionDepth == 0 { throw syntaxError("'return' outside function", range: statement.range) }
                return statement
            case "raise":
                _ = advance()
                if check(.newline) || checkOp(";") || check(.endOfFile) { return Stmt(.raise(nil, cause: nil), start) }
                let exc = try expression()
                var cause: Expr?
                if matchKeyword("from") { cause = try expression() }
                return Stmt(.raise(exc, cause: cause), start.to(previous.range))
            case "global", "nonlocal":
                _ = advance()
                var names = [try expectName()]
                while matchOp(",") { names.append(try expectName()) }
                return Stmt(word == "global" ? .global(names) : .nonlocal(names), start.to(previous.range))
            case "del":
                _ = advance()
                var targets = [try target(try bitOr(), context: "delete")]
                while matchOp(",") {
                    if check(.newline) { break }
                    targets.append(try target(try bitOr(), context: "delete"))
                }
                return Stmt(.delete(targets), start.to(previous.range))
            case "assert":
                _ = advance()
                let test = try expression()
                var message: Expr?
                if matchOp(",") { message = try expression() }
                return Stmt(.assert(test, message: message), start.to(previous.range))
            case "import": return try importStatement()
            case "from": return try fromImportStatement()
            default: break
            }
        }
        return try expressionStatement()
    }

    mutating func expressionStatement() throws -> Stmt {
        // `x := 3` needs parentheses as a statement.
        if case .name = current.kind, index + 1 < tokens.count, tokens[index + 1].kind == .op(":=") {
            throw syntaxError("invalid syntax", at: tokens[index + 1])
        }
        let first = try starExpressions(allowYield: true)
        if case .op(let op) = current.kind, op.count >= 2, op.hasSuffix("="), op != "==", op != "<=", op != ">=", op != "!=",
           let binary = BinaryOperator(rawValue: String(op.dropLast())) {
            _ = advance()
            let target = try self.target(first, context: "augmented")
            let value = try starExpressions(allowYield: true)
            return Stmt(.augmentedAssign(target: target, binary, value: value), first.range.to(value.range))
        }
        if checkOp(":") {
            _ = advance()
            let annotation = try expression()
            var value: Expr?
            if matchOp("=") { value = try starExpressions(allowYield: true) }
            let target = try self.target(first, context: "annotated")
            return Stmt(.annotatedAssign(target: target, annotation: annotation, value: value),
                        first.range.to(previous.range))
        }
        if checkOp("=") {
            var targets = [first]
            var value = first
            while matchOp("=") {
                value = try starExpressions(allowYield: true)
                targets.append(value)
            }
            targets.removeLast()
            let checked = try targets.map { try target($0, context: "assign") }
            return Stmt(.assign(targets: checked, value: value), first.range.to(value.range))
        }
        if checkOp(":=") { throw syntaxError("invalid syntax") }
        if case .starred = first.kind {
            throw syntaxError("can't use starred expression here", range: first.range)
        }
        return Stmt(.expression(first), first.range)
    }

    /// Checks that `expr` can be assigned to (or deleted), with CPython's messages.
    mutating func target(_ expr: Expr, context: String) throws -> Expr {
        switch expr.kind {
        case .name, .attribute, .subscript:
            return expr
        case .tuple(let items) where context == "assign" || context == "delete" || context == "for":
            return Expr(.tuple(try items.map { try target($0, context: context) }), expr.range)
        case .list(let items) where context == "assign" || context == "delete" || context == "for":
            return Expr(.list(try items.map { try target($0, context: context) }), expr.range)
        case .starred(let inner) where context == "assign" || context == "for":
            return Expr(.starred(try target(inner, context: context)), expr.range)
        default:
            let what: String
            switch expr.kind {
            case .call: what = "function call"
            case .constant(.none), .constant(.bool): what = expr.kind == .constant(.none) ? "None" : (expr.kind == .constant(.bool(true)) ? "True" : "False")
            case .constant, .formattedString: what = context == "assign" ? "literal" : "literal"
            case .binary, .unary: what = "expression"
            case .compare: what = "comparison"
            case .lambda: what = "lambda"
            case .conditional: what = "conditional expression"
            case .boolean: what = "expression"
            case .comprehension(let k, _, _, _): what = k == .generator ? "generator expression" : "\(k.rawValue) comprehension"
            case .dict: what = "dict literal"
            case .set: what = "set display"
            case .tuple: what = "tuple"
            case .list: what = "list"
            default: what = "expression"
            }
            switch context {
            case "delete": throw syntaxError("cannot delete \(what)", range: expr.range)
            case "augmented": throw syntaxError("'\(what)' is an illegal expression for augmented assignment", range: expr.range)
            case "annotated": throw syntaxError("illegal target for annotation", range: expr.range)
            case "for": throw syntaxError("cannot assign to \(what)", range: expr.range)
            default:
                if case .constant(.none) = expr.kind { throw syntaxError("cannot assign to None", range: expr.range) }
                if case .constant(.bool) = expr.kind { throw syntaxError("cannot assign to \(what)", range: expr.range) }
                throw syntaxError("cannot assign to \(what) here. Maybe you meant '==' instead of '='?", range: expr.range)
            }
        }
    }

    mutating func block(after keyword: String, line: Int) throws -> [Stmt] {
        try expectOp(":")
        if !check(.newline) {
            return try simpleStatements()
        }
        _ = advance()
        guard check(.indent) else {
            throw syntaxError("expected an indented block after \(keyword) on line \(line)", kind: "IndentationError")
        }
        _ = advance()
        var body: [Stmt] = []
        while !check(.dedent) && !check(.endOfFile) {
            if check(.newline) { _ = advance(); continue }
            body += try statement()
        }
        if check(.dedent) { _ = advance() }
        return body
    }

    /// `if x = 5:`: CPython's hints for `=` written in a condition.
    mutating func checkAssignmentInCondition(_ test: Expr) throws {
        guard checkOp("=") else { return }
        switch test.kind {
        case .name:
            _ = advance()
            let value = try expression()
            throw syntaxError("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", range: test.range.to(value.range))
        case .attribute:
            throw syntaxError("cannot assign to attribute here. Maybe you meant '==' instead of '='?", range: test.range)
        case .subscript:
            throw syntaxError("cannot assign to subscript here. Maybe you meant '==' instead of '='?", range: test.range)
        default:
            return
        }
    }

    mutating func ifStatement() throws -> Stmt {
        let start = advance()
        let test = try namedExpression()
        try checkAssignmentInCondition(test)
        let body = try block(after: "'\(start.displayText)' statement", line: start.range.line)
        var orElse: [Stmt] = []
        if checkKeyword("elif") {
            orElse = [try ifStatement()]
        } else if checkKeyword("else") {
            let elseToken = advance()
            orElse = try block(after: "'else' statement", line: elseToken.range.line)
        }
        return Stmt(.if(test: test, body: body, orElse: orElse), start.range.to(test.range))
    }

    mutating func forStatement() throws -> Stmt {
        let start = advance()
        let targetExpr = try targetList()
        let target = try self.target(targetExpr, context: "for")
        guard matchKeyword("in") else { throw syntaxError("invalid syntax") }
        let iterable = try starExpressions()
        loopDepth += 1
        let body = try block(after: "'for' statement", line: start.range.line)
        loopDepth -= 1
        var orElse: [Stmt] = []
        if checkKeyword("else") {
            let elseToken = advance()
            orElse = try block(after: "'else' statement", line: elseToken.range.line)
        }
        return Stmt(.for(target: target, iterable: iterable, body: body, orElse: orElse), start.range.to(iterable.range))
    }

    /// `a, b` or `(a, *rest)` as a `for` target: a comma list of bit-or expressions.
    mutating func targetList() throws -> Expr {
        var items: [Expr] = []
        var trailingComma = false
        repeat {
            if checkKeyword("in") { break }
            if matchOp("*") {
                let starStart = previous.range
                let inner = try bitOr()
                items.append(Expr(.starred(inner), starStart.to(inner.range)))
            } else {
                items.append(try bitOr())
            }
            trailingComma = checkOp(",")
        } while matchOp(",")
        guard let first = items.first else { throw syntaxError("invalid syntax") }
        if items.count == 1 && !trailingComma { return first }
        return Expr(.tuple(items), first.range.to(items[items.count - 1].range))
    }

    mutating func whileStatement() throws -> Stmt {
        let start = advance()
        let test = try namedExpression()
        try checkAssignmentInCondition(test)
        loopDepth += 1
        let body = try block(after: "'while' statement", line: start.range.line)
        loopDepth -= 1
        var orElse: [Stmt] = []
        if checkKeyword("else") {
            let elseToken = advance()
            orElse = try block(after: "'else' statement", line: elseToken.range.line)
        }
        return Stmt(.while(test: test, body: body, orElse: orElse), start.range.to(test.range))
    }

    mutating func decorated() throws -> Stmt {
        var decorators: [Expr] = []
        while matchOp("@") {
            decorators.append(try namedExpression())
            guard check(.newline) else { throw syntaxError("invalid syntax") }
            _ = advance()
        }
        if checkKeyword("def") { return try functionDefinition(decorators: decorators) }
        if checkKeyword("class") { return try classDefinition(decorators: decorators) }
        throw syntaxError("invalid syntax")
    }

    mutating func functionDefinition(decorators: [Expr]) throws -> Stmt {
        let start = advance()
        let name = try expectName()
        try expectOp("(")
        let parameters = try parameterList(closing: ")")
        try expectOp(")")
        var returns: Expr?
        if matchOp("->") { returns = try expression() }
        let savedLoop = loopDepth
        loopDepth = 0
        functionDepth += 1
        let body = try block(after: "function definition", line: start.range.line)
        functionDepth -= 1
        loopDepth = savedLoop
        let range = start.range.to(tokens[index - 1].range)
        let definition = FunctionDefinition(name: name, parameters: parameters, body: body,
                                            decorators: decorators, range: start.range, returns: returns)
        return Stmt(.functionDefinition(definition), SourceRange(line: start.range.line, column: start.range.column,
                                                                  endLine: range.endLine, endColumn: range.endColumn))
    }

    /// Parameters up to `closing` (")" for def, ":" for lambda).
    mutating func parameterList(closing: String) throws -> Parameters {
        var parameters = Parameters()
        var seenStar = false
        var seenDefault = false
        var names = Set<String>()
        func note(_ name: String, _ range: SourceRange) throws {
            if names.contains(name) {
                throw syntaxError("duplicate argument '\(name)' in function definition", range: range)
            }
            names.insert(name)
        }
        while !checkOp(closing) {
            if matchOp("/") {
                if seenStar || parameters.positional.isEmpty { throw syntaxError("invalid syntax", at: previous) }
                parameters.positionalOnlyCount = parameters.positional.count
            } else if matchOp("**") {
                let token = current
                let name = try expectName()
                try note(name, token.range)
                if closing == ")", matchOp(":") { parameters.varKeywordsAnnotation = try expression() }
                parameters.varKeywords = name
            } else if matchOp("*") {
                if seenStar { throw syntaxError("* argument may appear only once", at: previous) }
                seenStar = true
                if case .name = current.kind {
                    let token = current
                    let name = try expectName()
                    try note(name, token.range)
                    if closing == ")", matchOp(":") { parameters.varArgsAnnotation = try expression() }
                    parameters.varArgs = name
                }
            } else {
                let token = current
                let name = try expectName()
                try note(name, token.range)
                var annotation: Expr?
                if closing == ")", matchOp(":") { annotation = try expression() }
                var defaultValue: Expr?
                if matchOp("=") {
                    defaultValue = try expression()
                    if !seenStar { seenDefault = true }
                } else if seenDefault && !seenStar {
                    throw syntaxError("non-default argument follows default argument", range: token.range)
                }
                let parameter = Parameter(name: name, defaultValue: defaultValue, range: token.range, annotation: annotation)
                if seenStar { parameters.keywordOnly.append(parameter) } else { parameters.positional.append(parameter) }
            }
            if !matchOp(",") { break }
        }
        if seenStar && parameters.varArgs == nil && parameters.keywordOnly.isEmpty {
            throw syntaxError("named arguments must follow bare *")
        }
        return parameters
    }

    mutating func classDefinition(decorators: [Expr]) throws -> Stmt {
        let start = advance()
        let name = try expectName()
        var bases: [Expr] = []
        var keywords: [Argument] = []
        if matchOp("(") {
            let arguments = try callArguments()
            for argument in arguments {
                switch argument {
                case .positional(let e): bases.append(e)
                default: keywords.append(argument)
                }
            }
        }
        let savedLoop = loopDepth, savedFunction = functionDepth
        loopDepth = 0
        functionDepth = 0
        let body = try block(after: "class definition", line: start.range.line)
        loopDepth = savedLoop
        functionDepth = savedFunction
        return Stmt(.classDefinition(ClassDefinition(name: name, bases: bases, keywords: keywords, body: body,
                                                     decorators: decorators)), start.range)
    }

    mutating func withStatement() throws -> Stmt {
        let start = advance()
        var items: [WithItem] = []
        let parenthesized = checkOp("(") && withHasParenthesizedItems()
        if parenthesized { _ = advance() }
        repeat {
            if parenthesized && checkOp(")") { break }
            let context = try expression()
            var target: Expr?
            if matchKeyword("as") { target = try self.target(try bitOr(), context: "assign") }
            items.append(WithItem(context: context, target: target))
        } while matchOp(",")
        if parenthesized { try expectOp(")") }
        let body = try block(after: "'with' statement", line: start.range.line)
        return Stmt(.with(items, body: body), start.range.to(items.last?.context.range ?? start.range))
    }

    /// Whether `with (` opens a parenthesized list of items rather than an expression.
    func withHasParenthesizedItems() -> Bool {
        var depth = 0
        var i = index
        while i < tokens.count {
            switch tokens[i].kind {
            case .op("("), .op("["), .op("{"): depth += 1
            case .op(")"), .op("]"), .op("}"):
                depth -= 1
                if depth == 0 {
                    return tokens[min(i + 1, tokens.count - 1)].kind == .op(":") && containsAs(from: index, to: i)
                }
            case .newline, .endOfFile: return false
            default: break
            }
            i += 1
        }
        return false
    }

    private func containsAs(from: Int, to: Int) -> Bool {
        tokens[from..<to].contains { $0.kind == .keyword("as") }
    }

    mutating func tryStatement() throws -> Stmt {
        let start = advance()
        let body = try block(after: "'try' statement", line: start.range.line)
        var handlers: [ExceptHandler] = []
        var orElse: [Stmt] = []
        var finally: [Stmt] = []
        while checkKeyword("except") {
            let token = advance()
            if checkOp("*") { throw syntaxError("except* is not supported in the lesson language") }
            var type: Expr?
            var name: String?
            if !checkOp(":") {
                let typeExpr = try expression()
                type = typeExpr
                if checkOp(",") {
                    throw syntaxError("multiple exception types must be parenthesized", range: typeExpr.range)
                }
                if matchKeyword("as") { name = try expectName() }
            } else if let last = handlers.last, last.type == nil {
                _ = last
                throw syntaxError("default 'except:' must be last", at: token)
            }
            let handlerBody = try block(after: "'except' statement", line: token.range.line)
            handlers.append(ExceptHandler(type: type, name: name, body: handlerBody, range: token.range))
        }
        if checkKeyword("else") {
            let token = advance()
            orElse = try block(after: "'else' statement", line: token.range.line)
        }
        if checkKeyword("finally") {
            let token = advance()
            finally = try block(after: "'finally' statement", line: token.range.line)
        }
        if handlers.isEmpty && finally.isEmpty {
            throw syntaxError("expected 'except' or 'finally' block")
        }
        return Stmt(.try(body: body, handlers: handlers, orElse: orElse, finally: finally), start.range)
    }

    mutating func dottedName() throws -> String {
        var name = try expectName()
        while matchOp(".") { name += "." + (try expectName()) }
        return name
    }

    mutating func importStatement() throws -> Stmt {
        let start = advance()
        var aliases: [ImportAlias] = []
        repeat {
            let name = try dottedName()
            var asName: String?
            if matchKeyword("as") { asName = try expectName() }
            aliases.append(ImportAlias(name: name, asName: asName))
        } while matchOp(",")
        return Stmt(.import(aliases), start.range.to(previous.range))
    }

    mutating func fromImportStatement() throws -> Stmt {
        let start = advance()
        var level = 0
        while checkOp(".") || checkOp("...") {
            level += checkOp(".") ? 1 : 3
            _ = advance()
        }
        var module = ""
        // `from import x` names no module: CPython's "invalid syntax" at `import`.
        if !checkKeyword("import") { module = try dottedName() } else if level == 0 { throw syntaxError("invalid syntax") }
        guard matchKeyword("import") else { throw syntaxError("invalid syntax") }
        var aliases: [ImportAlias] = []
        if matchOp("*") {
            aliases.append(ImportAlias(name: "*", asName: nil))
        } else {
            let parenthesized = matchOp("(")
            repeat {
                if parenthesized && checkOp(")") { break }
                let name = try expectName()
                var asName: String?
                if matchKeyword("as") { asName = try expectName() }
                aliases.append(ImportAlias(name: name, asName: asName))
            } while matchOp(",")
            if parenthesized { try expectOp(")") }
        }
        return Stmt(.importFrom(module: module, names: aliases, level: level), start.range.to(previous.range))
    }
}
