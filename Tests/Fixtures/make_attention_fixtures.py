#!/usr/bin/env python3
# Writes Tests/TensorTests/Fixtures/attention.json: inputs, outputs, gradients and grad_fn
# names of torch.nn.functional.scaled_dot_product_attention, plus its error messages.
# Run by hand from the repository root: python3 Tests/Fixtures/make_attention_fixtures.py
import json
import math

import torch
import torch.nn.functional as F

torch.manual_seed(8)


def tensor_json(t):
    t = t.detach()
    dtype = "bool" if t.dtype == torch.bool else "float32"
    # Bools as 0/1; non-finite floats as the strings Swift's JSONDecoder can be told to read.
    data = [float(x) if math.isfinite(x) else ("Infinity" if x > 0 else "-Infinity" if x < 0 else "NaN")
            for x in t.float().flatten().tolist()]
    return {"shape": list(t.shape), "dtype": dtype, "data": data}


def case(name, q_shape, k_shape, v_shape, mask=None, is_causal=False, scale=None,
         enable_gqa=False, layout="contiguous", mask_grad=False):
    """layout "bthd": q, k, v are stored [B, T, H, D] and passed as .transpose(1, 2)."""
    def make(shape):
        if layout == "bthd":
            b, h, t, d = shape
            base = torch.randn(b, t, h, d)
            return base, base.transpose(1, 2).requires_grad_()
        base = torch.randn(*shape)
        return base, base.clone().requires_grad_()
    q_base, q = make(q_shape)
    k_base, k = make(k_shape)
    v_base, v = make(v_shape)
    if layout == "bthd":
        # Leaves must be the transposed views' storage: make leaf views.
        q = q_base.clone().requires_grad_(); k = k_base.clone().requires_grad_()
        v = v_base.clone().requires_grad_()
        qt, kt, vt = q.transpose(1, 2), k.transpose(1, 2), v.transpose(1, 2)
    else:
        qt, kt, vt = q, k, v
    if mask is not None and mask_grad:
        mask = mask.clone().requires_grad_()
    out = F.scaled_dot_product_attention(qt, kt, vt, attn_mask=mask, is_causal=is_causal,
                                         scale=scale, enable_gqa=enable_gqa)
    grad_out = torch.randn(out.shape)
    out.backward(grad_out)
    result = {
        "name": name, "layout": layout, "is_causal": is_causal, "scale": scale,
        "enable_gqa": enable_gqa, "grad_fn": type(out.grad_fn).__name__,
        "q": tensor_json(q_base), "k": tensor_json(k_base), "v": tensor_json(v_base),
        "out": tensor_json(out), "grad_out": tensor_json(grad_out),
        "dq": tensor_json(q.grad), "dk": tensor_json(k.grad), "dv": tensor_json(v.grad),
    }
    if mask is not None:
        result["mask"] = tensor_json(mask)
        if mask_grad:
            result["dmask"] = tensor_json(mask.grad)
    return result


def bool_mask(rows, cols, masked_row=None):
    m = torch.rand(rows, cols) > 0.3
    m[:, 0] = True
    if masked_row is not None:
        m[masked_row] = False
    return m


def float_mask(rows, cols, masked_row=None):
    m = torch.randn(rows, cols)
    m[torch.rand(rows, cols) > 0.7] = -math.inf
    m[:, 0] = 0.5
    if masked_row is not None:
        m[masked_row] = -math.inf
    return m


