# %% [markdown]
# # Multi-head attention
#
# One attention head matches one kind of pattern: one question per token, as
# lesson 03 showed. Language needs many at once: which noun is my subject, what
# came just before me, where did this quote open. *Multi-head* attention runs
# several small heads side by side, each with its own queries, keys and values,
# and concatenates what they find.
#
# We build it twice: first literally, as a list of heads; then the way GPT-2
# does it, as one big matrix product cut into heads with `view` and
# `transpose`. At the end we prove the two compute the same thing.

# %%
import torch
import torch.nn as nn

inputs = torch.tensor(
    [[0.43, 0.15, 0.89],  # Your
     [0.55, 0.87, 0.66],  # journey
     [0.57, 0.85, 0.64],  # starts
     [0.22, 0.58, 0.33],  # with
     [0.77, 0.25, 0.10],  # one
     [0.05, 0.80, 0.55]]  # step
)
batch = torch.stack((inputs, inputs), dim=0)
print(batch.shape)  # [batch, tokens, d_in]

# %% [markdown]
# The causal attention head from lesson 03, unchanged:

# %%
class CausalAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, qkv_bias=False):
        super().__init__()
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))

    def forward(self, x):
        b, num_tokens, d_in = x.shape
        keys = self.W_key(x)
        queries = self.W_query(x)
        values = self.W_value(x)
        attn_scores = queries @ keys.transpose(1, 2)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        return self.dropout(attn_weights) @ values

# %% [markdown]
# ## Heads side by side
#
# The simplest multi-head attention is a list of independent heads whose
# outputs are concatenated along the last dimension. With `num_heads` heads of
# `d_out` each, every token leaves with `num_heads * d_out` numbers.

# %%
class MultiHeadAttentionWrapper(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        self.heads = nn.ModuleList(
            [CausalAttention(d_in, d_out, context_length, dropout, qkv_bias) for _ in range(num_heads)]
        )

    def forward(self, x):
        return torch.cat([head(x) for head in self.heads], dim=-1)

num_heads = 2  # @param [1, 2]
d_out = 2  # @param [2, 4, 8]
seed = 123  # @param {type:"integer", min:0, max:100000}

torch.manual_seed(seed)
context_length = batch.shape[1]
d_in = batch.shape[2]
wrapper = MultiHeadAttentionWrapper(d_in, d_out, context_length, 0.0, num_heads)
context_vecs = wrapper(batch)
print(context_vecs)
print("context_vecs.shape:", context_vecs.shape)

# %% [markdown]
# ## One product, split into heads
#
# The list runs the heads one after another. But all the query projections
# together are just one bigger matrix: stack them and a single `Linear` computes
# every head's queries at once. Then we *reshape*, which costs nothing, because
# only the bookkeeping of the tensor changes, not its memory:
#
# * `view` splits the last dimension `d_out` into `num_heads × head_dim`;
# * `transpose(1, 2)` moves the head dimension in front of the tokens, so
#   that a batched `@` runs every head of every sequence in one call.
#
# Every reshape below prints the shape it produces. (As in the book, `d_out`,
# here {d_out}, is now the total width, shared out among the heads.)

# %%
class MultiHeadAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False, verbose=False):
        super().__init__()
        assert d_out % num_heads == 0, "d_out must be divisible by num_heads"
        self.d_out = d_out
        self.num_heads = num_heads
        self.head_dim = d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)  # mixes what the heads found
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))
        self.verbose = verbose

    def show(self, label, t):
        if self.verbose:
            print(f"{label:<34}{list(t.shape)}")

    def forward(self, x):
        b, num_tokens, d_in = x.shape
        queries = self.W_query(x)
        keys = self.W_key(x)
        values = self.W_value(x)
        self.show("queries = W_query(x)", queries)

        # [b, t, d_out] -> [b, t, num_heads, head_dim]
        queries = queries.view(b, num_tokens, self.num_heads, self.head_dim)
        keys = keys.view(b, num_tokens, self.num_heads, self.head_dim)
        values = values.view(b, num_tokens, self.num_heads, self.head_dim)
        self.show("view: split d_out into heads", queries)

        # [b, t, num_heads, head_dim] -> [b, num_heads, t, head_dim]
        queries = queries.transpose(1, 2)
        keys = keys.transpose(1, 2)
        values = values.transpose(1, 2)
        self.show("transpose(1, 2): heads first", queries)

        # [b, h, t, hd] @ [b, h, hd, t] -> [b, h, t, t]
        attn_scores = queries @ keys.transpose(2, 3)
        self.show("scores, one t×t table per head", attn_scores)
        mask_bool = self.mask.bool()[:num_tokens, :num_tokens]
        attn_scores.masked_fill_(mask_bool, -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)

        # [b, h, t, t] @ [b, h, t, hd] -> [b, h, t, hd] -> [b, t, h, hd]
        context_vec = (attn_weights @ values).transpose(1, 2)
        self.show("context, tokens first again", context_vec)

        # [b, t, h, hd] -> [b, t, d_out]
        context_vec = context_vec.contiguous().view(b, num_tokens, self.d_out)
        self.show("view: heads concatenated", context_vec)
        context_vec = self.out_proj(context_vec)
        self.show("out_proj", context_vec)
        return context_vec

