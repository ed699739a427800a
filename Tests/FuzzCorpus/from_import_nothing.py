# expect: SyntaxError
# Found by llmwb-fuzz: `from import` with no module name crashed the interpreter (an empty import).
# %%
import tiktoken
import torch
import torch.nn as nn
from import GPT_CONFIG_124M, LayerNorm, TransformerBlock

tokenizer = tiktoken.get_encoding("gpt2")
batch = torch.stack([
    torch.tensor(tokenizer.encode("Every day holds a")),
])
print(batch)