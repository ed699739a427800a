# Writes Tests/NNTests/Fixtures/gelu_tanh_chunks.json for GeluTanhKernelTests: where torch's
# F.gelu(approximate="tanh") uses its vector formula (SLEEF tanhf) and where its scalar tail
# (libm tanhf), on inputs long enough to be split over threads.
# The inputs tile a pool of values whose vector and scalar results differ, so every output
# element shows which path made it. Stored: the pool, its vector and scalar outputs, and per
# case (n, threads) torch's output compressed to the index ranges that came from the scalar path.
# Run by hand: python3 this file.
import json, os
import numpy as np
import torch
import torch.nn.functional as F

def bits(a):
    return np.asarray(a, dtype=np.float32).view(np.uint32).ravel().tolist()

torch.manual_seed(2024)
candidates = torch.randn(4096) * 3
vector = F.gelu(candidates.repeat_interleave(32), approximate="tanh").view(-1, 32)[:, 0]   # 32 in a row: vector path
scalar = torch.stack([F.gelu(v.reshape(1), approximate="tanh")[0] for v in candidates])     # one element: scalar path
differ = (vector.numpy().view(np.uint32) != scalar.numpy().view(np.uint32)).nonzero()[0]
pool = candidates[differ[:97]]
pool_vector, pool_scalar = vector[differ[:97]], scalar[differ[:97]]
assert len(pool) == 97

cases = []
for n, threads in [(100, 2), (16384, 2), (16400, 2), (20001, 2), (16385, 3), (40000, 3)]:
    torch.set_num_threads(threads)
    x = pool.repeat(n // 97 + 1)[:n].contiguous()
    y = F.gelu(x, approximate="tanh").numpy().view(np.uint32)
    idx = np.arange(n) % 97
    from_vector = y == pool_vector.numpy().view(np.uint32)[idx]
    from_scalar = y == pool_scalar.numpy().view(np.uint32)[idx]
    assert (from_vector ^ from_scalar).all(), "an output came from neither path"
    ranges = []
    for i in np.nonzero(from_scalar)[0].tolist():
        if ranges and ranges[-1][1] == i:
            ranges[-1][1] = i + 1
        else:
            ranges.append([i, i + 1])
    cases.append({"n": n, "threads": threads, "scalar_ranges": ranges})

out = os.path.join(os.path.dirname(__file__), "..", "NNTests", "Fixtures", "gelu_tanh_chunks.json")
with open(out, "w") as f:
    json.dump({"torch": torch.__version__, "cpu": torch.backends.cpu.get_cpu_capability(),
               "pool": bits(pool), "vector": bits(pool_vector), "scalar": bits(pool_scalar),
               "cases": cases}, f, separators=(",", ":"))
print("wrote", os.path.normpath(out))
