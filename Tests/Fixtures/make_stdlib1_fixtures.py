#!/usr/bin/env python3
# Generates Tests/PythonTests/StdlibExpectations1.swift: snippets using random, collections,
# itertools, functools, operator, heapq, bisect and copy, with the exact text CPython 3.11
# prints for them. Run by hand with python3 3.11:
#     python3 Tests/Fixtures/make_stdlib1_fixtures.py

from cpython_snippets import snippet, write_expectations

ERR = """
def err(f, *a, **k):
    try:
        r = f(*a, **k)
        print("ok", r)
    except Exception as e:
        print(type(e).__name__ + ":", e)
"""

snippet("random_seeds", """
import random
for s in [0, 1, 42, -42, 12345, 2**31, 2**32, 2**32 + 1, -(2**40), 2**62 + 12345, 9223372036854775807, -9223372036854775807, True]:
    random.seed(s)
    print(s, random.random(), random.getrandbits(7), random.getrandbits(32), random.getrandbits(33), random.getrandbits(63))
for s in [0.5, 1.0, -2.25, 3.14159, 1e300, "hello", "", "ünïcode", b"bytes"]:
    random.seed(s)
    print(repr(s), random.random(), random.randint(1, 100))
""")

snippet("random_ints", """
import random
random.seed(7)
print([random.randint(1, 6) for _ in range(20)])
print([random.randrange(10) for _ in range(10)], [random.randrange(5, 50, 5) for _ in range(5)], [random.randrange(10, 0, -3) for _ in range(5)])
print([random.randrange(1 << 40) for _ in range(3)], random.randint(-5, 5), random.randrange(3))
print([random.choice("abcdef") for _ in range(10)], random.choice(range(100)), random.choice((1, 2, 3)))
xs = list(range(20)); random.shuffle(xs); print(xs)
print(random.sample(range(100), 10), random.sample("abcdefgh", 3), random.sample(range(10**6), 8), random.sample(range(30), 20))
print(random.sample(["r", "b"], counts=[3, 2], k=4))
print(random.choices("abc", k=8), random.choices(range(5), weights=[1, 0, 3, 0, 1], k=6), random.choices("xy", cum_weights=[0.25, 1.0], k=5))
print(random.choices([1, 2, 3]), random.uniform(1, 3), random.uniform(5.5, -2))
print(random.gauss(), random.gauss(10, 2), random.gauss(0, 1), random.normalvariate(), random.normalvariate(3, 0.5))
print(random.expovariate(1.5), random.triangular(), random.triangular(0, 10, 7), random.lognormvariate(0, 1))
print(random.gammavariate(0.5, 1), random.gammavariate(1.0, 2), random.gammavariate(3, 1), random.betavariate(2, 3))
print(random.paretovariate(2), random.weibullvariate(1, 2))
""")

snippet("random_instances", ERR + """
import random
r = random.Random(123)
s = random.Random(123)
print(r.random() == s.random(), r.randint(0, 9), s.randint(0, 9), isinstance(r, random.Random))
state = r.getstate()
a = [r.random() for _ in range(3)]
r.setstate(state)
print(a == [r.random() for _ in range(3)], len(state), state[0], len(state[1]), state[1][-1])
r.seed(5); print(r.random(), r.gauss(), r.gauss())
r.seed(5); print(r.random(), r.gauss())
g = random.Random(99); g.gauss(); state = g.getstate(); print(state[2])
random.seed(2024)
print(random.random(), random.randrange(0, 100, 7), random.randrange(10, step=1))
err(random.randrange, 10, step=2)
err(random.randint, 5, 1)
err(random.randrange, 0)
err(random.randrange, 5, 5)
err(random.randrange, 1, 10, 0)
err(random.randrange, 10, 1, 2)
err(random.choice, [])
err(random.sample, {1, 2}, 1)
err(random.sample, range(3), 5)
err(random.choices, "ab", [1])
err(random.choices, "ab", 3)
err(random.choices, "ab", [0, 0])
err(random.choices, "ab", [1, 1], cum_weights=[1, 2])
err(random.getrandbits, -1)
err(random.randint, 1)
err(random.random, 1)
err(random.seed, [1])
random.seed(5); print(random.randbytes(7), random.randbytes(0), random.randbytes(4), random.randbytes(9))
err(random.randbytes, -1)
sr = random.SystemRandom()
print(isinstance(sr, random.Random), sr.seed(3), 0 <= sr.random() < 1, 1 <= sr.randint(1, 6) <= 6, type(sr).__name__)
err(sr.getstate)
""")

