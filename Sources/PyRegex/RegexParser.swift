// The pattern parser, a port of CPython 3.11's `re._parser` (`_parse_sub`, `_parse`,
// `_escape`, `_parse_flags`) with the same error messages and positions.

/// What the parser learns about groups while it reads a pattern (`re._parser.State`).
struct RegexParseState {
    var flags: PyRegexFlags
    var groupIndex: [String: Int] = [:]
    /// Width of each closed group; nil while the group is open. Entry 0 is group 0.
    var groupWidths: [(Int, Int)?] = [nil]
    var lookbehindGroups: Int?
    var groupRefPositions: [Int: Int] = [:]

    var groups: Int { groupWidths.count }

    func checkGroup(_ gid: Int) -> Bool { gid < groups && groupWidths[gid] != nil }

    func checkLookbehindGroup(_ gid: Int, _ source: RegexTokenizer) throws(PyRegexError) {
        guard let lookbehindGroups else { return }
        if !checkGroup(gid) { throw source.error("cannot refer to an open group") }
        if gid >= lookbehindGroups {
            throw source.error("cannot refer to group defined in the same lookbehind subpattern")
        }
    }
}

/// A parsed pattern: the node sequence plus group bookkeeping.
struct RegexParsedPattern {
    var nodes: [RegexNode]
    var state: RegexParseState
}

private let specialCharacters = ".\\[{()*+?^$|"
private let verboseWhitespace = " \t\n\r\u{0B}\u{0C}"

struct RegexParser {
    var source: RegexTokenizer
    var state: RegexParseState

    /// Parses `pattern` as `re._parser.parse(pattern, flags)`.
    static func parse(_ pattern: [Unicode.Scalar], flags: PyRegexFlags) throws(PyRegexError) -> RegexParsedPattern {
        var parser = RegexParser(source: try RegexTokenizer(pattern), state: RegexParseState(flags: flags))
        let nodes = try parser.parseSub(verbose: flags.contains(.verbose), nested: 0)
        // fix_flags for a str pattern
        if parser.state.flags.contains(.locale) {
            throw PyRegexError(kind: .valueError, "cannot use LOCALE flag with a str pattern")
        }
        if !parser.state.flags.contains(.ascii) {
            parser.state.flags.insert(.unicode)
        } else if parser.state.flags.contains(.unicode) {
            throw PyRegexError(kind: .valueError, "ASCII and UNICODE flags are incompatible")
        }
        if parser.source.next != nil {
            throw parser.source.error("unbalanced parenthesis")
        }
        for (g, position) in parser.state.groupRefPositions.sorted(by: { $0.key < $1.key })
        where g >= parser.state.groups {
            throw PyRegexError("invalid group reference \(g)", pattern: pattern, pos: position)
        }
        return RegexParsedPattern(nodes: nodes, state: parser.state)
    }

    /// An alternation `a|b|c`.
    mutating func parseSub(verbose: Bool, nested: Int) throws(PyRegexError) -> [RegexNode] {
        var verbose = verbose
        var items: [[RegexNode]] = []
        while true {
            items.append(try parse(verbose: verbose, nested: nested + 1, first: nested == 0 && items.isEmpty))
            if !(try source.match("|")) { break }
            if nested == 0 { verbose = state.flags.contains(.verbose) }
        }
        if items.count == 1 { return items[0] }
        // A branch of single characters is a set, as `_parse_sub` makes it.
        var members: [RegexSetItem] = []
        for item in items {
            guard item.count == 1 else { return [.branch(items)] }
            switch item[0] {
            case .literal(let c): members.append(.literal(c))
            case .set(false, let setItems): members.append(contentsOf: setItems)
            default: return [.branch(items)]
            }
        }
        var unique: [RegexSetItem] = []
        for member in members where !unique.contains(member) { unique.append(member) }
        return [.set(negated: false, items: unique)]
    }

    /// A sequence up to `|`, `)` or the end.
    mutating func parse(verbose: Bool, nested: Int, first: Bool = false) throws(PyRegexError) -> [RegexNode] {
        var verbose = verbose
        var subpattern: [RegexNode] = []
        while true {
            guard let this = source.next else { break }
            if this.is("|") || this.is(")") { break }
            _ = try source.get()

            if verbose {
                if this.isIn(verboseWhitespace) { continue }
                if this.is("#") {
                    while true {
                        guard let c = try source.get(), !c.is("\n") else { break }
                    }
                    continue
                }
            }

            if this.isEscape {
                subpattern.append(try escape(this))
            } else if !this.isIn(specialCharacters) {
                subpattern.append(.literal(this.first.value))
            } else if this.is("[") {
                subpattern.append(try parseSet())
            } else if this.isIn("*+?{") {
                if try parseRepeat(this, into: &subpattern) == false { continue }
            } else if this.is(".") {
                subpattern.append(.any)
            } else if this.is("(") {
                if let node = try parseGroup(verbose: &verbose, nested: nested, first: first,
                                             sequenceIsEmpty: subpattern.isEmpty) {
                    subpattern.append(node)
                }
            } else if this.is("^") {
                subpattern.append(.anchor(.beginning))
            } else if this.is("$") {
                subpattern.append(.anchor(.end))
            }
        }
        return subpattern
    }

