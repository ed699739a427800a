# Generates Tests/BindingsTests/TorchSurfaceExpectations.swift: lesson-language snippets for
# the PyTorch API that nanoGPT, minGPT and the book's appendices A and D call, each with the
# stdout and stderr real torch prints. Run by hand: python3 Tests/Fixtures/make_torch_surface_fixtures.py

import contextlib
import io
import os
import traceback

import torch

CASES = {}

CASES["split_chunk_unbind"] = r'''
import torch
x = torch.arange(10).reshape(2, 5)
print(x.split(2, dim=1))
print(torch.split(x, [1, 4], dim=1))
print(x.split(1))
a, b, c = torch.arange(12.).view(2, 6).split(2, dim=1)
print(a, b.shape, c.is_contiguous())
print(x.chunk(3, dim=1))
print(torch.chunk(torch.arange(5), 2))
print(torch.arange(6).chunk(4))
print(x.unbind(1))
print(torch.unbind(x))
for bad in [lambda: x.split([1, 2], dim=1), lambda: x.split(0), lambda: x.chunk(0), lambda: x.split(2, dim=3)]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
'''

CASES["unique_sort_topk"] = r'''
import torch
t = torch.tensor([3, 1, 2, 3, 1, 5])
print(torch.unique(t))
print(t.unique(return_inverse=True))
print(torch.unique(t, return_counts=True))
out, inv, cnt = torch.unique(t, sorted=True, return_inverse=True, return_counts=True)
print(out, inv, cnt)
print(torch.unique(torch.tensor([2.5, -1.0, 2.5])))
s = torch.sort(torch.tensor([3., 1., 2., 1.]))
print(s)
print(s.values, s.indices)
v, i = torch.tensor([[3, 1, 2], [0, 5, 4]]).sort(dim=1, descending=True)
print(v, i)
print(torch.sort(torch.tensor([2, 1, 2, 1, 2]), stable=True, descending=True))
print(type(s).__name__, s[0], len(s))
k = torch.topk(torch.tensor([1., 5., 3., 4.]), 2)
print(k)
vals, idx = torch.tensor([[1., 5., 3.], [9., 2., 7.]]).topk(2, dim=1)
print(vals, idx)
print(k.values, k.indices, k[1])
print(torch.topk(torch.tensor([1., 5., 3., 4.]), 3, largest=False))
m = torch.max(torch.tensor([[1., 7.], [4., 2.]]), 1)
print(m)
print(m.values, m.indices, torch.max(torch.tensor([[1., 7.], [4., 2.]]), dim=0, keepdim=True))
print(torch.min(torch.tensor([[1., 7.], [4., 2.]]), -1))
print(torch.max(torch.tensor([1., 3.])), torch.max(torch.tensor([1., 3.]), torch.tensor([2., 2.])))
'''

CASES["tensor_basics"] = r'''
import torch
x = torch.arange(6.).view(2, 3)
print(x.nelement(), x.numel(), torch.numel(x), x.view(-1), x.view(3, -1).shape)
print(x.t().contiguous().view(-1))
print(x.t().is_contiguous(), x.t().contiguous().is_contiguous())
print(torch.tril(torch.ones(3, 3)), torch.triu(torch.ones(3, 3), diagonal=1).bool())
mask = torch.tril(torch.ones(3, 3)).view(1, 1, 3, 3)
att = torch.zeros(1, 1, 3, 3).masked_fill(mask[:, :, :3, :3] == 0, float('-inf'))
print(att)
print(torch.ones(2, 2).bool(), torch.ones(2, dtype=torch.bool), torch.zeros(2).long())
print(torch.float16, torch.bfloat16, torch.float32, torch.long, torch.int64 == torch.long)
print(x.size(), x.size(-1), x.dim(), x.ndim, x.dtype, x.device, x.device.type)
idx = torch.arange(0, 3, dtype=torch.long, device=x.device)
print(idx, x[:, [-1]], x[:, -1, None])
print(x.new_zeros(2), x.new_ones((1, 2)), x.new_tensor([1, 2]), x.new_full((2,), 7.))
print(torch.zeros(3).uniform_(0, 1).shape, torch.empty(2, 2).fill_(3))
print(torch.cat((x, x), dim=1).shape, torch.stack([x, x]).shape)
b, t = torch.zeros(4, 7).size()
print(b, t)
'''

CASES["nn_init_rng"] = r'''
import math
import torch
import torch.nn as nn
torch.manual_seed(0)
w = torch.empty(3, 5)
print(nn.init.normal_(w, mean=0.0, std=0.02))
print(torch.nn.init.zeros_(torch.empty(2)), nn.init.ones_(torch.empty(2)), nn.init.constant_(torch.empty(2), 0.5))
print(nn.init.uniform_(torch.empty(2, 3), a=-0.1, b=0.1))
print(nn.init.xavier_uniform_(torch.empty(4, 3)))
print(nn.init.xavier_normal_(torch.empty(4, 3), gain=2.0))
print(nn.init.xavier_normal_(torch.empty(8, 4)))
print(nn.init.kaiming_uniform_(torch.empty(3, 4), a=math.sqrt(5)))
print(nn.init.kaiming_normal_(torch.empty(3, 4), mode='fan_out', nonlinearity='relu'))
print(nn.init.kaiming_normal_(torch.empty(6, 4)))
print(nn.init.trunc_normal_(torch.empty(2, 3), std=0.02))
print(nn.init.normal_(torch.empty(20))[-3:])
print(nn.init.calculate_gain('relu'), nn.init.calculate_gain('tanh'), nn.init.calculate_gain('leaky_relu', 0.2))
lin = nn.Linear(4, 2)
with torch.no_grad():
    nn.init.normal_(lin.weight, std=0.02)
nn.init.zeros_(lin.bias)
print(lin.weight, lin.bias)
print(torch.rand(2))
for bad in [lambda: nn.init.xavier_uniform_(torch.empty(3)), lambda: nn.init.kaiming_normal_(torch.empty(2, 2), mode='x')]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
'''

CASES["module_traversal"] = r'''
import torch
import torch.nn as nn
class Block(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
        self.act = nn.GELU()
        self.register_buffer("mask", torch.ones(2), persistent=False)
        self.register_buffer("stat", torch.zeros(1))
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(5, 2)
        self.blocks = nn.ModuleList([Block(), Block()])
        self.head = nn.Linear(2, 5, bias=False)
        self.emb.weight = self.head.weight
torch.manual_seed(0)
net = Net()
print([n for n, _ in net.named_modules()])
print([n for n, _ in net.named_modules(prefix="model")])
print([n for n, _ in net.named_children()], len(list(net.children())), len(list(net.modules())))
print([n for n, _ in net.named_parameters()])
print(sum(p.numel() for p in net.parameters()), len(list(net.parameters(recurse=False))))
print([n for n, _ in net.blocks[0].named_parameters(prefix="b0")])
print([n for n, _ in net.named_buffers()], len(list(net.buffers())))
print(list(net.state_dict().keys()))
print(net.emb.weight is net.head.weight)
seen = []
net.apply(lambda m: seen.append(type(m).__name__))
print(seen)
def init(m):
    if isinstance(m, nn.Linear):
        torch.nn.init.normal_(m.weight, mean=0.0, std=0.02)
        if m.bias is not None:
            torch.nn.init.zeros_(m.bias)
    elif isinstance(m, nn.Embedding):
        torch.nn.init.normal_(m.weight, mean=0.0, std=0.02)
print(net.apply(init) is net)
print(net.head.weight)
for mn, m in net.named_modules():
    for pn, p in m.named_parameters(recurse=False):
        print(mn, pn, isinstance(m, (nn.Linear,)), isinstance(m, nn.Embedding))
'''

