// str and bytes methods (split, join, strip, replace, find, format, ...), with CPython's
// semantics (code-point indexing, whitespace rules, error messages).
import Foundation

func isPythonSpace(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0: return true
    default: return c.value > 0x7F && c.properties.isWhitespace
    }
}

enum StringMethods {
    static func selfString(_ args: Arguments, _ method: String) throws -> String {
        guard case .str(let s)? = args.positional.first else {
            throw PyException.typeError("descriptor '\(method)' for 'str' objects doesn't apply to a '\(args.positional.first?.typeName ?? "NoneType")' object")
        }
        return s
    }

    static func argString(_ args: Arguments, _ index: Int, _ method: String, keyword: String? = nil) throws -> String? {
        var v: Value?
        if index < args.positional.count { v = args.positional[index] } else if let k = keyword { v = args.keyword(k) }
        guard let value = v else { return nil }
        if case .none = value { return nil }
        guard case .str(let s) = value else {
            throw PyException.typeError("must be str or None, not \(value.typeName)")
        }
        return s
    }

    static func argInt(_ args: Arguments, _ index: Int, keyword: String? = nil) throws -> Int? {
        var v: Value?
        if index < args.positional.count { v = args.positional[index] } else if let k = keyword { v = args.keyword(k) }
        guard let value = v else { return nil }
        if case .none = value { return nil }
        guard let i = try indexValue(value) else {
            throw PyException.typeError("'\(value.typeName)' object cannot be interpreted as an integer")
        }
        return i
    }

    static func makeString<S: Sequence>(_ scalars: S) -> String where S.Element == Unicode.Scalar {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        return String(view)
    }

    /// `str.split(sep=None, maxsplit=-1)`.
    static func split(_ s: String, _ sep: String?, _ maxSplit: Int) throws -> [String] {
        var result: [String] = []
        if let sep = sep {
            if sep.isEmpty { throw PyException.valueError("empty separator") }
            let hay = Array(s.utf8), needle = Array(sep.utf8)
            let n = needle.count
            var start = 0, i = 0
            while i + n <= hay.count && (maxSplit < 0 || result.count < maxSplit) {
                if hay[i] == needle[0] && (n == 1 || hay[i..<i + n].elementsEqual(needle)) {
                    result.append(String(decoding: hay[start..<i], as: UTF8.self))
                    i += n
                    start = i
                } else {
                    i += 1
                }
            }
            result.append(String(decoding: hay[start...], as: UTF8.self))
            return result
        }
        let scalars = Array(s.unicodeScalars)
        var i = 0
        while i < scalars.count {
            while i < scalars.count, isPythonSpace(scalars[i]) { i += 1 }
            if i >= scalars.count { break }
            if maxSplit >= 0 && result.count >= maxSplit {
                var end = scalars.count
                while end > i, isPythonSpace(scalars[end - 1]) { end -= 1 }
                result.append(makeString(scalars[i..<end]))
                break
            }
            let start = i
            while i < scalars.count, !isPythonSpace(scalars[i]) { i += 1 }
            result.append(makeString(scalars[start..<i]))
        }
        return result
    }

    static func rsplit(_ s: String, _ sep: String?, _ maxSplit: Int) throws -> [String] {
        if maxSplit < 0 { return try split(s, sep, -1) }
        let reversedText = makeString(s.unicodeScalars.reversed())
        let reversedSep = sep.map { makeString($0.unicodeScalars.reversed()) }
        return try split(reversedText, reversedSep, maxSplit).map { makeString($0.unicodeScalars.reversed()) }.reversed()
    }

    static func strip(_ s: String, _ chars: String?, left: Bool, right: Bool) -> String {
        let scalars = Array(s.unicodeScalars)
        let set = chars.map { Set($0.unicodeScalars) }
        func strippable(_ c: Unicode.Scalar) -> Bool { set?.contains(c) ?? isPythonSpace(c) }
        var start = 0, end = scalars.count
        if left { while start < end, strippable(scalars[start]) { start += 1 } }
        if right { while end > start, strippable(scalars[end - 1]) { end -= 1 } }
        return makeString(scalars[start..<end])
    }

