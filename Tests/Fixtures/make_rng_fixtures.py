#!/usr/bin/env python3
"""Writes Tests/TensorTests/Fixtures/rng_vectors.json: PyTorch CPU random-number vectors.

Run by hand from the package root (never by the tests):  python3 Tests/Fixtures/make_rng_fixtures.py
(optionally with the path of RNG_TEST_VECTORS.md as the argument).
Needs torch (2.15 was used).  Two sources:
  * the test-vector tables of shared/RNG_TEST_VECTORS.md (copied row by row, values as given,
    each call translated into the steps the Swift tests replay), and
  * new vectors computed here with real torch.

Fixture format: {"cases": [case]}; a case starts from a fresh manual_seed(seed) (and, with
"local_seed", a separate torch.Generator seeded with it) and runs "steps" in order.  A step is
{"op": ..., params..., "expect": {"kind": "f32"|"i64"|"u32", "values": [...], "select": ...}}
where values are decimal strings (f32: IEEE-754 bit patterns; i64: exact beyond 2^53; u32: raw
words; fnv1a64: one FNV-1a 64 hash of all `count` values' little-endian bytes, float32 4 bytes
each, int64 8) and select is "all", "first:k" or "last:k" of the flattened (row-major) result.  A step's
"layout" ({"base_shape", "permute"} or {"base_shape", "narrow": [dim, start, length]}) makes the
target a view of a zero tensor; dropout on a layout fills it with 1, 2, ... in row-major order.
"""
import json
import math
import os
import re
import struct
import sys

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "TensorTests", "Fixtures", "rng_vectors.json")
VECTORS_MD = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/RNG_TEST_VECTORS.md"


def bits(x):
    return struct.unpack("<I", struct.pack("<f", float(x)))[0]


def f32_expect(values, select="all"):
    return {"kind": "f32", "values": [str(bits(v)) for v in values], "select": select}


def i64_expect(values, select="all"):
    return {"kind": "i64", "values": [str(int(v)) for v in values], "select": select}


def tensor_expect(t, select="all"):
    flat = t.detach().contiguous().reshape(-1)
    if select.startswith("first:"):
        flat = flat[: int(select[6:])]
    elif select.startswith("last:"):
        flat = flat[flat.numel() - int(select[5:]):]
    if t.dtype == torch.float32:
        return f32_expect(flat.tolist(), select)
    return i64_expect([int(v) for v in flat.tolist()], select)


def fnv1a64(data: bytes) -> int:
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return h


def hash_expect(t):
    """FNV-1a 64 of the row-major little-endian bytes (float32: 4 per value, int64: 8)."""
    flat = t.detach().contiguous().reshape(-1)
    return {"kind": "fnv1a64", "values": [str(fnv1a64(flat.numpy().tobytes()))], "select": "all",
            "count": flat.numel()}


cases = []


def case(name, seed, steps, local_seed=None):
    c = {"name": name, "seed": str(seed), "steps": steps}
    if local_seed is not None:
        c["local_seed"] = str(local_seed)
    cases.append(c)


# ---------------------------------------------------------------------------
# 1. The shared tables, row by row.
# ---------------------------------------------------------------------------
def parse_values(text):
    """'1.5 (0x3fc00000), ...' -> ('f32', bits) or '4, 9' -> ('i64', ints) or batches."""
    hexes = re.findall(r"\(0x([0-9a-f]{8})\)", text)
    if hexes:
        return "f32", [int(h, 16) for h in hexes]
    if "[" in text:
        return "i64", [int(v) for v in re.findall(r"-?\d+", text)]
    parts = [p.strip() for p in text.split(",")]
    if all(re.fullmatch(r"-?\d+\.\d+", p) for p in parts):
        return "f32", [bits(float(p)) for p in parts]
    return "i64", [int(p) for p in parts]


