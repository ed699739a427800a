// The compiled form of a pattern: a flat instruction list for the backtracking matcher,
// made from the parse tree the way CPython's `re._compiler` lays out sre opcodes.

/// A zero-width test with its flags resolved (`AT_*` opcodes).
enum RegexAnchorTest: Equatable {
    case beginning, beginningLine, beginningString
    case end, endLine, endString
    case boundary(ascii: Bool), nonBoundary(ascii: Bool)
}

/// One matcher instruction. `pc` operands are indices into `RegexProgram.code`.
enum RegexInstruction {
    /// One character equal to the operand.
    case char(UInt32)
    case notChar(UInt32)
    /// One character whose lowercase is the operand (or one of its extra cases).
    case charFold(UInt32, ascii: Bool)
    case notCharFold(UInt32, ascii: Bool)
    /// One character in `sets[index]`.
    case set(Int)
    /// Any character but `\n`.
    case any
    /// Any character (DOTALL).
    case anyAll
    case anchor(RegexAnchorTest)
    /// Records the position in capture slot `slot` (group g uses slots 2g-2, 2g-1).
    case save(Int)
    /// Tries `first`; on failure resumes at `second` at the same position.
    case split(Int, Int)
    case jump(Int)
    /// The text of group `group` again; `fold` 0: exact, 1: ASCII case, 2: Unicode case.
    case backref(group: Int, fold: Int)
    /// Starts repeat `id` (count = -1) and jumps to its until instruction at `until`.
    case repeatStart(id: Int, until: Int)
    /// End of a greedy repeat's body (MAX_UNTIL); the body starts at `body`.
    case repeatGreedy(id: Int, min: Int, max: Int, body: Int)
    /// End of a lazy repeat's body (MIN_UNTIL).
    case repeatLazy(id: Int, min: Int, max: Int, body: Int)
    /// A repeat of the single-character instruction at pc + 1; the tail follows at pc + 2.
    case repeatOne(min: Int, max: Int, kind: RegexRepeatKind)
    /// A lookaround whose body runs from pc + 1 to a `succeed`; matching continues at `next`.
    case look(behind: Bool, negated: Bool, width: Int, next: Int)
    /// An atomic group whose body runs from pc + 1 to a `succeed`; continues at `next`.
    case atomic(next: Int)
    /// End of a lookaround or atomic body.
    case succeed
    /// Continues at pc + 1 when group `group` matched, else at `no`.
    case groupExists(group: Int, no: Int)
    /// End of the whole pattern.
    case match
}

/// A compiled pattern.
struct RegexProgram {
    var code: [RegexInstruction] = []
    var sets: [RegexCharSet] = []
    /// Membership of code points below 256 in each set: `setTable[set * 256 + c]`.
    var setTable: [Bool] = []
    var repeatCount = 0
    var groupCount = 0
    /// The literal every match starts with, when there is one (for a fast search).
    var firstLiteral: UInt32?
    /// Single-character instructions one of which every match's first character passes;
    /// nil when a match can be empty or start in ways this analysis does not follow.
    var firstCharacters: [RegexInstruction]?
    /// `firstCharacters` evaluated for code points below 256.
    var firstLatin1: [Bool] = []

    /// Collects `firstCharacters` by following every path from the start of the program
    /// to the first character-consuming instruction.
    mutating func computeFirstCharacters() {
        var found: [RegexInstruction] = []
        var visited = Set<Int>()
        var pending = [0]
        while let pc = pending.popLast() {
            guard visited.insert(pc).inserted, pc < code.count else { continue }
            switch code[pc] {
            case .char, .notChar, .charFold, .notCharFold, .set, .any, .anyAll:
                found.append(code[pc])
            case .anchor, .save:
                pending.append(pc + 1)
            case .split(let first, let second):
                pending.append(second)
                pending.append(first)
            case .jump(let target):
                pending.append(target)
            case .look(_, _, _, let next):
                pending.append(next)
            case .atomic:
                pending.append(pc + 1)
            case .repeatOne(let minCount, _, _):
                found.append(code[pc + 1])
                if minCount == 0 { pending.append(pc + 2) }
            case .repeatStart(_, let until):
                switch code[until] {
                case .repeatGreedy(_, let minCount, _, let body), .repeatLazy(_, let minCount, _, let body):
                    pending.append(body)
                    if minCount == 0 { pending.append(until + 1) }
                default:
                    return
                }
            case .repeatGreedy(_, _, _, let body), .repeatLazy(_, _, _, let body):
                pending.append(body)
                pending.append(pc + 1)
            case .match, .succeed, .backref, .groupExists:
                return
            }
        }
        firstCharacters = found
        firstLatin1 = (0..<256).map { c in found.contains { instructionAccepts($0, UInt32(c)) } }
    }

