// Python's `dataclasses`: @dataclass with CPython's generated __init__/__repr__/__eq__/order,
// frozen instances, field(), fields/asdict/astuple/replace, and CPython's error messages.
// Written in the lesson language; class annotations arrive in order in `__annotations__`.

enum DataclassesModule {
    static let make = SourceModule.make("dataclasses", source)

    static let source = #"""
class _MISSING_TYPE:
    def __repr__(self):
        return 'MISSING'
MISSING = _MISSING_TYPE()

class FrozenInstanceError(AttributeError):
    pass
FrozenInstanceError.__module__ = 'dataclasses'

class InitVar:
    def __init__(self, type):
        self.type = type
    def __repr__(self):
        type_name = self.type.__name__ if isinstance(self.type, type) else repr(self.type)
        return f'dataclasses.InitVar[{type_name}]'
    def __class_getitem__(cls, type):
        return InitVar(type)

class KW_ONLY:
    pass

class _HAS_DEFAULT_FACTORY_CLASS:
    def __repr__(self):
        return '<factory>'
_HAS_DEFAULT_FACTORY = _HAS_DEFAULT_FACTORY_CLASS()

def _init_signature(init_fields):
    import inspect
    P = inspect.Parameter
    params = [P('self', P.POSITIONAL_OR_KEYWORD)]
    for f in sorted(init_fields, key=lambda f: bool(f.kw_only)):
        if f.default is not MISSING:
            default = f.default
        elif f.default_factory is not MISSING:
            default = _HAS_DEFAULT_FACTORY
        else:
            default = P.empty
        params.append(P(f.name, P.KEYWORD_ONLY if f.kw_only else P.POSITIONAL_OR_KEYWORD, default=default, annotation=f.type))
    return inspect.Signature(params, return_annotation=None)

class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._initvar = False
    def __repr__(self):
        return (f'Field(name={self.name!r},type={self.type!r},default={self.default!r},'
                f'default_factory={self.default_factory!r},init={self.init!r},repr={self.repr!r},'
                f'hash={self.hash!r},compare={self.compare!r},metadata={self.metadata!r},'
                f'kw_only={self.kw_only!r},_field_type=_FIELD)')

def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True, hash=None, compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError('cannot specify both default and default_factory')
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)

def _is_classvar(annotation):
    return repr(annotation).startswith('typing.ClassVar')

def _plural(n, word):
    return f'{n} {word}' if n == 1 else f'{n} {word}s'

def _names_text(names):
    quoted = [repr(n) for n in names]
    if len(quoted) == 1:
        return quoted[0]
    if len(quoted) == 2:
        return quoted[0] + ' and ' + quoted[1]
    return ', '.join(quoted[:-1]) + ', and ' + quoted[-1]