def spec_steps(call, kind, values, seed_rows):
    """Translate one table call into replayable steps with the row's expectation."""
    n = len(values)
    exp = {"kind": kind, "values": [str(v) for v in values]}

    def e(select):
        d = dict(exp)
        d["select"] = select
        return d

    if call.startswith("raw at::mt19937"):
        return [{"op": "raw", "n": n, "expect": {"kind": "u32", "values": [str(v) for v in values], "select": "all"}}]
    if call == "rand(5)":
        return [{"op": "rand", "shape": [5], "expect": e("all")}]
    if call.startswith("randn(3,2)"):
        return [{"op": "randn", "shape": [3, 2], "expect": e("first:%d" % n)}]
    if call.startswith("randn(16)"):
        return [{"op": "randn", "shape": [16], "expect": e("first:%d" % n)}]
    if call.startswith("randn(17)"):
        return [{"op": "randn", "shape": [17], "expect": e("last:%d" % n)}]
    if call == "empty(5).uniform_(-0.3, 2.7)":
        return [{"op": "uniform", "shape": [5], "from": -0.3, "to": 2.7, "expect": e("all")}]
    if call == "Linear(768,3072).weight[0,:5]":
        # The first 5 weight elements are the first 5 draws of uniform_(-bound, bound).
        return [{"op": "uniform", "shape": [5], "kaiming_fan_in": 768, "expect": e("all")}]
    if call == "Linear(768,3072).bias[:5]":
        return [{"op": "skip", "n": 768 * 3072},
                {"op": "uniform", "shape": [5], "bias_fan_in": 768, "expect": e("all")}]
    if call == "Embedding(50257,768).weight[0,:5]":
        return [{"op": "randn", "shape": [16], "expect": e("first:%d" % n)}]
    if call == "Embedding(50257,768).weight[-1,-5:]":
        total = 50257 * 768  # divisible by 16: the last block is the last 16 draws
        assert total % 16 == 0
        return [{"op": "skip", "n": total - 16}, {"op": "randn", "shape": [16], "expect": e("last:%d" % n)}]
    if call == "F.dropout(ones(5), p=0.1, training=True)":
        return [{"op": "dropout", "x": [bits(1.0)] * 5, "shape": [5], "p": 0.1, "expect": e("all")}]
    if call == "empty(5).exponential_(1)":
        return [{"op": "exponential", "shape": [5], "lambd": 1.0, "expect": e("all")}]
    if call.startswith("5x multinomial"):
        return [{"op": "multinomial", "probs": [bits(v) for v in (0.1, 0.2, 0.3, 0.4)], "shape": [4], "num_samples": 1,
                 "replacement": False, "expect": {"kind": "i64", "values": [str(v)], "select": "all"}}
                for v in values]
    m = re.fullmatch(r"randint\((-?\d+), (-?[\d*]+), \((\d+),\)\)(\s+\[64-bit path\])?", call)
    if m:
        return [{"op": "randint", "low": str(int(m.group(1))), "high": str(eval(m.group(2))),
                 "shape": [int(m.group(3))], "dtype": "int64", "expect": e("all")}]
    m = re.fullmatch(r"randint\((\d+), \((\d+),\)\)", call)
    if m:
        return [{"op": "randint", "low": "0", "high": m.group(1), "shape": [int(m.group(2))],
                 "dtype": "int64", "expect": e("all")}]
    m = re.fullmatch(r"randint\((-?\d+), (-?\d+), \((\d+),\), dtype=float32\)", call)
    if m:
        return [{"op": "randint", "low": m.group(1), "high": m.group(2), "shape": [int(m.group(3))],
                 "dtype": "float32", "expect": e("all")}]
    if call == "empty(3, dtype=int64).random_()":
        return [{"op": "random", "shape": [3], "dtype": "int64", "expect": e("all")}]
    if call == "empty(5).random_()  [float32]":
        return [{"op": "random", "shape": [5], "dtype": "float32", "expect": e("all")}]
    if call == "randperm(10)":
        return [{"op": "randperm", "n": 10, "dtype": "int64", "expect": e("all")}]
    if call == "randperm(50000)[:6]":
        return [{"op": "randperm", "n": 50000, "dtype": "int64", "expect": e("first:6")}]
    if call == "randperm(50000)[-6:]":
        return [{"op": "randperm", "n": 50000, "dtype": "int64", "expect": e("last:6")}]
    if call.startswith("DataLoader epoch 1: sampler seed"):
        return [{"op": "base_seed"}, {"op": "base_seed", "expect": e("all")}]
    if call.startswith("DataLoader(range(18)"):
        # Epoch 1 only; the epoch 2 and rand(2) rows continue the same stream (merged below).
        return [{"op": "base_seed"}, {"op": "sampler_order", "n": 18, "expect": e("all")}]
    if call.startswith("... epoch 2"):
        return [{"op": "base_seed"}, {"op": "sampler_order", "n": 18, "expect": e("all")}]
    if call.startswith("... then rand(2)"):
        return [{"op": "rand", "shape": [2], "expect": e("all")}]
    raise SystemExit("unhandled call in table: %r" % call)


def spec_cases():
    rows = []
    with open(VECTORS_MD) as f:
        for line in f:
            m = re.match(r"\| (\d+) \| `([^`]*)`(?:\s*\[[^|]*\])? \| (.*) \|\s*$", line)
            if m:
                rows.append((int(m.group(1)), m.group(2), m.group(3)))
    chained = []  # DataLoader rows continue one stream: epoch 1, epoch 2, rand(2)
    for seed, call, text in rows:
        # The table keeps a bracketed note inside the backticks for some rows.
        kind, values = parse_values(text)
        steps = spec_steps(call.strip(), kind, values, rows)
        if call.startswith("DataLoader(range(18)"):
            chained = [seed, steps]
            continue
        if call.startswith("... "):
            chained[1] += steps
            if call.startswith("... then rand(2)"):
                case("table: seed %d DataLoader two epochs then rand(2)" % seed, seed, chained[1])
            continue
        case("table: seed %d %s" % (seed, call.strip()), seed, steps)
    return len(rows)


table_rows = spec_cases()

