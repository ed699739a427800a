#!/usr/bin/env python3
# Generates Tests/PythonTests/LanguageExpectations.swift: snippets of the Python grammar and
# semantics lessons and GPT code use (classes, properties, super, calls, context managers,
# exceptions and chaining, scopes, walrus, f-strings and format specs, dunder protocols,
# hashes) and the exact text CPython prints for them (stdout, then any traceback).
# Run by hand with python3 3.11:
#     python3 Tests/Fixtures/make_language_fixtures.py
# Caret lines are normalized to the workbench's style (all '^', see DESIGN.md).

from cpython_snippets import snippet, write_expectations

snippet("properties_classmethods_super", """
class A:
    def __init__(self):
        self._x = 1
    @property
    def x(self):
        "doc"
        return self._x
    @x.setter
    def x(self, v):
        self._x = v * 2
    @x.deleter
    def x(self):
        print("del x")
        del self._x
    @classmethod
    def make(cls, *a):
        return cls, a
    @staticmethod
    def st(a, b=2):
        return a + b
a = A()
print(a.x); a.x = 5; print(a.x); del a.x
print(hasattr(a, "_x"))
print(A.make(1, 2)[1], a.make()[0].__name__, A.st(1), a.st(1, 3))
print(type(A.__dict__["x"]).__name__, A.x.__doc__)
try:
    class B:
        @property
        def y(self): return 1
    B().y = 3
except AttributeError as e:
    print("AE", e)
def deco(cls):
    cls.tag = "decorated"
    return cls
@deco
class C(A):
    def __init__(self):
        super().__init__()
        super(C, self).__init__()
        self.y = 2
    def make2(self):
        return super().make(9)
c = C()
print(c.tag, c.x, c.y, c.make2()[1])
class D(C):
    @classmethod
    def make(cls, *a):
        r = super().make(*a)
        return ("D",) + r[1:]
print(D.make(3), D().make2())
print(isinstance(c, (int, A)), issubclass(D, (str, C)), issubclass(D, D), isinstance(3, (str, (float, int))))
print(D.__mro__ if False else [k.__name__ for k in D.__mro__])
print(D.__bases__, D.__name__, D.__qualname__, type(c).__name__, c.__class__.__name__)
""")

snippet("call_arguments", """
def f(a, b=2, *args, c, d=4, **kw):
    return (a, b, args, c, d, kw)
print(f(1, c=3), f(1, 2, 3, 4, c=5, e=6), f(*[1, 2], *(3,), **{"c": 1}, **{"z": 0}))
g = lambda *a, **k: (a, k)
print(g(1, 2, x=3), g())
def p(a, b, /, c, *, d):
    return a, b, c, d
print(p(1, 2, 3, d=4), p(1, 2, c=3, d=4))
tests = [
    lambda: f(),
    lambda: f(1),
    lambda: f(1, c=2, a=3),
    lambda: p(1, b=2, c=3, d=4),
    lambda: p(1, 2, 3, 4),
    lambda: p(1, 2, 3),
    lambda: (lambda x: x)(1, 2),
    lambda: (lambda: 0)(1),
    lambda: (lambda x, y: 0)(),
    lambda: (lambda x, y, z: 0)(1),
    lambda: (lambda x: 0)(y=1),
    lambda: (lambda x=1: 0)(1, 2),
    lambda: (lambda x, *, y: 0)(1, 2),
    lambda: (lambda x, *, y, z: 0)(1),
    lambda: (lambda x, *, y=1: 0)(1, 2, 3),
    lambda: f(1, 2, c=3, **{"c": 4}),
    lambda: f(**{1: 2}),
    lambda: f(*1),
    lambda: f(**[1]),
    lambda: p(1, 2, 3, d=4, e=5),
    lambda: A(1, 2),
    lambda: A().m(1, 2),
    lambda: A.m(),
]
class A:
    def m(self, x): pass
def k(a, b): pass
tests.append(lambda: k(1, a=2))
tests.append(lambda: k(1, 2, b=3))
tests.append(lambda: A().m())
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)
""")

snippet("call_argument_errors", """
def f(a, b=2, *args, c, d=4, **kw): pass
def g(a, /, b, *, c=1): pass
def h(a, b, c=1): pass
class A:
    def m(self, x, *, y): pass
class N: pass
tests = [
    lambda: (lambda x, *, y=1: 0)(1, 2, y=3),
    lambda: (lambda x, y=2, *, z=1: 0)(1, 2, 3, z=3),
    lambda: (lambda x, *, y=1: 0)(1, 2, 3),
    lambda: g(1, 2, 3),
    lambda: g(a=1, b=2),
    lambda: g(1, 2, d=3),
    lambda: h(1),
    lambda: h(),
    lambda: h(1, 2, 3, 4),
    lambda: h(1, 2, c=3, d=4),
    lambda: A().m(1),
    lambda: A().m(1, 2),
    lambda: A().m(),
    lambda: A.m(A(), 1, y=2, z=3),
    lambda: N(1),
    lambda: N(a=1),
    lambda: print(*5),
    lambda: print(**5),
    lambda: [].append(*5),
    lambda: len(1, 2),
    lambda: len(),
    lambda: f(1, 2, c=3, **{"c": 4}),
    lambda: A(1),
    lambda: int(x=3),
    lambda: sorted([1], lambda v: v),
    lambda: abs(),
    lambda: isinstance(1),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print(e)
def defaults(a, b=[], *, c={}):
    b.append(1); return b
print(defaults(1), defaults(1), defaults.__defaults__, defaults.__name__, defaults.__qualname__)
class M:
    def __init__(self, **kwargs):
        for k, v in kwargs.items(): setattr(self, k, v)
    class Inner:
        def meth(self): pass
print(vars(M(a=1, b=2)), M.Inner.__qualname__, M.Inner, M.Inner.meth.__qualname__, M.Inner().meth.__name__)
def kwonly(*, a, b=2, **rest): return a, b, rest
print(kwonly(a=1, z=3), kwonly(**{"a": 5, "b": 6}))
def star_only(*args): return args
print(star_only(), star_only(*range(3), 9, *"ab"))
def both(*args, **kwargs): return args, kwargs
print(both(1, *[2], k=3, **{"j": 4}), both(**dict(x=1), y=2))
print((lambda a, b=2, *c, d, e=5, **f: (a, b, c, d, e, f))(1, d=4), (lambda *, k: k)(k=1))
""")

snippet("context_managers", """
class CM:
    def __init__(self, name, suppress=False):
        self.name = name; self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev, tb is None)
        return self.suppress
with CM("a") as x, CM("b") as y:
    print(x, y)
with (CM("c") as x,
      CM("d") as y):
    print(x, y)
with CM("e", True):
    raise ValueError("boom")
print("after")
try:
    with CM("f"):
        1 / 0
except ZeroDivisionError as e:
    print("caught", e)
def fn():
    with CM("g"):
        return 5
print(fn())
for i in range(3):
    with CM(str(i)):
        if i == 1: continue
        if i == 2: break
with CM("h"), CM("i"):
    pass
try:
    with 3:
        pass
except TypeError as e:
    print(e)
class Half:
    def __enter__(self): return self
try:
    with Half():
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
""")

snippet("exceptions", """
class MyErr(Exception):
    def __init__(self, code, msg):
        super().__init__(code, msg)
        self.code = code
    def __str__(self):
        return f"[{self.code}] {self.args[1]}"
try:
    raise MyErr(3, "bad")
except (KeyError, MyErr) as e:
    print(e, repr(e), e.args, e.code, type(e).__name__)
def t(x):
    try:
        if x: raise ValueError(x)
    except ValueError as e:
        print("except", e)
        return "r-except"
    else:
        print("else")
    finally:
        print("finally")
print(t(0), t(1))
try:
    try:
        raise KeyError("k")
    except KeyError:
        raise
except KeyError as e:
    print("reraised", repr(e), e.args)
try:
    try:
        1/0
    except ZeroDivisionError as z:
        raise ValueError("v") from z
except ValueError as e:
    print(repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
try:
    try:
        1/0
    except ZeroDivisionError:
        raise ValueError("implicit")
except ValueError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)
try:
    raise ValueError("x") from None
except ValueError as e:
    print(e.__cause__, e.__context__, e.__suppress_context__)
class E2(ValueError): pass
try:
    raise E2
except ValueError as e:
    print(repr(e), str(e), e.args, isinstance(e, Exception))
print(repr(Exception()), repr(Exception(1, 2)), str(Exception(1, 2)), str(KeyError("a")), repr(KeyError("a")))
try:
    e = ValueError("no")
    raise e
except ValueError as err:
    print(err is e)
try:
    raise TypeError
except Exception as e:
    print(type(e), e.args)
def f():
    try:
        return 1
    finally:
        print("fin")
print(f())
def g():
    for i in range(3):
        try:
            continue
        finally:
            print("g", i)
g()
try:
    raise 5
except TypeError as e:
    print(e)
try:
    try:
        raise ValueError("a")
    finally:
        print("inner fin")
except ValueError:
    print("outer")
e = None
try:
    raise KeyError(1)
except KeyError as e:
    pass
try:
    print(e)
except NameError as ne:
    print(ne)
""")