snippet("counter", ERR + """
from collections import Counter
c = Counter("abracadabra")
print(c, len(c), c["a"], c["zzz"], "zzz" in c)
print(c.most_common(), c.most_common(2), c.most_common(0), c.most_common(-1))
print(sorted(c.elements()), list(c.elements()), c.total())
c.update("aaz"); c.update({"b": 10}); c.update(q=2)
print(c)
c.subtract("aaaa"); c.subtract({"q": 5}); print(c)
print(Counter(a=3, b=1) + Counter(a=1, b=2, c=-1), Counter(a=3, b=1) - Counter(a=1, b=2, c=-1))
print(Counter(a=3, b=1) | Counter(a=1, b=2), Counter(a=3, b=1) & Counter(a=1, b=2), +Counter(a=2, b=-1, c=0), -Counter(a=2, b=-1))
d = Counter(a=1); d += Counter(a=2, b=-3); print(d)
d -= Counter(a=1, z=-4); print(d)
print(isinstance(c, dict), isinstance(c, Counter), type(c).__name__, Counter(), repr(Counter()))
print(Counter(a=1, b=0) == Counter(a=1), Counter(a=1) == {"a": 1}, Counter(["x", "y", "x"]), Counter({"x": 2.5, "y": 4}))
words = "the quick brown fox jumps over the lazy dog the fox".split()
wc = Counter(words)
for w, n in wc.most_common(3):
    print(w, n)
print(dict(wc), list(wc.keys())[:3], wc.get("fox"), wc.get("cat"), wc.pop("dog"), wc.copy() == wc, type(wc.copy()).__name__)
del wc["nothing"]
wc["new"] += 5
print(wc["new"], sorted(wc.items())[:3])
print(Counter(a=1) <= Counter(a=2, b=1), Counter(a=1) < Counter(a=1), Counter(a=3) >= Counter(a=2, b=0), Counter(a=3) > Counter(b=1), Counter("ab") != Counter("ba"))
err(Counter.fromkeys, "ab")
err(Counter, 5)
class MyCounter(Counter):
    def top(self):
        return self.most_common(1)[0]
m = MyCounter("hello")
print(m, m.top(), isinstance(m, Counter), type(m + m).__name__)
""")

snippet("defaultdict_ordereddict", ERR + """
from collections import defaultdict, OrderedDict
d = defaultdict(list)
d["a"].append(1); d["a"].append(2); d["b"].append(3)
print(d, d.default_factory, dict(d), isinstance(d, dict), len(d), "c" in d)
n = defaultdict(int)
for ch in "mississippi":
    n[ch] += 1
print(n, repr(defaultdict(None)), defaultdict(int, {1: 2}, x=5))
print(n.get("zz"), n["zz"], n, n.copy(), type(n.copy()).__name__)
nested = defaultdict(lambda: defaultdict(int))
nested["x"]["y"] += 1
print(dict(nested["x"]), list(nested))
z = defaultdict(None)
err(lambda: z["missing"])
err(defaultdict, 3)
sd = defaultdict(set); sd[1].add(2); print(sd)
od = OrderedDict()
od["b"] = 1; od["a"] = 2; od["c"] = 3
print(od, list(od), od.popitem(), od.popitem(last=False), od)
od = OrderedDict([("x", 1), ("y", 2), ("z", 3)])
od.move_to_end("x"); print(od)
od.move_to_end("z", last=False); print(od, repr(OrderedDict()))
print(OrderedDict(a=1, b=2) == OrderedDict(b=2, a=1), OrderedDict(a=1, b=2) == {"b": 2, "a": 1}, isinstance(od, dict))
err(od.move_to_end, "q")
err(OrderedDict().popitem)
print(od.copy(), type(od.copy()).__name__)
""")

