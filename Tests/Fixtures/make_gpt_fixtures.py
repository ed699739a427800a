# Reference values for the fast Swift GPT (Sources/NN/GPT), from real PyTorch and
# Hugging Face transformers. Run by hand from the repository root:
#     python3 Tests/Fixtures/make_gpt_fixtures.py
# Writes Tests/NNTests/Fixtures/gpt.json, gpt_book.safetensors, gpt_hf.safetensors.
#
# 1. The book's GPTModel (classes copied from lessons/gpt.py) on a tiny config with
#    drop_rate 0 and qkv_bias True, every parameter randomised: loss, logits and every
#    parameter gradient of one forward + backward on a fixed batch, and the tokens
#    generate_text_simple produces (past the context length, so the window slides); then the
#    same weights with drop_rate 0.2, recording each dropout mask torch applies.
# 2. A tiny random Hugging Face GPT2LMHeadModel saved with save_pretrained(safe_serialization=True)
#    and its logits on a fixed input.

import json
import os
import shutil
import tempfile

import torch
import torch.nn as nn
from safetensors.torch import save_file

OUT = os.path.join("Tests", "NNTests", "Fixtures")


# ---- the book's model, as lessons/gpt.py defines it ----

class MultiHeadAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        assert d_out % num_heads == 0, "d_out must be divisible by num_heads"
        self.d_out = d_out
        self.num_heads = num_heads
        self.head_dim = d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))

    def forward(self, x):
        b, num_tokens, d_in = x.shape
        queries = self.W_query(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        keys = self.W_key(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        values = self.W_value(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        attn_scores = queries @ keys.transpose(2, 3)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)
        context_vec = (attn_weights @ values).transpose(1, 2).contiguous().view(b, num_tokens, self.d_out)
        return self.out_proj(context_vec)


class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x + self.shift


class GELU(nn.Module):
    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(
            torch.sqrt(torch.tensor(2.0 / torch.pi)) * (x + 0.044715 * torch.pow(x, 3))
        ))


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(cfg["emb_dim"], 4 * cfg["emb_dim"]),
            GELU(),
            nn.Linear(4 * cfg["emb_dim"], cfg["emb_dim"]),
        )

    def forward(self, x):
        return self.layers(x)


class TransformerBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.att = MultiHeadAttention(
            d_in=cfg["emb_dim"], d_out=cfg["emb_dim"], context_length=cfg["context_length"],
            num_heads=cfg["n_heads"], dropout=cfg["drop_rate"], qkv_bias=cfg["qkv_bias"])
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def forward(self, x):
        shortcut = x
        x = self.drop_shortcut(self.att(self.norm1(x)))
        x = x + shortcut
        shortcut = x
        x = self.drop_shortcut(self.ff(self.norm2(x)))
        return x + shortcut


class GPTModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop_emb = nn.Dropout(cfg["drop_rate"])
        self.trf_blocks = nn.Sequential(*[TransformerBlock(cfg) for _ in range(cfg["n_layers"])])
        self.final_norm = LayerNorm(cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False)

    def forward(self, in_idx):
        batch_size, seq_len = in_idx.shape
        tok_embeds = self.tok_emb(in_idx)
        pos_embeds = self.pos_emb(torch.arange(seq_len))
        x = self.drop_emb(tok_embeds + pos_embeds)
        x = self.trf_blocks(x)
        x = self.final_norm(x)
        return self.out_head(x)


def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        logits = logits[:, -1, :]
        idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        idx = torch.cat((idx, idx_next), dim=1)
    return idx


def flat(t):
    return [float(v) for v in t.detach().reshape(-1).tolist()]


def tensor(t):
    return {"shape": list(t.shape), "values": flat(t)}


