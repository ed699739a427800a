// Symbol tables: which names are locals, cells (captured by inner functions), free
// variables or globals in each function, class body and comprehension — Python's rules.

/// One scope of the program.
final class Scope {
    enum Kind { case module, function, classBody, comprehension }
    enum Need { case capture, inline }

    let kind: Kind
    weak var parent: Scope?
    var assigned: Set<String> = []
    var parameters: [String] = []
    var declaredGlobal: Set<String> = []
    var declaredNonlocal: Set<String> = []
    /// Where each `nonlocal` name was declared (for the "no binding" error).
    var nonlocalRanges: [String: SourceRange] = [:]
    var globalRanges: [String: SourceRange] = [:]
    var used: Set<String> = []
    var children: [Scope] = []
    /// Locals captured by inner functions.
    var cells: Set<String> = []
    /// Names this scope gets from enclosing function scopes.
    var free: Set<String> = []
    /// Names required from outside (resolved by `resolve`).
    var needs: [String: Need] = [:]
    var usesSuper = false
    var hasYield = false
    /// How many `yield`s the function has (see `ResumableBlock.make`).
    var yieldCount = 0
    /// For comprehension scopes (and generator expressions, which are function scopes with
    /// their own frame): which kind, for the "'yield' inside ..." error.
    var comprehensionKind: ComprehensionKind?

    init(kind: Kind, parent: Scope?) {
        self.kind = kind
        self.parent = parent
    }

    /// Whether `name` is bound in this scope (not global/nonlocal).
    func isLocal(_ name: String) -> Bool {
        !declaredGlobal.contains(name) && !declaredNonlocal.contains(name)
            && (assigned.contains(name) || parameters.contains(name))
    }
}

/// Builds the scope tree for a module. Scopes are keyed by the defining node's position.
struct ScopeAnalyzer {
    var scopes: [String: Scope] = [:]
    let file: SourceFile
    /// Statements and expressions being visited, one inside the other.
    var depth = 0
    /// CPython's compiler gives up past this nesting (3 x the recursion limit of 1000).
    static let maximumDepth = 3000

    /// Enters one level of nesting, or raises CPython's RecursionError: a chain such as
    /// `1+1+...+1` or `f()()...()` nests as deep as it is long.
    mutating func enter() throws {
        depth += 1
        if depth > ScopeAnalyzer.maximumDepth {
            throw PyException(BuiltinTypes.recursionError, "maximum recursion depth exceeded during compilation")
        }
    }

    static func key(_ range: SourceRange, _ tag: String) -> String { "\(range.line):\(range.column):\(tag)" }

    /// Analyzes a module (or a cell) and returns its scope.
    mutating func analyzeModule(_ body: [Stmt]) throws -> Scope {
        let module = Scope(kind: .module, parent: nil)
        for s in body { try visit(s, module) }
        try resolve(module)
        return module
    }

    func error(_ message: String, _ range: SourceRange) -> ScriptSyntaxError {
        ScriptSyntaxError(message, filename: file.filename, line: range.line, column: range.column,
                          endColumn: range.endLine == range.line ? range.endColumn : nil, sourceLine: file.line(range.line))
    }

    // MARK: - Collection

    mutating func bind(_ target: Expr, _ scope: Scope) throws {
        switch target.kind {
        case .name(let n): scope.assigned.insert(n)
        case .tuple(let items), .list(let items): for i in items { try bind(i, scope) }
        case .starred(let inner): try bind(inner, scope)
        case .attribute(let obj, _): try visit(obj, scope)
        case .subscript(let obj, let key):
            try visit(obj, scope)
            try visit(key, scope)
        default: try visit(target, scope)
        }
    }

    mutating func visit(_ body: [Stmt], _ scope: Scope) throws {
        for s in body { try visit(s, scope) }
    }