# ---------------------------------------------------------------------------
# 2. New vectors from real torch.
# ---------------------------------------------------------------------------
def seeded(seed):
    torch.manual_seed(seed)


for seed in (0, 42, 2024):
    for n in (1, 15, 16, 17, 31, 33, 100, 1000):
        seeded(seed)
        t = torch.randn(n)
        case("torch: seed %d randn(%d)" % (seed, n), seed, [{"op": "randn", "shape": [n], "expect": tensor_expect(t)}])
    seeded(seed)
    t = torch.randn(3, 5)
    case("torch: seed %d randn(3,5) double path" % seed, seed, [{"op": "randn", "shape": [3, 5], "expect": tensor_expect(t)}])
    seeded(seed)
    t = torch.rand(4, 7)
    case("torch: seed %d rand(4,7)" % seed, seed, [{"op": "rand", "shape": [4, 7], "expect": tensor_expect(t)}])

# uniform_ with general bounds, normal_ with mean/std
for seed, n, a, b in ((0, 100, -3.7, 11.2), (7, 33, 0.25, 0.2500001), (99, 64, -1e-3, 5e4), (5, 9, -2.0, -1.5)):
    seeded(seed)
    t = torch.empty(n).uniform_(a, b)
    case("torch: seed %d uniform_(%r, %r) n=%d" % (seed, a, b, n), seed,
         [{"op": "uniform", "shape": [n], "from": a, "to": b, "expect": tensor_expect(t)}])
for seed, n, mean, std in ((0, 5, 0.5, 2.0), (1, 16, -1.25, 0.3), (2, 33, 3.0, 0.02), (3, 100, 0.0, 0.02), (4, 7, 10.0, 0.0)):
    seeded(seed)
    t = torch.empty(n).normal_(mean, std)
    case("torch: seed %d normal_(%r, %r) n=%d" % (seed, mean, std, n), seed,
         [{"op": "normal", "shape": [n], "mean": mean, "std": std, "expect": tensor_expect(t)}])

# Non-contiguous tensors: filled in memory order (transposed) or through the double path.
for op, fill in (("uniform", lambda x: x.uniform_(-1.0, 2.0)), ("normal", lambda x: x.normal_(0.5, 1.5))):
    seeded(11)
    x = torch.empty(5, 4).t()  # logical [4, 5], memory order column-major
    fill(x)
    step = {"op": op, "shape": [4, 5], "transpose": True, "expect": tensor_expect(x)}
    if op == "uniform":
        step.update({"from": -1.0, "to": 2.0})
    else:
        step.update({"mean": 0.5, "std": 1.5})
    case("torch: seed 11 %s_ on a transposed [4,5]" % op, 11, [step])

# Other layouts: a permuted 3-D tensor, one with a size-1 dimension, and a column slice.
LAYOUTS = [
    ("permute(2,0,1) of [2,3,4]", {"base_shape": [2, 3, 4], "permute": [2, 0, 1]}),
    ("permute(1,2,0) of [3,1,4]", {"base_shape": [3, 1, 4], "permute": [1, 2, 0]}),
    ("[:, 1:4] of [4,6]", {"base_shape": [4, 6], "narrow": [1, 1, 3]}),
]


def make_layout(layout, dtype=torch.float32):
    base = torch.zeros(layout["base_shape"], dtype=dtype)
    if "permute" in layout:
        return base.permute(*layout["permute"])
    dim, start, length = layout["narrow"]
    return base.narrow(dim, start, length)


for i, (label, layout) in enumerate(LAYOUTS):
    steps = []
    seeded(30 + i)
    x = make_layout(layout).uniform_(-2.0, 3.0)
    steps.append({"op": "uniform", "layout": layout, "from": -2.0, "to": 3.0, "expect": tensor_expect(x)})
    x = make_layout(layout).normal_(1.0, 0.5)
    steps.append({"op": "normal", "layout": layout, "mean": 1.0, "std": 0.5, "expect": tensor_expect(x)})
    x = make_layout(layout).bernoulli_(0.4)
    steps.append({"op": "bernoulli", "layout": layout, "p": 0.4, "dtype": "float32", "expect": tensor_expect(x.to(torch.int64))})
    x = make_layout(layout, torch.int64).random_(-50, 50)
    steps.append({"op": "random", "layout": layout, "dtype": "int64", "from_int": "-50", "to_int": "50", "expect": tensor_expect(x)})
    x = make_layout(layout).exponential_(3.0)
    steps.append({"op": "exponential", "layout": layout, "lambd": 3.0, "expect": tensor_expect(x)})
    x = make_layout(layout)
    x.copy_(torch.arange(x.numel(), dtype=torch.float32).reshape(x.shape) + 1)
    y = torch.nn.functional.dropout(x, 0.3, training=True)
    steps.append({"op": "dropout", "layout": layout, "p": 0.3, "expect": tensor_expect(y)})
    steps.append({"op": "rand", "shape": [2], "expect": tensor_expect(torch.rand(2))})
    case("torch: seed %d draws on %s" % (30 + i, label), 30 + i, steps)