snippet("exception_chain_traceback", """
def a():
    try:
        1/0
    except ZeroDivisionError as z:
        raise ValueError("wrapped") from z
def b():
    try:
        a()
    except ValueError:
        {}["missing"]
b()
""")

snippet("scopes_walrus_misc", """
def outer():
    x = 1
    def inner():
        nonlocal x
        x += 1
        return x
    inner(); inner()
    return x
print(outer())
G = 0
def setg():
    global G, H
    G = 5; H = 6
setg(); print(G, H)
x = [1, 2, 3, 4, 5, 6]
del x[0]; del x[1:3]; del x[::2]
print(x)
d = {"a": 1, "b": 2}
del d["a"]; print(d)
class O: pass
o = O(); o.a = 1; o.b = 2
del o.a; print(vars(o))
y = 1
del y
try:
    print(y)
except NameError as e:
    print(e)
try:
    del o.zz
except AttributeError as e:
    print(e)
try:
    del d["zz"]
except KeyError as e:
    print(repr(e))
if (n := 10) > 5:
    print(n)
data = [1, 2, 3, 4]
print([y2 for v in data if (y2 := v * 2) > 4], y2)
print([last := v for v in data], last)
total = 0
print([total := total + v for v in data], total)
while (chunk := data.pop()) > 2:
    print("chunk", chunk)
print({k: v for k, v in zip("abc", range(3)) if v}, {v % 3 for v in range(10)})
def h():
    [q := i for i in range(3)]
    return q
print(h())
a, *b = [1, 2, 3]; *c, dd = "xyz"; e1, *f1, g1 = range(5)
print(a, b, c, dd, e1, f1, g1)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
(a, b), c = (1, 2), 3; print(a, b, c)
print(1 < 2 < 3 > 2, 1 < 3 < 2, 1 == 1 != 2, "x" if 0 else "y")
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
try:
    assert 1 == 2, "msg here"
except AssertionError as e:
    print("AE", e, e.args)
try:
    assert False
except AssertionError as e:
    print("AE2", repr(e))
import sys
print("a", "b", sep="-", end="!\\n")
print("x", file=sys.stdout)
print(*[1, 2, 3], sep=", ")
print()
print(__name__ == "__main__", __name__)
print(callable(len), callable(3), callable(O), callable(lambda: 0))
print(getattr(o, "b"), getattr(o, "zz", "dflt"), hasattr(o, "b"), setattr(o, "c", 3), o.c)
print(type(3).__name__, type([]).__name__, type(None).__name__, type(len).__name__, type(o).__name__)
print("G" in globals(), globals()["G"])
print(isinstance(id(o), int), id(o) == id(o))
print(round(3.14159, 2), round(2.5), round(3.5), round(-2.5), round(7), type(round(2.4)), round(1.25, 1))
print(divmod(7, 2), divmod(-7, 2), divmod(7.0, -2))
print("%s=%d" % ("a", 3), "%5.1f|%-5s|%05d" % (3.14159, "x", 42), "%x %o %e %g" % (255, 8, 1234.5, 0.0001))
print("%s" % "solo", "%r" % ("t",), "%c" % 65, "%%", "%i" % 3.7)
print([1,2,3,4,5][::2], "hello"[::-1], [1,2,3,4,5][4:1:-2], list(range(10))[-3::-3])
print((255).bit_length(), (3.5).is_integer(), (10).to_bytes(2, "big"), int.from_bytes(b"\\x01\\x00", "big"), (0.5).as_integer_ratio())
print("abc".upper().center(9, "*"), "a-b-c".split("-", 1), " x ".strip(), "ab".startswith(("a", "z")))
print(max([3, 1, 2], key=lambda v: -v), min([], default=9), max("abc"), min(3, 1, 2), max([], default=None), sorted(["bb", "a", "ccc"], key=len, reverse=True))
print(min([(1, "b"), (1, "a")]), max({"a": 3, "b": 1}, key=lambda k: {"a": 3, "b": 1}[k]))
try:
    max([])
except ValueError as e:
    print(e)
try:
    min(1)
except TypeError as e:
    print(e)
""")

snippet("fstrings_format_dunder", """
x = 3.14159; n = 1234567; w = 10; p = 3
print(f"{x:>10.3f}|{n:,}|{n:_}|{0.256:.2%}|{x:e}|{'s'!r}|{'s'!s}|{x=}|{x:{w}.{p}f}|")
print(format(x, ">10.3f"), format(n, ","), "{:_}".format(n), "{0:.2%} {1!r}".format(0.5, "q"), "{x:{w}.{p}f}".format(x=x, w=w, p=p))
class Money:
    def __init__(self, v): self.v = v
    def __format__(self, spec):
        return "$" + format(self.v, spec or ".2f")
    def __repr__(self): return f"Money({self.v!r})"
    def __str__(self): return f"${self.v}"
m = Money(3.5)
print(f"{m}", f"{m:.1f}", f"{m!r}", f"{m!s}", format(m), "{}".format(m), "{:>8}".format(Money(2)), f"{m=}")
print(f"{n:>+12,.1f}", f"{-5:05d}", f"{5:<5d}|", f"{'abc':.2s}", f"{12:#b}", f"{255:#06x}", f"{3.0:g}", f"{1e-5:g}")
print(f"{[1,2]!r:>10}", f"{None!s:5}|", f"{True:d}", f"{True}", f"{3:.2f}")
print("{:*^11}".format("mid"), "{0}{1}{0}".format("a", "b"), "{a[0]} {b.real}".format(a=[9], b=3), "{{}}".format())
print(f"{'a' 'b'}", f"{x!r:>12}", f"{x:=+10.2f}", f"{n:10}", f"{'t':10}|")
try:
    f"{x:d}"
except ValueError as e:
    print(e)
try:
    format("s", "d")
except ValueError as e:
    print(e)
class Plain: pass
try:
    format(Plain(), "x")
except TypeError as e:
    print(e)
print(format(Plain(), "")[:8])
""")

snippet("dunder_protocols", """
class Vec:
    def __init__(self, *xs): self.xs = list(xs)
    def __len__(self): return len(self.xs)
    def __getitem__(self, i):
        if isinstance(i, slice): return Vec(*self.xs[i])
        return self.xs[i]
    def __setitem__(self, i, v): self.xs[i] = v
    def __delitem__(self, i): del self.xs[i]
    def __contains__(self, v): return v in self.xs
    def __call__(self, k=1): return [x * k for x in self.xs]
    def __eq__(self, o): return isinstance(o, Vec) and self.xs == o.xs
    def __repr__(self): return f"Vec{tuple(self.xs)}"
    def __bool__(self): return bool(self.xs)
    def __add__(self, o):
        if isinstance(o, Vec): return Vec(*[a + b for a, b in zip(self.xs, o.xs)])
        if isinstance(o, (int, float)): return Vec(*[a + o for a in self.xs])
        return NotImplemented
    def __radd__(self, o): return self + o
    def __mul__(self, k): return Vec(*[a * k for a in self.xs])
    __rmul__ = __mul__
    def __iadd__(self, o):
        self.xs = [a + o for a in self.xs]; return self
    def __neg__(self): return Vec(*[-a for a in self.xs])
    def __matmul__(self, o): return sum(a * b for a, b in zip(self.xs, o.xs))
    def __lt__(self, o): return sum(self.xs) < sum(o.xs)
v = Vec(1, 2, 3)
print(len(v), v[0], v[1:], v[::-1], 2 in v, v(), v(k=2), v == Vec(1, 2, 3), v != Vec(1), bool(Vec()), not v)
v[0] = 10; del v[1]; print(v, v + 1, 1 + v, v * 2, 2 * v, -v, v @ v, sum([Vec(1), Vec(2)], Vec(0)))
v += 1; print(v, sorted([Vec(5), Vec(1), Vec(3)]), max(Vec(5), Vec(9)))
try:
    hash(v)
except TypeError as e:
    print(e)
try:
    {v}
except TypeError as e:
    print(e)
try:
    v - 1
except TypeError as e:
    print(e)
try:
    "a" + v
except TypeError as e:
    print(e)
print(list(iter(v)), [x for x in v])
class It:
    def __init__(self, n): self.n = n; self.i = 0
    def __iter__(self): return self
    def __next__(self):
        if self.i >= self.n: raise StopIteration
        self.i += 1; return self.i
print(list(It(3)), sum(It(4)), [a for a in It(2)], dict(zip(It(2), "ab")))
class H:
    def __init__(self, k): self.k = k
    def __eq__(self, o): return self.k == o.k
    def __hash__(self): return hash(self.k)
print(len({H(1), H(1), H(2)}), {H(1): "x"}[H(1)])
class Dyn:
    def __getattr__(self, name):
        if name.startswith("z"): raise AttributeError(name)
        return name * 2
    def __setattr__(self, name, value):
        object.__setattr__(self, name, value * 10)
d = Dyn(); d.q = 1
print(d.ab, d.q, hasattr(d, "zz"), getattr(d, "zq", "none"), d.__dict__, d.__class__.__name__)
class S:
    __slots__ = ("a", "b")
    def __init__(self): self.a = 1
s = S(); print(s.a)
class Str:
    def __str__(self): return "STR"
print(Str(), str(Str()), repr(Str())[:12], [Str()][0].__str__())
class Cmp:
    def __init__(self, v): self.v = v
    def __lt__(self, o): return self.v < o.v
    def __le__(self, o): return self.v <= o.v
    def __repr__(self): return f"C{self.v}"
print(sorted([Cmp(3), Cmp(1)]), Cmp(1) < Cmp(2), Cmp(2) > Cmp(1), Cmp(1) >= Cmp(1), min(Cmp(4), Cmp(2)))
try:
    Cmp(1) < 3 < Cmp(2)
except AttributeError as e:
    print(e)
try:
    sorted([Plain := object(), object()])
except TypeError as e:
    print(e)
class Num:
    def __init__(self, v): self.v = v
    def __sub__(self, o): return Num(self.v - o)
    def __rsub__(self, o): return Num(o - self.v)
    def __truediv__(self, o): return Num(self.v / o)
    def __rtruediv__(self, o): return Num(o / self.v)
    def __pow__(self, o): return Num(self.v ** o)
    def __rpow__(self, o): return Num(o ** self.v)
    def __floordiv__(self, o): return Num(self.v // o)
    def __mod__(self, o): return Num(self.v % o)
    def __abs__(self): return Num(abs(self.v))
    def __int__(self): return int(self.v)
    def __float__(self): return float(self.v)
    def __index__(self): return int(self.v)
    def __repr__(self): return f"N({self.v})"
n = Num(6)
print(n - 1, 10 - n, n / 4, 3 / n, n ** 2, 2 ** n, n // 4, n % 4, abs(Num(-2)), int(n), float(n), [0,1,2,3,4,5,6][n], hex(n))
n -= 1; print(n)
print(v.__class__ is Vec, type(v) is Vec, Vec.__name__, v.__dict__)
""")

