# Writes Tests/TensorTests/Fixtures/printing.json: tensors and the exact text
# real PyTorch prints for them (`repr(t)`), for the printing tests; and
# printing_numbers.json: single float32 values printed in fixed and scientific
# notation at several precisions, to pin the decimal rounding.
# Run by hand from the repository root: python3 Tests/Fixtures/make_printing_fixtures.py
#
# Each case holds the dtype, shape, row-major values (float32 as uint32 bit
# patterns so NaN, -0.0 and inf survive JSON; int64 as decimal strings), an
# optional permutation (the printed tensor is `base.permute(perm)`), autograd
# flags, the `set_printoptions` arguments used and the options they produced,
# and `repr(t)`.
import json
import math
import os
import random
import struct

import torch

FIXTURES = os.path.join(os.path.dirname(__file__), "..", "TensorTests", "Fixtures")
OUT = os.path.join(FIXTURES, "printing.json")
NUMBERS_OUT = os.path.join(FIXTURES, "printing_numbers.json")

cases = []
gen = torch.Generator().manual_seed(1234)


def randn(*shape, scale=1.0):
    return torch.randn(*shape, generator=gen) * scale


def values_of(t):
    flat = t.contiguous().reshape(-1)
    if t.dtype == torch.float32:
        return [v & 0xFFFFFFFF for v in flat.view(torch.int32).tolist()]
    if t.dtype == torch.int64:
        return [str(v) for v in flat.tolist()]
    if t.dtype == torch.bool:
        return flat.tolist()
    raise ValueError(t.dtype)


def options_json():
    o = torch._tensor_str.get_printoptions()
    thr = o["threshold"]
    return {
        "precision": o["precision"],
        "threshold": "inf" if thr == math.inf else thr,
        "edgeitems": o["edgeitems"],
        "linewidth": o["linewidth"],
        "sci_mode": o["sci_mode"],
    }


GRAD_OPS = {
    "CloneBackward0": lambda x: x.clone(),
    "ViewBackward0": lambda x: x.view(x.shape),
    "MulBackward0": lambda x: x * 1,
    "AliasBackward0": lambda x: torch.ops.aten.alias(x),
}


def add(name, base, *, perm=None, requires_grad=False, grad_fn=None, parameter=False,
        settings=None):
    """Records one case; `settings` are keyword arguments of set_printoptions."""
    base = base.contiguous()
    t = base.permute(*perm) if perm is not None else base
    grad_name = None
    if parameter is not False:
        t = torch.nn.Parameter(t.clone(), requires_grad=(parameter == "grad"))
    elif requires_grad:
        t = t.clone().requires_grad_(True)
    elif grad_fn is not None:
        leaf = t.detach().clone().requires_grad_(True)
        t = GRAD_OPS[grad_fn](leaf)
        grad_name = type(t.grad_fn).__name__
        assert torch.equal(t.detach(), base.permute(*perm) if perm else base) or t.isnan().any()
    settings = settings or {}
    with torch._tensor_str.printoptions(**settings):
        text = repr(t)
        opts = options_json()
    cases.append({
        "name": name,
        "dtype": str(base.dtype).replace("torch.", ""),
        "shape": list(base.shape),
        "values": values_of(base),
        "permutation": perm,
        "requires_grad": bool(requires_grad or parameter == "grad"),
        "grad_fn": grad_name,
        "parameter": parameter is not False,
        "settings": {k: ("inf" if v == math.inf else v) for k, v in settings.items()},
        "options": opts,
        "repr": text,
    })


f32 = lambda xs: torch.tensor(xs, dtype=torch.float32)
i64 = lambda xs: torch.tensor(xs, dtype=torch.int64)
nan, inf = math.nan, math.inf

# --- 0-d tensors
for v in [1.8524, 0.0, -0.0, 1.0, -3.0, 0.1, nan, inf, -inf, 1e-6, 1e10, 123456789.0,
          2.5e-5, 99999.5, 1e8, 3.4e38]:
    add(f"scalar {v!r}", f32(v))
add("scalar int64", i64(42))
add("scalar int64 negative", i64(-7))
add("scalar bool", torch.tensor(True))
add("scalar requires_grad", f32(0.5), requires_grad=True)
add("scalar grad_fn", f32(-1.25), grad_fn="MulBackward0")
add("scalar edgeitems 0", f32(1.5), settings={"edgeitems": 0})
add("scalar threshold 0", f32(2.0), settings={"threshold": 0})