# rand_like / randn_like keep a transposed layout (and randn_like then takes the double path)
seeded(40)
base = torch.zeros(5, 4).t()
a = torch.randn_like(base)
b = torch.rand_like(base)
c = torch.randn_like(torch.zeros(4, 5))
case("torch: seed 40 randn_like / rand_like of a transposed [4,5], then of a contiguous one", 40,
     [{"op": "randn_like", "layout": {"base_shape": [5, 4], "permute": [1, 0]}, "expect": tensor_expect(a)},
      {"op": "rand_like", "layout": {"base_shape": [5, 4], "permute": [1, 0]}, "expect": tensor_expect(b)},
      {"op": "randn_like", "shape": [4, 5], "expect": tensor_expect(c)}])

# bernoulli_ on each dtype
for seed, dtype, p in ((0, torch.float32, 0.3), (1, torch.int64, 0.5), (2, torch.bool, 0.75), (3, torch.float32, 1.0), (4, torch.float32, 0.0)):
    seeded(seed)
    t = torch.empty(12, dtype=dtype).bernoulli_(p)
    name = str(dtype).replace("torch.", "")
    case("torch: seed %d bernoulli_(%r) %s" % (seed, p, name), seed,
         [{"op": "bernoulli", "shape": [12], "p": p, "dtype": name, "expect": tensor_expect(t.to(torch.int64))},
          {"op": "rand", "shape": [2], "expect": tensor_expect(torch.rand(2))}])

# torch.bernoulli(probs): one U24 per element, compared with the float probability
seeded(14)
pb = torch.rand(3, 7)
seeded(15)
bb = torch.bernoulli(pb)
bt = torch.bernoulli(pb.t())
after = torch.rand(2)
case("torch: seed 15 bernoulli(probs [3,7]) then of its transpose", 15,
     [{"op": "bernoulli_tensor", "probs": [bits(v) for v in pb.reshape(-1).tolist()], "shape": [3, 7],
       "expect": tensor_expect(bb)},
      {"op": "bernoulli_tensor", "probs": [bits(v) for v in pb.reshape(-1).tolist()], "shape": [3, 7],
       "transpose": True, "expect": tensor_expect(bt)},
      {"op": "rand", "shape": [2], "expect": tensor_expect(after)}])

# exponential_
for seed, lambd in ((0, 2.5), (9, 0.1)):
    seeded(seed)
    t = torch.empty(10).exponential_(lambd)
    case("torch: seed %d exponential_(%r)" % (seed, lambd), seed,
         [{"op": "exponential", "shape": [10], "lambd": lambd, "expect": tensor_expect(t)}])

# dropout: p in {0.1, 0.5, 0.021}, and the stream position after it
for seed, p, n in ((0, 0.1, 20), (1, 0.5, 33), (2, 0.021, 40), (3, 0.5, 6)):
    seeded(seed)
    x = (torch.arange(n, dtype=torch.float32) - n / 3) * 0.37
    y = torch.nn.functional.dropout(x, p, training=True)
    after = torch.rand(2)
    case("torch: seed %d dropout p=%r n=%d" % (seed, p, n), seed,
         [{"op": "dropout", "x": [bits(v) for v in x.tolist()], "shape": [n], "p": p, "expect": tensor_expect(y)},
          {"op": "rand", "shape": [2], "expect": tensor_expect(after)}])
seeded(5)
x = torch.arange(12, dtype=torch.float32).reshape(4, 3).t()  # logical [3, 4], transposed layout
y = torch.nn.functional.dropout(x, 0.5, training=True)
case("torch: seed 5 dropout p=0.5 on a transposed [3,4]", 5,
     [{"op": "dropout", "x": [bits(v) for v in torch.arange(12, dtype=torch.float32).tolist()], "shape": [3, 4],
       "transpose": True, "p": 0.5, "expect": tensor_expect(y)}])
seeded(6)
x = torch.ones(7) * 2
y = torch.nn.functional.dropout(x, 0.5, training=False)
y2 = torch.nn.functional.dropout(x, 0.0)
y3 = torch.nn.functional.dropout(x, 1.0)
after = torch.rand(3)
case("torch: seed 6 dropout eval, p=0 and p=1 take no draws", 6,
     [{"op": "dropout", "x": [bits(2.0)] * 7, "shape": [7], "p": 0.5, "training": False, "expect": tensor_expect(y)},
      {"op": "dropout", "x": [bits(2.0)] * 7, "shape": [7], "p": 0.0, "expect": tensor_expect(y2)},
      {"op": "dropout", "x": [bits(2.0)] * 7, "shape": [7], "p": 1.0, "expect": tensor_expect(y3)},
      {"op": "rand", "shape": [3], "expect": tensor_expect(after)}])

