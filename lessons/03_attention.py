# %% [markdown]
# # Attention
#
# A language model reads a sentence one token at a time, but the meaning of a
# token depends on the others: "bank" means one thing after "river" and another
# after "savings". *Self-attention* is how each token gathers what it needs from
# the rest of the sequence. In this lesson we build it up in four steps:
#
# 1. attention with no weights at all, just dot products;
# 2. trainable query, key and value projections;
# 3. a causal mask, so a token cannot peek at the future;
# 4. dropout on the attention weights.
#
# Then we ask *why* it works, by building a head by hand.
#
# Every matrix here is small enough to print. Type any variable name at the
# prompt to look at it, or `heatmap NAME` to see it as colours.

# %%
import torch

# Six tokens, each already embedded as a 3-dimensional vector.
# (Real embeddings come from a trained table; these are made up.)
tokens = ["Your", "journey", "starts", "with", "one", "step"]
inputs = torch.tensor(
    [[0.43, 0.15, 0.89],  # Your
     [0.55, 0.87, 0.66],  # journey
     [0.57, 0.85, 0.64],  # starts
     [0.22, 0.58, 0.33],  # with
     [0.77, 0.25, 0.10],  # one
     [0.05, 0.80, 0.55]]  # step
)
print(inputs.shape)

# Where this lesson is going, in two lines: every token scores every other
# token (a 6x6 table), and softmax turns each row into weights that sum to one.
# The heatmap below shows the table (row = the token looking, column = the token
# looked at); the rest of the lesson takes these two lines apart.
attn_weights = torch.softmax(inputs @ inputs.T, dim=-1)
print(attn_weights.shape)
# @show heatmap attn_weights --labels tokens

# %% [markdown]
# ## Similarity by dot product
#
# Take one token as the *query*, say "journey". How relevant is every other
# token to it? The simplest measure is the dot product: vectors that point the
# same way give a large number, unrelated ones a small number.

# %%
query = inputs[1]
attn_scores_2 = torch.empty(inputs.shape[0])
for i, x_i in enumerate(inputs):
    attn_scores_2[i] = torch.dot(x_i, query)
print(attn_scores_2)

# %% [markdown]
# Scores are not yet weights: we want positive numbers that sum to one, so that
# the result is an average. Softmax does exactly that, and it also exaggerates
# the differences: the largest score gets the largest share.

# %%
attn_weights_2 = torch.softmax(attn_scores_2, dim=0)
print("Attention weights:", attn_weights_2)
print("Sum:", attn_weights_2.sum())

# %% [markdown]
# The *context vector* of "journey" is the weighted average of all the inputs:
# mostly itself and its near twin "starts", a little of everything else.

# %%
context_vec_2 = torch.zeros(query.shape)
for i, x_i in enumerate(inputs):
    context_vec_2 += attn_weights_2[i] * x_i
print(context_vec_2)

# %% [markdown]
# ## Every token at once
#
# The loop above is one row of a matrix product. `inputs @ inputs.T` gives the
# scores of every query against every key in one go: a 6×6 table, where row i
# says how much token i cares about each token. Softmax along each row turns it
# into weights, and one more product makes all six context vectors.

# %%
attn_scores = inputs @ inputs.T
attn_weights = torch.softmax(attn_scores, dim=-1)
print(attn_weights)
print("All row sums:", attn_weights.sum(dim=-1))
all_context_vecs = attn_weights @ inputs
print(all_context_vecs)
# @show heatmap attn_weights --labels tokens

# %% [markdown]
# ## Queries, keys and values
#
# Comparing raw embeddings can only find tokens that *look alike*. A model needs
# more: a verb should be able to look for its subject even though verbs and
# nouns look nothing alike. So each token gets three learned projections:
#
# * a **query**: what am I looking for?
# * a **key**: what do I offer to those looking?
# * a **value**: what do I hand over when chosen?
#
# Scores compare queries with keys; the context vector averages values. The
# three matrices start random; training shapes them. `d_out` is the size of
# the query/key space: change it with `set d_out 4` and `rerun`.