CASES["module_dict"] = r'''
import torch
import torch.nn as nn
torch.manual_seed(1)
t = nn.ModuleDict(dict(
    wte=nn.Embedding(4, 2),
    drop=nn.Dropout(0.0),
    h=nn.ModuleList([nn.Linear(2, 2) for _ in range(2)]),
))
print(t)
print(t.wte.weight.shape, t["h"][1].bias, len(t), list(t.keys()), "wte" in t)
for k, v in t.items():
    print(k, type(v).__name__)
t["ln"] = nn.LayerNorm(2)
print([n for n, _ in t.named_parameters()])
print(list(t.values())[-1])
'''

CASES["optimizer_groups"] = r'''
import torch
import torch.nn as nn
torch.manual_seed(3)
model = nn.Sequential(nn.Linear(3, 4), nn.LayerNorm(4), nn.Linear(4, 2))
param_dict = {pn: p for pn, p in model.named_parameters()}
param_dict = {pn: p for pn, p in param_dict.items() if p.requires_grad}
decay_params = [p for n, p in param_dict.items() if p.dim() >= 2]
nodecay_params = [p for n, p in param_dict.items() if p.dim() < 2]
optim_groups = [
    {'params': decay_params, 'weight_decay': 0.1},
    {'params': nodecay_params, 'weight_decay': 0.0}
]
num_decay_params = sum(p.numel() for p in decay_params)
num_nodecay_params = sum(p.numel() for p in nodecay_params)
print(f"num decayed parameter tensors: {len(decay_params)}, with {num_decay_params:,} parameters")
print(f"num non-decayed parameter tensors: {len(nodecay_params)}, with {num_nodecay_params:,} parameters")
extra_args = dict(fused=True) if False else dict()
optimizer = torch.optim.AdamW(optim_groups, lr=6e-4, betas=(0.9, 0.95), **extra_args)
print(len(optimizer.param_groups), [g['weight_decay'] for g in optimizer.param_groups], optimizer.param_groups[0]['betas'])
print(sorted(k for k in optimizer.param_groups[1].keys()))
x = torch.randn(5, 3)
for it in range(4):
    lr = 6e-4 * (it + 1) / 4
    for param_group in optimizer.param_groups:
        param_group['lr'] = lr
    loss = model(x).pow(2).mean()
    loss.backward()
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    optimizer.zero_grad(set_to_none=True)
    print(it, f"{loss.item():.6f}", norm)
print(model[2].weight)
print(model[0].weight.grad)
opt2 = torch.optim.AdamW(model.parameters(), lr=1e-3, fused=False)
print(opt2.defaults['fused'], opt2.param_groups[0]['lr'])
'''

CASES["clip_grad_norm"] = r'''
import torch
p1 = torch.nn.Parameter(torch.tensor([3.0, 4.0]))
p2 = torch.nn.Parameter(torch.tensor([[1.0, 2.0], [2.0, 1.0]]))
p3 = torch.nn.Parameter(torch.tensor([1.0]))
(p1 * torch.tensor([1.0, 2.0])).sum().backward()
(p2 * 3).sum().backward()
n = torch.nn.utils.clip_grad_norm_([p1, p2, p3], max_norm=1.0)
print(n, p1.grad, p2.grad, p3.grad)
print(torch.nn.utils.clip_grad_norm_([p1, p2], 100.0), p1.grad)
print(torch.nn.utils.clip_grad_norm_(p1, 0.5), p1.grad)
print(torch.nn.utils.clip_grad_norm_([p3], 1.0))
q = torch.nn.Parameter(torch.tensor([0.1, -0.2, 0.3]))
(q * torch.tensor([0.7, 1.3, -2.9])).sum().backward()
print(torch.nn.utils.clip_grad_norm_(iter([q]), max_norm=0.1), [v.hex() for v in q.grad.tolist()])
'''

CASES["cross_entropy"] = r'''
import torch
import torch.nn.functional as F
logits = torch.tensor([[1.0, 2.0, 0.5], [0.1, -1.0, 2.0], [0.3, 0.3, 0.3], [2.0, 1.0, 0.0]])
targets = torch.tensor([1, -1, 2, 0])
print(F.cross_entropy(logits, targets, ignore_index=-1))
print(F.cross_entropy(logits, targets, ignore_index=-1, reduction='sum'))
print(F.cross_entropy(logits, targets, ignore_index=-1, reduction='none'))
print(F.cross_entropy(logits, torch.tensor([1, 0, 2, 0]), label_smoothing=0.1))
print(F.cross_entropy(logits, targets, ignore_index=-1, label_smoothing=0.2))
print(F.cross_entropy(logits, torch.tensor([1, 0, 2, 0]), reduction='none', label_smoothing=0.1))
print(F.cross_entropy(logits, torch.tensor([-1, -1, -1, -1]), ignore_index=-1))
l = logits.clone().requires_grad_()
F.cross_entropy(l, targets, ignore_index=-1).backward()
print(l.grad)
l.grad = None
F.cross_entropy(l, torch.tensor([1, 0, 2, 0]), label_smoothing=0.1).backward()
print(l.grad)
print(torch.nn.CrossEntropyLoss(ignore_index=-1, label_smoothing=0.1)(logits, targets))
'''

CASES["lr_schedulers"] = r'''
import torch
from torch.optim.lr_scheduler import LambdaLR, StepLR, CosineAnnealingLR, LinearLR, SequentialLR
p = torch.nn.Parameter(torch.ones(2))
def run(make, n=8):
    opt = torch.optim.SGD([p], lr=0.1)
    s = make(opt)
    out = [s.get_last_lr()[0]]
    for _ in range(n):
        opt.step()
        s.step()
        out.append(s.get_last_lr()[0])
    print(type(s).__name__, out)
run(lambda o: LinearLR(o, start_factor=0.1, total_iters=4))
run(lambda o: LinearLR(o, start_factor=1.0, end_factor=0.25, total_iters=3))
run(lambda o: LinearLR(o))
run(lambda o: CosineAnnealingLR(o, T_max=5))
run(lambda o: CosineAnnealingLR(o, T_max=3, eta_min=0.01), n=10)
run(lambda o: StepLR(o, step_size=3, gamma=0.5))
run(lambda o: LambdaLR(o, lambda it: 0.95 ** it))
run(lambda o: SequentialLR(o, schedulers=[LinearLR(o, start_factor=0.01, total_iters=3), CosineAnnealingLR(o, T_max=4)], milestones=[3]), n=9)
opt = torch.optim.SGD([p], lr=0.1)
s = LinearLR(opt, start_factor=0.5, total_iters=2)
print(s.last_epoch, s.base_lrs, s.state_dict()['start_factor'] if hasattr(s, 'state_dict') else None)
try:
    LinearLR(opt, start_factor=0)
except Exception as e:
    print(type(e).__name__, e)
'''

