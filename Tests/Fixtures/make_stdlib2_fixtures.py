#!/usr/bin/env python3
# Generates Tests/PythonTests/StdlibExpectations2.swift: snippets using json, dataclasses, typing,
# inspect, io, contextlib, abc, enum, string, textwrap, ast, pathlib, statistics and sys, with the
# exact text CPython 3.11 prints for them. Run by hand with python3 3.11:
#     python3 Tests/Fixtures/make_stdlib2_fixtures.py

from cpython_snippets import snippet, write_expectations

snippet("typing_and_annotations", r"""
from typing import List, Dict, Optional, Tuple, Union, Any, Callable, TypeVar, Generic, NamedTuple, cast
class A:
    x: int = 3
    y: List[int]
    def __init_subclass__(cls, **kw):
        print("sub", cls.__name__)
class B(A): pass
print(A.__annotations__)
print(List[int], Dict[str, int], Optional[int], Tuple[int, ...], Union[int, str], Any, Callable[[int], str], List)
print(list[int], dict[str, int], int | None, int | str | None, Optional[List[int]])
T = TypeVar('T')
class Box(Generic[T]):
    pass
print(T, Box)
class P(NamedTuple):
    x: int
    y: int = 0
p = P(1)
print(p, p.x, p[1], tuple(p), p._asdict(), p == (1, 0))
a, b = p
print(cast(int, "s"))
def f(x: int, y: "str" = "a") -> Optional[int]: return None
print(f(1))
""")

snippet("sys_module", r"""
import sys, math
print(sys.argv, sys.byteorder, sys.float_info.epsilon, sys.float_info)
print(sys.stdout.write("hello\n"))
sys.stdout.flush()
print('math' in sys.modules, 'sys' in sys.modules, type(sys.modules['math']).__name__, sys.modules['sys'] is sys)
try:
    sys.exit(3)
except SystemExit as e:
    print("code", e.code)
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = W()
print("x", 1, file=w)
print(w.parts)
""")

snippet("json_module", r"""
import json
d = {"b": [1, 2.5, None, True], "a": "héllo \u2603 \U0001F600 \"q\" \n", "c": {}, "d": [], 3: 1e16, 0.5: -0.0}
print(json.dumps(d))
print(json.dumps(d, ensure_ascii=False))
print(json.dumps(d, indent=2, sort_keys=False))
print(json.dumps({"x": [1, {"y": 2}]}, indent="\t"))
print(json.dumps([1, 2], separators=(",", ":")), json.dumps(float("nan")), json.dumps((1, 2)))
for bad in [{1, 2}, {(1, 2): 3}]:
    try: json.dumps(bad)
    except TypeError as e: print("TypeError:", e)
try: json.dumps(float("inf"), allow_nan=False)
except ValueError as e: print("ValueError:", e)
print(json.dumps({1, 2}, default=sorted))
s = json.dumps(d)
print(json.loads(s))
print(json.loads('{"a": [1, 2, {"b": null}], "c": 1.5e3, "d": "\\u00e9\\ud83d\\ude00"}'))
for bad in ['', '[1,]', '{"a":1,}', '[1 2]', '"abc', '[1] x', 'nul', '{\n"a": tru}']:
    try: json.loads(bad)
    except json.JSONDecodeError as e: print("JSONDecodeError:", e, e.pos, e.lineno, e.colno)
print(json.loads('{"a": 1}', object_hook=lambda d: sorted(d.items())))
print(isinstance(json.JSONDecodeError("m", "d", 0), ValueError) if False else issubclass(json.JSONDecodeError, ValueError))
a = []; a.append(a)
try: json.dumps(a)
except ValueError as e: print(e)
""")

snippet("dataclasses_module", r"""
from dataclasses import dataclass, field, asdict, astuple, fields, replace, is_dataclass, FrozenInstanceError
from typing import List

@dataclass
class GPTConfig:
    block_size: int = 1024
    vocab_size: int = 50304
    n_layer: int = 12
    dropout: float = 0.0
    bias: bool = True

c = GPTConfig(n_layer=6)
print(c, c == GPTConfig(n_layer=6), c != GPTConfig())
print(asdict(c))
print(GPTConfig.block_size)

@dataclass
class Point:
    x: int
    y: int = 2
    tags: List[str] = field(default_factory=list)
    def __post_init__(self):
        self.norm = self.x + self.y

p = Point(1)
print(p, p.norm, astuple(p), [f.name for f in fields(p)], is_dataclass(p), is_dataclass(Point), is_dataclass(3))
print(replace(p, y=5))
for call in [lambda: Point(), lambda: Point(1, 2, [], 4), lambda: Point(1, z=3), lambda: Point(1, x=2)]:
    try: call()
    except TypeError as e: print("TypeError:", e)

@dataclass(frozen=True, order=True)
class V:
    a: int
    b: str = "s"
v = V(1)
try: v.a = 3
except FrozenInstanceError as e: print("FrozenInstanceError:", e, isinstance(e, AttributeError))
print(V(1) < V(2), sorted([V(3), V(1, "z"), V(1)]), hash(V(1)) == hash(V(1)), {V(1): 1})
try:
    @dataclass
    class Bad:
        x: int = 1
        y: int
except TypeError as e: print("TypeError:", e)
try:
    @dataclass
    class Bad2:
        x: list = []
except ValueError as e: print("ValueError:", e)
@dataclass
class Child(Point):
    z: int = 9
print(Child(1, 2, [], 3))
@dataclass(eq=False, repr=False)
class Plain:
    x: int
print(Plain(1) == Plain(1))
@dataclass
class Nested:
    p: Point
    items: list = field(default_factory=lambda: [1])
print(asdict(Nested(Point(0))), Nested.__dataclass_fields__['p'].type)
try: fields(3)
except TypeError as e: print(e)
print(Point.__hash__)
""")

