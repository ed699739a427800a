# Writes Tests/TensorTests/Fixtures/gemm_order.json: PyTorch's float32 mm / linear results,
# bit for bit, for shapes whose k is cut into MKL's blocks on this CPU (one block up to 192,
# two halves up to 384 with an odd last element alone, then blocks of 192), in the layouts a
# GPT's linears use: forward x @ W.T (NT), dX = dY @ W (NN), dW = dY.T @ X (TN); and addmm
# with a bias over several blocks (bias first). For GEMMOrderTests.
# Inputs come from the same 64-bit LCG the tests use, so only the products are stored.
# Run by hand: python3 Tests/Fixtures/make_gemm_order_fixtures.py
import json
import os

import numpy as np
import torch

MULTIPLIER, INCREMENT, MASK = 6364136223846793005, 1442695040888963407, (1 << 64) - 1


def values(count, seed):
    """Exact float32 values in [-1, 1) from a 64-bit LCG (GEMMOrderTests.values)."""
    state = (seed * MULTIPLIER + INCREMENT) & MASK
    out = []
    for _ in range(count):
        state = (state * MULTIPLIER + INCREMENT) & MASK
        out.append((state >> 40) / float(1 << 23) - 1)
    return np.array(out, dtype=np.float32)


def bits(t):
    return [b & 0xFFFFFFFF for b in t.contiguous().view(torch.int32).flatten().tolist()]


# (layout, m, k, n). A is stored [m, k] (N) or [k, m] (T); B is stored [k, n] (N) or [n, k] (T).
CASES = [
    ("NT", 8, 65, 16), ("NN", 8, 192, 16), ("TN", 8, 193, 16), ("NT", 8, 255, 16),
    ("NN", 4, 256, 16), ("TN", 12, 300, 24), ("NT", 4, 384, 16), ("NN", 8, 385, 16),
    ("TN", 4, 577, 16), ("NT", 4, 1000, 16), ("NN", 16, 64, 65), ("TN", 65, 64, 32),
]
LINEAR = [(8, 300, 24), (4, 700, 16)]

cases = []
for index, (layout, m, k, n) in enumerate(CASES):
    seed_a, seed_b = 400 + 2 * index, 401 + 2 * index
    a_stored = torch.from_numpy(values(m * k, seed_a).reshape((k, m) if layout[0] == "T" else (m, k)))
    b_stored = torch.from_numpy(values(k * n, seed_b).reshape((n, k) if layout[1] == "T" else (k, n)))
    a = a_stored.t() if layout[0] == "T" else a_stored
    b = b_stored.t() if layout[1] == "T" else b_stored
    cases.append({"layout": layout, "m": m, "k": k, "n": n, "seedA": seed_a, "seedB": seed_b,
                  "bits": bits(torch.mm(a, b))})

linear = []
for index, (m, k, n) in enumerate(LINEAR):
    seeds = (500 + 3 * index, 501 + 3 * index, 502 + 3 * index)
    x = torch.from_numpy(values(m * k, seeds[0]).reshape(m, k))
    w = torch.from_numpy(values(n * k, seeds[1]).reshape(n, k))
    bias = torch.from_numpy(values(n, seeds[2]))
    linear.append({"m": m, "k": k, "n": n, "seedX": seeds[0], "seedW": seeds[1], "seedBias": seeds[2],
                   "bits": bits(torch.nn.functional.linear(x, w, bias))})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TensorTests", "Fixtures", "gemm_order.json")
with open(path, "w") as f:
    json.dump({"torch": torch.__version__, "threads": torch.get_num_threads(), "cases": cases, "linear": linear},
              f, separators=(",", ":"))
print("wrote", os.path.normpath(path))
