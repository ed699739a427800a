#!/usr/bin/env python3
# Generates Tests/PythonTests/ScriptExpectations.swift: lesson-language snippets and the exact
# text CPython prints for them (stdout, then any traceback). Run by hand with python3 3.11:
#     python3 Tests/Fixtures/make_script_fixtures.py
# Caret lines are normalized to the workbench's style (all '^', see DESIGN.md).

from cpython_snippets import snippet, write_expectations

snippet("arithmetic", """
print(7 // 2, -7 // 2, 7 % -3, -7 % 3, 7 / 2, 2 ** 10, 2 ** -2, -2 ** 2, (-2) ** 2)
print(1 + 2 * 3 - 4 / 2, (1 + 2) * 3, 10 - 2 - 3, 2 ** 3 ** 2, ~5, -~5, 5 & 3, 5 | 3, 5 ^ 3, 1 << 4, 256 >> 3)
print(divmod(17, 5), divmod(-17, 5), divmod(7.5, 2), abs(-4), abs(-2.5), pow(2, 10), pow(3, 4, 5))
print(True + True, True * 3, 3 / True, 1 == 1.0, 0.1 + 0.2, 0.1 + 0.2 == 0.3, 7.0 // 2, 7.5 % 2, -7.5 % 2)
print(round(0.5), round(1.5), round(2.5), round(-0.5), round(2.675, 2), round(1234.5678, -2), round(1234, -2), round(-3.14159, 3))
print(int(3.9), int(-3.9), int("  42 "), int("-0x1f", 16), int("101", 2), int("1_000"), float(" 2.5 "), float("-inf"), float(7))
x = 10
x += 5; x -= 3; x *= 2; x //= 5; x **= 2; x %= 7
print(x, 3 < 4 < 5, 3 < 4 > 5, 1 < 2 == 2, not 0, not [], 2 and 3, 0 and 3, 0 or [] or "z")
""")

snippet("float_repr", """
values = [0.1, 1e-05, 1.0, 1e16, 1e15, 123456789012345678.0, 1/3, 2/3, 1e-4, 0.0001234, 1e22, 1.5e-300,
          float("inf"), float("-inf"), float("nan"), -0.0, 0.0, 3.14, 100.0, 2.5e-8, 12345.678, 9007199254740993.0,
          5e-324, 1.7976931348623157e308, 0.3, 1e100, 123.0, 1e-7]
for v in values:
    print(repr(v), str(v))
print(values[:4])
print([v.hex() for v in values])
""")

snippet("fstrings", """
x = 3.14159
n = 1234567
s = "hi"
print(f"{x:.4f} {x:.2e} {x:10.3f}| {x:<10.2f}| {x:^10.1f}| {x:+.2f} {-x:.1f} {x:.0f} {x:%} {x:.1%}")
print(f"{n:,} {n:_} {n:>12,} {n:012d} {n:x} {n:X} {n:o} {n:b} {n:#x} {n:e} {n:.3g} {-n:,}")
print(f"{s:>10}|{s:<10}|{s:^10}|{s:*^9}|{s!r}|{s!s}|{s:.1}|")
print(f"{x=}, {n = }, {s=!s}, {x=:.2f}")
print(f"{'nested ' + s.upper()} {[1, 2][0]} {{literal}} {n:{'>'}{10}}")
print(f"{3:5} {True} {None} {[1, 'a']} {(1,)} {1e20:.3g} {0.000012345:.3g} {12.0:g} {1e-10:g}")
print(f"{1.0} {100.0:.3} {0.5:.0%} {1234.5:,.2f} {-0.0:.1f} {float('nan'):.2f} {float('inf'):f}")
width = 8
print(f"{'x':>{width}}|{3.14159:.{2}f}")
print("{} {:.2f} {name} {0}".format(1, 2.345, name="n"), "{:>6}|{:<4}|".format("a", "b"))
print("%s %r %d %5.2f %-4d| %x %e %03d %%" % ("a", "b", 42, 3.14159, 7, 255, 12345.678, 5))
print("%(a)s-%(b)d" % {"a": "x", "b": 2}, "%.3s" % "abcdef", "%5s|%-5s|" % ("r", "l"))
print(format(3.5, ".1f"), format(42, "08b"), format("s", ">3"), format(1e6, ","), format(0.25, ".0%"))
""")