    /// Whether the single-character instruction `instruction` accepts `c`.
    @inline(__always)
    func instructionAccepts(_ instruction: RegexInstruction, _ c: UInt32) -> Bool {
        switch instruction {
        case .char(let x): return c == x
        case .notChar(let x): return c != x
        case .charFold(let x, let ascii): return regexFoldEquals(c, x, ascii: ascii)
        case .notCharFold(let x, let ascii): return !regexFoldEquals(c, x, ascii: ascii)
        case .set(let index): return c < 256 ? setTable[index << 8 | Int(c)] : sets[index].slowContains(c)
        case .any: return c != 10
        case .anyAll: return true
        default: return false
        }
    }

    /// Whether a match can start with `c` (true when unknown).
    @inline(__always)
    func mayStartWith(_ c: UInt32) -> Bool {
        guard let firstCharacters else { return true }
        if c < 256 { return firstLatin1[Int(c)] }
        return firstCharacters.contains { instructionAccepts($0, c) }
    }
}

/// `lower(c) == lower` or `lower(c)` is one of `lower`'s extra cases (`LITERAL_UNI_IGNORE`).
func regexFoldEquals(_ c: UInt32, _ lower: UInt32, ascii: Bool) -> Bool {
    let l = regexLower(c, ascii: ascii)
    if l == lower { return true }
    return !ascii && regexExtraCases(lower).contains(l)
}

/// Turns a parse tree into a `RegexProgram` (`re._compiler._compile`).
struct RegexCompiler {
    private var program = RegexProgram()
    private let groupWidths: [(Int, Int)?]

    static func compile(_ parsed: RegexParsedPattern) throws(PyRegexError) -> RegexProgram {
        var compiler = RegexCompiler(groupWidths: parsed.state.groupWidths)
        compiler.program.groupCount = parsed.state.groups - 1
        try compiler.emit(parsed.nodes, flags: parsed.state.flags)
        compiler.program.code.append(.match)
        if !parsed.state.flags.contains(.ignoreCase), case .char(let c)? = compiler.program.code.first {
            compiler.program.firstLiteral = c
        }
        compiler.program.setTable = compiler.program.sets.flatMap { set in
            (0..<256).map { set.contains(UInt32($0)) }
        }
        compiler.program.computeFirstCharacters()
        return compiler.program
    }

    private init(groupWidths: [(Int, Int)?]) {
        self.groupWidths = groupWidths
    }

    private var here: Int { program.code.count }

    private mutating func emitPlaceholder() -> Int {
        program.code.append(.succeed)
        return here - 1
    }

    private mutating func emit(_ nodes: [RegexNode], flags: PyRegexFlags) throws(PyRegexError) {
        for node in nodes { try emit(node, flags: flags) }
    }