def _make_init(cls, init_fields, other_fields, frozen, has_post_init):
    qualname = cls.__qualname__ + '.__init__'
    positional = [f for f in init_fields if not f.kw_only]
    keyword_only = [f for f in init_fields if f.kw_only]
    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            most = len(positional) + 1
            least = 1 + len([f for f in positional if f.default is MISSING and f.default_factory is MISSING])
            takes = f'{most} positional argument{"" if most == 1 else "s"}' if least == most else f'from {least} to {most} positional arguments'
            raise TypeError(f'{qualname}() takes {takes} but {len(args) + 1} were given')
        values = {}
        for f, v in zip(positional, args):
            values[f.name] = v
        for k, v in kwargs.items():
            if not any(f.name == k for f in init_fields):
                raise TypeError(f"{qualname}() got an unexpected keyword argument '{k}'")
            if k in values:
                raise TypeError(f"{qualname}() got multiple values for argument '{k}'")
            values[k] = v
        missing = [f.name for f in positional if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            raise TypeError(f'{qualname}() missing {len(missing)} required positional argument{"s" if len(missing) > 1 else ""}: {_names_text(missing)}')
        missing = [f.name for f in keyword_only if f.name not in values and f.default is MISSING and f.default_factory is MISSING]
        if missing:
            raise TypeError(f'{qualname}() missing {len(missing)} required keyword-only argument{"s" if len(missing) > 1 else ""}: {_names_text(missing)}')
        initvars = []
        for f in init_fields:
            if f.name in values:
                v = values[f.name]
            elif f.default_factory is not MISSING:
                v = f.default_factory()
            else:
                v = f.default
            if f._initvar:
                initvars.append(v)
                continue
            if frozen:
                object.__setattr__(self, f.name, v)
            else:
                setattr(self, f.name, v)
        for f in other_fields:
            if f.default_factory is not MISSING:
                v = f.default_factory()
            elif f.default is not MISSING:
                v = f.default
            else:
                continue
            if frozen:
                object.__setattr__(self, f.name, v)
            else:
                setattr(self, f.name, v)
        if has_post_init:
            self.__post_init__(*initvars)
    return __init__

def _tuple_of(obj, fields):
    return tuple(getattr(obj, f.name) for f in fields)

def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only):
    all_fields = {}
    for base in cls.__mro__[-1:0:-1]:
        base_fields = base.__dict__.get('__dataclass_fields__')
        if base_fields is not None:
            for f in base_fields.values():
                all_fields[f.name] = f
    annotations = cls.__dict__.get('__annotations__', {})
    own = []
    keyword_only_from_here = False
    for name, annotation in annotations.items():
        if _is_classvar(annotation):
            continue
        if annotation is KW_ONLY:
            keyword_only_from_here = True
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = Field(default, MISSING, True, True, None, True, None, MISSING)
        f.name = name
        f.type = annotation
        f._initvar = isinstance(annotation, InitVar) or annotation is InitVar
        if f.kw_only is MISSING:
            f.kw_only = kw_only or keyword_only_from_here
        if f.default is not MISSING and type(f.default) in (list, dict, set):
            raise ValueError(f'mutable default {type(f.default)} for field {name} is not allowed: use default_factory')
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        all_fields[name] = f
        own.append(f)
    for name, value in cls.__dict__.items():
        if isinstance(value, Field) and name not in annotations:
            raise TypeError(f'{name!r} is a field but has no type annotation')
    cls.__dataclass_fields__ = all_fields
    init_list = list(all_fields.values())
    fields_list = [f for f in init_list if not f._initvar]
    cls.__dataclass_params__ = (init, repr, eq, order, unsafe_hash, frozen)
    cls.__match_args__ = tuple(f.name for f in fields_list if f.init)
    if init:
        init_fields = [f for f in init_list if f.init]
        seen_default = False
        for f in init_fields:
            if f.kw_only:
                continue
            if f.default is not MISSING or f.default_factory is not MISSING:
                seen_default = True
            elif seen_default:
                raise TypeError(f'non-default argument {f.name!r} follows default argument')
        other_fields = [f for f in fields_list if not f.init]
        cls.__init__ = _make_init(cls, init_fields, other_fields, frozen, hasattr(cls, '__post_init__'))
        cls.__init__.__signature__ = _init_signature(init_fields)
    repr_fields = [f for f in fields_list if f.repr]
    if repr and '__repr__' not in cls.__dict__:
        def __repr__(self):
            return self.__class__.__qualname__ + '(' + ', '.join(f'{f.name}={getattr(self, f.name)!r}' for f in repr_fields) + ')'
        cls.__repr__ = __repr__
    compare_fields = [f for f in fields_list if f.compare]
    if eq and '__eq__' not in cls.__dict__:
        def __eq__(self, other):
            if other.__class__ is self.__class__:
                return _tuple_of(self, compare_fields) == _tuple_of(other, compare_fields)
            return NotImplemented
        cls.__eq__ = __eq__
    if order:
        def make_order(op):
            def compare(self, other):
                if other.__class__ is self.__class__:
                    return op(_tuple_of(self, compare_fields), _tuple_of(other, compare_fields))
                return NotImplemented
            return compare
        for name, op in (('__lt__', lambda a, b: a < b), ('__le__', lambda a, b: a <= b),
                         ('__gt__', lambda a, b: a > b), ('__ge__', lambda a, b: a >= b)):
            if name in cls.__dict__:
                raise TypeError(f'Cannot overwrite attribute {name} in class {cls.__name__}. Consider using functools.total_ordering')
            setattr(cls, name, make_order(op))
    if frozen:
        def __setattr__(self, name, value):
            if type(self) is cls or name in all_fields:
                raise FrozenInstanceError(f'cannot assign to field {name!r}')
            object.__setattr__(self, name, value)
        def __delattr__(self, name):
            if type(self) is cls or name in all_fields:
                raise FrozenInstanceError(f'cannot delete field {name!r}')
            object.__delattr__(self, name)
        cls.__setattr__ = __setattr__
        cls.__delattr__ = __delattr__
    hash_fields = [f for f in fields_list if (f.compare if f.hash is None else f.hash)]
    if '__hash__' not in cls.__dict__ or cls.__dict__['__hash__'] is None:
        if unsafe_hash or (eq and frozen):
            def __hash__(self):
                return hash(_tuple_of(self, hash_fields))
            cls.__hash__ = __hash__
        elif eq:
            cls.__hash__ = None
    return cls