    /// A character set after its `[`.
    mutating func parseSet() throws(PyRegexError) -> RegexNode {
        let here = source.tell() - 1
        var items: [RegexSetItem] = []
        let negate = try source.match("^")
        while true {
            guard let this = try source.get() else {
                throw source.error("unterminated character set", offset: source.tell() - here)
            }
            if this.is("]") && !items.isEmpty { break }
            let code1: RegexClassEscape
            if this.isEscape {
                code1 = try classEscape(this)
            } else {
                code1 = .literal(this.first.value)
            }
            if try source.match("-") {
                guard let that = try source.get() else {
                    throw source.error("unterminated character set", offset: source.tell() - here)
                }
                if that.is("]") {
                    items.append(setItem(code1))
                    items.append(.literal(45))
                    break
                }
                let code2: RegexClassEscape = that.isEscape ? try classEscape(that) : .literal(that.first.value)
                let message = "bad character range \(this.text)-\(that.text)"
                guard case .literal(let lo) = code1, case .literal(let hi) = code2 else {
                    throw source.error(message, offset: this.length + 1 + that.length)
                }
                if hi < lo { throw source.error(message, offset: this.length + 1 + that.length) }
                items.append(.range(lo, hi))
            } else {
                items.append(setItem(code1))
            }
        }
        var unique: [RegexSetItem] = []
        for item in items where !unique.contains(item) { unique.append(item) }
        if unique.count == 1, case .literal(let c) = unique[0] {
            return negate ? .notLiteral(c) : .literal(c)
        }
        return .set(negated: negate, items: unique)
    }

    func setItem(_ code: RegexClassEscape) -> RegexSetItem {
        switch code {
        case .literal(let c): return .literal(c)
        case .category(let c): return .category(c)
        }
    }

    /// A quantifier after the item it repeats; false when `{` turned out to be a literal.
    private mutating func parseRepeat(_ this: RegexToken, into subpattern: inout [RegexNode]) throws(PyRegexError) -> Bool {
        let here = source.tell()
        var minCount = 0
        var maxCount = regexMaxRepeat
        if this.is("?") {
            maxCount = 1
        } else if this.is("+") {
            minCount = 1
        } else if this.is("{") {
            if let next = source.next, next.is("}") {
                subpattern.append(.literal(this.first.value))
                return false
            }
            var lo: [Unicode.Scalar] = []
            var hi: [Unicode.Scalar] = []
            while let next = source.next, next.second == nil, regexIsASCIIDigit(next.first) {
                lo.append(next.first)
                _ = try source.get()
            }
            if try source.match(",") {
                while let next = source.next, next.second == nil, regexIsASCIIDigit(next.first) {
                    hi.append(next.first)
                    _ = try source.get()
                }
            } else {
                hi = lo
            }
            if !(try source.match("}")) {
                subpattern.append(.literal(this.first.value))
                try source.seek(here)
                return false
            }
            if !lo.isEmpty {
                guard let value = Int(String(String.UnicodeScalarView(lo))), value < regexMaxRepeat else {
                    throw PyRegexError(kind: .overflowError, "the repetition number is too large")
                }
                minCount = value
            }
            if !hi.isEmpty {
                guard let value = Int(String(String.UnicodeScalarView(hi))), value < regexMaxRepeat else {
                    throw PyRegexError(kind: .overflowError, "the repetition number is too large")
                }
                maxCount = value
                if maxCount < minCount {
                    throw source.error("min repeat greater than max repeat", offset: source.tell() - here)
                }
            }
        }
        guard var item = subpattern.last, !isAnchor(item) else {
            throw source.error("nothing to repeat", offset: source.tell() - here + this.length)
        }
        if item.isRepeat {
            throw source.error("multiple repeat", offset: source.tell() - here + this.length)
        }
        var body = [item]
        if case .subpattern(nil, let add, let remove, let inner) = item, add.isEmpty, remove.isEmpty {
            body = inner
        }
        let kind: RegexRepeatKind
        if try source.match("?") {
            kind = .lazy
        } else if try source.match("+") {
            kind = .possessive
        } else {
            kind = .greedy
        }
        item = .repeatNode(min: minCount, max: maxCount, kind: kind, body)
        subpattern[subpattern.count - 1] = item
        return true
    }

    private func isAnchor(_ node: RegexNode) -> Bool {
        if case .anchor = node { return true }
        return false
    }
}