snippet("strings", """
s = "  Hello, World!  "
t = s.strip()
print(repr(t), t.lower(), t.upper(), t.title(), "hello world".capitalize(), t.swapcase())
print(t.split(", "), t.split(), "a,b,,c".split(","), "a b  c".split(" "), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("  x  y  ".split(), "x".split(","), "".split(), "".split(","), "line1\\nline2\\r\\nline3\\n".splitlines(), "a\\nb".splitlines(True))
print("-".join(["a", "b", "c"]), "".join(map(str, range(5))), ", ".join([]))
print(t.replace("l", "L"), t.replace("l", "L", 2), t.find("o"), t.rfind("o"), t.find("z"), t.index("W"), t.count("l"))
print(t.startswith("Hell"), t.endswith(("!", "?")), t.startswith("World", 7), t[0], t[-1], t[7:12], t[::-1], t[::2], t[100:])
print("abc".isalpha(), "123".isdigit(), "a1".isalnum(), "   ".isspace(), "ABC".isupper(), "abc".islower(), "".isdigit(), "Ab".isupper())
print("42".zfill(5), "-42".zfill(5), "ab".ljust(5, "."), "ab".rjust(5), "ab".center(7, "*"), "ab".center(6))
print("key=value=x".partition("="), "key=value=x".rpartition("="), "none".partition("="))
print("xxhixx".strip("x"), "xxhixx".lstrip("x"), "xxhixx".rstrip("x"), "  a ".lstrip(), "  a ".rstrip() + "|")
print(len("héllo"), "héllo"[1], "héllo".encode(), "héllo".encode("utf-8").decode(), list("abc"), "ab" in "cabd", "x" not in "abc")
print("a" < "b", "abc" < "abd", "Z" < "a", "abc" == "abc", "ab" * 3, 3 * "-", "a" + "b", str(3) + "x", repr("it's"), repr('say "hi"'), repr("tab\\tnew\\nline"))
print(ord("A"), chr(97), chr(0x263A), "\\u00e9", "\\x41", r"raw\\n", b"bytes", b"\\x00\\xff", "é".encode("utf-8"))
print("Hello".removeprefix("He"), "Hello".removesuffix("lo"), "a\\tb".expandtabs(4), "hello world foo".title(), "it's".title())
""")

snippet("lists_tuples", """
a = [3, 1, 4, 1, 5, 9, 2, 6]
a.append(5); a.extend([3, 5]); a.insert(0, 0); a.insert(-1, 99)
print(a, len(a), a.count(5), a.index(4), a.pop(), a.pop(0), a)
a.remove(99); a.reverse()
print(a, sorted(a), sorted(a, reverse=True), a[2:5], a[-3:], a[::3], a[5:2:-1])
b = a.copy(); b.sort(); b[0] = -1; b[1:3] = [7, 8, 9]; del b[-1]; del b[0:2]
print(b, a == a.copy(), a is a.copy(), [1, 2] < [1, 3], [1, 2] < [1, 2, 0], [] == [], [[1, 2], [3]])
words = ["banana", "Apple", "cherry", "date"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len), sorted(words, key=len, reverse=True), max(words, key=len), min(words))
pairs = [(1, "b"), (0, "z"), (1, "a")]
print(sorted(pairs), sorted(pairs, key=lambda p: p[1]), list(reversed(pairs)), [p[1] for p in pairs])
t = (1, 2, 3)
print(t, t[1:], t + (4,), t * 2, len(t), t.index(2), t.count(1), (1,), (), tuple([1, 2]), tuple("ab"), 2 in t)
x, y = 1, 2
x, y = y, x
first, *rest = [1, 2, 3, 4]
*init, last = "abc"
(p, q), r = (1, 2), 3
print(x, y, first, rest, init, last, p, q, r)
m = [[0] * 3 for _ in range(2)]
m[0][1] = 5
print(m, [row[1] for row in m], list(range(5)), list(range(2, 10, 3)), list(range(5, 0, -2)), range(3), len(range(0, 10, 3)))
print([1, 2, 3][-1], [1, [2, [3]]], sum([1, 2, 3]), sum([0.5, 0.25], 1), min(3, 1, 2), max([1, 5, 3]), min([], default=0), any([]), all([1, 0]))
""")