def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False, unsafe_hash=False, frozen=False,
              match_args=True, kw_only=False, slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only)
    if cls is None:
        return wrap
    return wrap(cls)

def is_dataclass(obj):
    cls = obj if isinstance(obj, type) else type(obj)
    return hasattr(cls, '__dataclass_fields__')

def fields(class_or_instance):
    try:
        all_fields = class_or_instance.__dataclass_fields__
    except AttributeError:
        raise TypeError('must be called with a dataclass type or instance') from None
    return tuple(f for f in all_fields.values() if not f._initvar)

def _asdict_inner(obj, dict_factory):
    if hasattr(type(obj), '__dataclass_fields__'):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory)) for f in fields(obj)])
    if isinstance(obj, list):
        return [_asdict_inner(v, dict_factory) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_asdict_inner(v, dict_factory) for v in obj)
    if isinstance(obj, dict):
        return {_asdict_inner(k, dict_factory): _asdict_inner(v, dict_factory) for k, v in obj.items()}
    return obj

def asdict(obj, *, dict_factory=dict):
    if isinstance(obj, type) or not hasattr(type(obj), '__dataclass_fields__'):
        raise TypeError('asdict() should be called on dataclass instances')
    return _asdict_inner(obj, dict_factory)

def _astuple_inner(obj):
    if hasattr(type(obj), '__dataclass_fields__'):
        return tuple(_astuple_inner(getattr(obj, f.name)) for f in fields(obj))
    if isinstance(obj, list):
        return [_astuple_inner(v) for v in obj]
    if isinstance(obj, tuple):
        return tuple(_astuple_inner(v) for v in obj)
    if isinstance(obj, dict):
        return {_astuple_inner(k): _astuple_inner(v) for k, v in obj.items()}
    return obj

def astuple(obj, *, tuple_factory=tuple):
    if isinstance(obj, type) or not hasattr(type(obj), '__dataclass_fields__'):
        raise TypeError('astuple() should be called on dataclass instances')
    return tuple_factory(_astuple_inner(obj))

def replace(obj, /, **changes):
    if isinstance(obj, type) or not hasattr(type(obj), '__dataclass_fields__'):
        raise TypeError('replace() should be called on dataclass instances')
    for f in obj.__dataclass_fields__.values():
        if f._initvar:
            if f.name not in changes and f.default is MISSING:
                raise ValueError(f"InitVar {f.name!r} must be specified with replace()")
            continue
        if not f.init:
            if f.name in changes:
                raise ValueError(f'field {f.name} is declared with init=False, it cannot be specified with replace()')
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)
"""#
}