# multinomial: rows of 4 and of 1000, 1-D and 2-D, several samples without replacement
seeded(0)
probs4 = torch.tensor([0.1, 0.2, 0.3, 0.4])
steps = []
for _ in range(20):
    steps.append({"op": "multinomial", "probs": [bits(v) for v in probs4.tolist()], "shape": [4], "num_samples": 1,
                  "replacement": True, "expect": tensor_expect(torch.multinomial(probs4, 1, True))})
case("torch: seed 0 20x multinomial(probs4, 1, replacement=True)", 0, steps)

seeded(123)
probs1000 = torch.softmax(torch.randn(1000) * 2, dim=0)
state = torch.get_rng_state()
seeded(7)
samples = [torch.multinomial(probs1000, 1) for _ in range(5)]
case("torch: seed 7 5x multinomial over 1000 categories", 7,
     [{"op": "multinomial", "probs": [bits(v) for v in probs1000.tolist()], "shape": [1000], "num_samples": 1,
       "replacement": False, "expect": tensor_expect(s)} for s in samples])

seeded(3)
probs2d = torch.softmax(torch.randn(3, 1000), dim=-1)
seeded(8)
s2d = torch.multinomial(probs2d, 1)
after = torch.rand(2)
case("torch: seed 8 multinomial [3,1000] one sample per row", 8,
     [{"op": "multinomial", "probs": [bits(v) for v in probs2d.reshape(-1).tolist()], "shape": [3, 1000],
       "num_samples": 1, "replacement": False, "expect": tensor_expect(s2d)},
      {"op": "rand", "shape": [2], "expect": tensor_expect(after)}])

seeded(4)
pk = torch.rand(2, 10) + 0.05
seeded(9)
sk = torch.multinomial(pk, 4, replacement=False)
sk1 = torch.multinomial(pk[0], 10, replacement=False)
case("torch: seed 9 multinomial without replacement, 4 of 10 per row, then all 10", 9,
     [{"op": "multinomial", "probs": [bits(v) for v in pk.reshape(-1).tolist()], "shape": [2, 10], "num_samples": 4,
       "replacement": False, "expect": tensor_expect(sk)},
      {"op": "multinomial", "probs": [bits(v) for v in pk[0].tolist()], "shape": [10], "num_samples": 10,
       "replacement": False, "expect": tensor_expect(sk1)}])

# Several samples with replacement: the CDF kernel (one U53 per sample, binary search)
seeded(12)
pr = torch.rand(2, 50) ** 3
seeded(13)
sr = torch.multinomial(pr, 20, replacement=True)
sr1 = torch.multinomial(torch.tensor([0.5, 0.0, 0.25, 0.25]), 30, replacement=True)
after = torch.rand(2)
case("torch: seed 13 multinomial with replacement, 20 per row of [2,50], then 30 of 4", 13,
     [{"op": "multinomial", "probs": [bits(v) for v in pr.reshape(-1).tolist()], "shape": [2, 50], "num_samples": 20,
       "replacement": True, "expect": tensor_expect(sr)},
      {"op": "multinomial", "probs": [bits(v) for v in (0.5, 0.0, 0.25, 0.25)], "shape": [4], "num_samples": 30,
       "replacement": True, "expect": tensor_expect(sr1)},
      {"op": "rand", "shape": [2], "expect": tensor_expect(after)}])

seeded(16)
pt = torch.rand(6, 3) + 0.01        # multinomial over pt.t(): [3, 6] rows, transposed layout
seeded(17)
st = torch.multinomial(pt.t(), 1)
st2 = torch.multinomial(pt.t(), 4)
case("torch: seed 17 multinomial over a transposed [3,6] (exponentials in memory order)", 17,
     [{"op": "multinomial", "probs": [bits(v) for v in pt.reshape(-1).tolist()], "shape": [6, 3], "transpose": True,
       "num_samples": 1, "replacement": False, "expect": tensor_expect(st)},
      {"op": "multinomial", "probs": [bits(v) for v in pt.reshape(-1).tolist()], "shape": [6, 3], "transpose": True,
       "num_samples": 4, "replacement": False, "expect": tensor_expect(st2)}])

# Ties: zero weights give equal ratios, which come out in libstdc++'s partial_sort /
# nth_element + sort order (both topk branches: k * 64 <= V and not)
TIES = [
    (18, [1.0, 0, 0, 0, 0], [4]),
    (19, [0.3, 0, 0, 0.2, 0, 0, 0, 0.5, 0, 0], [5, 8, 10]),
    (20, [0.0] * 97 + [0.5, 0.25, 0.0, 0.25] + [0.0] * 99, [3, 4, 50, 200]),
]
for seed, weights, ks in TIES:
    seeded(seed)
    probs = torch.tensor(weights)
    steps = []
    for k in ks:
        steps.append({"op": "multinomial", "probs": [bits(v) for v in weights], "shape": [len(weights)],
                      "num_samples": k, "replacement": False, "expect": tensor_expect(torch.multinomial(probs, k))})
    case("torch: seed %d multinomial ties among zero weights, k in %s of %d" % (seed, ks, len(weights)), seed, steps)