snippet("hashes_set_order", """
print(hash(1), hash(-1), hash(-2), hash(2**61 - 1), hash(2**61), hash(9223372036854775807), hash(-9223372036854775807-1), hash(True), hash(0))
print(hash(1.0), hash(1.5), hash(-1.0), hash(0.1), hash(1e100), hash(float("inf")), hash(-0.0), hash(3.14159), hash(-2.5))
print(hash(()), hash((1,)), hash((1, 2)), hash((1, (2, 3))), hash((1.5, -1)), hash((None,)) == hash((None,)))
print({3, 1, 2, 100, 7, 33, 64}, set(range(20, 0, -3)), {-1, -5, 2}, {1.5, 2, 0.5})
print(list({10: 0, 1: 1}), set([9, 17, 1, 25]), {(1, 2), (0, 0)} == {(0, 0), (1, 2)})
s = set(); [s.add(i * 7 % 50) for i in range(30)]; print(s)
s2 = {5, 1, 40, 8}; print(s2 | {100, 2}, s2 & {1, 8}, s2 - {1}, s2 ^ {1, 99})
try:
    hash([1])
except TypeError as e:
    print(e)
try:
    hash((1, [2]))
except TypeError as e:
    print(e)
try:
    {[]: 1}
except TypeError as e:
    print(e)
print(hash(None) == hash(None), hash(2**62), hash(-2**62), hash(10**18))
""")

snippet("user_exceptions", """
class AppError(Exception):
    def __init__(self, msg, code=1):
        super().__init__(msg)
        self.code = code
class Sub(AppError):
    def __str__(self):
        return f"Sub({self.code}): {self.args[0]}"
def risky(n):
    if n > 2:
        raise Sub("too big", n)
    return n
def run():
    try:
        risky(5)
    except AppError as e:
        print("got", e, e.code, isinstance(e, Exception), type(e).__mro__[1].__name__)
        raise RuntimeError("wrapped")
try:
    run()
except RuntimeError as r:
    print(repr(r), repr(r.__context__), r.__cause__)
try:
    raise
except RuntimeError as e:
    print(e)
class Bare(Exception): pass
try:
    raise Bare()
except Bare as b:
    print(repr(b), str(b) == "", b.args)
import sys
def cleanup():
    try:
        yield_none = None
        raise KeyError("inner")
    except KeyError:
        try:
            raise ValueError("second")
        except ValueError as v:
            print(repr(v.__context__))
cleanup()
print(issubclass(KeyError, LookupError), issubclass(ZeroDivisionError, ArithmeticError), issubclass(Sub, (ValueError, AppError)))
try:
    int("abc")
except ValueError as e:
    print(e)
try:
    [][1]
except IndexError as e:
    print(e)
try:
    {}["k"]
except LookupError as e:
    print(type(e).__name__, e)
try:
    None.foo
except AttributeError as e:
    print(e)
try:
    undefined_name
except NameError as e:
    print(e)
try:
    1 + "a"
except TypeError as e:
    print(e)
e = StopIteration(5)
print(e.value if hasattr(e, "value") else "novalue")
err = ValueError("a", "b")
print(str(err), err.args, repr(err))
try:
    raise Sub("final", 7) from ValueError("root")
finally:
    print("finally runs")
""")

snippet("gpt_code_patterns", """
class CfgNode:
    ''' a lightweight configuration class inspired by yacs '''
    def __init__(self, **kwargs):
        self.__dict__.update(kwargs)
    def __str__(self):
        return self._str_helper(0)
    def _str_helper(self, indent):
        parts = []
        for k, v in self.__dict__.items():
            if isinstance(v, CfgNode):
                parts.append("%s:\\n" % k)
                parts.append(v._str_helper(indent + 1))
            else:
                parts.append("%s: %s\\n" % (k, v))
        parts = [' ' * (indent * 4) + p for p in parts]
        return "".join(parts)
    def to_dict(self):
        return { k: v.to_dict() if isinstance(v, CfgNode) else v for k, v in self.__dict__.items() }
    def merge_from_dict(self, d):
        self.__dict__.update(d)
C = CfgNode()
C.system = CfgNode(seed=3407, work_dir='./out/chargpt')
C.model_type = 'gpt'
C.merge_from_dict({"lr": 5e-4})
print(C)
print(C.to_dict(), C.system.seed, vars(C.system))
def add_callback(self, onevent: str, callback=None) -> None:
    x: int = 3
    y: list[int]
    return (onevent, x)
print(add_callback(None, "on_batch_end"))
type_given, params_given = True, False
assert type_given ^ params_given
print(True ^ True, True & False, True | False, type(True ^ False))
bs = list(range(ord("!"), ord("~")+1))+list(range(ord("¡"), ord("¬")+1))+list(range(ord("®"), ord("ÿ")+1))
cs = bs[:]
n = 0
for b in range(2**8):
    if b not in bs:
        bs.append(b)
        cs.append(2**8+n)
        n += 1
cs = [chr(n) for n in cs]
d = dict(zip(bs, cs))
print(len(d), d[32], d[ord("a")], d[255])
word = ("h", "e", "l", "l", "o")
pairs = set()
prev_char = word[0]
for char in word[1:]:
    pairs.add((prev_char, char))
    prev_char = char
ranks = {("l", "l"): 0, ("h", "e"): 1}
print(min(pairs, key=lambda pair: ranks.get(pair, float('inf'))), len(pairs))
print(bytearray([104, 105]).decode('utf-8', errors='replace'), bytes([0xff, 0x41]).decode("utf-8", errors="replace"))
print("%.2fM" % (124439808/1e6,), "number of parameters: %.2fM" % (3.5,))
GPT_CONFIG_124M = {"vocab_size": 50257, "context_length": 1024, "emb_dim": 768, "n_heads": 12, "n_layers": 12, "drop_rate": 0.1, "qkv_bias": False}
cfg = dict(GPT_CONFIG_124M); cfg.update({"context_length": 256})
print(cfg["context_length"], {**GPT_CONFIG_124M, "n_layers": 2}["n_layers"])
train_losses, val_losses, track = [], [], []
tokens_seen, global_step = 0, -1
epoch, num_epochs, train_loss = 0, 10, 3.14159
print(f"Ep {epoch+1} (Step {global_step:06d}): Train loss {train_loss:.3f}, Val loss {train_loss:.3f}")
print(f"num decayed parameter tensors: {2}, with {124354560:,} parameters")
vocab = {token:integer for integer,token in enumerate(sorted(set("the cat sat on the mat".split())))}
for i, item in enumerate(list(vocab.items())[-2:]):
    print(i, item)
int_to_str = {i:s for s,i in vocab.items()}
print(" ".join([int_to_str[i] for i in [0, 1]]), " <|endoftext|> ".join(("a", "b")))
config_args = {'gpt2': dict(n_layer=12, n_head=12, n_embd=768), 'gpt2-medium': dict(n_layer=24, n_head=16, n_embd=1024)}['gpt2']
config_args['vocab_size'] = 50257
print(config_args)
override_args = None
override_args = override_args or {}
print(override_args, 'dropout' in override_args)
extra_args = dict(fused=True) if False else dict()
print(extra_args, -float('Inf'), float('inf') > 1e308)
sd_keys = ["a.attn.bias", "b.weight", "c.attn.masked_bias"]
sd_keys = [k for k in sd_keys if not k.endswith('.attn.bias')]
print(sd_keys, "x.c_proj.weight".endswith('c_proj.weight'))
transposed = ['attn.c_attn.weight', 'attn.c_proj.weight']
print(["h.0.attn.c_attn.weight".endswith(w) for w in transposed])
print(f"mismatched keys: {len(sd_keys)} != {3}")
class GPT:
    @classmethod
    def from_pretrained(cls, model_type, override_args=None):
        assert model_type in {'gpt2', 'gpt2-medium', 'gpt2-large', 'gpt2-xl'}
        print("loading weights from pretrained gpt: %s" % model_type)
        return cls()
print(type(GPT.from_pretrained("gpt2")).__name__)
try:
    GPT.from_pretrained("bad")
except AssertionError as e:
    print("assert", repr(e))
""")

