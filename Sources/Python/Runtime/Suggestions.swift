// CPython 3.11's "Did you mean" for NameError and AttributeError (Python/suggestions.c):
// the closest candidate by a Levenshtein distance where case changes cost 1 and other
// edits 2, accepted when at most a third of the characters change.

enum Suggestions {
    private static let moveCost = 2
    private static let caseCost = 1
    private static let maxStringSize = 40
    private static let maxCandidates = 750

    private static func substitutionCost(_ a: UInt8, _ b: UInt8) -> Int {
        if a & 31 != b & 31 { return moveCost }
        if a == b { return 0 }
        func lower(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }
        return lower(a) == lower(b) ? caseCost : moveCost
    }

    static func distance(_ a: [UInt8], _ b: [UInt8], maxCost: Int) -> Int {
        var a = a[...], b = b[...]
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

    /// The closest of `candidates` to `name`, or nil.
    static func closest(to name: String, in candidates: [String]) -> String? {
        guard candidates.count < maxCandidates else { return nil }
        let nameBytes = Array(name.utf8)
        var best: String?
        var bestDistance = Int.max
        for item in candidates where item != name {
            let itemBytes = Array(item.utf8)
            var maxDistance = (nameBytes.count + itemBytes.count + 3) * moveCost / 6
            maxDistance = min(maxDistance, bestDistance - 1)
            let d = distance(nameBytes, itemBytes, maxCost: maxDistance)
            if d > maxDistance { continue }
            if best == nil || d < bestDistance {
                best = item
                bestDistance = d
            }
        }
        return best
    }

    /// `dir(value)` as CPython lists it, for AttributeError suggestions.
    static func dir(_ value: Value) -> [String] {
        var names = Set<String>(objectDunders)
        if case .object(let o) = value {
            names.formUnion(o.attributeNames())
            let userClass: PyClass?
            if let c = o as? PyClass {
                for k in c.mro.flatMap({ $0.dict.keys }) { names.insert(k) }
                userClass = c
            } else {
                userClass = (o as? PyInstance)?.cls
            }
            if let c = userClass, c.mro.contains(where: { $0.moduleName == "__main__" }) {
                names.formUnion(["__dict__", "__module__", "__weakref__"])
            }
        }
        for c in value.pyClass.mro { names.formUnion(c.dict.keys) }
        return names.sorted()
    }

    static let objectDunders = ["__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__", "__ge__",
                                "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__",
                                "__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__",
                                "__setattr__", "__sizeof__", "__str__", "__subclasshook__"]

    /// CPython's builtins in their dict order (ties go to the first candidate).
    static let builtinOrder = ["__name__", "__doc__", "__package__", "__loader__", "__spec__", "__build_class__", "__import__",
        "abs", "all", "any", "ascii", "bin", "breakpoint", "callable", "chr", "compile", "delattr", "dir", "divmod", "eval",
        "exec", "format", "getattr", "globals", "hasattr", "hash", "hex", "id", "input", "isinstance", "issubclass", "iter",
        "aiter", "len", "locals", "max", "min", "next", "anext", "oct", "ord", "pow", "print", "repr", "round", "setattr",
        "sorted", "sum", "vars", "None", "Ellipsis", "NotImplemented", "False", "True", "bool", "memoryview", "bytearray",
        "bytes", "classmethod", "complex", "dict", "enumerate", "filter", "float", "frozenset", "property", "int", "list",
        "map", "object", "range", "reversed", "set", "slice", "staticmethod", "str", "super", "tuple", "type", "zip",
        "__debug__", "BaseException", "BaseExceptionGroup", "Exception", "GeneratorExit", "KeyboardInterrupt", "SystemExit",
        "ArithmeticError", "AssertionError", "AttributeError", "BufferError", "EOFError", "ImportError", "LookupError",
        "MemoryError", "NameError", "OSError", "ReferenceError", "RuntimeError", "StopAsyncIteration", "StopIteration",
        "SyntaxError", "SystemError", "TypeError", "ValueError", "Warning", "FloatingPointError", "OverflowError",
        "ZeroDivisionError", "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning", "ImportWarning",
        "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning", "SyntaxWarning", "UnicodeWarning", "UserWarning",
        "BlockingIOError", "ChildProcessError", "ConnectionError", "FileExistsError", "FileNotFoundError", "InterruptedError",
        "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError", "TimeoutError", "IndentationError",
        "IndexError", "KeyError", "ModuleNotFoundError", "NotImplementedError", "RecursionError", "UnboundLocalError",
        "UnicodeError", "BrokenPipeError", "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError",
        "TabError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError", "ExceptionGroup",
        "EnvironmentError", "IOError", "open", "quit", "exit", "copyright", "credits", "license", "help"]

    /// CPython's builtin names in its order (what it would suggest), then any of ours it lacks.
    static func builtinNames(_ builtins: Globals) -> [String] {
        let known = Set(builtinOrder)
        return builtinOrder + builtins.items().map(\.0).filter { !known.contains($0) }
    }
}

extension PyException {
    /// The "Did you mean" name for a NameError/AttributeError (exact types, as CPython).
    public var suggestion: String? {
        guard cls === BuiltinTypes.nameError || cls === BuiltinTypes.attributeError,
              let name = missingName, let sources = suggestionSources else { return nil }
        for candidates in sources() {
            if let s = Suggestions.closest(to: name, in: candidates) { return s }
        }
        return nil
    }
}
