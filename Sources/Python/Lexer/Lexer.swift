// The lexer: Python's tokenizer rules (INDENT/DEDENT, implicit line joining inside
// brackets, backslash continuation, comments, every string and number literal form).

struct Lexer {
    private let scalars: [Unicode.Scalar]
    private let filename: String
    private let file: SourceFile
    private var position = 0
    private var line = 1
    private var lineStart = 0
    private var indentStack: [Int] = [0]
    static let maximumIndentLevels = 100
    /// The same indents measured with tabs as 1 column: where the two stacks disagree,
    /// tabs and spaces were mixed ambiguously (CPython's TabError check).
    private var altIndentStack: [Int] = [0]
    private var bracketStack: [(Unicode.Scalar, Int, Int)] = []
    private var tokens: [Token] = []
    private var atLineStart = true

    init(source: String, filename: String) {
        self.scalars = Array(source.unicodeScalars)
        self.filename = filename
        self.file = SourceFile(filename: filename, text: source)
    }

    /// Tokenizes the whole source.
    static func tokenize(_ source: String, filename: String = "<string>") throws -> [Token] {
        var lexer = Lexer(source: source, filename: filename)
        let tokens = try lexer.run()
        if let e = lexer.unclosedBracket { throw e }
        return tokens
    }

    /// Tokenizes, reporting an unclosed bracket separately: CPython prefers a parse error
    /// on the bracket's own line over "'(' was never closed".
    static func tokenizeReportingUnclosed(_ source: String, filename: String) throws -> ([Token], ScriptSyntaxError?) {
        var lexer = Lexer(source: source, filename: filename)
        let tokens = try lexer.run()
        return (tokens, lexer.unclosedBracket)
    }

    /// Set when the source ends inside brackets.
    private(set) var unclosedBracket: ScriptSyntaxError?