torch.manual_seed(seed)
mha = MultiHeadAttention(d_in, d_out, context_length, 0.0, num_heads, verbose=True)
context_vecs = mha(batch)
print(context_vecs)
print("context_vecs.shape:", context_vecs.shape)

# %% [markdown]
# Follow the shapes down: `view` cut each token's {d_out} numbers into
# `num_heads` × `head_dim` = {mha.num_heads} × {mha.head_dim}, `transpose` put the heads in front,
# and at the end the heads were joined again into {d_out} numbers, which
# `out_proj` mixes.
#
# ## Are they really the same?
#
# The fused module above is narrower and has different random weights, so its
# numbers differ. To compare like with like, build one as wide as the wrapper
# (`num_heads` heads of `d_out` each) and copy the wrapper's per-head weights
# into it: head i's rows go to rows `i*head_dim ... (i+1)*head_dim` of the big
# matrices. Then make `out_proj` the identity, since the wrapper has none. The
# outputs must agree up to rounding.

# %%
mha = MultiHeadAttention(d_in, num_heads * d_out, context_length, 0.0, num_heads)
with torch.no_grad():
    mha.W_query.weight.copy_(torch.cat([h.W_query.weight for h in wrapper.heads], dim=0))
    mha.W_key.weight.copy_(torch.cat([h.W_key.weight for h in wrapper.heads], dim=0))
    mha.W_value.weight.copy_(torch.cat([h.W_value.weight for h in wrapper.heads], dim=0))
    mha.out_proj.weight.copy_(torch.eye(num_heads * d_out))
    mha.out_proj.bias.zero_()

difference = (mha(batch) - wrapper(batch)).abs().max()
print("outputs agree:", difference.item() < 1e-6)

# %% [markdown]
# ## What each head sees
#
# The attention weights are a `[batch, heads, tokens, tokens]` tensor, and each
# head has its own table. Below, `head_weights` keeps the first sequence of the
# batch, and the heatmap shows its first head, `head_weights[0]`.

# %%
x = batch
queries = mha.W_query(x).view(2, context_length, num_heads, -1).transpose(1, 2)
keys = mha.W_key(x).view(2, context_length, num_heads, -1).transpose(1, 2)
scores = (queries @ keys.transpose(2, 3)).masked_fill(mha.mask.bool(), -torch.inf)
head_weights = torch.softmax(scores / keys.shape[-1]**0.5, dim=-1)[0]
print(head_weights.shape)
# @show heatmap head_weights[0]

# %% [markdown]
# ## Looking back
#
# Multi-head attention is several attention heads side by side. Written as a
# list it is easy to read; written as one projection cut into heads with `view`
# and `transpose`, it is one matrix product for all heads at once, and the two
# give the same numbers. Each head gets its own slice of the width, so its own
# queries and keys, and can learn its own pattern.
#
# Things to try:
#
# * `heatmap head_weights[1]`: the second head's table, next to the first.
# * `set d_out 8`, then `goto 3` and `next`: the shapes printed by the fused
#   module now split 8 numbers into 2 heads of 4.
# * `set num_heads 1` and `rerun`: one head of full width; the wrapper and the
#   fused module still agree.