snippet("annotations", """
class P:
    x: int
    y: float = 2.5
    name: str = "p"
    tags: list = None
    d: "dict" = None
print(P.__annotations__, P.y, hasattr(P, "x"))
z: int = 3
print(__annotations__, z)
def f():
    w: int = 4
    return w
print(f())
""")

snippet("inheritance_super_mro", """
class Base:
    def __init__(self, x):
        self.x = x
    def describe(self):
        return f"Base({self.x})"
    @classmethod
    def create(cls, x):
        return cls(x)
    @staticmethod
    def helper():
        return "help"
    @property
    def double(self):
        return self.x * 2
class Mid(Base):
    def __init__(self, x, y):
        super().__init__(x)
        self.y = y
    def describe(self):
        return "Mid+" + super().describe()
    @property
    def double(self):
        return super().double + 1
class Leaf(Mid):
    def __init__(self):
        super(Leaf, self).__init__(1, 2)
    def describe(self):
        return "Leaf+" + super(Mid, self).describe() + "|" + super().describe()
    @classmethod
    def create(cls, x):
        obj = super().create.__func__ if False else None
        return super(Leaf, cls).create if False else cls()
l = Leaf()
print(l.describe(), l.double, Leaf.create(5).x, Leaf.helper(), l.helper(), Mid.create(3, 4) if False else Mid.create.__name__)
class A:
    def go(self): return "A"
class B(A):
    def go(self): return "B>" + super().go()
class C(A):
    def go(self): return "C>" + super().go()
class D(B, C):
    def go(self): return "D>" + super().go()
print(D().go(), [k.__name__ for k in D.__mro__], D.mro() if hasattr(D, "mro") else "")
class Lazy:
    def __init__(self):
        self._cache = {}
    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(f"'{type(self).__name__}' object has no attribute '{name}'")
        return f"computed_{name}"
lz = Lazy()
print(lz.foo, lz._cache, getattr(lz, "bar"))
try:
    lz._private
except AttributeError as e:
    print(e)
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        type(self).count += 0
Counter(); Counter()
print(Counter.count, Counter().count)
class Shape:
    sides = 0
    def __repr__(self):
        return f"{self.__class__.__name__}(sides={self.sides})"
class Tri(Shape):
    sides = 3
print(Tri(), [Tri(), Shape()], str(Tri()), f"{Tri()!r}", isinstance(Tri(), Shape), type(Tri()) == Tri)
class WithSlots:
    __slots__ = ["a"]
    def __init__(self, a):
        self.a = a
print(WithSlots(4).a)
class Temp:
    def __init__(self, c): self._c = c
    def get_c(self): return self._c
    def set_c(self, v):
        if v < -273: raise ValueError("too cold")
        self._c = v
    c = property(get_c, set_c, doc="celsius")
t = Temp(5); t.c = 10
print(t.c, Temp.c.__doc__)
try:
    t.c = -300
except ValueError as e:
    print(e)
class Node:
    def __init__(self, val, children=None):
        self.val = val
        self.children = children or []
    def __iter__(self):
        yield_list = [self.val]
        for ch in self.children:
            yield_list.extend(list(ch))
        return iter(yield_list)
tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(list(tree), sum(tree), 4 in tree)
class Ctx:
    def __init__(self): self.log = []
    def __enter__(self):
        self.log.append("in"); return self
    def __exit__(self, *exc):
        self.log.append(("out", exc[0].__name__ if exc[0] else None)); return False
c = Ctx()
with c as cc:
    cc.log.append("body")
print(c.log)
print(Base.describe(l), Base.__dict__["helper"].__class__.__name__, type(Base.__dict__["create"]).__name__)
print(Base.double.fget(l), callable(Base.create), Base.create.__self__ is Base if hasattr(Base.create, "__self__") else "")
class E:
    def __eq__(self, other): return True
print(E() == 1, E() != 1, E.__hash__ is None, 1 == E())
class Ord:
    def __init__(self, v): self.v = v
    def __eq__(self, o): return self.v == o.v
    def __hash__(self): return hash(self.v)
    def __lt__(self, o): return self.v < o.v
    def __repr__(self): return f"O{self.v}"
print(sorted({Ord(3), Ord(1), Ord(2)}), Ord(1) in [Ord(1)], [Ord(2), Ord(1)].index(Ord(1)), max([Ord(1), Ord(5)]))
try:
    Ord(1) <= Ord(2)
except TypeError as e:
    print(e)
print(Ord(2) > Ord(1))
""")

snippet("format_specs", """
import math
vals = [0, 1, -1, 3.14159, -2.5, 1e10, 1.5e-7, 123456.789, float("nan"), float("inf"), True, 42]
specs = ["", ">8", "<8", "^8", "08.3f", "+.2e", ".3g", ",", "_", ".1%", "x", "#o", "b", ".0f", "e", "g", "G", "E", "n", "10.4", "-^12,.2f", " d", "+d"]
for spec in specs:
    row = []
    for v in vals:
        try:
            row.append(format(v, spec))
        except (ValueError, TypeError) as e:
            row.append("ERR:" + str(e))
    print(repr(spec), row)
for s in ["abc", ""]:
    for spec in ["", ">5", "<5", "^5", "*^7", ".2", "5.1", "=5"]:
        try:
            print(repr(spec), repr(format(s, spec)))
        except ValueError as e:
            print(repr(spec), "ERR", e)
x = 12.5
print(f"{x!r:>10}|{x!s:<6}|{'q'!a}|{x:{'>'}{8}.{2}f}|{x = :.1f}|{ x = }|{x=!r}")
print("{:{}.{}f}".format(3.14159, 8, 3), "{0[1]}{0[0]}".format("ab"), "{k}".format(k=[1]), "{!r:>6}".format("z"))
print("{:,.2f} {:>+08.2f} {:x<4d} {:%}".format(1234567.891, 3.5, 7, 0.25))
print("%5s|%-6.2f|%+d|%05.1f|%x|%X|%o|%e|%g|%c|%r" % ("ab", 2.345, 3, 9.87, 255, 255, 8, 0.00012, 1e-5, "z", "q"))
print("%(name)s is %(age)d" % {"name": "Ann", "age": 30}, "%s" % [1, 2], "%s %s" % (None, True), "%.3e" % 123456)
print("%d%%" % 50, "%3d|%-3d|" % (5, 5), "%.2s" % "hello", "%*d" % (5, 42) if False else "")
try:
    "%d" % "a"
except TypeError as e:
    print(e)
try:
    "%s %s" % (1,)
except TypeError as e:
    print(e)
try:
    "%s" % (1, 2)
except TypeError as e:
    print(e)
print(f"{3:>{5}}", f"{'%'}", f"{{}}", f"{{{1}}}", f"{'a' if True else 'b'}", f"{[i for i in range(3)]}", f"{dict(a=1)['a']}")
print(f"{1_000_000:,}", f"{0.1 + 0.2:.17f}", f"{-0.0}", f"{2.5:.0f}", f"{3.5:.0f}", f"{1e16}", f"{1e-5}", f"{123.456:.2e}")
print(round(2.675, 2), round(0.125, 2), round(-1.5), round(1e15), round(12345, -2), round(5.5), round(6.5), round(0.5 + 1e-9))
print(int("0b101", 0), int("0o17", 0), int("0x1F", 16), int(" -12 "), int(7.9), int(-7.9), int("1_0"), float("1e3"), float("  -1.5  "))
print((3.0).is_integer(), (2.5).hex(), float.fromhex("0x1.8p1"), (10).bit_length(), (-1) ** 0.5 if False else "", abs(-3), abs(-3.5))
print(divmod(-7, 3), divmod(7, -3), -7 // 3, -7 % 3, 7.5 // 2, -7.5 // 2, 2 ** -1, 10 ** 20 if False else "", pow(2, 3, 5), pow(-2, 3))
print(math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7), math.isclose(0.1 + 0.2, 0.3), math.inf, -math.inf, math.nan != math.nan)
print(1 / 3, 2 / 3, 10 / 4, 1e300 * 10, -1e300 * 10, 0.1 * 3, 1.1 + 2.2, 3 * 1.1, 100 / 3)
print(str(1e21), str(1.0e-4), repr(0.00001), 1e-4, 123456789.123456789, 0.1 ** 10, 2.0 ** 0.5)
print(hex(255), oct(8), bin(5), hex(-255), bin(-5), chr(65), ord("€"), ascii("é"), repr("é\\n"))
print(max(1, 2.5), min("b", "a"), sum([0.1] * 10), sum([1, 2], 10), sum([[1], [2]], []), any([]), all([]), any(x > 2 for x in [1, 3]) if False else "")
print(sorted([3, 1, 2], reverse=True), sorted("bca"), sorted([(2, "b"), (1, "z"), (2, "a")]), sorted([-3, 2, -1], key=abs))
print(list(reversed([1, 2, 3])), list(enumerate("ab", 1)), list(zip("ab", [1, 2], (True, False))), list(map(str, [1, 2])), list(filter(None, [0, 1, "", "a"])))
try:
    sorted([1, "a"])
except TypeError as e:
    print(e)
try:
    format(3, "s")
except ValueError as e:
    print(e)
try:
    "{} {}".format(1)
except IndexError as e:
    print(e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print(repr(e))
print(format("ab", "05"), format(7, "<05"), format(-7, "=+6"), format(3.5, "x<08.2f"), "%10s|%-10s|%05s|" % ("r", "l", "z"), "%-+6d|" % 5)
""")

