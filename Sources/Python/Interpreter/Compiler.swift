// The compiler: AST to executable nodes, resolving every name to a frame slot, a closure
// cell, a class-namespace entry or a global slot, using the scope analysis.

/// How a name is accessed in a given context.
enum NameAccess {
    case local(Int)
    case cell(Int, isFree: Bool)
    case global
    /// Class body: the namespace, then `fallback`.
    indirect case classBody(fallback: NameAccess)
}

/// Compile-time state of one scope (function, module, class body or inline comprehension).
final class CompileContext {
    let scope: Scope
    let parent: CompileContext?
    /// The context owning the frame (self, except for comprehensions).
    private(set) weak var hostContext: CompileContext?
    let info: CodeInfo
    var slots: [String: Int] = [:]
    let qualifiedPrefix: QualifiedName
    var receiverSlot: Int?
    /// In a generator function: the hidden slot linking its frame to the generator.
    var generatorSlot: Int?

    init(scope: Scope, parent: CompileContext?, info: CodeInfo, qualifiedPrefix: QualifiedName, inline: Bool) {
        self.scope = scope
        self.parent = parent
        self.info = info
        self.qualifiedPrefix = qualifiedPrefix
        self.hostContext = inline ? parent?.host : nil
    }

    var host: CompileContext { hostContext ?? self }

    func allocate() -> Int {
        let s = info.slotCount
        info.slotCount += 1
        return s
    }

    func resolve(_ name: String) -> NameAccess {
        switch scope.kind {
        case .module:
            return .global
        case .function:
            if scope.declaredGlobal.contains(name) { return .global }
            if let s = slots[name] {
                if scope.free.contains(name) { return .cell(s, isFree: true) }
                if scope.cells.contains(name) { return .cell(s, isFree: false) }
                return .local(s)
            }
            return .global
        case .classBody:
            if scope.declaredGlobal.contains(name) { return .global }
            let outer: NameAccess = scope.free.contains(name) ? slots[name].map { .cell($0, isFree: true) } ?? .global : .global
            if scope.isLocal(name) { return .classBody(fallback: outer) }
            return outer
        case .comprehension:
            if scope.isLocal(name), let s = slots[name] {
                return scope.cells.contains(name) ? .cell(s, isFree: false) : .local(s)
            }
            return parent?.resolveForChild(name) ?? .global
        }
    }

    /// Resolution seen from an inline comprehension nested here (class locals are invisible).
    func resolveForChild(_ name: String) -> NameAccess {
        if scope.kind == .classBody {
            if scope.free.contains(name), let s = slots[name] { return .cell(s, isFree: true) }
            return .global
        }
        return resolve(name)
    }
}

struct Compiler {
    let interpreter: Interpreter
    let globals: Globals
    let builtins: Globals
    let file: SourceFile
    var analyzer: ScopeAnalyzer
    /// `from __future__ import annotations`: annotations are kept as their source text.
    var postponedAnnotations = false

    init(interpreter: Interpreter, globals: Globals, file: SourceFile) {
        self.interpreter = interpreter
        self.globals = globals
        self.builtins = interpreter.builtins
        self.file = file
        self.analyzer = ScopeAnalyzer(file: file)
    }

    /// The source text a range covers (lines joined by a space), e.g. a postponed annotation.
    func sourceText(_ range: SourceRange) -> String {
        var parts: [String] = []
        for number in range.line...max(range.line, range.endLine) {
            guard let line = file.line(number) else { continue }
            let scalars = Array(line.unicodeScalars)
            let start = number == range.line ? min(range.column, scalars.count) : 0
            let end = number == range.endLine ? min(max(range.endColumn, start), scalars.count) : scalars.count
            var piece = String(String.UnicodeScalarView(scalars[start..<end]))
            if number != range.line { piece = piece.trimmingCharacters(in: .whitespaces) }
            parts.append(piece)
        }
        return parts.joined(separator: " ")
    }

