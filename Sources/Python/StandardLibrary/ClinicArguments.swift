// Argument errors worded as CPython's C modules word them (Argument Clinic and the
// older PyArg_UnpackTuple style), for the C-implemented modules here: itertools, heapq, bisect.

enum ClinicStyle {
    /// `combinations() missing required argument 'r' (pos 2)`, `count() takes at most 2 arguments (3 given)`.
    case clinic
    /// `cycle expected 1 argument, got 0`: positional-only, exactly the parameters.
    case exact
    /// `_heapq.heappop() takes exactly one argument (0 given)`, with the qualified name.
    case single(String)
}

extension Signature {
    /// Binds like `bind`, rewording arity errors in the given C style.
    func bind(_ arguments: Arguments, style: ClinicStyle) throws -> BoundArguments {
        let given = arguments.positional.count
        let total = parameters.filter { !$0.keywordOnly }.count
        switch style {
        case .exact:
            if given != total || !arguments.keywords.isEmpty {
                if !arguments.keywords.isEmpty { throw PyException.typeError("\(functionName)() takes no keyword arguments") }
                throw PyException.typeError("\(functionName) expected \(total) argument\(total == 1 ? "" : "s"), got \(given)")
            }
        case .single(let qualified):
            if given != 1 { throw PyException.typeError("\(qualified)() takes exactly one argument (\(given) given)") }
        case .clinic:
            if varArgs == nil, given > total {
                throw PyException.typeError("\(functionName)() takes at most \(total) argument\(total == 1 ? "" : "s") (\(given) given)")
            }
            let supplied = Set(arguments.keywords.map(\.0))
            for (i, p) in parameters.enumerated() where !p.keywordOnly && p.defaultValue == nil && i >= given && !supplied.contains(p.name) {
                throw PyException.typeError("\(functionName)() missing required argument '\(p.name)' (pos \(i + 1))")
            }
        }
        return try bind(arguments)
    }
}
