# %% [markdown]
# # Pretraining
#
# The GPT of lesson 06 produces gibberish because its weights are random.
# Training fixes that: measure how wrong the model's next-token guesses are (the
# *loss*), compute how each weight affects the loss (backpropagation), nudge
# every weight downhill (the optimizer), and repeat.
#
# We train on "The Verdict", which is tiny, so the model will mostly memorise
# it, but the loss curve and the samples show learning as it happens. The
# `size` parameter picks the book's GPT-2 small (slow on a laptop CPU: minutes
# per epoch) or a small model that trains in seconds.

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
model.eval()
tokenizer = tiktoken.get_encoding("gpt2")

def text_to_token_ids(text, tokenizer):
    encoded = tokenizer.encode(text, allowed_special={"<|endoftext|>"})
    return torch.tensor(encoded).unsqueeze(0)  # [t] -> [1, t]

def token_ids_to_text(token_ids, tokenizer):
    return tokenizer.decode(token_ids.squeeze(0).tolist())

token_ids = generate_text_simple(model, text_to_token_ids("Every effort moves you", tokenizer),
                                 max_new_tokens=10, context_size=GPT_CONFIG["context_length"])
print("Output text:\n", token_ids_to_text(token_ids, tokenizer))

# %% [markdown]
# ## How wrong is the model?
#
# Two short texts, and for each position the token that should come next (the
# input shifted by one). The model assigns a probability to every one of the
# 50,257 possible next tokens; we care about the probability it gives the
# *right* one.

# %%
inputs = torch.tensor([[16833, 3626, 6100],   # "every effort moves"
                       [40, 1107, 588]])      # "I really like"
targets = torch.tensor([[3626, 6100, 345],    # " effort moves you"
                        [1107, 588, 11311]])  # " really like chocolate"

with torch.no_grad():
    logits = model(inputs)
probas = torch.softmax(logits, dim=-1)  # [2, 3, 50257]
target_probas_1 = probas[0, [0, 1, 2], targets[0]]
target_probas_2 = probas[1, [0, 1, 2], targets[1]]
print("Text 1:", target_probas_1)
print("Text 2:", target_probas_2)

# %% [markdown]
# A perfect model would give each right token probability 1. Multiplying many
# small probabilities underflows, so we add their logarithms instead, average,
# and flip the sign to get a number to *minimise*: the cross-entropy loss.
# PyTorch's `cross_entropy` does all of that in one call.

# %%
log_probas = torch.log(torch.cat((target_probas_1, target_probas_2)))
print(log_probas)
neg_avg_log_probas = -torch.mean(log_probas)
print(neg_avg_log_probas)

loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
print(loss)

# %% [markdown]
# *Perplexity*, e^loss, reads as "how many tokens the model is torn between".
# An untrained model is torn between roughly the whole vocabulary.

# %%
perplexity = torch.exp(loss)
print(perplexity)

# %% [markdown]
# ## Training and validation data
#
# The first 90% of the story trains the model; the last 10% checks whether what
# it learned carries over to text it has not seen.

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

train_ratio = 0.90
split_idx = int(train_ratio * len(text_data))
torch.manual_seed(123)
context = GPT_CONFIG["context_length"]
train_loader = create_dataloader_v1(text_data[:split_idx], batch_size=2, max_length=context,
                                    stride=context, shuffle=True, drop_last=True)
val_loader = create_dataloader_v1(text_data[split_idx:], batch_size=2, max_length=context,
                                  stride=context, shuffle=False, drop_last=False)
print("train batches:", len(train_loader), " validation batches:", len(val_loader))

# %% [markdown]
# The loss of a batch, and the average over (some of) a loader:

# %%
def calc_loss_batch(input_batch, target_batch, model):
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())

def calc_loss_loader(data_loader, model, num_batches=None):
    if len(data_loader) == 0:
        return float("nan")
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    total_loss = 0.0
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i >= num_batches:
            break
        total_loss += calc_loss_batch(input_batch, target_batch, model).item()
    return total_loss / num_batches

torch.manual_seed(123)
with torch.no_grad():
    train_loss = calc_loss_loader(train_loader, model)
    val_loss = calc_loss_loader(val_loader, model)
print("Training loss:", train_loss)
print("Validation loss:", val_loss)

# %% [markdown]
# ## The training loop
#
# For every batch: clear old gradients, compute the loss, backpropagate, step.
# Every few steps we measure both losses; after every epoch, a sample shows
# what the model writes now. Press Ctrl-C to stop early: the model keeps the
# weights it has reached.

# %%
def evaluate_model(model, train_loader, val_loader, eval_iter):
    model.eval()
    with torch.no_grad():
        train_loss = calc_loss_loader(train_loader, model, num_batches=eval_iter)
        val_loss = calc_loss_loader(val_loader, model, num_batches=eval_iter)
    model.train()
    return train_loss, val_loss