# --- random normal at many scales, every rank 1-4
shapes = [(5,), (2, 3), (2, 2, 3), (1, 2, 2, 2)]
scales = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9]
for scale in scales:
    for shape in shapes:
        add(f"randn {shape} x{scale:g}", randn(*shape, scale=scale))

# --- integral floats, mixed signs
add("integral 1-d", f32([1, 2, 3, -4]))
add("integral 2-d", torch.randint(-50, 50, (3, 4), generator=gen).float())
add("integral 3-d", torch.randint(-5, 5, (2, 3, 2), generator=gen).float())
add("integral 4-d", torch.randint(0, 3, (2, 1, 2, 3), generator=gen).float())
add("integral big sci", f32([1e9, 2e9, -3e9]))
add("integral ratio sci", f32([1.0, 2.0, 100000.0]))
add("integral ratio 1000", f32([1.0, 1000.0]))
add("integral ratio 1001", f32([1.0, 1001.0]))
add("integral with zero", f32([0.0, 5.0, -0.0]))
add("zeros", torch.zeros(2, 3))
add("ones", torch.ones(4))
add("negative zeros", f32([-0.0, -0.0]))
add("mixed signs", f32([-1.5, 2.25, -0.125, 3.0]))
add("mixed signs 2-d", randn(3, 3) - 0.5)
add("arange float", torch.arange(12, dtype=torch.float32).reshape(3, 4))

# --- nan / inf
add("nan only", f32([nan, nan]))
add("inf only", f32([inf, -inf]))
add("nan with integral", f32([nan, 1.0, 2.0]))
add("inf with integral", f32([inf, -inf, 10.0, 0.0]))
add("nan with fraction", f32([nan, 0.5, -1.25]))
add("inf with fraction", f32([1.5, inf, -inf]))
add("nan with sci", f32([nan, 1e-7, 3.0]))
add("inf with sci integral", f32([inf, 1e9, 1.0]))
add("nan inf zero", f32([nan, inf, 0.0, -0.0]))
add("nan 2-d", f32([[1.0, nan], [inf, 2.5]]))

# --- sci-mode boundaries
add("min 1e-4 float", f32([1e-4, 1.0]))
add("min below 1e-4", f32([9.9e-5, 0.5]))
add("max 1e8 exact", f32([1e8, 5e7]))
add("max above 1e8", f32([1.0000001e8, 5e7 + 0.5]))
add("ratio just above 1000", f32([0.5, 500.5]))
add("ratio 1000 fraction", f32([0.25, 250.0]))
add("tiny and huge", f32([1e-30, 1e30]))
add("float32 max", f32([3.4028234663852886e38, -1.0]))
add("float32 denormal", f32([1e-45, 1.0]))

# --- rounding at the printed precision
add("round half even 4", f32([0.00005, 0.00015, 0.00025, 1.00005]))
add("round 0.1 0.2 0.3", f32([0.1, 0.2, 0.3]))
add("round 2 decimals", f32([0.125, 0.375, 0.625, 0.875]), settings={"precision": 2})
add("round 0 decimals", f32([0.5, 1.5, 2.5, -0.5, 3.7]), settings={"precision": 0})
add("round sci", f32([1.23455e-7, 9.99995e-7, 1.5]))
add("round carries", f32([9.99995, 0.99999, 99.99996]))
add("round large", f32([12345.678, -98765.4321]))

# --- big tensors, summarised
add("summarised 2000", randn(2000))
add("summarised 50x50", randn(50, 50))
add("summarised 10x10x20", randn(10, 10, 20))
add("summarised 1001", randn(1001))
add("not summarised 1000", randn(1000))
add("summarised int64 arange", torch.arange(2000).reshape(2, 1000))
add("summarised bool", torch.rand(40, 30, generator=gen) > 0.5)
add("summarised 4-d", randn(4, 5, 8, 7))
add("summarised sci", randn(50, 30, scale=1e-6))
add("summarised integral", torch.randint(-100, 100, (30, 40), generator=gen).float())
add("summarised narrow rows", randn(400, 3))
add("summarised with nan", torch.cat([f32([nan]), randn(1500)]))
add("summarised 1500 requires_grad", randn(1500), requires_grad=True)