snippet("inspect_signature", r"""
import inspect, math
def f(a, b=2, *args, c, d=None, **kw): pass
def g(x, /, y, *, z=3): pass
sig = inspect.signature(f)
print(sig, repr(sig), list(sig.parameters), 'c' in sig.parameters)
for name, p in sig.parameters.items():
    print(name, p, repr(p), p.kind, p.default is inspect.Parameter.empty, p.kind == inspect.Parameter.KEYWORD_ONLY, p.kind.description)
print(inspect.signature(g), inspect.signature(lambda: 0), inspect.signature(lambda *a, **k: 0))
class A:
    def __init__(self, n, m="x"): pass
    def method(self, q): pass
    def __call__(self, r): pass
print(inspect.signature(A), inspect.signature(A(1).method), inspect.signature(A.method), inspect.signature(A(1)))
print(inspect.signature(math.isclose), 'rel_tol' in inspect.signature(math.isclose).parameters)
print(inspect.isfunction(f), inspect.isfunction(len), inspect.isclass(A), inspect.isclass(A(1)), inspect.ismethod(A(1).method), inspect.ismodule(math))
try: inspect.signature(3)
except TypeError as e: print("TypeError", e)
print(inspect.Parameter.empty, inspect.Parameter.POSITIONAL_OR_KEYWORD)
""")

snippet("io_contextlib_abc_enum_string_textwrap_ast", r"""
import io, contextlib, abc, enum, string, textwrap, ast, sys
s = io.StringIO()
print("hello", 42, file=s)
s.write("line2\n")
print(repr(s.getvalue()), s.tell())
s.seek(0)
print(repr(s.readline()), repr(s.read()))
s.seek(0)
print([l for l in s])
with io.StringIO("a\nb") as f:
    print(f.readlines())
b = io.BytesIO(b"xy")
b.seek(2); b.write(b"z"); print(b.getvalue())
buf = io.StringIO()
with contextlib.redirect_stdout(buf):
    print("captured")
print(repr(buf.getvalue()))
with contextlib.suppress(KeyError):
    {}["x"]
print("after suppress")
with contextlib.nullcontext(5) as v:
    print(v)
class It:
    def __init__(self): self.n = 0
    def __iter__(self): return self
    def __next__(self):
        self.n += 1
        if self.n == 1: print("enter"); return "val"
        print("exit"); raise StopIteration
    def throw(self, *a): e = a[-2] if len(a) == 3 else a[0]; print("throw", repr(e)); raise e
@contextlib.contextmanager
def cm():
    return It()
with cm() as x:
    print("body", x)
try:
    with cm() as x:
        raise ValueError("boom")
except ValueError as e: print("caught", e)
with contextlib.ExitStack() as st:
    st.callback(print, "cb1")
    st.callback(print, "cb2")
class Shape(abc.ABC):
    @abc.abstractmethod
    def area(self): ...
    @abc.abstractmethod
    def perimeter(self): ...
class Sq(Shape):
    def __init__(self, s): self.s = s
    def area(self): return self.s ** 2
    def perimeter(self): return 4 * self.s
try: Shape()
except TypeError as e: print(e)
class Half(Shape):
    def area(self): return 1
try: Half()
except TypeError as e: print(e)
print(Sq(3).area())
class Color(enum.Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    def describe(self): return self.name.lower()
print(Color.RED, repr(Color.RED), Color.RED.name, Color.RED.value, Color(2), Color['BLUE'], list(Color), len(Color), Color.RED in Color)
print(Color.GREEN.describe(), Color.RED == Color.RED, Color.RED is Color(1), Color, isinstance(Color.RED, Color), f"{Color.RED}")
try: Color(7)
except ValueError as e: print(e)
try: Color['X']
except KeyError as e: print(repr(e))
class N(enum.IntEnum):
    A = enum.auto()
    B = enum.auto()
print(N.A, repr(N.B), N.B == 2, N.A + 1, list(N), {Color.RED: 1})
print(string.ascii_letters, string.digits, string.punctuation, repr(string.whitespace), string.capwords("hello  big world"))
print(string.Template("$who likes ${what}, $$5").substitute(who="tim", what="kung pao"), string.Template("$a $b").safe_substitute(a=1))
try: string.Template("$a").substitute()
except KeyError as e: print(repr(e))
text = "The quick brown fox jumps over the lazy dog. A well-known phrase, used for testing typewriters and computer keyboards."
print(textwrap.wrap(text, 20))
print(textwrap.fill(text, 30, initial_indent="* ", subsequent_indent="  "))
print(textwrap.shorten(text, 40), textwrap.shorten("Hello  world!", width=12))
print(repr(textwrap.dedent("    a\n      b\n    c\n")), repr(textwrap.indent("x\n\ny\n", "> ")))
print(ast.literal_eval("[1, -2.5, (3, 'a'), {'k': None}, {1, 2}, True, b'x']"))
try: ast.literal_eval("x + 1")
except ValueError as e: print(str(e)[:40])
""")

