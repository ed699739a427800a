// "Did you mean: 'attn_weights'?" after a NameError or AttributeError in a traceback, chosen
// as CPython 3.11's Python/suggestions.c chooses it: the closest name by a Levenshtein
// distance where a case change costs 1 and any other edit 2, within a third of the length.

/// Where the names to suggest from come from, kept with the exception until it is shown.
enum SuggestionSource {
    /// A NameError: the frame's parameters and locals, then its globals, then the builtins.
    case name(String, locals: [String], globals: Globals, builtins: Globals)
    /// An AttributeError: the names `dir(object)` lists.
    case attribute(Value, String)
}

enum Suggestions {
    static let maxCandidates = 750
    static let maxStringSize = 40
    static let moveCost = 2
    static let caseCost = 1

    /// The name to suggest for this exception, if any.
    static func suggestion(for e: PyException) -> String? {
        switch e.suggestionSource {
        case .name(let name, let locals, let globals, let builtins)?:
            guard e.cls.isSubclass(of: BuiltinTypes.nameError) else { return nil }
            for candidates in [locals, globals.items().map(\.0), builtins.items().map(\.0)] {
                if let s = closest(to: name, among: candidates) { return s }
            }
            return nil
        case .attribute(let value, let name)?:
            guard e.cls.isSubclass(of: BuiltinTypes.attributeError) else { return nil }
            return closest(to: name, among: directory(of: value))
        case nil:
            return nil
        }
    }

    /// `dir(value)`: its own attribute names and its class's, sorted.
    static func directory(of value: Value) -> [String] {
        var names = Set<String>()
        if case .object(let o) = value {
            names.formUnion(o.attributeNames())
            if let c = o as? PyClass { for k in c.mro.flatMap({ $0.dict.keys }) { names.insert(k) } }
        }
        for c in value.pyClass.mro { names.formUnion(c.dict.keys) }
        return names.sorted()
    }

    /// `calculate_suggestions`: the candidate at the smallest distance (the first on ties).
    static func closest(to name: String, among candidates: [String]) -> String? {
        guard candidates.count < maxCandidates else { return nil }
        let wrong = Array(name.utf8)
        guard wrong.count <= maxStringSize else { return nil }
        var best: String?
        var bestDistance = Int.max
        for candidate in candidates where candidate != name {
            let item = Array(candidate.utf8)
            // No more than a third of the characters involved may change; never a worse match.
            let maxDistance = min((wrong.count + item.count + 3) * moveCost / 6, bestDistance - 1)
            let distance = levenshtein(wrong, item, maxCost: maxDistance)
            if distance > maxDistance { continue }
            if best == nil || distance < bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }

    static func substitutionCost(_ a: UInt8, _ b: UInt8) -> Int {
        if a & 31 != b & 31 { return moveCost }
        if a == b { return 0 }
        func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
        return lower(a) == lower(b) ? caseCost : moveCost
    }

    /// `levenshtein_distance`, with common prefixes and suffixes trimmed and an early exit
    /// once a whole row costs more than `maxCost`.
    static func levenshtein(_ first: [UInt8], _ second: [UInt8], maxCost: Int) -> Int {
        var a = first[...], b = second[...]
        while let x = a.first, let y = b.first, x == y { a = a.dropFirst(); b = b.dropFirst() }
        while let x = a.last, let y = b.last, x == y { a = a.dropLast(); b = b.dropLast() }
        if a.isEmpty || b.isEmpty { return (a.count + b.count) * moveCost }
        if a.count > maxStringSize || b.count > maxStringSize { return maxCost + 1 }
        if b.count < a.count { swap(&a, &b) }
        if (b.count - a.count) * moveCost > maxCost { return maxCost + 1 }
        let aa = Array(a), bb = Array(b)
        var buffer = (0..<aa.count).map { ($0 + 1) * moveCost }
        var result = 0
        for (bIndex, code) in bb.enumerated() {
            var distance = bIndex * moveCost
            result = distance
            var minimum = Int.max
            for index in 0..<aa.count {
                let substitute = distance + substitutionCost(code, aa[index])
                distance = buffer[index]
                let insertDelete = min(result, distance) + moveCost
                result = min(insertDelete, substitute)
                buffer[index] = result
                if result < minimum { minimum = result }
            }
            if minimum > maxCost { return maxCost + 1 }
        }
        return result
    }
}
