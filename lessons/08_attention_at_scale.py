# %% [markdown]
# # Attention at scale: what a long context costs
#
# GPT-2 read at most 1,024 tokens at a time; models today read a million. Why was
# the limit so low, and what changed? Look again at the heart of lesson 03:
#
#     attn_scores = queries @ keys.T
#
# For a text of n tokens that is an n × n matrix: every token scores every other
# one. Double the text and the matrix grows four times. This lesson counts what
# that costs, measures it on your machine, then shows the two pieces of
# engineering that make long contexts affordable: *fused attention*, which never
# builds the matrix, and the *KV cache*, which stops text generation from
# recomputing it for every new token.
#
# A number marked with ≈ was measured on this machine: it depends on its speed,
# its cores and its CPU, and changes from run to run. Everything else is
# arithmetic and comes out the same everywhere.

# %%
import math
import torch
import torch.nn.functional as F
import workbench

head_dim = 64  # @param {type:"integer", min:8, max:256}
num_heads = 12  # @param {type:"integer", min:1, max:64}
n_layers = 12  # @param {type:"integer", min:1, max:96}
max_n = 8192  # @param {type:"integer", min:256, max:16384}
time_budget = 5.0  # @param {type:"number", min:0.1, max:60}

def readable(x, units, base):
    """A count in the largest unit that keeps it at 1 or more: 12582912 bytes -> 12.0 MiB."""
    i = 0
    while x >= base and i < len(units) - 1:
        x = x / base
        i += 1
    return f"{x:.1f} {units[i]}" if i > 0 else f"{x:.0f} {units[i]}"