snippet("traceback_raise_from", """
class ConfigError(Exception):
    def __init__(self, key):
        super().__init__(f"missing key {key!r}")
        self.key = key
def load(cfg):
    try:
        return cfg["lr"]
    except KeyError as e:
        raise ConfigError("lr") from e
load({})
""")

snippet("traceback_from_none", """
def f():
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("bad") from None
f()
""")

snippet("traceback_exit_raises", """
class Res:
    def __enter__(self): return self
    def __exit__(self, et, ev, tb):
        raise RuntimeError("exit failed")
with Res():
    x = [1][5]
""")

snippet("traceback_finally", """
try:
    raise ValueError("first")
finally:
    print("cleanup")
""")

snippet("traceback_bare_reraise", """
def outer():
    try:
        inner()
    except TypeError:
        raise
def inner():
    return len(5)
outer()
""")

snippet("traceback_custom_str", """
class E(Exception):
    def __str__(self):
        return "custom message"
raise E(1, 2)
""")

snippet("traceback_assert_message", """
assert 1 + 1 == 3, f"math is {'broken'}"
""")

snippet("traceback_no_active_exception", """
raise
""")

snippet("traceback_implicit_context", """
class K(KeyError): pass
d = {}
try:
    d["x"]
except KeyError as e:
    raise K("y")
""")


snippet("sequence_protocol_operators_closures", """
class Seq:
    def __init__(self, n): self.n = n
    def __getitem__(self, i):
        if isinstance(i, tuple): return ("tuple", i)
        if isinstance(i, slice): return ("slice", i.start, i.stop, i.step)
        if i >= self.n: raise IndexError(i)
        return i * i
    def __setitem__(self, k, v): print("set", k, v)
    def __delitem__(self, k): print("del", k)
    def __len__(self): return self.n
s = Seq(4)
print(list(s), 9 in s, 5 in s, s[1, 2], s[1:3], s[::2], s[:, None] if False else "", len(s), bool(Seq(0)))
s[1:3] = [7]; s[::2] = "ab"; del s[1:]; s["k"] = 1; del s[0]
a, b, *c = s
print(a, b, c, sorted(s, reverse=True), max(s), list(reversed(s)) if hasattr(Seq, "__reversed__") else list(s)[::-1])
class V:
    def __init__(self, v): self.v = v
    def __add__(self, o): return V(self.v + (o.v if isinstance(o, V) else o))
    def __radd__(self, o): return V(o + self.v)
    def __eq__(self, o): return NotImplemented
    def __pos__(self): return V(+self.v)
    def __invert__(self): return V(~self.v)
    def __repr__(self): return f"V({self.v})"
x = V(1); y = x; x += 2
print(x, y, x is y, sum([V(1), V(2)]), +V(3), ~V(0), V(1) == V(1), V(1) != V(1), x == x)
class G:
    def __gt__(self, o): print("gt called"); return True
print(3 < G())
class NB:
    def __bool__(self): return 1
try:
    bool(NB())
except TypeError as e:
    print(e)
class NL:
    def __len__(self): return "x"
try:
    len(NL())
except TypeError as e:
    print(e)
class NI:
    def __init__(self): return 5
try:
    NI()
except TypeError as e:
    print(e)
class Call:
    def __call__(self, *args, **kw): return args, kw
print(Call()(1, k=2), type(Call())().__class__ is Call, Call().__class__.__name__, repr(Call()).startswith("<__main__.Call object at 0x"))
def deco(times):
    def wrap(fn):
        def inner(*a, **k):
            return [fn(*a, **k) for _ in range(times)]
        inner.__name__ = fn.__name__
        return inner
    return wrap
@deco(2)
def hello(n): return "hi" * n
print(hello(2), hello.__name__)
def counter():
    count = 0
    def inc(step=1):
        nonlocal count
        count += step
        return count
    def get(): return count
    return inc, get
inc, get = counter(); inc(); inc(5)
print(get())
def g1():
    global GV
    GV = "set"
    def g2():
        global GV
        GV += "!"
    g2()
g1(); print(GV)
for a, *rest in [(1, 2, 3), (4,)]:
    print(a, rest)
print({(i, j): i * j for i in range(2) for j in range(2) if i <= j}, [[j for j in range(i)] for i in range(3)], {c.upper() for c in "abca"} == {"A", "B", "C"})
def side(v):
    print("eval", v); return v
print(side(1) < side(2) < side(0) < side(5))
for i in range(3):
    try:
        if i == 1: continue
        print("try", i)
    finally:
        print("finally", i)
else:
    print("loop done")
n = 0
while n < 3:
    n += 1
    if n == 5: break
else:
    print("while else", n)
for e in [lambda: 1 / 0, lambda: 1 % 0, lambda: 1.0 / 0, lambda: 1 // 0, lambda: 2.0 % 0.0, lambda: divmod(1, 0), lambda: 0 ** -1]:
    try:
        e()
    except ZeroDivisionError as z:
        print(z)
class P:
    def __init__(self): self.a = 1; self._b = 2
    def m(self): pass
print([n for n in dir(P()) if not n.startswith("_")], "__init__" in dir(P), sorted(vars(P()).items()))
o = P(); setattr(o, "c", 3); delattr(o, "a")
print(hasattr(o, "a"), getattr(o, "m")() is None, type(o)().a, o.__class__().a, P.__name__, P.m.__name__, P.m.__qualname__)
class HP:
    @property
    def bad(self): raise AttributeError("nope")
print(hasattr(HP(), "bad"), getattr(HP(), "bad", "default"))
print(isinstance([], (list, tuple)), isinstance((), (list, tuple)), isinstance("s", (list, tuple)), isinstance(True, int), issubclass(bool, int))
print(type(1) == int, type(True) is bool, type(1.0).__name__, type("").__name__, type({}).__name__, type(set()).__name__, type(()).__name__, type(range(1)).__name__)
print(str(type(1)), repr(type("")), int, list, type(None), type(print), type(lambda: 0).__name__)
""")

snippet("str_int_float_methods", """
s = "Hello, World"
print(s.lower(), s.upper(), s.casefold(), s.swapcase(), s.title(), s.capitalize(), s.center(20, "-"), s.ljust(15, "."), s.rjust(15))
print(s.find("o"), s.find("o", 5), s.rfind("o"), s.index("W"), s.count("l"), s.count("l", 4), s.startswith("He"), s.endswith("ld"), s.startswith(("x", "H")))
print(s.split(","), s.split(", "), s.rsplit("o", 1), s.partition(", "), s.rpartition("o"), s.splitlines(), "a\\nb\\r\\nc".splitlines(keepends=True))
print(s.replace("l", "L"), s.replace("l", "", 1), s.strip("Hd"), "  x ".strip(), "xxaxx".lstrip("x"), "xxaxx".rstrip("x"), s.zfill(15), "-5".zfill(4))
print("abc".isalpha(), "abc1".isalnum(), "123".isdigit(), "12.3".isdigit(), "½".isnumeric(), "١".isdecimal(), " \\t".isspace(), "Title Case".istitle(), "abc".islower(), "ABC".isupper(), "my_var".isidentifier(), "".isalpha())
print(",".join(["a", "b"]), "".join(reversed("abc")), "ab" * 3, "a" in "cat", "%s" % s[:5], s[::-1], s[-5:], s[1:8:2], len(s), s.encode("utf-8")[:5], "é".encode(), "x".join("abc"))
print("{}-{}".format(*"ab"), "tab\\there".expandtabs(4), "a,b,,c".split(",", maxsplit=2), "  a  b  ".split(), "a b".split(None, 1), str(12).rjust(5, "0"), "hello world".title())
print("ß".upper(), "İ".lower(), "ǅ".lower(), "ﬁ".upper(), "Straße".casefold(), max("abc"), sorted("hello"), "abc" < "abd", "Z" < "a", ord("a"), chr(0x1F600))
print("text".removeprefix("te"), "text".removesuffix("xt"), "mississippi".count("ss"), "a-b_c d".replace("-", " ").replace("_", " ").split(), str.upper("x"), "x".__len__())
t = str.maketrans("abc", "xyz")
print("aabbcc".translate(t), "hello".translate({ord("l"): None}), "abc".translate(str.maketrans({"a": "1"})))
print((255).to_bytes(2, "little"), int.from_bytes(b"\\x00\\x01", "little"), (5).bit_count() if hasattr(5, "bit_count") else "", (12).__add__(3), int.__name__, (7).real, (7).imag if hasattr(7, "imag") else "")
print(3.7 .__int__(), float("1_000.5"), 1_000_000, 0x_ff, 0b_101, 0o_17, 1e3, 1E-3, .5, 5., 3.14e+2)
print(int("  0042"), int("-0"), int(True), float(False), str(True), bool("False"), bool(""), bool(0.0), bool([0]), int(" 7 ", base=10), int("z", 36), int("10", base=2))
try:
    int("4.5")
except ValueError as e:
    print(e)
try:
    float("abc")
except ValueError as e:
    print(e)
try:
    "abc".index("z")
except ValueError as e:
    print(e)
try:
    "a".join([1, 2])
except TypeError as e:
    print(e)
try:
    "abc" + 1
except TypeError as e:
    print(e)
try:
    "abc"[5]
except IndexError as e:
    print(e)
try:
    "abc"[0] = "x"
except TypeError as e:
    print(e)
try:
    int([1])
except TypeError as e:
    print(e)
print(hasattr(5, "__iter__"), hasattr("s", "__iter__"), hasattr([], "__len__"), hasattr(len, "__call__"), hasattr(3, "__call__"), hasattr(3, "__add__"), hasattr((), "__setitem__"))
print((3).__mul__(2), (3).__rsub__(10), (2.0).__truediv__(4), "ab".__mul__(2), [1].__add__([2]), (1).__add__("x"), "abc".__contains__("b"), {1: 2}.__getitem__(1), (5).__neg__(), (3).__eq__(3))
""")