snippet("deque_namedtuple", ERR + """
from collections import deque, namedtuple, defaultdict
d = deque([1, 2, 3], maxlen=3)
d.append(4); print(d)
d.appendleft(0); print(d, d.maxlen, len(d), d[0], d[-1])
e = deque(range(5)); e.rotate(2); print(e); e.rotate(-3); print(e)
e.extend([7, 8]); e.extendleft("ab"); print(e, e.pop(), e.popleft(), e)
print(deque(), deque("xy"), repr(deque([], maxlen=2)), deque([1, 2, 3], 2), 3 in e, e.count(7), e.index(7))
f = deque([1, 2, 3]); del f[0]; f[0] = 9; f.insert(1, 7); f.reverse(); print(f, f.copy(), bool(deque()), f == deque([3, 7, 9]))
print(f + deque([1]), f * 2, list(reversed(list(f))), [x * 2 for x in f])
err(deque().pop)
err(deque().popleft)
err(lambda: deque([1])[5])
err(deque([1]).remove, 3)
err(deque, [1], -1)
err(hash, deque())
err(setattr, deque, "foo", 1)
err(setattr, defaultdict, "foo", 1)
q = deque()
for i in range(10):
    q.append(i)
    if len(q) > 3:
        q.popleft()
print(q, sum(q))
Point = namedtuple("Point", ["x", "y"])
p = Point(1, y=2)
print(p, p.x, p.y, p[0], p[-1], len(p), p == (1, 2), Point._fields, tuple(p), isinstance(p, tuple))
x, y = p
print(x + y, p._asdict(), p._replace(x=10), Point._make([5, 6]), hash(p) == hash((1, 2)), sorted([Point(2, 1), Point(1, 5)]))
P3 = namedtuple("P3", "a b c", defaults=[0])
print(P3(1, 2), P3(1, 2, 3), P3._field_defaults, P3.__name__, P3(1, 2).count(0), P3(1, 2).index(2))
R = namedtuple("R", "a, def, _b, a", rename=True)
print(R._fields)
err(Point, 1)
err(Point, 1, 2, 3)
err(Point, 1, 2, z=3)
err(p._replace, z=5)
err(namedtuple, "Bad", "x 1y")
err(namedtuple, "Bad", "x class")
err(namedtuple, "Bad", "x _y")
err(namedtuple, "Bad", "x x")
err(setattr, p, "x", 5)
class Vec(namedtuple("Vec", "x y")):
    def norm2(self):
        return self.x ** 2 + self.y ** 2
v = Vec(3, 4)
print(v, v.norm2(), v + (1,))
""")

snippet("counter_traceback", """
from collections import Counter
c = Counter(a=1)
print(c["b"])
print(c.most_common(1))
d = {}
from collections import defaultdict
dd = defaultdict(None, c)
print(dd)
dd["nope"]
""")

snippet("itertools_infinite", ERR + """
import itertools as it
c = it.count(5)
print(next(c), next(c), repr(c), repr(it.count()), repr(it.count(2.5, 0.5)), repr(it.count(1, 2)))
print(list(it.islice(it.count(10, 3), 4)), list(it.islice(it.cycle("ab"), 5)), list(it.repeat("x", 3)), repr(it.repeat(7)), repr(it.repeat("a", 2)))
print(list(zip(range(3), it.repeat(0))), list(it.islice(it.count(), 2, 10, 3)), list(it.islice("abcdefg", 3)), list(it.islice("abcdefg", 2, None)))
print(list(it.accumulate([1, 2, 3, 4])), list(it.accumulate([1, 2, 3], initial=10)), list(it.accumulate([3, 1, 4, 1, 5], max)), list(it.accumulate([])), list(it.accumulate([], initial=1)))
print(list(it.chain([1, 2], "ab", (3,))), list(it.chain.from_iterable([[1], [2, 3], []])), list(it.compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(it.dropwhile(lambda x: x < 3, [1, 2, 3, 1, 5])), list(it.takewhile(lambda x: x < 3, [1, 2, 3, 1, 5])), list(it.filterfalse(lambda x: x % 2, range(8))), list(it.filterfalse(None, [0, 1, "", "a"])))
print([(k, list(g)) for k, g in it.groupby("aaabbcaa")], [(k, len(list(g))) for k, g in it.groupby([1, 3, 5, 2, 4, 7], key=lambda x: x % 2)])
groups = it.groupby("aabbb")
k1, g1 = next(groups); k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
print(list(it.starmap(pow, [(2, 3), (3, 2)])), list(it.pairwise("abcd")), list(it.zip_longest("abc", [1], fillvalue="-")), list(it.zip_longest()))
a, b = it.tee(iter([1, 2, 3]))
print(next(a), list(b), list(a), len(it.tee("xy", 3)))
src = iter(range(10))
print(list(it.islice(src, 3)), next(src), list(it.takewhile(lambda x: x < 7, src)), next(src))
print(sum(it.islice(it.count(1), 100)), type(it.chain()).__name__, type(it.count()).__name__)
err(it.islice, "abc", -1)
err(it.islice, "abc", 1, 2, 0)
err(lambda: list(it.permutations([1, 2], -1)))
""")