def in_bytes(x):
    return readable(x, ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"], 1024)

def in_flops(x):
    return readable(x, ["FLOP", "kFLOP", "MFLOP", "GFLOP", "TFLOP", "PFLOP", "EFLOP"], 1000)

def measured(text):
    """How this lesson prints a figure measured on this machine: ≈ in front, no spaces."""
    return "≈" + text.replace(" ", "")

def ms(seconds):
    return measured(f"{seconds * 1000:.1f} ms")

print(f"head_dim={head_dim}, num_heads={num_heads}, n_layers={n_layers} (GPT-2 small is 64, 12, 12)")

# %% [markdown]
# ## Count it
#
# One head, n tokens, head dimension d (float32, 4 bytes a number):
#
# * `q @ k.T` takes n·n dot products of length d, and `weights @ v` as many
#   again: 2·n²·d multiply-adds, or **4·n²·d floating-point operations** (FLOPs).
#   (The causal mask throws half of them away, but the naive code computes them.)
# * The score matrix holds n² numbers: **4·n² bytes**, before the softmax makes
#   a second matrix of the same size.
#
# A layer runs `num_heads` heads side by side, and training keeps every layer's
# attention weights for the backward pass, so multiply by heads and by layers.

# %%
def attention_flops(n, d):
    return 4 * n * n * d

def score_bytes(n):
    return 4 * n * n

print(f"per head: one head's scores; per layer: {num_heads} heads; per model: {n_layers} layers")
header = ["n", "FLOPs/head", "scores/head", "scores/layer", "scores/model", "FLOPs/model"]
print("".join(f"{h:>14}" for h in header))
for n in [1024, 4096, 16384, 65536, 262144, 1048576]:
    row = [f"{n:,}", in_flops(attention_flops(n, head_dim)), in_bytes(score_bytes(n)),
           in_bytes(num_heads * score_bytes(n)), in_bytes(n_layers * num_heads * score_bytes(n)),
           in_flops(n_layers * num_heads * attention_flops(n, head_dim))]
    print("".join(f"{cell:>14}" for cell in row))

kv_bytes_per_token = 2 * n_layers * num_heads * head_dim * 4
print()
print(f"GPT-2 small's 124M weights take {in_bytes(124_000_000 * 4)}; at 1,024 tokens the scores of all")
print(f"layers already take {in_bytes(n_layers * num_heads * score_bytes(1024))}. At a million tokens one head's matrix alone is")
print(f"{in_bytes(score_bytes(1048576))}, far more than any GPU holds.")

# %% [markdown]
# ## Measure it
#
# The memory wall comes first: long before the arithmetic gets too slow, the
# matrix stops fitting anywhere. Yet the result does not need it; only the
# naive way of computing it does. Before fixing that, watch it happen. Here is
# causal attention written out as lessons 03 and 04 do it, for a stack of heads
# `[heads, n, head_dim]`:

# %%
def naive_attention(q, k, v):
    n, d = q.shape[-2], q.shape[-1]
    scores = q @ k.transpose(-2, -1) / math.sqrt(d)          # [heads, n, n]
    future = torch.triu(torch.ones(n, n, dtype=torch.bool), diagonal=1)
    scores = scores.masked_fill(future, -torch.inf)          # no peeking ahead
    weights = torch.softmax(scores, dim=-1)                  # [heads, n, n]
    return weights @ v                                       # [heads, n, head_dim]

# %% [markdown]
# `workbench.measure(f, *args)` calls `f(*args)` and reports the wall-clock
# time (the best of `repeat` runs) and `peak_bytes`: the most tensor memory the
# call held at once, its result included. We measure one head, doubling n from
# 256 up to `max_n` = {max_n:,}, and stop early when a run would take longer than
# `time_budget` = {time_budget:g} seconds (each doubling costs about four times as much).

# %%
torch.manual_seed(123)
sizes, naive_runs, inputs = [], [], []
print(f"{'n':>7}{'time':>12}{'peak memory':>14}{'one score matrix':>18}")
n = 256
while n <= max_n:
    q, k, v = torch.randn(1, n, head_dim), torch.randn(1, n, head_dim), torch.randn(1, n, head_dim)
    repeat = 3 if n <= 2048 else 1   # small sizes are quick: keep the best of 3
    run = workbench.measure(naive_attention, q, k, v, repeat=repeat)
    print(f"{n:>7,}{ms(run.seconds):>12}{measured(in_bytes(run.peak_bytes)):>14}{in_bytes(score_bytes(n)):>18}")
    sizes.append(n)
    naive_runs.append(run)
    inputs.append((q, k, v))
    if run.seconds * 4 > time_budget and n * 2 <= max_n:
        print(f"(stopping at n = {n:,}: n = {2 * n:,} would take longer than the {time_budget} s budget)")
        break
    n *= 2

# %% [markdown]
# The peak is a few score matrices at once: the scores, the masked copy, the
# softmax's output. How fast does each column grow? If y = c·nᵖ, then
# log y = log c + p·log n, a straight line whose slope is the exponent p. A
# least-squares line through the points (log n, log y) gives p:

# %%
def fit_exponent(xs, ys):
    """p in y ≈ c·x^p: the slope of the least-squares line through (log x, log y)."""
    lx = [math.log(x) for x in xs]
    ly = [math.log(y) for y in ys]
    mean_x, mean_y = sum(lx) / len(lx), sum(ly) / len(ly)
    covariance = sum((a - mean_x) * (b - mean_y) for a, b in zip(lx, ly))
    return covariance / sum((a - mean_x) ** 2 for a in lx)

if len(sizes) >= 2:
    time_exponent = fit_exponent(sizes, [r.seconds for r in naive_runs])
    memory_exponent = fit_exponent(sizes, [r.peak_bytes for r in naive_runs])
    print(f"time grows like n^{measured(f'{time_exponent:.2f}')} and peak memory like n^{measured(f'{memory_exponent:.2f}')}")
    seconds_at_million = naive_runs[-1].seconds * (1048576 / sizes[-1]) ** 2
    hours = seconds_at_million * num_heads * n_layers / 3600
    print(f"so attention over 1,048,576 tokens, {num_heads} heads × {n_layers} layers, would take "
          f"{measured(f'{hours:,.0f} h')} here (if the memory existed)")
else:
    print("only one size fitted in the time budget: raise time_budget to fit a curve")

# %% [markdown]
# On a log-log plot a power law is a straight line. The plot below shows
# log₂ of the time (in ms) and of the peak memory (in MiB); each step to the
# right doubles n, so a line that climbs 2 per step is growing like n².

# %%
log2_naive_ms = [math.log2(r.seconds * 1000) for r in naive_runs]
log2_naive_mib = [math.log2(r.peak_bytes / 2**20) for r in naive_runs]
# @show plot log2_naive_ms log2_naive_mib --x sizes --logx

# %% [markdown]
# ## Beat the memory: fused attention
#
# The softmax of a row needs the row's maximum and its sum, and both can be
# kept *running*: read the keys in blocks, and whenever a block raises the
# maximum, rescale what was summed so far. This is the *online softmax*, and it
# lets each row of output be finished without ever storing the row of scores.
# Here it is in a few lines, for blocks of queries and keys (FlashAttention
# does exactly this, in fast compiled loops):

# %%
def tiled_attention(q, k, v, block=64):
    """Causal attention for one head [n, d], keys read `block` at a time."""
    n, d = q.shape
    out = torch.zeros(n, d)
    for start in range(0, n, block):
        stop = min(start + block, n)
        qb = q[start:stop] / math.sqrt(d)
        row_max = torch.full((stop - start, 1), -torch.inf)
        row_sum = torch.zeros(stop - start, 1)
        acc = torch.zeros(stop - start, d)
        for key_start in range(0, stop, block):  # keys after the last query are all masked
            key_stop = min(key_start + block, n)
            s = qb @ k[key_start:key_stop].T                                   # [block, block]
            future = torch.arange(key_start, key_stop)[None, :] > torch.arange(start, stop)[:, None]
            s = s.masked_fill(future, -torch.inf)
            new_max = torch.maximum(row_max, s.max(dim=-1, keepdim=True).values)
            rescale = torch.exp(row_max - new_max)      # shrink what was summed before
            p = torch.exp(s - new_max)
            row_sum = row_sum * rescale + p.sum(dim=-1, keepdim=True)
            acc = acc * rescale + p @ v[key_start:key_stop]
            row_max = new_max
        out[start:stop] = acc / row_sum
    return out

q, k, v = inputs[0]
small = tiled_attention(q[0, :200], k[0, :200], v[0, :200])
reference = naive_attention(q[:, :200], k[:, :200], v[:, :200])[0]
print("tiled == naive (within 1e-5):", torch.allclose(small, reference, atol=1e-5, rtol=0))

# %% [markdown]
# `F.scaled_dot_product_attention(q, k, v, is_causal=True)` runs the same
# algorithm as a fused kernel: each thread takes a block of queries, streams the
# keys past it 64 at a time, and never holds more scores than one block. Same
# inputs as before, side by side with the naive version:

# %%
fused_runs, errors = [], []
for n, (q, k, v), naive in zip(sizes, inputs, naive_runs):
    run = workbench.measure(F.scaled_dot_product_attention, q, k, v, is_causal=True, repeat=3)
    fused_runs.append(run)
    errors.append((run.result - naive.result).abs().max().item())

print(f"{'n':>7}{'naive':>11}{'fused':>11}{'speed-up':>10}{'naive mem':>13}{'fused mem':>12}{'max |diff|':>12}")
for n, naive, fused, error in zip(sizes, naive_runs, fused_runs, errors):
    print(f"{n:>7,}{ms(naive.seconds):>11}{ms(fused.seconds):>11}"
          f"{measured(f'{naive.seconds / fused.seconds:.1f}x'):>10}"
          f"{measured(in_bytes(naive.peak_bytes)):>13}{measured(in_bytes(fused.peak_bytes)):>12}"
          f"{measured(f'{error:.1e}'):>12}")
print(f"fused output == naive output within 1e-5 at every n: {max(errors) < 1e-5}")
if len(sizes) >= 2:
    fused_exponent = fit_exponent(sizes, [r.peak_bytes for r in fused_runs])
    print(f"peak memory grows like n^{measured(f'{memory_exponent:.2f}')} naive and n^{measured(f'{fused_exponent:.2f}')} fused")

# %% [markdown]
# The fused kernel's memory is its output, n × head_dim numbers, plus a fixed
# scratch block per thread. The output grows linearly; the fitted exponent
# comes out below 1 because the fixed part weighs most at small n, and it
# creeps towards 1 as n grows. The arithmetic is unchanged (still n²), but it
# now runs out of cache instead of waiting on main memory, which is why it is
# faster too. This is how long-context models fit a million tokens: not fewer
# FLOPs, but no n × n matrix.

# %%
log2_fused_mib = [math.log2(r.peak_bytes / 2**20) for r in fused_runs]
# @show plot log2_naive_mib log2_fused_mib --x sizes --logx

# %% [markdown]
# ## Beat the recompute: the KV cache
#
# Generating text (lesson 06) runs the whole sequence through the model for
# every new token, although only the last position is new. In every layer, the
# keys and values of the earlier tokens come out exactly as they did the step
# before. Keep them, and each step only has to push **one** token through:
# its query meets the cached keys, and its own key and value join the cache.
#
# We use a GPT-2 shaped model from `gpt.py`, smaller so the comparison runs in
# seconds (its weights are random, so the text is gibberish; what matters is
# that both ways produce the *same* gibberish).

# %%
from gpt import GPTModel, generate_text_simple

KV_CONFIG = {"vocab_size": 50257, "context_length": 1024, "emb_dim": 256,
             "n_heads": 4, "n_layers": 4, "drop_rate": 0.0, "qkv_bias": False}
torch.manual_seed(123)
model = GPTModel(KV_CONFIG)
model.eval()

def attend_with_cache(att, x, cache):
    """One MultiHeadAttention (gpt.py) on the new tokens x [b, t, d_in] only; `cache`
    holds the keys and values [b, heads, past, head_dim] of the tokens before them."""
    b, t, _ = x.shape
    def split_heads(y):  # [b, t, d_out] -> [b, heads, t, head_dim]
        return y.view(b, t, att.num_heads, att.head_dim).transpose(1, 2)
    q = split_heads(att.W_query(x))
    k = split_heads(att.W_key(x))
    v = split_heads(att.W_value(x))
    if "keys" in cache:
        k = torch.cat([cache["keys"], k], dim=2)     # [b, heads, past + t, head_dim]
        v = torch.cat([cache["values"], v], dim=2)
    cache["keys"], cache["values"] = k, v
    # A lone new token may see every cached one; a first chunk of t > 1 tokens is causal.
    context = F.scaled_dot_product_attention(q, k, v, is_causal=t > 1)
    context = context.transpose(1, 2).contiguous().view(b, t, att.d_out)   # [b, t, d_out]
    return att.out_proj(context)

def forward_with_cache(model, idx, caches):
    """GPTModel.forward for the tokens idx [b, t] that follow those already in `caches`."""
    past = caches[0]["keys"].shape[2] if "keys" in caches[0] else 0
    t = idx.shape[1]
    x = model.tok_emb(idx) + model.pos_emb(torch.arange(past, past + t))
    for block, cache in zip(model.trf_blocks, caches):
        x = x + attend_with_cache(block.att, block.norm1(x), cache)
        x = x + block.ff(block.norm2(x))
    return model.out_head(model.final_norm(x))

def generate_with_cache(model, idx, max_new_tokens):
    caches = [{} for _ in model.trf_blocks]
    with torch.no_grad():
        logits = forward_with_cache(model, idx, caches)        # the prompt, all at once
        for step in range(max_new_tokens):
            next_id = logits[:, -1, :].argmax(dim=-1, keepdim=True)
            idx = torch.cat([idx, next_id], dim=1)
            if step + 1 < max_new_tokens:
                logits = forward_with_cache(model, next_id, caches)   # one token
    return idx

import tiktoken
tokenizer = tiktoken.get_encoding("gpt2")
prompt = torch.tensor([tokenizer.encode("The longest context")])
recomputed = generate_text_simple(model, prompt, 12, KV_CONFIG["context_length"])
cached = generate_with_cache(model, prompt, 12)
print("recomputed:", recomputed.tolist()[0])
print("cached:    ", cached.tolist()[0])
print("identical tokens:", torch.equal(recomputed, cached))
print(repr(tokenizer.decode(cached[0].tolist())))

# %% [markdown]
# How much does it save? For each length L, time the next few tokens both
# ways: recomputing pushes all L tokens through every layer for each of them,
# the cache pushes one. The saving grows with L.

# %%
kv_max_len = 512  # @param {type:"integer", min:16, max:1000}
kv_steps = 3  # @param {type:"integer", min:1, max:10}

def next_tokens_recomputed(idx):
    return generate_text_simple(model, idx, kv_steps, KV_CONFIG["context_length"])

def next_tokens_cached(idx, caches):
    with torch.no_grad():
        for _ in range(kv_steps):
            logits = forward_with_cache(model, idx[:, -1:], caches)
            idx = torch.cat([idx, logits[:, -1, :].argmax(dim=-1, keepdim=True)], dim=1)
    return idx

torch.manual_seed(0)
lengths, speedups = [], []
step = max(kv_max_len // 8, 1)
print(f"{'L':>6}{'recompute/token':>17}{'cached/token':>14}{'speed-up':>10}")
for L in range(step, kv_max_len + 1, step):
    idx = torch.randint(0, KV_CONFIG["vocab_size"], (1, L))
    caches = [{} for _ in model.trf_blocks]
    with torch.no_grad():
        forward_with_cache(model, idx[:, :-1], caches)   # fill the cache (not timed)
    slow = workbench.measure(next_tokens_recomputed, idx)
    fast = workbench.measure(next_tokens_cached, idx, caches)
    assert torch.equal(slow.result, fast.result), f"different tokens at L = {L}"
    lengths.append(L)
    speedups.append(slow.seconds / fast.seconds)
    print(f"{L:>6}{ms(slow.seconds / kv_steps):>17}{ms(fast.seconds / kv_steps):>14}"
          f"{measured(f'{speedups[-1]:.1f}x'):>10}")
    if slow.seconds > time_budget:
        print(f"(stopping: recomputing took longer than the {time_budget} s budget)")
        break
print(f"same tokens both ways at all {len(lengths)} lengths")
kv_cache_bytes = 2 * KV_CONFIG["n_layers"] * KV_CONFIG["emb_dim"] * 4
print(f"the cache costs {in_bytes(kv_cache_bytes)} per token here; with {n_layers} layers × {num_heads} heads × {head_dim} dims")
print(f"it is {in_bytes(kv_bytes_per_token)} per token, {in_bytes(kv_bytes_per_token * 1048576)} for a million tokens")

# %% [markdown]
# The speed-up grows roughly in proportion to L (the lengths step by the same
# amount each time, so that is a straight line): recomputing costs time
# proportional to L for every new token, the cache a nearly fixed amount. The price is memory: the cache keeps a key and a
# value for every token in every layer, and at a million tokens that, not the
# score matrix, is what long-context models have to squeeze (sharing keys and
# values across heads, storing them in fewer bits).

# %%
# @show plot speedups --x lengths

# %% [markdown]
# ## Looking back
#
# Attention compares every token with every other, so its arithmetic grows with
# n², and the naive code also stores an n × n matrix, which is what breaks
# first. Fused attention keeps the arithmetic but never builds the matrix; the
# KV cache keeps each token's keys and values so that generating a token costs
# one token's work. Long contexts are built from both, and pay in cache memory.
#
# Things to try:
#
# * `in_bytes(score_bytes(131072))` and `in_flops(attention_flops(131072, 64))`:
#   one head's matrix and arithmetic at a length of your choice.
# * `set head_dim 128`, then `goto 1` and `next`: the table of costs for wider
#   heads; the memory of the scores does not change, the FLOPs double.
# * `set max_n 16384`, `set time_budget 30`, then `goto 3` and `next`: the
#   naive measurement up to 16k tokens, if your machine has the memory.