    private mutating func emit(_ node: RegexNode, flags: PyRegexFlags) throws(PyRegexError) {
        let ignoreCase = flags.contains(.ignoreCase)
        let ascii = flags.contains(.ascii)
        switch node {
        case .literal(let c), .notLiteral(let c):
            let negated: Bool
            if case .notLiteral = node { negated = true } else { negated = false }
            if !ignoreCase || !regexIsCased(c, ascii: ascii) {
                program.code.append(negated ? .notChar(c) : .char(c))
            } else {
                let lower = regexLower(c, ascii: ascii)
                program.code.append(negated ? .notCharFold(lower, ascii: ascii) : .charFold(lower, ascii: ascii))
            }
        case .any:
            program.code.append(flags.contains(.dotAll) ? .anyAll : .any)
        case .set(let negated, let items):
            program.sets.append(RegexCharSet(negated: negated, items: items, ignoreCase: ignoreCase, ascii: ascii))
            program.code.append(.set(program.sets.count - 1))
        case .anchor(let anchor):
            program.code.append(.anchor(anchorTest(anchor, flags)))
        case .groupRef(let g):
            program.code.append(.backref(group: g, fold: ignoreCase ? (ascii ? 1 : 2) : 0))
        case .branch(let alternatives):
            try emitBranch(alternatives, flags: flags)
        case .subpattern(let group, let add, let remove, let body):
            var inner = flags
            if !add.intersection(PyRegexFlags.typeFlags).isEmpty { inner.subtract(PyRegexFlags.typeFlags) }
            inner = inner.union(add).subtracting(remove)
            if let group { program.code.append(.save(2 * group - 2)) }
            try emit(body, flags: inner)
            if let group { program.code.append(.save(2 * group - 1)) }
        case .atomic(let body):
            let start = emitPlaceholder()
            try emit(body, flags: flags)
            program.code.append(.succeed)
            program.code[start] = .atomic(next: here)
        case .repeatNode(let minCount, let maxCount, let kind, let body):
            try emitRepeat(minCount, maxCount, kind, body, flags: flags)
        case .lookaround(let behind, let negated, let body):
            var width = 0
            if behind {
                let (lo, hi) = regexWidth(body, groupWidths: groupWidths)
                if lo > 0xFFFF_FFFF { throw PyRegexError("looks too much behind", pattern: nil, pos: nil) }
                if lo != hi {
                    throw PyRegexError("look-behind requires fixed-width pattern", pattern: nil, pos: nil)
                }
                width = lo
            }
            let start = emitPlaceholder()
            try emit(body, flags: flags)
            program.code.append(.succeed)
            program.code[start] = .look(behind: behind, negated: negated, width: width, next: here)
        case .groupRefExists(let group, let yes, let no):
            let test = emitPlaceholder()
            try emit(yes, flags: flags)
            if let no {
                let skip = emitPlaceholder()
                program.code[test] = .groupExists(group: group, no: here)
                try emit(no, flags: flags)
                program.code[skip] = .jump(here)
            } else {
                program.code[test] = .groupExists(group: group, no: here)
            }
        }
    }

    private func anchorTest(_ anchor: RegexAnchor, _ flags: PyRegexFlags) -> RegexAnchorTest {
        let multiline = flags.contains(.multiline)
        let ascii = flags.contains(.ascii)
        switch anchor {
        case .beginning: return multiline ? .beginningLine : .beginning
        case .beginningString: return .beginningString
        case .end: return multiline ? .endLine : .end
        case .endString: return .endString
        case .boundary: return .boundary(ascii: ascii)
        case .nonBoundary: return .nonBoundary(ascii: ascii)
        }
    }

    /// `a|b|c` as a chain of splits: each alternative jumps to the common end.
    private mutating func emitBranch(_ alternatives: [[RegexNode]], flags: PyRegexFlags) throws(PyRegexError) {
        var jumps: [Int] = []
        for (i, alternative) in alternatives.enumerated() {
            let isLast = i == alternatives.count - 1
            let split = isLast ? nil : emitPlaceholder()
            try emit(alternative, flags: flags)
            if !isLast { jumps.append(emitPlaceholder()) }
            if let split { program.code[split] = .split(split + 1, here) }
        }
        for jump in jumps { program.code[jump] = .jump(here) }
    }

    /// Whether a repeat body is one single-character item (`_simple`).
    private func isSimple(_ body: [RegexNode]) -> Bool {
        guard body.count == 1 else { return false }
        switch body[0] {
        case .literal, .notLiteral, .any, .set: return true
        case .subpattern(nil, _, _, let inner): return isSimple(inner)
        default: return false
        }
    }

    private mutating func emitRepeat(_ minCount: Int, _ maxCount: Int, _ kind: RegexRepeatKind,
                                     _ body: [RegexNode], flags: PyRegexFlags) throws(PyRegexError) {
        if isSimple(body) {
            program.code.append(.repeatOne(min: minCount, max: maxCount, kind: kind))
            try emit(body, flags: flags)
            return
        }
        if kind == .possessive {
            let start = emitPlaceholder()
            try emitRepeat(minCount, maxCount, .greedy, body, flags: flags)
            program.code.append(.succeed)
            program.code[start] = .atomic(next: here)
            return
        }
        let id = program.repeatCount
        program.repeatCount += 1
        let start = emitPlaceholder()
        try emit(body, flags: flags)
        let until = here
        program.code.append(kind == .greedy
            ? .repeatGreedy(id: id, min: minCount, max: maxCount, body: start + 1)
            : .repeatLazy(id: id, min: minCount, max: maxCount, body: start + 1))
        program.code[start] = .repeatStart(id: id, until: until)
    }
}