snippet("itertools_combinatorics", ERR + """
import itertools as it
print(list(it.product("ab", range(2))), list(it.product([0, 1], repeat=3))[:5], list(it.product()), list(it.product("ab", [])))
print(list(it.permutations("abc")), list(it.permutations(range(4), 2))[:7], list(it.permutations([], 0)), list(it.permutations("ab", 3)))
print(list(it.combinations("abcd", 2)), list(it.combinations(range(5), 3))[-3:], list(it.combinations("ab", 0)), list(it.combinations("ab", 3)))
print(list(it.combinations_with_replacement("abc", 2)), list(it.combinations_with_replacement([], 2)), list(it.combinations_with_replacement("a", 0)))
print(len(list(it.product(range(3), repeat=4))), len(list(it.permutations(range(6)))), len(list(it.combinations(range(10), 4))))
for p in it.permutations([1, 2, 3], 2):
    print(p, end=" ")
print()
err(it.product, "ab", repeat=-1)
err(it.combinations, [1])
err(it.permutations)
err(it.repeat)
err(it.cycle)
err(it.starmap, len)
err(it.count, 1, 2, 3)
err(it.compress, [])
""")

snippet("functools", ERR + """
import functools
from functools import partial, reduce, lru_cache, cache, wraps, total_ordering, cmp_to_key, cached_property
def f(a, b, c=1):
    return (a, b, c)
p = partial(f, 1, c=2)
print(p(5), p(5, c=9), p.args, p.keywords, p.func is f, partial(p, 7)(), partial(p, 7).args, repr(partial(len)))
print(reduce(lambda a, b: a * b, [1, 2, 3, 4]), reduce(lambda a, b: a + b, [], 10), reduce(lambda a, b: a + [b], "ab", []), reduce(max, [3, 9, 2]))
err(reduce, lambda a, b: a, [])
err(partial)
err(partial, 3)
calls = []
@lru_cache
def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)
print(fib(30), len(calls), fib.cache_info(), fib.__name__, fib.__wrapped__.__name__)
fib.cache_clear(); print(fib.cache_info())
@lru_cache(maxsize=2)
def sq(x):
    return x * x
for i in [1, 2, 1, 3, 2, 1]:
    sq(i)
print(sq.cache_info(), sq.cache_info().hits, sq.cache_info()._asdict())
@lru_cache(maxsize=None)
def add(a, b=0):
    return a + b
print(add(1), add(1), add(1, b=2), add(1, 2), add(1.0), add.cache_info())
err(add, [1])
@cache
def fact(n):
    return 1 if n <= 1 else n * fact(n - 1)
print(fact(20), fact.cache_info())
err(lru_cache, "x")
def deco(fn):
    @wraps(fn)
    def inner(*a, **k):
        \"\"\"inner doc\"\"\"
        return fn(*a, **k)
    return inner
@deco
def greet(name):
    \"\"\"Say hi.\"\"\"
    return "hi " + name
print(greet("bo"), greet.__name__, greet.__qualname__, greet.__wrapped__("x"), greet.__module__)
@total_ordering
class V:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return self.v == o.v
    def __lt__(self, o):
        return self.v < o.v
    def __repr__(self):
        return f"V({self.v})"
print(V(1) < V(2), V(1) > V(2), V(2) >= V(2), V(3) <= V(2), sorted([V(3), V(1), V(2)]), max(V(1), V(5)))
@total_ordering
class W:
    def __init__(self, v):
        self.v = v
    def __ge__(self, o):
        return self.v >= o.v
print(W(1) < W(2), W(2) > W(1), W(1) <= W(1))
def compare(a, b):
    return (a > b) - (a < b)
print(sorted([3, 1, 2], key=cmp_to_key(compare)), sorted(["bb", "a", "ccc"], key=cmp_to_key(lambda a, b: len(b) - len(a))))
class Circle:
    def __init__(self, r):
        self.r = r
        self.computed = 0
    @cached_property
    def area(self):
        self.computed += 1
        return 3 * self.r * self.r
c = Circle(2)
print(c.area, c.area, c.computed)
del c.area
print(c.area, c.computed)
""")

