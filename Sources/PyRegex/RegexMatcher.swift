// The backtracking matcher: runs a `RegexProgram` over code points with an explicit
// backtrack stack (no recursion proportional to the input), mirroring `_sre`'s semantics.

/// Where the matcher must stop (`search`, `match` and `fullmatch` differ only here).
enum RegexAnchoring {
    case search, match, fullMatch
}

import Foundation

/// The interrupt check: every 262,144 matcher steps the matcher asks whether to stop
/// (`defaultCheck`, which the lesson language points at its Ctrl-C flag); stopping throws
/// `PyRegexError.Kind.interrupted`. A caller may install its own check for the
/// current thread with `withCheck`.
public enum PyRegexInterrupt {
    /// The check used when no thread-local one is installed (set once, at startup).
    nonisolated(unsafe) public static var defaultCheck: () -> Bool = { false }

    private final class Check { let body: () -> Bool; init(_ body: @escaping () -> Bool) { self.body = body } }
    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// Runs `body` with `check` as this thread's interrupt check.
    public static func withCheck<T>(_ check: @escaping () -> Bool, _ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(key)
        let box = Unmanaged.passRetained(Check(check))
        pthread_setspecific(key, box.toOpaque())
        defer {
            pthread_setspecific(key, previous)
            box.release()
        }
        return try body()
    }

    static func shouldStop() -> Bool {
        if let raw = pthread_getspecific(key) {
            return Unmanaged<Check>.fromOpaque(raw).takeUnretainedValue().body()
        }
        return defaultCheck()
    }
}

/// One entry of the backtrack stack.
private struct RegexFrame {
    enum Kind: UInt8 {
        /// Resume at `pc` with `pos`.
        case alternative
        /// Restore capture slot `a` to `b`.
        case undoSlot
        /// Restore `lastIndex` to `a`.
        case undoLastIndex
        /// Restore repeat `a`'s count to `b`.
        case undoCount
        /// Restore repeat `a`'s last position to `b`.
        case undoLastPosition
        /// Lazy repeat at until-instruction `pc`, position `pos`: try one more iteration.
        case lazyMore
        /// Greedy single-character repeat: `a` items matched from `pos`, minimum `b`.
        case repeatOneGreedy
        /// Lazy single-character repeat: `a` items matched from `pos`, maximum `b`.
        case repeatOneLazy
        /// Bottom of a lookaround or atomic body's entries.
        case barrier
    }
    var kind: Kind
    var pc: Int
    var pos: Int
    var a: Int
    var b: Int

    var isUndo: Bool {
        switch kind {
        case .undoSlot, .undoLastIndex, .undoCount, .undoLastPosition: return true
        default: return false
        }
    }
}

/// The state of one match attempt; reused across start positions of a search.
struct RegexMatcher {
    let program: RegexProgram
    let text: UnsafeBufferPointer<UInt32>
    /// `endpos`: the matcher sees nothing at or after it.
    let end: Int
    /// Where this search started (for `mustAdvance`).
    var searchStart = 0
    /// Reject an empty match at `searchStart` (Python 3.7+ `finditer`/`sub`/`split`).
    var mustAdvance = false
    var anchoring = RegexAnchoring.search

    /// Capture slots: group g spans `slots[2g-2] ..< slots[2g-1]`, -1 when unset.
    var slots: [Int]
    var lastIndex = -1
    private var counts: [Int]
    private var lastPositions: [Int]
    private var stack: [RegexFrame] = []
    private var steps = 0

    init(program: RegexProgram, text: UnsafeBufferPointer<UInt32>, end: Int) {
        self.program = program
        self.text = text
        self.end = end
        self.slots = [Int](repeating: -1, count: 2 * program.groupCount)
        self.counts = [Int](repeating: 0, count: program.repeatCount)
        self.lastPositions = [Int](repeating: -1, count: program.repeatCount)
        stack.reserveCapacity(64)
    }

    /// Finds the first match starting in `start...end` (or only at `start` unless
    /// `anchoring == .search`); returns its (start, end), leaving groups in `slots`.
    mutating func find(from start: Int) throws(PyRegexError) -> (Int, Int)? {
        var position = start
        while position <= end {
            if anchoring == .search {
                if let first = program.firstLiteral {
                    while position < end && text[position] != first { position += 1 }
                    if position >= end { return nil }
                } else if program.firstCharacters != nil {
                    while position < end && !program.mayStartWith(text[position]) { position += 1 }
                    if position >= end { return nil }
                }
            }
            for i in slots.indices { slots[i] = -1 }
            lastIndex = -1
            stack.removeAll(keepingCapacity: true)
            if let matchEnd = try run(pc: 0, pos: position, topLevel: true) {
                return (position, matchEnd)
            }
            if anchoring != .search { return nil }
            position += 1
        }
        return nil
    }

    // MARK: Registers with undo

    private mutating func setSlot(_ slot: Int, _ value: Int) {
        stack.append(RegexFrame(kind: .undoSlot, pc: 0, pos: 0, a: slot, b: slots[slot]))
        slots[slot] = value
    }

