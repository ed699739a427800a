// Tests of the regex engine behind the lesson language's `re` module: every case of
// RegexFixtures (CPython 3.11 results) and the book's chapter 2 tokenizer on the-verdict.

import PyRegex
import Testing

/// Renders values the way make_regex_fixtures.py's `show` does.
enum RegexRender {
    static func string(_ s: [Unicode.Scalar]?) -> String {
        guard let s else { return "None" }
        var out = "'"
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case "'": out += "\\'"
            default:
                if c.value >= 32 && c.value < 127 {
                    out.unicodeScalars.append(c)
                } else {
                    out += "\\u{" + String(c.value, radix: 16) + "}"
                }
            }
        }
        return out + "'"
    }

    static func string(_ s: String) -> String { string(Array(s.unicodeScalars)) }

    static func list(_ items: [String]) -> String { "[" + items.joined(separator: ", ") + "]" }
    static func tuple(_ items: [String]) -> String { "(" + items.joined(separator: ", ") + ")" }
    static func span(_ span: (Int, Int)) -> String { tuple([String(span.0), String(span.1)]) }

    static func match(_ m: PyMatch?) throws -> String {
        guard let m else { return "None" }
        let groups = 0...m.regex.groupCount
        let spans = list(try groups.map { span(try m.span($0)) })
        let texts = list(try groups.map { string(try m.group($0)) })
        let lastIndex = m.lastindex.map(String.init) ?? "None"
        let lastGroup = m.lastgroup.map { string($0) } ?? "None"
        let dict = list(m.groupdict().map { tuple([string($0.name), string($0.value)]) })
        return "\(spans) \(texts) \(lastIndex) \(lastGroup) \(dict)"
    }

    static func findall(_ items: [PyFindallItem]) -> String {
        list(items.map { item in
            switch item {
            case .string(let s): return string(s)
            case .tuple(let parts): return tuple(parts.map { string($0) })
            }
        })
    }

    static func error(_ error: PyRegexError) -> String {
        "\(error.kind.rawValue): \(error.message)"
    }
}

/// Runs one fixture case and renders its result or error.
func runRegexFixture(_ fixture: RegexFixture) -> String {
    let s = Array(fixture.string.unicodeScalars)
    let endpos: Int? = fixture.endpos < 0 ? nil : fixture.endpos
    do {
        let regex = try PyRegex(fixture.pattern, flags: PyRegexFlags(rawValue: fixture.flags))
        switch fixture.operation {
        case "compile":
            let names = regex.groupIndex.sorted { $0.key < $1.key }
                .map { RegexRender.tuple([RegexRender.string($0.key), String($0.value)]) }
            return RegexRender.list([String(regex.groupCount), RegexRender.list(names), String(regex.flags.rawValue)])
        case "match":
            return try RegexRender.match(try regex.match(s, pos: fixture.pos, endpos: endpos))
        case "search":
            return try RegexRender.match(try regex.search(s, pos: fixture.pos, endpos: endpos))
        case "fullmatch":
            return try RegexRender.match(try regex.fullmatch(s, pos: fixture.pos, endpos: endpos))
        case "findall":
            return RegexRender.findall(try regex.findall(s, pos: fixture.pos, endpos: endpos))
        case "finditer":
            return RegexRender.list(try regex.finditer(s).map { RegexRender.span(try $0.span()) })
        case "split":
            return RegexRender.list(try regex.split(s, maxsplit: fixture.count).map { RegexRender.string($0) })
        case "sub":
            return RegexRender.string(try regex.sub(fixture.text, s, count: fixture.count))
        case "subn":
            let (result, n) = try regex.subn(fixture.text, s, count: fixture.count)
            return RegexRender.tuple([RegexRender.string(result), String(n)])
        case "escape":
            return RegexRender.string(PyRegex.escape(fixture.string))
        case "subfn":
            let (result, n) = try regex.subn(s) { m in
                let text = String(String.UnicodeScalarView(((try m.group()) ?? []).reversed()))
                return "<\(text)|\(try m.start())|\(m.lastindex.map(String.init) ?? "None")>"
            }
            return RegexRender.tuple([RegexRender.string(result), String(n)])
        case "groupsdefault":
            guard let m = try regex.match(s) else { return "no match" }
            let dash: [Unicode.Scalar] = ["-"]
            let groups = RegexRender.tuple(m.groups(default: dash).map { RegexRender.string($0) })
            let dict = RegexRender.list(m.groupdict(default: dash).map {
                RegexRender.tuple([RegexRender.string($0.name), RegexRender.string($0.value)])
            })
            return RegexRender.list([groups, dict])
        case "template":
            guard let m = try regex.match(s) else { return "no match" }
            return RegexRender.string(try m.expand(fixture.text))
        default:
            return "unknown operation \(fixture.operation)"
        }
    } catch let error as PyRegexError {
        return RegexRender.error(error)
    } catch {
        return "unexpected error \(error)"
    }
}

@Suite("Regex engine against CPython 3.11")
struct RegexFixtureTests {
    @Test("fixture", arguments: RegexFixtures.cases)
    func fixture(_ fixture: RegexFixture) {
        #expect(runRegexFixture(fixture) == fixture.expected)
    }
}
