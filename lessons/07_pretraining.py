# %% [markdown]
# # Pretraining
#
# The GPT of lesson 06 writes gibberish because its 124 million weights are
# random. Training changes that, in a loop of four moves:
#
# 1. measure how wrong the model's next-token guesses are: the *loss*;
# 2. work out how the loss changes when each weight changes (`loss.backward()`);
# 3. move every weight a little in the direction that lowers the loss (the optimizer);
# 4. repeat, on the next piece of text.
#
# Our text is Edith Wharton's short story "The Verdict", about 5,000 tokens. That
# is far too little to learn English, so the model will mostly learn the story by
# heart, but the falling loss and the samples show learning as it happens.
#
# `size` picks the book's GPT-2 small (124M parameters; training takes half an
# hour or more on a laptop CPU) or a narrow two-layer model that trains in a
# few minutes. Both use the tokenizer of lesson 01 and the `GPTModel` of
# lesson 06.

# %%
import tiktoken
import torch
from gpt import GPTModel, generate_text_simple

size = "124M"  # @param ["124M", "small"]
if size == "124M":
    GPT_CONFIG = {"vocab_size": 50257, "context_length": 256, "emb_dim": 768,
                  "n_heads": 12, "n_layers": 12, "drop_rate": 0.1, "qkv_bias": False}
else:
    GPT_CONFIG = {"vocab_size": 50257, "context_length": 64, "emb_dim": 128,
                  "n_heads": 4, "n_layers": 2, "drop_rate": 0.1, "qkv_bias": False}

torch.manual_seed(123)
model = GPTModel(GPT_CONFIG)
model.eval()  # no dropout while we only look at the model's guesses
tokenizer = tiktoken.get_encoding("gpt2")

def text_to_token_ids(text, tokenizer):
    encoded = tokenizer.encode(text, allowed_special={"<|endoftext|>"})
    return torch.tensor(encoded).unsqueeze(0)  # [t] -> [1, t]: a batch of one

def token_ids_to_text(token_ids, tokenizer):
    return tokenizer.decode(token_ids.squeeze(0).tolist())  # [1, t] -> [t]

token_ids = generate_text_simple(model, text_to_token_ids("Every effort moves you", tokenizer),
                                 max_new_tokens=10, context_size=GPT_CONFIG["context_length"])
print("Output text:\n", token_ids_to_text(token_ids, tokenizer))

# %% [markdown]
# ## How wrong is the model?
#
# Two three-token inputs, and for each position the token that *should* come
# next: the same text shifted one token to the left. For every position the
# model scores all 50,257 tokens of the vocabulary; softmax turns the scores
# into probabilities. The most likely tokens are nowhere near the targets yet.

# %%
inputs = torch.tensor([[16833, 3626, 6100],   # "every effort moves"
                       [40, 1107, 588]])      # "I really like"
targets = torch.tensor([[3626, 6100, 345],    # " effort moves you"
                        [1107, 588, 11311]])  # " really like chocolate"

with torch.no_grad():
    logits = model(inputs)                    # [2, 3, 50257]
probas = torch.softmax(logits, dim=-1)
token_ids = torch.argmax(probas, dim=-1, keepdim=True)
print("Targets batch 1:", token_ids_to_text(targets[0], tokenizer))
print("Outputs batch 1:", token_ids_to_text(token_ids[0].flatten(), tokenizer))

# %% [markdown]
# What matters is the probability the model gives each *right* token. Picking
# it out of `probas` needs one index per dimension: the text, the position, and
# the target token id there.

# %%
text_idx = 0
target_probas_1 = probas[text_idx, [0, 1, 2], targets[text_idx]]
print("Text 1:", target_probas_1)
text_idx = 1
target_probas_2 = probas[text_idx, [0, 1, 2], targets[text_idx]]
print("Text 2:", target_probas_2)

# %% [markdown]
# ## Cross-entropy
#
# A perfect model gives every right token probability 1. Multiplying many small
# probabilities quickly underflows, so we add their logarithms instead, take the
# mean, and flip the sign: a number that is 0 for a perfect model and grows as
# the model gets worse. This *cross-entropy loss* is what training lowers.

# %%
log_probas = torch.log(torch.cat((target_probas_1, target_probas_2)))
print(log_probas)
avg_log_probas = torch.mean(log_probas)
neg_avg_log_probas = avg_log_probas * -1
print(neg_avg_log_probas)

# %% [markdown]
# PyTorch does the softmax, the picking, the log and the mean in one call. It
# wants the logits as one row per position and the targets as one flat list,
# so we flatten the batch dimension away first.