CASES["samplers_dataloader"] = r'''
import torch
from torch.utils.data import DataLoader, RandomSampler, SequentialSampler, TensorDataset
torch.manual_seed(0)
data = list(range(10))
print(list(SequentialSampler(data)), len(SequentialSampler(data)))
print(list(RandomSampler(data)))
s = RandomSampler(data, replacement=True, num_samples=40)
print(len(s), list(s))
print(list(RandomSampler(data, num_samples=13)))
g = torch.Generator()
g.manual_seed(7)
print(list(RandomSampler(data, generator=g)), list(RandomSampler(data, replacement=True, num_samples=5, generator=g)))
ds = TensorDataset(torch.arange(10), torch.arange(10) * 2)
loader = DataLoader(ds, sampler=RandomSampler(ds, replacement=True, num_samples=int(1e10)), shuffle=False, pin_memory=True, batch_size=3, num_workers=0)
it = iter(loader)
for _ in range(3):
    x, y = next(it)
    x, y = [t.to('cpu') for t in (x, y)]
    print(x, y)
print(torch.rand(2))
print(list(DataLoader(data, sampler=SequentialSampler(data), batch_size=4, drop_last=True)))
print(torch.randint(10, (3,), generator=g), torch.randperm(5, generator=g), torch.rand(2, generator=g), torch.randn(2, generator=g))
print(torch.multinomial(torch.tensor([0.2, 0.8]), 1, generator=g), torch.empty((), dtype=torch.int64).random_().item())
'''

CASES["devices_modes"] = r'''
import torch
print(torch.cuda.is_available(), torch.backends.mps.is_available(), torch.cuda.device_count())
torch.cuda.manual_seed_all(1)
torch.cuda.manual_seed(1)
torch.backends.cuda.matmul.allow_tf32 = True
torch.backends.cudnn.allow_tf32 = True
print(torch.backends.cuda.matmul.allow_tf32, torch.backends.cudnn.allow_tf32)
torch.set_float32_matmul_precision('high')
print(torch.get_float32_matmul_precision())
g = torch.manual_seed(42)
print(type(g).__name__, g.initial_seed())
device = torch.device('cuda' if torch.cuda.is_available() else 'cpu')
print(device, repr(device), torch.device('cpu') == device)
x = torch.ones(2).to(device)
print(x.to('cpu'), x.to(torch.device('cpu')), x.cpu(), x.to(device, non_blocking=True), x.is_pinned())
device_type = 'cuda' if 'cuda' in 'cpu' else 'cpu'
ptdtype = {'float32': torch.float32, 'bfloat16': torch.bfloat16, 'float16': torch.float16}['bfloat16']
ctx = torch.amp.autocast(device_type=device_type, dtype=ptdtype)
with ctx:
    print("ctx ok")
with torch.autocast(device_type='cpu', dtype=torch.bfloat16, enabled=False):
    print("autocast ok")
with torch.amp.autocast(device_type='cpu', enabled=False):
    print("amp.autocast ok")
print(torch.cuda.is_available() and torch.cuda.is_bf16_supported())
@torch.no_grad()
def f(t):
    return (t * 2).requires_grad
print(f(torch.ones(1, requires_grad=True)))
@torch.no_grad
def h(t):
    return (t * 2).requires_grad
print(h(torch.ones(1, requires_grad=True)))
with torch.no_grad():
    print(torch.is_grad_enabled())
with torch.inference_mode():
    print(torch.is_grad_enabled())
with torch.no_grad():
    with torch.enable_grad():
        print(torch.is_grad_enabled())
print(torch.is_grad_enabled())
model = torch.nn.Linear(2, 2)
model = torch.compile(model)
model.to(device)
print(model.to(device) is model, model.to('cpu') is model, model.to(torch.float32) is model)
scaler = torch.amp.GradScaler('cuda', enabled=False)
loss = model(torch.ones(1, 2)).sum()
opt = torch.optim.SGD(model.parameters(), lr=0.1)
scaler.scale(loss).backward()
scaler.unscale_(opt)
scaler.step(opt)
scaler.update()
print(scaler.is_enabled(), scaler.get_scale())
'''

CASES["no_grad_method_decorator"] = r'''
import torch
import torch.nn as nn
class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(2, 2)
    @torch.no_grad()
    def generate(self, x, n):
        for _ in range(n):
            x = self.fc(x)
        return x
torch.manual_seed(0)
m = M()
y = m.generate(torch.ones(1, 2), 2)
print(y, y.requires_grad)
'''


