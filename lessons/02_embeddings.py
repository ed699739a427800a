# %% [markdown]
# # Inputs, targets and embeddings
#
# A GPT learns one skill: given some tokens, predict the next one. So training
# data is nothing but the text itself, cut into overlapping windows where the
# target is the input shifted by one position. This lesson builds those windows,
# batches them with a `DataLoader`, and turns token ids into the vectors a model
# computes with: token embeddings plus positional embeddings.

# %%
import tiktoken
import torch

with open("data/the-verdict.txt", "r", encoding="utf-8") as f:
    raw_text = f.read()

tokenizer = tiktoken.get_encoding("gpt2")
enc_text = tokenizer.encode(raw_text)
print("tokens in the story:", len(enc_text))

# %% [markdown]
# ## Next-token pairs
#
# Take a short stretch of the story. For every prefix, the thing to predict is
# the token right after it. One window of `context_size` tokens, here {context_size},
# therefore holds {context_size} training examples at once.

# %%
context_size = 4  # @param {type:"integer", min:1, max:16}
enc_sample = enc_text[50:]
for i in range(1, context_size + 1):
    context = enc_sample[:i]
    desired = enc_sample[i]
    print(tokenizer.decode(context), "---->", tokenizer.decode([desired]))

# %% [markdown]
# ## A dataset of sliding windows
#
# The dataset slides a window of `max_length` tokens over the text, `stride`
# tokens at a time. The target window is the same window moved one token to the
# right. With `stride == max_length` the windows do not overlap; a smaller
# stride reuses text (more examples, but more chance to memorise).

# %%
from torch.utils.data import Dataset, DataLoader

class GPTDatasetV1(Dataset):
    def __init__(self, txt, tokenizer, max_length, stride):
        self.input_ids = []
        self.target_ids = []
        token_ids = tokenizer.encode(txt, allowed_special={"<|endoftext|>"})
        for i in range(0, len(token_ids) - max_length, stride):
            self.input_ids.append(torch.tensor(token_ids[i:i + max_length]))
            self.target_ids.append(torch.tensor(token_ids[i + 1:i + max_length + 1]))

    def __len__(self):
        return len(self.input_ids)

    def __getitem__(self, idx):
        return self.input_ids[idx], self.target_ids[idx]

def create_dataloader_v1(txt, batch_size=4, max_length=256, stride=128,
                         shuffle=True, drop_last=True, num_workers=0):
    tokenizer = tiktoken.get_encoding("gpt2")
    dataset = GPTDatasetV1(txt, tokenizer, max_length, stride)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle,
                      drop_last=drop_last, num_workers=num_workers)

# %% [markdown]
# Look at the first batches. Each is a pair `[inputs, targets]`, both of shape
# `[batch_size, max_length]`; every row of the targets is its input row shifted
# left by one.

# %%
max_length = 4  # @param {type:"integer", min:1, max:64}
stride = 1  # @param {type:"integer", min:1, max:64}
batch_size = 1  # @param {type:"integer", min:1, max:16}

dataloader = create_dataloader_v1(raw_text, batch_size=batch_size, max_length=max_length,
                                  stride=stride, shuffle=False)
data_iter = iter(dataloader)
first_batch = next(data_iter)
print(first_batch)
second_batch = next(data_iter)
print(second_batch)
print("batches per epoch:", len(dataloader))

# %% [markdown]
# ## From ids to vectors
#
# An embedding layer is a lookup table: row `i` is the vector for token `i`.
# It starts random and is trained with the rest of the model. Here is a toy one
# with 6 tokens and 3 dimensions, and what it returns for a few ids: the rows
# they point at, nothing more.

# %%
torch.manual_seed(123)
embedding_layer = torch.nn.Embedding(6, 3)
print(embedding_layer.weight)
print(embedding_layer(torch.tensor([2, 3, 5, 1])))

# %% [markdown]
# ## Token embeddings at GPT scale
#
# GPT-2's table has a row for each of the 50,257 tokens. Our rows have
# `output_dim` = {output_dim} numbers (GPT-2 small's have 768). A batch of 8 windows
# of {max_length} tokens becomes a tensor of shape `[8, {max_length}, {output_dim}]`: one vector
# per token.

# %%
output_dim = 256  # @param {type:"integer", min:4, max:768}
vocab_size = 50257
torch.manual_seed(123)
token_embedding_layer = torch.nn.Embedding(vocab_size, output_dim)

dataloader = create_dataloader_v1(raw_text, batch_size=8, max_length=max_length,
                                  stride=max_length, shuffle=False)
inputs, targets = next(iter(dataloader))
print("Token IDs:\n", inputs)
print("Inputs shape:", inputs.shape)
token_embeddings = token_embedding_layer(inputs)
print(token_embeddings.shape)

# %% [markdown]
# ## Where is each token?
#
# Attention, as lesson 03 shows, compares tokens with each other but has no idea
# of order: "dog bites man" and "man bites dog" would look alike. GPT-2 adds a
# second learned table with one vector per *position*, and adds it to every
# token's vector. The same word now looks slightly different at each position.

# %%
context_length = max_length
pos_embedding_layer = torch.nn.Embedding(context_length, output_dim)
pos_embeddings = pos_embedding_layer(torch.arange(max_length))
print(pos_embeddings.shape)

input_embeddings = token_embeddings + pos_embeddings  # [8, 4, 256] + [4, 256] broadcasts
print(input_embeddings.shape)

# %% [markdown]
# ## Looking back
#
# The training data of a GPT is the text itself: windows of tokens, each paired
# with the same window moved on by one. Two lookup tables turn a window into
# vectors, one row per token id and one per position, and their sum, of shape
# `[batch, tokens, output_dim]`, is what the first transformer block reads.
#
# Things to try:
#
# * `set stride 4` and `rerun`, then `first_batch` and `second_batch`: the
#   second window now starts where the first one ends.
# * `set output_dim 768` and `rerun`: GPT-2 small's width; `input_embeddings.shape`
#   follows.
# * `input_embeddings[0, 0, :4] - token_embeddings[0, 0, :4]`: what is left
#   is the start of position 0's vector, `pos_embeddings[0, :4]`.