# %%
logits_flat = logits.flatten(0, 1)   # [2, 3, 50257] -> [6, 50257]
targets_flat = targets.flatten()     # [2, 3] -> [6]
print("Flattened logits:", logits_flat.shape)
print("Flattened targets:", targets_flat.shape)
loss = torch.nn.functional.cross_entropy(logits_flat, targets_flat)
print(loss)

# %% [markdown]
# *Perplexity*, e to the loss, is easier to picture: the number of tokens the
# model is effectively torn between at each step. Untrained, it hesitates
# between roughly as many tokens as the vocabulary holds.

# %%
perplexity = torch.exp(loss)
print(perplexity)

# %% [markdown]
# ## Training and validation data
#
# The first 90% of the story is for training; the last 10% is kept back to
# check whether what the model learns carries over to text it has not seen.
# The loaders cut each part into windows of `context_length` tokens, the
# targets shifted by one, as in lesson 02. Training windows come in a random
# order each epoch; validation windows always in the same one.

# %%
from torch.utils.data import Dataset, DataLoader

class GPTDatasetV1(Dataset):
    def __init__(self, txt, tokenizer, max_length, stride):
        self.input_ids, self.target_ids = [], []
        token_ids = tokenizer.encode(txt, allowed_special={"<|endoftext|>"})
        for i in range(0, len(token_ids) - max_length, stride):
            self.input_ids.append(torch.tensor(token_ids[i:i + max_length]))
            self.target_ids.append(torch.tensor(token_ids[i + 1:i + max_length + 1]))

    def __len__(self):
        return len(self.input_ids)

    def __getitem__(self, idx):
        return self.input_ids[idx], self.target_ids[idx]

def create_dataloader_v1(txt, batch_size, max_length, stride, shuffle, drop_last):
    dataset = GPTDatasetV1(txt, tiktoken.get_encoding("gpt2"), max_length, stride)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last)

with open("data/the-verdict.txt", "r", encoding="utf-8") as f:
    text_data = f.read()
print("Characters:", len(text_data))
print("Tokens:", len(tokenizer.encode(text_data)))

train_ratio = 0.90
split_idx = int(train_ratio * len(text_data))
train_data = text_data[:split_idx]
val_data = text_data[split_idx:]

torch.manual_seed(123)
context = GPT_CONFIG["context_length"]
train_loader = create_dataloader_v1(train_data, batch_size=2, max_length=context,
                                    stride=context, shuffle=True, drop_last=True)
val_loader = create_dataloader_v1(val_data, batch_size=2, max_length=context,
                                  stride=context, shuffle=False, drop_last=False)
train_tokens = sum(x.numel() for x, y in train_loader)
val_tokens = sum(x.numel() for x, y in val_loader)
print(f"Training: {len(train_loader)} batches, {train_tokens} tokens")
print(f"Validation: {len(val_loader)} batches, {val_tokens} tokens")

# %% [markdown]
# ## The loss over a whole loader
#
# `calc_loss_batch` is the cross-entropy of one batch; `calc_loss_loader`
# averages it over a loader's batches (or only the first `num_batches`, to
# save time). An untrained model starts near ln(50257) ≈ 10.8: it spreads its
# bets evenly over the vocabulary.

# %%
def calc_loss_batch(input_batch, target_batch, model):
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())

def calc_loss_loader(data_loader, model, num_batches=None):
    if len(data_loader) == 0:
        return float("nan")
    if num_batches is None:
        num_batches = len(data_loader)
    else:
        num_batches = min(num_batches, len(data_loader))
    total_loss = 0.0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        total_loss += calc_loss_batch(input_batch, target_batch, model).item()
    return total_loss / num_batches

torch.manual_seed(123)  # the training loader shuffles
with torch.no_grad():
    train_loss = calc_loss_loader(train_loader, model)
    val_loss = calc_loss_loader(val_loader, model)
print("Training loss:", train_loss)
print("Validation loss:", val_loss)

# %% [markdown]
# ## The training loop
#
# For every batch: forget the previous gradients, compute the loss,
# backpropagate, let the optimizer step. Every `eval_freq` steps we measure both
# losses on a few batches (in `eval()` mode, without dropout), and after each
# epoch the model continues "Every effort moves you" so we can read its
# progress.
#
# On a terminal a progress bar shows each epoch's steps, the time it has taken
# and still needs, the loss and the tokens per second. **Ctrl-C** stops training
# early: the model keeps the weights it has reached and the lesson goes on from
# there.

