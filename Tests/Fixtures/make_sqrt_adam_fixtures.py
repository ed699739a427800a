# Writes Tests/NNTests/Fixtures/sqrt_adam_exact.json: float32 bit patterns of torch.sqrt and
# x ** 0.5 on chosen inputs, and of Adam/AdamW parameters and moments after each of several
# steps, for SqrtAdamExactTests. torch's float sqrt is MKL's (not IEEE), so these catch it.
# Run by hand: python3 this file.
import json, os
import numpy as np
import torch

def bits(t):
    return t.detach().contiguous().numpy().astype(np.float32).view(np.uint32).ravel().tolist()

torch.manual_seed(2024)
specials = torch.tensor([0.0, -0.0, -1.0, -1e-30, 1e-45, 3e-39, 1.1754942e-38, 1.1754944e-38,
                         1.0, 2.0, 3.0, 1e38, 3.3e38, 3.4028235e38, float("inf"), float("-inf"),
                         float("nan")])
sqrt_cases = {"specials": specials}
for n in [1, 5, 33, 300]:
    sqrt_cases[f"n{n}"] = torch.rand(n) * (10.0 ** torch.randint(-8, 9, (n,)).float())
sqrt = {}
for name, x in sqrt_cases.items():
    ieee = torch.from_numpy(np.sqrt(x.numpy()))
    y = torch.sqrt(x)
    sqrt[name] = {"x": bits(x), "sqrt": bits(y), "pow_half": bits(x ** 0.5),
                  "not_ieee": int(((y != ieee) & ~y.isnan()).sum())}

adam = {}
configs = {
    "adamw": dict(kind="AdamW", lr=1e-3, betas=(0.9, 0.95), eps=1e-8, weight_decay=0.1),
    "adamw_default": dict(kind="AdamW", lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01),
    "adam_l2": dict(kind="Adam", lr=1e-2, betas=(0.8, 0.99), eps=1e-6, weight_decay=0.05),
}
for name, cfg in configs.items():
    for shape in [(37,), (5, 3)]:
        start = torch.randn(shape)
        p = torch.nn.Parameter(start.clone())
        opt_class = getattr(torch.optim, cfg["kind"])
        opt = opt_class([p], lr=cfg["lr"], betas=cfg["betas"], eps=cfg["eps"], weight_decay=cfg["weight_decay"])
        steps = []
        for _ in range(6):
            g = torch.randn(shape) * (10.0 ** torch.randint(-5, 1, shape).float())
            p.grad = g.clone()
            opt.step()
            st = opt.state[p]
            steps.append({"grad": bits(g), "param": bits(p), "exp_avg": bits(st["exp_avg"]),
                          "exp_avg_sq": bits(st["exp_avg_sq"])})
        key = f"{name}_{'x'.join(map(str, shape))}"
        adam[key] = {"kind": cfg["kind"], "lr": cfg["lr"], "betas": list(cfg["betas"]), "eps": cfg["eps"],
                     "weight_decay": cfg["weight_decay"], "shape": list(shape), "start": bits(start),
                     "steps": steps}

out = os.path.join(os.path.dirname(__file__), "..", "NNTests", "Fixtures", "sqrt_adam_exact.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "sqrt": sqrt, "adam": adam}, f, separators=(",", ":"))
print("wrote", os.path.normpath(out), {k: v["not_ieee"] for k, v in sqrt.items()})