    func syntaxError(_ message: String, _ range: SourceRange) -> ScriptSyntaxError {
        ScriptSyntaxError(message, filename: file.filename, line: range.line, column: range.column,
                          endColumn: range.endLine == range.line ? range.endColumn : nil, sourceLine: file.line(range.line))
    }

    /// Compiles module-level statements; returns the code and (if asked) the final bare
    /// expression compiled separately so its value can be echoed.
    mutating func compileModule(_ body: [Stmt], name: String, echoLast: Bool) throws -> (CodeInfo, ExprNode?) {
        // `from __future__` imports may follow only a docstring and each other.
        var seenOther = false
        for (i, stmt) in body.enumerated() {
            if case .importFrom("__future__", _, 0) = stmt.kind {
                if seenOther { throw syntaxError("from __future__ imports must occur at the beginning of the file", stmt.range) }
            } else if i == 0, case .expression(let e) = stmt.kind, case .constant(.string) = e.kind {
                continue
            } else {
                seenOther = true
            }
        }
        let scope = try analyzer.analyzeModule(body)
        postponedAnnotations = body.contains { statement in
            if case .importFrom("__future__", let names, 0) = statement.kind { return names.contains { $0.name == "annotations" } }
            return false
        }
        let info = CodeInfo(name: name, source: file, interpreter: interpreter, globals: globals)
        let context = CompileContext(scope: scope, parent: nil, info: info, qualifiedPrefix: .root, inline: false)
        var statements = body
        var last: ExprNode?
        if echoLast, let final = statements.last, case .expression(let e) = final.kind {
            statements.removeLast()
            last = try expression(e, context)
        }
        info.body = try block(statements, context)
        return (info, last)
    }

    mutating func block(_ body: [Stmt], _ c: CompileContext) throws -> [StmtNode] {
        try body.map { try statement($0, c) }
    }

    // MARK: - Names

    func load(_ name: String, _ range: SourceRange, _ c: CompileContext) -> ExprNode {
        access(c.resolve(name), name, range)
    }

    func access(_ a: NameAccess, _ name: String, _ range: SourceRange) -> ExprNode {
        switch a {
        case .local(let s): return LocalLoad(s, name, range)
        case .cell(let s, let isFree): return CellLoad(s, name, isFree: isFree, range)
        case .global: return GlobalLoad(globals.slot(name), builtins.slot(name), range)
        case .classBody(let fallback): return ClassLoad(name, fallback: access(fallback, name, range), range)
        }
    }

    func storeTarget(_ name: String, _ range: SourceRange, _ c: CompileContext) -> TargetNode {
        c.noteAssignment(name)
        switch c.resolve(name) {
        case .local(let s): return LocalTarget(s, name, range)
        case .cell(let s, _): return CellTarget(s, name, range)
        case .global: return GlobalTarget(globals.slot(name), range)
        case .classBody: return ClassTarget(name, range)
        }
    }

    mutating func target(_ e: Expr, _ c: CompileContext) throws -> TargetNode {
        switch e.kind {
        case .name(let n): return storeTarget(n, e.range, c)
        case .attribute(let o, let name): return AttributeTarget(try expression(o, c), name, e.range)
        case .subscript(let o, let k): return SubscriptTarget(try expression(o, c), try expression(k, c), e.range)
        case .tuple(let items), .list(let items):
            var targets: [TargetNode] = []
            var star: Int?
            for (i, item) in items.enumerated() {
                if case .starred(let inner) = item.kind {
                    if star != nil { throw syntaxError("multiple starred expressions in assignment", item.range) }
                    star = i
                    targets.append(try target(inner, c))
                } else {
                    targets.append(try target(item, c))
                }
            }
            return UnpackTarget(targets, starIndex: star, e.range)
        case .starred:
            throw syntaxError("starred assignment target must be in a list or tuple", e.range)
        default:
            throw syntaxError("cannot assign to expression", e.range)
        }
    }