snippet("pathlib_module", r"""
from pathlib import Path
import os
root = Path('/tmp/llmwb_stdlib2')
for f in root.glob('pt/sub/*'):
    f.unlink()
for d in ['pt/sub', 'pt']:
    if (root / d).exists():
        (root / d).rmdir()
root.mkdir(exist_ok=True)
(root / 'pt').mkdir()
p = Path('pt') / 'sub' / 'file.tar.gz'
print(p, repr(p), p.name, p.stem, p.suffix, p.suffixes, p.parent, p.parts, p.parent.parent, Path('/a/b').parts)
print(Path('a//b/./c/'), Path(), Path('/'), Path('a').joinpath('b', 'c'), p.with_suffix('.txt'), p.with_name('x.py'), 'x' / Path('y'))
print(p.exists(), Path('/tmp/llmwb_stdlib2/pt').is_dir(), Path('/tmp/llmwb_stdlib2/pt').is_file())
Path('/tmp/llmwb_stdlib2/pt/sub').mkdir(parents=True, exist_ok=True)
print(Path('/tmp/llmwb_stdlib2/pt/sub/a.txt').write_text('hello\n'), Path('/tmp/llmwb_stdlib2/pt/sub/a.txt').read_text())
Path('/tmp/llmwb_stdlib2/pt/sub/b.py').write_bytes(b'xy')
print(Path('/tmp/llmwb_stdlib2/pt/sub/b.py').read_bytes(), sorted(Path('/tmp/llmwb_stdlib2/pt/sub').iterdir()), list(Path('/tmp/llmwb_stdlib2/pt').glob('*/*.py')), sorted(Path('/tmp/llmwb_stdlib2/pt').glob('**/*.txt')))
try: Path('/tmp/llmwb_stdlib2/pt/sub').mkdir()
except FileExistsError as e: print("FileExistsError", e)
try: Path('/tmp/llmwb_stdlib2/pt/x/y').mkdir()
except FileNotFoundError as e: print("FileNotFoundError", e)
with Path('/tmp/llmwb_stdlib2/pt/sub/a.txt').open() as f: print(f.read().strip())
print(Path('/tmp/llmwb_stdlib2/pt/sub/../sub/a.txt').resolve(), Path.cwd() == Path(os.getcwd()), Path('a/b.py').relative_to('a'))
print(Path('a') == Path('a'), {Path('a'): 1}, Path('a/b').match('*.py'), Path('a/b.py').match('*.py'), Path('/tmp/llmwb_stdlib2/pt/sub/a.txt').stat().st_size)
""")

snippet("statistics_module", r"""
import statistics as st
d = [2, 4, 4, 4, 5, 5, 7, 9]
print(st.mean(d), st.mean([1, 2]), st.median(d), st.median([3, 1, 2]), st.median_low(d), st.median_high(d), st.mode(d), st.multimode("aabbc"))
print(st.variance(d), st.pvariance(d), st.stdev(d), st.pstdev(d), st.variance([1, 3, 5]), st.fmean(d))
f = [1.5, 2.25, 3.125, 0.1, 0.7]
print(st.mean(f), st.fmean(f), st.median(f), st.variance(f), st.stdev(f), st.pvariance(f), st.pstdev(f))
print(st.quantiles(d), st.quantiles(d, n=10), st.quantiles(d, method='inclusive'), st.quantiles(range(1, 11), n=4))
for fn in [st.mean, st.median, st.variance, st.mode]:
    try: fn([])
    except st.StatisticsError as e: print(type(e).__name__, e)
""")

snippet("warnings_module", r"""
import sys, warnings
def f(x):
    warnings.warn(f"x is {x}")
for i in range(3):
    f(1)
f(2)
warnings.warn("deprecated thing", DeprecationWarning)
warnings.simplefilter("error")
try:
    warnings.warn("now an error", RuntimeWarning)
except RuntimeWarning as e:
    print("caught", repr(e), file=sys.stderr)
warnings.simplefilter("always")
from warnings import warn
warn("last one", UserWarning)
warnings.filterwarnings("ignore", message="skip")
warn("skip me")
warn(UserWarning("instance"))
""")

snippet("contextmanager_generators", r"""
from contextlib import contextmanager, ExitStack, suppress
import io, sys

@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")

with tag("a") as t:
    print("inside", t)

try:
    with tag("b"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))

@contextmanager
def swallow():
    try:
        yield
    except ValueError as e:
        print("swallowed", e)

with swallow():
    raise ValueError("bad")
print("after swallow")

@contextmanager
def no_yield():
    if False:
        yield
try:
    with no_yield():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

@contextmanager
def two():
    yield 1
    yield 2
try:
    with two():
        pass
except RuntimeError as e:
    print("RuntimeError:", e)

@contextmanager
def timer(label):
    print("start", label)
    yield
    print("stop", label)
with ExitStack() as stack:
    for i in range(2):
        stack.enter_context(timer(i))
    print("body")
""")

