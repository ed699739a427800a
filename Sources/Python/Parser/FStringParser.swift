// Splits an f-string body into literal text and `{expr!conv:spec}` fields, parsing each
// field's expression with source ranges that point into the original line.

struct FStringParser {
    let literal: StringLiteral
    let file: SourceFile
    let token: Token
    let body: [Unicode.Scalar]
    var position = 0
    /// Line/column of `body[position]` in the source file.
    var line: Int
    var column: Int

    init(literal: StringLiteral, file: SourceFile, token: Token) {
        self.literal = literal
        self.file = file
        self.token = token
        self.body = Array(literal.text.unicodeScalars)
        self.line = literal.bodyLine
        self.column = literal.bodyColumn
    }

    func error(_ message: String) -> ScriptSyntaxError {
        ScriptSyntaxError(message, filename: file.filename, line: line, column: column,
                          sourceLine: file.line(line))
    }

    mutating func step() {
        if body[position] == "\n" {
            line += 1
            column = 0
        } else {
            column += 1
        }
        position += 1
    }

    mutating func parse() throws -> [FStringPart] {
        try parseParts(inSpec: false)
    }

    /// Parses literal text and fields until the end (or, inside a format spec, until `}`).
    mutating func parseParts(inSpec: Bool) throws -> [FStringPart] {
        var parts: [FStringPart] = []
        var text: [Unicode.Scalar] = []
        func flush() throws {
            if text.isEmpty { return }
            let decoded = literal.isRaw ? text
                : try Lexer.decodeEscapes(text, bytes: false, lexer: nil, line: token.range.line, column: token.range.column)
            var s = ""
            s.unicodeScalars.append(contentsOf: decoded)
            parts.append(.literal(s))
            text.removeAll()
        }
        while position < body.count {
            let c = body[position]
            if c == "{" {
                if !inSpec, position + 1 < body.count, body[position + 1] == "{" {
                    text.append("{")
                    step(); step()
                    continue
                }
                try flush()
                parts.append(try field())
                continue
            }
            if c == "}" {
                if inSpec { break }
                if position + 1 < body.count, body[position + 1] == "}" {
                    text.append("}")
                    step(); step()
                    continue
                }
                throw error("f-string: single '}' is not allowed")
            }
            if c == "\\", !literal.isRaw, position + 1 < body.count {
                text.append(c)
                step()
                text.append(body[position])
                step()
                continue
            }
            text.append(c)
            step()
        }
        try flush()
        return parts
    }

    /// One `{...}` field; `position` is at the `{`.
    mutating func field() throws -> FStringPart {
        step() // '{'
        let startLine = line, startColumn = column, start = position
        var depth = 0
        var quote: Unicode.Scalar?
        var end = -1
        var debug = false
        while position < body.count {
            let c = body[position]
            if let q = quote {
                if c == q { quote = nil }
                step()
                continue
            }
            if c == "'" || c == "\"" { quote = c; step(); continue }
            if c == "\\" { throw error("f-string expression part cannot include a backslash") }
            if c == "#" { throw error("f-string expression part cannot include '#'") }
            if c == "(" || c == "[" || c == "{" { depth += 1 }
            if c == ")" || c == "]" || (c == "}" && depth > 0) { depth -= 1; step(); continue }
            if depth == 0 {
                if c == "}" || c == ":" { end = position; break }
                if c == "!" , position + 1 < body.count, body[position + 1] != "=" { end = position; break }
                if c == "=", position + 1 < body.count,
                   body[position + 1] != "=",
                   position > start, !["=", "!", "<", ">"].contains(body[position - 1]) {
                    end = position
                    debug = true
                    break
                }
            }
            step()
        }
        guard end >= 0 else { throw error("f-string: expecting '}'") }
        var source = ""
        source.unicodeScalars.append(contentsOf: body[start..<end])
        if source.trimmingWhitespace().isEmpty { throw error("f-string: empty expression not allowed") }
        let expr = try parseExpression(source, line: startLine, column: startColumn)
        var debugText: String?
        if debug {
            step() // '='
            var text = source + "="
            // Whitespace after '=' is kept in the echoed text.
            while position < body.count, body[position] == " " {
                text += " "
                step()
            }
            debugText = text
        }
        var conversion: Character?
        if position < body.count, body[position] == "!" {
            step()
            guard position < body.count, ["r", "s", "a"].contains(body[position]) else {
                throw error("f-string: invalid conversion character: expected 's', 'r', or 'a'")
            }
            conversion = Character(body[position])
            step()
        }
        var spec: [FStringPart]?
        if position < body.count, body[position] == ":" {
            step()
            spec = try parseParts(inSpec: true)
        }
        guard position < body.count, body[position] == "}" else { throw error("f-string: expecting '}'") }
        step()
        if debug && conversion == nil && spec == nil { conversion = "r" }
        return .field(expr, conversion: conversion, spec: spec, debugText: debugText)
    }

    /// Parses a field expression, shifting token positions to where the field sits in the file.
    func parseExpression(_ source: String, line: Int, column: Int) throws -> Expr {
        var tokens: [Token]
        do {
            tokens = try Lexer.tokenize("(" + source + ")", filename: file.filename)
        } catch var e as ScriptSyntaxError {
            e.message = "f-string: " + e.message
            e.line = line
            e.sourceLine = file.line(line)
            throw e
        }
        func shift(_ r: SourceRange) -> SourceRange {
            SourceRange(line: r.line + line - 1, column: r.line == 1 ? r.column - 1 + column : r.column,
                        endLine: r.endLine + line - 1, endColumn: r.endLine == 1 ? r.endColumn - 1 + column : r.endColumn)
        }
        for i in tokens.indices { tokens[i].range = shift(tokens[i].range) }
        var parser = Parser(tokens: tokens, file: file)
        parser.functionDepth = 1
        do {
            let expr = try parser.starExpressions()
            guard parser.check(.newline) || parser.check(.endOfFile) else {
                throw parser.syntaxError("f-string: invalid syntax")
            }
            return expr
        } catch var e as ScriptSyntaxError {
            if !e.message.hasPrefix("f-string") { e.message = "f-string: " + e.message }
            throw e
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let f = scalars.first, f.properties.isWhitespace { scalars = scalars.dropFirst() }
        while let l = scalars.last, l.properties.isWhitespace { scalars = scalars.dropLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
