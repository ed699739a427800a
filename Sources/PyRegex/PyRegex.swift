// A compiled pattern of the lesson language's `re` module (`re.Pattern`): match, search,
// findall, finditer, split and sub with CPython 3.11's results (book chapter 2 tokenizer).

import Foundation

/// One result of `findall`: the whole match or single group as a string, or a tuple of
/// all groups when the pattern has more than one ("" for groups that did not match).
public enum PyFindallItem: Equatable {
    case string([Unicode.Scalar])
    case tuple([[Unicode.Scalar]])
}

/// A compiled regular expression with the semantics of Python's `re.Pattern`.
///
/// Strings are arrays of code points and positions count code points, as Python's
/// `str` indexes. Matching is backtracking (leftmost-first, like `_sre`) with an
/// explicit stack, so no pattern or input can overflow the call stack. Immutable after
/// `init` (each call makes its own matcher state), hence safe to share across threads.
public final class PyRegex: @unchecked Sendable {
    /// The pattern source (`p.pattern`).
    public let pattern: String
    /// The flags as Python reports them (`p.flags`: UNICODE is added unless ASCII).
    public let flags: PyRegexFlags
    /// The number of capturing groups (`p.groups`).
    public let groupCount: Int
    /// Group names to numbers (`p.groupindex`).
    public let groupIndex: [String: Int]
    let program: RegexProgram

    /// Compiles `pattern`, throwing Python's `re.error` (or OverflowError/ValueError).
    public init(_ pattern: String, flags: PyRegexFlags = []) throws(PyRegexError) {
        let parsed = try RegexParser.parse(Array(pattern.unicodeScalars), flags: flags)
        self.program = try RegexCompiler.compile(parsed)
        self.pattern = pattern
        self.flags = parsed.state.flags
        self.groupCount = parsed.state.groups - 1
        self.groupIndex = parsed.state.groupIndex
    }

    /// `re.compile(pattern, flags)`: a cached compiled pattern (LRU of `PyRegexCache.capacity`).
    public static func compile(_ pattern: String, flags: PyRegexFlags = []) throws(PyRegexError) -> PyRegex {
        try PyRegexCache.shared.regex(pattern, flags: flags)
    }

    // MARK: Matching

    /// Python's clamping of `pos` and `endpos` to the string.
    private func bounds(_ count: Int, _ pos: Int, _ endpos: Int?) -> (Int, Int) {
        let start = min(max(pos, 0), count)
        let end = min(max(endpos ?? count, 0), count)
        return (start, end)
    }

    private func first(_ s: [Unicode.Scalar], pos: Int, endpos: Int?,
                       anchoring: RegexAnchoring) throws(PyRegexError) -> PyMatch? {
        let (start, end) = bounds(s.count, pos, endpos)
        guard start <= end else { return nil }
        return try withText(s) { text throws(PyRegexError) -> PyMatch? in
            var matcher = RegexMatcher(program: program, text: text, end: end)
            matcher.anchoring = anchoring
            guard let (matchStart, matchEnd) = try matcher.find(from: start) else { return nil }
            return PyMatch(string: s, regex: self, pos: start, endpos: end, start: matchStart, end: matchEnd,
                           slots: matcher.slots, lastIndex: matcher.lastIndex)
        }
    }

    /// `p.match(s, pos, endpos)`: a match starting exactly at `pos`.
    public func match(_ s: [Unicode.Scalar], pos: Int = 0, endpos: Int? = nil) throws(PyRegexError) -> PyMatch? {
        try first(s, pos: pos, endpos: endpos, anchoring: .match)
    }

    /// `p.search(s, pos, endpos)`: the first match starting at or after `pos`.
    public func search(_ s: [Unicode.Scalar], pos: Int = 0, endpos: Int? = nil) throws(PyRegexError) -> PyMatch? {
        try first(s, pos: pos, endpos: endpos, anchoring: .search)
    }

    /// `p.fullmatch(s, pos, endpos)`: a match covering `pos..<endpos` exactly.
    public func fullmatch(_ s: [Unicode.Scalar], pos: Int = 0, endpos: Int? = nil) throws(PyRegexError) -> PyMatch? {
        try first(s, pos: pos, endpos: endpos, anchoring: .fullMatch)
    }