snippet("statistics_exact", r"""
import statistics as st
print(st.mean([1.1, 2.2, 3.3]), st.mean([0.1] * 10), st.mean([1, 2.5]), st.mean([1e308, 1e308]), st.mean([-1.5, 0.25]), st.mean([1, 2, 4]))
print(st.variance([1.1, 2.2, 3.3]), st.stdev([1.1, 2.2, 3.3]), st.pvariance([0.1, 0.2, 0.4]), st.pstdev([0.1, 0.2, 0.4]))
print(st.variance([1, 2, 3, 4]), st.stdev([1, 2, 3, 4]), st.pstdev([2, 4, 4, 4, 5, 5, 7, 9]), st.stdev([1, 2]), st.variance([1, 3, 5]), st.pvariance([1.5, 2.5]))
sets = [
    [-48.91099670263084, -28.29289764882094, 38.08936915166717, 68.30219289645339, 30.40633935082701, 6.007970912762303, 68.06962410453357, 55.191713487143375, -50.18946878764845, -89.62934926018048, -68.62973553954667],
    [-6.186190443567256, -50.685433476033936, 8.75217184718609, 14.788237585620152, -97.37716208221956, -56.65403990723037, -44.10352679777794],
    [-68.07915752839236, 59.42939828624091, -72.24651632021937, 23.490504093223336, -74.66015348994605, -99.64502755949307, 74.28094894485642, -58.108723500976424],
    [92.0254200434999, -66.82871152101791, -66.70310454174106, -37.26972645300928, -60.222134680713026],
    [25.146039135425553, -63.66626629087926, 93.71135486758044, -60.62419121479348, 93.01927818915496, -23.355301769392355, -95.68595832408975, -17.018657675450967, 87.15853116765902, -47.23761221000595, -33.629102555872365, 63.48006219135223],
    [-99.32337612512865, 35.586849909538245, -32.42062767442697, -38.00841367937424, 63.70361492941416, -3.850962673992214, -36.84137883071119, -3.756322752627227, 40.93382682818185, -88.59981409284201, 95.01991262884707],
    [89.84409533410522, -28.471186988233214],
    [-96.38649292429398, 57.54766079608683, -26.7631048316279, 15.703765811374922, -98.18432263609431, -90.6545762602117, -63.81610240979043, 91.03597991823327],
    [-76.195888585245, -50.78264187327726, 63.89863333410594, -7.558927916911529, 2.4992024224895033],
    [-49.821208751793186, -7.430048125903511, 17.95267425238795, 56.19742989126843, -26.540556759097697, -40.82723850513761, -13.404662987887605, 95.66829814192633, -58.30332139024059, 2.5760108393840966],
    [83.61743710666244, -32.008094674831085, 84.83952388555812, 9.028807419647777, -37.50992613141862, -36.64000286732456, -64.5044448990023],
    [25.36115370522147, 44.22700805839088, -38.13928366195141],
    [-67.69410711507675, -90.28956729030875, 97.33982175685347, 6.706148272166871, -18.822395754119043, -52.53267922914253, 18.792044138659378, 65.25910235972532, -8.866979701867052],
    [-70.87419620795963, 95.8101241530021, 27.66487454283417, 60.33288612002758, -33.1629412793677, -58.58802179906992, 96.26009722302024, 12.809522375164264],
    [26.079858685278907, 57.60190995607138, -78.67387806054822, -13.088961879912574],
    [-88.24587636480645, -15.870835937838379, -71.75951830572649, 84.40066873922936],
    [70.45053417874857, 95.2015139493262, -9.292002081675335, -2.368200288952835, 45.90100395337083, -4.191509970969662, -41.795476570605004, -19.242116955130612, -70.6987274996037, -24.59985044292361, 97.67754008136964],
    [25.392994190967812, -0.135509866775692, -32.30424794536786, -82.17251674553452],
    [3.0357745021864133, 9.620106022636293, 0.5648990889284562, -87.37824144062016, 59.03035666778399, -28.86023864955196],
    [32.80368899452466, 51.92774728789789, -27.313647330829014, 40.8939148013406, -43.829588837575194, -2.8629552351557663, 53.949494631523805, 38.1765912711401, -41.2295908378282, 89.10951069008317, 29.93842986024825],
    [70.36439927157855, -5.139230866743787, 54.743403569895435, -34.819013369615504, -45.26297828117165, -42.23469672101787, 0.06982482587834227, 34.72762822751096, -28.685873228483644, -45.224869781638574, -30.88363299097516],
    [-29.990969714025823, 68.57591744135769, 73.98225049223223, 37.66739137438543, 95.22443766038816, 91.30329539528375, 3.627886089471289, 5.868016153879196],
    [-60.2693604877289, -27.594216261235346, 70.77095877712804, -43.42836038555864],
    [43.93729518481834, 46.070685113420154, -65.63464907291466],
    [3.291037180358501, 87.28621962784533, -39.46678098479348, 10.64156409309021, 73.42562770376603, -45.858785926678095, 99.20336310211124, -60.88022863861462, 17.289643646878616, 24.814363792713067, -63.85145005727089],
    [-63.893370880387494, 43.69246667900936, 97.2936786287807, 95.95199112034229, -66.85090354957731, 78.3619718753202, -77.83423316873485, 93.59610256783247, -3.46762658154951, 9.664148145403772, -16.902045212194096, -29.780032664092133],
    [22.358790147270227, 18.032880431959413, -52.430718067265715, 80.63646461667258, -99.86787684184257, -18.92485029681535, -44.29438582680416, -17.991537054775293, -76.9851122962604, 66.27401195055697, -25.224068813963726, -92.78757788250904],
    [-39.723510898915436, -40.9437335353779, 2.5295396735866404, 90.22058186068568, -41.36163598552272, -29.676364632663137, -74.16804966464352, -18.151441495135657, 12.78402603014787, 7.677133931879283, -6.505545762013682],
    [19.187528465310265, 12.77182769333018, 91.44251823299732, 93.59938373116111],
    [-81.83375991714585, 64.24686147789208, 32.33170509479564, -23.62923606050262, -34.79156558839678, 83.29522552366262, 7.884721667618265, -34.91203989169556, 75.2999393512037, 12.858889066946944, -14.1598218207303],
    [-1.3179595895192335, -4.085044603862428, 41.6597073968955, -23.221691010685134, 70.99291073344241],
    [19.161995640323298, -48.03506919588714, 96.19611248493595, -0.7388990356500784],
    [-96.06573683149735, 89.03521297019199, -38.50231395400358, 85.90890807866805, -71.341716532505, -95.24501543956102, 32.011769148240404, 92.1661860398466],
    [-41.37938016656564, 56.34125938481125, 65.3610607868267, -97.35934066728267, 6.5129303340843165],
    [-51.30565325133036, -5.144396749277064, -92.64741205325697, -1.9762377922408376, 68.7827947061742, 44.29125784162463],
    [-41.36234895547635, 21.60751818490519, -5.073714974196179, 28.97532561940193, 20.77074480155079, 48.69464769214804],
    [-96.76544701993663, -74.79353055255152, -43.53051106110526],
    [22.71430387619459, 46.25519593040272, -94.67683365294823, -30.047051070571882, 36.35229430350239, 62.52759187043412, -73.5040783339308],
    [-49.51541043336955, -8.877255490820303],
    [77.58811516675448, 9.118457423417723, -97.08789672006588],
    [-64, 423, 945, 493, 574],
    [-89, -521, -727],
    [-657, 316, -817, 473, -86],
    [268, -50, 755, 386, -666, 642],
    [-785, -390, 188, 812, -485, 285, -271, 428, -893],
    [-577, 564, -952],
    [182, 211, -15, 308, 725, 0, 791],
    [239, -317, -882, 795, -409, -728],
    [-398, -151, -242, 999, 583, -738, -407, 341],
    [550, 948, 491, -933, -998],
    [932, -674, -361, 973, 747, -145, 354, -423, -139],
    [-304, 873, 498, 73, 34, -329, 457, 411, 258],
    [-674, 181],
    [335, -998, 103, 619, -12, 580, -47, 714, -236],
    [-535, 96],
    [-20, 989],
    [509, -586, -654],
    [746, 38, -513, 363],
    [333, -791, -212, -145, 320, 768, -531, 322],
    [884, -980, -581, 344, -517, 190],
    [0.003457837970995006, 8.793810001248015e-05, 0.0008708414003924759],
    [4.616188505665391e-08, 0.08302010585537252],
    [0.003542474423400799, 7.0037885659724836e-09, 5.949276106661524e-05, 0.030950369882836667],
    [0.5259796704854558, 0.5068628124409554, 0.05697372994029472, 4.129740644756017e-06, 0.006150913963361084, 9.34114921289097e-08],
    [6.332689850832685e-05, 8.789299505796374e-05, 0.007862270054609339],
    [9.397132142667425e-08, 0.017535942054794654, 1.4314314524777839e-05, 4.141985302981455e-09, 5.897313785210473e-09, 6.750094087608527e-09],
    [6.265845171523941e-05, 4.3194835377127255e-06, 0.00342283653728751, 0.0002965668004875108],
    [0.6935399695992943, 0.005639566544697742, 8.417195041942753, 4.626316342317309e-09, 0.017739001188788895, 9.967392706838204],
    [1.1128882644834228e-05, 0.00037048952967269714],
    [0.03902011692669996, 9.96997559552029e-07],
    [0.747468678655683, 4.5771923182385856e-05, 0.0018111526350214114],
    [0.009318850761913243, 3.1545210819964497e-06],
    [1.5558022586528752, 5.159129832274738e-08, 2.863683281701953e-09, 1.940801726158543e-06, 6.589890301658593e-06, 6.912387274156576],
    [2.629839555124847e-09, 7.786315944381802e-05, 9.922813131460561e-05, 6.11782218125719e-07, 8.470110888343855e-09, 0.004542796459926768],
    [0.27335352059759666, 2.0488838885430104e-06],
    [7.880480834427432e-06, 3.6813096296823446e-09, 3.247292860366291e-09, 7.590037524092015e-08],
    [1.1957101708431584e-08, 6.343597181877633, 0.000920344881130844, 7.826473663537628e-05],
    [1.690967513400131e-05, 0.0030625607122054875, 0.017544032812885704, 8.383326829261132e-05, 4.698477823253996e-06],
    [0.7294850032527339, 21.830077009882164],
    [0.009702494950912133, 3.645946597791117e-06, 3.5603006005028307e-09, 1.2016028718179162e-08, 0.0009243528414316275, 3.681473228420428],
]
for data in sets:
    print(st.mean(data), st.variance(data), st.stdev(data), st.pvariance(data), st.pstdev(data))
""")