# %%
d_in = inputs.shape[1]
d_out = 2  # @param {type:"integer", min:1, max:16}
seed = 123  # @param {type:"integer", min:0, max:100000}

torch.manual_seed(seed)
W_query = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)
W_key = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)
W_value = torch.nn.Parameter(torch.rand(d_in, d_out), requires_grad=False)

queries = inputs @ W_query
keys = inputs @ W_key
values = inputs @ W_value
print("queries:", queries.shape, "keys:", keys.shape, "values:", values.shape)

# %% [markdown]
# ## Scaling the scores
#
# A dot product of two d-dimensional vectors grows with d. Large scores push
# softmax towards a one-hot vector, where gradients all but vanish and learning
# stalls. Dividing by √d keeps the scores in a range where softmax stays soft.

# %%
attn_scores = queries @ keys.T
d_k = keys.shape[-1]
attn_weights = torch.softmax(attn_scores / d_k**0.5, dim=-1)
print(attn_weights)
context_vecs = attn_weights @ values
print(context_vecs)
# @show heatmap attn_weights --labels tokens

# %% [markdown]
# ## A self-attention layer
#
# Wrapped in a module, with `nn.Linear` doing the projections (it stores the
# matrix transposed and initialises it better than `torch.rand`). This is the
# book's `SelfAttention_v2`; a different seed gives different weights.

# %%
import torch.nn as nn

class SelfAttention(nn.Module):
    def __init__(self, d_in, d_out, qkv_bias=False):
        super().__init__()
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)

    def forward(self, x):
        queries = self.W_query(x)
        keys = self.W_key(x)
        values = self.W_value(x)
        attn_scores = queries @ keys.T
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        return attn_weights @ values

torch.manual_seed(789)
sa = SelfAttention(d_in, d_out)
print(sa(inputs))

# %% [markdown]
# The six rows are nearly the same, and that is what an untrained layer does.
# `nn.Linear` starts with small weights, so the queries and keys are short
# vectors and all the scores lie close together. Softmax of nearly equal scores
# is nearly uniform, about 1/6 for each token, so every context vector comes out
# close to the plain average of the six values. Training is what pulls the
# scores apart. (`sa.W_query.weight` shows the weights.)
#
# ## No peeking: the causal mask
#
# A GPT is trained to predict the next token. If token 3 could attend to token
# 4, it could simply copy the answer. So each token may only look at itself and
# the tokens before it: the scores above the diagonal are replaced by -∞ before
# softmax, and e^-∞ = 0 gives them no weight at all.

# %%
queries = sa.W_query(inputs)
keys = sa.W_key(inputs)
attn_scores = queries @ keys.T
context_length = attn_scores.shape[0]
mask = torch.triu(torch.ones(context_length, context_length), diagonal=1)
masked = attn_scores.masked_fill(mask.bool(), -torch.inf)
print(masked)
attn_weights = torch.softmax(masked / keys.shape[-1]**0.5, dim=-1)
print(attn_weights)
# @show heatmap attn_weights --labels tokens

# %% [markdown]
# ## Dropout
#
# During training, dropout zeroes each attention weight with probability
# `dropout_rate`, here {dropout_rate}, and scales up the ones it keeps, so that the
# expected sum stays the same. The model cannot lean on any single connection.
# At inference time dropout is switched off.

# %%
dropout_rate = 0.5  # @param {type:"number", min:0, max:0.9}
keep_scale = 1 / (1 - dropout_rate)  # the kept weights grow
torch.manual_seed(123)
dropout = torch.nn.Dropout(dropout_rate)
print(dropout(attn_weights))

# %% [markdown]
# Each weight that survived is now {keep_scale:.3g} times what it was above, that is
# 1/(1 − {dropout_rate}); the zeros on or below the diagonal are the ones dropped.

# %% [markdown]
# ## Causal attention, batched
#
# Put together, with a batch dimension in front: the mask is registered as a
# buffer (it moves with the model but is not trained), and trimmed to the
# actual number of tokens.

# %%
class CausalAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, qkv_bias=False):
        super().__init__()
        self.d_out = d_out
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
        attn_scores = queries @ keys.transpose(1, 2)  # [b, t, d_out] @ [b, d_out, t] -> [b, t, t]
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)
        return attn_weights @ values