# %%
import time
from tqdm import tqdm

def evaluate_model(model, train_loader, val_loader, eval_iter):
    model.eval()
    with torch.no_grad():
        train_loss = calc_loss_loader(train_loader, model, num_batches=eval_iter)
        val_loss = calc_loss_loader(val_loader, model, num_batches=eval_iter)
    model.train()
    return train_loss, val_loss

def generate_and_print_sample(model, tokenizer, start_context):
    model.eval()
    context_size = model.pos_emb.weight.shape[0]
    encoded = text_to_token_ids(start_context, tokenizer)
    token_ids = generate_text_simple(model, encoded, max_new_tokens=50, context_size=context_size)
    print(token_ids_to_text(token_ids, tokenizer).replace("\n", " "))
    model.train()

def train_model_simple(model, train_loader, val_loader, optimizer, num_epochs,
                       eval_freq, eval_iter, start_context, tokenizer):
    train_losses, val_losses, track_tokens_seen = [], [], []
    tokens_seen, global_step = 0, -1
    total_steps = num_epochs * len(train_loader)
    start = time.perf_counter()
    report = []
    try:
        for epoch in range(num_epochs):
            model.train()
            report = []  # printed below the epoch's progress bar once it closes
            with tqdm(total=len(train_loader), desc=f"epoch {epoch + 1}/{num_epochs}", unit="step") as bar:
                for input_batch, target_batch in train_loader:
                    optimizer.zero_grad()
                    loss = calc_loss_batch(input_batch, target_batch, model)
                    loss.backward()
                    optimizer.step()
                    tokens_seen += input_batch.numel()
                    global_step += 1
                    if global_step % eval_freq == 0:
                        train_loss, val_loss = evaluate_model(model, train_loader, val_loader, eval_iter)
                        train_losses.append(train_loss)
                        val_losses.append(val_loss)
                        track_tokens_seen.append(tokens_seen)
                        report.append(f"Ep {epoch + 1} (Step {global_step:06d}): "
                                      f"Train loss {train_loss:.3f}, Val loss {val_loss:.3f}")
                    tokens_per_second = tokens_seen / (time.perf_counter() - start)
                    bar.set_postfix({"loss": f"{loss.item():.3f}", "tok/s": f"{tokens_per_second:.0f}"}, refresh=False)
                    bar.update()
            for line in report:
                print(line)
            generate_and_print_sample(model, tokenizer, start_context)
    except KeyboardInterrupt:
        for line in report:
            print(line)
        print(f"Training stopped after {global_step + 1} of {total_steps} steps; the model keeps what it has learned so far.")
    model.eval()
    return train_losses, val_losses, track_tokens_seen

# %% [markdown]
# The book's settings are AdamW with learning rate 0.0004 and weight decay 0.1,
# ten passes over the training text (*epochs*) and an evaluation every five
# steps. This run trains the {size} model with `num_epochs` = {num_epochs} and
# `learning_rate` = {learning_rate}. With the 124M model it takes a while on a CPU;
# `set size small` and `rerun` if you are in a hurry. The plot shows the
# training loss (first series) and the validation loss at each evaluation.

# %%
num_epochs = 10  # @param {type:"integer", min:1, max:50}
learning_rate = 0.0004  # @param {type:"number", min:0.00001, max:0.01}

torch.manual_seed(123)
model = GPTModel(GPT_CONFIG)
optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.1)
train_losses, val_losses, tokens_seen = train_model_simple(
    model, train_loader, val_loader, optimizer, num_epochs=num_epochs,
    eval_freq=5, eval_iter=5, start_context="Every effort moves you", tokenizer=tokenizer)
# @show plot train_losses val_losses --x tokens_seen

# %% [markdown]
# With the 124M model the training loss keeps falling, from about 10 to below
# 1: the model learns the story by heart, and its samples turn into fluent
# pieces of it. The validation loss stops improving after a few epochs, near
# 6, and then creeps up: what the model learns about this one story no longer
# helps with text it has not seen. That gap is *overfitting*; with a few
# thousand tokens it is all one can expect (GPT-2 was trained on billions).
# The small model learns more slowly: first the commonest tokens (commas,
# "the"), which is how every language model starts.
#
# ## Choosing the next token
#
# So far the next token was always the most likely one ("greedy" decoding):
# the same prompt gives the same text every time. *Sampling* draws the next
# token at random, with the model's probabilities. Here is a made-up
# vocabulary of nine words and the scores a model might give them after
# "every effort moves you":