snippet("json_more_and_literal_eval", r"""
from ast import literal_eval
for v in ['gpt2', 'True', '1e-3', '-5', '(1, 2)', '"s"', '[1, [2]]', '{"a": 1}', '1 +', '{1, 2}', '  3', 'None']:
    try:
        r = literal_eval(v)
        print(repr(v), '->', repr(r), type(r).__name__)
    except (SyntaxError, ValueError) as e:
        print(repr(v), '->', type(e).__name__)
import json
cfg = {"model": {"n_layer": 12, "n_head": 12, "names": ["a", "b"], "empty": {}, "none": None}, "lr": 3e-4, "flag": False}
print(json.dumps(cfg, indent=4))
print(json.dumps(cfg, sort_keys=True, indent=2, separators=(",", ": ")))
print(json.dumps("\u00e9\t\x7f\x1f"), json.dumps("\u00e9", ensure_ascii=False), json.dumps(["\U0001F600"]), json.loads('"\\ud83d\\ude00"'))
print(json.dumps(1.0), json.dumps(-0.0), json.dumps(1e-7), json.dumps(123456789.123), json.dumps(True), json.dumps(None), json.dumps(2**62))
print(json.loads(' [1, 2.0, -3e2, "x", true, false, null, {"k": [ ]}] '), json.loads('1'), json.loads('"a"'), json.loads('-0'), json.loads('0.5e1'))
print(json.loads('{"a": 1, "a": 2}'), json.loads('[1.5]', parse_float=str), json.loads('{"x": 1}', object_pairs_hook=list))
try: json.loads('{"a": 1}\n{"b": 2}')
except json.JSONDecodeError as e: print(e, e.msg, e.lineno, e.colno)
try: json.loads(b'\xff')
except Exception as e: print(type(e).__name__)
try: json.loads(3)
except TypeError as e: print(e)
import io
buf = io.StringIO()
json.dump({"a": [1, 2]}, buf, indent=1)
print(buf.getvalue())
buf.seek(0)
print(json.load(buf))
print(json.dumps({True: 1, None: 2, 1.5: 3, 2: 4}))
try: json.dumps({(1,): 1})
except TypeError as e: print(e)
print(json.dumps({(1,): 1}, skipkeys=True))
""")

snippet("json_nesting_limits", r"""
import json
try: json.loads('['*100000 + ']'*100000)
except RecursionError as e: print(e)
try: json.loads('{"a":'*100000 + '1' + '}'*100000)
except RecursionError as e: print(e)
a = []
x = a
for i in range(100000):
    x.append([])
    x = x[0]
try: json.dumps(a)
except RecursionError as e: print(e)
print(len(json.loads('['*500 + ']'*500)))
""")