# nanoGPT's model.py (config as a plain class; no dataclasses here), trained a few steps as train.py does.
CASES["nanogpt_model"] = r"""
import math
import torch
import torch.nn as nn
from torch.nn import functional as F

class LayerNorm(nn.Module):
    def __init__(self, ndim, bias):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(ndim))
        self.bias = nn.Parameter(torch.zeros(ndim)) if bias else None
    def forward(self, input):
        return F.layer_norm(input, self.weight.shape, self.weight, self.bias, 1e-5)

class CausalSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        assert config.n_embd % config.n_head == 0
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd, bias=config.bias)
        self.c_proj = nn.Linear(config.n_embd, config.n_embd, bias=config.bias)
        self.attn_dropout = nn.Dropout(config.dropout)
        self.resid_dropout = nn.Dropout(config.dropout)
        self.n_head = config.n_head
        self.n_embd = config.n_embd
        self.dropout = config.dropout
        self.flash = hasattr(torch.nn.functional, 'scaled_dot_product_attention') and config.flash
        if not self.flash:
            self.register_buffer("bias", torch.tril(torch.ones(config.block_size, config.block_size))
                                        .view(1, 1, config.block_size, config.block_size))
    def forward(self, x):
        B, T, C = x.size()
        q, k, v  = self.c_attn(x).split(self.n_embd, dim=2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        if self.flash:
            y = torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=None, dropout_p=self.dropout if self.training else 0, is_causal=True)
        else:
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
            att = att.masked_fill(self.bias[:,:,:T,:T] == 0, float('-inf'))
            att = F.softmax(att, dim=-1)
            att = self.attn_dropout(att)
            y = att @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        y = self.resid_dropout(self.c_proj(y))
        return y

class MLP(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.c_fc    = nn.Linear(config.n_embd, 4 * config.n_embd, bias=config.bias)
        self.gelu    = nn.GELU()
        self.c_proj  = nn.Linear(4 * config.n_embd, config.n_embd, bias=config.bias)
        self.dropout = nn.Dropout(config.dropout)
    def forward(self, x):
        x = self.c_fc(x)
        x = self.gelu(x)
        x = self.c_proj(x)
        x = self.dropout(x)
        return x

class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.ln_1 = LayerNorm(config.n_embd, bias=config.bias)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = LayerNorm(config.n_embd, bias=config.bias)
        self.mlp = MLP(config)
    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        x = x + self.mlp(self.ln_2(x))
        return x

class GPTConfig:
    def __init__(self, **kwargs):
        self.block_size = 8
        self.vocab_size = 11
        self.n_layer = 2
        self.n_head = 2
        self.n_embd = 8
        self.dropout = 0.0
        self.bias = True
        self.flash = True
        for k, v in kwargs.items():
            setattr(self, k, v)

class GPT(nn.Module):
    def __init__(self, config):
        super().__init__()
        assert config.vocab_size is not None
        assert config.block_size is not None
        self.config = config
        self.transformer = nn.ModuleDict(dict(
            wte = nn.Embedding(config.vocab_size, config.n_embd),
            wpe = nn.Embedding(config.block_size, config.n_embd),
            drop = nn.Dropout(config.dropout),
            h = nn.ModuleList([Block(config) for _ in range(config.n_layer)]),
            ln_f = LayerNorm(config.n_embd, bias=config.bias),
        ))
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        self.transformer.wte.weight = self.lm_head.weight
        self.apply(self._init_weights)
        for pn, p in self.named_parameters():
            if pn.endswith('c_proj.weight'):
                torch.nn.init.normal_(p, mean=0.0, std=0.02/math.sqrt(2 * config.n_layer))
        print("number of parameters: %.2fM" % (self.get_num_params()/1e6,), self.get_num_params())

    def get_num_params(self, non_embedding=True):
        n_params = sum(p.numel() for p in self.parameters())
        if non_embedding:
            n_params -= self.transformer.wpe.weight.numel()
        return n_params

    def _init_weights(self, module):
        if isinstance(module, nn.Linear):
            torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if module.bias is not None:
                torch.nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)

    def forward(self, idx, targets=None):
        device = idx.device
        b, t = idx.size()
        assert t <= self.config.block_size, f"Cannot forward sequence of length {t}, block size is only {self.config.block_size}"
        pos = torch.arange(0, t, dtype=torch.long, device=device)
        tok_emb = self.transformer.wte(idx)
        pos_emb = self.transformer.wpe(pos)
        x = self.transformer.drop(tok_emb + pos_emb)
        for block in self.transformer.h:
            x = block(x)
        x = self.transformer.ln_f(x)
        if targets is not None:
            logits = self.lm_head(x)
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1)
        else:
            logits = self.lm_head(x[:, [-1], :])
            loss = None
        return logits, loss

    def crop_block_size(self, block_size):
        assert block_size <= self.config.block_size
        self.config.block_size = block_size
        self.transformer.wpe.weight = nn.Parameter(self.transformer.wpe.weight[:block_size])
        for block in self.transformer.h:
            if hasattr(block.attn, 'bias'):
                block.attn.bias = block.attn.bias[:,:,:block_size,:block_size]

    def configure_optimizers(self, weight_decay, learning_rate, betas, device_type):
        param_dict = {pn: p for pn, p in self.named_parameters()}
        param_dict = {pn: p for pn, p in param_dict.items() if p.requires_grad}
        decay_params = [p for n, p in param_dict.items() if p.dim() >= 2]
        nodecay_params = [p for n, p in param_dict.items() if p.dim() < 2]
        optim_groups = [
            {'params': decay_params, 'weight_decay': weight_decay},
            {'params': nodecay_params, 'weight_decay': 0.0}
        ]
        num_decay_params = sum(p.numel() for p in decay_params)
        num_nodecay_params = sum(p.numel() for p in nodecay_params)
        print(f"num decayed parameter tensors: {len(decay_params)}, with {num_decay_params:,} parameters")
        print(f"num non-decayed parameter tensors: {len(nodecay_params)}, with {num_nodecay_params:,} parameters")
        use_fused = False
        extra_args = dict(fused=True) if use_fused else dict()
        optimizer = torch.optim.AdamW(optim_groups, lr=learning_rate, betas=betas, **extra_args)
        print(f"using fused AdamW: {use_fused}")
        return optimizer

    @torch.no_grad()
    def generate(self, idx, max_new_tokens, temperature=1.0, top_k=None):
        for _ in range(max_new_tokens):
            idx_cond = idx if idx.size(1) <= self.config.block_size else idx[:, -self.config.block_size:]
            logits, _ = self(idx_cond)
            logits = logits[:, -1, :] / temperature
            if top_k is not None:
                v, _ = torch.topk(logits, min(top_k, logits.size(-1)))
                logits[logits < v[:, [-1]]] = -float('Inf')
            probs = F.softmax(logits, dim=-1)
            idx_next = torch.multinomial(probs, num_samples=1)
            idx = torch.cat((idx, idx_next), dim=1)
        return idx

torch.manual_seed(1337)
for flash in [True, False]:
    model = GPT(GPTConfig(flash=flash))
    print(list(model.state_dict().keys())[:4], len(model.state_dict()))
print(model.lm_head.weight is model.transformer.wte.weight, model.transformer.h[0].attn.bias.shape)
data = torch.randint(11, (64,))
block_size, batch_size = 8, 4
def get_batch():
    ix = torch.randint(len(data) - block_size, (batch_size,))
    x = torch.stack([data[i:i+block_size] for i in ix])
    y = torch.stack([data[i+1:i+1+block_size] for i in ix])
    return x, y

@torch.no_grad()
def estimate_loss(eval_iters=2):
    out = {}
    model.eval()
    for split in ['train', 'val']:
        losses = torch.zeros(eval_iters)
        for k in range(eval_iters):
            X, Y = get_batch()
            logits, loss = model(X, Y)
            losses[k] = loss.item()
        out[split] = losses.mean()
    model.train()
    return out

learning_rate, warmup_iters, lr_decay_iters, min_lr = 1e-2, 2, 8, 1e-3
def get_lr(it):
    if it < warmup_iters:
        return learning_rate * (it + 1) / (warmup_iters + 1)
    if it > lr_decay_iters:
        return min_lr
    decay_ratio = (it - warmup_iters) / (lr_decay_iters - warmup_iters)
    assert 0 <= decay_ratio <= 1
    coeff = 0.5 * (1.0 + math.cos(math.pi * decay_ratio))
    return min_lr + coeff * (learning_rate - min_lr)

optimizer = model.configure_optimizers(0.1, learning_rate, (0.9, 0.95), 'cpu')
scaler = torch.amp.GradScaler('cuda', enabled=False)
ctx = torch.amp.autocast(device_type='cpu', dtype=torch.bfloat16, enabled=False)
X, Y = get_batch()
for iter_num in range(10):
    lr = get_lr(iter_num)
    for param_group in optimizer.param_groups:
        param_group['lr'] = lr
    if iter_num % 5 == 0:
        losses = estimate_loss()
        print(f"step {iter_num}: train loss {losses['train']:.4f}, val loss {losses['val']:.4f}")
    for micro_step in range(2):
        with ctx:
            logits, loss = model(X, Y)
            loss = loss / 2
        X, Y = get_batch()
        scaler.scale(loss).backward()
    scaler.unscale_(optimizer)
    norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    scaler.step(optimizer)
    scaler.update()
    optimizer.zero_grad(set_to_none=True)
    lossf = loss.item() * 2
    print(f"iter {iter_num}: loss {lossf:.4f}, lr {lr:.6f}, norm {norm.item():.4f}")
print(model.generate(torch.zeros((1, 1), dtype=torch.long), 10, temperature=0.8, top_k=5)[0].tolist())
model.crop_block_size(4)
print(model.transformer.wpe.weight.shape, model.transformer.h[1].attn.bias.shape)
print(model.generate(torch.tensor([[1, 2, 3]]), 4)[0].tolist())
checkpoint = {'model': model.state_dict(), 'optimizer': optimizer.state_dict(), 'iter_num': 10}
state_dict = checkpoint['model']
unwanted_prefix = '_orig_mod.'
for k,v in list(state_dict.items()):
    if k.startswith(unwanted_prefix):
        state_dict[k[len(unwanted_prefix):]] = state_dict.pop(k)
print(len(state_dict), sorted(checkpoint['optimizer']['state'].keys())[:3])
"""