def book_case():
    cfg = {"vocab_size": 37, "context_length": 8, "emb_dim": 16, "n_heads": 4,
           "n_layers": 2, "drop_rate": 0.0, "qkv_bias": True}
    torch.manual_seed(123)
    model = GPTModel(cfg)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if name.endswith(".scale"):
                p.copy_(1 + 0.2 * torch.randn_like(p))
            elif name.endswith((".shift", ".bias")):
                p.copy_(0.1 * torch.randn_like(p))
            else:
                p.copy_(0.3 * torch.randn_like(p))
    weights = {k: v.contiguous() for k, v in model.state_dict().items() if not k.endswith(".att.mask")}
    save_file(weights, os.path.join(OUT, "gpt_book.safetensors"))

    inputs = torch.randint(0, cfg["vocab_size"], (2, 7))
    targets = torch.randint(0, cfg["vocab_size"], (2, 7))
    logits = model(inputs)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    loss.backward()
    grads = {name: tensor(p.grad) for name, p in model.named_parameters()}

    dropout = dropout_case(cfg, model.state_dict(), inputs, targets)

    prompt = torch.tensor([[3, 14, 15]])
    generated = generate_text_simple(model.eval(), prompt, max_new_tokens=12, context_size=cfg["context_length"])
    return {
        "config": cfg,
        "inputs": inputs.reshape(-1).tolist(), "targets": targets.reshape(-1).tolist(), "shape": list(inputs.shape),
        "loss": float(loss.detach()), "logits": tensor(logits), "grads": grads,
        "state_dict_names": list(model.state_dict().keys()), "repr": repr(model),
        "prompt": prompt.reshape(-1).tolist(), "generated": generated.reshape(-1).tolist(),
        "dropout": dropout,
    }


def dropout_case(cfg, state, inputs, targets):
    """The same weights with drop_rate 0.2 in training mode; every nn.Dropout records the
    mask it applies (torch's dropout: bernoulli(1 - p) / (1 - p)) in call order."""
    cfg = dict(cfg, drop_rate=0.2)
    model = GPTModel(cfg)
    model.load_state_dict(state)
    model.train()
    masks = []

    def recording(p):
        def forward(x):
            mask = torch.empty_like(x).bernoulli_(1 - p).div_(1 - p)
            masks.append(mask)
            return x * mask
        return forward

    for m in model.modules():
        if isinstance(m, nn.Dropout):
            m.forward = recording(m.p)
    torch.manual_seed(321)
    logits = model(inputs)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    loss.backward()
    return {
        "drop_rate": cfg["drop_rate"], "masks": [tensor(m) for m in masks],
        "loss": float(loss.detach()), "logits": tensor(logits),
        "grads": {name: tensor(p.grad) for name, p in model.named_parameters()},
    }


def hf_case():
    from transformers import GPT2Config, GPT2LMHeadModel
    config = GPT2Config(vocab_size=41, n_positions=12, n_embd=16, n_layer=2, n_head=4,
                        resid_pdrop=0.0, embd_pdrop=0.0, attn_pdrop=0.0,
                        bos_token_id=0, eos_token_id=0)
    torch.manual_seed(7)
    model = GPT2LMHeadModel(config).eval()
    with torch.no_grad():
        for name, p in model.named_parameters():
            p.add_(0.1 * torch.randn_like(p))
    directory = tempfile.mkdtemp()
    try:
        model.save_pretrained(directory, safe_serialization=True)
        shutil.copy(os.path.join(directory, "model.safetensors"), os.path.join(OUT, "gpt_hf.safetensors"))
    finally:
        shutil.rmtree(directory)
    ids = torch.tensor([[5, 0, 40, 17, 17, 2, 9]])
    with torch.no_grad():
        logits = model(ids).logits
    return {
        "config": {"vocab_size": 41, "context_length": 12, "emb_dim": 16, "n_heads": 4, "n_layers": 2},
        "ids": ids.reshape(-1).tolist(), "logits": tensor(logits),
    }


if __name__ == "__main__":
    fixture = {"book": book_case(), "hf": hf_case(), "torch": torch.__version__}
    with open(os.path.join(OUT, "gpt.json"), "w") as f:
        json.dump(fixture, f)
    print("wrote", os.path.join(OUT, "gpt.json"))