snippet("super_forms", """
class Base:
    registry = []
    def __init__(self, **kwargs):
        self.opts = kwargs
    @classmethod
    def make(cls, *args):
        obj = cls.__new__(cls) if False else None
        return f"{cls.__name__}.make{args}"
    def __repr__(self):
        return f"{type(self).__name__}({self.opts})"
    def __setattr__(self, name, value):
        super().__setattr__(name, value)
    def __getattr__(self, name):
        return f"<missing {name}>"
    @property
    def size(self):
        return len(self.opts)
    @size.setter
    def size(self, v):
        self.opts = dict.fromkeys(range(v))
class Child(Base):
    def __init__(self, **kwargs):
        super().__init__(**kwargs, child=True)
    @classmethod
    def make(cls, *args):
        return "Child>" + super().make(*args)
    def __repr__(self):
        return "C:" + super().__repr__()
    def __setattr__(self, name, value):
        if name == "blocked":
            raise AttributeError("blocked is read-only")
        super().__setattr__(name, value)
    @property
    def size(self):
        return super().size * 10
    def via_type(self):
        return super(type(self), self).__repr__()
    def nested(self):
        def helper():
            return super(Child, self).make(1)
        return helper()
c = Child(a=1)
print(c, Child.make(1, 2), c.make(3), c.size, c.nothing, c.via_type(), c.nested())
try:
    c.blocked = 1
except AttributeError as e:
    print(e)
c.x = 5
print(c.x, c.__dict__)
print(super(Child, c).size, super(Child, Child).make(7))
class S:
    @staticmethod
    def st():
        return super().__init__
try:
    S.st()
except RuntimeError as e:
    print(e)
class Parent:
    def __init__(self, name):
        self.name = name
class Kid(Parent):
    def __init__(self, name, age):
        Parent.__init__(self, name)
        self.age = age
k = Kid("a", 3)
print(k.name, k.age, vars(k), isinstance(k, Parent), Kid.__bases__[0].__name__, Kid.__base__.__name__ if hasattr(Kid, "__base__") else "")
print(super(Kid, k).__init__("renamed"), k.name)
""")

snippet("suggest_list_method", """
values = [1]
values.apend(2)
""")

snippet("suggest_global_name", """
count = 1
print(coutn)
""")

snippet("suggest_instance_attribute", """
class A:
    def __init__(self):
        self.weight = 1
a = A()
print(a.wieght)
""")

snippet("suggest_module_attribute", """
import math
math.sqr(2)
""")

snippet("suggest_local_name", """
def f():
    total = 0
    return totl
f()
""")

snippet("suggest_loop_variable", """
def train(model, epochs):
    for e in range(epoch):
        pass
train(1, 2)
""")

snippet("suggest_builtin", """
x = [1]
print(lenght(x))
""")

snippet("suggest_method_typo", """
class Model:
    def forward(self): pass
Model().froward()
""")

snippet("suggest_keyword_constant", """
print(Flase)
""")

snippet("suggest_parameter", """
def f(learning_rate):
    return learning_rat
f(1)
""")


snippet("builtin_error_messages", """
one, none, lst, st, tup, dct, sset = 1, None, [1], "abc", (1, 2), {}, {1, 2}
tests = [
    lambda: print(foo=1),
    lambda: len([], 1),
    lambda: sorted([1], keyy=len),
    lambda: one(),
    lambda: none[0],
    lambda: [x for x in 5],
    lambda: [1] + 1,
    lambda: (1,) + [1],
    lambda: lst["a"],
    lambda: st["a"],
    lambda: tup["a"],
    lambda: len(5),
    lambda: dct(),
    lambda: 1 in 5,
    lambda: "a" in 5,
    lambda: 3 < "a",
    lambda: [] < (),
    lambda: {1: 2} < {1: 2},
    lambda: None + 1,
    lambda: -"a",
    lambda: ~1.5,
    lambda: "a" * 1.5,
    lambda: [1] * "a",
    lambda: sset[0],
    lambda: {"a": 1}.keys()[0],
    lambda: iter(5),
    lambda: next([1]),
    lambda: int(None),
    lambda: float([1]),
    lambda: str.join(",", 1),
    lambda: dict([1, 2]),
    lambda: dict(1),
    lambda: list(1),
    lambda: tuple(None),
    lambda: set(5),
    lambda: range(1.5),
    lambda: range("a"),
    lambda: "x".split(1),
    lambda: [3, 1].sort(key=1),
    lambda: abs("x"),
    lambda: round("x"),
    lambda: sum(["a", "b"]),
    lambda: sum([1], "x"),
    lambda: max(1),
    lambda: chr("a"),
    lambda: ord("ab"),
    lambda: isinstance(1, 1),
    lambda: issubclass(1, int),
    lambda: getattr(1, 2),
    lambda: hash({}),
    lambda: zip(1),
    lambda: enumerate(1),
    lambda: map(len),
    lambda: divmod("a", 1),
    lambda: pow("a", 2),
    lambda: {}.get(),
    lambda: [].append(),
    lambda: [].pop(),
    lambda: [].remove(1),
    lambda: [1].index(2),
    lambda: {}.pop("k"),
    lambda: ().count(),
    lambda: "a".replace("a"),
    lambda: "{}".format(),
    lambda: [1, 2][5],
    lambda: (1,)[3],
    lambda: [][-1],
    lambda: {}["k"],
    lambda: {}[[1]],
    lambda: 1 / 0.0,
    lambda: 2 ** 10000.0,
    lambda: [0] * -1 + [1][2],
]
for t in tests:
    try:
        t()
        print("no error")
    except Exception as e:
        print(type(e).__name__ + ":", e)
a = [1, 2, 3]
for src in ["x, y = a", "x, y, z, w = a", "x, = 5", "(x, y), z = 1, 2", "x, *y, z = [1]", "x, y = 'abc'", "x, y = {1: 2}"]:
    pass
def unpack(kind):
    if kind == 0: x, y = a
    if kind == 1: x, y, z, w = a
    if kind == 2: x, = 5
    if kind == 3: (x, y), z = 1, 2
    if kind == 4: x, *y, z = [1]
    if kind == 5: x, y = "abc"
    if kind == 6: x, y = None
for k in range(7):
    try:
        unpack(k)
    except (ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
class A:
    def m(self): pass
    def n(self, x): pass
for t in [lambda: A.m(), lambda: A().m(1), lambda: A().n(), lambda: A.n(1), lambda: A().zz, lambda: A.zz, lambda: A()()]:
    try:
        t()
    except Exception as e:
        print(type(e).__name__ + ":", e)
""")