seeded(21)
probs = torch.tensor([[0.0] * 30 + [1.0] + [0.0] * 40, [0.5] + [0.0] * 69 + [0.5]])
case("torch: seed 21 multinomial ties, [2,71] rows, k=20", 21,
     [{"op": "multinomial", "probs": [bits(v) for v in probs.reshape(-1).tolist()], "shape": [2, 71],
       "num_samples": 20, "replacement": False, "expect": tensor_expect(torch.multinomial(probs, 20))}])

seeded(10)
unnorm = torch.tensor([3.0, 0.0, 7.5, 1.25, 0.0, 2.0])
s_un = [torch.multinomial(unnorm, 1) for _ in range(8)]
case("torch: seed 10 multinomial with unnormalised weights and zeros", 10,
     [{"op": "multinomial", "probs": [bits(v) for v in unnorm.tolist()], "shape": [6], "num_samples": 1,
       "replacement": False, "expect": tensor_expect(s)} for s in s_un])

# randperm, both dtypes
for seed in (0, 5):
    for n in (0, 1, 2, 3, 10, 18, 100, 1000):
        seeded(seed)
        t = torch.randperm(n)
        after = torch.rand(1)
        case("torch: seed %d randperm(%d)" % (seed, n), seed,
             [{"op": "randperm", "n": n, "dtype": "int64", "expect": tensor_expect(t)},
              {"op": "rand", "shape": [1], "expect": tensor_expect(after)}])
seeded(1)
t = torch.randperm(1000, dtype=torch.float32)
case("torch: seed 1 randperm(1000, float32)", 1,
     [{"op": "randperm", "n": 1000, "dtype": "float32", "expect": tensor_expect(t)}])

# randint: both draw paths, negative ranges, float32 bound adjustment, bool
RANDINTS = [
    (0, 0, 2**28 - 1, "int64"), (0, 0, 2**28, "int64"), (1, -2**40, 2**40, "int64"), (2, -7, -2, "int64"),
    (3, -2**62, 2**62, "int64"), (4, 0, 2**28, "float32"), (5, -2**30, 2**30, "float32"), (6, 0, 100, "float32"),
    (7, 0, 2, "bool"), (8, 2**60, 2**60 + 2**40, "float32"),
]
for seed, low, high, dtype in RANDINTS:
    seeded(seed)
    t = torch.randint(low, high, (9,), dtype=getattr(torch, dtype))
    after = torch.rand(1)
    case("torch: seed %d randint(%d, %d, %s)" % (seed, low, high, dtype), seed,
         [{"op": "randint", "low": str(low), "high": str(high), "shape": [9], "dtype": dtype,
           "expect": tensor_expect(t if dtype == "float32" else t.to(torch.int64))},
          {"op": "rand", "shape": [1], "expect": tensor_expect(after)}])

# random_ with from only, full 64-bit range, no bounds
RANDOMS = [(0, "int64", 5, None), (1, "int64", -2**63, None), (2, "float32", -2**63, None), (3, "float32", 3, None),
           (4, "float32", None, None), (5, "bool", None, None), (6, "int64", -100, None), (7, "float32", 10, 20)]
for seed, dtype, frm, to in RANDOMS:
    seeded(seed)
    t = torch.empty(6, dtype=getattr(torch, dtype))
    if frm is None:
        t.random_()
    elif to is None:
        t.random_(frm, None)
    else:
        t.random_(frm, to)
    step = {"op": "random", "shape": [6], "dtype": dtype,
            "expect": tensor_expect(t if dtype == "float32" else t.to(torch.int64))}
    if frm is not None:
        step["from_int"] = str(frm)
        if to is not None:
            step["to_int"] = str(to)
    case("torch: seed %d random_(%s, %s) %s" % (seed, frm, to, dtype), seed,
         [step, {"op": "rand", "shape": [1], "expect": tensor_expect(torch.rand(1))}])

# The book's own examples (chapters 3.5 and 5.3)
torch.manual_seed(123)
y = torch.nn.Dropout(0.5)(torch.ones(6, 6))
case("book 3.5: manual_seed(123); Dropout(0.5)(ones(6, 6))", 123,
     [{"op": "dropout", "x": [bits(1.0)] * 36, "shape": [6, 6], "p": 0.5, "expect": tensor_expect(y)}])
logits = torch.tensor([4.51, 0.89, -1.90, 6.75, 1.63, -1.62, -1.89, 6.28, 1.79])
probas = torch.softmax(logits, dim=0)
torch.manual_seed(123)
samples = [torch.multinomial(probas, num_samples=1).item() for _ in range(1000)]
case("book 5.3: manual_seed(123); 1000 x multinomial(softmax(next_token_logits), 1)", 123,
     [{"op": "multinomial_repeat", "probs": [bits(v) for v in probas.tolist()], "shape": [9], "n": 1000,
       "expect": i64_expect(samples)}])