snippet("dicts_sets", """
d = {"b": 2, "a": 1}
d["c"] = 3
d.update({"d": 4}, e=5)
print(d, len(d), d["a"], d.get("z"), d.get("z", 0), "a" in d, 1 in d, list(d), list(d.keys()), list(d.values()))
print(d.items(), d.keys(), d.pop("e"), d.pop("zz", None), d.setdefault("f", 6), d.setdefault("a", 100), d)
for k, v in sorted(d.items(), key=lambda kv: -kv[1]):
    print(k, v, end="; ")
print()
del d["f"]
print({k: v for k, v in d.items() if v % 2 == 0}, dict(a=1, b=2), dict([("x", 1), ("y", 2)]), dict(zip("ab", range(2))), {})
counts = {}
for ch in "mississippi":
    counts[ch] = counts.get(ch, 0) + 1
print(counts, max(counts, key=counts.get), sorted(counts.items()))
print({1: "a", 1.0: "b", True: "c"}, {(1, 2): "tuple key"}, d == dict(d), {**d, "z": 0})
s = {1, 2, 3}
s.add(4); s.discard(10); s.remove(1)
print(s, len(s), 2 in s, s | {5}, s & {2, 3, 9}, s - {2}, s ^ {3, 7}, {1, 2} <= {1, 2, 3}, set(), frozenset([1]), sorted({3, 1, 2}))
print(set("aab") == {"a", "b"}, {x % 3 for x in range(10)}, len(set([1, 1, 2])))
""")

snippet("recursive_repr", """
a = [1]
a.append(a)
d = {}
d["self"] = d
print(a, d, [a, a])
""")

snippet("set_order", """
print({3, 1, 2}, set([10, 5, 100, 7, 33, 64, 8, 9, 1000, -1, -5]), {x * 7 for x in range(20)})
s = {5, 3}
s.add(1)
print(s, list(s), {True, 2, 0}, set(range(50, 0, -3)), [x for x in {9, 8, 1}])
""")

snippet("interpreter_fast_paths", """
class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y
    def norm2(self):
        return self.x * self.x + self.y * self.y
p = Point(3, 4)
print(p.norm2(), p.x, p.y, vars(p))
p.z = 5
del p.x
print(vars(p), hasattr(p, "x"))
p.x = 7
print(vars(p), p.x, p.norm2())
q = Point(1, 2)
q.norm2 = lambda: "own"
print(q.norm2(), p.norm2())
class Many:
    def __init__(self, n):
        for i in range(n):
            setattr(self, "a" + str(i), i)
m = Many(40)
print(sum(getattr(m, "a" + str(i)) for i in range(40)), m.a39, m.a0, len(vars(m)))
def f():
    try:
        return 1
    finally:
        return
def g(n):
    return n if n < 2 else g(n - 1) + g(n - 2)
print(f(), [g(i) for i in range(12)], g(g(5)))
d = {}
for i in range(100):
    d[i] = i * i
for i in range(0, 100, 3):
    del d[i]
d[1.0] = "float one"
d[True] = "true"
print(len(d), d[1], list(d)[:5], list(d.items())[-2:])
for k, v in d.items():
    if k > 95:
        print(k, v)
s = {}
for w in "the cat and the hat and the bat".split():
    s[w] = s.get(w, 0) + 1
print(s, s.popitem(), s)
try:
    for k in d:
        d[k + 1000] = 0
except RuntimeError as e:
    print("RuntimeError:", e)
items = [1, 2]
for x in items:
    if x < 5:
        items.append(x + 2)
print(items, [y for y in items if y % 2 == 0], {x: x * x for x in range(-3, 4)})
print([x % 3 for x in range(-5, 6)], [x // 3 for x in range(-5, 6)], [7 // -2, -7 // 2, 7 % -2])
a, b = 1, 2
a, b = b, a
(c, d2), e = (3, 4), 5
lst = [0, 0, 0]
lst[1] = 5
lst[-1] = 9
print(a, b, c, d2, e, lst)
class Counter:
    def __init__(self):
        self.n = 0
    def bump(self):
        self.n += 1
        return self
c = Counter()
c.bump().bump().bump()
print(c.n, Point(1, 2).w)
""")