    mutating func visit(_ stmt: Stmt, _ scope: Scope) throws {
        try enter()
        defer { depth -= 1 }
        switch stmt.kind {
        case .expression(let e): try visit(e, scope)
        case .assign(let targets, let value):
            try visit(value, scope)
            for t in targets { try bind(t, scope) }
        case .augmentedAssign(let target, _, let value):
            try visit(value, scope)
            if case .name(let n) = target.kind { scope.used.insert(n) }
            try bind(target, scope)
        case .annotatedAssign(let target, _, let value):
            if let v = value {
                try visit(v, scope)
                try bind(target, scope)
            } else if case .name(let n) = target.kind, scope.kind != .module {
                scope.assigned.insert(n)
            }
        case .if(let test, let body, let orElse):
            try visit(test, scope)
            try visit(body, scope)
            try visit(orElse, scope)
        case .for(let target, let iterable, let body, let orElse):
            try visit(iterable, scope)
            try bind(target, scope)
            try visit(body, scope)
            try visit(orElse, scope)
        case .while(let test, let body, let orElse):
            try visit(test, scope)
            try visit(body, scope)
            try visit(orElse, scope)
        case .break, .continue, .pass: break
        case .functionDefinition(let def):
            for d in def.decorators { try visit(d, scope) }
            try visitDefaults(def.parameters, scope)
            for a in Compiler.annotations(def.parameters, returns: def.returns) { try visit(a.1, scope) }
            scope.assigned.insert(def.name)
            try function(def.parameters, body: def.body, expression: nil, key: ScopeAnalyzer.key(def.range, "def"), parent: scope)
        case .classDefinition(let cls):
            for d in cls.decorators { try visit(d, scope) }
            for b in cls.bases { try visit(b, scope) }
            for k in cls.keywords { if case .keyword(_, let e) = k { try visit(e, scope) } }
            scope.assigned.insert(cls.name)
            let classScope = Scope(kind: .classBody, parent: scope)
            scope.children.append(classScope)
            scopes[ScopeAnalyzer.key(stmt.range, "class")] = classScope
            try visit(cls.body, classScope)
        case .return(let e): if let e = e { try visit(e, scope) }
        case .with(let items, let body):
            for item in items {
                try visit(item.context, scope)
                if let t = item.target { try bind(t, scope) }
            }
            try visit(body, scope)
        case .try(let body, let handlers, let orElse, let finally):
            try visit(body, scope)
            for h in handlers {
                if let t = h.type { try visit(t, scope) }
                if let n = h.name { scope.assigned.insert(n) }
                try visit(h.body, scope)
            }
            try visit(orElse, scope)
            try visit(finally, scope)
        case .raise(let e, let cause):
            if let e = e { try visit(e, scope) }
            if let c = cause { try visit(c, scope) }
        case .assert(let test, let message):
            try visit(test, scope)
            if let m = message { try visit(m, scope) }
        case .global(let names):
            for n in names {
                if scope.parameters.contains(n) { throw error("name '\(n)' is parameter and global", stmt.range) }
                if scope.declaredNonlocal.contains(n) { throw error("name '\(n)' is nonlocal and global", stmt.range) }
                if scope.assigned.contains(n) { throw error("name '\(n)' is assigned to before global declaration", stmt.range) }
                if scope.used.contains(n) { throw error("name '\(n)' is used prior to global declaration", stmt.range) }
                scope.declaredGlobal.insert(n)
                scope.globalRanges[n] = stmt.range
            }
        case .nonlocal(let names):
            if scope.kind == .module { throw error("nonlocal declaration not allowed at module level", stmt.range) }
            for n in names {
                if scope.parameters.contains(n) { throw error("name '\(n)' is parameter and nonlocal", stmt.range) }
                if scope.declaredGlobal.contains(n) { throw error("name '\(n)' is nonlocal and global", globalRange(n, scope) ?? stmt.range) }
                if scope.assigned.contains(n) { throw error("name '\(n)' is assigned to before nonlocal declaration", stmt.range) }
                if scope.used.contains(n) { throw error("name '\(n)' is used prior to nonlocal declaration", stmt.range) }
                scope.declaredNonlocal.insert(n)
                scope.nonlocalRanges[n] = stmt.range
            }
        case .delete(let targets):
            for t in targets { try bind(t, scope) }
        case .import(let aliases):
            for a in aliases {
                scope.assigned.insert(a.asName ?? String(a.name.split(separator: ".").first ?? ""))
            }
        case .importFrom(_, let names, _):
            for a in names where a.name != "*" { scope.assigned.insert(a.asName ?? a.name) }
        }
    }

    func globalRange(_ name: String, _ scope: Scope) -> SourceRange? { scope.globalRanges[name] }

    mutating func visitDefaults(_ parameters: Parameters, _ scope: Scope) throws {
        for p in parameters.positional + parameters.keywordOnly {
            if let d = p.defaultValue { try visit(d, scope) }
        }
    }

    mutating func function(_ parameters: Parameters, body: [Stmt], expression: Expr?, key: String, parent: Scope) throws {
        let scope = Scope(kind: .function, parent: parent)
        parent.children.append(scope)
        scopes[key] = scope
        scope.parameters = parameters.allNames
        if let e = expression { try visit(e, scope) } else { try visit(body, scope) }
    }