    // MARK: - Statements

    mutating func statement(_ s: Stmt, _ c: CompileContext) throws -> StmtNode {
        switch s.kind {
        case .expression(let e):
            if case .yield(let value) = e.kind, let slot = c.host.generatorSlot {
                return YieldStmt(try value.map { try expression($0, c) }, linkSlot: slot, e.range)
            }
            return ExpressionStmt(try expression(e, c), s.range)
        case .assign(let targets, let value):
            return AssignStmt(try targets.map { try target($0, c) }, try expression(value, c), s.range)
        case .augmentedAssign(let t, let op, let value):
            let v = try expression(value, c)
            switch t.kind {
            case .name(let n):
                c.noteAssignment(n)
                if case .local(let slot) = c.resolve(n) { return LocalAugmentedStmt(slot, n, op, v, s.range) }
                return AugmentedStmt(.name(load: load(n, t.range, c), store: storeTarget(n, t.range, c)), op, v, s.range)
            case .attribute(let o, let name):
                return AugmentedStmt(.attribute(try expression(o, c), name), op, v, s.range)
            case .subscript(let o, let k):
                return AugmentedStmt(.subscript(try expression(o, c), try expression(k, c)), op, v, s.range)
            default:
                throw syntaxError("illegal expression for augmented assignment", t.range)
            }
        case .annotatedAssign(let t, let annotation, let value):
            let assignment = try value.map { AssignStmt([try target(t, c)], try expression($0, c), s.range) }
            // Simple names in class bodies and modules record the annotation (`__annotations__`).
            guard case .name(let n) = t.kind, c.scope.kind == .classBody || c.scope.kind == .module else {
                return assignment ?? FlowStmt(.normal, s.range)
            }
            let annotationNode: ExprNode = postponedAnnotations
                ? ConstantNode(.str(sourceText(annotation.range)), annotation.range)
                : try expression(annotation, c)
            let record = AnnotationStmt(n, annotationNode,
                                        moduleSlot: c.scope.kind == .module ? globals.slot("__annotations__") : nil, s.range)
            return assignment.map { SequenceStmt([$0, record], s.range) } ?? record
        case .if(let test, let body, let orElse):
            return IfStmt(try expression(test, c), try block(body, c), try block(orElse, c), s.range)
        case .for(let t, let iterable, let body, let orElse):
            return ForStmt(try target(t, c), try expression(iterable, c), try block(body, c), try block(orElse, c), s.range)
        case .while(let test, let body, let orElse):
            return WhileStmt(try expression(test, c), try block(body, c), try block(orElse, c), s.range)
        case .break: return FlowStmt(.breakLoop, s.range)
        case .continue: return FlowStmt(.continueLoop, s.range)
        case .pass: return FlowStmt(.normal, s.range)
        case .return(let e): return ReturnStmt(try e.map { try expression($0, c) }, s.range)
        case .functionDefinition(let def):
            let make = try function(name: def.name, parameters: def.parameters, body: def.body, expression: nil,
                                    key: ScopeAnalyzer.key(def.range, "def"), range: def.range, c)
            if let maker = make as? MakeFunctionNode {
                maker.annotations = try Compiler.annotations(def.parameters, returns: def.returns).map { name, e in
                    (name, postponedAnnotations ? ConstantNode(.str(sourceText(e.range)), e.range) : try expression(e, c))
                }
            }
            let decorators = try def.decorators.map { try expression($0, c) }
            return BindStmt(make, decorators: decorators, target: storeTarget(def.name, s.range, c), s.range)
        case .classDefinition(let cls):
            return try classDefinition(cls, s.range, c)
        case .with(let items, let body):
            var inner = try block(body, c)
            for item in items.reversed() {
                let t = try item.target.map { try target($0, c) }
                inner = [WithStmt(try expression(item.context, c), t, inner, s.range)]
            }
            return inner[0]
        case .try(let body, let handlers, let orElse, let finally):
            let compiledHandlers = try handlers.map { h in
                TryStmt.Handler(type: try h.type.map { try expression($0, c) },
                                target: h.name.map { storeTarget($0, h.range, c) },
                                body: try block(h.body, c))
            }
            return TryStmt(try block(body, c), compiledHandlers, try block(orElse, c), try block(finally, c), s.range)
        case .raise(let e, let cause):
            return RaiseStmt(try e.map { try expression($0, c) }, try cause.map { try expression($0, c) }, s.range)
        case .assert(let test, let message):
            // CPython 3.11 locates the failure at the last comparison the test branches on.
            func lastComparison(_ e: Expr) -> SourceRange? {
                switch e.kind {
                case .compare: return e.range
                case .boolean(_, let items): return items.compactMap(lastComparison).last
                case .unary(.not, let inner): return lastComparison(inner)
                default: return nil
                }
            }
            let statementRange = SourceRange(line: s.range.line, column: s.range.column, endLine: s.range.endLine + 1, endColumn: 0)
            return AssertStmt(try expression(test, c), try message.map { try expression($0, c) },
                              failureRange: lastComparison(test) ?? statementRange, s.range)
        case .global, .nonlocal:
            return FlowStmt(.normal, s.range)
        case .delete(let targets):
            return DeleteStmt(try targets.map { try target($0, c) }, s.range)
        case .import(let aliases):
            let nodes: [StmtNode] = aliases.map { a in
                let bound = a.asName ?? String(a.name.split(separator: ".").first ?? "")
                return ImportStmt(module: a.name, target: storeTarget(bound, s.range, c), bindsTop: a.asName == nil, s.range)
            }
            return nodes.count == 1 ? nodes[0] : SequenceStmt(nodes, s.range)
        case .importFrom(let module, let names, let level):
            if module == "__future__", level == 0 {
                return try futureImport(names, s.range)
            }
            if names.count == 1, names[0].name == "*" {
                if c.scope.kind != .module { throw syntaxError("import * only allowed at module level", s.range) }
                return ImportFromStmt(module: module, level: level, names: [], star: true, s.range)
            }
            return ImportFromStmt(module: module, level: level, names: names.map { ($0.name, storeTarget($0.asName ?? $0.name, s.range, c)) },
                                  star: false, s.range)
        }
    }

