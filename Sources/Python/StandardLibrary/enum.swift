// Python's `enum`: Enum, IntEnum, StrEnum, auto and unique. Members are made when the class
// is created (`__init_subclass__`); the class itself iterates, indexes by name and prints
// as `<enum 'Color'>` through the interpreter's class-level hooks.

enum EnumModule {
    static let make = SourceModule.make("enum", source)

    static let source = #"""
class auto:
    def __init__(self):
        self.value = None

def _is_member_candidate(name, value):
    if name.startswith('_'):
        return False
    if isinstance(value, (staticmethod, classmethod, property, type)):
        return False
    if isinstance(value, auto):
        return True
    return not callable(value)

class Enum:
    def __init_subclass__(cls, **kwargs):
        cls._member_names_ = []
        cls._member_map_ = {}
        cls._value2member_map_ = {}
        last_values = []
        for name, value in list(cls.__dict__.items()):
            if not _is_member_candidate(name, value):
                continue
            if isinstance(value, auto):
                value = cls._generate_next_value_(name, 1, len(last_values), last_values)
            last_values.append(value)
            try:
                existing = cls._value2member_map_.get(value)
            except TypeError:
                existing = None
            if existing is not None:
                cls._member_map_[name] = existing
                setattr(cls, name, existing)
                continue
            member = _object_new(cls)
            if cls._member_type_ is int:
                if not isinstance(value, int):
                    raise TypeError(f"invalid literal for int() with base 10: {value!r}")
            member._name_ = name
            member._value_ = value
            member.name = name
            member.value = value
            cls._member_names_.append(name)
            cls._member_map_[name] = member
            cls._value2member_map_[value] = member
            setattr(cls, name, member)
        cls.__members__ = dict(cls._member_map_)

    _member_type_ = object

    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        for v in reversed(last_values):
            if isinstance(v, int):
                return v + 1
        return start

    def __new__(cls, value):
        if isinstance(value, cls):
            return value
        try:
            return cls._value2member_map_[value]
        except (KeyError, TypeError):
            pass
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

    def __init__(self, *args, **kwds):
        pass

    def __class_getitem__(cls, name):
        return cls._member_map_[name]

    def __class_iter__(cls):
        return iter([cls._member_map_[n] for n in cls._member_names_])

    def __class_len__(cls):
        return len(cls._member_names_)

    def __class_contains__(cls, value):
        if isinstance(value, Enum):
            return isinstance(value, cls) and value._name_ in cls._member_map_
        raise TypeError(f"unsupported operand type(s) for 'in': '{type(value).__qualname__}' and 'EnumType'")

    def __class_repr__(cls):
        return f"<enum {cls.__name__!r}>"

    def __repr__(self):
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        return f"{type(self).__name__}.{self._name_}"

    def __format__(self, spec):
        return format(str(self), spec)

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

class IntEnum(Enum):
    _member_type_ = int
    def __str__(self):
        return str(self._value_)
    def __format__(self, spec):
        return format(self._value_, spec)
    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)
    def __ne__(self, other):
        return not self == other
    def __lt__(self, other):
        return self._value_ < int(other)
    def __le__(self, other):
        return self._value_ <= int(other)
    def __gt__(self, other):
        return self._value_ > int(other)
    def __ge__(self, other):
        return self._value_ >= int(other)
    def __hash__(self):
        return hash(self._value_)
    def __int__(self):
        return self._value_
    def __index__(self):
        return self._value_
    def __add__(self, other):
        return self._value_ + other
    def __radd__(self, other):
        return other + self._value_
    def __sub__(self, other):
        return self._value_ - other
    def __mul__(self, other):
        return self._value_ * other

class StrEnum(Enum):
    _member_type_ = str
    @staticmethod
    def _generate_next_value_(name, start, count, last_values):
        return name.lower()
    def __str__(self):
        return self._value_
    def __format__(self, spec):
        return format(self._value_, spec)
    def __eq__(self, other):
        return self._value_ == (other._value_ if isinstance(other, Enum) else other)
    def __hash__(self):
        return hash(self._value_)

class Flag(Enum):
    pass

class IntFlag(IntEnum):
    pass

def unique(enumeration):
    duplicates = [(name, member._name_) for name, member in enumeration.__members__.items() if name != member._name_]
    if duplicates:
        alias_details = ', '.join(f'{alias} -> {name}' for alias, name in duplicates)
        raise ValueError(f'duplicate values found in {enumeration!r}: {alias_details}')
    return enumeration

EnumMeta = type
EnumType = type
"""#
}