    /// Calls `body` for each successive match in `start..<end` (the scanning loop of
    /// `findall`, `finditer`, `sub`, `split`); an empty match is never followed by
    /// another empty match at the same place. `body` returns false to stop.
    private func scan(_ s: [Unicode.Scalar], start: Int, end: Int,
                      _ body: (inout RegexMatcher, Int, Int) throws -> Bool) throws {
        guard start <= end else { return }
        try withText(s) { text in
            var matcher = RegexMatcher(program: program, text: text, end: end)
            var position = start
            while position <= end {
                matcher.searchStart = position
                guard let (matchStart, matchEnd) = try matcher.find(from: position) else { return }
                if try !body(&matcher, matchStart, matchEnd) { return }
                matcher.mustAdvance = matchEnd == matchStart
                position = matchEnd
            }
        }
    }

    /// Runs `body` with the code points as a buffer of `UInt32` values.
    private func withText<R, E: Error>(_ s: [Unicode.Scalar],
                                       _ body: (UnsafeBufferPointer<UInt32>) throws(E) -> R) throws(E) -> R {
        try s.withUnsafeBufferPointer { (scalars) throws(E) -> R in
            try scalars.withMemoryRebound(to: UInt32.self) { (text) throws(E) -> R in try body(text) }
        }
    }

    /// Rethrows a `scan` error, which can only be a `PyRegexError` when `body` throws none.
    private func typed(_ work: () throws -> Void) throws(PyRegexError) {
        do {
            try work()
        } catch let error as PyRegexError {
            throw error
        } catch {
            throw PyRegexError(kind: .valueError, String(describing: error))
        }
    }

    /// `p.findall(s, pos, endpos)`.
    public func findall(_ s: [Unicode.Scalar], pos: Int = 0, endpos: Int? = nil) throws(PyRegexError) -> [PyFindallItem] {
        let (start, end) = bounds(s.count, pos, endpos)
        var items: [PyFindallItem] = []
        let groups = groupCount
        try typed {
            try scan(s, start: start, end: end) { matcher, matchStart, matchEnd in
                func text(_ g: Int) -> [Unicode.Scalar] {
                    let a = matcher.slots[2 * g - 2]
                    let b = matcher.slots[2 * g - 1]
                    return a >= 0 && b >= a ? Array(s[a..<b]) : []
                }
                switch groups {
                case 0: items.append(.string(Array(s[matchStart..<matchEnd])))
                case 1: items.append(.string(text(1)))
                default: items.append(.tuple((1...groups).map(text)))
                }
                return true
            }
        }
        return items
    }

    /// `p.finditer(s, pos, endpos)`, collected.
    public func finditer(_ s: [Unicode.Scalar], pos: Int = 0, endpos: Int? = nil) throws(PyRegexError) -> [PyMatch] {
        let (start, end) = bounds(s.count, pos, endpos)
        var matches: [PyMatch] = []
        try typed {
            try scan(s, start: start, end: end) { matcher, matchStart, matchEnd in
                matches.append(PyMatch(string: s, regex: self, pos: start, endpos: end, start: matchStart,
                                       end: matchEnd, slots: matcher.slots, lastIndex: matcher.lastIndex))
                return true
            }
        }
        return matches
    }

    /// `p.split(s, maxsplit)`: the pieces between matches, with every group's text (nil
    /// for groups that did not match) inserted after each piece; `maxsplit` 0 means all.
    public func split(_ s: [Unicode.Scalar], maxsplit: Int = 0) throws(PyRegexError) -> [[Unicode.Scalar]?] {
        var pieces: [[Unicode.Scalar]?] = []
        if maxsplit < 0 { return [s] }
        var last = 0
        var count = 0
        let groups = groupCount
        try typed {
            try scan(s, start: 0, end: s.count) { matcher, matchStart, matchEnd in
                if maxsplit > 0 && count >= maxsplit { return false }
                pieces.append(Array(s[last..<matchStart]))
                for g in stride(from: 1, through: groups, by: 1) {
                    let a = matcher.slots[2 * g - 2]
                    let b = matcher.slots[2 * g - 1]
                    pieces.append(a >= 0 && b >= a ? Array(s[a..<b]) : nil)
                }
                count += 1
                last = matchEnd
                return true
            }
        }
        pieces.append(Array(s[last...]))
        return pieces
    }