    /// Resolves `start`/`end` arguments to scalar offsets.
    static func bounds(_ count: Int, _ start: Int?, _ end: Int?) -> (Int, Int) {
        func clamp(_ v: Int) -> Int { v < 0 ? max(0, v + count) : min(v, count) }
        return (clamp(start ?? 0), clamp(end ?? count))
    }

    static func find(_ s: String, _ sub: String, _ start: Int?, _ end: Int?, reverse: Bool) -> Int {
        let hay = Array(s.unicodeScalars), needle = Array(sub.unicodeScalars)
        let (lo, hi) = bounds(hay.count, start, end)
        if hi - lo < needle.count { return -1 }
        let positions = lo...(hi - needle.count)
        let ordered: [Int] = reverse ? positions.reversed() : Array(positions)
        for i in ordered where needle.isEmpty || (hay[i] == needle[0] && Array(hay[i..<i + needle.count]) == needle) {
            return i
        }
        return -1
    }

    static func count(_ s: String, _ sub: String, _ start: Int?, _ end: Int?) -> Int {
        let hay = Array(s.unicodeScalars), needle = Array(sub.unicodeScalars)
        let (lo, hi) = bounds(hay.count, start, end)
        if needle.isEmpty { return max(0, hi - lo + 1) }
        var i = lo, n = 0
        while i + needle.count <= hi {
            if hay[i] == needle[0] && Array(hay[i..<i + needle.count]) == needle {
                n += 1
                i += needle.count
            } else {
                i += 1
            }
        }
        return n
    }

    static func predicate(_ c: PyClass, _ name: String, _ test: @escaping (String) -> Bool) {
        c.method(name) { args in .bool(test(try selfString(args, name))) }
    }

    static func isCased(_ c: Unicode.Scalar) -> Bool { c.properties.isUppercase || c.properties.isLowercase }

    static func title(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCased = false
        for c in s.unicodeScalars {
            let text = previousCased ? String(c).lowercased() : String(c).uppercased()
            out.append(contentsOf: text.unicodeScalars)
            previousCased = isCased(c) || c.properties.isAlphabetic && c.properties.generalCategory == .otherLetter ? isCased(c) : isCased(c)
        }
        return String(out)
    }

    static func pad(_ args: Arguments, _ name: String, _ body: (String, Int, Character) -> String) throws -> Value {
        let s = try selfString(args, name)
        guard let width = try argInt(args, 1) else { throw PyException.typeError("\(name)() takes at least 1 argument (0 given)") }
        var fill: Character = " "
        if let f = try argString(args, 2, name) {
            guard f.unicodeScalars.count == 1, let ch = f.first else {
                throw PyException.typeError("The fill character must be exactly one character long")
            }
            fill = ch
        }
        // MemoryError, not a crash, for `'x'.ljust(10**11)`.
        if width > s.unicodeScalars.count { try checkAllocation(elements: width, elementSize: fill.utf8.count) }
        return .str(body(s, width, fill))
    }

