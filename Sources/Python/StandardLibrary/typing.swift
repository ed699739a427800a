// Python's `typing` module: annotations are accepted and ignored, so its names are plain
// objects that subscript (`List[int]`) and print as CPython prints them (`typing.List[int]`).
// Also the objects behind `list[int]` (types.GenericAlias) and `int | None` (types.UnionType).

/// A typing special form or generic (`typing.List`, `typing.Optional[int]`, `list[int]`).
final class PyGenericAlias: PyObject {
    let name: String
    let origin: Value
    let arguments: [Value]?

    /// `list[int]`: the builtin type subscripted.
    init(origin: Value, arguments: Value) {
        self.origin = origin
        name = (origin.asObject as? PyClass)?.name ?? "?"
        if case .object(let o) = arguments, let t = o as? PyTuple { self.arguments = t.items } else { self.arguments = [arguments] }
    }

    /// A `typing` name (`typing.List`), optionally subscripted.
    init(typingName: String, origin: Value = .none, arguments: [Value]? = nil) {
        name = typingName
        self.origin = origin
        self.arguments = arguments
    }

    override var pyClass: PyClass { PyGenericAlias.typeObject }
    static let typeObject = PyClass(name: "_GenericAlias", bases: [BuiltinTypes.object], moduleName: "typing")

    override func repr() throws -> String {
        guard let args = arguments else { return name }
        if args.isEmpty { return "\(name)[()]" }
        return "\(name)[\(try args.map(typeRepr).joined(separator: ", "))]"
    }

    override func getItem(_ key: Value) throws -> Value? {
        guard arguments == nil else { throw PyException.typeError("\(try repr()) is not a generic class") }
        var items: [Value]
        if case .object(let o) = key, let t = o as? PyTuple { items = t.items } else { items = [key] }
        switch name {
        case "typing.Optional":
            guard items.count == 1 else { throw PyException.typeError("typing.Optional requires a single type. Got \(try Python.repr(key)).") }
            if items[0].isNone { return .none }
        case "typing.Union":
            items = items.map { $0.isNone ? .object(BuiltinTypes.noneType) : $0 }
            if items.count == 1 { return items[0] }
            if items.count == 2, items[1].asObject === BuiltinTypes.noneType {
                return .object(PyGenericAlias(typingName: "typing.Optional", origin: origin, arguments: [items[0]]))
            }
        default: break
        }
        return .object(PyGenericAlias(typingName: name, origin: origin, arguments: items))
    }

    override func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard op == .bitOr, PyUnionType.isUnionMember(other) else { return nil }
        let items: [Value] = reflected ? [other, .object(self)] : [.object(self), other]
        return .object(PyGenericAlias(typingName: "typing.Union", arguments: items.map { $0.isNone ? .object(BuiltinTypes.noneType) : $0 }))
    }

    override var isCallable: Bool { origin.asObject?.isCallable ?? false }

    override func call(_ arguments: Arguments) throws -> Value? {
        guard case .object(let o) = origin, o.isCallable else {
            throw PyException.typeError("Type \(name.replacingOccurrences(of: "typing.", with: "")) cannot be instantiated; use \(name.lowercased().replacingOccurrences(of: "typing.", with: ""))() instead")
        }
        return try o.call(arguments)
    }

    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "__origin__": return origin
        case "__args__": return .tuple(arguments ?? [])
        default: return nil
        }
    }

    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        guard op == .equal || op == .notEqual else { return nil }
        var same = false
        if case .object(let o) = other, let g = o as? PyGenericAlias { same = (try? repr()) == (try? g.repr()) }
        return .bool(op == .equal ? same : !same)
    }

    override func hashValue() throws -> Int? { (try repr()).hashValue }
}

/// `int | None`: types.UnionType.
final class PyUnionType: PyObject {
    let members: [Value]
    init(_ members: [Value]) { self.members = members }

    static let typeObject = PyClass(name: "UnionType", bases: [BuiltinTypes.object], moduleName: "types")
    override var pyClass: PyClass { PyUnionType.typeObject }

    /// Whether `value` may appear in `X | Y` between types.
    static func isUnionMember(_ value: Value) -> Bool {
        if value.isNone { return true }
        guard case .object(let o) = value else { return false }
        return o is PyClass || o is PyUnionType || o is PyGenericAlias
    }

    static func make(_ items: [Value]) -> Value {
        var flat: [Value] = []
        for item in items {
            let v = item.isNone ? Value.object(BuiltinTypes.noneType) : item
            if case .object(let o) = v, let u = o as? PyUnionType { flat += u.members } else { flat.append(v) }
        }
        var unique: [Value] = []
        for v in flat where !unique.contains(where: { $0.isIdentical(to: v) }) { unique.append(v) }
        return unique.count == 1 ? unique[0] : .object(PyUnionType(unique))
    }

    override func repr() throws -> String {
        try members.map { $0.asObject === BuiltinTypes.noneType ? "None" : try typeRepr($0) }.joined(separator: " | ")
    }

    override func binaryOperation(_ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        guard op == .bitOr, PyUnionType.isUnionMember(other) else { return nil }
        return PyUnionType.make(reflected ? [other, .object(self)] : [.object(self), other])
    }

    override func getAttribute(_ name: String) throws -> Value? {
        name == "__args__" ? .tuple(members) : nil
    }
}