snippet("operator_heapq_bisect", ERR + """
import operator as op
import heapq, bisect
print(op.add(2, 3), op.mul("ab", 2), op.sub(5, 7), op.truediv(7, 2), op.floordiv(7, 2), op.mod(7, 3), op.pow(2, 8), op.neg(4), op.pos(-2), op.abs(-3))
print(op.eq(1, 1.0), op.ne(1, 2), op.lt(1, 2), op.le(2, 2), op.gt(1, 2), op.ge(3, 2), op.not_(0), op.truth([1]), op.and_(6, 3), op.or_(6, 3), op.xor(6, 3), op.invert(5))
print(op.contains([1, 2], 2), op.countOf([1, 2, 1], 1), op.indexOf("abc", "c"), op.getitem([5, 6], 1), op.concat([1], [2]), op.is_(None, None), op.index(7), op.iadd([1], [2]))
ig = op.itemgetter(1)
print(ig([7, 8, 9]), op.itemgetter(0, 2)("xyz"), op.itemgetter("k")({"k": 4}), repr(ig), repr(op.itemgetter(1, "a")))
pairs = [("b", 2), ("a", 2), ("c", 1)]
print(sorted(pairs, key=op.itemgetter(1)), sorted(pairs, key=op.itemgetter(1, 0)))
class P:
    def __init__(self, name, inner=None):
        self.name = name
        self.inner = inner
    def hello(self, greeting, punct="!"):
        return greeting + " " + self.name + punct
p = P("x", P("y"))
print(op.attrgetter("name")(p), op.attrgetter("inner.name")(p), op.attrgetter("name", "inner.name")(p), repr(op.attrgetter("a.b")), repr(op.attrgetter("a", "b")))
print(op.methodcaller("hello", "hey")(p), op.methodcaller("hello", "yo", punct="?")(p), repr(op.methodcaller("m", 1, k=2)), op.methodcaller("upper")("abc"))
err(op.itemgetter)
err(op.attrgetter, 1)
err(op.attrgetter("zz"), p)
h = []
for x in [5, 3, 8, 1, 9, 2, 7]:
    heapq.heappush(h, x)
print(h, heapq.heappop(h), h)
data = [9, 4, 7, 1, 8, 2, 6, 3]
heapq.heapify(data); print(data)
print(heapq.heapreplace(data, 5), data, heapq.heappushpop(data, 0), heapq.heappushpop(data, 10), data)
print([heapq.heappop(data) for _ in range(len(data))])
tasks = [(2, "write"), (1, "read"), (3, "sleep"), (1, "eat")]
heapq.heapify(tasks); print([heapq.heappop(tasks) for _ in range(4)])
nums = [5, 1, 8, 3, 9, 2, 8, 1]
print(heapq.nlargest(3, nums), heapq.nsmallest(3, nums), heapq.nlargest(1, nums), heapq.nsmallest(10, nums), heapq.nlargest(0, nums))
words = ["bb", "a", "ccc", "dd", "e", "fff"]
print(heapq.nlargest(2, words, key=len), heapq.nsmallest(3, words, key=len), heapq.nlargest(4, words, key=len), list(heapq.merge([1, 4, 7], [2, 5], [3])))
import itertools
print(list(heapq.merge([5, 3, 1], [4, 2], reverse=True)), list(heapq.merge(["a", "ccc"], ["bb", "dddd"], key=len)), list(itertools.islice(heapq.merge(itertools.count(0, 2), itertools.count(1, 2)), 7)))
print(list(heapq.merge([1, 1.0, 2], [1, 2.0])), list(heapq.merge()), list(heapq.merge([], [3])))
err(heapq.heappop, [])
err(heapq.heappush, (), 1)
err(heapq.heapreplace, [], 1)
a = [1, 2, 4, 4, 4, 7, 9]
print(bisect.bisect_left(a, 4), bisect.bisect_right(a, 4), bisect.bisect(a, 4), bisect.bisect_left(a, 0), bisect.bisect_right(a, 100), bisect.bisect_left(a, 4, 4), bisect.bisect_left(a, 4, 0, 2))
bisect.insort(a, 5); bisect.insort_left(a, 4); bisect.insort_right(a, 0); print(a)
recs = [("a", 1), ("b", 3), ("c", 5)]
print(bisect.bisect_left(recs, 3, key=lambda r: r[1]), bisect.bisect_right(recs, 3, key=lambda r: r[1]))
bisect.insort(recs, ("z", 4), key=lambda r: r[1]); print(recs)
grades = "FDCBA"
print([grades[bisect.bisect([60, 70, 80, 90], s)] for s in [33, 99, 77, 70, 89, 90, 100]])
err(bisect.bisect, [1], 1, -1)
err(bisect.bisect_left, [])
err(bisect.insort, [])
err(heapq.heappush, [])
err(heapq.heappop)
err(heapq.heapify)
err(heapq.heapreplace, [])
""")

