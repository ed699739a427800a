# Writes Tests/NNTests/Fixtures/gelu_exact.json: float32 bit patterns of inputs and of
# torch's F.gelu outputs and gradients (erf and tanh forms), for GeluExactTests.
# Run by hand: python3 this file.
import json, os
import numpy as np
import torch
import torch.nn.functional as F

def bits(t):
    return t.detach().contiguous().numpy().astype(np.float32).view(np.uint32).ravel().tolist()

torch.manual_seed(4321)
cases = {}
for n in [1, 7, 16, 33, 100, 1000]:
    x = torch.randn(n) * 2.5
    x[0] = 0.0 if n > 3 else x[0]
    dy = torch.randn(n)
    case = {"x": bits(x), "dy": bits(dy)}
    for form in ["none", "tanh"]:
        xg = x.clone().requires_grad_()
        y = F.gelu(xg, approximate=form)
        y.backward(dy)
        case[form] = {"y": bits(y), "dx": bits(xg.grad)}
    cases[f"n{n}"] = case
out = os.path.join(os.path.dirname(__file__), "..", "NNTests", "Fixtures", "gelu_exact.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print("wrote", os.path.normpath(out))