    /// A function's annotations in `__annotations__` order (parameters, then "return").
    static func annotations(_ p: Parameters, returns: Expr?) -> [(String, Expr)] {
        var result: [(String, Expr)] = []
        for q in p.positional { if let a = q.annotation { result.append((q.name, a)) } }
        if let v = p.varArgs, let a = p.varArgsAnnotation { result.append((v, a)) }
        for q in p.keywordOnly { if let a = q.annotation { result.append((q.name, a)) } }
        if let k = p.varKeywords, let a = p.varKeywordsAnnotation { result.append((k, a)) }
        if let r = returns { result.append(("return", r)) }
        return result
    }

    /// `from __future__ import ...`: a compiler directive (features of Python 3 are on).
    mutating func futureImport(_ names: [ImportAlias], _ range: SourceRange) throws -> StmtNode {
        let known: Set<String> = ["nested_scopes", "generators", "division", "absolute_import", "with_statement",
                                  "print_function", "unicode_literals", "generator_stop", "annotations"]
        let start = SourceRange(line: range.line, column: range.column, endLine: range.line, endColumn: range.column + 1)
        for alias in names {
            if alias.name == "braces" { throw syntaxError("not a chance", start) }
            guard known.contains(alias.name) else { throw syntaxError("future feature \(alias.name) is not defined", start) }
            if alias.name == "annotations" { postponedAnnotations = true }
        }
        return FlowStmt(.normal, range)
    }


