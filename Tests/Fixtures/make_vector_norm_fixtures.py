# Writes Tests/TensorTests/Fixtures/vector_norm.json: float32 bit patterns of inputs and of
# torch.linalg.vector_norm (2-norm, all elements) for VectorNormTests: sizes covering the
# eight-lane body, the four-at-a-time tail and the fused last elements, 1-D and 2-D.
# Run by hand: python3 Tests/Fixtures/make_vector_norm_fixtures.py
import json
import os

import numpy as np
import torch


def bits(t):
    return t.detach().contiguous().numpy().astype(np.float32).view(np.uint32).ravel().tolist()


torch.manual_seed(2026)
cases = []
for n in list(range(1, 41)) + [100, 257, 1040]:
    for trial in range(3):
        x = torch.randn(n) * (0.01 if trial < 2 else 3.0)
        shape = [n // 8, 8] if (n % 8 == 0 and trial == 1) else [n]
        x = x.reshape(shape)
        cases.append({"shape": shape, "x": bits(x), "norm": bits(torch.linalg.vector_norm(x))[0]})
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TensorTests", "Fixtures", "vector_norm.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cases": cases}, f, separators=(",", ":"))
print("wrote", os.path.normpath(out))