    /// `p.subn(repl, s, count)` with a template string (`\1`, `\g<name>`, `\n` escapes).
    public func subn(_ repl: String, _ s: [Unicode.Scalar], count: Int = 0) throws(PyRegexError) -> ([Unicode.Scalar], Int) {
        let template = try RegexTemplate(Array(repl.unicodeScalars), groupCount: groupCount, groupIndex: groupIndex)
        var result: [Unicode.Scalar] = []
        var replaced = 0
        try typed {
            replaced = try substitute(s, count: count, into: &result) { match, out in
                template.expand(match, into: &out)
            }
        }
        return (result, replaced)
    }

    /// `p.sub(repl, s, count)` with a template string.
    public func sub(_ repl: String, _ s: [Unicode.Scalar], count: Int = 0) throws(PyRegexError) -> [Unicode.Scalar] {
        try subn(repl, s, count: count).0
    }

    /// `p.subn(function, s, count)`: `repl` is called with each match and returns its
    /// replacement; errors it throws propagate unchanged.
    public func subn(_ s: [Unicode.Scalar], count: Int = 0,
                     _ repl: (PyMatch) throws -> String) throws -> ([Unicode.Scalar], Int) {
        var result: [Unicode.Scalar] = []
        let replaced = try substitute(s, count: count, into: &result) { match, out in
            out.append(contentsOf: try repl(match).unicodeScalars)
        }
        return (result, replaced)
    }

    /// `p.sub(function, s, count)`.
    public func sub(_ s: [Unicode.Scalar], count: Int = 0,
                    _ repl: (PyMatch) throws -> String) throws -> [Unicode.Scalar] {
        try subn(s, count: count, repl).0
    }

    private func substitute(_ s: [Unicode.Scalar], count: Int, into result: inout [Unicode.Scalar],
                            _ replacement: (PyMatch, inout [Unicode.Scalar]) throws -> Void) throws -> Int {
        if count < 0 {
            result = s
            return 0
        }
        var last = 0
        var replaced = 0
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        try scan(s, start: 0, end: s.count) { matcher, matchStart, matchEnd in
            if count > 0 && replaced >= count { return false }
            out.append(contentsOf: s[last..<matchStart])
            let match = PyMatch(string: s, regex: self, pos: 0, endpos: s.count, start: matchStart,
                                end: matchEnd, slots: matcher.slots, lastIndex: matcher.lastIndex)
            try replacement(match, &out)
            last = matchEnd
            replaced += 1
            return true
        }
        out.append(contentsOf: s[last...])
        result = out
        return replaced
    }

    /// `re.escape(s)`: backslashes before `()[]{}?*+-|^$\.&~#`, space and `\t\n\r\v\f`.
    public static func escape(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if "()[]{}?*+-|^$\\.&~# \t\n\r\u{0B}\u{0C}".unicodeScalars.contains(c) { out.append("\\") }
            out.append(c)
        }
        return String(out)
    }
}

/// The compiled-pattern cache behind `PyRegex.compile`: least recently used patterns
/// are dropped past `capacity`, as Python's `re._cache`.
public final class PyRegexCache: @unchecked Sendable {
    public static let shared = PyRegexCache(capacity: 128)

    private struct Key: Hashable {
        let pattern: String
        let flags: Int
    }

    public let capacity: Int
    private var entries: [Key: PyRegex] = [:]
    private var order: [Key] = []
    private let lock = NSLock()

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    public func regex(_ pattern: String, flags: PyRegexFlags) throws(PyRegexError) -> PyRegex {
        let key = Key(pattern: pattern, flags: flags.rawValue)
        lock.lock()
        if let found = entries[key] {
            if let index = order.firstIndex(of: key) {
                order.remove(at: index)
                order.append(key)
            }
            lock.unlock()
            return found
        }
        lock.unlock()
        let compiled = try PyRegex(pattern, flags: flags)
        lock.lock()
        defer { lock.unlock() }
        if entries[key] == nil {
            entries[key] = compiled
            order.append(key)
            if order.count > capacity {
                entries[order.removeFirst()] = nil
            }
        }
        return compiled
    }
}