snippet("control_flow", """
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    print(i, end=" ")
else:
    print("no break")
print()
for i in range(3):
    pass
else:
    print("loop finished", i)
n = 0
while n < 5:
    n += 1
else:
    print("while else", n)
while True:
    n -= 1
    if n == 2:
        break
print(n)
grade = 85
if grade >= 90:
    print("A")
elif grade >= 80:
    print("B")
else:
    print("C")
print("yes" if grade > 50 else "no", [i for i in range(3)] if grade else None)
for i, (a, b) in enumerate([(1, 2), (3, 4)], start=1):
    print(i, a, b)
for x, y in zip([1, 2, 3], "ab"):
    print(x, y)
pass
""")

snippet("functions", """
def greet(name, greeting="Hello", *args, punctuation="!", **kwargs):
    return f"{greeting}, {name}{punctuation} {args} {kwargs}"
print(greet("Ann"))
print(greet("Bob", "Hi", 1, 2, punctuation="?", extra=True))
print(greet(*["Cy", "Yo"], **{"punctuation": "."}))
def kw_only(a, *, b, c=3):
    return a + b + c
print(kw_only(1, b=2), kw_only(1, b=2, c=10))
def outer():
    count = 0
    def inner():
        nonlocal count
        count += 1
        return count
    return inner
f = outer()
f(); f()
print(f(), outer()())
adders = [lambda x, i=i: x + i for i in range(3)]
print([g(10) for g in adders], (lambda: 42)(), (lambda *a, **k: (a, k))(1, z=2))
total = 0
def add_global(v):
    global total
    total += v
add_global(5); add_global(7)
print(total)
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact.__name__, callable(fact), greet.__defaults__)
def decorator(fn):
    def wrapper(*args, **kwargs):
        return "<" + str(fn(*args, **kwargs)) + ">"
    return wrapper
@decorator
def double(x):
    return 2 * x
print(double(21), list(map(lambda v: v * v, range(4))), list(filter(None, [0, 1, "", "a"])))
def no_return():
    pass
print(no_return(), sorted([3, 1, 2], key=lambda v: -v))
def make_counter():
    counts = []
    def push(v):
        counts.append(v)
        return len(counts)
    return push
p = make_counter()
p(1)
print(p(2))
""")

snippet("classes", """
class Shape:
    sides = 0
    count = 0
    def __init__(self, name):
        self.name = name
        Shape.count += 1
    def describe(self):
        return f"{self.name} with {self.sides} sides"
    def __repr__(self):
        return f"{type(self).__name__}({self.name!r})"
    @staticmethod
    def unit():
        return "unit"
    @classmethod
    def make(cls, name):
        return cls(name)
class Square(Shape):
    sides = 4
    def __init__(self, size):
        super().__init__("square")
        self.size = size
    @property
    def area(self):
        return self.size ** 2
    @area.setter
    def area(self, value):
        self.size = value ** 0.5
    def describe(self):
        return super().describe() + f", area {self.area}"
sq = Square(3)
print(sq.describe(), sq, [sq], str(sq), Shape.count, sq.sides, Shape.sides)
sq.area = 16
print(sq.size, sq.area, Shape.unit(), sq.unit(), Shape.make("tri"), Square.make(2).size)
print(isinstance(sq, Shape), isinstance(sq, Square), isinstance(sq, (int, str)), issubclass(Square, Shape), type(sq) is Square, type(sq).__name__)
print(hasattr(sq, "size"), getattr(sq, "missing", None), Square.__name__, Square.__mro__)
setattr(sq, "color", "red")
print(sq.color, sorted(vars(sq)))
class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)
    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)
    def __rmul__(self, k):
        return self * k
    def __eq__(self, other):
        return isinstance(other, Vector) and (self.x, self.y) == (other.x, other.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __iter__(self):
        return iter((self.x, self.y))
    def __repr__(self):
        return f"Vector({self.x}, {self.y})"
    def __str__(self):
        return f"<{self.x}, {self.y}>"
    def __neg__(self):
        return Vector(-self.x, -self.y)
    def __contains__(self, v):
        return v in (self.x, self.y)
    def __call__(self, scale):
        return self * scale
    def __bool__(self):
        return bool(self.x or self.y)
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
v = Vector(1, 2) + Vector(3, 4)
print(v, repr(v), v * 2, 3 * v, -v, v == Vector(4, 6), v != Vector(4, 6), len(v), v[0], list(v), 4 in v, v(10), bool(Vector(0, 0)))
print(sorted([Vector(2, 1), Vector(1, 5)]), max(Vector(2, 1), Vector(1, 5)))
class Stack:
    def __init__(self):
        self.items = []
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", exc_type.__name__ if exc_type else None)
        return True
with Stack() as st:
    st.items.append(1)
    raise ValueError("suppressed")
print("after with", st.items)
class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n <= 0:
            raise StopIteration
        self.n -= 1
        return self.n
print(list(Countdown(3)), [x * 2 for x in Countdown(2)])
""")