snippet("copy", ERR + """
import copy
from collections import Counter, defaultdict, OrderedDict, deque, namedtuple
a = [1, [2, 3], {"k": [4]}]
b = copy.copy(a); c = copy.deepcopy(a)
a[1].append(99); a[2]["k"].append(5)
print(a, b, c, b[1] is a[1], c[1] is a[1])
t = (1, [2])
print(copy.copy(t) is t, copy.deepcopy(t) is t, copy.deepcopy((1, 2)) is not None, copy.deepcopy(t))
d = {"x": {1, 2}, "y": (3, [4])}
e = copy.deepcopy(d); d["y"][1].append(5); print(d, e)
class Node:
    def __init__(self, v):
        self.v = v
        self.children = []
root = Node(1); child = Node(2); root.children.append(child); child.parent = root
r2 = copy.deepcopy(root)
print(r2.v, r2.children[0].v, r2.children[0].parent is r2, r2 is root, r2.children[0] is child, type(r2).__name__)
s = copy.copy(root); print(s.children is root.children, s.v)
shared = [1]
pair = [shared, shared]
pc = copy.deepcopy(pair); print(pc[0] is pc[1], pc[0] is shared)
loop = [1]; loop.append(loop)
lc = copy.deepcopy(loop); print(lc[1] is lc, lc is loop)
class Hooked:
    def __init__(self, v):
        self.v = v
    def __copy__(self):
        print("copying")
        return Hooked(self.v + 1)
    def __deepcopy__(self, memo):
        print("deep copying", type(memo).__name__)
        return Hooked(copy.deepcopy(self.v, memo) * 10)
print(copy.copy(Hooked(1)).v, copy.deepcopy(Hooked([2])).v)
cnt = Counter("aab"); cc = copy.deepcopy(cnt); cnt["a"] += 5; print(cc, type(cc).__name__, copy.copy(cnt))
dd = defaultdict(list, {"a": [1]}); ddc = copy.deepcopy(dd); dd["a"].append(2); print(ddc, ddc.default_factory, copy.copy(dd))
od = OrderedDict(a=[1]); print(copy.deepcopy(od), copy.copy(deque([1, 2], maxlen=3)), copy.deepcopy(deque([[1]])))
P = namedtuple("P", "x y"); pt = P(1, [2]); pd = copy.deepcopy(pt); pt.y.append(3); print(pd, pt, copy.copy(pt))
print(copy.copy(5), copy.deepcopy("s"), copy.copy(None), copy.deepcopy(len) is len, copy.copy({1, 2}), copy.deepcopy(frozenset([1])))
""")

snippet("bench_scripts_small", """
from collections import Counter
import random
def counter_main(n):
    vocab = ["w" + str(i) for i in range(5000)]
    words = [vocab[(i * 7919) % 5000] for i in range(n)]
    c = Counter(words)
    c.update(words[: n // 2])
    top = c.most_common(10)
    return len(c) + top[0][1] + top[9][1] + c.total()
def random_main(n):
    random.seed(12345)
    items = ["a", "b", "c", "d"]
    total = 0.0
    hits = 0
    for i in range(n):
        total += random.random()
        hits += random.randint(1, 6)
        if random.choice(items) == "a":
            hits += 1
    return int(total) + hits
print(counter_main(20000), random_main(20000))
""")