snippet("nanogpt_train_patterns", """
import math
import time
out_dir = 'out'
eval_interval = 2000
log_interval = 1
always_save_checkpoint = True
init_from = 'scratch'
learning_rate = 6e-4
max_iters = 600000
weight_decay = 1e-1
beta1 = 0.9
decay_lr = True
warmup_iters = 2000
lr_decay_iters = 600000
min_lr = 6e-5
config_keys = [k for k,v in globals().items() if not k.startswith('_') and isinstance(v, (int, float, bool, str))]
config = {k: globals()[k] for k in config_keys}
print(config_keys)
print(config)
def get_lr(it):
    if it < warmup_iters:
        return learning_rate * (it + 1) / (warmup_iters + 1)
    if it > lr_decay_iters:
        return min_lr
    decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)
    assert 0 <= decay_ratio <= 1
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return min_lr + coeff * (learning_rate - min_lr)
print([get_lr(i) for i in (0, 100, 2000, 5000, 300000, 700000)])
running_mfu = -1.0
for iter_num, (lossf, dt, mfu) in enumerate([(4.2, 0.5, 0.3), (3.9, 0.25, 0.35)]):
    running_mfu = mfu if running_mfu == -1.0 else 0.9*running_mfu + 0.1*mfu
    print(f"iter {iter_num}: loss {lossf:.4f}, time {dt*1000:.2f}ms, mfu {running_mfu*100:.2f}%")
losses = {'train': 2.123456, 'val': 2.2}
print(f"step {0}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}")
param_groups = [{'lr': 0.1, 'params': []}, {'lr': 0.1}]
for param_group in param_groups:
    param_group['lr'] = get_lr(10)
print(param_groups)
model_args = dict(n_layer=12, n_head=12, n_embd=768, block_size=1024, bias=False, vocab_size=None, dropout=0.0)
class C: n_layer = 6; n_head = 6; n_embd = 384; block_size = 256; bias = False; vocab_size = 65
for k in ['n_layer', 'n_head', 'n_embd', 'block_size', 'bias', 'vocab_size']:
    model_args[k] = getattr(C, k)
print(model_args)
tokens_per_iter = 5 * 8 * 12 * 1024
print(f"tokens per iteration will be: {tokens_per_iter:,}")
iter_num = 0
best_val_loss = 1e9
t0 = time.time()
while True:
    iter_num += 1
    if iter_num % 3 == 0 and True:
        print("eval at", iter_num)
    if iter_num > 7:
        break
print(isinstance(time.time() - t0, float), best_val_loss, 1e9 == 10**9, f"{1e9}")
""")

snippet("syntax_nonlocal_unbound", """
def f():
    def g():
        nonlocal x
        x = 1
    g()
f()
""")

snippet("syntax_keyword_repeated", """
f(x=1, x=2)
""")

snippet("syntax_star_after_double_star", """
f(**a, *b)
""")

snippet("syntax_positional_after_keyword", """
f(a=1, b)
""")

snippet("syntax_print_statement", """
print "hi"
""")

snippet("syntax_assign_in_if", """
x = 5
if x = 5:
    pass
""")

snippet("syntax_assign_attribute_in_while", """
while a.b = f(1):
    pass
""")

snippet("syntax_keyword_repeated_long", """
f(xx=1, y=2, xx=foo + 1)
""")

snippet("syntax_positional_after_keyword_many", """
f(a=1, b, c)
""")


snippet("sys_exit_zero", """
import sys
print("a")
sys.exit(0)
print("b")
""")

snippet("sys_exit_message", """
import sys
try:
    sys.exit(3)
except SystemExit as e:
    print("caught", e.code, repr(e))
sys.exit("fatal: bad config")
""")

snippet("syntax_global_after_use", """
def f():
    print(x)
    global x
f()
""")

snippet("syntax_nonlocal_and_global", """
x = 1
def f():
    global x
    nonlocal x
""")

snippet("syntax_parameter_and_global", """
def f(a):
    global a
""")


snippet("dunder_new", """
class Single:
    _inst = None
    def __new__(cls, *args):
        if cls._inst is None:
            cls._inst = super().__new__(cls)
        return cls._inst
    def __init__(self, v):
        self.v = v
a = Single(1); b = Single(2)
print(a is b, a.v)
class Registry:
    def __new__(cls, *args, **kwargs):
        obj = object.__new__(cls)
        obj.created = True
        return obj
    def __init__(self, name):
        self.name = name
r = Registry("x")
print(r.created, r.name, type(r).__name__)
class Plain:
    pass
print(type(object.__new__(Plain)).__name__, Plain.__new__ is object.__new__)
""")

snippet("decorators", """
import time
def timer(fn):
    def wrapper(*args, **kwargs):
        result = fn(*args, **kwargs)
        wrapper.calls += 1
        return result
    wrapper.calls = 0
    wrapper.__name__ = fn.__name__
    wrapper.__doc__ = fn.__doc__
    wrapper.__wrapped__ = fn
    return wrapper
def tag(label):
    def deco(fn):
        fn.label = label
        return fn
    return deco
@timer
@tag("math")
def add(a, b=1):
    "Adds."
    return a + b
print(add(1), add(2, b=5), add.calls, add.__name__, add.__doc__, add.__wrapped__.label)
class Registry:
    items = {}
    @classmethod
    def register(cls, name):
        def deco(klass):
            cls.items[name] = klass
            klass.registered_as = name
            return klass
        return deco
@Registry.register("lin")
class Linear:
    pass
print(Registry.items, Linear.registered_as)
def singleton(cls):
    instances = {}
    def get(*args):
        if cls not in instances:
            instances[cls] = cls(*args)
        return instances[cls]
    return get
@singleton
class Config:
    def __init__(self, v=0): self.v = v
print(Config(1) is Config(2), Config().v)
class M:
    def deco_method(fn):
        def inner(self, *a):
            return ("wrapped", fn(self, *a))
        return inner
    @deco_method
    def run(self, x):
        return x * 2
    @staticmethod
    @timer
    def st(x):
        return -x
    @property
    @timer
    def p(self):
        return 42
print(M().run(3), M.st(4), M().p, M.st.calls)
def memo(fn):
    cache = {}
    def inner(n):
        if n not in cache:
            cache[n] = fn(n)
        return cache[n]
    return inner
@memo
def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(60), [fib(i) for i in range(10)])
print((lambda f: f(f, 10))(lambda s, n: 1 if n == 0 else n * s(s, n - 1)))
""")

snippet("iteration_protocol", """
class Countdown:
    def __init__(self, n): self.n = n
    def __iter__(self): return CountdownIter(self.n)
    def __len__(self): return self.n
    def __reversed__(self): return iter(range(1, self.n + 1))
class CountdownIter:
    def __init__(self, n): self.n = n
    def __iter__(self): return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n + 1
c = Countdown(3)
print(list(c), list(reversed(c)), [x * 2 for x in c], dict(enumerate(c)), list(zip(c, "abc")), max(c), sorted(c), sum(c))
a, b, d = c
print(a, b, d, *c, tuple(c), set(c) == {1, 2, 3}, 2 in c, list(map(lambda x: -x, c)), list(filter(lambda x: x % 2, c)))
it = iter(c)
print(next(it), next(it), next(it), next(it, "done"))
try:
    next(it)
except StopIteration as e:
    print("stop", repr(e))
vals = [3, 2, 1, 0, 5]
pos = iter(vals)
print(list(iter(lambda: next(pos), 0)))
class Seq:
    def __len__(self): return 3
    def __getitem__(self, i):
        if i >= 3: raise IndexError
        return "abc"[i]
print(list(reversed(Seq())), list(Seq()), "".join(Seq()))
try:
    iter(5)
except TypeError as e:
    print(e)
try:
    next(c)
except TypeError as e:
    print(e)
try:
    reversed(CountdownIter(2))
except TypeError as e:
    print(e)
class BadIter:
    def __iter__(self): return 5
try:
    iter(BadIter())
except TypeError as e:
    print(e)
try:
    for x in BadIter(): pass
except TypeError as e:
    print(e)
""")


snippet("augmented_finally_chained", """
calls = []
def idx():
    calls.append("i")
    return 0
a = [10]
a[idx()] += 5
class O: pass
o = O(); o.v = 1
def obj():
    calls.append("o")
    return o
obj().v *= 3
print(a, o.v, calls)
def f():
    try:
        return "try"
    finally:
        return "finally"
def g():
    for i in range(3):
        try:
            raise ValueError
        finally:
            break
    return i
def h():
    try:
        pass
    except ValueError:
        return "except"
    else:
        raise KeyError("from else")
print(f(), g())
try:
    h()
except KeyError as e:
    print("else raised", e)
print(1 < 2 in [2] , 3 not in [1] is not None, None is not None, "a" in "abc" in "xabcx")
x = 5
print(0 < x <= 5 != 6, x == 5 == 5.0, -1 < -x)
print(f"{x!r:^10}|", f"{'é':*>4}", 1_000.0_1, 0xFF_FF, 1e1_0 if False else 1, ..., type(...).__name__)
t = (1,)
t += (2,)
s = "ab"; s *= 2
l = [1]; l2 = l; l += [2]; l *= 2
print(t, s, l, l2 is l)
d = {"a": 1}
d |= {"b": 2}
print(d, d | {"c": 3}, {**d, "a": 0})
b = True
b += 1
print(b, type(b).__name__, True + True, -True, ~True if False else "")
n = None
print(n or "default", n and 1, [] or {} or 0, (1, 2) and "yes")
w = 3
w **= 2; w //= 2; w %= 3; w <<= 3; w >>= 1; w |= 1; w &= 7; w ^= 2
print(w)
""")