snippet("exceptions_handled", """
class AppError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
try:
    raise AppError(42, "broken")
except AppError as e:
    print(type(e).__name__, e.code, e, e.args, repr(e))
def risky(v):
    try:
        if v == 0:
            raise ValueError("zero")
        return 10 / v
    except ValueError as e:
        return f"value error: {e}"
    finally:
        print("finally", v)
print(risky(0), risky(4))
for exc in [KeyError("k"), IndexError("i"), ZeroDivisionError("z"), TypeError("t")]:
    try:
        raise exc
    except (KeyError, IndexError) as e:
        print("lookup", repr(e), str(e))
    except Exception as e:
        print("other", type(e).__name__, e)
try:
    try:
        [][1]
    except IndexError:
        raise RuntimeError("wrapped")
except RuntimeError as e:
    print(e, type(e.__context__).__name__)
try:
    int("x")
except:
    print("bare except")
else:
    print("not here")
try:
    pass
except Exception:
    pass
else:
    print("else runs")
def f():
    try:
        return "try"
    finally:
        print("cleanup")
print(f(), isinstance(ValueError(), Exception), issubclass(KeyError, LookupError), ValueError("a", 1).args)
try:
    assert 1 > 2, "custom message"
except AssertionError as e:
    print("assert:", e)
try:
    raise KeyError("missing")
except KeyError as e:
    print(e, repr(e), e.args[0])
e = None
try:
    x = {}["nope"]
except LookupError as err:
    e = err
print(type(e).__name__, e)
""")

snippet("builtins_misc", """
import math
print(math.sqrt(2), math.pi, math.e, math.floor(-2.5), math.ceil(2.1), math.log(100, 10), math.log2(8), math.log10(1000), math.exp(1))
print(math.isclose(1.0, 1.0 + 1e-10), math.isnan(float("nan")), math.isinf(math.inf), math.prod([1, 2, 3, 4]), math.cos(0), math.tanh(0.5), math.fsum([0.1] * 10), sum([0.1] * 10))
print(len("abc"), len([1]), len({}), bool(0), bool("x"), str(None), repr([1, "a"]), type(3.0).__name__, int(True))
print(list(enumerate("ab")), list(zip(range(3), range(3, 6), "xyz")), list(map(pow, [2, 3], [3, 2])), sorted("hello"))
print(isinstance(3, int), isinstance(3, float), isinstance(True, int), isinstance("s", (int, str)), isinstance(None, type(None)))
print(hex(255), hex(-1), oct(8), bin(5), chr(8364), ord("€"), abs(-0.0), max(1, 2.5), min("b", "a"), sum(range(101)))
it = iter([1, 2, 3])
print(next(it), next(it), next(it), next(it, "done"), list(iter([])), list(reversed(range(4))), list(reversed("ab")))
print(any(x > 2 for x in [1, 3]), all(x > 0 for x in [1, 2]), sum(x * x for x in range(4)), max(x % 3 for x in range(10)))
print(hash(1) == hash(1.0), id(it) == id(it), callable(print), callable(3), getattr(math, "pi"), type(print).__name__)
print(str(b"ab", "utf-8"), bytes("hi", "utf-8"), list(b"hi"), b"hi".decode(), bytes(3), b"a" + b"b", len(b"abc"))
print(divmod(-7, 2), 0.1 * 3, 1e300 * 1e10, -1e300 * 1e10, 2 ** 62, 10 ** 18, int(1e18), round(7.5), round(-2.5), float("1e-3"))
print(dict.fromkeys("ab", 0), list(range(0)), [] or "empty", None is None, type(None).__name__, NotImplemented, Ellipsis, ...)
print(slice(1, 2), slice(None, 5, 2).indices(10) if hasattr(slice, "indices") else None, "abc"[slice(1, None)], [1, 2, 3][slice(None, None, -1)])
""")