    private mutating func setLastIndex(_ value: Int) {
        stack.append(RegexFrame(kind: .undoLastIndex, pc: 0, pos: 0, a: lastIndex, b: 0))
        lastIndex = value
    }

    private mutating func setCount(_ id: Int, _ value: Int) {
        stack.append(RegexFrame(kind: .undoCount, pc: 0, pos: 0, a: id, b: counts[id]))
        counts[id] = value
    }

    private mutating func setLastPosition(_ id: Int, _ value: Int) {
        stack.append(RegexFrame(kind: .undoLastPosition, pc: 0, pos: 0, a: id, b: lastPositions[id]))
        lastPositions[id] = value
    }

    private mutating func pushAlternative(_ pc: Int, _ pos: Int) {
        stack.append(RegexFrame(kind: .alternative, pc: pc, pos: pos, a: 0, b: 0))
    }

    /// Pops entries above `base`, undoing register changes.
    private mutating func unwind(to base: Int) {
        while stack.count > base, let frame = stack.popLast() { undo(frame) }
    }

    private mutating func undo(_ frame: RegexFrame) {
        switch frame.kind {
        case .undoSlot: slots[frame.a] = frame.b
        case .undoLastIndex: lastIndex = frame.a
        case .undoCount: counts[frame.a] = frame.b
        case .undoLastPosition: lastPositions[frame.a] = frame.b
        default: break
        }
    }

    /// Drops the choice points above `base` (an atomic commit), keeping the undo entries
    /// so that backtracking past this point still restores the registers.
    private mutating func commit(to base: Int) {
        var write = base
        for read in base..<stack.count where stack[read].isUndo {
            stack[write] = stack[read]
            write += 1
        }
        stack.removeSubrange(write...)
    }

    // MARK: Single characters

    @inline(__always)
    private func matchesOne(_ instruction: RegexInstruction, _ c: UInt32) -> Bool {
        program.instructionAccepts(instruction, c)
    }

    private func isWord(_ position: Int, ascii: Bool) -> Bool {
        guard position >= 0 && position < end else { return false }
        return ascii ? regexIsASCIIWord(text[position]) : regexIsWord(text[position])
    }

    private func anchorHolds(_ test: RegexAnchorTest, _ pos: Int) -> Bool {
        switch test {
        case .beginning, .beginningString: return pos == 0
        case .beginningLine: return pos == 0 || text[pos - 1] == 10
        case .end: return pos == end || (pos + 1 == end && text[pos] == 10)
        case .endLine: return pos == end || text[pos] == 10
        case .endString: return pos == end
        case .boundary(let ascii):
            if pos == 0 && pos == end { return false }
            return isWord(pos - 1, ascii: ascii) != isWord(pos, ascii: ascii)
        case .nonBoundary(let ascii):
            if pos == 0 && pos == end { return false }
            return isWord(pos - 1, ascii: ascii) == isWord(pos, ascii: ascii)
        }
    }

    private func groupSpan(_ group: Int) -> (Int, Int)? {
        let start = slots[2 * group - 2]
        let stop = slots[2 * group - 1]
        guard start >= 0 && stop >= 0 && start <= stop else { return nil }
        return (start, stop)
    }

    // MARK: The machine