# %%
vocab = {"closer": 0, "every": 1, "effort": 2, "forward": 3, "inches": 4,
         "moves": 5, "pizza": 6, "toward": 7, "you": 8}
inverse_vocab = {v: k for k, v in vocab.items()}
next_token_logits = torch.tensor([4.51, 0.89, -1.90, 6.75, 1.63, -1.62, -1.89, 6.28, 1.79])

probas = torch.softmax(next_token_logits, dim=0)
print("greedy:", inverse_vocab[torch.argmax(probas).item()])
torch.manual_seed(123)
print("sampled:", inverse_vocab[torch.multinomial(probas, num_samples=1).item()])

# %% [markdown]
# One draw says little; a thousand show the pattern. `torch.multinomial` draws
# exactly as in PyTorch, so with seed 123 the counts are the book's.
#
# *Temperature* divides the scores before the softmax. Below 1 it sharpens the
# distribution (0.1 is nearly greedy); above 1 it flattens it, so unlikely
# words, even "pizza", get their turn.

# %%
def print_sampled_tokens(probas):
    torch.manual_seed(123)
    sample = [torch.multinomial(probas, num_samples=1).item() for i in range(1_000)]
    sampled_ids = torch.bincount(torch.tensor(sample), minlength=len(probas))
    for i, freq in enumerate(sampled_ids):
        print(f"{freq} x {inverse_vocab[i]}")

def softmax_with_temperature(logits, temperature):
    return torch.softmax(logits / temperature, dim=0)

for temperature in [1, 0.1, 5]:
    print(f"Temperature {temperature}:")
    print_sampled_tokens(softmax_with_temperature(next_token_logits, temperature))

# %% [markdown]
# ## Top-k sampling
#
# A high temperature makes text lively but also lets absurd tokens through.
# *Top-k* keeps only the k highest scores and sets the rest to minus infinity,
# which softmax turns into probability 0. Sampling then chooses among the k
# plausible tokens only.

# %%
top_k = 3  # @param {type:"integer", min:1, max:9}
top_logits, top_pos = torch.topk(next_token_logits, top_k)
print("Top logits:", top_logits)
print("Top positions:", top_pos)
new_logits = torch.where(next_token_logits < top_logits[-1],
                         torch.tensor(float("-inf")), next_token_logits)
print(new_logits)
topk_probas = torch.softmax(new_logits, dim=0)
print(topk_probas)

# %% [markdown]
# `generate` puts it all together: the context window, optional top-k
# filtering, temperature sampling (or greedy when the temperature is 0), and an
# optional `eos_id` that ends the text early when the model produces it. Here
# our freshly trained model writes with temperature 1.4 and top-k 25.

# %%
def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None, eos_id=None):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)
        logits = logits[:, -1, :]                        # [b, vocab]: the last position only
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            min_val = top_logits[:, -1]
            logits = torch.where(logits < min_val, torch.tensor(float("-inf")), logits)
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)   # [b, 1]
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if idx_next == eos_id:
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx

model.eval()
torch.manual_seed(123)
token_ids = generate(model, text_to_token_ids("Every effort moves you", tokenizer),
                     max_new_tokens=15, context_size=GPT_CONFIG["context_length"],
                     top_k=25, temperature=1.4)
print("Output text:\n", token_ids_to_text(token_ids, tokenizer))

# %% [markdown]
# With `eos_id` the text may end before `max_new_tokens`: GPT-2 marks the end
# of a document with `<|endoftext|>` (id 50256), and a model that produces it
# has said all it wants to say. Our story has no such marker, so to watch the
# stop at work we make a token the model does produce play the part: the one
# greedy decoding picks fifth.

# %%
greedy = generate(model, text_to_token_ids("Every effort moves you", tokenizer),
                  max_new_tokens=8, context_size=GPT_CONFIG["context_length"])
stop_id = greedy[0, -4].item()  # the fifth of the eight new tokens
print("greedy, 8 new tokens:", repr(token_ids_to_text(greedy, tokenizer)))
stopped = generate(model, text_to_token_ids("Every effort moves you", tokenizer),
                   max_new_tokens=8, context_size=GPT_CONFIG["context_length"], eos_id=stop_id)
print(f"stopping at {tokenizer.decode([stop_id])!r}:", repr(token_ids_to_text(stopped, tokenizer)))

# %% [markdown]
# ## Saving and loading
#
# A model's `state_dict()` maps each parameter's name to its tensor; AdamW has
# one too (its running averages of the gradients), which is needed to go on
# training where we left off. `torch.save` writes them, here in the safetensors
# format that other frameworks read as well, and `torch.load` reads them back
# into a fresh model and optimizer. The workbench deletes the file again to
# keep the lessons folder clean; remove the last line to keep it.

