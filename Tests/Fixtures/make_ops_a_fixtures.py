# Reference values for the ops-a tensor operations (elementwise, unary, views,
# creation, cat/stack, in-place), computed by real PyTorch.
#
# Run by hand from the repository root:  python3 Tests/Fixtures/make_ops_a_fixtures.py
# Writes Tests/TensorTests/Fixtures/ops_a.json, read by Tests/TensorTests/OpsATests.swift.
#
# Each case names an op (dispatched by name in the Swift test), its inputs, its
# arguments, and PyTorch's output, input gradients (for a fixed random grad_output)
# and grad_fn name. Float data is stored as IEEE bit patterns so NaN, inf and -0
# survive JSON exactly; "data" repeats the values for reading.
import json
import math
import struct
import warnings

import torch

warnings.simplefilter("ignore")
torch.manual_seed(0)

DTYPES = {torch.float32: "float32", torch.int64: "int64", torch.bool: "bool"}


def bits(x):
    return struct.unpack("<I", struct.pack("<f", x))[0]


def encode(t):
    t = t.detach()
    flat = t.contiguous().reshape(-1).tolist()
    out = {"shape": list(t.shape), "dtype": DTYPES[t.dtype]}
    if t.dtype == torch.float32:
        out["bits"] = [bits(v) for v in flat]
        if len(flat) <= 24:
            out["data"] = [v if math.isfinite(v) else str(v) for v in flat]
    else:
        out["data"] = [int(v) for v in flat]
    return out


def scalar(v):
    if isinstance(v, bool):
        return ["bool", v]
    if isinstance(v, int):
        return ["int", v]
    return ["float", v if math.isfinite(v) else str(v)]


def randf(*shape, ints=False):
    if ints:
        return torch.randint(-4, 5, tuple(shape)).float()
    return (torch.randn(tuple(shape)) * 2).float()