batch = torch.stack((inputs, inputs), dim=0)
torch.manual_seed(123)
ca = CausalAttention(d_in, d_out, batch.shape[1], 0.0)
context_vecs = ca(batch)
print(context_vecs)
print("context_vecs.shape:", context_vecs.shape)

# %% [markdown]
# # Why it works: a head is a pattern matcher
#
# Queries and keys live in one shared space. A query is a direction meaning
# "I am looking for this"; a key is a direction meaning "I am this". Their dot
# product is large exactly when what one token seeks is what another offers.
#
# To see it without any training, we build a head by hand. Each word of
# "{sentence}" is embedded as its word class, one-hot;
# words the little table below does not know get a class of their own, "other".

# %%
import re

sentence = "the fat cat sat on the mat"  # @param {type:"string"}
classes = ["article", "adjective", "noun", "verb", "preposition"]
word_class = {"the": 0, "a": 0, "fat": 1, "big": 1, "small": 1, "old": 1, "red": 1,
              "cat": 2, "mat": 2, "dog": 2, "rat": 2, "hat": 2, "bed": 2,
              "sat": 3, "ran": 3, "lay": 3, "slept": 3, "on": 4, "in": 4, "under": 4}
words = re.findall(r"[\w']+", sentence.lower())  # the words, without punctuation
unknown = [w for w in words if w not in word_class]
if unknown:
    classes.append("other")
    print("not in the table, so class other:", unknown)
x = torch.zeros(len(words), len(classes))
for i, w in enumerate(words):
    x[i, word_class.get(w, len(classes) - 1)] = 1.0
print(x)

# %% [markdown]
# The key projection says "I am my word class": the identity. The query
# projection encodes the *questions* each class asks:
#
# * a noun looks for its article and adjectives,
# * a verb looks for a noun (its subject),
# * a preposition looks for the verb it attaches to,
# * articles, adjectives and other words ask nothing in particular.
#
# Row i of `W_q` is the query of class i, written in the key space's axes.

# %%
W_k = torch.eye(len(classes))
W_q = torch.zeros(len(classes), len(classes))
W_q[2, 0] = 4.0   # noun -> article
W_q[2, 1] = 3.0   # noun -> adjective
W_q[3, 2] = 4.0   # verb -> noun
W_q[4, 3] = 4.0   # preposition -> verb

q = x @ W_q
k = x @ W_k
scores = q @ k.T
causal = torch.triu(torch.ones(len(words), len(words)), diagonal=1).bool()
pattern = torch.softmax(scores.masked_fill(causal, -torch.inf), dim=-1)
print(pattern)
# @show heatmap pattern --labels words

# %% [markdown]
# Read the heatmap by rows. In "the fat cat sat on the mat", "cat" puts its
# weight on "the" and "fat"; "sat" finds "cat"; "on" finds "sat". Rows with no
# question ("the", "fat") spread their weight evenly over what they can see. And
# "mat" splits its attention between *both* "the"s: this head knows word classes
# but not positions, so it cannot tell its own article from the first one. That
# is what the positional embeddings of lesson 02 are for: they give keys a
# "where am I" component that queries can match too.
#
# ## Looking back
#
# Attention is three small steps: score every pair of tokens by a dot product of
# query and key, turn each row of scores into weights with softmax (after the
# mask has hidden the future), and average the values with those weights.
# Nothing in the hand-built head was learned, yet it is exactly the computation
# of a trained one. Training finds directions like these on its own, in 64 or
# more dimensions, and a model runs many heads side by side, each free to match
# a different pattern: the next lesson.
#
# Things to try:
#
# * `set sentence "on the mat the cat sat"` and `rerun`: each word still finds
#   its partner wherever it sits, as long as the partner comes earlier.
# * `set sentence "the cat sat on the warm mat"` and `rerun`: "warm" is not in
#   the table, so it is "other", and no query asks for it.
# * `set d_out 1` and `rerun`, then `attn_weights`: with one number per query
#   and key, a row can only rank the keys by that number, so the rows prefer the
#   same tokens (or, for a negative query, the opposite ones).
