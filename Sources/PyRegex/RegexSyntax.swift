// The parsed form of a pattern, one case per construct of CPython's `re._parser`
// (literals, sets, groups, repeats, lookarounds), and its width computation.

/// Python's `MAXREPEAT`: an unbounded repeat count (`*`, `+`, `{m,}`).
let regexMaxRepeat = 4_294_967_295
/// Python's `MAXGROUPS`.
let regexMaxGroups = 1_073_741_823
/// Python's `MAXWIDTH` stand-in: any width at least this big counts as unbounded.
let regexMaxWidth = Int.max / 4

/// A zero-width position test (`^ $ \A \Z \b \B`).
enum RegexAnchor: Equatable {
    case beginning, beginningString, end, endString, boundary, nonBoundary
}

/// A class escape (`\d \D \s \S \w \W`).
enum RegexCategory: Equatable {
    case digit, notDigit, space, notSpace, word, notWord
}

/// One member of a character set `[...]`.
enum RegexSetItem: Equatable {
    case literal(UInt32)
    case range(UInt32, UInt32)
    case category(RegexCategory)
}

enum RegexRepeatKind: Equatable {
    case greedy, lazy, possessive
}

/// A node of the pattern tree; sequences are arrays of nodes, as `SubPattern.data`.
indirect enum RegexNode {
    case literal(UInt32)
    case notLiteral(UInt32)
    case any
    case set(negated: Bool, items: [RegexSetItem])
    case anchor(RegexAnchor)
    case groupRef(Int)
    case branch([[RegexNode]])
    /// A group: `group` is nil for `(?:...)` and flag groups `(?i:...)`.
    case subpattern(group: Int?, add: PyRegexFlags, remove: PyRegexFlags, [RegexNode])
    case atomic([RegexNode])
    case repeatNode(min: Int, max: Int, kind: RegexRepeatKind, [RegexNode])
    case lookaround(behind: Bool, negated: Bool, [RegexNode])
    case groupRefExists(group: Int, yes: [RegexNode], no: [RegexNode]?)

    var isRepeat: Bool {
        if case .repeatNode = self { return true }
        return false
    }
}

/// The (minimum, maximum) number of characters a sequence can match, as
/// `SubPattern.getwidth()`; `groupWidths[g]` holds the width of closed group `g`.
func regexWidth(_ nodes: [RegexNode], groupWidths: [(Int, Int)?]) -> (Int, Int) {
    var lo = 0
    var hi = 0
    func add(_ a: Int, _ b: Int) -> Int { min(a + b, regexMaxWidth) }
    for node in nodes {
        switch node {
        case .literal, .notLiteral, .any, .set:
            lo = add(lo, 1)
            hi = add(hi, 1)
        case .anchor, .lookaround:
            break
        case .groupRef(let g):
            let w = (g < groupWidths.count ? groupWidths[g] : nil) ?? (0, 0)
            lo = add(lo, w.0)
            hi = add(hi, w.1)
        case .branch(let alternatives):
            var i = regexMaxWidth
            var j = 0
            for alternative in alternatives {
                let w = regexWidth(alternative, groupWidths: groupWidths)
                i = min(i, w.0)
                j = max(j, w.1)
            }
            lo = add(lo, i)
            hi = add(hi, j)
        case .subpattern(_, _, _, let body), .atomic(let body):
            let w = regexWidth(body, groupWidths: groupWidths)
            lo = add(lo, w.0)
            hi = add(hi, w.1)
        case .repeatNode(let minCount, let maxCount, _, let body):
            let w = regexWidth(body, groupWidths: groupWidths)
            lo = add(lo, w.0.multipliedReportingOverflow(by: minCount).overflow
                     ? regexMaxWidth : min(w.0 * minCount, regexMaxWidth))
            if maxCount == regexMaxRepeat && w.1 > 0 {
                hi = regexMaxWidth
            } else {
                let product = w.1.multipliedReportingOverflow(by: maxCount)
                hi = add(hi, product.overflow ? regexMaxWidth : min(product.partialValue, regexMaxWidth))
            }
        case .groupRefExists(_, let yes, let no):
            var w = regexWidth(yes, groupWidths: groupWidths)
            if let no {
                let v = regexWidth(no, groupWidths: groupWidths)
                w = (min(w.0, v.0), max(w.1, v.1))
            } else {
                w.0 = 0
            }
            lo = add(lo, w.0)
            hi = add(hi, w.1)
        }
    }
    return (lo, hi)
}