# %%
import os

checkpoint_path = "model_and_optimizer.pth"
torch.save({"model_state_dict": model.state_dict(),
            "optimizer_state_dict": optimizer.state_dict()}, checkpoint_path)

checkpoint = torch.load(checkpoint_path, weights_only=True)
restored = GPTModel(GPT_CONFIG)
restored.load_state_dict(checkpoint["model_state_dict"])
restored_optimizer = torch.optim.AdamW(restored.parameters(), lr=learning_rate, weight_decay=0.1)
restored_optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
restored.eval()

same = all(torch.equal(a, b) for a, b in zip(model.parameters(), restored.parameters()))
print("weights identical:", same)
print("optimizer steps taken:", restored_optimizer.state_dict()["state"][0]["step"])
with torch.no_grad():
    print("same logits:", torch.equal(model(inputs), restored(inputs)))
os.remove(checkpoint_path)

# %% [markdown]
# ## OpenAI's weights
#
# OpenAI trained GPT-2 on about 40 GB of web text and published the weights.
# Hugging Face hosts them as safetensors files; from a terminal,
#
#     llmwb download gpt2 --size 124M
#
# fetches the 124M model (550 MB) into `~/.cache/llmwb/gpt2-124M` (also 355M,
# 774M and 1558M). `load_weights_into_gpt` in `gpt.py` (`source gpt`) copies
# them into our `GPTModel`. The names differ (`wte` is `tok_emb`, `c_attn` holds
# W_query, W_key and W_value side by side), and GPT-2's layers store their
# weights transposed. GPT-2 also uses biases in the query, key and value
# projections and a context of 1,024 tokens. If the files are not there, the
# step says how to get them.

# %%
from gpt import load_weights_into_gpt
from safetensors.torch import load_file

gpt2_size = "124M"  # @param ["124M", "355M", "774M", "1558M"]
cache_folder = "~/.cache/llmwb"  # @param {type:"string"}
gpt2_folder = cache_folder + "/gpt2-" + gpt2_size
model_configs = {
    "124M": {"emb_dim": 768, "n_layers": 12, "n_heads": 12},
    "355M": {"emb_dim": 1024, "n_layers": 24, "n_heads": 16},
    "774M": {"emb_dim": 1280, "n_layers": 36, "n_heads": 20},
    "1558M": {"emb_dim": 1600, "n_layers": 48, "n_heads": 25},
}
weights_file = os.path.join(gpt2_folder.replace("~", os.getenv("HOME", "~"), 1), "model.safetensors")

if os.path.exists(weights_file):
    NEW_CONFIG = {"vocab_size": 50257, "context_length": 1024, "drop_rate": 0.0, "qkv_bias": True}
    NEW_CONFIG.update(model_configs[gpt2_size])
    gpt = GPTModel(NEW_CONFIG)
    load_weights_into_gpt(gpt, load_file(weights_file))
    gpt.eval()
    torch.manual_seed(123)
    token_ids = generate(gpt, text_to_token_ids("Every effort moves you", tokenizer),
                         max_new_tokens=25, context_size=NEW_CONFIG["context_length"],
                         top_k=50, temperature=1.5)
    print(f"GPT-2 {gpt2_size}:\n", token_ids_to_text(token_ids, tokenizer))
else:
    print(f"No GPT-2 {gpt2_size} weights in {gpt2_folder}.")
    print(f"Get them with `llmwb download gpt2 --size {gpt2_size}`, then run this step again (`goto`, `rerun`).")

# %% [markdown]
# ## Looking back
#
# Training repeats four moves: predict the next tokens, measure the loss,
# backpropagate, step. On one short story the model learns fast and then starts
# to memorise, which the gap between training and validation loss shows. How
# the next token is chosen, greedily or by sampling with a temperature and
# top-k, changes the text as much as the weights do.
#
# Things to try:
#
# * `plot train_losses val_losses`: the two loss curves again.
# * `print_sampled_tokens(softmax_with_temperature(next_token_logits, 0.5))`:
#   a thousand draws at another temperature.
# * `set size small`, `set num_epochs 3` and `rerun`: a few minutes, and the
#   samples after each epoch show what the small model picks up first.
# * `llmwb download gpt2 --size 124M` in a terminal, then `goto 16` and `next`:
#   the same prompt continued by OpenAI's trained weights.
