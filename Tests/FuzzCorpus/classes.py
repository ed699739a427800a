# expect: ok
import torch
from torch import nn

class Block(nn.Module):
    def __init__(self, d):
        super().__init__()
        self.lin = nn.Linear(d, d)
        self.register_buffer("mask", torch.tril(torch.ones(d, d)))

    def forward(self, x):
        return self.lin(x).masked_fill(self.mask == 0, -torch.inf).softmax(dim=-1)

torch.manual_seed(0)
print(Block(3)(torch.ones(3, 3)).shape)