# --- long rows, wrapped at the line width
add("wrap 1-d 30", randn(30))
add("wrap 1-d 100 int64", torch.arange(-50, 50))
add("wrap 2-d 3x25", randn(3, 25))
add("wrap 1-d sci 40", randn(40, scale=1e-7))
add("wrap 3-d 2x2x20", randn(2, 2, 20))
add("wrap 4-d 2x1x2x15", randn(2, 1, 2, 15))
add("wrap bool 40", torch.rand(40, generator=gen) > 0.3)
add("wrap integral 60", torch.randint(0, 1000, (60,), generator=gen).float())
add("wrap int64 2-d", torch.randint(-10**6, 10**6, (3, 20), generator=gen))
add("wrap summarised 1-d", randn(1200))
add("wrap with grad_fn", randn(30), grad_fn="CloneBackward0")

# --- every print option
add("precision 2", randn(2, 3), settings={"precision": 2})
add("precision 6", randn(2, 3), settings={"precision": 6})
add("precision 10", randn(4), settings={"precision": 10})
add("precision 0 integral", f32([1.0, 2.0]), settings={"precision": 0})
add("precision 1 sci", randn(4, scale=1e-6), settings={"precision": 1})
add("threshold 5", torch.arange(10), settings={"threshold": 5})
add("threshold 5 float", randn(3, 4), settings={"threshold": 5})
add("threshold 0", randn(3), settings={"threshold": 0})
add("threshold inf", randn(1001), settings={"threshold": inf})
add("edgeitems 1", randn(2000), settings={"edgeitems": 1})
add("edgeitems 2 2-d", randn(40, 40), settings={"edgeitems": 2})
add("edgeitems 5", randn(30, 50), settings={"edgeitems": 5})
add("edgeitems 0 small", randn(2, 3), settings={"edgeitems": 0})
add("edgeitems 0 summarised 1-d", randn(2000), settings={"edgeitems": 0})
add("edgeitems 0 summarised 2-d", randn(50, 50), settings={"edgeitems": 0})
add("edgeitems 0 summarised 1-d integral", torch.arange(2000.0), settings={"edgeitems": 0})
add("edgeitems 10 not split", randn(20), settings={"threshold": 10, "edgeitems": 10})
add("linewidth 40", randn(20), settings={"linewidth": 40})
add("linewidth 120", randn(4, 20), settings={"linewidth": 120})
add("linewidth 20", randn(3, 5), settings={"linewidth": 20})
add("linewidth 1", f32([1.0, 2.0, 3.0]), settings={"linewidth": 1})
add("linewidth 10 requires_grad", f32([1.5, 2.5]), requires_grad=True,
    settings={"linewidth": 10})
add("sci_mode True", randn(2, 3), settings={"sci_mode": True})
add("sci_mode True integral", f32([1.0, 2.0, -3.0]), settings={"sci_mode": True})
add("sci_mode False", randn(2, 3, scale=1e-6), settings={"sci_mode": False})
add("sci_mode False huge", f32([1e10, 1.5]), settings={"sci_mode": False})
add("sci_mode False integral huge", f32([1e12, 3.0]), settings={"sci_mode": False})
add("sci_mode False float32 max", f32([3.4028234663852886e38, 0.5]),
    settings={"sci_mode": False, "precision": 12})  # longer than 48 characters
add("sci_mode True zeros", torch.zeros(3), settings={"sci_mode": True})
add("sci_mode True nan", f32([nan, 1.0, 0.5]), settings={"sci_mode": True})
add("sci_mode True int64", i64([1, 2]), settings={"sci_mode": True})
add("profile short", randn(20, 20), settings={"profile": "short"})
add("profile short 1-d", randn(3), settings={"profile": "short"})
add("profile full", randn(1001), settings={"profile": "full"})
add("profile full 2-d", randn(40, 30), settings={"profile": "full"})
add("profile default", randn(2, 2), settings={"profile": "default"})
add("profile short precision 5", randn(4), settings={"profile": "short", "precision": 5})
add("profile full edgeitems 1", randn(50, 50), settings={"profile": "full", "edgeitems": 1})
add("precision 3 sci True", randn(3), settings={"precision": 3, "sci_mode": True})
add("threshold 10 edgeitems 1 2-d", randn(5, 5), settings={"threshold": 10, "edgeitems": 1})
add("threshold 20 3-d", torch.arange(60).reshape(3, 4, 5), settings={"threshold": 20})

