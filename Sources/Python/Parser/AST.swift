// The syntax tree of the lesson language: Python's AST shapes, every node with its
// source range (used for tracebacks and for the shell's error carets).

/// An expression node.
public struct Expr: Equatable {
    public var kind: ExprKind
    public var range: SourceRange

    public init(_ kind: ExprKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// A literal value.
public enum Constant: Equatable {
    case none, ellipsis
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    case bytes([UInt8])
}

public enum UnaryOperator: String, Equatable { case plus = "+", minus = "-", invert = "~", not = "not" }

public enum BinaryOperator: String, Equatable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", matrixMultiply = "@", divide = "/"
    case floorDivide = "//", modulo = "%", power = "**", leftShift = "<<", rightShift = ">>"
    case bitOr = "|", bitXor = "^", bitAnd = "&"
}

public enum CompareOperator: String, Equatable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case `in` = "in", notIn = "not in", `is` = "is", isNot = "is not"
}

/// One argument at a call site.
public enum Argument: Equatable {
    case positional(Expr)
    case starred(Expr)
    case keyword(String, Expr)
    case doubleStarred(Expr)
}

/// A piece of an f-string: literal text, or a `{expression!conversion:spec}` field.
public enum FStringPart: Equatable {
    case literal(String)
    /// `debugText` is the `expr=` text echoed before the value for `{expr=}`.
    case field(Expr, conversion: Character?, spec: [FStringPart]?, debugText: String?)
}

/// `for target in iterable if condition...` inside a comprehension.
public struct ComprehensionClause: Equatable {
    public var target: Expr
    public var iterable: Expr
    public var conditions: [Expr]
}

public enum ComprehensionKind: String, Equatable { case list, set, dict, generator }

public indirect enum ExprKind: Equatable {
    case name(String)
    case constant(Constant)
    case formattedString([FStringPart])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
    /// `a and b and c` (isAnd) or `a or b`.
    case boolean(isAnd: Bool, [Expr])
    /// `a < b <= c`: the first operand, then (operator, operand) pairs.
    case compare(Expr, [CompareOperator], [Expr])
    case call(Expr, [Argument])
    case attribute(Expr, String)
    case `subscript`(Expr, Expr)
    case slice(Expr?, Expr?, Expr?)
    case tuple([Expr])
    case list([Expr])
    case set([Expr])
    /// Entries; a nil key is a `**mapping` entry.
    case dict([Expr?], [Expr])
    case starred(Expr)
    case conditional(test: Expr, body: Expr, orElse: Expr)
    case lambda(Parameters, Expr)
    /// `name := value`.
    case namedAssignment(String, Expr)
    case comprehension(ComprehensionKind, element: Expr, value: Expr?, [ComprehensionClause])
    case yield(Expr?)
    /// `yield from iterable`: delegates to a sub-iterator; its value is the sub-generator's return value.
    case yieldFrom(Expr)
}

/// One parameter of a `def` or `lambda`.
public struct Parameter: Equatable {
    public var name: String
    public var defaultValue: Expr?
    public var range: SourceRange
    /// `name: annotation`.
    public var annotation: Expr? = nil
}

/// A parameter list: `def f(a, b=1, /, c, *args, d, e=2, **kwargs)`.
public struct Parameters: Equatable {
    public var positional: [Parameter] = []
    public var positionalOnlyCount = 0
    public var varArgs: String?
    public var keywordOnly: [Parameter] = []
    public var varKeywords: String?
    /// Annotations of `*args` and `**kwargs`.
    public var varArgsAnnotation: Expr?
    public var varKeywordsAnnotation: Expr?

    public var allNames: [String] {
        var names = positional.map(\.name)
        if let v = varArgs { names.append(v) }
        names += keywordOnly.map(\.name)
        if let k = varKeywords { names.append(k) }
        return names
    }
}

public struct FunctionDefinition: Equatable {
    public var name: String
    public var parameters: Parameters
    public var body: [Stmt]
    public var decorators: [Expr]
    public var range: SourceRange
    /// `-> annotation`.
    public var returns: Expr? = nil
}

public struct ClassDefinition: Equatable {
    public var name: String
    public var bases: [Expr]
    public var keywords: [Argument]
    public var body: [Stmt]
    public var decorators: [Expr]
}

public struct ExceptHandler: Equatable {
    public var type: Expr?
    public var name: String?
    public var body: [Stmt]
    public var range: SourceRange
}

public struct WithItem: Equatable {
    public var context: Expr
    public var target: Expr?
}

/// `import a.b as c` / `from m import a as b`.
public struct ImportAlias: Equatable {
    public var name: String
    public var asName: String?
}

public struct Stmt: Equatable {
    public var kind: StmtKind
    public var range: SourceRange

    public init(_ kind: StmtKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

public indirect enum StmtKind: Equatable {
    case expression(Expr)
    case assign(targets: [Expr], value: Expr)
    case augmentedAssign(target: Expr, BinaryOperator, value: Expr)
    case annotatedAssign(target: Expr, annotation: Expr, value: Expr?)
    case `if`(test: Expr, body: [Stmt], orElse: [Stmt])
    case `for`(target: Expr, iterable: Expr, body: [Stmt], orElse: [Stmt])
    case `while`(test: Expr, body: [Stmt], orElse: [Stmt])
    case `break`, `continue`, pass
    case functionDefinition(FunctionDefinition)
    case classDefinition(ClassDefinition)
    case `return`(Expr?)
    case with([WithItem], body: [Stmt])
    case `try`(body: [Stmt], handlers: [ExceptHandler], orElse: [Stmt], finally: [Stmt])
    case raise(Expr?, cause: Expr?)
    case assert(Expr, message: Expr?)
    case global([String])
    case nonlocal([String])
    case delete([Expr])
    case `import`([ImportAlias])
    case importFrom(module: String, names: [ImportAlias], level: Int)
}

/// A parsed module: its statements and its source text.
public struct Module {
    public var body: [Stmt]
    public var source: SourceFile
}