def generate_and_print_sample(model, tokenizer, start_context):
    model.eval()
    encoded = text_to_token_ids(start_context, tokenizer)
    token_ids = generate_text_simple(model, encoded, max_new_tokens=50,
                                     context_size=model.pos_emb.weight.shape[0])
    print(token_ids_to_text(token_ids, tokenizer).replace("\n", " "))
    model.train()

def train_model_simple(model, train_loader, val_loader, optimizer, num_epochs,
                       eval_freq, eval_iter, start_context, tokenizer):
    train_losses, val_losses, track_tokens_seen = [], [], []
    tokens_seen, global_step = 0, -1
    for epoch in range(num_epochs):
        model.train()
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
                print(f"Ep {epoch+1} (Step {global_step:06d}): "
                      f"Train loss {train_loss:.3f}, Val loss {val_loss:.3f}")
        generate_and_print_sample(model, tokenizer, start_context)
    return train_losses, val_losses, track_tokens_seen

# %%
num_epochs = 10  # @param {type:"integer", min:1, max:20}
learning_rate = 0.0004  # @param {type:"number", min:0.00001, max:0.01}

torch.manual_seed(123)
model = GPTModel(GPT_CONFIG)
optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.1)
train_losses, val_losses, tokens_seen = train_model_simple(
    model, train_loader, val_loader, optimizer, num_epochs=num_epochs,
    eval_freq=5, eval_iter=5, start_context="Every effort moves you", tokenizer=tokenizer)
# @show plot train_losses val_losses

# %% [markdown]
# The training loss keeps falling: the model is memorising the story. The
# validation loss stops improving after a few epochs: past that point, nothing
# it learns carries over to unseen text. With 5,000 tokens of training data,
# that is all one can expect; GPT-2 saw billions.
#
# ## Choosing the next token
#
# Greedy decoding always takes the most likely token, so the same prompt always
# gives the same text. Sampling draws from the probabilities instead. Here are
# 1,000 draws from a toy distribution over nine words:

# %%
vocab = {"closer": 0, "every": 1, "effort": 2, "forward": 3, "inches": 4,
         "moves": 5, "pizza": 6, "toward": 7, "you": 8}
inverse_vocab = {v: k for k, v in vocab.items()}
next_token_logits = torch.tensor([4.51, 0.89, -1.90, 6.75, 1.63, -1.62, -1.89, 6.28, 1.79])

def print_sampled_tokens(probas):
    torch.manual_seed(123)
    sample = [torch.multinomial(probas, num_samples=1).item() for i in range(1_000)]
    sampled_ids = torch.bincount(torch.tensor(sample), minlength=len(probas))
    for i, freq in enumerate(sampled_ids):
        print(f"{freq} x {inverse_vocab[i]}")

print_sampled_tokens(torch.softmax(next_token_logits, dim=0))

# %% [markdown]
# *Temperature* divides the logits before softmax: below 1 it sharpens the
# distribution towards greedy, above 1 it flattens it towards uniform.

# %%
temperature = 0.1  # @param {type:"number", min:0.05, max:5}
print_sampled_tokens(torch.softmax(next_token_logits / temperature, dim=0))

# %% [markdown]
# *Top-k* sampling keeps only the k most likely tokens, so even a high
# temperature cannot pick something absurd.

# %%
top_k = 3  # @param {type:"integer", min:1, max:9}
top_logits, top_pos = torch.topk(next_token_logits, top_k)
new_logits = torch.where(next_token_logits < top_logits[-1], torch.tensor(float("-inf")), next_token_logits)
print(new_logits)
print(torch.softmax(new_logits, dim=0))

# %%
def generate(model, idx, max_new_tokens, context_size, temperature=0.0, top_k=None, eos_id=None):
    for _ in range(max_new_tokens):
        idx_cond = idx[:, -context_size:]
        with torch.no_grad():
            logits = model(idx_cond)[:, -1, :]
        if top_k is not None:
            top_logits, _ = torch.topk(logits, top_k)
            logits = torch.where(logits < top_logits[:, -1], torch.tensor(float("-inf")), logits)
        if temperature > 0.0:
            probs = torch.softmax(logits / temperature, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)
        else:
            idx_next = torch.argmax(logits, dim=-1, keepdim=True)
        if idx_next == eos_id:
            break
        idx = torch.cat((idx, idx_next), dim=1)
    return idx

model.eval()
torch.manual_seed(123)
token_ids = generate(model, text_to_token_ids("Every effort moves you", tokenizer), max_new_tokens=15,
                     context_size=GPT_CONFIG["context_length"], top_k=25, temperature=1.4)
print("Output text:\n", token_ids_to_text(token_ids, tokenizer))

# %% [markdown]
# ## Saving and loading
#
# A state dict maps each parameter's name to its tensor. The workbench writes it
# in the safetensors format, which any framework can read.

# %%
torch.save(model.state_dict(), "model.pth")
restored = GPTModel(GPT_CONFIG)
restored.load_state_dict(torch.load("model.pth"))
restored.eval()
same = all(torch.equal(a, b) for a, b in zip(model.parameters(), restored.parameters()))
print("restored model identical:", same)
