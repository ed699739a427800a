// A match object of the lesson language's `re` module (`re.Match`): spans and texts of
// the groups of one successful match.

/// The result of a successful `match`/`search`/`fullmatch`, as Python's `re.Match`.
///
/// Groups are numbered from 0 (the whole match) to `regex.groupCount`; a group that did
/// not take part in the match has no range (`group` returns nil, `span` (-1, -1)).
/// Immutable, hence safe to share across threads.
public final class PyMatch: @unchecked Sendable {
    /// The searched text (Python's `m.string`).
    public let string: [Unicode.Scalar]
    public let regex: PyRegex
    /// The `pos` and `endpos` the search was given.
    public let pos: Int
    public let endpos: Int
    /// `spans[2g]`, `spans[2g+1]`: start and end of group g, -1 when unset.
    private let spans: [Int]
    /// The number of the last closed group (`m.lastindex`), nil when none.
    public let lastindex: Int?

    init(string: [Unicode.Scalar], regex: PyRegex, pos: Int, endpos: Int,
         start: Int, end: Int, slots: [Int], lastIndex: Int) {
        self.string = string
        self.regex = regex
        self.pos = pos
        self.endpos = endpos
        var spans = [start, end]
        spans.reserveCapacity(2 + slots.count)
        var g = 0
        while g + 1 < slots.count {
            let a = slots[g]
            let b = slots[g + 1]
            if a >= 0 && b >= 0 && a <= b {
                spans.append(a)
                spans.append(b)
            } else {
                spans.append(-1)
                spans.append(-1)
            }
            g += 2
        }
        self.spans = spans
        self.lastindex = lastIndex > 0 ? lastIndex : nil
    }

    /// The name of the last closed group (`m.lastgroup`).
    public var lastgroup: String? {
        guard let lastindex else { return nil }
        return regex.groupIndex.first { $0.value == lastindex }?.key
    }

    /// The group number for an index, or `IndexError: no such group`.
    public func groupNumber(_ index: Int) throws(PyRegexError) -> Int {
        guard index >= 0 && index <= regex.groupCount else {
            throw PyRegexError(kind: .indexError, "no such group")
        }
        return index
    }

    /// The group number for a name, or `IndexError: no such group`.
    public func groupNumber(named name: String) throws(PyRegexError) -> Int {
        guard let index = regex.groupIndex[name] else {
            throw PyRegexError(kind: .indexError, "no such group")
        }
        return index
    }

    /// The code-point range of group `index` (must be valid), nil when it did not match.
    public func range(_ index: Int) -> Range<Int>? {
        guard index >= 0 && index <= regex.groupCount else { return nil }
        let start = spans[2 * index]
        let end = spans[2 * index + 1]
        return start >= 0 ? start..<end : nil
    }

    /// `m.span(g)`: (-1, -1) when the group did not match.
    public func span(_ index: Int = 0) throws(PyRegexError) -> (Int, Int) {
        let g = try groupNumber(index)
        return (spans[2 * g], spans[2 * g + 1])
    }

    public func start(_ index: Int = 0) throws(PyRegexError) -> Int { try span(index).0 }
    public func end(_ index: Int = 0) throws(PyRegexError) -> Int { try span(index).1 }

    /// `m.group(g)`: the text of group g, nil (Python None) when it did not match.
    public func group(_ index: Int = 0) throws(PyRegexError) -> [Unicode.Scalar]? {
        guard let range = range(try groupNumber(index)) else { return nil }
        return Array(string[range])
    }

    /// `m.group("name")`.
    public func group(named name: String) throws(PyRegexError) -> [Unicode.Scalar]? {
        try group(try groupNumber(named: name))
    }

    /// `m.groups(default)`: groups 1...n; `defaultValue` for those that did not match.
    public func groups(default defaultValue: [Unicode.Scalar]? = nil) -> [[Unicode.Scalar]?] {
        guard regex.groupCount > 0 else { return [] }
        return (1...regex.groupCount).map { index in
            guard let range = range(index) else { return defaultValue }
            return Array(string[range])
        }
    }

    /// `m.groupdict(default)`: named groups in the order of their numbers.
    public func groupdict(default defaultValue: [Unicode.Scalar]? = nil) -> [(name: String, value: [Unicode.Scalar]?)] {
        regex.groupIndex.sorted { $0.value < $1.value }.map { name, index in
            guard let range = range(index) else { return (name, defaultValue) }
            return (name, Array(string[range]))
        }
    }

    /// `m.expand(template)`: the template with `\1`, `\g<name>` replaced.
    public func expand(_ template: String) throws(PyRegexError) -> [Unicode.Scalar] {
        let parsed = try RegexTemplate(Array(template.unicodeScalars), groupCount: regex.groupCount,
                                       groupIndex: regex.groupIndex)
        var out: [Unicode.Scalar] = []
        parsed.expand(self, into: &out)
        return out
    }
}
