# The GPT built in lessons 03-06, collected in one place so later lessons can
# import it: `from gpt import GPTModel`. Each class is explained where it is built.

import torch
import torch.nn as nn

GPT_CONFIG_124M = {
    "vocab_size": 50257,     # tokens in the vocabulary
    "context_length": 1024,  # longest input the model accepts
    "emb_dim": 768,          # width of every token's vector
    "n_heads": 12,           # attention heads per block
    "n_layers": 12,          # transformer blocks
    "drop_rate": 0.1,        # dropout probability
    "qkv_bias": False,       # biases in the query/key/value projections
}


class MultiHeadAttention(nn.Module):  # lesson 04
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
        # [b, t, d_out] -> [b, t, heads, head_dim] -> [b, heads, t, head_dim]
        queries = self.W_query(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        keys = self.W_key(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        values = self.W_value(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        attn_scores = queries @ keys.transpose(2, 3)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)
        # [b, heads, t, head_dim] -> [b, t, heads, head_dim] -> [b, t, d_out]
        context_vec = (attn_weights @ values).transpose(1, 2).contiguous().view(b, num_tokens, self.d_out)
        return self.out_proj(context_vec)


class LayerNorm(nn.Module):  # lesson 05
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


class GELU(nn.Module):  # lesson 05
    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(
            torch.sqrt(torch.tensor(2.0 / torch.pi)) * (x + 0.044715 * torch.pow(x, 3))
        ))


class FeedForward(nn.Module):  # lesson 05
    def __init__(self, cfg):
        super().__init__()
        self.layers = nn.Sequential(
            nn.Linear(cfg["emb_dim"], 4 * cfg["emb_dim"]),
            GELU(),
            nn.Linear(4 * cfg["emb_dim"], cfg["emb_dim"]),
        )

    def forward(self, x):
        return self.layers(x)


class TransformerBlock(nn.Module):  # lesson 05
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


class GPTModel(nn.Module):  # lesson 06
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
        x = self.drop_emb(tok_embeds + pos_embeds)  # [b, t, emb_dim]
        x = self.trf_blocks(x)
        x = self.final_norm(x)
        return self.out_head(x)  # [b, t, vocab_size]


def generate_text_simple(model, idx, max_new_tokens, context_size):  # lesson 06
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        logits = logits[:, -1, :]
        idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        idx = torch.cat((idx, idx_next), dim=1)
    return idx


def assign(left, right):  # lesson 07
    # A loaded tensor becomes the new parameter, after checking it has the old one's shape.
    if left.shape != right.shape:
        raise ValueError(f"Shape mismatch. Left: {left.shape}, Right: {right.shape}")
    return nn.Parameter(right.detach().clone())


def load_weights_into_gpt(gpt, params):  # lesson 07
    # OpenAI's GPT-2 weights as Hugging Face publishes them (the dict that
    # safetensors.torch.load_file returns) copied into a GPTModel whose config matches the
    # checkpoint, with qkv_bias=True. Three differences in layout:
    # - GPT-2's layers are Conv1D, which stores a Linear's weight transposed: [in, out];
    # - c_attn holds the query, key and value projections side by side: [C, 3C];
    # - there is no separate output head: it reuses the token embedding (weight tying).
    p = "transformer." if "transformer.wte.weight" in params else ""
    gpt.pos_emb.weight = assign(gpt.pos_emb.weight, params[p + "wpe.weight"])
    gpt.tok_emb.weight = assign(gpt.tok_emb.weight, params[p + "wte.weight"])
    for b, block in enumerate(gpt.trf_blocks):
        h = f"{p}h.{b}."
        c = block.att.d_out
        qkv_w = params[h + "attn.c_attn.weight"]  # [C, 3C]: x @ W gives q, k, v side by side
        qkv_b = params[h + "attn.c_attn.bias"]    # [3C]
        for i, linear in enumerate([block.att.W_query, block.att.W_key, block.att.W_value]):
            linear.weight = assign(linear.weight, qkv_w[:, i * c:(i + 1) * c].T)
            linear.bias = assign(linear.bias, qkv_b[i * c:(i + 1) * c])
        block.att.out_proj.weight = assign(block.att.out_proj.weight, params[h + "attn.c_proj.weight"].T)
        block.att.out_proj.bias = assign(block.att.out_proj.bias, params[h + "attn.c_proj.bias"])
        block.ff.layers[0].weight = assign(block.ff.layers[0].weight, params[h + "mlp.c_fc.weight"].T)
        block.ff.layers[0].bias = assign(block.ff.layers[0].bias, params[h + "mlp.c_fc.bias"])
        block.ff.layers[2].weight = assign(block.ff.layers[2].weight, params[h + "mlp.c_proj.weight"].T)
        block.ff.layers[2].bias = assign(block.ff.layers[2].bias, params[h + "mlp.c_proj.bias"])
        block.norm1.scale = assign(block.norm1.scale, params[h + "ln_1.weight"])
        block.norm1.shift = assign(block.norm1.shift, params[h + "ln_1.bias"])
        block.norm2.scale = assign(block.norm2.scale, params[h + "ln_2.weight"])
        block.norm2.shift = assign(block.norm2.shift, params[h + "ln_2.bias"])
    gpt.final_norm.scale = assign(gpt.final_norm.scale, params[p + "ln_f.weight"])
    gpt.final_norm.shift = assign(gpt.final_norm.shift, params[p + "ln_f.bias"])
    head = params.get("lm_head.weight", params[p + "wte.weight"])
    gpt.out_head.weight = assign(gpt.out_head.weight, head)