# Large draws checked through a hash of every value (all 65536 normals, for instance)
for seed in range(5):
    seeded(seed)
    t = torch.randn(1 << 16)
    case("torch hash: seed %d randn(65536)" % seed, seed, [{"op": "randn", "shape": [1 << 16], "expect": hash_expect(t)},
                                                          {"op": "rand", "shape": [1], "expect": tensor_expect(torch.rand(1))}])
seeded(5)
t = torch.empty(1 << 16).normal_(0.3, 2.5)
case("torch hash: seed 5 normal_(0.3, 2.5) on 65536", 5,
     [{"op": "normal", "shape": [1 << 16], "mean": 0.3, "std": 2.5, "expect": hash_expect(t)}])
seeded(6)
t = torch.empty(1 << 16).uniform_(-0.7, 1.3)
case("torch hash: seed 6 uniform_(-0.7, 1.3) on 65536", 6,
     [{"op": "uniform", "shape": [1 << 16], "from": -0.7, "to": 1.3, "expect": hash_expect(t)}])
seeded(7)
t = torch.empty(1 << 14).exponential_(0.5)
case("torch hash: seed 7 exponential_(0.5) on 16384", 7,
     [{"op": "exponential", "shape": [1 << 14], "lambd": 0.5, "expect": hash_expect(t)}])
seeded(8)
t = torch.nn.functional.dropout(torch.ones(1 << 14), 0.1)
case("torch hash: seed 8 dropout(ones(16384), 0.1)", 8,
     [{"op": "dropout", "x": [bits(1.0)] * (1 << 14), "shape": [1 << 14], "p": 0.1, "expect": hash_expect(t)}])
seeded(9)
t = torch.randperm(100_000)
case("torch hash: seed 9 randperm(100000)", 9,
     [{"op": "randperm", "n": 100_000, "dtype": "int64", "expect": hash_expect(t)}])
seeded(10)
t = torch.randn(999, 7)   # 6993 values: a tail block
case("torch hash: seed 10 randn(999, 7)", 10, [{"op": "randn", "shape": [999, 7], "expect": hash_expect(t)}])

# The normal cache across calls (RNG_SPEC.md §4b)
seeded(42)
seq = [("randn", [3]), ("randn", [40]), ("randn", [5]), ("rand", [2]), ("randn", [1])]
steps = []
for op, shape in seq:
    t = torch.randn(*shape) if op == "randn" else torch.rand(*shape)
    steps.append({"op": op, "shape": shape, "expect": tensor_expect(t)})
case("torch: seed 42 normal cache randn(3) randn(40) randn(5) rand(2) randn(1)", 42, steps)

# manual_seed clears the cache; uniform_ leaves it; a negative seed wraps
seeded(42)
a = torch.randn(1)
torch.manual_seed(42)
b = torch.randn(1)
case("torch: manual_seed clears the cached normal", 42,
     [{"op": "randn", "shape": [1], "expect": tensor_expect(a)}, {"op": "reseed", "seed": "42"},
      {"op": "randn", "shape": [1], "expect": tensor_expect(b)}])
torch.manual_seed(-1)
t = torch.rand(3)
case("torch: manual_seed(-1) wraps to 2^64-1", -1,
     [{"op": "initial_seed", "expect": i64_expect([torch.initial_seed() - 2**64])},
      {"op": "rand", "shape": [3], "expect": tensor_expect(t)}])
torch.manual_seed(2**32 + 5)
t = torch.rand(3)
case("torch: manual_seed(2^32+5) uses the low 32 bits", 2**32 + 5,
     [{"op": "rand", "shape": [3], "expect": tensor_expect(t)}])

# Generator objects are independent of the default one
torch.manual_seed(1)
g = torch.Generator()
g.manual_seed(7)
s1 = torch.randn(5, generator=g)
d1 = torch.rand(3)
s2 = torch.randn(20, generator=g)
s3 = torch.randperm(12, generator=g)
d2 = torch.randn(2)
s4 = torch.randn(3, generator=g)
case("torch: Generator(7) interleaved with the default generator seeded 1", 1,
     [{"op": "randn", "shape": [5], "gen": "local", "expect": tensor_expect(s1)},
      {"op": "rand", "shape": [3], "expect": tensor_expect(d1)},
      {"op": "randn", "shape": [20], "gen": "local", "expect": tensor_expect(s2)},
      {"op": "randperm", "n": 12, "dtype": "int64", "gen": "local", "expect": tensor_expect(s3)},
      {"op": "randn", "shape": [2], "expect": tensor_expect(d2)},
      {"op": "randn", "shape": [3], "gen": "local", "expect": tensor_expect(s4)}], local_seed=7)

# nn.Linear / nn.Embedding initialisation (small ones in full, the GPT-2 sizes at both ends)
for seed, fin, fout in ((0, 5, 3), (1, 768, 4), (2, 3072, 2)):
    seeded(seed)
    lin = torch.nn.Linear(fin, fout)
    case("torch: seed %d Linear(%d,%d) weight and bias" % (seed, fin, fout), seed,
         [{"op": "uniform", "shape": [fout, fin], "kaiming_fan_in": fin, "expect": tensor_expect(lin.weight)},
          {"op": "uniform", "shape": [fout], "bias_fan_in": fin, "expect": tensor_expect(lin.bias)}])
