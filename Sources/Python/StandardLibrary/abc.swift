// Python's `abc`: ABC and @abstractmethod, with CPython's "Can't instantiate abstract class"
// TypeError (abstract methods are collected when a subclass is created).

enum ABCModule {
    static let make = SourceModule.make("abc", source)

    static let source = #"""
def abstractmethod(funcobj):
    funcobj.__isabstractmethod__ = True
    return funcobj

def _abstract_new(cls, *args, **kwargs):
    names = sorted(cls.__abstractmethods__)
    raise TypeError(f"Can't instantiate abstract class {cls.__name__} with abstract method{'s' if len(names) > 1 else ''} {', '.join(names)}")

def _update_abstractmethods(cls):
    abstracts = set()
    for name, value in cls.__dict__.items():
        if getattr(value, '__isabstractmethod__', False):
            abstracts.add(name)
    for base in cls.__bases__:
        for name in getattr(base, '__abstractmethods__', ()):
            if getattr(getattr(cls, name, None), '__isabstractmethod__', False):
                abstracts.add(name)
    cls.__abstractmethods__ = frozenset(abstracts)
    if abstracts:
        cls.__new__ = staticmethod(_abstract_new)
    elif getattr(cls, '__new__', None) is _abstract_new:
        cls.__new__ = None
    return cls

class ABC:
    __abstractmethods__ = frozenset()
    def __init_subclass__(cls, **kwargs):
        _update_abstractmethods(cls)

class ABCMeta:
    pass
ABCMeta.__metaclass_base__ = ABC

def update_abstractmethods(cls):
    return _update_abstractmethods(cls)
"""#
}
