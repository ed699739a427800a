# %% [markdown]
# # The GPT model
#
# Everything is in place: token and positional embeddings (lesson 02),
# multi-head causal attention (03, 04) and the transformer block (05). A GPT is
# these pieces in a row:
#
#     token ids → embeddings → dropout → 12 × TransformerBlock → LayerNorm → Linear → logits
#
# The final `Linear` layer turns each token's 768 numbers into 50,257 *logits*,
# one score per vocabulary entry, for what the next token should be.
#
# The blocks we built are collected in `lessons/gpt.py` (type `source gpt` to
# read it), so this lesson imports them.

# %%
import tiktoken
import torch
import torch.nn as nn
from gpt import GPT_CONFIG_124M, LayerNorm, TransformerBlock

tokenizer = tiktoken.get_encoding("gpt2")
batch = torch.stack([
    torch.tensor(tokenizer.encode("Every effort moves you")),
    torch.tensor(tokenizer.encode("Every day holds a")),
])
print(batch)

# %%
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
        tok_embeds = self.tok_emb(in_idx)                  # [b, t, emb_dim]
        pos_embeds = self.pos_emb(torch.arange(seq_len))   # [t, emb_dim]
        x = self.drop_emb(tok_embeds + pos_embeds)
        x = self.trf_blocks(x)
        x = self.final_norm(x)
        return self.out_head(x)                            # [b, t, vocab_size]

# %% [markdown]
# ## A first forward pass
#
# Built with the book's seed, the untrained model gives the book's numbers. The
# model is in training mode, so dropout is active, and its random masks are
# drawn exactly as PyTorch draws them.

# %%
seed = 123  # @param {type:"integer", min:0, max:100000}
torch.manual_seed(seed)
model = GPTModel(GPT_CONFIG_124M)
out = model(batch)
print("Output shape:", out.shape)
print(out)

# %% [markdown]
# ## How big is it?
#
# "124M" is GPT-2 small's size, yet we count 163 million parameters. The
# difference is the output layer: GPT-2 reused the token embedding matrix
# there (*weight tying*), and we keep the two separate, as the book does. Both
# choices are in use: GPT-2, Gemma and many small models tie them, while the
# larger Llama and Mistral models keep them apart.

# %%
total_params = sum(p.numel() for p in model.parameters())
print(f"Total number of parameters: {total_params:,}")
print("Token embedding layer shape:", model.tok_emb.weight.shape)
print("Output layer shape:", model.out_head.weight.shape)
total_params_gpt2 = total_params - sum(p.numel() for p in model.out_head.parameters())
print(f"Number of trainable parameters considering weight tying: {total_params_gpt2:,}")
total_size_mb = total_params * 4 / (1024 * 1024)
print(f"Total size of the model: {total_size_mb:.2f} MB")

# %% [markdown]
# Where do the parameters live? Mostly in the two 50,257-row tables and the
# feed-forward layers; attention is a minority.

# %%
parts = {"embeddings": 0, "attention": 0, "feed-forward": 0, "layer norms": 0, "output head": 0}
for name, p in model.named_parameters():
    if "emb" in name:
        parts["embeddings"] += p.numel()
    elif ".att." in name:
        parts["attention"] += p.numel()
    elif ".ff." in name:
        parts["feed-forward"] += p.numel()
    elif "norm" in name:
        parts["layer norms"] += p.numel()
    else:
        parts["output head"] += p.numel()
for part, n in parts.items():
    print(f"{part:>13}: {n:>11,}  {100 * n / total_params:5.1f}%")

# %% [markdown]
# ## Generating text
#
# To continue a text, run the model, take the logits at the *last* position,
# pick the most likely token (greedy decoding), append it and repeat. The
# context is cropped to what the model supports.

# %%
def generate_text_simple(model, idx, max_new_tokens, context_size):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        logits = logits[:, -1, :]                               # [b, vocab_size]
        probas = torch.softmax(logits, dim=-1)
        idx_next = torch.argmax(probas, dim=-1, keepdim=True)   # [b, 1]
        idx = torch.cat((idx, idx_next), dim=1)
    return idx

start_context = "Hello, I am"  # @param {type:"string"}
max_new_tokens = 6  # @param {type:"integer", min:1, max:30}

encoded = tokenizer.encode(start_context)
print("encoded:", encoded)
encoded_tensor = torch.tensor(encoded).unsqueeze(0)

model.eval()  # no dropout when generating
out = generate_text_simple(model, encoded_tensor, max_new_tokens, GPT_CONFIG_124M["context_length"])
print("Output:", out)
print(tokenizer.decode(out.squeeze(0).tolist()))

# %% [markdown]
# Gibberish, as it should be: the weights are random. Lesson 07 trains them.
#
# ## Inside one forward pass
#
# `trace` runs a call and records every tensor computed inside it: the output of
# each module and the local variables of each `forward`, named by their path in
# the model. After this cell, type `trace` to list them all, `trace attn` for the
# names containing "attn", `trace["trf_blocks.0.ff.layers.1.out"]` to print the first
# block's GELU output, or `heatmap trace["trf_blocks.11.att.attn_weights"][0, 0]`
# to see how the last block's first head attends.

# %%
# @show trace model(encoded_tensor)

# %% [markdown]
# ## Looking back
#
# A GPT is a short pipeline: look up a vector for each token and its position,
# pass them through the stack of transformer blocks, normalise, and score every
# word of the vocabulary for what comes next. Generating text is that, once per
# new token. The pipeline is complete; only its weights are random, which is
# why it writes gibberish. Lesson 07 trains them.
#
# Things to try:
#
# * `trace attn`: the attention tensors of the last trace, by name.
# * `heatmap trace["trf_blocks.0.att.attn_weights"][0, 0]`: the first block's
#   first head; untrained, it spreads its weight almost evenly.
# * `set start_context "Every effort moves you"` and `rerun`: different
#   gibberish from the same random weights.
# * `model.tok_emb.weight.shape` and `model.out_head.weight.shape`: the two
#   tables that weight tying would make one.