# minGPT's mingpt/model.py and trainer.py (config as plain classes; no CfgNode), a few iterations.
CASES["mingpt_model_trainer"] = r"""
import math
import time
import torch
import torch.nn as nn
from torch.nn import functional as F
from torch.utils.data.dataloader import DataLoader

class NewGELU(nn.Module):
    def forward(self, x):
        return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * torch.pow(x, 3.0))))

class CausalSelfAttention(nn.Module):
    def __init__(self, config):
        super().__init__()
        assert config.n_embd % config.n_head == 0
        self.c_attn = nn.Linear(config.n_embd, 3 * config.n_embd)
        self.c_proj = nn.Linear(config.n_embd, config.n_embd)
        self.attn_dropout = nn.Dropout(config.attn_pdrop)
        self.resid_dropout = nn.Dropout(config.resid_pdrop)
        self.register_buffer("bias", torch.tril(torch.ones(config.block_size, config.block_size))
                                     .view(1, 1, config.block_size, config.block_size))
        self.n_head = config.n_head
        self.n_embd = config.n_embd

    def forward(self, x):
        B, T, C = x.size()
        q, k ,v  = self.c_attn(x).split(self.n_embd, dim=2)
        k = k.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        q = q.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        v = v.view(B, T, self.n_head, C // self.n_head).transpose(1, 2)
        att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
        att = att.masked_fill(self.bias[:,:,:T,:T] == 0, float('-inf'))
        att = F.softmax(att, dim=-1)
        att = self.attn_dropout(att)
        y = att @ v
        y = y.transpose(1, 2).contiguous().view(B, T, C)
        y = self.resid_dropout(self.c_proj(y))
        return y

class Block(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.ln_1 = nn.LayerNorm(config.n_embd)
        self.attn = CausalSelfAttention(config)
        self.ln_2 = nn.LayerNorm(config.n_embd)
        self.mlp = nn.ModuleDict(dict(
            c_fc    = nn.Linear(config.n_embd, 4 * config.n_embd),
            c_proj  = nn.Linear(4 * config.n_embd, config.n_embd),
            act     = NewGELU(),
            dropout = nn.Dropout(config.resid_pdrop),
        ))
        m = self.mlp
        self.mlpf = lambda x: m.dropout(m.c_proj(m.act(m.c_fc(x))))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        x = x + self.mlpf(self.ln_2(x))
        return x

class Config:
    def __init__(self, **kw):
        for k, v in kw.items():
            setattr(self, k, v)

class GPT(nn.Module):
    def __init__(self, config):
        super().__init__()
        self.block_size = config.block_size
        self.transformer = nn.ModuleDict(dict(
            wte = nn.Embedding(config.vocab_size, config.n_embd),
            wpe = nn.Embedding(config.block_size, config.n_embd),
            drop = nn.Dropout(config.embd_pdrop),
            h = nn.ModuleList([Block(config) for _ in range(config.n_layer)]),
            ln_f = nn.LayerNorm(config.n_embd),
        ))
        self.lm_head = nn.Linear(config.n_embd, config.vocab_size, bias=False)
        self.apply(self._init_weights)
        for pn, p in self.named_parameters():
            if pn.endswith('c_proj.weight'):
                torch.nn.init.normal_(p, mean=0.0, std=0.02/math.sqrt(2 * config.n_layer))
        n_params = sum(p.numel() for p in self.transformer.parameters())
        print("number of parameters: %.2fM" % (n_params/1e6,), n_params)

    def _init_weights(self, module):
        if isinstance(module, nn.Linear):
            torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)
            if module.bias is not None:
                torch.nn.init.zeros_(module.bias)
        elif isinstance(module, nn.Embedding):
            torch.nn.init.normal_(module.weight, mean=0.0, std=0.02)
        elif isinstance(module, nn.LayerNorm):
            torch.nn.init.zeros_(module.bias)
            torch.nn.init.ones_(module.weight)

    def configure_optimizers(self, train_config):
        decay = set()
        no_decay = set()
        whitelist_weight_modules = (torch.nn.Linear, )
        blacklist_weight_modules = (torch.nn.LayerNorm, torch.nn.Embedding)
        for mn, m in self.named_modules():
            for pn, p in m.named_parameters():
                fpn = '%s.%s' % (mn, pn) if mn else pn
                if pn.endswith('bias'):
                    no_decay.add(fpn)
                elif pn.endswith('weight') and isinstance(m, whitelist_weight_modules):
                    decay.add(fpn)
                elif pn.endswith('weight') and isinstance(m, blacklist_weight_modules):
                    no_decay.add(fpn)
        param_dict = {pn: p for pn, p in self.named_parameters()}
        inter_params = decay & no_decay
        union_params = decay | no_decay
        assert len(inter_params) == 0, "parameters %s made it into both decay/no_decay sets!" % (str(inter_params), )
        assert len(set(param_dict.keys()) - union_params) == 0, "parameters %s were not separated into either decay/no_decay set!" \
                                                    % (str(set(param_dict.keys()) - union_params), )
        optim_groups = [
            {"params": [param_dict[pn] for pn in sorted(list(decay))], "weight_decay": train_config.weight_decay},
            {"params": [param_dict[pn] for pn in sorted(list(no_decay))], "weight_decay": 0.0},
        ]
        optimizer = torch.optim.AdamW(optim_groups, lr=train_config.learning_rate, betas=train_config.betas)
        return optimizer

    def forward(self, idx, targets=None):
        device = idx.device
        b, t = idx.size()
        assert t <= self.block_size, f"Cannot forward sequence of length {t}, block size is only {self.block_size}"
        pos = torch.arange(0, t, dtype=torch.long, device=device).unsqueeze(0)
        tok_emb = self.transformer.wte(idx)
        pos_emb = self.transformer.wpe(pos)
        x = self.transformer.drop(tok_emb + pos_emb)
        for block in self.transformer.h:
            x = block(x)
        x = self.transformer.ln_f(x)
        logits = self.lm_head(x)
        loss = None
        if targets is not None:
            loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), ignore_index=-1)
        return logits, loss

    @torch.no_grad()
    def generate(self, idx, max_new_tokens, temperature=1.0, do_sample=False, top_k=None):
        for _ in range(max_new_tokens):
            idx_cond = idx if idx.size(1) <= self.block_size else idx[:, -self.block_size:]
            logits, _ = self(idx_cond)
            logits = logits[:, -1, :] / temperature
            if top_k is not None:
                v, _ = torch.topk(logits, top_k)
                logits[logits < v[:, [-1]]] = -float('Inf')
            probs = F.softmax(logits, dim=-1)
            if do_sample:
                idx_next = torch.multinomial(probs, num_samples=1)
            else:
                _, idx_next = torch.topk(probs, k=1, dim=-1)
            idx = torch.cat((idx, idx_next), dim=1)
        return idx

class SortDataset:
    def __init__(self, split, length=4, num_digits=3):
        self.split, self.length, self.num_digits = split, length, num_digits
    def __len__(self):
        return 50
    def get_vocab_size(self):
        return self.num_digits
    def get_block_size(self):
        return self.length * 2 - 1
    def __getitem__(self, idx):
        g = torch.Generator()
        g.manual_seed(idx)
        inp = torch.randint(self.num_digits, size=(self.length,), dtype=torch.long, generator=g)
        sol = torch.sort(inp)[0]
        cat = torch.cat((inp, sol), dim=0)
        x = cat[:-1].clone()
        y = cat[1:].clone()
        y[:self.length-1] = -1
        return x, y

class Trainer:
    def __init__(self, config, model, train_dataset):
        self.config = config
        self.model = model
        self.optimizer = None
        self.train_dataset = train_dataset
        self.device = 'cuda' if torch.cuda.is_available() else 'cpu'
        self.model = self.model.to(self.device)
        print("running on device", self.device)
        self.iter_num = 0
        self.iter_time = 0.0
        self.iter_dt = 0.0

    def run(self):
        model, config = self.model, self.config
        self.optimizer = model.configure_optimizers(config)
        train_loader = DataLoader(
            self.train_dataset,
            sampler=torch.utils.data.RandomSampler(self.train_dataset, replacement=True, num_samples=int(1e10)),
            shuffle=False,
            pin_memory=False,
            batch_size=config.batch_size,
            num_workers=config.num_workers,
        )
        model.train()
        self.iter_num = 0
        self.iter_time = time.time()
        data_iter = iter(train_loader)
        while True:
            try:
                batch = next(data_iter)
            except StopIteration:
                data_iter = iter(train_loader)
                batch = next(data_iter)
            batch = [t.to(self.device) for t in batch]
            x, y = batch
            logits, self.loss = model(x, y)
            model.zero_grad(set_to_none=True)
            self.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), config.grad_norm_clip)
            self.optimizer.step()
            if self.iter_num % 3 == 0:
                print(f"iter {self.iter_num}: train loss {self.loss.item():.5f}")
            self.iter_num += 1
            tnow = time.time()
            self.iter_dt = tnow - self.iter_time
            self.iter_time = tnow
            if config.max_iters is not None and self.iter_num >= config.max_iters:
                break

torch.manual_seed(3407)
train_dataset = SortDataset('train')
x, y = train_dataset[0]
print(x, y)
config = Config(vocab_size=3, block_size=7, n_layer=2, n_head=2, n_embd=8, embd_pdrop=0.1, resid_pdrop=0.1, attn_pdrop=0.1)
model = GPT(config)
train_config = Config(batch_size=4, num_workers=0, max_iters=7, learning_rate=5e-4, betas=(0.9, 0.95),
                      weight_decay=0.1, grad_norm_clip=1.0)
trainer = Trainer(train_config, model, train_dataset)
trainer.run()
print(len(trainer.optimizer.param_groups[0]['params']), len(trainer.optimizer.param_groups[1]['params']))
model.eval()
inp = torch.tensor([[2, 0, 0, 1]], dtype=torch.long)
with torch.no_grad():
    cat = model.generate(inp, 4, do_sample=False)
print(cat)
print(model.generate(inp, 3, do_sample=True, top_k=2))
"""