    mutating func classDefinition(_ cls: ClassDefinition, _ range: SourceRange, _ c: CompileContext) throws -> StmtNode {
        guard let scope = analyzer.scopes[ScopeAnalyzer.key(range, "class")] else {
            throw syntaxError("internal error: class scope missing", range)
        }
        // `metaclass=M` is accepted when M stands for a base class (abc.ABCMeta → ABC), or is `type`.
        var metaclass: ExprNode?
        if cls.keywords.count == 1, case .keyword("metaclass", let m) = cls.keywords[0] {
            metaclass = try expression(m, c)
        } else if !cls.keywords.isEmpty {
            let isMetaclass = cls.keywords.contains { if case .keyword("metaclass", _) = $0 { return true }; return false }
            return UnsupportedFeatureStmt(isMetaclass ? "metaclasses (class \(cls.name)(metaclass=...)) are not supported in the lesson language"
                                                      : "class keyword arguments (class \(cls.name)(key=...)) are not supported in the lesson language", range)
        }
        let qualified = c.qualifiedPrefix + cls.name
        let info = CodeInfo(name: cls.name, source: file, interpreter: interpreter, globals: globals)
        let context = CompileContext(scope: scope, parent: c, info: info, qualifiedPrefix: qualified + ".", inline: false)
        let freeNames = scope.free.sorted()
        var freeSlots: [Int] = []
        for n in freeNames {
            let s = context.allocate()
            context.slots[n] = s
            freeSlots.append(s)
        }
        info.body = try block(cls.body, context)
        // A leading string literal is the class's `__doc__`.
        if let first = cls.body.first, case .expression(let e) = first.kind, case .constant(.string(let doc)) = e.kind {
            info.body.insert(AssignStmt([ClassTarget("__doc__", first.range)], ConstantNode(.str(doc), e.range), first.range), at: 0)
        }
        let closureSlots = freeNames.map { n -> Int in
            if case .cell(let s, _) = c.resolve(n) { return s }
            return -1
        }
        let make = MakeClassNode(name: cls.name, qualifiedName: qualified.description, bases: try cls.bases.map { try expression($0, c) },
                                 body: info, closureSlots: closureSlots.map { max($0, 0) }, freeSlots: freeSlots, range)
        make.metaclass = metaclass
        let decorators = try cls.decorators.map { try expression($0, c) }
        return BindStmt(make, decorators: decorators, target: storeTarget(cls.name, range, c), range)
    }

