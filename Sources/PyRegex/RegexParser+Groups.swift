// Groups of the pattern parser: `(...)`, `(?P<name>...)`, lookarounds, conditionals and
// inline flags, as CPython 3.11's `re._parser._parse` and `_parse_flags` read them.

extension RegexParser {
    /// A group after its `(`; nil for constructs that add no node (comments, global flags).
    mutating func parseGroup(verbose: inout Bool, nested: Int, first: Bool,
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

    mutating func openGroup(_ name: String?) throws(PyRegexError) -> Int {
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

    mutating func parseLookaround(_ firstChar: RegexToken, start: Int, verbose: Bool,
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

    mutating func parseConditional(start: Int, verbose: Bool, nested: Int) throws(PyRegexError) -> RegexNode {
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
    mutating func parseFlags(_ firstChar: Unicode.Scalar) throws(PyRegexError) -> (PyRegexFlags, PyRegexFlags)? {
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
}
