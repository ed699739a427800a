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

private func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }
private func isOctDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "7" }
private func isHexDigit(_ c: Unicode.Scalar) -> Bool {
    isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F")
}
private func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
    (c >= "a" && c <= "z") || (c >= "A" && c <= "Z")
}
private let specialCharacters = ".\\[{()*+?^$|"
private let verboseWhitespace = " \t\n\r\u{0B}\u{0C}"

private func plainEscape(_ c: Unicode.Scalar) -> UInt32? {
    switch c {
    case "a": return 7
    case "b": return 8
    case "f": return 12
    case "n": return 10
    case "r": return 13
    case "t": return 9
    case "v": return 11
    case "\\": return 92
    default: return nil
    }
}

private func categoryEscape(_ c: Unicode.Scalar) -> RegexCategory? {
    switch c {
    case "d": return .digit
    case "D": return .notDigit
    case "s": return .space
    case "S": return .notSpace
    case "w": return .word
    case "W": return .notWord
    default: return nil
    }
}

private func anchorEscape(_ c: Unicode.Scalar) -> RegexAnchor? {
    switch c {
    case "A": return .beginningString
    case "b": return .boundary
    case "B": return .nonBoundary
    case "Z": return .endString
    default: return nil
    }
}

private func hexValue(_ digits: [Unicode.Scalar]) -> UInt32 {
    digits.reduce(0) { acc, c in
        let v = c.value
        let d: UInt32 = v <= 57 ? v - 48 : (v | 0x20) - 87
        return acc &* 16 &+ d
    }
}

private func octalValue(_ digits: [Unicode.Scalar]) -> UInt32 {
    digits.reduce(0) { acc, c in acc * 8 + (c.value - 48) }
}