    /// Compiles a `def` or `lambda` into a node creating the function object.
    mutating func function(name: String, parameters: Parameters, body: [Stmt], expression bodyExpression: Expr?,
                           key: String, range: SourceRange, _ c: CompileContext) throws -> ExprNode {
        guard let scope = analyzer.scopes[key] else { throw syntaxError("internal error: function scope missing", range) }
        let qualified = c.qualifiedPrefix + name
        let info = CodeInfo(name: name, source: file, interpreter: interpreter, globals: globals)
        let code = FunctionCode(info: info, qualifiedName: qualified, parameters: parameters, range: range)
        let context = CompileContext(scope: scope, parent: c, info: info, qualifiedPrefix: qualified + ".<locals>.", inline: false)
        // Parameters first, in binding order.
        for n in parameters.allNames {
            let s = context.allocate()
            context.slots[n] = s
            if scope.cells.contains(n) { code.cellParameterSlots.append(s) }
        }
        if !parameters.allNames.isEmpty { context.receiverSlot = 0 }
        for n in scope.assigned.sorted() where context.slots[n] == nil && scope.isLocal(n) {
            let s = context.allocate()
            context.slots[n] = s
            if scope.cells.contains(n) { code.cellSlots.append(s) }
        }
        let freeNames = scope.free.sorted()
        for n in freeNames {
            let s = context.allocate()
            context.slots[n] = s
            code.freeSlots.append(s)
        }
        code.freeNames = freeNames
        if scope.hasYield {
            let slot = context.allocate()
            context.generatorSlot = slot
            let statements: [StmtNode]
            if let e = bodyExpression {
                statements = [ReturnStmt(try expression(e, context), e.range)]
            } else {
                statements = try block(body, context)
            }
            info.body = [MakeGeneratorStmt(statements, linkSlot: slot,
                                           resumable: ResumableBlock.make(statements, yields: scope.yieldCount), range)]
        } else if let e = bodyExpression {
            code.expressionBody = try expression(e, context)
        } else {
            info.body = try block(body, context)
            if let first = body.first, case .expression(let e) = first.kind, case .constant(.string(let doc)) = e.kind {
                code.docString = doc
            }
        }
        code.body = info.body
        code.needsCellSetup = !code.cellParameterSlots.isEmpty || !code.cellSlots.isEmpty || !code.freeSlots.isEmpty
        var defaults: [ExprNode] = []
        for p in parameters.positional { if let d = p.defaultValue { defaults.append(try expression(d, c)) } }
        var keywordDefaults: [(String, ExprNode)] = []
        for p in parameters.keywordOnly { if let d = p.defaultValue { keywordDefaults.append((p.name, try expression(d, c))) } }
        let closureSlots = freeNames.map { n -> Int in
            if case .cell(let s, _) = c.resolve(n) { return s }
            return -1
        }
        return MakeFunctionNode(code, defaults: defaults, keywordDefaults: keywordDefaults,
                                closureSlots: closureSlots.map { max($0, 0) }, range)
    }

    // MARK: - Expressions

    mutating func elements(_ items: [Expr], _ c: CompileContext) throws -> [Element] {
        try items.map { item in
            if case .starred(let inner) = item.kind { return Element(node: try expression(inner, c), starred: true) }
            return Element(node: try expression(item, c), starred: false)
        }
    }

    mutating func arguments(_ args: [Argument], _ c: CompileContext) throws -> [CallArgument] {
        try args.map { a in
            switch a {
            case .positional(let e): return .positional(try expression(e, c))
            case .starred(let e): return .starred(try expression(e, c))
            case .keyword(let n, let e): return .keyword(n, try expression(e, c))
            case .doubleStarred(let e): return .doubleStarred(try expression(e, c))
            }
        }
    }

    mutating func fstring(_ parts: [FStringPart], _ range: SourceRange, _ c: CompileContext) throws -> FormattedStringNode {
        var pieces: [FormattedStringNode.Piece] = []
        for p in parts {
            switch p {
            case .literal(let s): pieces.append(.literal(s))
            case .field(let e, let conversion, let spec, let debug):
                pieces.append(.field(try expression(e, c), conversion: conversion,
                                     spec: try spec.map { try fstring($0, range, c) }, debug: debug))
            }
        }
        return FormattedStringNode(pieces, range)
    }

    static func constant(_ k: Constant) -> Value {
        switch k {
        case .none: return .none
        case .ellipsis: return .object(EllipsisObject.shared)
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .str(s)
        case .bytes(let b): return .object(PyBytes(b))
        }
    }