for seed in (42, 123):
    seeded(seed)
    lin = torch.nn.Linear(768, 3072)
    w = lin.weight.detach().reshape(-1)
    after = torch.rand(2)
    case("torch: seed %d Linear(768,3072) first/last weights, bias, position after" % seed, seed,
         [{"op": "uniform", "shape": [5], "kaiming_fan_in": 768, "expect": tensor_expect(w[:5])},
          {"op": "skip", "n": 768 * 3072 - 10},
          {"op": "uniform", "shape": [5], "kaiming_fan_in": 768, "expect": tensor_expect(w[-5:])},
          {"op": "uniform", "shape": [3072], "bias_fan_in": 768, "expect": tensor_expect(lin.bias, "last:5")},
          {"op": "rand", "shape": [2], "expect": tensor_expect(after)}])
    seeded(seed)
    emb = torch.nn.Embedding(50257, 768)
    w = emb.weight.detach().reshape(-1)
    after = torch.rand(2)
    n = w.numel()
    case("torch: seed %d Embedding(50257,768) first/last values, position after" % seed, seed,
         [{"op": "randn", "shape": [16], "expect": tensor_expect(w[:16])},
          {"op": "skip", "n": n - 32},
          {"op": "randn", "shape": [16], "expect": tensor_expect(w[-16:])},
          {"op": "rand", "shape": [2], "expect": tensor_expect(after)}])
for seed, num, dim in ((0, 3, 4), (1, 5, 4), (2, 10, 3)):
    seeded(seed)
    emb = torch.nn.Embedding(num, dim)
    case("torch: seed %d Embedding(%d,%d)" % (seed, num, dim), seed,
         [{"op": "normal", "shape": [num, dim], "mean": 0.0, "std": 1.0, "expect": tensor_expect(emb.weight)}])

# DataLoader shuffle with the loader's own generator (RNG_SPEC.md §9c)
from torch.utils.data import DataLoader
torch.manual_seed(3)
lg = torch.Generator()
lg.manual_seed(11)
loader = DataLoader(list(range(10)), batch_size=3, shuffle=True, generator=lg)
epochs = [[int(v) for b in loader for v in b] for _ in range(2)]
after_local = torch.randn(2, generator=lg)
after_global = torch.rand(2)
case("torch: DataLoader(range(10), batch_size=3, shuffle=True, generator=Generator(11)) two epochs", 3,
     [{"op": "base_seed", "gen": "local"},
      {"op": "sampler_order", "n": 10, "gen": "local", "expect": i64_expect(epochs[0])},
      {"op": "finish_epoch", "n": 10, "gen": "local"},
      {"op": "base_seed", "gen": "local"},
      {"op": "sampler_order", "n": 10, "gen": "local", "expect": i64_expect(epochs[1])},
      {"op": "finish_epoch", "n": 10, "gen": "local"},
      {"op": "randn", "shape": [2], "gen": "local", "expect": tensor_expect(after_local)},
      {"op": "rand", "shape": [2], "expect": tensor_expect(after_global)}], local_seed=11)
torch.manual_seed(21)
loader = DataLoader(list(range(7)), batch_size=2, shuffle=True)
order = [int(v) for b in loader for v in b]
after = torch.rand(2)
case("torch: DataLoader(range(7), batch_size=2, shuffle=True) one epoch via epochOrder", 21,
     [{"op": "epoch_order", "n": 7, "expect": i64_expect(order)},
      {"op": "rand", "shape": [2], "expect": tensor_expect(after)}])

# The serialized state (torch.get_rng_state) with a cached normal, and restoring it
torch.manual_seed(5)
torch.randn(1)
state_bytes = bytes(torch.get_rng_state().tolist())
t = torch.rand(3)
extra = {"state_after_seed5_randn1": state_bytes.hex()}
case("torch: seed 5 randn(1) then rand(3) (state bytes checked separately)", 5,
     [{"op": "randn", "shape": [1]}, {"op": "rand", "shape": [3], "expect": tensor_expect(t)}])

# GPT-2 124M initialisation consumes 162 971 136 draws (RNG_SPEC.md §7)
torch.manual_seed(123)
left = 162_971_136
buf = torch.empty(1 << 22)
while left > 0:
    k = min(left, buf.numel())
    buf[:k].uniform_()
    left -= k
after = torch.rand(4)
case("torch: seed 123 rand(4) after the 162971136 draws of GPTModel(GPT_CONFIG_124M)", 123,
     [{"op": "skip", "n": 162_971_136}, {"op": "rand", "shape": [4], "expect": tensor_expect(after)}])

with open(OUT, "w") as f:
    json.dump({"torch_version": torch.__version__, "table_rows": table_rows, "cases": cases, **extra}, f, indent=0)
print("wrote %d cases (%d table rows) to %s" % (len(cases), table_rows, os.path.relpath(OUT)))