/// What an escape inside `[...]` stands for.
private enum ClassEscape {
    case literal(UInt32)
    case category(RegexCategory)
}

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
    private mutating func parseSet() throws(PyRegexError) -> RegexNode {
        let here = source.tell() - 1
        var items: [RegexSetItem] = []
        let negate = try source.match("^")
        while true {
            guard let this = try source.get() else {
                throw source.error("unterminated character set", offset: source.tell() - here)
            }
            if this.is("]") && !items.isEmpty { break }
            let code1: ClassEscape
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
                let code2: ClassEscape = that.isEscape ? try classEscape(that) : .literal(that.first.value)
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

    private func setItem(_ code: ClassEscape) -> RegexSetItem {
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
            while let next = source.next, next.second == nil, isDigit(next.first) {
                lo.append(next.first)
                _ = try source.get()
            }
            if try source.match(",") {
                while let next = source.next, next.second == nil, isDigit(next.first) {
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

    /// A group after its `(`; nil for constructs that add no node (comments, global flags).
    private mutating func parseGroup(verbose: inout Bool, nested: Int, first: Bool,
                                     sequenceIsEmpty: Bool) throws(PyRegexError) -> RegexNode? {
        let start = source.tell() - 1
        var capture = true
        var atomic = false
        var name: String?
        var addFlags: PyRegexFlags = []
        var removeFlags: PyRegexFlags = []
        if try source.match("?") {
            guard let char = try source.get() else { throw source.error("unexpected end of pattern") }
            if char.is("P") {
                if try source.match("<") {
                    let groupName = try source.getUntil(">", "group name")
                    try source.checkGroupName(groupName, offset: 1)
                    name = groupName
                } else if try source.match("=") {
                    let groupName = try source.getUntil(")", "group name")
                    try source.checkGroupName(groupName, offset: 1)
                    let length = groupName.unicodeScalars.count
                    guard let gid = state.groupIndex[groupName] else {
                        throw source.error("unknown group name \(pyRepr(groupName))", offset: length + 1)
                    }
                    if !state.checkGroup(gid) {
                        throw source.error("cannot refer to an open group", offset: length + 1)
                    }
                    try state.checkLookbehindGroup(gid, source)
                    return .groupRef(gid)
                } else {
                    guard let next = try source.get() else { throw source.error("unexpected end of pattern") }
                    throw source.error("unknown extension ?P" + next.text, offset: next.length + 2)
                }
            } else if char.is(":") {
                capture = false
            } else if char.is("#") {
                while true {
                    if source.next == nil {
                        throw source.error("missing ), unterminated comment", offset: source.tell() - start)
                    }
                    if let c = try source.get(), c.is(")") { break }
                }
                return nil
            } else if char.isIn("=!<") {
                return try parseLookaround(char, start: start, verbose: verbose, nested: nested)
            } else if char.is("(") {
                return try parseConditional(start: start, verbose: verbose, nested: nested)
            } else if char.is(">") {
                capture = false
                atomic = true
            } else if char.second == nil, PyRegexFlags.inline(char.first) != nil || char.first == "-" {
                guard let flags = try parseFlags(char.first) else {
                    if !first || !sequenceIsEmpty {
                        throw source.error("global flags not at the start of the expression",
                                           offset: source.tell() - start)
                    }
                    verbose = state.flags.contains(.verbose)
                    return nil
                }
                (addFlags, removeFlags) = flags
                capture = false
            } else {
                throw source.error("unknown extension ?" + char.text, offset: char.length + 1)
            }
        }
        var group: Int?
        if capture {
            group = try openGroup(name)
        }
        let subVerbose = (verbose || addFlags.contains(.verbose)) && !removeFlags.contains(.verbose)
        let body = try parseSub(verbose: subVerbose, nested: nested + 1)
        if !(try source.match(")")) {
            throw source.error("missing ), unterminated subpattern", offset: source.tell() - start)
        }
        if let group {
            state.groupWidths[group] = regexWidth(body, groupWidths: state.groupWidths)
        }
        if atomic { return .atomic(body) }
        return .subpattern(group: group, add: addFlags, remove: removeFlags, body)
    }

    private mutating func openGroup(_ name: String?) throws(PyRegexError) -> Int {
        let gid = state.groups
        state.groupWidths.append(nil)
        let offset = (name?.unicodeScalars.count ?? 0) + 1
        if state.groups > regexMaxGroups {
            throw source.error("too many groups", offset: offset)
        }
        if let name {
            if let previous = state.groupIndex[name] {
                throw source.error("redefinition of group name \(pyRepr(name)) as group \(gid); was group \(previous)",
                                   offset: offset)
            }
            state.groupIndex[name] = gid
        }
        return gid
    }

    private mutating func parseLookaround(_ firstChar: RegexToken, start: Int, verbose: Bool,
                                          nested: Int) throws(PyRegexError) -> RegexNode {
        var char = firstChar
        var behind = false
        var savedLookbehindGroups: Int?
        if char.is("<") {
            guard let next = try source.get() else { throw source.error("unexpected end of pattern") }
            char = next
            if !char.isIn("=!") {
                throw source.error("unknown extension ?<" + char.text, offset: char.length + 2)
            }
            behind = true
            savedLookbehindGroups = state.lookbehindGroups
            if savedLookbehindGroups == nil { state.lookbehindGroups = state.groups }
        }
        let body = try parseSub(verbose: verbose, nested: nested + 1)
        if behind && savedLookbehindGroups == nil { state.lookbehindGroups = nil }
        if !(try source.match(")")) {
            throw source.error("missing ), unterminated subpattern", offset: source.tell() - start)
        }
        return .lookaround(behind: behind, negated: char.is("!"), body)
    }

    private mutating func parseConditional(start: Int, verbose: Bool, nested: Int) throws(PyRegexError) -> RegexNode {
        let condName = try source.getUntil(")", "group name")
        let length = condName.unicodeScalars.count
        let condGroup: Int
        if regexIsIdentifier(condName) {
            guard let gid = state.groupIndex[condName] else {
                throw source.error("unknown group name \(pyRepr(condName))", offset: length + 1)
            }
            condGroup = gid
        } else {
            let trimmed = condName.trimmingPythonIntWhitespace()
            guard let value = Int(trimmed.hasPrefix("+") ? String(trimmed.dropFirst()) : trimmed),
                  value >= 0, !trimmed.isEmpty else {
                throw source.error("bad character in group name \(pyRepr(condName))", offset: length + 1)
            }
            if value == 0 { throw source.error("bad group number", offset: length + 1) }
            if value >= regexMaxGroups {
                throw source.error("invalid group reference \(value)", offset: length + 1)
            }
            if state.groupRefPositions[value] == nil {
                state.groupRefPositions[value] = source.tell() - length - 1
            }
            condGroup = value
        }
        try state.checkLookbehindGroup(condGroup, source)
        let yes = try parse(verbose: verbose, nested: nested + 1)
        var no: [RegexNode]?
        if try source.match("|") {
            no = try parse(verbose: verbose, nested: nested + 1)
            if let next = source.next, next.is("|") {
                throw source.error("conditional backref with more than two branches")
            }
        }
        if !(try source.match(")")) {
            throw source.error("missing ), unterminated subpattern", offset: source.tell() - start)
        }
        return .groupRefExists(group: condGroup, yes: yes, no: no)
    }

    /// Inline flags after `(?`; nil for global flags `(?i)`, else the scoped (add, remove) pair.
    private mutating func parseFlags(_ firstChar: Unicode.Scalar) throws(PyRegexError) -> (PyRegexFlags, PyRegexFlags)? {
        var addFlags: PyRegexFlags = []
        var removeFlags: PyRegexFlags = []
        var char: RegexToken? = RegexToken(first: firstChar, second: nil)
        func flagOf(_ token: RegexToken?) -> PyRegexFlags? {
            guard let token, token.second == nil else { return nil }
            return PyRegexFlags.inline(token.first)
        }
        func isAlpha(_ token: RegexToken) -> Bool {
            token.second == nil && token.first.properties.isAlphabetic
        }
        if firstChar != "-" {
            while true {
                guard let flag = flagOf(char) else { break }
                if char?.first == "L" {
                    throw source.error("bad inline flags: cannot use 'L' flag with a str pattern")
                }
                addFlags.formUnion(flag)
                if !flag.intersection(PyRegexFlags.typeFlags).isEmpty
                    && addFlags.intersection(PyRegexFlags.typeFlags) != flag {
                    throw source.error("bad inline flags: flags 'a', 'u' and 'L' are incompatible")
                }
                char = try source.get()
                guard let c = char else { throw source.error("missing -, : or )") }
                if c.isIn(")-:") { break }
                if flagOf(c) == nil {
                    throw source.error(isAlpha(c) ? "unknown flag" : "missing -, : or )", offset: c.length)
                }
            }
        }
        if let c = char, c.is(")") {
            state.flags.formUnion(addFlags)
            return nil
        }
        if !addFlags.intersection(PyRegexFlags.globalFlags).isEmpty {
            throw source.error("bad inline flags: cannot turn on global flag", offset: 1)
        }
        if let c = char, c.is("-") {
            char = try source.get()
            guard let c = char else { throw source.error("missing flag") }
            if flagOf(c) == nil {
                throw source.error(isAlpha(c) ? "unknown flag" : "missing flag", offset: c.length)
            }
            while true {
                guard let flag = flagOf(char) else { break }
                if !flag.intersection(PyRegexFlags.typeFlags).isEmpty {
                    throw source.error("bad inline flags: cannot turn off flags 'a', 'u' and 'L'")
                }
                removeFlags.formUnion(flag)
                char = try source.get()
                guard let c = char else { throw source.error("missing :") }
                if c.is(":") { break }
                if flagOf(c) == nil {
                    throw source.error(isAlpha(c) ? "unknown flag" : "missing :", offset: c.length)
                }
            }
        }
        if !removeFlags.intersection(PyRegexFlags.globalFlags).isEmpty {
            throw source.error("bad inline flags: cannot turn off global flag", offset: 1)
        }
        if !addFlags.intersection(removeFlags).isEmpty {
            throw source.error("bad inline flags: flag turned on and off", offset: 1)
        }
        return (addFlags, removeFlags)
    }

    /// An escape outside a set (`_escape`).
    private mutating func escape(_ token: RegexToken) throws(PyRegexError) -> RegexNode {
        guard let c = token.second else { return .literal(token.first.value) }
        if let anchor = anchorEscape(c) { return .anchor(anchor) }
        if let category = categoryEscape(c) { return .set(negated: false, items: [.category(category)]) }
        if let value = plainEscape(c) { return .literal(value) }
        if let value = try numericEscape(c, token) { return .literal(value) }
        if c == "0" {
            let digits = try source.getWhile(2, isOctDigit)
            return .literal(octalValue(digits))
        }
        if isDigit(c) {
            var text = [c]
            if let next = source.next, next.second == nil, isDigit(next.first) {
                text.append(next.first)
                _ = try source.get()
                if isOctDigit(text[0]), isOctDigit(text[1]),
                   let third = source.next, third.second == nil, isOctDigit(third.first) {
                    text.append(third.first)
                    _ = try source.get()
                    let value = octalValue(text)
                    if value > 0o377 {
                        throw source.error("octal escape value \\\(String(String.UnicodeScalarView(text))) outside of range 0-0o377",
                                           offset: text.count + 1)
                    }
                    return .literal(value)
                }
            }
            let group = Int(octalDecimal(text))
            if group < state.groups {
                if !state.checkGroup(group) {
                    throw source.error("cannot refer to an open group", offset: text.count + 1)
                }
                try state.checkLookbehindGroup(group, source)
                return .groupRef(group)
            }
            throw source.error("invalid group reference \(group)", offset: text.count)
        }
        if isASCIILetter(c) { throw source.error("bad escape " + token.text, offset: 2) }
        return .literal(c.value)
    }

    private func octalDecimal(_ digits: [Unicode.Scalar]) -> UInt32 {
        digits.reduce(0) { $0 * 10 + ($1.value - 48) }
    }

    /// `\x..`, `\u....`, `\U........` and `\N{...}`; nil for other escapes.
    private mutating func numericEscape(_ c: Unicode.Scalar, _ token: RegexToken) throws(PyRegexError) -> UInt32? {
        let width: Int
        switch c {
        case "x": width = 2
        case "u": width = 4
        case "U": width = 8
        case "N":
            if !(try source.match("{")) { throw source.error("missing {") }
            let name = try source.getUntil("}", "character name")
            guard let scalar = regexLookupCharacterName(name) else {
                throw source.error("undefined character name \(pyRepr(name))",
                                   offset: name.unicodeScalars.count + 4)
            }
            return scalar.value
        default: return nil
        }
        let digits = try source.getWhile(width, isHexDigit)
        let text = token.text + String(String.UnicodeScalarView(digits))
        if digits.count != width {
            throw source.error("incomplete escape \(text)", offset: digits.count + 2)
        }
        let value = hexValue(digits)
        if c == "U" && (value > 0x10FFFF) {
            throw source.error("bad escape \(text)", offset: digits.count + 2)
        }
        return value
    }

    /// An escape inside a set (`_class_escape`).
    private mutating func classEscape(_ token: RegexToken) throws(PyRegexError) -> ClassEscape {
        guard let c = token.second else { return .literal(token.first.value) }
        if let value = plainEscape(c) { return .literal(value) }
        if let category = categoryEscape(c) { return .category(category) }
        if let value = try numericEscape(c, token) { return .literal(value) }
        if isOctDigit(c) {
            let digits = [c] + (try source.getWhile(2, isOctDigit))
            let value = octalValue(digits)
            if value > 0o377 {
                throw source.error("octal escape value \\\(String(String.UnicodeScalarView(digits))) outside of range 0-0o377",
                                   offset: digits.count + 1)
            }
            return .literal(value)
        }
        if isDigit(c) || isASCIILetter(c) {
            throw source.error("bad escape " + token.text, offset: 2)
        }
        return .literal(c.value)
    }
}

extension String {
    /// The text Python's `int()` would see after stripping surrounding whitespace.
    func trimmingPythonIntWhitespace() -> String {
        let scalars = Array(unicodeScalars)
        var lo = 0
        var hi = scalars.count
        while lo < hi, regexIsSpace(scalars[lo].value) { lo += 1 }
        while hi > lo, regexIsSpace(scalars[hi - 1].value) { hi -= 1 }
        return String(String.UnicodeScalarView(scalars[lo..<hi]))
    }
}

/// `unicodedata.lookup(name)`: the character with this Unicode name (case-insensitive).
func regexLookupCharacterName(_ name: String) -> Unicode.Scalar? {
    let wanted = name.uppercased()
    let planes: [ClosedRange<UInt32>] = [0...0x3FFFF, 0xE0000...0xE01EF]
    for plane in planes {
        for value in plane {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if scalar.properties.name == wanted || scalar.properties.nameAlias == wanted { return scalar }
        }
    }
    return nil
}
