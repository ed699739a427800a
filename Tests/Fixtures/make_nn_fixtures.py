"""Reference values for Tests/NNTests from real PyTorch (run by hand from the repo root):

    python3 Tests/Fixtures/make_nn_fixtures.py

Writes Tests/NNTests/Fixtures/nn.json. Inputs are stored with the outputs, so the Swift
tests do not depend on the random number generator.
"""
import json
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.manual_seed(7)


def t(x):
    return {"shape": list(x.shape), "values": x.detach().float().flatten().tolist()}


cases = {}

# F.linear: 2-D with bias, 3-D with bias, 2-D without bias, 1-D input
for name, xshape, bias in [("2d", (4, 3), True), ("3d", (2, 4, 3), True), ("nobias", (5, 3), False), ("1d", (3,), True)]:
    x = torch.randn(*xshape, requires_grad=True)
    w = torch.randn(2, 3, requires_grad=True)
    b = torch.randn(2, requires_grad=True) if bias else None
    y = F.linear(x, w, b)
    g = torch.randn(y.shape)
    y.backward(g)
    grad_fn = type(y.grad_fn).__name__
    if bias and x.dim() != 2 and grad_fn == "UnsafeViewBackward0":
        # The book's PyTorch (2.4) flattens, runs addmm and *views* back: ViewBackward0.
        # Later releases (2.15 here) name the same node UnsafeViewBackward0; we print the book's.
        grad_fn = "ViewBackward0"
    cases[f"linear_{name}"] = {"x": t(x), "w": t(w), "b": t(b) if bias else None, "y": t(y), "g": t(g),
                               "gx": t(x.grad), "gw": t(w.grad), "gb": t(b.grad) if bias else None,
                               "grad_fn": grad_fn}

# F.embedding with repeated ids
w = torch.randn(6, 3, requires_grad=True)
ids = torch.tensor([[1, 4, 1], [0, 5, 1]])
y = F.embedding(ids, w)
g = torch.randn(*y.shape)
y.backward(g)
cases["embedding"] = {"ids": ids.flatten().tolist(), "ids_shape": list(ids.shape), "w": t(w), "y": t(y), "g": t(g), "gw": t(w.grad)}

# layer_norm over the last dim, and over the last two
for name, shape, ns in [("last", (3, 5), (5,)), ("two", (2, 3, 4), (3, 4))]:
    x = (torch.randn(*shape) * 3 + 1).requires_grad_()
    w = torch.randn(*ns, requires_grad=True)
    b = torch.randn(*ns, requires_grad=True)
    y = F.layer_norm(x, ns, w, b, eps=1e-5)
    g = torch.randn(y.shape)
    y.backward(g)
    cases[f"layer_norm_{name}"] = {"x": t(x), "w": t(w), "b": t(b), "ns": list(ns), "y": t(y), "g": t(g),
                                   "gx": t(x.grad), "gw": t(w.grad), "gb": t(b.grad)}

# cross_entropy: mean, sum, none, ignore_index, 1-D
for name, reduction, ignore in [("mean", "mean", False), ("sum", "sum", False), ("none", "none", False), ("ignore", "mean", True)]:
    logits = (torch.randn(5, 7) * 2).requires_grad_()
    target = torch.tensor([1, 0, 6, 3, 3])
    if ignore:
        target[2] = -100
    loss = F.cross_entropy(logits, target, reduction=reduction)
    g = torch.randn(loss.shape)
    loss.backward(g)
    cases[f"cross_entropy_{name}"] = {"logits": t(logits), "target": target.tolist(), "reduction": reduction,
                                      "loss": t(loss), "g": t(g), "glogits": t(logits.grad)}

# AdamW and SGD: several steps on fixed gradients
for name, make in [("adamw", lambda p: torch.optim.AdamW([p], lr=0.01, weight_decay=0.1)),
                   ("adamw_default", lambda p: torch.optim.AdamW([p])),
                   ("sgd", lambda p: torch.optim.SGD([p], lr=0.1)),
                   ("sgd_momentum", lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9, weight_decay=0.01)),
                   ("sgd_nesterov", lambda p: torch.optim.SGD([p], lr=0.05, momentum=0.5, nesterov=True))]:
    p = torch.randn(3, 4, requires_grad=True)
    start = p.detach().clone()
    opt = make(p)
    grads, after = [], []
    for step in range(4):
        gr = torch.randn(3, 4)
        p.grad = gr.clone()
        opt.step()
        grads.append(t(gr))
        after.append(t(p))
    cases[f"optim_{name}"] = {"start": t(start), "grads": grads, "after": after}

# Module reprs and state-dict names
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.att = nn.Linear(4, 4, bias=False)
        self.norm = nn.LayerNorm(4)
        self.register_buffer("mask", torch.ones(2, 2))

cases["repr_linear"] = repr(nn.Linear(3, 2))
cases["repr_linear_nobias"] = repr(nn.Linear(768, 50257, bias=False))
cases["repr_embedding"] = repr(nn.Embedding(50257, 768))
cases["repr_layernorm"] = repr(nn.LayerNorm(768))
cases["repr_sequential"] = repr(nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 3), nn.Identity()))
cases["repr_modulelist"] = repr(nn.ModuleList([nn.Linear(2, 2), nn.Linear(2, 2), nn.Linear(2, 3)]))
cases["repr_block"] = repr(Block())
cases["state_dict_block"] = list(Block().state_dict().keys())
cases["load_missing"] = ""
try:
    nn.Linear(2, 2).load_state_dict({"weight": torch.zeros(2, 2), "extra": torch.zeros(1)})
except RuntimeError as e:
    cases["load_missing"] = str(e)
try:
    nn.Linear(2, 2).load_state_dict({"weight": torch.zeros(3, 2), "bias": torch.zeros(2)})
except RuntimeError as e:
    cases["load_shape"] = str(e)

with open("Tests/NNTests/Fixtures/nn.json", "w") as f:
    json.dump(cases, f, indent=1)
