#!/usr/bin/env python3
# Writes Tests/TensorTests/Fixtures/sdpa.json: float32 scaled_dot_product_attention outputs and
# q/k/v gradients from real PyTorch (its CPU flash kernel), as raw bit patterns, for
# SDPAExactTests (bit-exact comparison). Inputs are exact small rationals, so the test can
# rebuild them without torch's RNG. Generated on x86-64 with AVX-512 (torch's CPU capability
# there), PyTorch 2.15 with MKL; other CPUs may sum differently.
# Run by hand from the repository root: python3 Tests/Fixtures/make_sdpa_fixtures.py
import json

import torch
import torch.nn.functional as F


def make(shape, a, b, c):
    """((i * a) % c - c // 2) / b for i = 0, 1, ...: exact floats the test rebuilds."""
    n = 1
    for s in shape:
        n *= s
    return ((torch.arange(n, dtype=torch.float64) * a % c - c // 2) / b).float().view(*shape)


def bits(t):
    """The float32 bit patterns (as unsigned ints); for big tensors their FNV-1a hash only."""
    words = [w & 0xFFFFFFFF for w in t.detach().contiguous().view(torch.int32).flatten().tolist()]
    if len(words) <= 1024:
        return {"bits": words}
    h = 0xCBF29CE484222325
    for w in words:
        h = ((h ^ w) * 0x100000001B3) & 0xFFFFFFFFFFFFFFFF
    return {"count": len(words), "fnv1a": format(h, "016x")}


# (name, B, H, L, S, E, is_causal, mask kind, layout)
CASES = [
    ("gpt_causal_16x16", 2, 2, 16, 16, 16, True, None, "bthd"),
    ("nanogpt_diag_5x4", 1, 2, 5, 5, 4, True, None, "contiguous"),
    ("causal_40_hs16", 1, 2, 40, 40, 16, True, None, "bthd"),
    ("causal_64_hs32", 1, 2, 64, 64, 32, True, None, "contiguous"),
    ("causal_100_hs64", 1, 1, 100, 100, 64, True, None, "contiguous"),
    ("causal_200_hs32_qsplit64", 1, 1, 200, 200, 32, True, None, "contiguous"),
    ("causal_16_hs8", 2, 3, 16, 16, 8, True, None, "contiguous"),
    ("full_20_hs16", 1, 2, 20, 20, 16, False, None, "contiguous"),
    ("full_24_hs16_scalar_tail", 1, 2, 24, 24, 16, False, None, "contiguous"),
    ("full_100_hs64_scalar_tail", 1, 1, 100, 100, 64, False, None, "contiguous"),
    ("full_12x24_hs24", 1, 2, 12, 24, 24, False, None, "contiguous"),
    ("bool_mask_17x19", 1, 2, 17, 19, 16, False, "bool", "contiguous"),
    ("float_mask_17_hs24", 1, 2, 17, 17, 24, False, "float", "contiguous"),
]


def case(name, B, H, L, S, E, is_causal, mask_kind, layout):
    q = make((B, H, L, E), 37, 29.0, 101)
    k = make((B, H, S, E), 53, 31.0, 103)
    v = make((B, H, S, E), 71, 23.0, 107)
    g = make((B, H, L, E), 17, 19.0, 97)
    mask = None
    if mask_kind == "bool":
        mask = make((L, S), 29, 1.0, 7) != 0  # about one in seven keys masked
    elif mask_kind == "float":
        mask = make((L, S), 13, 8.0, 11)
    if layout == "bthd":  # stored [B, T, H, E], passed as .transpose(1, 2), as GPT code does
        leaves = [t.transpose(1, 2).contiguous().requires_grad_() for t in (q, k, v)]
        args = [t.transpose(1, 2) for t in leaves]
    else:
        leaves = [t.clone().requires_grad_() for t in (q, k, v)]
        args = leaves
    out = F.scaled_dot_product_attention(*args, attn_mask=mask, is_causal=is_causal)
    out.backward(g)
    grads = [t.grad.transpose(1, 2) if layout == "bthd" else t.grad for t in leaves]
    return {
        "name": name, "B": B, "H": H, "L": L, "S": S, "E": E, "is_causal": is_causal,
        "mask": mask_kind or "none", "layout": layout,
        "out": bits(out), "dq": bits(grads[0]), "dk": bits(grads[1]), "dv": bits(grads[2]),
    }


def main():
    data = {"torch": torch.__version__, "capability": torch.backends.cpu.get_cpu_capability(),
            "cases": [case(*c) for c in CASES]}
    with open("Tests/TensorTests/Fixtures/sdpa.json", "w") as f:
        json.dump(data, f, separators=(",", ":"))
        f.write("\n")


if __name__ == "__main__":
    main()