snippet("dict_views_as_sets_mingpt", """
decay = set()
no_decay = set()
for mn, pn in [("", "wte.weight"), ("h.0", "bias"), ("h.0.attn", "weight"), ("lm", "bias")]:
    fpn = '%s.%s' % (mn, pn) if mn else pn
    if pn.endswith('bias'):
        no_decay.add(fpn)
    elif pn.endswith('weight'):
        decay.add(fpn)
param_dict = {pn: 0 for pn in ["wte.weight", "h.0.bias", "h.0.attn.weight", "lm.bias", "extra"]}
inter_params = decay & no_decay
union_params = decay | no_decay
assert len(inter_params) == 0, "parameters %s made it into both decay/no_decay sets!" % (str(inter_params), )
print(sorted(param_dict.keys() - union_params), len(param_dict.keys() - union_params) == 1, \\
      sorted(list(decay)))
k = {"a": 1, "b": 2}.keys()
print(k & {"a"}, k | {"z"} == {"a", "b", "z"}, k - {"a"}, k ^ {"a", "q"} == {"b", "q"}, "a" in k, len(k), list(k), k == {"a", "b"})
v = {"a": 1}.values(); it = {"a": 1}.items()
print(list(v), list(it), ("a", 1) in it, it & {("a", 1)}, isinstance(k, type({}.keys())))
total = 1 + \\
    2 + \\
    3
print(total)
optim_groups = [
    {"params": [param_dict[pn] for pn in sorted(list(decay))], "weight_decay": 0.1},
    {"params": [param_dict[pn] for pn in sorted(list(no_decay))], "weight_decay": 0.0},
]
print(optim_groups)
""")

snippet("comprehension_traceback", """
m = [[1, 0]]
print([[1 / v for v in row] for row in m])
""")


snippet("class_and_method_attributes", """
class A:
    "Class doc."
    x = 1
    def m(self):
        "Method doc."
        return self
a = A()
bm = a.m
print(A.__doc__, A.m.__doc__, A.__module__, bm.__self__ is a, bm.__func__ is A.m, bm() is a, a.m == a.m, a.m is a.m)
print(A.__name__, A.__qualname__, type(A).__name__, type(type(A)).__name__, isinstance(A, type), callable(A), A.__class__.__name__)
print(sorted(k for k in A.__dict__ if not k.startswith("__")), "x" in vars(A), getattr(A, "x"), A().x)
A.y = 2; a.x = 5
print(a.x, A.x, a.y, vars(a))
del a.x
print(a.x)
print(repr(A).startswith("<class '__main__.A'>"), str(A.m).startswith("<function A.m at 0x"), repr(a.m).startswith("<bound method A.m of <__main__.A object at 0x"))
print(len.__name__, repr(len), repr(print), type(len).__name__, [].append.__name__, repr([].append)[:33])
def outer():
    class Inner:
        def meth(self): pass
    return Inner
I = outer()
print(I.__qualname__, I.meth.__qualname__, repr(I))
print(type(None).__name__, type(NotImplemented).__name__, type(...).__name__, repr(NotImplemented), repr(...))
print(int.__name__, str.__mro__ if False else "", bool.__mro__, issubclass(bool, object), object.__bases__, int.__bases__)
""")


snippet("slots", """
class P:
    __slots__ = ("x", "y")
    kind = "point"
    def __init__(self, x, y):
        self.x = x
        self.y = y
p = P(1, 2)
p.x = 5
print(p.x, p.y, P.__slots__)
for name in ["z", "kind"]:
    try:
        setattr(p, name, 1)
    except AttributeError as e:
        print(e)
class P3(P):
    __slots__ = ("z",)
q = P3(1, 2); q.z = 3
print(q.z)
try:
    q.w = 1
except AttributeError as e:
    print(e)
class Free(P):
    pass
f = Free(1, 2); f.anything = 1
print(f.anything)
class One:
    __slots__ = "v"
o = One(); o.v = 1
print(o.v)
""")


snippet("future_annotations", """
from __future__ import annotations
def f(x: Undefined) -> AlsoUndefined:
    return x
print(f(1))
class Node:
    parent: Node
    children: list[Node] = []
    value: int = 0
print(Node.__annotations__)
""")

snippet("future_unknown_feature", """
from __future__ import nope
""")


snippet("function_annotations", """
def add_callback(self, onevent: str, callback=None) -> None:
    return onevent
def f(a: int, b: "float" = 2.0, *args: str, c: list[int] = None, **kw: dict) -> tuple:
    return a
def plain(x): pass
print(add_callback.__annotations__, plain.__annotations__)
print(list(f.__annotations__), f.__annotations__["b"], f.__annotations__["return"])
class M:
    def forward(self, x: int, targets: "M" = None) -> "M":
        return self
print(M.forward.__annotations__)
""")

snippet("future_annotations_functions", """
from __future__ import annotations
def f(x: Undefined) -> AlsoUndefined:
    return x
print(f(1))
class Node:
    parent: Node
    children: list[Node] = []
    value: int = 0
print(Node.__annotations__)
def g(x: Undefined[int], *a: Foo) -> Bar | None:
    pass
print(g.__annotations__)
""")


snippet("future_import_position", """
import os
from __future__ import annotations
""")

snippet("syntax_walrus_rebinds_iteration_variable", """
x = [i for i in range(3) if (i := 2)]
""")

snippet("syntax_walrus_in_class_comprehension", """
class A:
    [y := 1 for _ in range(2)]
""")


snippet("user_object_type_errors", """
class A: pass
a = A()
tests = [lambda: a(), lambda: a[0], lambda: [x for x in a], lambda: len(a), lambda: a + 1, lambda: 1 + a, lambda: a < a,
         lambda: a.__setitem__(0, 1) if False else a.__class__, lambda: int(a), lambda: float(a), lambda: -a, lambda: abs(a),
         lambda: round(a), lambda: a * 2, lambda: a @ a, lambda: ~a, lambda: 2 ** a, lambda: a in a, lambda: divmod(a, 1),
         lambda: sum([a]), lambda: sorted([a, a]), lambda: max(a, a), lambda: list(a), lambda: dict(a), lambda: "%d" % a,
         lambda: f"{a:>5}", lambda: hex(a), lambda: range(a), lambda: [1][a], lambda: "ab" * a, lambda: bool(a), lambda: a == 1]
for t in tests:
    try:
        r = t()
        print("ok", r if not isinstance(r, A) else "A")
    except Exception as e:
        print(type(e).__name__ + ":", e)
def setitem(): a[0] = 1
def delitem(): del a[0]
def delattr_(): del a.q
for t in [setitem, delitem, delattr_]:
    try:
        t()
    except Exception as e:
        print(type(e).__name__ + ":", e)
""")


snippet("float_tuple_hashes_set_order", """
print({(1, 2), (3, 4), (0, 0), (2, 1)}, {0.5, 0.25, 1.0, 3, -1.5}, {(1, 2.5), (1, 2)}, {True, 2, 0.0})
print({1.0: "a", 1: "b", True: "c"}, {-0.0, 0.0}, {float("inf"), 1e308, -float("inf")}, hash((1, 2)) == hash((1.0, 2.0)))
print(set([(i, i * 2) for i in range(6)]), {i / 4 for i in range(10)}, {(-i, i) for i in range(4)})
print(hash(0.5), hash(-0.5), hash(1e-300), hash(123.456), hash(2 ** 0.5), hash((0.5, -1, (2.0,))), hash(((),)))
print(hash(1e308), hash(float("inf")), hash(-float("inf")), hash(1e300), hash(2.0**100), hash(1.5e200))
print(hash(5e-324), hash(1e-310), hash(-2.2250738585072014e-308), hash(0.1), hash(1.7976931348623157e308))
""")


snippet("assert_call_no_carets", """
x = "s"
assert isinstance(x, int), type(x)
""")

snippet("assert_compare_in_function", """
def check(n):
    assert n > 0, ("bad", n)
check(-1)
""")

snippet("assert_name_message", """
x=0
assert x, "m"
""")

snippet("assert_boolean_compare", """
x = 0
y = 0
assert x == 1 or y
""")


snippet("dir_of_user_objects", """
class A:
    z = 1
    def m(self): pass
a = A()
a.q = 2
print(dir(a))
print(dir(A))
class B(A):
    "doc"
    def __init__(self): self.w = 1
    def __repr__(self): return "B"
print(dir(B()))
""")


snippet("globals_and_dict_write_through", """
g = globals()
y = 5
g["z"] = 1
globals()["w"] = 2
print(y, z, w)
for name in ["alpha", "beta"]:
    globals()[name] = len(name)
print(alpha, beta)
globals().update({"gamma": 3})
print(gamma)
del globals()["gamma"]
print("gamma" in globals())
class O:
    def __init__(self, **kw):
        self.__dict__.update(kw)
o = O(a=1)
d = o.__dict__
o.b = 2
d["c"] = 3
o.__dict__["e"] = 4
print(vars(o), o.c)
del o.__dict__["a"]
print(vars(o), hasattr(o, "a"))
print(o.__dict__.pop("b"), vars(o))
o.__dict__.clear()
print(vars(o))
""")

snippet("closures_and_class_scope", """
fs = []
for i in range(3):
    fs.append(lambda: i)
print([f() for f in fs])
def make():
    return [lambda x, i=i: x + i for i in range(3)]
print([f(10) for f in make()])
class A:
    x = 5
    y = [x * 2 for x in range(2)]
    z = (lambda v=x: v)()
print(A.y, A.z, A.x)
try:
    class B:
        x = 1
        y = [x for _ in range(2)]
except NameError as e:
    print(e)
def counter():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    return step
s1, s2 = counter(), counter()
print(s1(), s1(), s2())
x = "global"
def shadow():
    x = "local"
    def inner():
        return x
    return inner()
print(shadow(), x)
def uses_global():
    return x.upper()
print(uses_global())
""")

write_expectations("make_language_fixtures.py", "languageExpectations", "PythonTests/LanguageExpectations.swift", hashes="##")
