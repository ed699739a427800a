// List, set and dict comprehensions, run inline in the enclosing frame (reported in
// tracebacks as CPython 3.11's <listcomp> frames). Generator expressions are lazy: see
// GeneratorExpression.swift.

/// A list/set/dict comprehension, run inline in the frame.
final class ComprehensionNode: ExprNode {
    struct Clause {
        let target: TargetNode
        let iterable: ExprNode
        let conditions: [ExprNode]
    }
    let kind: ComprehensionKind
    let clauses: [Clause]
    let element: ExprNode
    let value: ExprNode?
    /// Slots of comprehension variables captured by lambdas (fresh cells per run).
    let cellSlots: [Int]

    init(_ kind: ComprehensionKind, _ clauses: [Clause], element: ExprNode, value: ExprNode?, cellSlots: [Int], _ range: SourceRange) {
        self.kind = kind
        self.clauses = clauses
        self.element = element
        self.value = value
        self.cellSlots = cellSlots
        super.init(range)
    }

    /// For a generator expression passed as the only argument of a call: the call's range
    /// (where CPython puts the caller frame's carets).
    var callRange: SourceRange?

    var frameName: String {
        switch kind {
        case .list: return "<listcomp>"
        case .set: return "<setcomp>"
        case .dict: return "<dictcomp>"
        case .generator: return "<genexpr>"
        }
    }

    override func eval(_ f: Frame) throws -> Value {
        for s in cellSlots { f.slots[s] = .object(PyCell()) }
        let first = try clauses[0].iterable.eval(f)
        do {
            return try build(first, f)
        } catch {
            // CPython 3.11 runs comprehensions in their own frame.
            let e = (error as? PyException) ?? ErrorConversion.convert(error)
            e.leaveFrame(filename: f.code.filename, functionName: frameName, source: f.code.source)
            e.note(callRange ?? range)
            throw e
        }
    }

    private func build(_ first: Value, _ f: Frame) throws -> Value {
        switch kind {
        case .list, .generator:
            var out: [Value] = []
            if clauses.count == 1 {
                let element = NodeRef(self.element)
                try forEach(first, clauses[0], f) { out.append(try element.eval(f)) }
            } else {
                try run(0, first, f) { out.append(try element.eval(f)) }
            }
            return .list(out)
        case .set:
            let s = PySet()
            try run(0, first, f) {
                let v = try element.eval(f)
                do { try s.add(v) } catch { throw noted(error, element.range) }
            }
            return .object(s)
        case .dict:
            let d = PyDict()
            let add = { [element, value] in
                let k = try element.eval(f)
                let v = try value?.eval(f) ?? .none
                do { try d.set(k, v) } catch { throw noted(error, element.range) }
            }
            if clauses.count == 1 { try forEach(first, clauses[0], f, add) } else { try run(0, first, f, add) }
            return .object(d)
        }
    }

    private func run(_ level: Int, _ first: Value, _ f: Frame, _ body: () throws -> Void) throws {
        let clause = clauses[level]
        let iterable = level == 0 ? first : try clause.iterable.eval(f)
        try forEach(iterable, clause, f) {
            if level + 1 < clauses.count { try run(level + 1, first, f, body) } else { try body() }
        }
    }

    /// Runs `body` for each item of `iterable` that passes the clause's conditions, after
    /// assigning it to the clause's target. Ranges and lists are walked directly.
    @inline(__always) private func forEach(_ iterable: Value, _ clause: Clause, _ f: Frame, _ body: () throws -> Void) throws {
        let slot = (clause.target as? LocalTarget)?.slot
        var counter = 0
        @inline(__always) func visit(_ item: Value) throws {
            counter &+= 1
            if counter & 0x3FF == 0, Interpreter.interruptRequested { try checkInterrupt() }
            if let s = slot { f.slots[s] = item } else { try clause.target.assign(item, f) }
            for c in clause.conditions {
                let t = try c.eval(f)
                if case .bool(let b) = t { if !b { return } } else if !(try isTruthy(t)) { return }
            }
            try body()
        }
        if case .object(let o) = iterable {
            if let r = o as? PyRange {
                var current = r.start
                for _ in 0..<r.count {
                    try visit(.int(current))
                    current &+= r.step
                }
                return
            }
            if let list = o as? PyList {
                var i = 0
                while i < list.items.count {
                    try visit(list.items[i])
                    i += 1
                }
                return
            }
        }
        let iterator: PyIterator
        do { iterator = try makeIterator(iterable) } catch { throw noted(error, clause.iterable.range) }
        while true {
            let next: Value?
            do { next = try iterator.next() } catch { throw noted(error, range) }
            guard let item = next else { break }
            try visit(item)
        }
    }
}