# The book's appendix A (PyTorch in a nutshell): autograd.grad, a small network, DataLoader, accuracy.
CASES["appendix_a"] = r"""
import torch
import torch.nn.functional as F
from torch.autograd import grad
from torch.utils.data import Dataset, DataLoader
print(torch.cuda.is_available(), torch.backends.mps.is_available())
y = torch.tensor([1.0])
x1 = torch.tensor([1.1])
w1 = torch.tensor([2.2], requires_grad=True)
b = torch.tensor([0.0], requires_grad=True)
z = x1 * w1 + b
a = torch.sigmoid(z)
loss = F.binary_cross_entropy(a, y)
print(loss)
grad_L_w1 = grad(loss, w1, retain_graph=True)
grad_L_b = grad(loss, b, retain_graph=True)
print(grad_L_w1)
print(grad_L_b)
loss.backward()
print(w1.grad)
print(b.grad)

class NeuralNetwork(torch.nn.Module):
    def __init__(self, num_inputs, num_outputs):
        super().__init__()
        self.layers = torch.nn.Sequential(
            torch.nn.Linear(num_inputs, 30),
            torch.nn.ReLU(),
            torch.nn.Linear(30, 20),
            torch.nn.ReLU(),
            torch.nn.Linear(20, num_outputs),
        )
    def forward(self, x):
        logits = self.layers(x)
        return logits

torch.manual_seed(123)
model = NeuralNetwork(50, 3)
print(model)
num_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
print("Total number of trainable model parameters:", num_params)
print(model.layers[0].weight.shape, model.layers[0].bias[:3])
X = torch.rand((1, 50))
with torch.no_grad():
    out = torch.softmax(model(X), dim=1)
print(out)

X_train = torch.tensor([[-1.2, 3.1], [-0.9, 2.9], [-0.5, 2.6], [2.3, -1.1], [2.7, -1.5]])
y_train = torch.tensor([0, 0, 0, 1, 1])
X_test = torch.tensor([[-0.8, 2.8], [2.6, -1.6]])
y_test = torch.tensor([0, 1])

class ToyDataset(Dataset):
    def __init__(self, X, y):
        self.features = X
        self.labels = y
    def __getitem__(self, index):
        one_x = self.features[index]
        one_y = self.labels[index]
        return one_x, one_y
    def __len__(self):
        return self.labels.shape[0]

train_ds = ToyDataset(X_train, y_train)
test_ds = ToyDataset(X_test, y_test)
torch.manual_seed(123)
train_loader = DataLoader(dataset=train_ds, batch_size=2, shuffle=True, num_workers=0, drop_last=True)
test_loader = DataLoader(dataset=test_ds, batch_size=2, shuffle=False, num_workers=0)
for idx, (x, y) in enumerate(train_loader):
    print(f"Batch {idx+1}:", x, y)

torch.manual_seed(123)
model = NeuralNetwork(num_inputs=2, num_outputs=2)
device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
model = model.to(device)
optimizer = torch.optim.SGD(model.parameters(), lr=0.5)
num_epochs = 3
for epoch in range(num_epochs):
    model.train()
    for batch_idx, (features, labels) in enumerate(train_loader):
        features, labels = features.to(device), labels.to(device)
        logits = model(features)
        loss = F.cross_entropy(logits, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        print(f"Epoch: {epoch+1:03d}/{num_epochs:03d}"
              f" | Batch {batch_idx:03d}/{len(train_loader):03d}"
              f" | Train Loss: {loss:.2f}")
    model.eval()
with torch.no_grad():
    outputs = model(X_train)
print(outputs)
torch.set_printoptions(sci_mode=False)
probas = torch.softmax(outputs, dim=1)
print(probas)
predictions = torch.argmax(probas, dim=1)
print(predictions, predictions == y_train, torch.sum(predictions == y_train))

def compute_accuracy(model, dataloader):
    model = model.eval()
    correct = 0.0
    total_examples = 0
    for idx, (features, labels) in enumerate(dataloader):
        with torch.no_grad():
            logits = model(features)
        predictions = torch.argmax(logits, dim=1)
        compare = labels == predictions
        correct += torch.sum(compare)
        total_examples += len(compare)
    return (correct / total_examples).item()
print(compute_accuracy(model, train_loader), compute_accuracy(model, test_loader))
torch.set_printoptions(profile="default")
"""

