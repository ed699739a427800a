# %% [markdown]
# # The transformer block
#
# Attention lets tokens talk to each other. A GPT wraps it in a *transformer
# block* with three more ideas, each fixing a problem that appears when you
# stack many layers:
#
# * **layer normalisation** keeps activations at a steady scale;
# * a **feed-forward network** with the GELU activation gives each token room to
#   compute on what attention gathered;
# * **shortcut connections** let gradients reach the early layers.
#
# GPT-2 small stacks twelve of these blocks. Here is its configuration:

# %%
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

# %% [markdown]
# ## Why normalise
#
# Here is a small layer applied to two random examples. The outputs have some
# mean and some spread, and after a dozen layers such numbers can drift far
# from zero, where training becomes unstable.

# %%
torch.manual_seed(123)
batch_example = torch.randn(2, 5)
layer = nn.Sequential(nn.Linear(5, 6), nn.ReLU())
out = layer(batch_example)
print(out)

mean = out.mean(dim=-1, keepdim=True)
var = out.var(dim=-1, keepdim=True)
print("Mean:\n", mean)
print("Variance:\n", var)

# %% [markdown]
# Normalising subtracts each row's mean and divides by its standard deviation:
# every row ends up with mean 0 and variance 1. Not exactly 0, though: rounding
# leaves means of about 1e-8, which PyTorch would print as `9.9341e-09`. The
# code switches scientific notation off first (`sci_mode=False`), so they print
# with four decimals, as the `0.0000` they nearly are.
# (`out_norm.mean(dim=-1).tolist()` shows them in full.)

# %%
out_norm = (out - mean) / torch.sqrt(var)
print("Normalized layer outputs:\n", out_norm)
torch.set_printoptions(sci_mode=False)
print("Mean:\n", out_norm.mean(dim=-1, keepdim=True))
print("Variance:\n", out_norm.var(dim=-1, keepdim=True))

# %% [markdown]
# As a module, with two trainable vectors, `scale` and `shift`, so the model can
# undo the normalisation wherever that helps. `eps` guards against dividing by
# zero, and the variance is the plain average of squares (`unbiased=False`),
# as GPT-2 computed it.

# %%
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

ln = LayerNorm(emb_dim=5)
out_ln = ln(batch_example)
print("Mean:\n", out_ln.mean(dim=-1, keepdim=True))
print("Variance:\n", out_ln.var(dim=-1, unbiased=False, keepdim=True))

# %% [markdown]
# The `-0.0000` is such a rounding error too, a little below zero (about
# -3e-08, see `out_ln.mean(dim=-1).tolist()`): four decimals round it to zero
# but keep its sign.
#
# ## GELU, a smoother ReLU
#
# ReLU cuts every negative input to exactly zero, with a hard corner at 0.
# GELU bends smoothly instead and lets small negative values through, so
# neurons with a negative input still receive a gradient. GPT-2 used this tanh
# approximation of it:

# %%
class GELU(nn.Module):
    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(
            torch.sqrt(torch.tensor(2.0 / torch.pi)) * (x + 0.044715 * torch.pow(x, 3))
        ))

x = torch.linspace(-3, 3, 13)
y_gelu, y_relu = GELU()(x), nn.ReLU()(x)
for xi, g, r in zip(x.tolist(), y_gelu.tolist(), y_relu.tolist()):
    print(f"x = {xi:5.1f}   GELU {g:7.4f}   ReLU {r:4.1f}")
# @show plot y_gelu y_relu --x x
# @show plot y_gelu[:8] y_relu[:8] --x x[:8]

# %% [markdown]
# From far away the two curves look alike. The second plot zooms in on
# x ≤ 0.5: ReLU lies flat on zero, while GELU dips below it, to about -0.17
# near x = -0.75, and comes back up.
#
# ## The feed-forward network
#
# After attention has mixed information between tokens, each token passes on
# its own through a small two-layer network: out to four times the width, GELU,
# and back. Its shape in equals its shape out, so blocks can be stacked.

# %%
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