# --- int64
add("int64 1-d", i64([1, 2, 3]))
add("int64 negative", i64([-1, -200, 3000]))
add("int64 big", i64([2**62, -(2**62), 7]))
add("int64 extremes", i64([2**63 - 1, -(2**63)]))
add("int64 2-d", torch.randint(-1000, 1000, (4, 5), generator=gen))
add("int64 3-d", torch.arange(24).reshape(2, 3, 4))
add("int64 4-d", torch.arange(16).reshape(2, 2, 2, 2) - 8)
add("int64 zeros", torch.zeros(3, dtype=torch.int64))
add("int64 token ids", torch.tensor([[40, 367, 2885, 1464], [1807, 3619, 402, 271]]))

# --- bool
add("bool 1-d", torch.tensor([True, False, True]))
add("bool 2-d", torch.tensor([[True, False], [False, False]]))
add("bool 3-d", torch.rand(2, 3, 4, generator=gen) > 0.5)
add("bool 4-d", torch.rand(1, 2, 2, 3, generator=gen) > 0.5)
add("bool causal mask", torch.triu(torch.ones(4, 4), diagonal=1).bool())
add("bool all false", torch.zeros(5, dtype=torch.bool))

# --- empty tensors
add("empty float", torch.zeros(0))
add("empty 0x3", torch.zeros(0, 3))
add("empty 2x0x4", torch.zeros(2, 0, 4))
add("empty 3x0", torch.zeros(3, 0))
add("empty int64", torch.zeros(0, dtype=torch.int64))
add("empty int64 2-d", torch.zeros(0, 2, dtype=torch.int64))
add("empty bool", torch.zeros(0, dtype=torch.bool))
add("empty requires_grad", torch.zeros(0), requires_grad=True)
add("empty edgeitems 0", torch.zeros(0), settings={"edgeitems": 0})

# --- suffixes: requires_grad, grad_fn, Parameter
add("requires_grad 1-d", randn(3), requires_grad=True)
add("requires_grad 2-d", randn(2, 3), requires_grad=True)
add("requires_grad 3-d", randn(2, 2, 2), requires_grad=True)
add("requires_grad 4-d", randn(1, 1, 2, 2), requires_grad=True)
add("grad_fn clone", randn(2, 2), grad_fn="CloneBackward0")
add("grad_fn view 3-d", randn(2, 1, 3), grad_fn="ViewBackward0")
add("grad_fn mul", randn(4), grad_fn="MulBackward0")
add("grad_fn alias", randn(3), grad_fn="AliasBackward0")
add("grad_fn sci", randn(2, 2, scale=1e-6), grad_fn="CloneBackward0")
add("grad_fn suffix wraps", randn(9), grad_fn="CloneBackward0")
add("requires_grad suffix wraps", f32([-0.5, 1, 2, 3, 4, 5, 6, 7.25]), requires_grad=True)
add("grad_fn suffix wraps 2-d", randn(2, 8) - 3, grad_fn="CloneBackward0")
add("requires_grad 8 wide", randn(8, scale=10), requires_grad=True)
add("grad_fn summarised", randn(40, 40), grad_fn="CloneBackward0")
add("parameter 2-d", randn(3, 4), parameter="grad")
add("parameter 1-d", randn(6), parameter="grad")
add("parameter no grad", randn(2, 2), parameter="nograd")
add("parameter summarised", randn(50, 40), parameter="grad")
add("parameter scalar", f32(0.25), parameter="grad")
add("parameter wraps", randn(10), parameter="grad")
add("parameter empty", torch.zeros(0, 4), parameter="grad")
add("parameter linewidth 50", randn(2, 5), parameter="grad", settings={"linewidth": 50})