    mutating func expression(_ e: Expr, _ c: CompileContext) throws -> ExprNode {
        switch e.kind {
        case .name(let n): return load(n, e.range, c)
        case .namedAssignment(let name, let value):
            return NamedAssignmentNode(storeTarget(name, e.range, c), try expression(value, c), e.range)
        case .constant(let k): return ConstantNode(Compiler.constant(k), e.range)
        case .formattedString(let parts): return try fstring(parts, e.range, c)
        case .unary(let op, let operand):
            if op == .minus, case .constant(.int(let i)) = operand.kind { return ConstantNode(.int(-i), e.range) }
            if op == .minus, case .constant(.float(let d)) = operand.kind { return ConstantNode(.float(-d), e.range) }
            return UnaryNode(op, try expression(operand, c), e.range)
        case .binary(let op, let a, let b):
            return BinaryNode(op, try expression(a, c), try expression(b, c), e.range)
        case .boolean(let isAnd, let items):
            return BooleanNode(isAnd: isAnd, try items.map { try expression($0, c) }, e.range)
        case .compare(let first, let ops, let rest):
            return CompareNode(try expression(first, c), ops, try rest.map { try expression($0, c) }, e.range)
        case .call(let f, let args):
            if case .name("super") = f.kind, args.isEmpty, case .global = c.resolve("super") {
                return SuperNode(receiverSlot: c.host.receiverSlot, e.range)
            }
            if case .attribute(let receiver, let name) = f.kind {
                let nameRange = SourceRange(line: f.range.endLine, column: max(0, f.range.endColumn - name.unicodeScalars.count),
                                            endLine: f.range.endLine, endColumn: f.range.endColumn)
                let call = MethodCallNode(try expression(receiver, c), name, try arguments(args, c), e.range, nameRange: nameRange)
                if call.arguments.count == 1, case .positional(let a) = call.arguments[0], let g = a as? ComprehensionNode, g.kind == .generator {
                    g.callRange = e.range
                }
                return call
            }
            let call = CallNode(try expression(f, c), try arguments(args, c), e.range)
            if call.arguments.count == 1, case .positional(let a) = call.arguments[0], let g = a as? ComprehensionNode, g.kind == .generator {
                g.callRange = e.range
            }
            return call
        case .attribute(let o, let name): return AttributeNode(try expression(o, c), name, e.range)
        case .subscript(let o, let k): return SubscriptNode(try expression(o, c), try expression(k, c), e.range)
        case .slice(let a, let b, let s):
            return SliceNode(try a.map { try expression($0, c) }, try b.map { try expression($0, c) },
                             try s.map { try expression($0, c) }, e.range)
        case .tuple(let items):
            if items.allSatisfy({ if case .constant = $0.kind { return true }; return false }) {
                return ConstantNode(.tuple(items.map { item -> Value in
                    if case .constant(let k) = item.kind { return Compiler.constant(k) }
                    return .none
                }), e.range)
            }
            return TupleNode(try elements(items, c), e.range)
        case .list(let items): return ListNode(try elements(items, c), e.range)
        case .set(let items): return SetNode(try elements(items, c), e.range)
        case .dict(let keys, let values):
            return DictNode(try keys.map { try $0.map { try expression($0, c) } }, try values.map { try expression($0, c) }, e.range)
        case .starred:
            throw syntaxError("can't use starred expression here", e.range)
        case .conditional(let test, let body, let orElse):
            return ConditionalNode(try expression(test, c), try expression(body, c), try expression(orElse, c), e.range)
        case .lambda(let parameters, let body):
            return try function(name: "<lambda>", parameters: parameters, body: [], expression: body,
                                key: ScopeAnalyzer.key(e.range, "lambda"), range: e.range, c)
        case .comprehension(let kind, let element, let value, let clauses):
            return try comprehension(kind, element, value, clauses, e.range, c)
        case .yield(let value):
            guard let slot = c.host.generatorSlot else { throw syntaxError("'yield' outside function", e.range) }
            return YieldNode(try value.map { try expression($0, c) }, linkSlot: slot, e.range)
        case .yieldFrom(let source):
            guard let slot = c.host.generatorSlot else { throw syntaxError("'yield' outside function", e.range) }
            return YieldFromNode(try expression(source, c), linkSlot: slot, e.range)
        }
    }