snippet("comprehensions_scope", """
x = "outer"
squares = [x * x for x in range(5)]
print(x, squares)
matrix = [[1, 2, 3], [4, 5, 6]]
print([n for row in matrix for n in row if n % 2], [[row[i] for row in matrix] for i in range(3)])
print({w: len(w) for w in ["a", "bb"]}, {n % 3 for n in range(9)}, sorted(set(c for c in "banana")))
def scale(values, factor):
    return [v * factor for v in values if v > 0]
print(scale([1, -2, 3], 10))
funcs = [lambda: i for i in range(3)]
print([f() for f in funcs])
class Config:
    base = 10
    doubled = [n * 2 for n in range(3)]
print(Config.doubled, Config.base)
total = sum(i for i in range(10) if i % 2 == 0)
gen = (i * i for i in range(3))
print(total, list(gen), list(gen))
""")

snippet("with_and_files", """
with open("out_test.txt", "w") as f:
    f.write("alpha\\n")
    print("beta", file=f)
    f.writelines(["gamma\\n", "delta"])
with open("out_test.txt") as f:
    print(repr(f.read()))
with open("out_test.txt", "a") as f:
    f.write("\\nepsilon\\n")
with open("out_test.txt", "r", encoding="utf-8") as f:
    lines = f.readlines()
print(lines, len(lines))
with open("out_test.txt") as f:
    for i, line in enumerate(f):
        print(i, line.rstrip())
with open("out_test.txt", "rb") as f:
    data = f.read()
print(type(data).__name__, data[:5], data[0], len(data))
f = open("out_test.txt")
print(f.readline(), end="")
print(f.read(4))
f.close()
print(f.closed)
import os
print(os.path.exists("out_test.txt"), os.path.exists("nope.txt"), os.path.join("a", "b", "c.txt"), os.path.basename("/x/y.py"), os.path.splitext("a/b.tar.gz"))
os.remove("out_test.txt")
print(os.path.exists("out_test.txt"))
""")

snippet("book_style", """
GPT_CONFIG_124M = {
    "vocab_size": 50257,     # Vocabulary size
    "context_length": 1024,  # Context length
    "emb_dim": 768,          # Embedding dimension
    "n_heads": 12,           # Number of attention heads
    "n_layers": 12,          # Number of layers
    "drop_rate": 0.1,        # Dropout rate
    "qkv_bias": False        # Query-Key-Value bias
}
text = "Hello, do you like tea? In the sunlit terraces of the palace."
preprocessed = [item.strip() for item in text.replace(",", " ,").replace("?", " ?").replace(".", " .").split() if item.strip()]
all_words = sorted(set(preprocessed))
vocab = {token: integer for integer, token in enumerate(all_words)}
for i, item in enumerate(vocab.items()):
    if i >= 3:
        break
    print(item)
class SimpleTokenizerV1:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}
    def encode(self, text):
        tokens = [t for t in text.replace(",", " ,").split() if t]
        return [self.str_to_int[s] for s in tokens]
    def decode(self, ids):
        return " ".join([self.int_to_str[i] for i in ids]).replace(" ,", ",")
tokenizer = SimpleTokenizerV1(vocab)
ids = tokenizer.encode("Hello, do you like tea")
print(ids, tokenizer.decode(ids))
class GPTDatasetV1:
    def __init__(self, token_ids, max_length, stride):
        self.input_ids = []
        self.target_ids = []
        for i in range(0, len(token_ids) - max_length, stride):
            self.input_ids.append(token_ids[i:i + max_length])
            self.target_ids.append(token_ids[i + 1: i + max_length + 1])
    def __len__(self):
        return len(self.input_ids)
    def __getitem__(self, idx):
        return self.input_ids[idx], self.target_ids[idx]
dataset = GPTDatasetV1(list(range(10)), max_length=4, stride=2)
print(len(dataset), dataset[1], [x for x, y in dataset])
total_params = 163_009_536
print(f"Total number of parameters: {total_params:,}")
total_size_mb = total_params * 4 / (1024 * 1024)
print(f"Total size of the model: {total_size_mb:.2f} MB")
train_losses, val_losses, track_tokens_seen = [], [], []
tokens_seen, global_step = 0, -1
for epoch in range(2):
    for step in range(3):
        tokens_seen += 256
        global_step += 1
        if global_step % 2 == 0:
            train_loss, val_loss = 9.5 / (global_step + 1), 9.8 / (global_step + 1)
            train_losses.append(train_loss)
            print(f"Ep {epoch+1} (Step {global_step:06d}): "
                  f"Train loss {train_loss:.3f}, Val loss {val_loss:.3f}")
assert (GPT_CONFIG_124M["emb_dim"] % GPT_CONFIG_124M["n_heads"] == 0), "d_out must be divisible by num_heads"
head_dim = GPT_CONFIG_124M["emb_dim"] // GPT_CONFIG_124M["n_heads"]
print(head_dim, {**GPT_CONFIG_124M, "context_length": 256}["context_length"])
""")