# The book's appendix D: warmup, cosine decay and gradient clipping around one training step.
CASES["appendix_d"] = r"""
import math
import torch
import torch.nn as nn
torch.manual_seed(123)
model = nn.Sequential(nn.Embedding(10, 6), nn.Linear(6, 10))
ids = torch.randint(0, 10, (3, 5))
targets = torch.randint(0, 10, (3, 5))
peak_lr = 0.01
n_epochs, total_steps, warmup_steps = 1, 12, 3
initial_lr, min_lr = 0.0001, 0.0001
optimizer = torch.optim.AdamW(model.parameters(), lr=peak_lr, weight_decay=0.1)
lr_increment = (peak_lr - initial_lr) / warmup_steps
global_step = -1
track_lrs = []

def find_highest_gradient(model):
    max_grad = None
    for param in model.parameters():
        if param.grad is not None:
            grad_values = param.grad.data.flatten()
            max_grad_param = grad_values.max()
            if max_grad is None or max_grad_param > max_grad:
                max_grad = max_grad_param
    return max_grad

for step in range(total_steps):
    optimizer.zero_grad()
    global_step += 1
    if global_step < warmup_steps:
        lr = initial_lr + global_step * lr_increment
    else:
        progress = ((global_step - warmup_steps) / (total_steps - warmup_steps))
        lr = min_lr + (peak_lr - min_lr) * 0.5 * (1 + math.cos(math.pi * progress))
    for param_group in optimizer.param_groups:
        param_group["lr"] = lr
    track_lrs.append(optimizer.param_groups[0]["lr"])
    logits = model(ids)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), targets.flatten())
    loss.backward()
    if step == 0:
        print(find_highest_gradient(model))
    if global_step >= warmup_steps:
        torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
    if step == 4:
        print(find_highest_gradient(model))
    optimizer.step()
    print(step, f"{loss.item():.6f}")
print(track_lrs)
"""


CASES["split_grad_fn_flip"] = r'''
import torch
w = torch.ones(2, 4, requires_grad=True)
a, b = (w * 2).split(2, dim=1)
print(a)
print((w * 1).chunk(2)[0])
print((w * 1).unbind(0)[1])
print(torch.flip(torch.arange(6).view(2, 3), [1]))
x = torch.arange(6.).view(2, 3).t()
try:
    x.view(-1)
except Exception as e:
    print(type(e).__name__, e)
print(torch.topk(torch.tensor([3., 1., 4., 1., 5.]), 3, sorted=True))
print(torch.max(torch.tensor([[1, 5], [7, 2]]), dim=1))
print(torch.unique(torch.tensor([True, False, True])))
print(torch.sort(torch.tensor([3., float('nan'), 1.]), descending=True))
print(torch.tensor([[1., 2.], [3., 4.]]).split([1, 1]))
print(torch.tensor([1, 2, 3]).unique(return_counts=True, return_inverse=True))
print(w.nelement(), w.numel(), torch.numel(w))
try:
    torch.ones(3).unbind(1)
except Exception as e:
    print(type(e).__name__, e)
try:
    torch.ones(3).split([1, 1])
except Exception as e:
    print(type(e).__name__, e)
print(torch.ones(3, 0).chunk(2, dim=1))
print(torch.arange(5).split(2, -1))
'''


CASES["module_state_and_groups"] = r'''
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1))
print(list(model.state_dict(prefix='m.').keys()))
print([n for n, _ in model.named_parameters(prefix='seq')])
opt = torch.optim.AdamW([{'params': [model[0].weight, model[2].weight]}, {'params': [model[0].bias], 'lr': 0.1}], lr=0.01)
print(opt.param_groups[0]['params'][1] is model[2].weight, opt.param_groups[1]['lr'], opt.param_groups[0]['lr'])
model(torch.ones(1, 2)).sum().backward()
opt.step()
sd = opt.state_dict()
print(sd['param_groups'][0]['params'], sd['param_groups'][1]['params'], sorted(sd['state'].keys()))
opt.zero_grad()
print(model[0].weight.grad)
model(torch.ones(1, 2)).sum().backward()
model.zero_grad()
print(model[2].bias.grad)
model.requires_grad_(False)
print([p.requires_grad for p in model.parameters()])
model.train(False)
print(model.training, model[0].training)
model.register_buffer('empty', None)
print(list(model.state_dict().keys()), [n for n, _ in model.named_buffers()])
print(model.get_submodule('2'), isinstance(model, nn.Sequential), isinstance(model[1], nn.Module))
for m in model.modules():
    print(type(m).__name__, end=' ')
print()
print(len(model), model[-1], model[:2])
print(type(model.parameters()).__name__, type(model.named_modules()).__name__)
'''


CASES["rng_state"] = r'''
import torch
torch.manual_seed(5)
torch.randn(3)
s = torch.get_rng_state()
a = torch.randn(3)
torch.set_rng_state(s)
b = torch.randn(3)
print(torch.equal(a, b), s.shape, s[:12].tolist())
g = torch.Generator().manual_seed(9)
gs = g.get_state()
x = torch.rand(2, generator=g)
g.set_state(gs)
print(torch.equal(x, torch.rand(2, generator=g)))
try:
    torch.set_rng_state(torch.zeros(3))
except Exception as e:
    print(type(e).__name__, e)
'''


# minGPT's projects/adder: the dataset and eval_split's tensor arithmetic and %-formatting of 0-d tensors.
CASES["mingpt_adder_eval"] = r'''
import torch
from torch.utils.data import Dataset
from torch.utils.data.dataloader import DataLoader

class AdditionDataset(Dataset):
    def __init__(self, ndigit, split):
        self.ndigit = ndigit
        num = (10**ndigit)**2
        rng = torch.Generator()
        rng.manual_seed(1337)
        perm = torch.randperm(num, generator=rng)
        num_test = min(int(num*0.2), 500)
        self.ixes = perm[:num_test] if split == 'test' else perm[num_test:]
    def __len__(self):
        return self.ixes.nelement()
    def __getitem__(self, idx):
        ndigit = self.ndigit
        idx = self.ixes[idx].item()
        nd = 10**ndigit
        a = idx // nd
        b = idx %  nd
        c = a + b
        astr = f'%0{ndigit}d' % a
        bstr = f'%0{ndigit}d' % b
        cstr = (f'%0{ndigit+1}d' % c)[::-1]
        render = astr + bstr + cstr
        dix = [int(s) for s in render]
        x = torch.tensor(dix[:-1], dtype=torch.long)
        y = torch.tensor(dix[1:], dtype=torch.long)
        y[:ndigit*2-1] = -1
        return x, y

ndigit = 2
test_dataset = AdditionDataset(ndigit, 'test')
print(len(test_dataset), test_dataset[0])
factors = torch.tensor([[10**i for i in range(ndigit+1)][::-1]]).to('cpu')
loader = DataLoader(test_dataset, batch_size=100, num_workers=0, drop_last=False)
results = []
mistakes_printed_already = 0
for b, (x, y) in enumerate(loader):
    d1d2 = x[:, :ndigit*2]
    d3 = x[:, -(ndigit+1):].flip(1)
    d1i = (d1d2[:,:ndigit] * factors[:,1:]).sum(1)
    d2i = (d1d2[:,ndigit:ndigit*2] * factors[:,1:]).sum(1)
    d3i_pred = (d3 * factors).sum(1)
    d3i_gt = d1i + d2i
    correct = (d3i_pred == d3i_gt).cpu()
    for i in range(x.size(0)):
        results.append(int(correct[i]))
        if not correct[i] and mistakes_printed_already < 3:
            mistakes_printed_already += 1
            print("GPT claims that %d + %d = %d but gt is %d" % (d1i[i], d2i[i], d3i_pred[i], d3i_gt[i]))
    if b >= 1:
        break
rt = torch.tensor(results, dtype=torch.float)
print("%s final score: %d/%d = %.2f%% correct" % ('test', rt.sum(), len(results), 100*rt.mean()))
score = rt.sum() + rt.sum()
top_score = 0
if score > top_score:
    print(f"saving model with new top score of {score}")
'''


