# PyTorch's float32 CPU matmul, bmm and linear results, bit for bit, for GEMMTests.
# Inputs come from the same 64-bit LCG the test uses, so only the products are stored.
# Run by hand: python3 Tests/TensorTests/Fixtures/make_gemm_fixtures.py
import json
import os

import numpy as np
import torch

MULTIPLIER, INCREMENT, MASK = 6364136223846793005, 1442695040888963407, (1 << 64) - 1


def values(count, seed):
    """GEMMTests.values(count, seed): exact float32 values in [-1, 1)."""
    state = (seed * MULTIPLIER + INCREMENT) & MASK
    out = []
    for _ in range(count):
        state = (state * MULTIPLIER + INCREMENT) & MASK
        out.append((state >> 40) / float(1 << 23) - 1)
    return np.array(out, dtype=np.float32)


# (name, m, k, n, transB): A is [m, k]; B is stored [k, n], or [n, k] and used as B.T.
CASES = [
    ("lesson inputs @ W", 6, 3, 2, False),
    ("lesson inputs @ inputs.T", 6, 3, 6, True),
    ("one k block", 9, 300, 16, False),
    ("two k blocks 257 + 256", 4, 513, 5, False),
    ("two k blocks 300 + 300", 5, 600, 6, False),
    ("two k blocks 384 + 384", 3, 768, 8, False),
    ("packed path", 40, 100, 70, False),
    ("B transposed", 7, 50, 9, True),
    ("nn.Linear(3, 2) on 6 tokens", 6, 3, 2, True),
    ("12 rows times a 2-column B.T", 12, 17, 2, True),
    ("10 rows times a 3-column B.T", 10, 8, 3, True),
]

cases = []
for index, (name, m, k, n, trans_b) in enumerate(CASES):
    seed_a, seed_b = 100 + 2 * index, 101 + 2 * index
    a = torch.from_numpy(values(m * k, seed_a).reshape(m, k))
    stored_b = torch.from_numpy(values(k * n, seed_b).reshape((n, k) if trans_b else (k, n)))
    c = a @ (stored_b.T if trans_b else stored_b)
    bits = c.contiguous().view(torch.int32).flatten().tolist()
    cases.append({"name": name, "m": m, "k": k, "n": n, "transB": trans_b,
                  "seedA": seed_a, "seedB": seed_b,
                  "bits": [b & 0xFFFFFFFF for b in bits]})

# torch.bmm: (name, batch, m, k, n, transB); A is [batch, m, k], B [batch, k, n] or [batch, n, k].
# Below 400 multiply-adds per matrix PyTorch sums with its own unfused loop, else MKL.
BATCHED = [
    ("bmm 6x8 @ 8x8, 384 multiply-adds", 3, 6, 8, 8, False),
    ("bmm queries @ keys.T, 6x2 @ 2x6", 4, 6, 2, 6, True),
    ("bmm 5x8 @ 8x10, 400 multiply-adds", 2, 5, 8, 10, False),
    ("bmm 16x64 @ 64x16 transposed", 2, 16, 64, 16, True),
]

batched = []
for index, (name, batch, m, k, n, trans_b) in enumerate(BATCHED):
    seed_a, seed_b = 200 + 2 * index, 201 + 2 * index
    a = torch.from_numpy(values(batch * m * k, seed_a).reshape(batch, m, k))
    stored_b = torch.from_numpy(values(batch * k * n, seed_b).reshape((batch, n, k) if trans_b else (batch, k, n)))
    c = torch.bmm(a, stored_b.transpose(1, 2) if trans_b else stored_b)
    bits = c.contiguous().view(torch.int32).flatten().tolist()
    batched.append({"name": name, "batch": batch, "m": m, "k": k, "n": n, "transB": trans_b,
                    "seedA": seed_a, "seedB": seed_b,
                    "bits": [b & 0xFFFFFFFF for b in bits]})

# F.linear(x, W, bias), i.e. addmm: (name, m, k, n); x is [m, k], W [n, k], bias [n].
# As C = x @ W.T + 1 * C with C's rows set to the bias (k <= 384: one block, acc + bias).
LINEAR = [
    ("nn.Linear(3, 2) with bias on 6 tokens", 6, 3, 2),
    ("nn.Linear(64, 32) with bias", 16, 64, 32),
]

linear = []
for index, (name, m, k, n) in enumerate(LINEAR):
    seed_x, seed_w, seed_bias = 300 + 3 * index, 301 + 3 * index, 302 + 3 * index
    x = torch.from_numpy(values(m * k, seed_x).reshape(m, k))
    w = torch.from_numpy(values(n * k, seed_w).reshape(n, k))
    bias = torch.from_numpy(values(n, seed_bias))
    y = torch.nn.functional.linear(x, w, bias)
    bits = y.contiguous().view(torch.int32).flatten().tolist()
    linear.append({"name": name, "m": m, "k": k, "n": n,
                   "seedX": seed_x, "seedW": seed_w, "seedBias": seed_bias,
                   "bits": [b & 0xFFFFFFFF for b in bits]})

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "gemm_torch.json")
with open(path, "w") as f:
    f.write('{"torch": %s, "cases": [\n' % json.dumps(torch.__version__))
    f.write(",\n".join(json.dumps(case) for case in cases))
    f.write('\n], "batched": [\n')
    f.write(",\n".join(json.dumps(case) for case in batched))
    f.write('\n], "linear": [\n')
    f.write(",\n".join(json.dumps(case) for case in linear))
    f.write("\n]}\n")
print(f"wrote {path}")