# Errors: the traceback text is what CPython prints.
snippet("error_name", """
a = 1
b = undefined_name + a
""")
snippet("error_nested_calls", """
def inner(items):
    return items[5]
def outer(items):
    value = inner(items) * 2
    return value
data = [1, 2]
result = outer(data)
""")
snippet("error_key", """
vocab = {"hello": 1}
print("start")
token_id = vocab["Hello"]
""")
snippet("error_attribute", """
class Model:
    pass
m = Model()
out = m.forward(3)
""")
snippet("error_type_concat", """
count = 3
label = "count: " + count
""")
snippet("error_args", """
def train(model, epochs, lr=0.1):
    return epochs
train("m")
""")
snippet("error_unexpected_kw", """
def train(model, epochs):
    return epochs
train("m", 3, batch=4)
""")
snippet("error_custom", """
class ShapeError(Exception):
    pass
def check(n):
    if n != 3:
        raise ShapeError(f"expected 3, got {n}")
check(4)
""")
snippet("error_recursion", """
def forever(n):
    return forever(n + 1)
forever(0)
""")
snippet("error_chained", """
try:
    {}["x"]
except KeyError:
    value = int("not a number")
""")
snippet("error_from", """
def load(path):
    try:
        return open(path).read()
    except FileNotFoundError as e:
        raise RuntimeError("could not load config") from e
load("missing_config.txt")
""")
snippet("error_unpack", """
pair = (1, 2, 3)
a, b = pair
""")
snippet("error_unbound", """
def f():
    print(total)
    total = 1
f()
""")
snippet("error_assert", """
x = 2
assert x == 3, f"x should be 3, not {x}"
""")
snippet("error_zero_division", """
def mean(values):
    return sum(values) / len(values)
print(mean([1, 2]))
print(mean([]))
""")
snippet("error_index_str", """
word = "abc"
ch = word[10]
""")
snippet("error_not_callable", """
x = 5
y = x(3)
""")
snippet("error_import", """
import definitely_not_a_module
""")
snippet("error_method", """
items = [3, 1]
items.push(4)
""")
snippet("error_int_parse", """
values = ["1", "2", "three"]
total = sum(int(v) for v in values)
""")
snippet("error_overflow_float", """
import math
print(math.sqrt(-1))
""")
snippet("error_in_method", """
class Layer:
    def __init__(self, size):
        self.size = size
    def forward(self, x):
        return x + self.bias
layer = Layer(3)
print(layer.size)
layer.forward(1)
""")

# Syntax errors: CPython's report.
snippet("syntax_unclosed", """
x = (1 +
y = 2
""")
snippet("syntax_invalid", """
x = 1 +
""")
snippet("syntax_indent_expected", """
if True:
print("x")
""")
snippet("syntax_unindent", """
for i in range(3):
    print(i)
  print("bad")
""")
snippet("syntax_unexpected_indent", """
x = 1
    y = 2
""")
snippet("syntax_missing_colon", """
def f()
    return 1
""")
snippet("syntax_assign_call", """
f() = 3
""")
snippet("syntax_unterminated", """
s = "abc
""")

write_expectations("make_script_fixtures.py", "scriptExpectations", "PythonTests/ScriptExpectations.swift", hashes="#")