    mutating func comprehension(_ kind: ComprehensionKind, _ element: Expr, _ value: Expr?, _ clauses: [ComprehensionClause],
                                _ range: SourceRange, _ c: CompileContext) throws -> ExprNode {
        guard let scope = analyzer.scopes[ScopeAnalyzer.key(range, "comp")], let first = clauses.first else {
            throw syntaxError("internal error: comprehension scope missing", range)
        }
        if kind == .generator { return try generatorExpression(element, clauses, scope, range, c) }
        let firstIterable = try expression(first.iterable, c)
        let context = CompileContext(scope: scope, parent: c, info: c.host.info, qualifiedPrefix: c.qualifiedPrefix + "<listcomp>.<locals>.", inline: true)
        var cellSlots: [Int] = []
        for n in scope.assigned.sorted() {
            let s = context.host.allocate()
            context.slots[n] = s
            if scope.cells.contains(n) { cellSlots.append(s) }
        }
        var compiled: [ComprehensionNode.Clause] = []
        for (i, clause) in clauses.enumerated() {
            let iterable = i == 0 ? firstIterable : try expression(clause.iterable, context)
            compiled.append(ComprehensionNode.Clause(target: try target(clause.target, context), iterable: iterable,
                                                     conditions: try clause.conditions.map { try expression($0, context) }))
        }
        return ComprehensionNode(kind, compiled, element: try expression(element, context),
                                 value: try value.map { try expression($0, context) }, cellSlots: cellSlots, range)
    }
}

extension Compiler {
    /// A generator expression: its own code and frame (like a function), closing over the
    /// enclosing scope's cells; the first iterable is evaluated in the enclosing scope.
    mutating func generatorExpression(_ element: Expr, _ clauses: [ComprehensionClause], _ scope: Scope,
                                      _ range: SourceRange, _ c: CompileContext) throws -> ExprNode {
        let firstIterable = try expression(clauses[0].iterable, c)
        let info = CodeInfo(name: "<genexpr>", source: file, interpreter: interpreter, globals: globals)
        let context = CompileContext(scope: scope, parent: c, info: info, qualifiedPrefix: c.qualifiedPrefix + "<genexpr>.<locals>.", inline: false)
        var cellSlots: [Int] = []
        for n in scope.assigned.sorted() {
            let s = context.allocate()
            context.slots[n] = s
            if scope.cells.contains(n) { cellSlots.append(s) }
        }
        let freeNames = scope.free.sorted()
        var freeSlots: [Int] = []
        for n in freeNames where context.slots[n] == nil {
            let s = context.allocate()
            context.slots[n] = s
            freeSlots.append(s)
        }
        var compiled: [GeneratorExpressionCode.Clause] = []
        for (i, clause) in clauses.enumerated() {
            let iterable = i == 0 ? firstIterable : try expression(clause.iterable, context)
            let target = try target(clause.target, context)
            compiled.append(GeneratorExpressionCode.Clause(target: target, localSlot: (target as? LocalTarget)?.slot, iterable: iterable,
                                                           conditions: try clause.conditions.map { try expression($0, context) }))
        }
        let closureSlots = freeNames.map { n -> Int in
            if case .cell(let s, _) = c.resolveForChild(n) { return s }
            return 0
        }
        let code = GeneratorExpressionCode(info: info, qualifiedName: (c.qualifiedPrefix + "<genexpr>").description, range: range,
                                           clauses: compiled, element: try expression(element, context),
                                           cellSlots: cellSlots, freeSlots: freeSlots, closureSlots: closureSlots)
        return GeneratorExpressionNode(code, firstIterable: firstIterable, range)
    }
}

/// Several statements compiled from one (e.g. `import a, b`).
final class SequenceStmt: StmtNode {
    let body: [StmtNode]
    init(_ body: [StmtNode], _ range: SourceRange) {
        self.body = body
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow { try execBlock(body, f) }
}

/// The body of a construct the lesson language does not run (generator functions).
final class RaiseNotImplementedStmt: StmtNode {
    let message: String
    init(_ message: String, _ range: SourceRange) {
        self.message = message
        super.init(range)
    }
    override func exec(_ f: Frame) throws -> Flow {
        let e = PyException.notImplemented(message)
        e.note(range)
        throw e
    }
}
