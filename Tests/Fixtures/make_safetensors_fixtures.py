"""Writes safetensors files with the real `safetensors` package, for Tests/NNTests.

Run by hand from the repo root: python3 Tests/Fixtures/make_safetensors_fixtures.py
Outputs Tests/NNTests/Fixtures/{mixed,written}.safetensors and safetensors.json (the
expected values). Tests never run Python.
"""
import json
import torch
from safetensors.torch import save_file

out = "Tests/NNTests/Fixtures"
torch.manual_seed(0)
mixed = {
    "f32": torch.randn(2, 3),
    "f16": (torch.randn(5) * 1000).half(),
    "bf16": torch.randn(2, 2).bfloat16(),
    "f64": torch.randn(3).double(),
    "i64": torch.tensor([[1, -2], [3, 2**40]]),
    "i32": torch.tensor([7, -8], dtype=torch.int32),
    "mask": torch.tensor([True, False, True]),
    "scalar": torch.tensor(2.5),
    "empty": torch.zeros(0, 3),
    "h.0.attn.c_attn.weight": torch.arange(6, dtype=torch.float32).reshape(2, 3),
}
save_file(mixed, f"{out}/mixed.safetensors", metadata={"format": "pt"})
expected = {k: {"shape": list(v.shape), "values": v.float().flatten().tolist() if v.is_floating_point() else v.long().flatten().tolist()}
            for k, v in mixed.items()}

# A file our writer must reproduce byte for byte (the dtypes we write).
written = {
    "weight": torch.randn(3, 4),
    "ids": torch.tensor([5, 6, 7]),
    "flags": torch.tensor([True, False]),
    "bias": torch.randn(4),
}
save_file(written, f"{out}/written.safetensors", metadata={"format": "pt"})
expected_written = {k: {"shape": list(v.shape), "values": v.float().flatten().tolist() if v.is_floating_point() else v.long().flatten().tolist()}
                    for k, v in written.items()}
with open(f"{out}/safetensors.json", "w") as f:
    json.dump({"mixed": expected, "written": expected_written}, f, indent=1)