    private var column: Int { position - lineStart }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let index = position + offset
        return index < scalars.count ? scalars[index] : nil
    }

    private func error(_ message: String, line: Int? = nil, column: Int? = nil, endColumn: Int? = nil,
                       kind: String = "SyntaxError") -> ScriptSyntaxError {
        let l = line ?? self.line
        return ScriptSyntaxError(message, kind: kind, filename: filename, line: l,
                                 column: column ?? self.column, endColumn: endColumn,
                                 sourceLine: file.line(l))
    }

    private mutating func add(_ kind: TokenKind, startLine: Int, startColumn: Int) {
        tokens.append(Token(kind: kind, range: SourceRange(line: startLine, column: startColumn,
                                                           endLine: line, endColumn: column)))
    }

    private mutating func newLine() {
        line += 1
        lineStart = position
    }

    mutating func run() throws -> [Token] {
        while position < scalars.count {
            if atLineStart {
                // handleIndentation sets atLineStart again after a blank or comment line.
                atLineStart = false
                try handleIndentation()
                continue
            }
            let c = scalars[position]
            switch c {
            case " ", "\t", "\u{0C}":
                position += 1
            case "\r":
                position += 1
            case "#":
                while let p = peek(), p != "\n" { position += 1 }
            case "\n":
                if bracketStack.isEmpty {
                    add(.newline, startLine: line, startColumn: column)
                    atLineStart = true
                }
                position += 1
                newLine()
            case "\\":
                var offset = 1
                if peek(offset) == "\r" { offset += 1 }
                guard peek(offset) == "\n" else {
                    throw error("unexpected character after line continuation character")
                }
                position += offset + 1
                newLine()
                if position >= scalars.count {
                    throw error("unexpected EOF while parsing")
                }
            default:
                try lexToken(c)
            }
        }
        if let open = bracketStack.last {
            unclosedBracket = error("'\(open.0)' was never closed", line: open.1, column: open.2)
        }
        if let last = tokens.last, last.kind != .newline {
            add(.newline, startLine: line, startColumn: column)
        }
        while indentStack.count > 1 {
            indentStack.removeLast()
            add(.dedent, startLine: line, startColumn: column)
        }
        add(.endOfFile, startLine: line, startColumn: column)
        return tokens
    }

    /// Measures the indentation of a new logical line and emits INDENT/DEDENT tokens.
    private mutating func handleIndentation() throws {
        var width = 0, altWidth = 0
        var index = position
        while index < scalars.count {
            let c = scalars[index]
            if c == " " {
                width += 1
                altWidth += 1
            } else if c == "\t" {
                width = (width / 8 + 1) * 8
                altWidth += 1
            } else if c == "\u{0C}" {
                (width, altWidth) = (0, 0)
            } else {
                break
            }
            index += 1
        }
        // Blank lines and comment-only lines do not affect indentation.
        if index >= scalars.count { position = index; return }
        let c = scalars[index]
        if c == "#" || c == "\n" || c == "\r" {
            position = index
            if c == "#" { while let p = peek(), p != "\n" { position += 1 } }
            if peek() == "\r" { position += 1 }
            if peek() == "\n" {
                position += 1
                newLine()
            }
            atLineStart = true
            return
        }
        position = index
        let current = indentStack[indentStack.count - 1]
        if width > current {
            if altWidth <= altIndentStack[altIndentStack.count - 1] { throw inconsistentTabs() }
            // CPython's tokenizer keeps at most 100 levels (MAXINDENT).
            if indentStack.count >= Lexer.maximumIndentLevels {
                var e = error("too many levels of indentation", column: width, kind: "IndentationError")
                e.showsCaret = false
                throw e
            }
            indentStack.append(width)
            altIndentStack.append(altWidth)
            add(.indent, startLine: line, startColumn: 0)
        } else if width < current {
            while indentStack.count > 1, indentStack[indentStack.count - 1] > width {
                indentStack.removeLast()
                altIndentStack.removeLast()
                add(.dedent, startLine: line, startColumn: column)
            }
            if indentStack[indentStack.count - 1] != width {
                throw error("unindent does not match any outer indentation level",
                            column: file.line(line)?.unicodeScalars.count ?? width, kind: "IndentationError")
            }
            if altWidth != altIndentStack[altIndentStack.count - 1] { throw inconsistentTabs() }
        } else if altWidth != altIndentStack[altIndentStack.count - 1] {
            throw inconsistentTabs()
        }
    }

    private func inconsistentTabs() -> ScriptSyntaxError {
        var e = error("inconsistent use of tabs and spaces in indentation", column: 0, kind: "TabError")
        e.showsCaret = false
        return e
    }

    /// Whether the previous logical line ended with `:` (so a block must follow).
    private func tokensExpectBlock() -> Bool {
        guard tokens.count >= 2, tokens[tokens.count - 1].kind == .newline else { return false }
        return tokens[tokens.count - 2].kind == .op(":")
    }

    private static let threeCharOps: Set<String> = ["**=", "//=", ">>=", "<<=", "...", "!=="]
    private static let twoCharOps: Set<String> = [
        "**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=",
        "|=", "^=", "@=", "->", ":=",
    ]
    private static let oneCharOps: Set<Unicode.Scalar> = [
        "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">", "(", ")", "[", "]",
        "{", "}", ",", ":", ".", ";", "=",
    ]

    private static func isIdentifierStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.value < 128 ? (c.properties.isAlphabetic) : c.properties.isXIDStart)
    }

    private static func isIdentifierContinue(_ c: Unicode.Scalar) -> Bool {
        c == "_" || (c.value < 128 ? (c.properties.isAlphabetic || ("0"..."9").contains(c)) : c.properties.isXIDContinue)
    }

    private mutating func lexToken(_ c: Unicode.Scalar) throws {
        let startLine = line, startColumn = column
        if Lexer.isIdentifierStart(c) {
            // A string prefix?
            var prefixEnd = position
            while prefixEnd < scalars.count, prefixEnd - position < 3,
                  "rRbBfFuU".unicodeScalars.contains(scalars[prefixEnd]) {
                prefixEnd += 1
            }
            if prefixEnd < scalars.count, scalars[prefixEnd] == "'" || scalars[prefixEnd] == "\"" {
                var prefix = ""
                prefix.unicodeScalars.append(contentsOf: scalars[position..<prefixEnd])
                let lower = prefix.lowercased()
                if ["r", "b", "f", "u", "rb", "br", "fr", "rf"].contains(lower) {
                    position = prefixEnd
                    try lexString(prefix: lower, startLine: startLine, startColumn: startColumn)
                    return
                }
            }
            var name = ""
            while let p = peek(), Lexer.isIdentifierContinue(p) {
                name.unicodeScalars.append(p)
                position += 1
            }
            add(pythonKeywords.contains(name) ? .keyword(name) : .name(name),
                startLine: startLine, startColumn: startColumn)
            return
        }
        if ("0"..."9").contains(c) || (c == "." && peek(1).map { ("0"..."9").contains($0) } == true) {
            try lexNumber(startLine: startLine, startColumn: startColumn)
            return
        }
        if c == "'" || c == "\"" {
            try lexString(prefix: "", startLine: startLine, startColumn: startColumn)
            return
        }
        var three = "", two = ""
        if position + 2 < scalars.count { three.unicodeScalars.append(contentsOf: scalars[position..<position + 3]) }
        if position + 1 < scalars.count { two.unicodeScalars.append(contentsOf: scalars[position..<position + 2]) }
        if three == "..." || Lexer.threeCharOps.contains(three) && three != "!==" {
            position += 3
            add(.op(three), startLine: startLine, startColumn: startColumn)
            return
        }
        if Lexer.twoCharOps.contains(two) {
            position += 2
            add(.op(two), startLine: startLine, startColumn: startColumn)
            return
        }
        if Lexer.oneCharOps.contains(c) {
            position += 1
            switch c {
            case "(", "[", "{":
                if bracketStack.count >= 200 {
                    throw error("too many nested parentheses", column: startColumn)
                }
                bracketStack.append((c, startLine, startColumn))
            case ")", "]", "}":
                let expected: Unicode.Scalar = c == ")" ? "(" : c == "]" ? "[" : "{"
                guard let open = bracketStack.popLast() else {
                    throw error("unmatched '\(c)'", column: startColumn)
                }
                if open.0 != expected {
                    let message = open.1 == startLine
                        ? "closing parenthesis '\(c)' does not match opening parenthesis '\(open.0)'"
                        : "closing parenthesis '\(c)' does not match opening parenthesis '\(open.0)' on line \(open.1)"
                    throw error(message, column: startColumn)
                }
            default:
                break
            }
            add(.op(String(c)), startLine: startLine, startColumn: startColumn)
            return
        }
        if c == "!" {
            throw error("invalid syntax", column: startColumn)
        }
        if c == "$" || c == "?" || c == "`" {
            throw error("invalid syntax", column: startColumn)
        }
        let hex = String(c.value, radix: 16, uppercase: true)
        throw error("invalid character '\(c)' (U+\(String(repeating: "0", count: max(0, 4 - hex.count)) + hex))",
                    column: startColumn)
    }

    private mutating func lexNumber(startLine: Int, startColumn: Int) throws {
        var text = ""
        func digits(_ allowed: (Unicode.Scalar) -> Bool) throws {
            while let p = peek() {
                if allowed(p) {
                    text.unicodeScalars.append(p)
                    position += 1
                } else if p == "_", let n = peek(1), allowed(n) {
                    position += 1
                } else {
                    break
                }
            }
        }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        if peek() == "0", let x = peek(1), "xXoObB".unicodeScalars.contains(x) {
            position += 2
            let radix: Int
            let allowed: (Unicode.Scalar) -> Bool
            switch x {
            case "x", "X": radix = 16; allowed = { $0.properties.isASCIIHexDigit }
            case "o", "O": radix = 8; allowed = { ("0"..."7").contains($0) }
            default: radix = 2; allowed = { $0 == "0" || $0 == "1" }
            }
            if peek() == "_" { position += 1 }
            try digits(allowed)
            if text.isEmpty {
                throw error("invalid \(radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary") literal")
            }
            if let p = peek(), Lexer.isIdentifierContinue(p) {
                throw error("invalid \(radix == 16 ? "hexadecimal" : radix == 8 ? "octal" : "binary") literal")
            }
            if let value = Int(text, radix: radix) {
                add(.int(value), startLine: startLine, startColumn: startColumn)
            } else {
                add(.bigInt("0" + String(x) + text), startLine: startLine, startColumn: startColumn)
            }
            return
        }
        var isFloat = false
        try digits(isDigit)
        if peek() == ".", !(peek(1) == "." && peek(2) == ".") {
            isFloat = true
            text += "."
            position += 1
            try digits(isDigit)
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1)
            let hasSign = sign == "+" || sign == "-"
            if let d = peek(hasSign ? 2 : 1), isDigit(d) {
                isFloat = true
                text += "e"
                position += 1
                if hasSign, let s = sign {
                    text.unicodeScalars.append(s)
                    position += 1
                }
                try digits(isDigit)
            }
        }
        if let j = peek(), j == "j" || j == "J" {
            throw error("complex numbers are not supported in the lesson language",
                        line: startLine, column: startColumn, endColumn: column + 1)
        }
        if let p = peek(), Lexer.isIdentifierStart(p) {
            throw error("invalid decimal literal", column: column - 1)
        }
        if isFloat {
            let value = Double(text.hasPrefix(".") ? "0" + text : text) ?? .infinity
            add(.float(value), startLine: startLine, startColumn: startColumn)
        } else {
            if text.count > 1, text.hasPrefix("0"), text.contains(where: { $0 != "0" }) {
                throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                            line: startLine, column: startColumn)
            }
            if let value = Int(text) {
                add(.int(value), startLine: startLine, startColumn: startColumn)
            } else {
                add(.bigInt(text), startLine: startLine, startColumn: startColumn)
            }
        }
    }

    private mutating func lexString(prefix: String, startLine: Int, startColumn: Int) throws {
        let quote = scalars[position]
        let triple = peek(1) == quote && peek(2) == quote
        position += triple ? 3 : 1
        let bodyLine = line, bodyColumn = column
        var body: [Unicode.Scalar] = []
        while true {
            guard let c = peek() else {
                if triple {
                    throw error("unterminated triple-quoted string literal (detected at line \(line))",
                                line: startLine, column: startColumn)
                }
                throw error("unterminated string literal (detected at line \(startLine))",
                            line: startLine, column: startColumn)
            }
            if c == "\\" {
                body.append(c)
                position += 1
                if let n = peek() {
                    body.append(n)
                    position += 1
                    if n == "\n" { newLine() }
                }
                continue
            }
            if c == "\n" && !triple {
                throw error("unterminated string literal (detected at line \(startLine))",
                            line: startLine, column: startColumn)
            }
            if c == quote {
                if !triple {
                    position += 1
                    break
                }
                if peek(1) == quote && peek(2) == quote {
                    position += 3
                    break
                }
            }
            body.append(c)
            position += 1
            if c == "\n" { newLine() }
        }
        let isRaw = prefix.contains("r")
        var literal = StringLiteral(kind: .text, text: "", bytes: [], isRaw: isRaw,
                                    bodyLine: bodyLine, bodyColumn: bodyColumn)
        if prefix.contains("f") {
            literal.kind = .formatted
            literal.text.unicodeScalars.append(contentsOf: body)
        } else if prefix.contains("b") {
            literal.kind = .bytes
            if let bad = body.first(where: { $0.value >= 128 }) {
                _ = bad
                throw error("bytes can only contain ASCII literal characters",
                            line: startLine, column: startColumn, endColumn: column)
            }
            let decoded = isRaw ? body : try Lexer.decodeEscapes(body, bytes: true, lexer: self,
                                                                    line: startLine, column: startColumn)
            literal.bytes = decoded.map { UInt8(truncatingIfNeeded: $0.value) }
        } else {
            let decoded = isRaw ? body : try Lexer.decodeEscapes(body, bytes: false, lexer: self,
                                                                    line: startLine, column: startColumn)
            literal.text.unicodeScalars.append(contentsOf: decoded)
        }
        add(.string(literal), startLine: startLine, startColumn: startColumn)
    }

    /// Decodes Python backslash escapes. Unknown escapes keep their backslash, as in Python.
    static func decodeEscapes(_ body: [Unicode.Scalar], bytes: Bool, lexer: Lexer?,
                              line: Int, column: Int) throws -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(body.count)
        var i = 0
        func fail(_ message: String) -> Error {
            lexer?.error(message, line: line, column: column)
                ?? ScriptSyntaxError(message, line: line, column: column)
        }
        while i < body.count {
            let c = body[i]
            guard c == "\\", i + 1 < body.count else {
                out.append(c)
                i += 1
                continue
            }
            let n = body[i + 1]
            i += 2
            switch n {
            case "\n": break
            case "\\": out.append("\\")
            case "'": out.append("'")
            case "\"": out.append("\"")
            case "a": out.append("\u{07}")
            case "b": out.append("\u{08}")
            case "f": out.append("\u{0C}")
            case "n": out.append("\n")
            case "r": out.append("\r")
            case "t": out.append("\t")
            case "v": out.append("\u{0B}")
            case "0"..."7":
                var value = n.value - 48
                var count = 1
                while count < 3, i < body.count, ("0"..."7").contains(body[i]) {
                    value = value * 8 + body[i].value - 48
                    i += 1
                    count += 1
                }
                out.append(Unicode.Scalar(value) ?? "?")
            case "x", "u", "U":
                if bytes && n != "x" {
                    out.append("\\")
                    out.append(n)
                    continue
                }
                let length = n == "x" ? 2 : n == "u" ? 4 : 8
                guard i + length <= body.count else {
                    throw fail("(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\\(n)XX escape")
                }
                var text = ""
                text.unicodeScalars.append(contentsOf: body[i..<i + length])
                guard let value = UInt32(text, radix: 16), let scalar = Unicode.Scalar(value) else {
                    throw fail("(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\\(n)XX escape")
                }
                out.append(scalar)
                i += length
            case "N":
                throw fail("\\N{...} escapes are not supported in the lesson language")
            default:
                out.append("\\")
                out.append(n)
            }
        }
        return out
    }
}