/// How typing prints a type inside brackets: `int`, `__main__.Point`, `typing.List[int]`, `...`.
func typeRepr(_ value: Value) throws -> String {
    if case .object(let o) = value {
        if let cls = o as? PyClass {
            if cls === BuiltinTypes.noneType { return "NoneType" }
            return cls.moduleName == "builtins" ? cls.name : "\(cls.moduleName).\(cls.name)"
        }
        if o is EllipsisObject { return "..." }
        if let list = o as? PyList { return "[\(try list.items.map(typeRepr).joined(separator: ", "))]" }
    }
    if value.isNone { return "None" }
    return try repr(value)
}

enum TypingModule {
    static let forms = ["Any", "List", "Dict", "Tuple", "Set", "FrozenSet", "Optional", "Union", "Callable", "Iterable",
                        "Iterator", "Sequence", "Mapping", "MutableMapping", "MutableSequence", "Type", "Literal", "Final",
                        "ClassVar", "Generator", "Hashable", "Sized", "Collection", "AbstractSet", "DefaultDict",
                        "OrderedDict", "Counter", "Deque", "Annotated", "NoReturn", "Awaitable", "Coroutine"]
    static let origins: [String: PyClass] = ["List": BuiltinTypes.list, "Dict": BuiltinTypes.dict, "Tuple": BuiltinTypes.tuple,
                                             "Set": BuiltinTypes.set, "FrozenSet": BuiltinTypes.frozenset, "Type": BuiltinTypes.type]

    static func make(_ interpreter: Interpreter) throws -> PyModule {
        let m = NativeModule(name: "typing")
        for name in forms {
            let origin = origins[name].map { Value.object($0) } ?? .none
            m.add(name, .object(PyGenericAlias(typingName: "typing.\(name)", origin: origin)))
        }
        m.add("TYPE_CHECKING", .false)
        m.add("Text", .object(BuiltinTypes.str))
        m.addFunction("cast", signature: "typ, val") { args in args["val"] }
        m.addFunction("overload", signature: "func") { args in args["func"] }
        m.addFunction("final", signature: "f") { args in args["f"] }
        m.addFunction("no_type_check", signature: "arg") { args in args["arg"] }
        m.addFunction("runtime_checkable", signature: "cls") { args in args["cls"] }
        m.addFunction("get_type_hints", signature: "obj, globalns=None, localns=None, include_extras=False") { args in
            if case .object(let o) = args["obj"], let a = try o.getAttribute("__annotations__") { return a }
            return .object(PyDict())
        }
        return try SourceModule.run(source, name: "typing", in: m.module, interpreter: interpreter)
    }

    static let source = #"""
class TypeVar:
    def __init__(self, name, *constraints, bound=None, covariant=False, contravariant=False):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = bound
        self.__covariant__ = covariant
        self.__contravariant__ = contravariant
    def __repr__(self):
        return ('+' if self.__covariant__ else '-' if self.__contravariant__ else '~') + self.__name__

class Generic:
    def __class_getitem__(cls, params):
        return cls

class Protocol(Generic):
    pass

def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    return new_type

class NamedTuple:
    def __init_subclass__(cls):
        fields = list(getattr(cls, '__annotations__', {}))
        defaults = {}
        for f in fields:
            if hasattr(cls, f):
                defaults[f] = getattr(cls, f)
            elif defaults:
                raise TypeError(f"Non-default namedtuple field {f} cannot follow default field{'s' if len(defaults) > 1 else ''} {', '.join(defaults)}")
        cls._fields = tuple(fields)
        cls._field_defaults = defaults
        def __init__(self, *args, **kwargs):
            if len(args) > len(fields):
                raise TypeError(f"{cls.__name__}.__new__() takes {len(fields) + 1} positional arguments but {len(args) + 1} were given")
            values = list(args)
            for f in fields[len(args):]:
                if f in kwargs:
                    values.append(kwargs.pop(f))
                elif f in defaults:
                    values.append(defaults[f])
                else:
                    missing = [g for g in fields[len(values):] if g not in kwargs and g not in defaults]
                    names = ' and '.join(', '.join(repr(m) for m in missing).rsplit(', ', 1))
                    raise TypeError(f"{cls.__name__}.__new__() missing {len(missing)} required positional argument{'s' if len(missing) > 1 else ''}: {names}")
            for k in kwargs:
                raise TypeError(f"{cls.__name__}.__new__() got an unexpected keyword argument '{k}'")
            object.__setattr__(self, '_values', tuple(values))
        cls.__init__ = __init__
        for i, f in enumerate(fields):
            setattr(cls, f, property(lambda self, i=i: self._values[i]))
    def __setattr__(self, name, value):
        raise AttributeError("can't set attribute")
    def __repr__(self):
        return type(self).__name__ + '(' + ', '.join(f'{f}={v!r}' for f, v in zip(self._fields, self._values)) + ')'
    def __iter__(self):
        return iter(self._values)
    def __len__(self):
        return len(self._values)
    def __getitem__(self, i):
        return self._values[i]
    def __eq__(self, other):
        if isinstance(other, NamedTuple):
            return self._values == other._values
        return self._values == other
    def __hash__(self):
        return hash(self._values)
    def __lt__(self, other):
        return self._values < tuple(other)
    def _asdict(self):
        return dict(zip(self._fields, self._values))
    def _replace(self, **kwargs):
        return type(self)(**{**self._asdict(), **kwargs})
    def count(self, v):
        return self._values.count(v)
    def index(self, v):
        return self._values.index(v)
"""#
}