snippet("subclassing", """
from collections import Counter, defaultdict, OrderedDict, deque
from functools import lru_cache
class WordCounter(Counter):
    def __init__(self, text):
        super().__init__(text.split())
        self.source = text
    def top(self):
        return self.most_common(1)[0][0]
wc = WordCounter("a b a c")
print(wc, wc.source, wc["a"], wc["zz"], wc.top(), isinstance(wc, dict), isinstance(wc, Counter), type(wc).__name__)
class Missing(defaultdict):
    def __missing__(self, key):
        return key * 2
m = Missing(None)
print(m["ab"], dict(m), isinstance(m, defaultdict))
class Fib:
    def __init__(self):
        self.calls = 0
    @lru_cache(maxsize=None)
    def fib(self, n):
        self.calls += 1
        return n if n < 2 else self.fib(n - 1) + self.fib(n - 2)
f = Fib()
print(f.fib(20), f.calls, Fib.fib.cache_info())
class Queue(deque):
    def peek(self):
        return self[0]
q = Queue([3, 4])
q.append(5)
print(q.peek(), len(q), list(q))
class LastUpdated(OrderedDict):
    def __setitem__(self, key, value):
        super().__setitem__(key, value)
        self.move_to_end(key)
lu = LastUpdated()
lu["a"] = 1; lu["b"] = 2; lu["a"] = 3
print(lu, list(lu))
class Lower(defaultdict):
    def __getitem__(self, key):
        return super().__getitem__(key.lower())
    def __contains__(self, key):
        return key.lower() in self.keys()
lo = Lower(int)
lo["x"] += 1
lo["X"] += 1
print(lo, "X" in lo, lo["Y"], lo)
od = OrderedDict.fromkeys("abc", 0)
print(od, type(od).__name__)
""")

snippet("random_many_seeds", """
import random
total = 0.0
ints = 0
for s in range(300):
    random.seed(s * 7919 - 500)
    a = random.random()
    b = random.randint(0, 10**9)
    c = random.randrange(-50, 50, 3)
    xs = list(range(10))
    random.shuffle(xs)
    row = (a, b, c, xs, random.choice("abcdefghij"), random.sample(range(1000), 3), random.sample(range(40), 10)[9],
           random.gauss(0, 1), random.choices(range(5), [1, 2, 3, 4, 5])[0], random.uniform(-1, 1), random.getrandbits(50),
           random.expovariate(2.0), random.normalvariate(1, 2))
    total += a + row[7] + row[9] + row[11] + row[12]
    ints += b + c + row[10] + row[6]
    if s % 37 == 0:
        print(row)
print(total, ints)
r = random.Random(31337)
print([r.randrange(1, 1 << 62) for _ in range(3)], [r.randint(-(1 << 40), 1 << 40) for _ in range(3)])
""")

snippet("learner_scripts", """
from collections import deque, Counter, defaultdict, namedtuple
import heapq, itertools, functools, random, copy
graph = {"a": ["b", "c"], "b": ["d"], "c": ["d", "e"], "d": ["f"], "e": ["f"], "f": []}
def bfs(start):
    seen = {start}
    queue = deque([start])
    order = []
    while queue:
        node = queue.popleft()
        order.append(node)
        for nxt in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return order
print(bfs("a"))
w = {"a": {"b": 4, "c": 1}, "b": {"d": 1}, "c": {"b": 2, "d": 5}, "d": {}}
def dijkstra(src):
    dist = defaultdict(lambda: float("inf"))
    dist[src] = 0
    pq = [(0, src)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist[u]:
            continue
        for v, c in w[u].items():
            if d + c < dist[v]:
                dist[v] = d + c
                heapq.heappush(pq, (dist[v], v))
    return dict(dist)
print(dijkstra("a"))
text = "the cat sat on the mat the end"
freq = Counter(text.split())
print(freq.most_common(2), sorted(freq, key=freq.get, reverse=True)[:3], max(freq, key=freq.get))
Card = namedtuple("Card", "rank suit")
deck = [Card(r, s) for r, s in itertools.product("AKQ", "♠♥")]
random.seed(1)
random.shuffle(deck)
print(deck[:3], sorted(deck)[:2])
grid = [[0] * 3 for _ in range(2)]
g2 = copy.deepcopy(grid); g2[0][0] = 9; print(grid, g2)
print(functools.reduce(lambda a, b: a * b, range(1, 6)), list(itertools.accumulate(range(5))))
print({k: len(list(g)) for k, g in itertools.groupby(sorted("mississippi"))})
""")

write_expectations("make_stdlib1_fixtures.py", "stdlibExpectations1", "PythonTests/StdlibExpectations1.swift", hashes="#")