CASES["surface_errors"] = r'''
import torch
import torch.nn as nn
from torch.utils.data import RandomSampler, SequentialSampler
for bad in [lambda: RandomSampler([1, 2], replacement=1), lambda: RandomSampler([1, 2], num_samples=0),
            lambda: RandomSampler([1, 2], num_samples=2.0), lambda: nn.init.calculate_gain('foo'),
            lambda: nn.init.calculate_gain('leaky_relu', True), lambda: nn.init.uniform_([1.0]),
            lambda: torch.randint(5), lambda: torch.ones(2).split(1, dim=-3),
            lambda: torch.optim.lr_scheduler.SequentialLR(torch.optim.SGD([nn.Parameter(torch.ones(1))], lr=0.1), [], []),
            lambda: nn.ModuleDict({'a': 1}), lambda: nn.ModuleDict({'a': nn.ReLU()})['b']]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
print(nn.init.calculate_gain('sigmoid'), nn.init.calculate_gain('selu'), nn.init.calculate_gain('conv2d'))
print(len(RandomSampler(range(7))), len(RandomSampler(range(7), num_samples=3)), list(SequentialSampler(range(3))))
print(torch.unique(torch.tensor([[2, 1], [1, 3]]), return_inverse=True))
'''


# The book's chapter 7 collate (nonzero masking) and other tensor helpers.
CASES["nonzero_cumsum_misc"] = r'''
import torch
targets = torch.tensor([5, 7, 50256, 50256, 50256])
mask = targets == 50256
indices = torch.nonzero(mask).squeeze()
print(indices, indices.numel())
if indices.numel() > 1:
    targets[indices[1:]] = -100
print(targets)
print(mask.nonzero(), torch.nonzero(torch.tensor([[0, 1], [1, 1]]), as_tuple=True))
x = torch.arange(6.).view(2, 3)
print(torch.where(x > 2), x.masked_fill(x > 2, 0), torch.argmax(x, dim=-1, keepdim=True))
print(torch.isin(torch.tensor([1, 2, 3]), torch.tensor([2])) if hasattr(torch, 'isin') else None)
print(torch.cumsum(torch.tensor([1., 2., 3.]), dim=0), torch.exp(torch.tensor(2.0)))
print(x.sum(dim=1, keepdim=True), x.mean(-1), x.std(), x.var(dim=0))
print(torch.allclose(x, x + 1e-9), x.abs().max().item(), torch.round(torch.tensor([1.55, 2.5])))
print(torch.zeros(2, 3).fill_diagonal_(1.0) if hasattr(torch.Tensor, 'fill_diagonal_') else None)
print(x.repeat(2, 1).shape, x.expand(3, 2, 3).shape, x.T.shape, x.mT.shape, x[None].shape)
print(torch.full((2,), float('-inf')), torch.logsumexp(x, dim=1))
print(x.float().long().bool().long())
print(torch.empty(2, 3).normal_(generator=torch.Generator().manual_seed(0)))
'''


CASES["composed_grads"] = r'''
import torch
x = torch.tensor([[0.5, -1.0, 2.0], [1.5, 0.25, -0.75]], requires_grad=True)
w = torch.tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
y = (x.cumsum(dim=1) * w).sum() + (x.repeat(2, 1) * torch.cat([w, w])).sum() + torch.logsumexp(x, dim=1).sum()
y.backward()
print(y, x.grad)
a, b, c = x.split(1, dim=1)
(a * 2 + c * 3).sum().backward()
print(x.grad)
print(torch.logsumexp(torch.tensor([[float('-inf'), float('-inf')], [1.0, 2.0]]), dim=1))
'''


CASES["default_generator"] = r'''
import torch
g = torch.manual_seed(3)
print(g is torch.default_generator, type(torch.default_generator).__name__, g.initial_seed())
torch.random.manual_seed(4)
print(torch.rand(2), torch.random.initial_seed(), torch.initial_seed())
print(torch.rand(1, generator=torch.default_generator))
'''


# The same nanoGPT with dropout 0.1: flash attention trains through torch's math fallback
# (dropout on the attention weights), and every nn.Dropout draws in forward order.
CASES["nanogpt_dropout"] = CASES["nanogpt_model"].replace("self.dropout = 0.0", "self.dropout = 0.1").replace(
    "for iter_num in range(10):", "for iter_num in range(4):")

CASES["sdpa_dropout"] = r'''
import torch
import torch.nn.functional as F
torch.manual_seed(0)
q = torch.randn(1, 2, 3, 4)
k = torch.randn(1, 2, 3, 4)
v = torch.randn(1, 2, 3, 4)
print(F.scaled_dot_product_attention(q, k, v, dropout_p=0.2, is_causal=True))
print(torch.rand(2))
q.requires_grad_(True)
out = F.scaled_dot_product_attention(q, k, v, dropout_p=0.5)
(out * torch.arange(24.).view(1, 2, 3, 4)).sum().backward()
print(out, q.grad)
mask = torch.tensor([[True, False, True], [True, True, False], [False, False, False]])
print(F.scaled_dot_product_attention(q, k, v, attn_mask=mask, dropout_p=0.1, scale=0.3))
'''


def run(script):
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            exec(compile(script, "<fixture>", "exec"), {"__name__": "__main__"})
        except Exception:
            traceback.print_exc()
    return out.getvalue(), err.getvalue()


def swift_string(s):
    # The newline before the closing delimiter is not part of a multi-line literal.
    return '"""\n' + s.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '\n"""'


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "BindingsTests", "TorchSurfaceExpectations.swift")
    lines = [
        "// Generated by Tests/Fixtures/make_torch_surface_fixtures.py from real torch: do not edit.",
        "// Snippets of the PyTorch API nanoGPT, minGPT and the book's appendices use, with torch's stdout.",
        "",
        "enum TorchSurfaceExpectations {",
        "    static let cases: [(name: String, script: String, expected: String)] = [",
    ]
    for name, script in CASES.items():
        expected, errors = run(script)
        if errors:
            print(f"--- {name} stderr:\n{errors}")
        lines.append(f"        (\"{name}\",")
        lines.append("         " + swift_string(script.lstrip("\n")) + ",")
        lines.append("         " + swift_string(expected) + "),")
    lines += ["    ]", "}"]
    with open(target, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", os.path.normpath(target), len(CASES), "cases")


if __name__ == "__main__":
    main()
