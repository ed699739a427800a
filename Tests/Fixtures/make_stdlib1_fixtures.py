#!/usr/bin/env python3
# Generates Tests/PythonTests/StdlibExpectations1.swift: snippets using random, collections,
# itertools, functools, operator, heapq, bisect and copy, with the exact text CPython 3.11
# prints for them. Run by hand with python3 3.11:
#     python3 Tests/Fixtures/make_stdlib1_fixtures.py
import os, subprocess, tempfile, json

SNIPPETS = {}

def snippet(name, source):
    SNIPPETS[name] = source.strip("\n") + "\n"

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
print(random.random(), random.randrange(0, 100, 7))
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
from collections import deque, namedtuple
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

def run(source):
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "snippet.py"), "w") as f:
            f.write(source)
        p = subprocess.run(["python3", "snippet.py"], cwd=d, capture_output=True, text=True)
        out = (p.stdout + p.stderr).replace(os.path.join(d, ""), "")
    lines = []
    for line in out.split("\n"):
        stripped = line.strip()
        if stripped and set(stripped) <= set("^~"):
            line = line.replace("~", "^")
        lines.append(line)
    return "\n".join(lines)

out = ["// Generated by Tests/Fixtures/make_stdlib1_fixtures.py from CPython 3.11 output: snippet -> printed text.",
       "// Do not edit; rerun the script after changing snippets.", "",
       "let stdlibExpectations1: [(name: String, source: String, expected: String)] = ["]
for name, source in SNIPPETS.items():
    expected = run(source)
    out.append(f"    ({json.dumps(name)},\n     #\"\"\"\n{source}\"\"\"#,\n     #\"\"\"\n{expected}\n\"\"\"#),")
out.append("]")
here = os.path.dirname(os.path.abspath(__file__))
with open(os.path.join(here, "..", "PythonTests", "StdlibExpectations1.swift"), "w") as f:
    f.write("\n".join(out) + "\n")
print(f"wrote {len(SNIPPETS)} snippets")