snippet("textwrap_chunks_and_open_path", r"""
import textwrap
from pathlib import Path
samples = ["a-b-c d-e", "--option value -x", "x--y z", "pre-1990 well-known. self-aware", "The long-established first-class re-entry of multi-word-hyphenated terms into wrapping",
           "supercalifragilisticexpialidocious is a long word indeed", "  leading and   multiple   spaces\tand tabs\nnewlines ", "e-mail", "1-2-3-4-5-6-7-8"]
for s in samples:
    for w in (5, 8, 12, 20):
        print(w, textwrap.wrap(s, w))
print(textwrap.wrap("Hello. World. End? Yes!", 10, fix_sentence_endings=True))
print(textwrap.fill("one two three four five six seven", width=15, max_lines=2))
print(textwrap.wrap("abc def", 5, break_long_words=False), textwrap.wrap("abcdefghij", 4, break_long_words=False))
print(textwrap.shorten("The quick brown fox jumps over the lazy dog", width=20, placeholder="..."))
print(repr(textwrap.dedent("\tx\n\ty\n")), repr(textwrap.dedent("  a\n\n    b\n  ")), repr(textwrap.dedent("  a\n b")))
print(textwrap.indent("a\nb\n", "+ ", lambda line: True))
p = Path('/tmp/llmwb_stdlib2')
p.mkdir(exist_ok=True)
(p / 'tw.txt').write_text('first line\nsecond\n')
with open(p / 'tw.txt') as f:
    print(f.readline().strip())
""")

snippet("statistics_harmonic_geometric_fmean", r"""
import statistics as st
print(st.harmonic_mean([40, 60]), st.harmonic_mean([2.5, 3, 10]), st.harmonic_mean([5]), st.harmonic_mean([1, 0, 3]), st.harmonic_mean([40, 60], weights=[5, 30]))
for bad in ([], [-1, 2], [-3]):
    try: st.harmonic_mean(bad)
    except st.StatisticsError as e: print(e)
try: st.geometric_mean([1, -2])
except st.StatisticsError as e: print(e)
print(st.fmean([0.1, 0.2, 0.3]), st.fmean([1e100, 1.0, -1e100]), st.geometric_mean([54, 24, 36]))
sets = [
    [59.3, 37.0585, 47.4579],
    [60.599393, 46.9763],
    [19.25524, 47.079324, 55.008],
    [86.1, 63.52258, 92.591, 74.15106, 77.7, 75.8472, 4.374624],
    [82.37, 47.32763],
    [71.442, 39.556844, 57.7, 88.0, 3.685],
    [25.87232, 43.67257, 85.537],
    [83.3644, 35.156, 40.8, 90.42976, 92.0, 85.6544],
    [69.58698, 86.0777, 90.4791, 10.49717, 21.191386, 98.81, 29.0],
    [85.409, 8.942958, 6.8, 2.111, 76.90231],
    [4.5146, 76.187],
    [58.6789, 88.1, 51.0, 31.0, 10.9011, 3.2, 97.15],
    [26.41098, 4.339339, 34.05, 95.870077, 37.841, 87.002],
    [86.69657, 55.9702, 97.291046, 50.752, 63.46561, 23.84, 43.8],
    [30.37, 1.245, 98.75, 2.1033, 59.0, 6.10204],
    [46.67842, 91.7421, 70.72433, 49.0013],
    [95.0, 96.33],
    [45.6856, 60.2, 36.46, 75.834902, 59.6, 79.0, 77.0],
    [68.4, 31.1, 65.41, 23.9, 67.83855, 70.0],
    [32.26, 67.5, 43.89923, 96.0, 33.73735, 21.8802],
    [27.132928, 12.1798, 95.76, 80.697046, 57.526045],
    [34.076956, 64.229532, 61.9713, 13.06],
    [79.41, 46.52561, 41.749, 57.0, 92.1, 20.037],
    [88.0098, 43.4918, 22.28686, 45.721457, 66.3324, 96.3403, 34.2, 86.166959],
    [97.0, 81.0, 3.610935, 69.4, 89.667, 58.0],
    [74.6, 50.4, 66.3233, 54.0, 93.9103],
    [34.2, 97.2018],
    [81.0, 35.2, 12.309881, 12.0, 79.188025],
    [82.0, 48.8014, 86.0],
    [27.21, 61.8471, 42.356, 32.379305, 0.5, 78.0, 13.0, 48.0],
    [71.3007, 50.26, 16.0, 35.19383, 39.02, 36.1, 98.803, 12.4631],
    [71.633, 79.5497],
    [4.392, 60.483043, 54.17823],
    [4.44, 5.40117, 49.66555, 31.56337, 42.0, 24.5838, 27.0821, 7.251],
    [43.0, 93.65, 96.8843],
    [87.0, 46.0, 93.91229, 66.2627, 79.26769, 10.95, 56.0, 81.18092],
    [47.4, 77.0],
    [9.0, 65.955, 18.0, 34.214245, 12.216219, 11.598],
    [69.67, 57.949734, 8.969639, 56.4074, 72.0, 55.0, 93.0, 55.05679],
    [18.0, 24.3, 64.633, 61.6365, 94.27, 36.81],
    [56.0, 37.6, 97.308, 84.4],
    [69.114727, 58.0245, 68.6, 64.3, 16.342],
    [48.40177, 51.774, 58.688175, 18.69, 75.2, 58.6, 93.48544],
    [53.849642, 29.65678, 85.5439, 85.3786, 98.4, 30.79, 48.001],
    [17.31, 23.959, 77.4],
    [99.123, 70.2, 46.85849, 90.1853, 55.756],
    [7.33, 78.0, 46.8, 89.10977, 71.79707, 7.0, 85.4],
    [77.6, 18.79986, 68.0],
    [17.0, 31.41, 9.186714, 9.0],
    [83.41, 3.709, 58.07197, 34.0],
    [33.214, 48.6, 64.46592, 95.538],
    [54.0, 88.0, 67.0],
    [88.73, 9.78087, 37.484919, 36.906, 29.62385],
    [65.442429, 82.0, 75.44, 67.3152, 52.61548, 49.44, 6.05],
    [72.81661, 18.27978, 73.0, 17.99253, 45.0, 93.2, 92.08897],
    [64.994, 55.53689, 18.772, 31.3, 71.0, 71.61196, 55.4176],
    [39.0, 26.658, 5.4, 4.3069, 27.19968, 76.91, 87.537],
    [54.195663, 7.016, 85.0, 15.2431, 10.0],
    [77.92041, 11.29807, 18.998, 67.048, 81.59324, 12.9348],
    [85.966291, 19.4445, 17.1],
    [445, 129, 190],
    [16, 432, 412, 228],
    [487, 418, 197, 162, 283],
    [159, 325, 255, 271, 352, 362],
    [459, 441, 342, 248],
    [308, 98],
    [56, 395],
    [252, 89, 269],
    [102, 100, 401, 272, 109],
    [417, 257],
    [58, 290, 146, 492, 337],
    [70, 240, 406],
    [320, 473],
    [14, 185],
    [120, 260, 40, 256, 276, 10],
    [166, 169, 446, 177],
    [42, 440, 430],
    [397, 475, 18, 367, 41, 379],
    [414, 106, 478, 33],
    [224, 358, 388],
    [249, 162, 56],
    [210, 40],
    [362, 83, 201],
    [243, 359, 35, 276, 437],
    [107, 333, 251, 156, 12],
    [235, 388, 354, 206, 225],
    [234, 461, 20],
    [188, 435, 190, 230],
    [186, 306, 206, 115, 497, 2],
    [133, 401, 190],
]
for d in sets:
    print(st.harmonic_mean(d), st.geometric_mean(d), st.fmean(d), st.median(d))
""")

