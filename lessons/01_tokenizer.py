# %% [markdown]
# # Tokenizing text
#
# A model cannot read letters. Before anything else, text has to become a list
# of integers, one per *token*, and back again. This lesson builds that bridge
# three times: by hand with a regular expression, with GPT-2's real tokenizer,
# and with byte-pair encoding from scratch, so you can watch the vocabulary that
# GPT-2 uses being learned merge by merge.
#
# Our text is Edith Wharton's short story "The Verdict" (1908), the same one the
# book trains on. It is in the public domain and ships with the workbench.

# %%
with open("data/the-verdict.txt", "r", encoding="utf-8") as f:
    raw_text = f.read()

print("Total number of characters:", len(raw_text))
print(raw_text[:99])

# %% [markdown]
# ## Splitting on whitespace and punctuation
#
# The simplest tokenizer cuts the text into words and punctuation marks. The
# parentheses in the pattern make `re.split` keep the separators, so a comma
# becomes a token of its own rather than vanishing.

# %%
import re

text = "Hello, world. Is this-- a test?"
result = re.split(r'([,.:;?_!"()\']|--|\s)', text)
print(result)
result = [item.strip() for item in result if item.strip()]
print(result)

# %% [markdown]
# Applied to the whole story, this gives a few thousand tokens. The
# *vocabulary* is the set of distinct ones, sorted, each given a number.

# %%
preprocessed = re.split(r'([,.:;?_!"()\']|--|\s)', raw_text)
preprocessed = [item.strip() for item in preprocessed if item.strip()]
print(len(preprocessed), "tokens, starting with", preprocessed[:10])

all_words = sorted(set(preprocessed))
vocab = {token: integer for integer, token in enumerate(all_words)}
print("vocabulary size:", len(vocab))
for i, item in enumerate(vocab.items()):
    if i >= 8:
        break
    print(item)

# %% [markdown]
# ## A tokenizer class
#
# Encoding looks each token up in the vocabulary; decoding joins the strings
# again and removes the space that the join put before punctuation.

# %%
class SimpleTokenizerV1:
    def __init__(self, vocab):
        self.str_to_int = vocab
        self.int_to_str = {i: s for s, i in vocab.items()}

    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        pieces = [item.strip() for item in pieces if item.strip()]
        return [self.str_to_int[s] for s in pieces]

    def decode(self, ids):
        text = " ".join([self.int_to_str[i] for i in ids])
        return re.sub(r'\s+([,.?!"()\'])', r'\1', text)

tokenizer = SimpleTokenizerV1(vocab)
text = """"It's the last he painted, you know," Mrs. Gisburn said with pardonable pride."""
ids = tokenizer.encode(text)
print(ids)
print(tokenizer.decode(ids))

# %% [markdown]
# The ids decode to the right words, but not quite to the right text: the
# opening quote keeps a space after it, and "It's" comes back as `It' s`.
# Splitting threw the spaces away, so `decode` has to guess them: it puts one
# between every two tokens and removes those before punctuation. It cannot know
# that an opening quote hugs the word after it, or that the three tokens `It`,
# `'` and `s` were written together. GPT-2's tokenizer, further on, keeps each
# space as part of the token after it, and gives back the text exactly.
#
# ## Words it has never seen
#
# The weakness shows at once with a word the story never uses:

# %%
try:
    tokenizer.encode("Hello, do you like tea?")
except KeyError as error:
    print("KeyError:", error)

# %% [markdown]
# ## Special tokens
#
# Two extra entries fix the worst of it: `<|unk|>` stands for any unknown word,
# and `<|endoftext|>` marks the boundary between unrelated documents when they
# are concatenated for training.

# %%
all_tokens = sorted(set(preprocessed))
all_tokens.extend(["<|endoftext|>", "<|unk|>"])
vocab = {token: integer for integer, token in enumerate(all_tokens)}
print("vocabulary size:", len(vocab))

class SimpleTokenizerV2(SimpleTokenizerV1):
    def encode(self, text):
        pieces = re.split(r'([,.:;?_!"()\']|--|\s)', text)
        pieces = [item.strip() for item in pieces if item.strip()]
        pieces = [item if item in self.str_to_int else "<|unk|>" for item in pieces]
        return [self.str_to_int[s] for s in pieces]

tokenizer = SimpleTokenizerV2(vocab)
text = " <|endoftext|> ".join(("Hello, do you like tea?", "In the sunlit terraces of the palace."))
print(tokenizer.encode(text))
print(tokenizer.decode(tokenizer.encode(text)))