    mutating func visit(_ expr: Expr, _ scope: Scope) throws {
        try enter()
        defer { depth -= 1 }
        switch expr.kind {
        case .name(let n):
            scope.used.insert(n)
            if n == "super" { scope.usesSuper = true }
        case .namedAssignment(let name, let value):
            try visit(value, scope)
            try bindNamed(name, expr.range, scope)
        case .constant: break
        case .formattedString(let parts): try visitParts(parts, scope)
        case .unary(_, let e): try visit(e, scope)
        case .binary(_, let a, let b):
            try visit(a, scope)
            try visit(b, scope)
        case .boolean(_, let items): for i in items { try visit(i, scope) }
        case .compare(let first, _, let rest):
            try visit(first, scope)
            for r in rest { try visit(r, scope) }
        case .call(let f, let args):
            try visit(f, scope)
            for a in args {
                switch a {
                case .positional(let e), .starred(let e), .keyword(_, let e), .doubleStarred(let e): try visit(e, scope)
                }
            }
        case .attribute(let e, _): try visit(e, scope)
        case .subscript(let a, let b):
            try visit(a, scope)
            try visit(b, scope)
        case .slice(let a, let b, let c):
            for e in [a, b, c] { if let e = e { try visit(e, scope) } }
        case .tuple(let items), .list(let items), .set(let items): for i in items { try visit(i, scope) }
        case .dict(let keys, let values):
            for k in keys { if let k = k { try visit(k, scope) } }
            for v in values { try visit(v, scope) }
        case .starred(let e): try visit(e, scope)
        case .conditional(let t, let b, let o):
            try visit(t, scope)
            try visit(b, scope)
            try visit(o, scope)
        case .lambda(let parameters, let body):
            try visitDefaults(parameters, scope)
            try function(parameters, body: [], expression: body, key: ScopeAnalyzer.key(expr.range, "lambda"), parent: scope)
        case .comprehension(let kind, let element, let value, let clauses):
            guard let first = clauses.first else { return }
            try visit(first.iterable, scope)
            // A generator expression runs lazily in its own frame, capturing like a function.
            let comp = Scope(kind: kind == .generator ? .function : .comprehension, parent: scope)
            comp.comprehensionKind = kind
            scope.children.append(comp)
            scopes[ScopeAnalyzer.key(expr.range, "comp")] = comp
            for (i, clause) in clauses.enumerated() {
                if i > 0 { try visit(clause.iterable, comp) }
                try bind(clause.target, comp)
                for c in clause.conditions { try visit(c, comp) }
            }
            try visit(element, comp)
            if let v = value { try visit(v, comp) }
        case .yield(let e):
            try noteYield(expr.range, scope)
            if let e = e { try visit(e, scope) }
        case .yieldFrom(let e):
            try noteYield(expr.range, scope)
            try visit(e, scope)
        }
    }

    /// Marks a function scope as a generator; CPython's errors elsewhere.
    func noteYield(_ range: SourceRange, _ scope: Scope) throws {
        if let kind = scope.comprehensionKind {
            throw error(kind == .generator ? "'yield' inside generator expression" : "'yield' inside \(kind.rawValue) comprehension", range)
        }
        if scope.kind != .function { throw error("'yield' outside function", range) }
        scope.hasYield = true
        scope.yieldCount += 1
    }

    /// `name := value` binds in the nearest enclosing scope that is not a comprehension
    /// (PEP 572); the comprehensions in between see the name as a free variable.
    func bindNamed(_ name: String, _ fullRange: SourceRange, _ scope: Scope) throws {
        // CPython points a single caret at the start of the expression.
        let range = SourceRange(line: fullRange.line, column: fullRange.column, endLine: fullRange.line, endColumn: fullRange.column + 1)
        var target = scope
        while target.kind == .comprehension, let parent = target.parent {
            if target.assigned.contains(name) {
                throw error("assignment expression cannot rebind comprehension iteration variable '\(name)'", range)
            }
            target.used.insert(name)
            target = parent
        }
        if target.kind == .classBody, target !== scope {
            throw error("assignment expression within a comprehension cannot be used in a class body", range)
        }
        target.assigned.insert(name)
    }

    mutating func visitParts(_ parts: [FStringPart], _ scope: Scope) throws {
        for p in parts {
            if case .field(let e, _, let spec, _) = p {
                try visit(e, scope)
                if let s = spec { try visitParts(s, scope) }
            }
        }
    }

    // MARK: - Resolution

    /// Post-order: each scope asks its enclosing scopes for the names it uses but does not bind.
    func resolve(_ scope: Scope) throws {
        for child in scope.children { try resolve(child) }
        guard scope.kind != .module, let parent = scope.parent else { return }
        let need: Scope.Need = scope.kind == .comprehension ? .inline : .capture
        for n in scope.used.sorted() where !scope.isLocal(n) && !scope.declaredGlobal.contains(n) && !scope.free.contains(n) {
            if try satisfy(n, need, from: parent) { scope.free.insert(n) }
        }
        for n in scope.declaredNonlocal.sorted() where !scope.free.contains(n) {
            guard parent.kind != .module, try satisfy(n, .capture, from: parent) else {
                let range = scope.nonlocalRanges[n] ?? SourceRange(line: 1, column: 0, endLine: 1, endColumn: 1)
                throw error("no binding for nonlocal '\(n)' found", range)
            }
            scope.free.insert(n)
        }
    }

    /// Whether an enclosing function scope provides `name` to a child of `scope`.
    func satisfy(_ name: String, _ need: Scope.Need, from scope: Scope) throws -> Bool {
        switch scope.kind {
        case .module:
            return false
        case .function, .comprehension:
            if scope.isLocal(name) {
                if need == .capture { scope.cells.insert(name) }
                return true
            }
            if scope.declaredGlobal.contains(name) { return false }
            if scope.free.contains(name) { return true }
            guard let parent = scope.parent else { return false }
            if try satisfy(name, scope.kind == .comprehension ? need : .capture, from: parent) {
                scope.free.insert(name)
                return true
            }
            return false
        case .classBody:
            if scope.free.contains(name) { return true }
            guard let parent = scope.parent else { return false }
            if try satisfy(name, .capture, from: parent) {
                scope.free.insert(name)
                return true
            }
            return false
        }
    }
}