snippet("enum_more", r"""
import enum
from enum import Enum, IntEnum, StrEnum, auto, unique
class Color(Enum):
    RED = 1
    GREEN = 2
    BLUE = 3
    CRIMSON = 1
for c in Color:
    print(c, repr(c), c.name, c.value)
print(Color.CRIMSON, Color.CRIMSON is Color.RED, Color(Color.RED), Color.RED == 1, type(Color.RED), Color.RED.__class__.__name__)
print(list(Color.__members__), [m.name for m in Color.__members__.values()], len(Color))
print(f"{Color.RED!r} {Color.RED!s} {Color.RED}", format(Color.GREEN), str(Color.BLUE))
print(max(Color, key=lambda c: c.value), sorted(Color, key=lambda c: c.name), Color.RED in Color, hash(Color.RED) == hash(Color.RED))
print({Color.RED: "r", Color.GREEN: "g"}[Color.RED], isinstance(Color.RED, Enum), issubclass(Color, Enum))
try:
    @unique
    class Dup(Enum):
        A = 1
        B = 1
except ValueError as e:
    print(e)
class Shape(Enum):
    SQUARE = auto()
    CIRCLE = auto()
    def area(self, r):
        return r * r if self is Shape.SQUARE else 3 * r * r
    @property
    def label(self):
        return self.name.title()
    @classmethod
    def default(cls):
        return cls.SQUARE
print(list(Shape), Shape.CIRCLE.area(2), Shape.SQUARE.label, Shape.default())
class Pri(IntEnum):
    LOW = 1
    HIGH = 10
print(Pri.LOW < Pri.HIGH, Pri.HIGH + 5, sorted([Pri.HIGH, Pri.LOW]), Pri(10), Pri.LOW == 1, int(Pri.HIGH), [0, 1, 2][Pri.LOW], f"{Pri.HIGH}", str(Pri.LOW), repr(Pri.LOW))
class Mode(StrEnum):
    TRAIN = auto()
    EVAL = "eval"
print(Mode.TRAIN, repr(Mode.TRAIN), Mode.EVAL == "eval", f"mode={Mode.TRAIN}", Mode("train"))
try:
    Pri(3)
except ValueError as e:
    print(e)
class Planet(Enum):
    EARTH = (5.97, 6.37)
    MARS = (0.642, 3.39)
print(Planet.EARTH.value, Planet((0.642, 3.39)))
""")

snippet("dataclasses_more", r"""
from dataclasses import dataclass, field, fields, asdict, InitVar, KW_ONLY, replace
from typing import ClassVar, Optional, List

@dataclass
class Config:
    name: str
    lr: float = 3e-4
    layers: List[int] = field(default_factory=lambda: [64, 64])
    secret: str = field(default="x", repr=False)
    computed: int = field(init=False, default=0)
    count: ClassVar[int] = 0
    def __post_init__(self):
        self.computed = len(self.layers)
        Config.count += 1

c = Config("a")
print(c, c.computed, Config.count, [f.name for f in fields(Config)], asdict(c))
try:
    replace(c, computed=3)
except ValueError as e:
    print(e)
print(replace(c, lr=0.1))

@dataclass
class WithInit:
    x: int
    scale: InitVar[int] = 2
    def __post_init__(self, scale):
        self.x *= scale
w = WithInit(3)
print(w, WithInit(3, 10), [f.name for f in fields(w)])

@dataclass(kw_only=True)
class K:
    a: int
    b: int = 2
print(K(a=1))
try:
    K(1)
except TypeError as e:
    print(e)

@dataclass
class Mixed:
    a: int
    _: KW_ONLY
    b: int = 0
    c: int
print(Mixed(1, c=3))

@dataclass
class Node:
    val: int
    children: list = field(default_factory=list)
n = Node(1, [Node(2), Node(3)])
print(n, asdict(n))

@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
print(sorted([Version(1, 2), Version(0, 9), Version(1, 0)]), Version(1) <= Version(1, 0), max(Version(2), Version(1, 9)))
try:
    Version(1) < 3
except TypeError as e:
    print(e)

@dataclass
class Empty:
    pass
print(Empty(), Empty() == Empty())
try:
    Config()
except TypeError as e:
    print(e)
try:
    Config("a", 1, [], "s", 5)
except TypeError as e:
    print(e)
""")