cases = [
    case("plain", [1, 2, 5, 8], [1, 2, 5, 8], [1, 2, 5, 8]),
    case("causal", [2, 2, 7, 8], [2, 2, 7, 8], [2, 2, 7, 8], is_causal=True),
    case("causal, fewer queries than keys", [1, 1, 3, 4], [1, 1, 5, 4], [1, 1, 5, 4], is_causal=True),
    case("causal, more queries than keys", [1, 1, 6, 4], [1, 1, 3, 4], [1, 1, 3, 4], is_causal=True),
    case("bool mask with a fully masked row", [1, 2, 6, 4], [1, 2, 6, 4], [1, 2, 6, 4],
         mask=bool_mask(6, 6, masked_row=2)),
    case("float mask with -inf", [1, 1, 5, 3], [1, 1, 5, 3], [1, 1, 5, 3],
         mask=float_mask(5, 5, masked_row=4)),
    case("4-D bool mask broadcast over heads", [2, 2, 4, 4], [2, 2, 5, 4], [2, 2, 5, 4],
         mask=bool_mask(10, 5).reshape(2, 1, 5, 5)[:, :, :4, :]),
    case("value dim differs (math)", [1, 2, 4, 3], [1, 2, 6, 3], [1, 2, 6, 5]),
    case("3-D causal", [2, 5, 4], [2, 5, 4], [2, 5, 4], is_causal=True),
    case("2-D", [5, 4], [6, 4], [6, 4]),
    case("broadcast batch (math)", [2, 2, 4, 3], [1, 2, 5, 3], [1, 2, 5, 3]),
    case("grouped-query heads", [1, 4, 3, 4], [1, 2, 3, 4], [1, 2, 3, 4], enable_gqa=True,
         is_causal=True),
    case("grouped-query heads, key and value groups differ (math)", [2, 6, 4, 5], [2, 3, 6, 5],
         [2, 2, 6, 5], enable_gqa=True),
    case("empty keys (math)", [1, 2, 3, 4], [1, 2, 0, 4], [1, 2, 0, 4]),
    case("empty queries, 3-D", [2, 0, 4], [2, 3, 4], [2, 3, 4]),
    case("empty keys, 2-D", [3, 4], [0, 4], [0, 4]),
    case("explicit scale", [1, 1, 4, 4], [1, 1, 4, 4], [1, 1, 4, 4], scale=0.3),
    case("view(b, t, h, hd).transpose(1, 2) layout", [2, 3, 5, 4], [2, 3, 5, 4], [2, 3, 5, 4],
         layout="bthd", is_causal=True),
    case("float mask that takes a gradient (math)", [1, 2, 3, 4], [1, 2, 4, 4], [1, 2, 4, 4],
         mask=torch.randn(3, 4), mask_grad=True),
    case("head dim 1, 33 tokens, causal", [1, 1, 33, 1], [1, 1, 33, 1], [1, 1, 33, 1], is_causal=True),
    case("65 tokens, head dim 64, causal", [1, 1, 65, 64], [1, 1, 65, 64], [1, 1, 65, 64], is_causal=True),
]


def error(name, q, k, v, mask=None, is_causal=False, dropout_p=0.0, enable_gqa=False):
    """q, k, v, mask: (shape, dtype) pairs."""
    def make(spec):
        shape, dtype = spec
        return torch.zeros(shape, dtype={"float32": torch.float32, "int64": torch.int64,
                                         "bool": torch.bool}[dtype])
    try:
        F.scaled_dot_product_attention(make(q), make(k), make(v),
                                       attn_mask=None if mask is None else make(mask),
                                       dropout_p=dropout_p, is_causal=is_causal, enable_gqa=enable_gqa)
        raise SystemExit(f"{name}: expected an error")
    except (RuntimeError, IndexError, ValueError, TypeError) as e:
        spec = lambda s: {"shape": list(s[0]), "dtype": s[1]}
        return {"name": name, "q": spec(q), "k": spec(k), "v": spec(v),
                "mask": None if mask is None else spec(mask), "is_causal": is_causal,
                "dropout_p": dropout_p, "enable_gqa": enable_gqa,
                "type": type(e).__name__, "message": str(e)}


f = "float32"
errors = [
    error("dtypes differ", ([1, 2, 4, 3], f), ([1, 2, 4, 3], "int64"), ([1, 2, 4, 3], f)),
    error("1-D inputs", ([3], f), ([3], f), ([3], f)),
    error("long mask", ([2, 2, 4, 3], f), ([2, 2, 5, 3], f), ([2, 2, 5, 3], f), mask=([4, 5], "int64")),
    error("mask with is_causal", ([2, 2, 4, 3], f), ([2, 2, 5, 3], f), ([2, 2, 5, 3], f),
          mask=([4, 5], f), is_causal=True),
    error("key head size differs", ([2, 2, 4, 3], f), ([2, 2, 5, 4], f), ([2, 2, 5, 3], f)),
    error("2-D key head size differs", ([3, 4], f), ([3, 5], f), ([3, 5], f)),
    error("mask rows differ", ([2, 2, 4, 3], f), ([2, 2, 5, 3], f), ([2, 2, 5, 3], f), mask=([3, 5], f)),
    error("mask batch too big", ([1, 2, 4, 3], f), ([1, 2, 4, 3], f), ([1, 2, 4, 3], f),
          mask=([2, 1, 4, 4], f)),
    error("1-D mask on 4-D inputs", ([1, 2, 4, 3], f), ([1, 2, 4, 3], f), ([1, 2, 4, 3], f), mask=([4], "bool")),
    error("heads differ", ([1, 4, 4, 3], f), ([1, 2, 4, 3], f), ([1, 2, 4, 3], f)),
    error("GQA heads do not divide", ([2, 6, 4, 5], f), ([2, 4, 6, 5], f), ([2, 4, 6, 5], f), enable_gqa=True),
    error("dropout above 1", ([1, 2, 4, 3], f), ([1, 2, 4, 3], f), ([1, 2, 4, 3], f), dropout_p=1.5),
    error("long inputs", ([2, 3], "int64"), ([2, 3], "int64"), ([2, 3], "int64")),
]

with open("Tests/TensorTests/Fixtures/attention.json", "w") as out:
    json.dump({"torch": torch.__version__, "cases": cases, "errors": errors}, out)
print(f"{len(cases)} cases, {len(errors)} errors")