    /// Runs from `pc` at `pos` until `match` (top level) or `succeed` (a lookaround or
    /// atomic body), backtracking through entries above the current stack height.
    /// Returns the end position, or nil when every alternative failed.
    private mutating func run(pc startPC: Int, pos startPos: Int, topLevel: Bool) throws(PyRegexError) -> Int? {
        let base = stack.count
        stack.append(RegexFrame(kind: .barrier, pc: 0, pos: 0, a: 0, b: 0))
        var pc = startPC
        var pos = startPos
        let code = program.code
        while true {
            steps &+= 1
            if steps & 0x3FFFF == 0, PyRegexInterrupt.shouldStop() {
                throw PyRegexError.interrupted
            }
            var failed = false
            switch code[pc] {
            case .char, .notChar, .charFold, .notCharFold, .set, .any, .anyAll:
                if pos < end && matchesOne(code[pc], text[pos]) {
                    pos += 1
                    pc += 1
                } else {
                    failed = true
                }
            case .anchor(let test):
                if anchorHolds(test, pos) { pc += 1 } else { failed = true }
            case .save(let slot):
                setSlot(slot, pos)
                if slot & 1 == 1 { setLastIndex(slot / 2 + 1) }
                pc += 1
            case .split(let first, let second):
                pushAlternative(second, pos)
                pc = first
            case .jump(let target):
                pc = target
            case .backref(let group, let fold):
                if let (start, stop) = groupSpan(group), let next = matchBackref(start, stop, pos, fold) {
                    pos = next
                    pc += 1
                } else {
                    failed = true
                }
            case .repeatStart(let id, let until):
                setCount(id, -1)
                setLastPosition(id, -1)
                pc = until
            case .repeatGreedy(let id, let minCount, let maxCount, let body):
                let count = counts[id] + 1
                if count < minCount {
                    setCount(id, count)
                    pc = body
                } else if (count < maxCount || maxCount == regexMaxRepeat) && pos != lastPositions[id] {
                    pushAlternative(pc + 1, pos)
                    setCount(id, count)
                    setLastPosition(id, pos)
                    pc = body
                } else {
                    pc += 1
                }
            case .repeatLazy(let id, let minCount, _, let body):
                let count = counts[id] + 1
                if count < minCount {
                    setCount(id, count)
                    pc = body
                } else {
                    stack.append(RegexFrame(kind: .lazyMore, pc: pc, pos: pos, a: 0, b: 0))
                    pc += 1
                }
            case .repeatOne(let minCount, let maxCount, let kind):
                let item = code[pc + 1]
                if kind == .lazy {
                    var count = 0
                    while count < minCount && pos + count < end && matchesOne(item, text[pos + count]) { count += 1 }
                    if count < minCount {
                        failed = true
                    } else {
                        stack.append(RegexFrame(kind: .repeatOneLazy, pc: pc, pos: pos, a: count, b: maxCount))
                        pos += count
                        pc += 2
                    }
                } else {
                    let limit = maxCount == regexMaxRepeat ? end : min(end, pos + maxCount)
                    var stop = pos
                    while stop < limit && matchesOne(item, text[stop]) { stop += 1 }
                    let count = stop - pos
                    if count < minCount {
                        failed = true
                    } else {
                        if kind == .greedy && count > minCount {
                            stack.append(RegexFrame(kind: .repeatOneGreedy, pc: pc, pos: pos, a: count, b: minCount))
                        }
                        pos = stop
                        pc += 2
                    }
                }
            case .look(let behind, let negated, let width, let next):
                var bodyPos = pos
                var bodyMatched = false
                if behind && pos < width {
                    bodyMatched = false
                } else {
                    if behind { bodyPos = pos - width }
                    let mark = stack.count
                    if try run(pc: pc + 1, pos: bodyPos, topLevel: false) != nil {
                        bodyMatched = true
                        if negated { unwind(to: mark) } else { commit(to: mark) }
                    }
                }
                if bodyMatched != negated { pc = next } else { failed = true }
            case .atomic(let next):
                let mark = stack.count
                if let stop = try run(pc: pc + 1, pos: pos, topLevel: false) {
                    commit(to: mark)
                    pos = stop
                    pc = next
                } else {
                    failed = true
                }
            case .succeed:
                return pos
            case .groupExists(let group, let no):
                pc = groupSpan(group) != nil ? pc + 1 : no
            case .match:
                if topLevel && ((anchoring == .fullMatch && pos != end) || (mustAdvance && pos == searchStart)) {
                    failed = true
                } else {
                    return pos
                }
            }
            if !failed { continue }
            // Backtrack to the newest choice point above this run's barrier.
            var resumed = false
            while !resumed {
                guard stack.count > base, let frame = stack.popLast() else { return nil }
                switch frame.kind {
                case .barrier:
                    return nil
                case .undoSlot, .undoLastIndex, .undoCount, .undoLastPosition:
                    undo(frame)
                case .alternative:
                    pc = frame.pc
                    pos = frame.pos
                    resumed = true
                case .lazyMore:
                    guard case .repeatLazy(let id, _, let maxCount, let body) = code[frame.pc] else { continue }
                    let count = counts[id] + 1
                    if (count >= maxCount && maxCount != regexMaxRepeat) || frame.pos == lastPositions[id] {
                        continue
                    }
                    setCount(id, count)
                    setLastPosition(id, frame.pos)
                    pc = body
                    pos = frame.pos
                    resumed = true
                case .repeatOneGreedy:
                    let count = frame.a - 1
                    if count > frame.b {
                        stack.append(RegexFrame(kind: .repeatOneGreedy, pc: frame.pc, pos: frame.pos, a: count, b: frame.b))
                    }
                    pc = frame.pc + 2
                    pos = frame.pos + count
                    resumed = true
                case .repeatOneLazy:
                    let at = frame.pos + frame.a
                    if (frame.a < frame.b || frame.b == regexMaxRepeat) && at < end
                        && matchesOne(code[frame.pc + 1], text[at]) {
                        stack.append(RegexFrame(kind: .repeatOneLazy, pc: frame.pc, pos: frame.pos,
                                                a: frame.a + 1, b: frame.b))
                        pc = frame.pc + 2
                        pos = at + 1
                        resumed = true
                    }
                }
            }
        }
    }

    /// Matches the text `start..<stop` again at `pos`; returns the new position.
    private func matchBackref(_ start: Int, _ stop: Int, _ pos: Int, _ fold: Int) -> Int? {
        let length = stop - start
        guard pos + length <= end else { return nil }
        for i in 0..<length {
            let a = text[start + i]
            let b = text[pos + i]
            if a == b { continue }
            if fold == 0 || regexLower(a, ascii: fold == 1) != regexLower(b, ascii: fold == 1) { return nil }
        }
        return pos + length
    }
}