# --- suffix placement at the line-width boundary (PyTorch counts the last line as 2 longer)
pos = lambda *shape: torch.rand(*shape, generator=gen) * 8 + 1  # one digit before the point
# A suffix moves to its own line when last line + 2 + len(suffix) > linewidth.
add("suffix boundary 2-d at 59", pos(2, 6), requires_grad=True)
add("suffix boundary 2-d at 60", pos(2, 7), requires_grad=True, settings={"precision": 3})
add("suffix boundary 1-d at 61", torch.cat([-pos(1), pos(3)]), requires_grad=True,
    settings={"precision": 8})
add("suffix boundary grad_fn at 54", torch.cat([-pos(1), pos(4)]), grad_fn="CloneBackward0")
add("suffix boundary grad_fn at 54 width 79", torch.cat([-pos(1), pos(4)]),
    grad_fn="CloneBackward0", settings={"linewidth": 79})
add("linewidth 79 exact fit", torch.cat([-pos(1), pos(9)]), settings={"linewidth": 79})
add("linewidth 78 exact fit", torch.cat([-pos(1), pos(9)]), settings={"linewidth": 78})
add("linewidth 25 3-d", randn(2, 2, 6), settings={"linewidth": 25})
add("linewidth 25 parameter", randn(2, 6), parameter="grad", settings={"linewidth": 25})

# --- non-contiguous views
add("transpose 2-d", randn(3, 4), perm=[1, 0])
add("permute 3-d", randn(2, 3, 4), perm=[2, 0, 1])
add("transpose int64", torch.arange(6).reshape(2, 3), perm=[1, 0])
add("transpose summarised", randn(40, 30), perm=[1, 0])
add("permute 4-d grad_fn", randn(2, 1, 3, 2), perm=[3, 1, 0, 2], grad_fn="CloneBackward0")

os.makedirs(os.path.dirname(OUT), exist_ok=True)
with open(OUT, "w") as f:
    # One case a line: small enough to commit, easy to diff.
    f.write('{"torch_version": %s,\n "cases": [\n' % json.dumps(torch.__version__))
    f.write(",\n".join(json.dumps(c) for c in cases))
    f.write("\n]}\n")
print(f"wrote {len(cases)} cases to {os.path.normpath(OUT)}")


# --- single values: repr of a 0-d tensor with sci_mode forced off and on.
# Rows are [float32 bits, precision, repr with sci_mode=False, repr with sci_mode=True].
rng = random.Random(99)


def f32_bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def f32_of(bits):
    return struct.unpack("<f", struct.pack("<I", bits))[0]


numbers = set()
for _ in range(1500):  # random bit patterns over the useful exponent range
    numbers.add(f32_bits(rng.choice([1, -1]) * 10 ** rng.uniform(-12, 13)))
for _ in range(600):  # near the decimal ties of the printed precision
    p = rng.randint(0, 6)
    tie = (rng.randint(0, 10 ** 5) + 0.5) / 10 ** p
    b = f32_bits(tie)
    numbers.update({b, b + 1, b - 1})
for n in range(1, 12):  # exact binary ties: k / 2**n
    for k in range(1, 2 ** n, 2):
        if len(numbers) < 3200 or k < 8:
            numbers.add(f32_bits(k / 2 ** n))
for x in [1e-45, 1.17549435e-38, 3.4028234663852886e38, 0.1, 0.2, 0.3, 2.5, 1e16, 1.5e17,
          9.5, 99.5, 999.5, 0.05, 0.005, 0.0005, 0.00005, 123456789.0, 2 ** 24 + 1.0]:
    numbers.add(f32_bits(x))
rows = []
for bits in sorted(numbers):
    value = torch.tensor(f32_of(bits), dtype=torch.float32)
    if not math.isfinite(value.item()):
        continue
    precision = rng.choice([0, 1, 2, 3, 4, 4, 4, 4, 5, 6, 8])
    with torch._tensor_str.printoptions(precision=precision, sci_mode=False):
        fixed = repr(value)
    with torch._tensor_str.printoptions(precision=precision, sci_mode=True):
        sci = repr(value)
    rows.append([bits, precision, fixed, sci])
with open(NUMBERS_OUT, "w") as f:
    f.write("[\n" + ",\n".join(json.dumps(r) for r in rows) + "\n]\n")
print(f"wrote {len(rows)} values to {os.path.normpath(NUMBERS_OUT)}")
