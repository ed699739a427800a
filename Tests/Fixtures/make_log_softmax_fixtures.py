# Writes Tests/TensorTests/Fixtures/log_softmax_exact.json: float32 bit patterns of rows and
# of torch.log_softmax(rows, dim=-1) for LogSoftmaxExactTests. Half the rows are ones whose
# log-sum-exp differs from a float64 log of a float64 sum (PyTorch sums exps in float lanes
# and takes SLEEF's log of the sum, which a correctly rounded logf misses about once in 200).
# Run by hand: python3 Tests/Fixtures/make_log_softmax_fixtures.py
import json
import os

import numpy as np
import torch


def bits(t):
    return t.detach().contiguous().numpy().astype(np.float32).view(np.uint32).ravel().tolist()


torch.manual_seed(65)
pool = torch.randn(4000, 65) * 2
out = torch.log_softmax(pool, dim=-1)
lse = -out.gather(1, pool.argmax(1, keepdim=True)).squeeze(1)
x64 = pool.double()
ref = torch.log(torch.exp(x64 - x64.max(1, keepdim=True).values).sum(1)).float()
odd = (lse != ref).nonzero().flatten()[:16].tolist()
plain = [i for i in range(4000) if i not in odd][:16]
rows = pool[odd + plain]
json.dump({"torch": torch.__version__, "rows": rows.shape[0], "columns": 65,
           "x": bits(rows), "y": bits(torch.log_softmax(rows, dim=-1))},
          open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "TensorTests", "Fixtures",
                            "log_softmax_exact.json"), "w"), separators=(",", ":"))
print("wrote", len(odd), "rows whose log-sum-exp differs from float64's, and", len(plain), "others")
