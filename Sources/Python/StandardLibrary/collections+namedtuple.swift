// `collections.namedtuple`: a tuple subclass factory — fields by name and index, defaults,
// `_asdict`, `_replace`, `_make`, `_fields`, and the repr `Point(x=1, y=2)`.

/// One namedtuple class's fields.
final class NamedTupleInfo {
    let typeName: String
    let fields: [String]
    let index: [String: Int]
    let defaults: [Value]

    init(typeName: String, fields: [String], defaults: [Value]) {
        self.typeName = typeName
        self.fields = fields
        self.defaults = defaults
        var index: [String: Int] = [:]
        for (i, f) in fields.enumerated() { index[f] = i }
        self.index = index
    }

    /// `Point.__new__(cls, *args, **kwargs)` binding with CPython's messages.
    func bind(_ args: Arguments) throws -> [Value] {
        let n = fields.count, required = n - defaults.count
        let name = "\(typeName).__new__()"
        if args.positional.count > n {
            let takes = defaults.isEmpty ? "\(n + 1)" : "from \(required + 1) to \(n + 1)"
            throw PyException.typeError("\(name) takes \(takes) positional arguments but \(args.positional.count + 1) were given")
        }
        var values = [Value?](repeating: nil, count: n)
        for (i, v) in args.positional.enumerated() { values[i] = v }
        for (k, v) in args.keywords {
            guard let i = index[k] else { throw PyException.typeError("\(name) got an unexpected keyword argument '\(k)'") }
            if values[i] != nil { throw PyException.typeError("\(name) got multiple values for argument '\(k)'") }
            values[i] = v
        }
        var missing: [String] = []
        for i in 0..<n where values[i] == nil {
            if i >= required { values[i] = defaults[i - required] } else { missing.append("'\(fields[i])'") }
        }
        if !missing.isEmpty {
            let list: String
            switch missing.count {
            case 1: list = missing[0]
            case 2: list = "\(missing[0]) and \(missing[1])"
            default: list = missing.dropLast().joined(separator: ", ") + ", and " + (missing.last ?? "")
            }
            throw PyException.typeError("\(name) missing \(missing.count) required positional argument\(missing.count == 1 ? "" : "s"): \(list)")
        }
        return values.map { $0 ?? .none }
    }
}

final class NamedTupleObject: PyTuple {
    let cls: PyClass
    let info: NamedTupleInfo

    init(cls: PyClass, info: NamedTupleInfo, items: [Value]) {
        self.cls = cls
        self.info = info
        super.init(items)
    }

    override var pyClass: PyClass { cls }

    override func getAttribute(_ name: String) throws -> Value? {
        if let i = info.index[name], i < items.count { return items[i] }
        return nil
    }

    override func setAttribute(_ name: String, _ value: Value) throws -> Bool {
        if info.index[name] != nil { throw PyException.attributeError("can't set attribute") }
        return false
    }

    override func repr() throws -> String {
        if case .object(let f)? = cls.lookup("__repr__"), f is PyFunction {
            let r = try callValue(.object(f), .object(self))
            guard case .str(let s) = r else { throw PyException.typeError("__repr__ returned non-string (type \(r.typeName))") }
            return s
        }
        return try ReprGuard.guarded(self, placeholder: "...") {
            var parts: [String] = []
            for (f, v) in zip(info.fields, items) { parts.append("\(f)=\(try Python.repr(v))") }
            return "\(cls.name)(\(parts.joined(separator: ", ")))"
        }
    }

    override func str() throws -> String? {
        if case .object(let f)? = cls.lookup("__str__"), f is PyFunction {
            return try Python.str(try callValue(.object(f), .object(self)))
        }
        return nil
    }
}

