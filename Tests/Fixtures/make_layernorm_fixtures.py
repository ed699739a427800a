# Writes Tests/NNTests/Fixtures/layernorm_exact.json: float32 bit patterns of inputs and
# of torch's F.layer_norm outputs, for LayerNormExactTests. Run by hand: python3 this file.
import json, os
import numpy as np
import torch
import torch.nn.functional as F

def bits(t):
    return t.detach().contiguous().numpy().astype(np.float32).view(np.uint32).ravel().tolist()

torch.manual_seed(1234)
cases = {}
for C, rows in [(8, 4), (32, 4), (64, 3), (100, 3), (768, 2)]:
    x = torch.randn(rows, C) * 1.7 + 0.4
    w = torch.randn(C) * 0.5 + 1
    b = torch.randn(C) * 0.1
    dy = torch.randn(rows, C)
    xg, wg, bg = (t.clone().requires_grad_() for t in (x, w, b))
    y = F.layer_norm(xg, (C,), wg, bg, 1e-5)
    y.backward(dy)
    cases[f"c{C}"] = {
        "shape": [rows, C], "x": bits(x), "w": bits(w), "b": bits(b),
        "y": bits(y), "y_plain": bits(F.layer_norm(x, (C,), None, None, 1e-5)),
        "dy": bits(dy), "dx": bits(xg.grad), "dw": bits(wg.grad), "db": bits(bg.grad),
        # torch splits the rows of dw/db over its threads; the test checks these only
        # when it sees the same count.
        "threads": torch.get_num_threads(),
    }
out = os.path.join(os.path.dirname(__file__), "..", "NNTests", "Fixtures", "layernorm_exact.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print("wrote", os.path.normpath(out))