snippet("sys_streams_and_version", r"""
import sys
print(sys.version_info >= (3, 8), sys.version_info[:2], sys.version_info.major, sys.version_info.minor, tuple(sys.version_info)[:3], sys.version_info > (3, 11, 7, 'alpha'))
print(sys.float_info.max, sys.float_info.dig, sys.float_info[0], len(sys.float_info), sys.maxsize, sys.byteorder, sys.platform)
n = sys.stdout.write("abc\n")
print(n, sys.stderr.write(""), type(sys.argv).__name__, len(sys.argv))
import io, contextlib
buf = io.StringIO()
with contextlib.redirect_stderr(buf):
    print("hidden", file=sys.stderr)
    sys.stderr.write("also hidden\n")
print(repr(buf.getvalue()))
buf = io.StringIO()
old = sys.stdout
sys.stdout = buf
print("into buffer")
sys.stdout = old
print("back", repr(buf.getvalue()))
try:
    sys.exit(2)
except SystemExit as e:
    print("exit code", e.code, e.args)
try:
    sys.exit()
except SystemExit as e:
    print("exit code", e.code, e.args)
try:
    raise SystemExit("message")
except SystemExit as e:
    print("exit code", repr(e.code))
""")

snippet("os_functions_take_paths", r"""
import os
from pathlib import Path
p = Path('/tmp/llmwb_stdlib2')
os.makedirs(p / 'osdir', exist_ok=True)
(p / 'osdir' / 'f.txt').write_text('x')
print(os.path.exists(p / 'osdir'), os.path.isdir(p / 'osdir'), os.path.isfile(p / 'osdir' / 'f.txt'), os.path.join(p, 'osdir', 'f.txt'), os.listdir(p / 'osdir'), os.fspath(p))
print(os.path.basename(p / 'osdir' / 'f.txt'), os.path.splitext(Path('a/b.tar.gz')), os.path.getsize(p / 'osdir' / 'f.txt'))
os.remove(p / 'osdir' / 'f.txt')
print(os.listdir(p / 'osdir'))
""")

snippet("inspect_dataclass_signatures", r"""
import inspect
from dataclasses import dataclass, field, InitVar
from typing import List, Optional
@dataclass
class GPTConfig:
    block_size: int = 1024
    vocab_size: int = 50304
    bias: bool = True
@dataclass
class P:
    x: int
    tags: List[str] = field(default_factory=list)
    name: Optional[str] = None
    hidden: int = field(init=False, default=0)
    scale: InitVar[float] = 1.0
    def __post_init__(self, scale):
        pass
@dataclass(kw_only=True)
class K:
    a: int
    b: str = "s"
print(inspect.signature(GPTConfig))
print(inspect.signature(P))
print(inspect.signature(K))
print(inspect.signature(P.__init__))
sig = inspect.signature(GPTConfig)
print(list(sig.parameters), sig.parameters['block_size'].default, sig.parameters['block_size'].annotation, sig.return_annotation)
print('vocab_size' in inspect.signature(GPTConfig).parameters)
Parameter = inspect.Parameter
s = inspect.Signature([Parameter('a', Parameter.POSITIONAL_OR_KEYWORD), Parameter('b', Parameter.KEYWORD_ONLY, default=3, annotation=int)], return_annotation=List[int])
print(s, s.parameters['b'], repr(s.parameters['b']))
def f(a, b=2): pass
f.__signature__ = s
print(inspect.signature(f))
""")

snippet("future_annotations", r"""
from __future__ import annotations
from dataclasses import dataclass
from typing import Optional
@dataclass
class Node:
    val: int
    next: Optional[Node] = None
    other: UndefinedThing = None
n = Node(1, Node(2))
print(n)
print(Node.__annotations__)
x: SomethingUndefined = 3
print(__annotations__)
import __future__
print(__future__.annotations, __future__.division.compiler_flag)
import inspect
print(inspect.signature(Node))
""")

snippet("abc_metaclass", r"""
from abc import ABCMeta, abstractmethod, ABC
class Base(metaclass=ABCMeta):
    @abstractmethod
    def run(self): ...
class Impl(Base):
    def run(self): return "ran"
print(Impl().run())
try:
    Base()
except TypeError as e:
    print(e)
class Plain(metaclass=type):
    x = 1
print(Plain.x, isinstance(Impl(), Base))
""")

snippet("pathlib_flavour_and_json_enums", r"""
from pathlib import Path, PurePath, PosixPath
import json, enum
p = Path('a') / 'b'
print(repr(p), type(p).__name__, isinstance(p, Path), isinstance(p, PurePath), type(p) is PosixPath, repr(PurePath('x/y')), type(PurePath('x')).__name__)
print(repr(p.parent), repr(p.with_suffix('.py')), repr(Path.cwd().parent.parent.parent.parent.parent.parent.parent.parent), repr(PosixPath('q')))
class Pri(enum.IntEnum):
    LOW = 1
class Mode(enum.StrEnum):
    TRAIN = "train"
print(json.dumps({"p": Pri.LOW, "m": Mode.TRAIN, "l": [Pri.LOW]}))
""")

write_expectations("make_stdlib2_fixtures.py", "stdlibExpectations2", "PythonTests/StdlibExpectations2.swift", hashes="##")