extension CollectionsModule {
    static func fieldNames(_ value: Value) throws -> [String] {
        if case .str(let s) = value {
            return s.replacingOccurrences(of: ",", with: " ").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        }
        return try iterateToArray(value).map { v in
            guard case .str(let s) = v else { throw PyException.typeError("Type names and field names must be strings") }
            return s
        }
    }

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first == "_" || first.properties.isAlphabetic else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || $0.properties.isAlphabetic || $0.properties.numericType != nil }
    }

    static func namedtuple(_ args: BoundArguments) throws -> Value {
        let typeName = try args.string("typename")
        var fields = try fieldNames(args["field_names"])
        let rename = try args.bool("rename")
        if rename {
            var seen = Set<String>()
            for (i, f) in fields.enumerated() {
                if !isIdentifier(f) || pythonKeywords.contains(f) || f.hasPrefix("_") || seen.contains(f) { fields[i] = "_\(i)" }
                seen.insert(fields[i])
            }
        }
        for name in [typeName] + fields {
            if !isIdentifier(name) { throw PyException.valueError("Type names and field names must be valid identifiers: \(stringRepr(name))") }
            if pythonKeywords.contains(name) { throw PyException.valueError("Type names and field names cannot be a keyword: \(stringRepr(name))") }
        }
        var seen = Set<String>()
        for f in fields {
            if f.hasPrefix("_") && !rename { throw PyException.valueError("Field names cannot start with an underscore: \(stringRepr(f))") }
            if seen.contains(f) { throw PyException.valueError("Encountered duplicate field name: \(stringRepr(f))") }
            seen.insert(f)
        }
        let defaults = args.isNone("defaults") ? [] : try iterateToArray(args["defaults"])
        if defaults.count > fields.count { throw PyException.typeError("Got more default values than field names") }
        let module = args.isNone("module") ? "__main__" : try args.string("module")
        return .object(try namedTupleClass(typeName, fields: fields, defaults: defaults, module: module).cls)
    }

    /// A namedtuple class (also used natively, e.g. `functools`' CacheInfo).
    static func namedTupleClass(_ typeName: String, fields: [String], defaults: [Value] = [], module: String) throws -> (cls: PyClass, info: NamedTupleInfo) {
        let info = NamedTupleInfo(typeName: typeName, fields: fields, defaults: defaults)
        let cls = PyClass(name: typeName, bases: [BuiltinTypes.tuple], moduleName: module)
        cls.constructor = { c, callArgs in .object(NamedTupleObject(cls: c, info: info, items: try info.bind(callArgs))) }
        cls.dict["_fields"] = .tuple(fields.map { .str($0) })
        cls.dict["__match_args__"] = .tuple(fields.map { .str($0) })
        let fieldDefaults = PyDict()
        for (f, d) in zip(fields.suffix(defaults.count), defaults) { try fieldDefaults.set(.str(f), d) }
        cls.dict["_field_defaults"] = .object(fieldDefaults)
        func this(_ a: Arguments) throws -> NamedTupleObject {
            guard case .object(let o)? = a.positional.first, let t = o as? NamedTupleObject else {
                throw PyException.typeError("descriptor requires a '\(typeName)' object")
            }
            return t
        }
        cls.method("_asdict") { a in
            let t = try this(a)
            let d = PyDict()
            for (f, v) in zip(info.fields, t.items) { try d.set(.str(f), v) }
            return .object(d)
        }
        cls.method("_replace") { a in
            let t = try this(a)
            var items = t.items
            var unknown: [Value] = []
            for (k, v) in a.keywords {
                if let i = info.index[k] { items[i] = v } else { unknown.append(.str(k)) }
            }
            if !unknown.isEmpty { throw PyException.valueError("Got unexpected field names: \(try Python.repr(.list(unknown)))") }
            return .object(NamedTupleObject(cls: t.cls, info: info, items: items))
        }
        cls.dict["_make"] = .object(PyClassMethod(.object(PyBuiltinFunction(name: "_make") { a in
            guard case .object(let o)? = a.positional.first, let c = o as? PyClass else { return .none }
            let items = try iterateToArray(a[1])
            if items.count != info.fields.count {
                throw PyException.typeError("Expected \(info.fields.count) arguments, got \(items.count)")
            }
            return .object(NamedTupleObject(cls: c, info: info, items: items))
        })))
        return (cls, info)
    }
}