ffn = FeedForward(GPT_CONFIG_124M)
x = torch.rand(2, 3, 768)
print(ffn(x).shape)

# %% [markdown]
# ## Shortcut connections
#
# In a deep stack, the gradient of the loss is a product of one factor per
# layer. If the factors are small, it shrinks towards zero on its way down and
# the first layers stop learning: the *vanishing gradient*. A shortcut adds each
# layer's input to its output, `x = x + layer(x)`, which gives the gradient a
# direct path around every layer.
#
# Compare the mean gradient of each layer's weights in a five-layer network,
# without and with shortcuts:

# %%
class ExampleDeepNeuralNetwork(nn.Module):
    def __init__(self, layer_sizes, use_shortcut):
        super().__init__()
        self.use_shortcut = use_shortcut
        self.layers = nn.ModuleList([
            nn.Sequential(nn.Linear(layer_sizes[i], layer_sizes[i + 1]), GELU())
            for i in range(len(layer_sizes) - 1)
        ])

    def forward(self, x):
        for layer in self.layers:
            layer_output = layer(x)
            if self.use_shortcut and x.shape == layer_output.shape:
                x = x + layer_output
            else:
                x = layer_output
        return x

def print_gradients(model, x):
    output = model(x)
    loss = nn.MSELoss()(output, torch.tensor([[0.]]))
    loss.backward()
    for name, param in model.named_parameters():
        if "weight" in name:
            print(f"{name} has gradient mean of {param.grad.abs().mean().item():.6f}")

layer_sizes = [3, 3, 3, 3, 3, 1]
sample_input = torch.tensor([[1., 0., -1.]])

torch.manual_seed(123)
print("without shortcuts:")
print_gradients(ExampleDeepNeuralNetwork(layer_sizes, use_shortcut=False), sample_input)
torch.manual_seed(123)
print("with shortcuts:")
print_gradients(ExampleDeepNeuralNetwork(layer_sizes, use_shortcut=True), sample_input)

# %% [markdown]
# Without shortcuts the first layer's gradient is some twenty-five times smaller
# than the last one's; with them, all layers get gradients of a similar size.
#
# ## Putting the block together
#
# The multi-head attention of lesson 04, unchanged:

# %%
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
        # [b, t, d_out] -> [b, t, heads, head_dim] -> [b, heads, t, head_dim]
        queries = self.W_query(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        keys = self.W_key(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        values = self.W_value(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        attn_scores = queries @ keys.transpose(2, 3)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = self.dropout(torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1))
        # [b, heads, t, head_dim] -> [b, t, heads, head_dim] -> [b, t, d_out]
        context_vec = (attn_weights @ values).transpose(1, 2).contiguous().view(b, num_tokens, self.d_out)
        return self.out_proj(context_vec)

# %% [markdown]
# The block: normalise, attend, drop out, add the shortcut; then normalise,
# feed forward, drop out, add the shortcut again. Normalising *before* each
# sub-layer ("pre-LayerNorm") is what GPT-2 does; it trains more stably than
# the original transformer's order.

# %%
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

num_tokens = 4  # @param {type:"integer", min:1, max:64}
torch.manual_seed(123)
x = torch.rand(2, num_tokens, 768)
block = TransformerBlock(GPT_CONFIG_124M)
output = block(x)
print("Input shape:", x.shape)
print("Output shape:", output.shape)
print(f"parameters in one block: {sum(p.numel() for p in block.parameters()):,}")

# %% [markdown]
# ## Looking back
#
# A transformer block is attention followed by a small feed-forward network,
# each behind a layer norm and each with a shortcut around it. What goes in
# comes out with the same shape, `[batch, tokens, 768]`, which is what lets
# GPT-2 stack twelve of them.
#
# Things to try:
#
# * `set num_tokens 16` and `rerun`: the shapes follow the input, but the
#   parameter count stays the same, because no weight depends on the length.
# * `block` prints the block's layers; `block.ff.layers[0].weight.shape` is the
#   first feed-forward layer, four times wider than the input.
# * `stats output`: the block's output at a glance, its range, mean and spread.