# %% [markdown]
# ## GPT-2's tokenizer
#
# Unknown words are a dead end: "Hello" comes back as `<|unk|>`. GPT-2 instead
# uses *byte-pair encoding* (BPE): a vocabulary of 50,257 pieces, from single
# bytes up to whole common words. Any text at all can be written with them,
# because in the worst case a word is spelled out byte by byte.
#
# `tiktoken` is the library OpenAI uses; the workbench has its own exact copy.

# %%
import tiktoken

sample = "Hello, do you like tea? <|endoftext|> In the sunlit terraces of someunknownPlace."  # @param {type:"string"}
enc = tiktoken.get_encoding("gpt2")
ids = enc.encode(sample, allowed_special={"<|endoftext|>"})
print(ids)
print(enc.decode(ids))
print("vocabulary size:", enc.n_vocab)

# %% [markdown]
# A made-up word is not a problem, just more pieces:

# %%
ids = enc.encode("Akwirw ier")
print(ids)
print([enc.decode([i]) for i in ids])

# %% [markdown]
# ## Byte-pair encoding from scratch
#
# Where does a vocabulary like GPT-2's come from? BPE starts from the 256
# possible bytes and repeatedly finds the most frequent *adjacent pair* in the
# training text, then adds that pair as a new token. Common words soon become
# single tokens; rare ones stay in pieces.
#
# Here it is on a small text. Each line is one merge: the pair, how often it
# occurred, and the new token's text.

# %%
training_text = "the cat sat on the mat. the fat cat ate the rat."  # @param {type:"string"}
num_merges = 10  # @param {type:"integer", min:1, max:40}

words = [list(w.encode("utf-8")) for w in re.findall(r" ?\w+|[^\w\s]", training_text)]
names = {i: chr(i) for i in range(256)}

for step in range(num_merges):
    pairs = {}
    for w in words:
        for pair in zip(w, w[1:]):
            pairs[pair] = pairs.get(pair, 0) + 1
    if not pairs:
        print("nothing left to merge")
        break
    a, b = max(pairs, key=pairs.get)  # the first most frequent pair
    count = pairs[(a, b)]
    new_id = 256 + step
    names[new_id] = names[a] + names[b]
    print(f"merge {step + 1:2}: {names[a]!r} + {names[b]!r} -> {names[new_id]!r}  ({count}x)")
    merged = []
    for w in words:
        out, i = [], 0
        while i < len(w):
            if i + 1 < len(w) and w[i] == a and w[i + 1] == b:
                out.append(new_id)
                i += 2
            else:
                out.append(w[i])
                i += 1
        merged.append(out)
    words = merged

print([[names[t] for t in w] for w in words])

# %% [markdown]
# ## The same process, with GPT-2's merges
#
# GPT-2 learned 50,000 merges this way from 40 GB of web text. Their order is
# stored as a *rank*: the lower the rank, the earlier the merge was learned. To
# encode a word, start from its bytes and keep applying the lowest-ranked merge
# available. Watch a word assemble itself:

# %%
word = " unbelievable"  # @param {type:"string"}

ranks = enc._mergeable_ranks
parts = [bytes([b]) for b in word.encode("utf-8")]
print([p.decode("utf-8", errors="replace") for p in parts])
while len(parts) > 1:
    candidates = [(ranks.get(parts[i] + parts[i + 1]), i) for i in range(len(parts) - 1)]
    candidates = [(r, i) for r, i in candidates if r is not None]
    if not candidates:
        break
    rank, i = min(candidates)
    parts = parts[:i] + [parts[i] + parts[i + 1]] + parts[i + 2:]
    print(f"rank {rank:5}:", [p.decode("utf-8", errors="replace") for p in parts])

print("token ids:", [ranks[p] for p in parts], "=", enc.encode(word))

# %% [markdown]
# ## Looking back
#
# Text became integers three ways. Splitting on words and punctuation is simple
# but brittle: it fails on any word it has not seen, and it loses the spacing.
# Byte-pair encoding never fails, because the 256 bytes are always there to fall
# back on, and it learns its vocabulary from text: frequent pieces become single
# tokens, rare words stay in several.
#
# Things to try:
#
# * `enc.encode("hello")` and `enc.encode(" hello")`: the space belongs to the
#   token, so these are different ids.
# * `set word " tokenization"` and `rerun`: a long word assembles from common
#   parts.
# * `set num_merges 40`, then `goto 8` and `next`: after 18 merges every word of
#   the small text is a single token, and nothing is left to merge.