    static func install(_ c: PyClass) {
        c.constructor = { _, args in
            if args.positional.isEmpty, args.keywords.isEmpty { return .str("") }
            let value = args.positional.first ?? args.keyword("object") ?? .str("")
            if case .object(let o) = value, let b = o as? PyBytes, args.positional.count > 1 || args.keyword("encoding") != nil {
                return .str(String(decoding: b.bytes, as: UTF8.self))
            }
            return .str(try str(value))
        }
        c.method("split") { args in
            let s = try selfString(args, "split")
            let parts = try split(s, try argString(args, 1, "split", keyword: "sep"), try argInt(args, 2, keyword: "maxsplit") ?? -1)
            return .list(parts.map { .str($0) })
        }
        c.method("rsplit") { args in
            let s = try selfString(args, "rsplit")
            let parts = try rsplit(s, try argString(args, 1, "rsplit", keyword: "sep"), try argInt(args, 2, keyword: "maxsplit") ?? -1)
            return .list(parts.map { .str($0) })
        }
        c.method("splitlines") { args in
            let s = try selfString(args, "splitlines")
            let keep = try args.positional.count > 1 ? isTruthy(args[1]) : isTruthy(args.keyword("keepends") ?? .false)
            var lines: [String] = []
            var current = String.UnicodeScalarView()
            let scalars = Array(s.unicodeScalars)
            var i = 0
            while i < scalars.count {
                let ch = scalars[i]
                let isBreak = ch == "\n" || ch == "\r" || ch == "\u{0B}" || ch == "\u{0C}" || ch == "\u{1C}" || ch == "\u{1D}"
                    || ch == "\u{1E}" || ch == "\u{85}" || ch == "\u{2028}" || ch == "\u{2029}"
                if isBreak {
                    var ending = String.UnicodeScalarView([ch])
                    if ch == "\r", i + 1 < scalars.count, scalars[i + 1] == "\n" {
                        ending.append("\n")
                        i += 1
                    }
                    if keep { current.append(contentsOf: ending) }
                    lines.append(String(current))
                    current = String.UnicodeScalarView()
                } else {
                    current.append(ch)
                }
                i += 1
            }
            if !current.isEmpty { lines.append(String(current)) }
            return .list(lines.map { .str($0) })
        }
        c.method("join") { args in
            let s = try selfString(args, "join")
            guard args.count == 2 else { throw PyException.typeError("str.join() takes exactly one argument (\(args.count - 1) given)") }
            var out = ""
            var index = 0
            var source = args[1]
            switch source {
            case .str: break
            case .object(let o) where o is PyList || o is PyTuple:
                // The whole length first: `''.join(['x' * 10**7] * 10**6)` is refused at once.
                let items = (o as? PyList)?.items ?? (o as? PyTuple)?.items ?? []
                var total = Double(s.utf8.count) * Double(max(items.count - 1, 0))
                for case .str(let piece) in items { total += Double(piece.utf8.count) }
                if total > 0x1p20 { try checkAllocation(elements: total < 0x1p62 ? Int(total) : Int.max, elementSize: 1) }
            default:
                do { source = .object(try makeIterator(source)) } catch let e as PyException where e.cls === BuiltinTypes.typeError {
                    throw PyException.typeError("can only join an iterable")
                }
            }
            try forEach(source) { item in
                guard case .str(let piece) = item else {
                    throw PyException.typeError("sequence item \(index): expected str instance, \(item.typeName) found")
                }
                // MemoryError, not a crash, when the joined text outgrows memory.
                let grown = out.utf8.count + s.utf8.count + piece.utf8.count
                if grown > 1 << 20 { try checkAllocation(elements: grown, elementSize: 1) }
                if index > 0 { out += s }
                out += piece
                index += 1
            }
            return .str(out)
        }
        c.method("strip") { args in .str(strip(try selfString(args, "strip"), try argString(args, 1, "strip"), left: true, right: true)) }
        c.method("lstrip") { args in .str(strip(try selfString(args, "lstrip"), try argString(args, 1, "lstrip"), left: true, right: false)) }
        c.method("rstrip") { args in .str(strip(try selfString(args, "rstrip"), try argString(args, 1, "rstrip"), left: false, right: true)) }
        c.method("replace") { args in
            let s = try selfString(args, "replace")
            guard let old = try argString(args, 1, "replace"), let new = try argString(args, 2, "replace") else {
                throw PyException.typeError("replace expected at least 2 arguments, got \(args.count - 1)")
            }
            let limit = try argInt(args, 3, keyword: "count") ?? -1
            if limit < 0 {
                if old.isEmpty {
                    var out = new
                    for ch in s.unicodeScalars { out.unicodeScalars.append(ch); out += new }
                    return .str(out)
                }
                return .str(s.replacingOccurrences(of: old, with: new))
            }
            var parts = try split(s, old.isEmpty ? nil : old, limit)
            if old.isEmpty { parts = [s] }
            return .str(parts.joined(separator: new))
        }
        for (name, isStart) in [("startswith", true), ("endswith", false)] {
            c.method(name) { args in
                let s = try selfString(args, name)
                guard args.count >= 2 else { throw PyException.typeError("\(name)() takes at least 1 argument (0 given)") }
                let scalars = Array(s.unicodeScalars)
                let (lo, hi) = bounds(scalars.count, try argInt(args, 2), try argInt(args, 3))
                let window = lo <= hi ? Array(scalars[lo..<hi]) : []
                var candidates: [String] = []
                if case .str(let p) = args[1] { candidates = [p] } else if case .object(let o) = args[1], let t = o as? PyTuple {
                    for item in t.items {
                        guard case .str(let p) = item else {
                            throw PyException.typeError("tuple for \(name) must only contain str, not \(item.typeName)")
                        }
                        candidates.append(p)
                    }
                } else {
                    throw PyException.typeError("\(name) first arg must be str or a tuple of str, not \(args[1].typeName)")
                }
                for p in candidates {
                    let ps = Array(p.unicodeScalars)
                    if ps.count <= window.count && (isStart ? Array(window.prefix(ps.count)) == ps : Array(window.suffix(ps.count)) == ps) {
                        return .true
                    }
                }
                return .false
            }
        }
        c.method("lower") { args in .str(try selfString(args, "lower").lowercased()) }
        c.method("upper") { args in .str(try selfString(args, "upper").uppercased()) }
        c.method("casefold") { args in
            .str(try selfString(args, "casefold").lowercased().replacingOccurrences(of: "ß", with: "ss"))
        }
        c.method("translate") { args in
            let s = try selfString(args, "translate")
            try args.expectCount("translate", 2...2)
            var out = ""
            for scalar in s.unicodeScalars {
                let mapped: Value
                do { mapped = try getItem(args[1], .int(Int(scalar.value))) } catch let e as PyException where e.cls.isSubclass(of: BuiltinTypes.exception("LookupError")) {
                    out.unicodeScalars.append(scalar)
                    continue
                }
                switch mapped {
                case .none: break
                case .str(let r): out += r
                case .int(let i):
                    guard let u = Unicode.Scalar(UInt32(clamping: max(i, 0))), i >= 0, i < 0x110000 else {
                        throw PyException.valueError("character mapping must be in range(0x110000)")
                    }
                    out.unicodeScalars.append(u)
                default: throw PyException.typeError("character mapping must return integer, None or str")
                }
            }
            return .str(out)
        }
        c.dict["maketrans"] = .object(PyStaticMethod(.object(PyBuiltinFunction(name: "maketrans") { args in
            try args.expectCount("maketrans", 1...3)
            let table = PyDict()
            if args.count == 1 {
                guard case .object(let o) = args[0], let d = o as? PyDict else {
                    throw PyException.typeError("if you give only one argument to maketrans it must be a dict")
                }
                for (k, v) in d.entries {
                    switch k {
                    case .int: try table.set(k, v)
                    case .str(let key) where key.unicodeScalars.count == 1:
                        try table.set(.int(Int(key.unicodeScalars.first?.value ?? 0)), v)
                    default: throw PyException.valueError("string keys in translate table must be of length 1")
                    }
                }
                return .object(table)
            }
            guard case .str(let from) = args[0], case .str(let to) = args[1] else {
                throw PyException.typeError("maketrans() arguments must be str")
            }
            let a = Array(from.unicodeScalars), b = Array(to.unicodeScalars)
            guard a.count == b.count else { throw PyException.valueError("the first two maketrans arguments must have equal length") }
            for (x, y) in zip(a, b) { try table.set(.int(Int(x.value)), .int(Int(y.value))) }
            if args.count == 3, case .str(let drop) = args[2] {
                for x in drop.unicodeScalars { try table.set(.int(Int(x.value)), .none) }
            }
            return .object(table)
        })))
        c.method("swapcase") { args in
            .str(makeString(try selfString(args, "swapcase").unicodeScalars.flatMap { ch -> [Unicode.Scalar] in
                let t = ch.properties.isUppercase ? String(ch).lowercased() : ch.properties.isLowercase ? String(ch).uppercased() : String(ch)
                return Array(t.unicodeScalars)
            }))
        }
        c.method("title") { args in .str(title(try selfString(args, "title"))) }
        c.method("capitalize") { args in
            let s = try selfString(args, "capitalize")
            guard let first = s.unicodeScalars.first else { return .str("") }
            return .str(String(first).uppercased() + makeString(s.unicodeScalars.dropFirst()).lowercased())
        }
        for (name, reverse) in [("find", false), ("rfind", true), ("index", false), ("rindex", true)] {
            c.method(name) { args in
                let s = try selfString(args, name)
                guard let sub = try argString(args, 1, name) else {
                    throw PyException.typeError("\(name)() takes at least 1 argument (0 given)")
                }
                let i = find(s, sub, try argInt(args, 2), try argInt(args, 3), reverse: reverse)
                if i < 0 && name.hasSuffix("index") { throw PyException.valueError("substring not found") }
                return .int(i)
            }
        }
        c.method("count") { args in
            let s = try selfString(args, "count")
            guard let sub = try argString(args, 1, "count") else { throw PyException.typeError("count() takes at least 1 argument (0 given)") }
            return .int(count(s, sub, try argInt(args, 2), try argInt(args, 3)))
        }
        predicate(c, "isdigit") { s in !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal || $0.properties.numericType == .digit } }
        predicate(c, "isdecimal") { s in !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal } }
        predicate(c, "isnumeric") { s in !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType != nil } }
        predicate(c, "isalpha") { s in !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic } }
        predicate(c, "isalnum") { s in !s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil } }
        predicate(c, "isspace") { s in !s.isEmpty && s.unicodeScalars.allSatisfy(isPythonSpace) }
        predicate(c, "isascii") { s in s.unicodeScalars.allSatisfy { $0.isASCII } }
        predicate(c, "isupper") { s in
            s.unicodeScalars.contains { $0.properties.isUppercase } && !s.unicodeScalars.contains { $0.properties.isLowercase }
        }
        predicate(c, "islower") { s in
            s.unicodeScalars.contains { $0.properties.isLowercase } && !s.unicodeScalars.contains { $0.properties.isUppercase }
        }
        predicate(c, "istitle") { s in s == title(s) && s.unicodeScalars.contains(where: isCased) }
        predicate(c, "isidentifier") { s in
            guard let f = s.unicodeScalars.first, f == "_" || f.properties.isXIDStart else { return false }
            return s.unicodeScalars.dropFirst().allSatisfy { $0 == "_" || $0.properties.isXIDContinue }
        }
        predicate(c, "isprintable") { s in s.unicodeScalars.allSatisfy(isPrintable) }
        c.method("format") { args in
            let s = try selfString(args, "format")
            return .str(try strFormat(s, Arguments(Array(args.positional.dropFirst()), args.keywords)))
        }
        c.method("format_map") { args in
            let s = try selfString(args, "format_map")
            guard args.count == 2, case .object(let o) = args[1], let d = o as? PyDict else { return .str(s) }
            return .str(try strFormat(s, Arguments([], d.entries.map { (((try? str($0.0)) ?? ""), $0.1) })))
        }
        c.method("zfill") { args in
            let s = try selfString(args, "zfill")
            let width = try argInt(args, 1) ?? 0
            let n = s.unicodeScalars.count
            guard width > n else { return .str(s) }
            try checkAllocation(elements: width, elementSize: 1)
            let zeros = String(repeating: "0", count: width - n)
            if let f = s.first, f == "-" || f == "+" { return .str(String(f) + zeros + s.dropFirst()) }
            return .str(zeros + s)
        }
        c.method("ljust") { args in try pad(args, "ljust") { s, w, f in s.rightPadded(to: w, with: f) } }
        c.method("rjust") { args in try pad(args, "rjust") { s, w, f in s.leftPadded(to: w, with: f) } }
        c.method("center") { args in
            try pad(args, "center") { s, w, f in
                let n = s.unicodeScalars.count
                guard w > n else { return s }
                let total = w - n
                let left = total / 2 + (total & w & 1)
                return String(repeating: f, count: left) + s + String(repeating: f, count: total - left)
            }
        }
        c.method("encode") { args in
            let s = try selfString(args, "encode")
            if let enc = try argString(args, 1, "encode", keyword: "encoding")?.lowercased(),
               !["utf-8", "utf8", "ascii", "latin-1", "latin1"].contains(enc) {
                throw PyException(BuiltinTypes.exception("LookupError"), "unknown encoding: \(enc)")
            }
            return .object(PyBytes(Array(s.utf8)))
        }
        for (name, reverse) in [("partition", false), ("rpartition", true)] {
            c.method(name) { args in
                let s = try selfString(args, name)
                guard let sep = try argString(args, 1, name) else { throw PyException.typeError("must be str, not NoneType") }
                if sep.isEmpty { throw PyException.valueError("empty separator") }
                let range = reverse ? s.range(of: sep, options: .backwards) : s.range(of: sep)
                guard let r = range else {
                    return reverse ? .tuple([.str(""), .str(""), .str(s)]) : .tuple([.str(s), .str(""), .str("")])
                }
                return .tuple([.str(String(s[..<r.lowerBound])), .str(sep), .str(String(s[r.upperBound...]))])
            }
        }
        c.method("removeprefix") { args in
            let s = try selfString(args, "removeprefix")
            let p = try argString(args, 1, "removeprefix") ?? ""
            return .str(s.hasPrefix(p) ? String(s.dropFirst(p.count)) : s)
        }
        c.method("removesuffix") { args in
            let s = try selfString(args, "removesuffix")
            let p = try argString(args, 1, "removesuffix") ?? ""
            return .str(!p.isEmpty && s.hasSuffix(p) ? String(s.dropLast(p.count)) : s)
        }
        c.method("expandtabs") { args in
            let s = try selfString(args, "expandtabs")
            let size = try argInt(args, 1, keyword: "tabsize") ?? 8
            // CPython keeps the tab size in a C int.
            guard Int32(exactly: size) != nil else { throw PyException.overflow("Python int too large to convert to C int") }
            var out = ""
            var column = 0
            for ch in s.unicodeScalars {
                if ch == "\t" {
                    let spaces = size > 0 ? size - column % size : 0
                    try checkAllocation(elements: out.utf8.count + spaces, elementSize: 1)
                    out += String(repeating: " ", count: spaces)
                    column += spaces
                } else {
                    out.unicodeScalars.append(ch)
                    column = ch == "\n" || ch == "\r" ? 0 : column + 1
                }
            }
            return .str(out)
        }
        c.method("__len__") { args in .int(try length(args[0])) }
        c.method("__contains__") { args in .bool(try contains(args[0], args.positional.count > 1 ? args[1] : .none)) }
        c.method("__getitem__") { args in try getItem(args[0], args.positional.count > 1 ? args[1] : .none) }
    }

    static func installBytes(_ c: PyClass) {
        c.constructor = { _, args in
            guard let v = args.positional.first else { return .object(PyBytes([])) }
            switch v {
            case .str(let s):
                guard args.positional.count > 1 || args.keyword("encoding") != nil else {
                    throw PyException.typeError("string argument without an encoding")
                }
                return .object(PyBytes(Array(s.utf8)))
            case .int(let n):
                if n < 0 { throw PyException.valueError("negative count") }
                try checkAllocation(elements: n, elementSize: 1)
                return .object(PyBytes([UInt8](repeating: 0, count: n)))
            default:
                let items = try iterateToArray(v)
                return .object(PyBytes(try items.map { item in
                    guard let i = numericInt(item), (0...255).contains(i) else {
                        throw PyException.valueError("bytes must be in range(0, 256)")
                    }
                    return UInt8(i)
                }))
            }
        }
        c.method("decode") { args in
            guard case .object(let o) = args[0], let b = o as? PyBytes else { return .none }
            var errors = "strict"
            if args.positional.count > 2, case .str(let e) = args[2] { errors = e }
            if case .str(let e)? = args.keyword("errors") { errors = e }
            if let s = String(validatingUTF8: b.bytes.map { CChar(bitPattern: $0) } + [0]), !b.bytes.contains(0) {
                return .str(s)
            }
            if errors == "strict" { return .str(try UTF8Decoding.decode(b.bytes[...])) }
            let decoded = String(decoding: b.bytes, as: UTF8.self)
            if errors == "ignore" { return .str(decoded.replacingOccurrences(of: "\u{FFFD}", with: "")) }
            return .str(decoded)
        }
        c.method("hex") { args in
            guard case .object(let o) = args[0], let b = o as? PyBytes else { return .none }
            return .str(b.bytes.map { String($0, radix: 16).leftPadded(to: 2, with: "0") }.joined())
        }
        c.dict["fromhex"] = .object(PyClassMethod(.object(PyBuiltinFunction(name: "fromhex") { args in
            guard args.count == 2, case .str(let s) = args[1] else { throw PyException.typeError("fromhex() argument must be str") }
            let digits = Array(s.replacingOccurrences(of: " ", with: ""))
            var bytes: [UInt8] = []
            var i = 0
            while i + 1 < digits.count {
                guard let b = UInt8(String(digits[i...i + 1]), radix: 16) else {
                    throw PyException.valueError("non-hexadecimal number found in fromhex() arg at position \(i)")
                }
                bytes.append(b)
                i += 2
            }
            return .object(PyBytes(bytes))
        })))
    }

    /// `bytearray`: bytes' methods plus in-place `append`/`extend`.
    static func installByteArray(_ c: PyClass) {
        installBytes(c)
        let makeBytes = c.constructor
        c.constructor = { cls, args in
            guard let make = makeBytes, case .object(let o) = try make(cls, args), let b = o as? PyBytes else {
                return .object(PyBytes([], byteArray: true))
            }
            return .object(PyBytes(b.bytes, byteArray: true))
        }
        func selfArray(_ args: Arguments, _ name: String) throws -> PyBytes {
            guard case .object(let o)? = args.positional.first, let b = o as? PyBytes, b.isByteArray else {
                throw PyException.typeError("descriptor '\(name)' requires a 'bytearray' object")
            }
            return b
        }
        c.method("append") { args in
            let b = try selfArray(args, "append")
            try args.expectCount("append", 2...2)
            guard let v = numericInt(args[1]), (0...255).contains(v) else { throw PyException.valueError("byte must be in range(0, 256)") }
            b.bytes.append(UInt8(v))
            return .none
        }
        c.method("extend") { args in
            let b = try selfArray(args, "extend")
            try args.expectCount("extend", 2...2)
            for item in try iterateToArray(args[1]) {
                guard let v = numericInt(item), (0...255).contains(v) else { throw PyException.valueError("byte must be in range(0, 256)") }
                b.bytes.append(UInt8(v))
            }
            return .none
        }
    }
}