def special(n=16):
    vals = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 3.0, float("inf"), float("-inf"), float("nan"),
            1e-3, -7.25, 10.0, 88.0, -90.0, 1e-40]
    return torch.tensor((vals * ((n + len(vals) - 1) // len(vals)))[:n])


cases = []
errors = []

# ---------------------------------------------------------------- op table
# name -> (torch function of (inputs, args), exact?)
TRANSCENDENTAL = {"exp", "log", "tanh", "sin", "cos", "gelu", "pow", "pow_s", "rpow_s"}  # sigmoid is exact (SLEEF exp)


def call(op, xs, a):
    s = lambda: a["s_value"]
    table = {
        "add": lambda: xs[0] + xs[1], "sub": lambda: xs[0] - xs[1], "mul": lambda: xs[0] * xs[1],
        "div": lambda: xs[0] / xs[1], "floor_divide": lambda: xs[0] // xs[1],
        "remainder": lambda: xs[0] % xs[1], "pow": lambda: xs[0] ** xs[1],
        "maximum": lambda: torch.maximum(xs[0], xs[1]), "minimum": lambda: torch.minimum(xs[0], xs[1]),
        "eq": lambda: xs[0] == xs[1], "ne": lambda: xs[0] != xs[1], "lt": lambda: xs[0] < xs[1],
        "le": lambda: xs[0] <= xs[1], "gt": lambda: xs[0] > xs[1], "ge": lambda: xs[0] >= xs[1],
        "logical_and": lambda: torch.logical_and(xs[0], xs[1]),
        "logical_or": lambda: torch.logical_or(xs[0], xs[1]),
        "logical_xor": lambda: torch.logical_xor(xs[0], xs[1]),
        "bitwise_and": lambda: xs[0] & xs[1], "bitwise_or": lambda: xs[0] | xs[1],
        "bitwise_xor": lambda: xs[0] ^ xs[1],
        "add_s": lambda: xs[0] + s(), "sub_s": lambda: xs[0] - s(), "mul_s": lambda: xs[0] * s(),
        "div_s": lambda: xs[0] / s(), "floor_divide_s": lambda: xs[0] // s(),
        "remainder_s": lambda: xs[0] % s(), "pow_s": lambda: xs[0] ** s(),
        "eq_s": lambda: xs[0] == s(), "lt_s": lambda: xs[0] < s(), "ge_s": lambda: xs[0] >= s(),
        "rsub_s": lambda: s() - xs[0], "rdiv_s": lambda: s() / xs[0], "rpow_s": lambda: s() ** xs[0],
        "rfloor_divide_s": lambda: s() // xs[0], "rremainder_s": lambda: s() % xs[0],
        "bitwise_and_s": lambda: xs[0] & s(),
        "neg": lambda: -xs[0], "abs": lambda: xs[0].abs(), "exp": lambda: xs[0].exp(),
        "log": lambda: xs[0].log(), "sqrt": lambda: xs[0].sqrt(), "rsqrt": lambda: xs[0].rsqrt(),
        "tanh": lambda: xs[0].tanh(), "sigmoid": lambda: xs[0].sigmoid(), "relu": lambda: xs[0].relu(),
        "sin": lambda: xs[0].sin(), "cos": lambda: xs[0].cos(), "reciprocal": lambda: xs[0].reciprocal(),
        "logical_not": lambda: torch.logical_not(xs[0]), "bitwise_not": lambda: ~xs[0],
        "gelu": lambda: torch.nn.functional.gelu(xs[0], approximate=a["approximate"]),
        "clamp": lambda: xs[0].clamp(min=a.get("min_value"), max=a.get("max_value")),
        "float": lambda: xs[0].float(), "long": lambda: xs[0].long(), "bool": lambda: xs[0].bool(),
        "clone": lambda: xs[0].clone(), "contiguous": lambda: xs[0].contiguous(),
        "where": lambda: torch.where(xs[0], xs[1], xs[2]),
        "where_ts": lambda: torch.where(xs[0], xs[1], s()),
        "where_st": lambda: torch.where(xs[0], s(), xs[1]),
        "where_ss": lambda: torch.where(xs[0], s(), a["s2_value"]),
        "masked_fill": lambda: xs[0].masked_fill(xs[1], s()),
        "view": lambda: xs[0].view(a["shape"]), "reshape": lambda: xs[0].reshape(a["shape"]),
        "transpose": lambda: xs[0].transpose(a["dim0"], a["dim1"]), "permute": lambda: xs[0].permute(a["dims"]),
        "T": lambda: xs[0].T, "mT": lambda: xs[0].mT, "t": lambda: xs[0].t(),
        "unsqueeze": lambda: xs[0].unsqueeze(a["dim"]), "squeeze": lambda: xs[0].squeeze(),
        "squeeze_dim": lambda: xs[0].squeeze(a["dim"]),
        "flatten": lambda: xs[0].flatten(a["start_dim"], a["end_dim"]), "expand": lambda: xs[0].expand(a["shape"]),
        "tril": lambda: xs[0].tril(a["diagonal"]), "triu": lambda: xs[0].triu(a["diagonal"]),
        "cat": lambda: torch.cat(xs, a["dim"]), "stack": lambda: torch.stack(xs, a["dim"]),
        "zeros": lambda: torch.zeros(a["shape"]), "ones": lambda: torch.ones(a["shape"], dtype=a["dtype_value"]),
        "full": lambda: torch.full(a["shape"], s()), "eye": lambda: torch.eye(a["n"], a["m"]),
        "zeros_like": lambda: torch.zeros_like(xs[0]), "ones_like": lambda: torch.ones_like(xs[0]),
        "full_like": lambda: torch.full_like(xs[0], s()),
        "arange": lambda: torch.arange(a["start_value"], a["end_value"], a["step_value"],
                                       dtype=a.get("dtype_value")),
        "linspace": lambda: torch.linspace(a["start_value"], a["end_value"], a["steps"]),
        "chain": lambda: chain(xs[0], a["steps"]),
        "expand_add_": lambda: xs[0].expand(a["shape"]).add_(s()),
    }
    if op.startswith("inplace_"):
        return inplace(op[len("inplace_"):], xs, a)
    return table[op]()


def chain(x, steps):
    for step in steps:
        name, rest = step[0], step[1:]
        if name == "view":
            x = x.view(rest[0])
        elif name == "reshape":
            x = x.reshape(rest[0])
        elif name == "transpose":
            x = x.transpose(rest[0], rest[1])
        elif name == "permute":
            x = x.permute(rest[0])
        elif name == "expand":
            x = x.expand(rest[0])
        elif name == "unsqueeze":
            x = x.unsqueeze(rest[0])
        elif name == "squeeze":
            x = x.squeeze(rest[0])
        elif name == "T":
            x = x.T
        elif name == "contiguous":
            x = x.contiguous()
        elif name == "flatten":
            x = x.flatten(rest[0], rest[1])
        elif name == "mul_s":
            x = x * rest[0]
        else:
            raise ValueError(name)
    return x


def inplace(name, xs, a):
    # A non-leaf copy when the input requires grad (in-place on a leaf is an error).
    y = xs[0].clone() if xs[0].requires_grad and not a.get("leaf") else xs[0]
    s = a.get("s_value")
    if name == "add_":
        return y.add_(xs[1] if len(xs) > 1 else s)
    if name == "sub_":
        return y.sub_(xs[1] if len(xs) > 1 else s)
    if name == "mul_":
        return y.mul_(xs[1] if len(xs) > 1 else s)
    if name == "div_":
        return y.div_(xs[1] if len(xs) > 1 else s)
    if name == "masked_fill_":
        return y.masked_fill_(xs[1], s)
    if name == "clamp_":
        return y.clamp_(a.get("min_value"), a.get("max_value"))
    if name == "fill_":
        return y.fill_(s)
    if name == "zero_":
        return y.zero_()
    if name == "copy_":
        return y.copy_(xs[1])
    raise ValueError(name)


def decode_args(args):
    a = dict(args)
    for k, v in args.items():
        if k in ("s", "s2", "min", "max", "start", "end", "step"):
            a[k + "_value"] = None if v is None else (float(v[1]) if isinstance(v[1], str) else v[1])
        if k == "dtype":
            a["dtype_value"] = {"float32": torch.float32, "int64": torch.int64, "bool": torch.bool}[v]
    return a


def make_input(spec):
    t, view, grad = spec
    if view is not None:
        base = t
        t = torch.as_strided(base, view["shape"], view["strides"], view["offset"])
    return t


def add(name, op, inputs=(), args=None, grad=True, exact=None, views=None, atol=None):
    """inputs: tensors; views: per-input as_strided specs (no grad through those)."""
    args = args or {}
    a = decode_args(args)
    views = views or [None] * len(inputs)
    xs, enc = [], []
    for t, v in zip(inputs, views):
        t = t.clone()
        wants = grad and t.dtype == torch.float32 and v is None
        if wants:
            t.requires_grad_(True)
        e = encode(t)
        e["requires_grad"] = wants
        if v is not None:
            e["view"] = v
            xs.append(torch.as_strided(t, v["shape"], v["strides"], v["offset"]))
        else:
            xs.append(t)
        enc.append(e)
    out = call(op, xs, a)
    case = {"name": name, "op": op, "args": args, "inputs": enc, "output": encode(out),
            "grad_fn": type(out.grad_fn).__name__ if out.grad_fn is not None else None,
            "exact": exact if exact is not None else op.split("_s")[0] not in TRANSCENDENTAL}
    if atol is not None:
        case["atol"] = atol
    if out.requires_grad and out.dtype == torch.float32:
        gout = torch.randn(out.shape)
        case["grad_output"] = encode(gout)
        try:
            out.backward(gout)
            case["grads"] = [encode(x.grad) if x.requires_grad and x.grad is not None else None
                             for x in xs]
        except RuntimeError as e:
            case["backward_error"] = str(e)
    cases.append(case)


def add_error(name, op, inputs=(), args=None, requires_grad=None):
    args = args or {}
    a = decode_args(args)
    xs, enc = [], []
    for i, t in enumerate(inputs):
        t = t.clone()
        if requires_grad and requires_grad[i]:
            t.requires_grad_(True)
        e = encode(t)
        e["requires_grad"] = t.requires_grad
        enc.append(e)
        xs.append(t)
    try:
        call(op, xs, a)
    except Exception as e:  # noqa: BLE001 - recording whatever PyTorch raises
        kind = type(e).__name__
        errors.append({"name": name, "op": op, "args": args, "inputs": enc, "type": kind,
                       "message": str(e).split("\n")[0]})
        return
    raise AssertionError(f"{name}: PyTorch raised nothing")


# ---------------------------------------------------------------- binary ops
SHAPES = [([2, 3], [2, 3]), ([3, 1], [1, 4]), ([], [2, 3]), ([2, 3], []), ([0, 3], [1, 3]),
          ([2, 1, 3], [4, 1]), ([5], [5]), ([1], [3, 1, 2])]
ARITH = ["add", "sub", "mul", "div", "floor_divide", "remainder", "pow", "maximum", "minimum"]
for op in ARITH:
    for sa, sb in SHAPES:
        x = randf(*sa)
        y = randf(*sb)
        if op == "pow":
            x = x.abs() + 0.1
        if op in ("maximum", "minimum") and x.numel() and y.numel():
            y = y.clone()
            y.view(-1)[0] = x.view(-1)[0] if x.shape == y.shape else y.view(-1)[0]
        add(f"{op} {sa} {sb}", op, [x, y], grad=op != "floor_divide")
    # integer and mixed dtypes
    xi = torch.randint(-9, 10, (2, 3))
    yi = torch.randint(1, 5, (2, 3)) * torch.tensor([1, -1, 1])
    if op == "pow":
        xi, yi = xi, torch.randint(0, 4, (2, 3))
    add(f"{op} int int", op, [xi, yi])
    add(f"{op} int float", op, [xi, (randf(2, 3).abs() + 0.5) if op == "pow" else randf(2, 3)], grad=False)
for op in ["add", "mul", "maximum", "minimum"]:
    add(f"{op} bool bool", op, [torch.tensor([True, False, True, False]), torch.tensor([True, True, False, False])])
add("add bool int", "add", [torch.tensor([True, False]), torch.tensor([3, 4])])
add("div int int", "div", [torch.tensor([7, -7, 1, 0]), torch.tensor([2, 2, 3, 5])])
add("div by zero float", "div", [torch.tensor([1.0, -1.0, 0.0, 2.0]), torch.tensor([0.0, 0.0, 0.0, -0.0])], grad=False)
add("floor_divide specials", "floor_divide",
    [torch.tensor([-7.0, 7, -0.5, 0.5, 1, 5.5, -5.5, 0.0, 3.0]), torch.tensor([2.0, -2, 1, -1, 0, 0.5, 2.0, -3.0, float("inf")])])
add("remainder specials", "remainder",
    [torch.tensor([-7.0, 7, -0.5, 0.5, 1, 5.5, -5.5, 0.0, 3.0]), torch.tensor([2.0, -2, 1, -1, 0, 0.5, 2.0, -3.0, float("inf")])],
    grad=False)
add("pow specials", "pow", [torch.tensor([0.0, 0.0, 2.0, -2.0, -2.0, 4.0, 1.0, float("nan")]),
                            torch.tensor([0.0, 2.0, -1.0, 3.0, 0.5, 0.5, float("nan"), 0.0])], grad=False)
add("pow int negative exponent", "pow", [torch.tensor([2, 1, -1, 0, 3]), torch.tensor([-1, -2, -3, 2, 3])])
add("maximum nan", "maximum", [torch.tensor([1.0, float("nan"), 2.0]), torch.tensor([float("nan"), 1.0, 3.0])], grad=False)

# strided (non-contiguous, offset) operands
base = randf(4, 6)
add("add strided", "add", [base, randf(3, 2)],
    views=[{"shape": [3, 2], "strides": [1, 6], "offset": 7}, None])
add("mul strided both", "mul", [base, base.clone()],
    views=[{"shape": [2, 3], "strides": [12, 2], "offset": 1}, {"shape": [2, 3], "strides": [1, 6], "offset": 2}])
add("sub strided broadcast", "sub", [base, randf(2)],
    views=[{"shape": [3, 2], "strides": [0, 5], "offset": 3}, None])

# with Python numbers
for op in ["add_s", "sub_s", "mul_s", "div_s", "floor_divide_s", "remainder_s", "pow_s", "eq_s", "lt_s", "ge_s",
           "rsub_s", "rdiv_s", "rpow_s", "rfloor_divide_s", "rremainder_s"]:
    for value in [2, 2.5, -1.5, True, 0.1]:
        if (op == "pow_s" and value == -1.5) or (op in ("sub_s", "rsub_s") and value is True):
            continue
        x = randf(3, 4)
        if op in ("pow_s",):
            x = x.abs() + 0.1
        add(f"{op} float {value!r}", op, [x], {"s": scalar(value)},
            grad=op not in ("floor_divide_s", "rfloor_divide_s", "rremainder_s"))
    for value in [3, 2.5, True]:
        if op in ("floor_divide_s", "remainder_s", "sub_s", "rsub_s") and value is True:
            continue
        xi = torch.randint(1, 6, (2, 3)) if op.startswith("r") else torch.randint(-5, 6, (2, 3))
        add(f"{op} int {value!r}", op, [xi], {"s": scalar(value)})
for value in [-2, 0.5, -0.5, -1, 3, 1, 0, 1.7, -3.2]:
    add(f"pow_s special exponent {value}", "pow_s", [randf(2, 5).abs() + 0.05], {"s": scalar(value)},
        exact=value in (-2, 0.5, -0.5, -1, 3, 1, 0))
add("pow_s zero-d", "pow_s", [torch.tensor(1.7)], {"s": scalar(2)})
add("add_s bool True", "add_s", [torch.tensor([True, False])], {"s": scalar(True)})
add("add_s bool 1", "add_s", [torch.tensor([True, False])], {"s": scalar(1)})
add("mul_s bool 1.5", "mul_s", [torch.tensor([True, False])], {"s": scalar(1.5)})
add("rdiv_s int", "rdiv_s", [torch.tensor([1, 2, 4])], {"s": scalar(3)})
add("rpow_s int", "rpow_s", [torch.tensor([0, 1, 5])], {"s": scalar(2)})
add("bitwise_and_s bool", "bitwise_and_s", [torch.tensor([True, False])], {"s": scalar(True)})

# comparisons, logical, bitwise
for op in ["eq", "ne", "lt", "le", "gt", "ge"]:
    x = randf(3, 4, ints=True)
    add(f"{op} float", op, [x, randf(3, 4, ints=True)])
    add(f"{op} broadcast int float", op, [torch.randint(-2, 3, (3, 1)), randf(1, 4, ints=True)])
    add(f"{op} bool", op, [torch.tensor([True, False, True]), torch.tensor([False, False, True])])
add("eq nan", "eq", [torch.tensor([float("nan"), 1.0]), torch.tensor([float("nan"), 1.0])])
for op in ["logical_and", "logical_or", "logical_xor"]:
    add(f"{op} float int", op, [torch.tensor([0.0, 1.5, -0.0, 2.0]), torch.tensor([1, 0, 3, 4])])
for op in ["bitwise_and", "bitwise_or", "bitwise_xor"]:
    add(f"{op} bool", op, [torch.tensor([True, False, True, False]), torch.tensor([True, True, False, False])])
    add(f"{op} int", op, [torch.tensor([5, -3, 12]), torch.tensor([3, 7, -8])])
add("logical_not float", "logical_not", [torch.tensor([0.0, 1.0, -0.0, float("nan")])])
add("bitwise_not bool", "bitwise_not", [torch.tensor([True, False])])
add("bitwise_not int", "bitwise_not", [torch.tensor([0, 5, -6])])

# ---------------------------------------------------------------- unary
UNARY = ["neg", "abs", "exp", "log", "sqrt", "rsqrt", "tanh", "sigmoid", "relu", "sin", "cos", "reciprocal"]
for op in UNARY:
    x = randf(3, 5)
    if op in ("log", "sqrt", "rsqrt"):
        x = x.abs() + 0.01
    add(f"{op} random", op, [x])
    add(f"{op} specials", op, [special(16)], grad=False)
    add(f"{op} 0-d", op, [torch.tensor(0.75)])
    add(f"{op} empty", op, [torch.zeros(0, 3)])
    if op not in ("neg", "abs", "relu"):
        add(f"{op} int", op, [torch.tensor([1, 2, 3])])
add("neg int", "neg", [torch.tensor([1, -2, 0])])
add("abs int", "abs", [torch.tensor([1, -2, 0])])
add("relu int", "relu", [torch.tensor([1, -2, 0])])
add("exp bool", "exp", [torch.tensor([True, False])])
add("exp wide", "exp", [torch.linspace(-20, 20, 401)], grad=False)
add("log wide", "log", [torch.linspace(0.001, 50, 401)], grad=False)
add("tanh wide", "tanh", [torch.linspace(-10, 10, 401)], grad=False)
add("sigmoid wide", "sigmoid", [torch.linspace(-20, 20, 401)], grad=False)
add("sin wide", "sin", [torch.linspace(-10, 10, 401)], grad=False)
add("cos wide", "cos", [torch.linspace(-10, 10, 401)], grad=False)
add("exp strided", "exp", [randf(4, 6)], views=[{"shape": [3, 2], "strides": [1, 6], "offset": 7}])
# F.gelu(approximate="none") runs through oneDNN on CPU, whose erf is its own polynomial:
# it differs from the C library's erf by up to ~3e-7 absolute where 1 + erf cancels
# (x < -2), and gives NaN for +inf; tanh-approximation results differ in tanh's last bit.
for approx in ["none", "tanh"]:
    tol = 1e-6 if approx == "none" else 2e-7
    add(f"gelu {approx}", "gelu", [randf(4, 5)], {"approximate": approx}, atol=tol)
    add(f"gelu {approx} wide", "gelu", [torch.linspace(-6, 6, 241)], {"approximate": approx}, grad=True, atol=tol)
    finite = special(16)
    finite = finite[torch.isfinite(finite) | torch.isnan(finite)] if approx == "none" else finite
    add(f"gelu {approx} specials", "gelu", [finite], {"approximate": approx}, grad=False, atol=tol)
for lo, hi in [(-0.5, 0.5), (0, None), (None, 0.25), (1, -1), (-1, 2)]:
    x = randf(3, 4)
    x.view(-1)[0] = -0.5
    add(f"clamp {lo} {hi}", "clamp", [x], {"min": None if lo is None else scalar(lo),
                                           "max": None if hi is None else scalar(hi)})
add("clamp -0 and nan", "clamp", [torch.tensor([-0.0, float("nan"), -3.0, 3.0])], {"min": scalar(0), "max": None},
    grad=False)
add("clamp int", "clamp", [torch.tensor([-3, 0, 7])], {"min": scalar(-1), "max": scalar(2)})
add("clamp int by float", "clamp", [torch.tensor([-3, 0, 7])], {"min": scalar(-1.5), "max": scalar(2.5)})
add("clamp bool", "clamp", [torch.tensor([True, False])], {"min": scalar(0), "max": scalar(1)})
add("relu -0", "relu", [torch.tensor([-0.0, 0.0, -1.0, float("nan")])], grad=False)
for op in ["float", "long", "bool"]:
    add(f"{op} from float", op, [torch.tensor([1.7, -1.7, 0.0, 2.0])], grad=False)
    add(f"{op} from int", op, [torch.tensor([3, 0, -2])])
    add(f"{op} from bool", op, [torch.tensor([True, False])])
add("clone", "clone", [randf(2, 3)])
add("clone strided", "clone", [randf(4, 6)], views=[{"shape": [3, 2], "strides": [1, 6], "offset": 7}])
add("contiguous of contiguous", "contiguous", [randf(2, 3)])

# where and masked_fill
cond = torch.tensor([[True, False, True], [False, False, True]])
add("where", "where", [cond, randf(2, 3), randf(2, 3)])
add("where broadcast", "where", [torch.tensor([[True], [False]]), randf(1, 3), randf(2, 1)])
add("where int float", "where", [cond, torch.randint(0, 5, (2, 3)), randf(3)])
add("where_ts", "where_ts", [cond, randf(2, 3)], {"s": scalar(0.0)})
add("where_ts int promote", "where_ts", [cond, torch.tensor([1, 2, 3])], {"s": scalar(2.5)})
add("where_st", "where_st", [cond, randf(2, 3)], {"s": scalar(-1)})
add("where_ss int", "where_ss", [cond], {"s": scalar(1), "s2": scalar(0)})
add("where_ss float", "where_ss", [cond], {"s": scalar(1), "s2": scalar(0.5)})
mask = torch.triu(torch.ones(4, 4, dtype=torch.bool), diagonal=1)
add("masked_fill causal -inf", "masked_fill", [randf(2, 4, 4), mask], {"s": scalar(float("-inf"))})
add("masked_fill mask bigger", "masked_fill", [randf(2, 3), torch.rand(2, 2, 3) > 0.5], {"s": scalar(0.0)})
add("masked_fill int by float", "masked_fill", [torch.tensor([1, 2, 3]), torch.tensor([True, False, True])],
    {"s": scalar(1.5)})

# ---------------------------------------------------------------- views
x23 = randf(2, 3)
x234 = randf(2, 3, 4)
add("view 3x2", "view", [x23], {"shape": [3, 2]})
add("view -1", "view", [x234], {"shape": [-1, 4]})
add("view to 0-d", "view", [torch.tensor([5.0])], {"shape": []})
add("view empty", "view", [torch.zeros(0, 3)], {"shape": [3, 0]})
add("reshape viewable", "reshape", [x234], {"shape": [6, -1]})
add("reshape copy", "chain", [x234], {"steps": [["transpose", 0, 2], ["reshape", [4, 6]]]})
add("transpose", "transpose", [x234], {"dim0": 0, "dim1": -1})
add("transpose same", "transpose", [x23], {"dim0": 1, "dim1": -1})
add("transpose 0-d", "transpose", [torch.tensor(2.0)], {"dim0": 0, "dim1": -1})
add("permute", "permute", [x234], {"dims": [2, 0, 1]})
add("permute negative", "permute", [x234], {"dims": [-1, -3, 1]})
add("T 2-d", "T", [x23])
add("T 3-d", "T", [x234])
add("T 1-d", "T", [randf(3)])
add("mT", "mT", [x234])
add("t", "t", [x23])
add("t 1-d", "t", [randf(3)])
for d in [0, 1, 3, -1, -4]:
    add(f"unsqueeze {d}", "unsqueeze", [x234], {"dim": d})
add("unsqueeze 0-d", "unsqueeze", [torch.tensor(1.5)], {"dim": -1})
add("squeeze all", "squeeze", [randf(1, 3, 1, 2)])
add("squeeze dim", "squeeze_dim", [randf(1, 3, 1, 2)], {"dim": -2})
add("squeeze dim not 1", "squeeze_dim", [randf(1, 3, 1, 2)], {"dim": 1})
add("squeeze 0-d", "squeeze_dim", [torch.tensor(1.5)], {"dim": 0})
add("flatten all", "flatten", [x234], {"start_dim": 0, "end_dim": -1})
add("flatten middle", "flatten", [randf(2, 3, 4, 2)], {"start_dim": 1, "end_dim": 2})
add("flatten noop", "flatten", [x234], {"start_dim": 1, "end_dim": 1})
add("flatten 0-d", "flatten", [torch.tensor(3.0)], {"start_dim": 0, "end_dim": -1})
add("flatten transposed copies", "chain", [x234], {"steps": [["transpose", 0, 1], ["flatten", 0, -1]]})
add("expand", "expand", [randf(3, 1)], {"shape": [2, 3, 4]})
add("expand -1", "expand", [randf(3, 1)], {"shape": [-1, 5]})
add("expand 0-d", "expand", [torch.tensor(2.0)], {"shape": [2, 2]})
add("contiguous of transpose", "chain", [x234], {"steps": [["transpose", 1, 2], ["contiguous"]]})
add("view of view of view", "chain", [x234], {"steps": [["view", [6, 4]], ["view", [2, 12]], ["view", [-1]]]})
add("transpose of expand of unsqueeze", "chain", [randf(3, 4)],
    {"steps": [["unsqueeze", 0], ["expand", [2, 3, 4]], ["transpose", 0, 2], ["mul_s", 2.0]]})
add("multi-head split", "chain", [randf(2, 3, 8)],
    {"steps": [["view", [2, 3, 2, 4]], ["transpose", 1, 2], ["contiguous"], ["view", [2, 2, 12]]]})
add("multi-head merge", "chain", [randf(2, 2, 3, 4)],
    {"steps": [["transpose", 1, 2], ["contiguous"], ["view", [2, 3, 8]]]})
add("view of permute viewable", "chain", [randf(2, 3, 4)], {"steps": [["permute", [1, 0, 2]], ["view", [3, 2, 2, 2]]]})
add("squeeze of expand", "chain", [randf(1, 3)], {"steps": [["expand", [1, 2, 3]], ["squeeze", 0], ["T"]]})
add("strided elementwise input", "add", [randf(4, 6), randf(3)],
    views=[{"shape": [2, 3], "strides": [6, 2], "offset": 1}, None])

# ---------------------------------------------------------------- creation
add("zeros", "zeros", [], {"shape": [2, 3]})
add("ones int", "ones", [], {"shape": [3], "dtype": "int64"})
add("arange huge int steps", "arange", [], {"start": scalar(0), "end": scalar(2**62), "step": scalar(2**60)})
add("arange negative int steps", "arange", [], {"start": scalar(7), "end": scalar(-8), "step": scalar(-3)})
add("ones bool", "ones", [], {"shape": [2], "dtype": "bool"})
add("full float", "full", [], {"shape": [2, 2], "s": scalar(0.1)})
add("full int", "full", [], {"shape": [3], "s": scalar(7)})
add("full bool", "full", [], {"shape": [2], "s": scalar(True)})
add("full -inf", "full", [], {"shape": [2], "s": scalar(float("-inf"))})
add("zeros_like int", "zeros_like", [torch.tensor([1, 2])])
add("ones_like", "ones_like", [randf(2, 2)], grad=False)
add("full_like int from float", "full_like", [torch.tensor([1, 2])], {"s": scalar(2.9)})
for n, m in [(3, 3), (2, 4), (4, 2), (0, 3), (1, 1)]:
    add(f"eye {n} {m}", "eye", [], {"n": n, "m": m})
ARANGE = [(0, 5, 1), (2, 11, 3), (5, 0, -2), (-3, 4, 2), (0, 1, 0.1), (0, 2, 0.3), (-1, 16.1273, 0.2),
          (1.5, 40, 1.25), (0, 0, 1), (10, 0, -0.7), (0.0, 100, 1), (-4, 64.5, 0.8), (0, 3.0001, 0.1)]
for start, end, step in ARANGE:
    add(f"arange {start} {end} {step}", "arange", [],
        {"start": scalar(start), "end": scalar(end), "step": scalar(step)})
for start, end, step, dtype in [(0, 1, 0.3, "int64"), (0.5, 4, 1.5, "int64"), (-2.5, 3, 1, "int64"),
                                (0, 5, 1, "float32"), (1, 40, 3, "float32")]:
    add(f"arange {start} {end} {step} as {dtype}", "arange", [],
        {"start": scalar(start), "end": scalar(end), "step": scalar(step), "dtype": dtype})
LINSPACE = [(0, 1, 5), (0, 1, 11), (-1, 1, 7), (4.0, 0.0, 51), (1.68, 2.0, 47), (-0.013, 0.9, 25),
            (3.14, -2.7, 47), (0, 1, 1), (0, 1, 0), (2, 2, 4), (-10, 10, 101)]
for start, end, steps in LINSPACE:
    add(f"linspace {start} {end} {steps}", "linspace", [],
        {"start": scalar(start), "end": scalar(end), "steps": steps})
for k in [0, 1, -1, 5, -5]:
    add(f"tril {k}", "tril", [randf(3, 4)], {"diagonal": k})
    add(f"triu {k}", "triu", [randf(2, 4, 3)], {"diagonal": k})
add("triu int", "triu", [torch.ones(3, 3, dtype=torch.int64)], {"diagonal": 1})
add("tril bool", "tril", [torch.ones(3, 3, dtype=torch.bool)], {"diagonal": 0})

# ---------------------------------------------------------------- cat, stack
add("cat dim 0", "cat", [randf(2, 3), randf(1, 3)], {"dim": 0})
add("cat dim -1", "cat", [randf(2, 3), randf(2, 1), randf(2, 2)], {"dim": -1})
add("cat promotes", "cat", [torch.tensor([1, 2]), torch.tensor([0.5]), torch.tensor([True])], {"dim": 0})
add("cat legacy empty", "cat", [randf(2, 3), torch.zeros(0)], {"dim": 0})
add("cat empty dim", "cat", [randf(0, 3), randf(2, 3)], {"dim": 0})
add("cat single", "cat", [randf(2, 2)], {"dim": 1})
add("stack dim 0", "stack", [randf(2, 3), randf(2, 3)], {"dim": 0})
add("stack dim -1", "stack", [randf(2, 3), randf(2, 3), randf(2, 3)], {"dim": -1})
add("stack dim 1 0-d", "stack", [torch.tensor(1.0), torch.tensor(2.0)], {"dim": 0})
add("stack int bool", "stack", [torch.tensor([1, 2]), torch.tensor([True, False])], {"dim": 1})

# ---------------------------------------------------------------- in-place
for name in ["add_", "sub_", "mul_", "div_"]:
    add(f"inplace {name} tensor", "inplace_" + name, [randf(2, 3), randf(3)])
    add(f"inplace {name} scalar", "inplace_" + name, [randf(2, 3)], {"s": scalar(2.5)})
add("inplace add_ int", "inplace_add_", [torch.tensor([1, 2]), torch.tensor([True, False])])
add("inplace masked_fill_", "inplace_masked_fill_", [randf(3, 3), torch.triu(torch.ones(3, 3, dtype=torch.bool), 1)],
    {"s": scalar(float("-inf"))})
add("inplace clamp_", "inplace_clamp_", [randf(2, 3)], {"min": scalar(-0.5), "max": scalar(0.5)})
add("inplace fill_", "inplace_fill_", [randf(2, 3)], {"s": scalar(1.25)})
add("inplace zero_", "inplace_zero_", [randf(2, 3)])
add("inplace copy_", "inplace_copy_", [randf(2, 3), randf(3)])
add("inplace copy_ casts", "inplace_copy_", [torch.tensor([0, 0, 0]), torch.tensor([1.7, -2.7, 3.0])])
add("inplace on strided view", "inplace_mul_", [randf(4, 6)], {"s": scalar(3)},
    views=[{"shape": [3, 2], "strides": [1, 6], "offset": 7}])
add("inplace masked_fill_ strided", "inplace_masked_fill_", [randf(4, 6), torch.tensor([True, False])],
    {"s": scalar(0.0)}, views=[{"shape": [3, 2], "strides": [1, 6], "offset": 7}, None])

# ---------------------------------------------------------------- errors
E = add_error
E("broadcast mismatch", "add", [randf(2, 3), randf(4)])
E("sub bools", "sub", [torch.tensor([True]), torch.tensor([False])])
E("sub bool scalar", "sub_s", [randf(2)], {"s": scalar(True)})
E("sub bool and int", "sub", [torch.tensor([True]), torch.tensor([1])])
E("neg bool", "neg", [torch.tensor([True])])
E("abs bool", "abs", [torch.tensor([True])])
E("relu bool", "relu", [torch.tensor([True])])
E("gelu int", "gelu", [torch.tensor([1])], {"approximate": "none"})
E("gelu bad approximate", "gelu", [randf(2)], {"approximate": "fast"})
E("int pow negative", "pow_s", [torch.tensor([2])], {"s": scalar(-1)})
E("bool pow bool", "pow", [torch.tensor([True]), torch.tensor([True])])
E("int floor_divide zero", "floor_divide", [torch.tensor([1]), torch.tensor([0])])
E("int remainder zero", "remainder_s", [torch.tensor([1])], {"s": scalar(0)})
E("bool floor_divide", "floor_divide", [torch.tensor([True]), torch.tensor([True])])
E("bool remainder", "remainder", [torch.tensor([True]), torch.tensor([True])])
E("float bitwise_and", "bitwise_and", [randf(2), randf(2)])
E("float bitwise_not", "bitwise_not", [randf(2)])
E("clamp nothing", "clamp", [randf(2)], {"min": None, "max": None})
E("where float condition", "where", [randf(2), randf(2), randf(2)])
E("masked_fill float mask", "masked_fill", [randf(2), randf(2)], {"s": scalar(0.0)})
E("masked_fill int mask", "masked_fill", [randf(2), torch.tensor([1, 0])], {"s": scalar(0.0)})
E("view not viewable", "chain", [randf(2, 3)], {"steps": [["transpose", 0, 1], ["view", [6]]]})
E("view wrong size", "view", [randf(2, 3)], {"shape": [2, 5]})
E("view -1 wrong size", "view", [randf(2, 3)], {"shape": [-1, 4]})
E("view two -1", "view", [randf(2, 3)], {"shape": [-1, -1]})
E("view -2", "view", [randf(2, 3)], {"shape": [-2, 3]})
E("view -1 of empty", "view", [torch.zeros(0, 3)], {"shape": [-1, 0]})
E("reshape wrong size", "reshape", [randf(2, 3)], {"shape": [4]})
E("view of expand", "chain", [randf(2, 3)], {"steps": [["unsqueeze", 0], ["expand", [2, 2, 3]], ["view", [4, 3]]]})
E("transpose out of range", "transpose", [randf(2, 3)], {"dim0": 0, "dim1": 2})
E("transpose negative out of range", "transpose", [randf(2, 3)], {"dim0": -3, "dim1": 0})
E("permute wrong length", "permute", [randf(2, 3)], {"dims": [0]})
E("permute duplicate", "permute", [randf(2, 3)], {"dims": [0, 0]})
E("permute out of range", "permute", [randf(2, 3)], {"dims": [0, 2]})
E("unsqueeze out of range", "unsqueeze", [randf(2, 3)], {"dim": 3})
E("unsqueeze 0-d out of range", "unsqueeze", [torch.tensor(1.0)], {"dim": 1})
E("squeeze out of range", "squeeze_dim", [randf(2, 3)], {"dim": 2})
E("squeeze 0-d out of range", "squeeze_dim", [torch.tensor(1.0)], {"dim": 1})
E("flatten reversed", "flatten", [randf(2, 3)], {"start_dim": 1, "end_dim": 0})
E("flatten out of range", "flatten", [randf(2, 3)], {"start_dim": 0, "end_dim": 2})
E("expand mismatch", "expand", [randf(2, 3)], {"shape": [3, 3]})
E("expand fewer dims", "expand", [randf(2, 3)], {"shape": [3]})
E("expand fewer dims int", "expand", [torch.zeros(2, 3, dtype=torch.int64)], {"shape": [3]})
E("expand -1 leading", "expand", [randf(2, 3)], {"shape": [-1, 2, 3]})
E("expand negative size", "expand", [randf(2, 3)], {"shape": [-2, 3]})
E("expand negative size of 1", "expand", [randf(1, 3)], {"shape": [-2, 3]})
E("t of 3-d", "t", [randf(2, 3, 4)])
E("mT of 1-d", "mT", [randf(3)])
E("cat empty list", "cat", [], {"dim": 0})
E("cat size mismatch", "cat", [randf(2, 3), randf(2, 4)], {"dim": 0})
E("cat rank mismatch", "cat", [randf(2, 3), randf(3)], {"dim": 0})
E("cat 0-d", "cat", [torch.tensor(1.0), torch.tensor(2.0)], {"dim": 0})
E("cat dim out of range", "cat", [randf(2, 3), randf(2, 3)], {"dim": 2})
E("stack shape mismatch", "stack", [randf(2, 3), randf(2, 4)], {"dim": 0})
E("stack empty", "stack", [], {"dim": 0})
E("stack dim out of range", "stack", [randf(2, 3), randf(2, 3)], {"dim": 3})
E("tril 1-d", "tril", [randf(3)], {"diagonal": 0})
E("triu 1-d", "triu", [randf(3)], {"diagonal": 0})
E("eye negative n", "eye", [], {"n": -1, "m": 2})
E("eye negative m", "eye", [], {"n": 2, "m": -1})
E("zeros negative", "zeros", [], {"shape": [-1]})
E("ones negative", "ones", [], {"shape": [2, -1], "dtype": "float32"})
E("arange zero step", "arange", [], {"start": scalar(0), "end": scalar(1), "step": scalar(0)})
E("arange bool", "arange", [], {"start": scalar(0), "end": scalar(3), "step": scalar(1), "dtype": "bool"})
E("arange wrong sign", "arange", [], {"start": scalar(1), "end": scalar(0), "step": scalar(1)})
E("linspace negative", "linspace", [], {"start": scalar(0), "end": scalar(1), "steps": -1})
E("inplace on leaf", "inplace_add_", [randf(2)], {"s": scalar(1), "leaf": True}, requires_grad=[True])
E("inplace masked_fill_ on leaf", "inplace_masked_fill_", [randf(2), torch.tensor([True, False])],
  {"s": scalar(0.0), "leaf": True}, requires_grad=[True, False])
E("inplace promotes int", "inplace_add_", [torch.tensor([1, 2])], {"s": scalar(1.5)})
E("inplace div int", "inplace_div_", [torch.tensor([1, 2])], {"s": scalar(2)})
E("inplace bool by int", "inplace_add_", [torch.tensor([True])], {"s": scalar(1)})
E("inplace broadcast grows", "inplace_add_", [randf(3), randf(2, 3)])
E("inplace masked_fill_ grows", "inplace_masked_fill_", [randf(2, 3), torch.zeros(2, 2, 3, dtype=torch.bool)],
  {"s": scalar(0.0)})
E("copy_ mismatch", "inplace_copy_", [randf(2, 3), randf(2)])
E("inplace on expanded", "expand_add_", [randf(1)], {"shape": [3], "s": scalar(1)})

# floor_divide records a node whose backward raises
add("floor_divide backward raises", "floor_divide", [randf(2, 3), randf(2, 3)], grad=True)

with open("Tests/TensorTests/Fixtures/ops_a.json", "w") as f:
    json.dump({"torch_version": torch.__version__, "cases": cases, "errors": errors}, f, separators=(",", ":"))
print(f"{len(cases)} cases, {len(errors)} errors")
