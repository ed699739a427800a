# Generates Tests/BindingsTests/BindingFixtures.swift: lesson-language scripts for the
# torch.utils.data, torch.optim, torch.save/load, safetensors and tqdm bindings, each with
# the stdout real Python/torch prints for it. Run by hand: python3 Tests/Fixtures/make_binding_fixtures.py
#
# Every script starts with `tmp = "<a scratch folder>"` (added by the runner on both sides).
# The file `tmp + "/from_python.safetensors"` is written by the real safetensors package;
# its bytes are embedded in the fixture so the Swift test can recreate it.

import base64
import contextlib
import io
import os
import sys
import tempfile

import torch
from safetensors.torch import save_file

CASES = {}

CASES["dataloader_rng_vectors"] = r'''
import torch
from torch.utils.data import DataLoader
for seed in [0, 1]:
    for batch_size in [2, 4]:
        for shuffle in [True, False]:
            for drop_last in [False, True]:
                torch.manual_seed(seed)
                loader = DataLoader(list(range(18)), batch_size=batch_size, shuffle=shuffle, drop_last=drop_last)
                print(seed, batch_size, shuffle, drop_last, len(loader))
                for epoch in range(2):
                    print([b.tolist() for b in loader])
                print(torch.rand(2))
'''

CASES["dataloader_draws_between_batches"] = r'''
import torch
from torch.utils.data import DataLoader
torch.manual_seed(7)
train = DataLoader(list(range(10)), batch_size=3, shuffle=True)
val = DataLoader(list(range(4)), batch_size=2, shuffle=False)
for epoch in range(2):
    for batch in train:
        print(batch, torch.rand(1))
    for batch in val:
        print(batch)
it = iter(train)
print(torch.randint(0, 100, (2,)))
'''

CASES["dataloader_generator"] = r'''
import torch
from torch.utils.data import DataLoader
g = torch.Generator().manual_seed(42)
torch.manual_seed(3)
loader = DataLoader(list(range(18)), batch_size=4, shuffle=True, generator=g)
for epoch in range(2):
    print([b.tolist() for b in loader])
print(torch.randint(0, 100, (3,)), torch.randint(0, 100, (3,), generator=g))
g2 = torch.Generator().manual_seed(5)
loader = DataLoader(list(range(6)), batch_size=2, shuffle=True, generator=g2)
for b in loader:
    print(b)
    break
print(torch.randint(0, 1000, (2,), generator=g2))
'''

CASES["gpt_dataset"] = r'''
import torch
from torch.utils.data import Dataset, DataLoader

class GPTDatasetV1(Dataset):
    def __init__(self, token_ids, max_length, stride):
        self.input_ids = []
        self.target_ids = []
        for i in range(0, len(token_ids) - max_length, stride):
            input_chunk = token_ids[i:i + max_length]
            target_chunk = token_ids[i + 1: i + max_length + 1]
            self.input_ids.append(torch.tensor(input_chunk))
            self.target_ids.append(torch.tensor(target_chunk))

    def __len__(self):
        return len(self.input_ids)

    def __getitem__(self, idx):
        return self.input_ids[idx], self.target_ids[idx]

def create_dataloader_v1(token_ids, batch_size=4, max_length=256, stride=128, shuffle=True, drop_last=True, num_workers=0):
    dataset = GPTDatasetV1(token_ids, max_length, stride)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last, num_workers=num_workers)

torch.manual_seed(123)
ids = [(7 * i + 3) % 50 for i in range(45)]
loader = create_dataloader_v1(ids, batch_size=3, max_length=4, stride=4)
print(len(loader), len(loader.dataset))
for x, y in loader:
    print(x)
    print(y)
data_iter = iter(create_dataloader_v1(ids, batch_size=2, max_length=4, stride=1, shuffle=False))
first_batch = next(data_iter)
print(first_batch)
inputs, targets = next(data_iter)
print(inputs.shape, targets.shape)
'''

CASES["collate"] = r'''
import torch
from torch.utils.data import DataLoader, TensorDataset, random_split, Dataset
print(next(iter(DataLoader([(torch.tensor([1]), torch.tensor([2]))] * 2, batch_size=2))))
print(next(iter(DataLoader([{"a": 1, "b": [1, 2]}] * 2, batch_size=2))))
print(next(iter(DataLoader([[1, 2]] * 2, batch_size=2))))
print(next(iter(DataLoader([True, False], batch_size=2))))
print(next(iter(DataLoader(["a", "b"], batch_size=2))))
print(next(iter(DataLoader([torch.ones(2), torch.zeros(2)], batch_size=2))))
print(list(DataLoader([1, 2, 3], batch_size=None)))
print(list(DataLoader(range(5), batch_size=2, collate_fn=lambda b: b)))
td = TensorDataset(torch.arange(6), torch.arange(6) * 10)
print(len(td), td[2])
print(next(iter(DataLoader(td, batch_size=4))))
a, b = random_split(range(10), [0.7, 0.3], generator=torch.Generator().manual_seed(0))
print(len(a), len(b), list(a), list(b))
torch.manual_seed(1)
a, b = random_split(list(range(6)), [4, 2])
print(list(a), list(b), torch.rand(1))
for bad in [lambda: next(iter(DataLoader([object()] * 2, batch_size=2))),
            lambda: next(iter(DataLoader([[1], [1, 2]], batch_size=2))),
            lambda: DataLoader([], shuffle=True),
            lambda: DataLoader([1], sampler=[0], shuffle=True),
            lambda: Dataset()[0],
            lambda: random_split(range(5), [2, 2])]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
'''

CASES["adamw_training"] = r'''
import torch
import torch.nn as nn
for name in ["AdamW", "Adam", "SGD", "AdamW_nodecay"]:
    torch.manual_seed(1)
    model = nn.Sequential(nn.Linear(4, 8), nn.GELU(), nn.Linear(8, 3))
    x = torch.randn(5, 4)
    y = torch.tensor([0, 2, 1, 1, 0])
    if name == "AdamW":
        opt = torch.optim.AdamW(model.parameters(), lr=0.01, weight_decay=0.1)
    elif name == "Adam":
        opt = torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=0.1)
    elif name == "SGD":
        opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)
    else:
        opt = torch.optim.AdamW(model.parameters(), lr=0.004, weight_decay=0.0)
    for step in range(6):
        opt.zero_grad()
        loss = nn.functional.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        print(name, step, f"{loss.item():.6f}")
    sd = opt.state_dict()
    print(sd["param_groups"])
    print(sorted(sd["state"].keys()), list(sd["state"][0].keys()))
    print(opt)
'''

CASES["optimizer_updates_bit_exact"] = r'''
import torch
for name in ["AdamW", "Adam", "SGD", "SGD_plain"]:
    torch.manual_seed(0)
    p = torch.randn(12, requires_grad=True)
    grads = [torch.randn(12) for _ in range(8)]
    if name == "AdamW":
        opt = torch.optim.AdamW([p], lr=0.01, weight_decay=0.1)
    elif name == "Adam":
        opt = torch.optim.Adam([p], lr=0.01, betas=(0.8, 0.99), weight_decay=0.1)
    elif name == "SGD":
        opt = torch.optim.SGD([p], lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01)
    else:
        opt = torch.optim.SGD([p], lr=0.05)
    for g in grads:
        opt.zero_grad()
        (p * g).sum().backward()
        opt.step()
    print(name, " ".join(f"{v:.9e}" for v in p.detach().tolist()))
'''

CASES["param_groups_lr"] = r'''
import math
import torch
import torch.nn as nn
torch.manual_seed(2)
model = nn.Linear(3, 2)
x = torch.randn(4, 3)
target = torch.randn(4, 2)
opt = torch.optim.AdamW([{"params": [model.weight], "weight_decay": 0.1},
                         {"params": [model.bias], "weight_decay": 0.0}], lr=0.01)
peak_lr, warmup, total = 0.01, 3, 8
for step in range(total):
    if step < warmup:
        lr = peak_lr * (step + 1) / warmup
    else:
        progress = (step - warmup) / (total - warmup)
        lr = 0.5 * peak_lr * (1 + math.cos(math.pi * progress))
    for param_group in opt.param_groups:
        param_group["lr"] = lr
    opt.zero_grad()
    loss = nn.functional.mse_loss(model(x), target)
    loss.backward()
    opt.step()
    print(step, f"{loss.item():.6f}", round(opt.param_groups[0]["lr"], 8))
print(model.weight)
print(len(opt.param_groups), opt.param_groups[1]["weight_decay"])
opt.zero_grad(set_to_none=False)
print(model.bias.grad)
opt.zero_grad()
print(model.bias.grad)
'''

CASES["lr_scheduler"] = r'''
import math
import torch
from torch.optim.lr_scheduler import LambdaLR, StepLR, CosineAnnealingLR
p = torch.nn.Parameter(torch.ones(2))
for make in [lambda o: CosineAnnealingLR(o, T_max=4, eta_min=0.001), lambda o: StepLR(o, step_size=2, gamma=0.5),
             lambda o: LambdaLR(o, lr_lambda=lambda step: min(1.0, (step + 1) / 3))]:
    opt = torch.optim.AdamW([p], lr=0.01)
    sched = make(opt)
    print(type(sched).__name__, sched.get_last_lr(), opt.param_groups[0]["initial_lr"])
    for step in range(10):
        p.sum().backward()
        opt.step()
        opt.zero_grad()
        sched.step()
        print(step, sched.get_last_lr(), sched.last_epoch)
print(p)
print(opt.state_dict()["param_groups"])
'''

CASES["optimizer_state_dict"] = r'''
import torch
import torch.nn as nn
torch.manual_seed(4)
model = nn.Linear(2, 2)
x = torch.randn(3, 2)
opt = torch.optim.AdamW(model.parameters(), lr=0.05)
for _ in range(2):
    opt.zero_grad()
    model(x).square().sum().backward()
    opt.step()
sd = opt.state_dict()
print(sd["state"][1])
torch.manual_seed(4)
model2 = nn.Linear(2, 2)
opt2 = torch.optim.AdamW(model2.parameters(), lr=0.9)
model2.load_state_dict(model.state_dict())
torch.save(opt.state_dict(), tmp + "/opt.pth")
opt2.load_state_dict(torch.load(tmp + "/opt.pth"))
print(opt2.param_groups[0]["lr"], opt2.state_dict()["state"][0]["step"])
for m, o in [(model, opt), (model2, opt2)]:
    o.zero_grad()
    m(x).square().sum().backward()
    o.step()
    print(m.weight)
sgd = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.5)
model(x).sum().backward()
sgd.step()
print(sgd.state_dict())
for bad in [lambda: torch.optim.AdamW(torch.ones(2)),
            lambda: torch.optim.AdamW([]),
            lambda: torch.optim.AdamW(model.parameters(), lr=-1),
            lambda: torch.optim.Adam(model.parameters(), betas=(1.0, 0.9)),
            lambda: torch.optim.SGD(model.parameters(), lr=0.1, nesterov=True),
            lambda: opt2.load_state_dict({"state": {}, "param_groups": []})]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, e)
'''

# The book's chapter 5 loop in miniature: dropout draws interleave with the loaders' draws.
CASES["training_loop"] = r'''
import torch
import torch.nn as nn
from torch.utils.data import Dataset, DataLoader

class TokDataset(Dataset):
    def __init__(self, ids, max_length, stride):
        self.input_ids, self.target_ids = [], []
        for i in range(0, len(ids) - max_length, stride):
            self.input_ids.append(torch.tensor(ids[i:i + max_length]))
            self.target_ids.append(torch.tensor(ids[i + 1:i + max_length + 1]))
    def __len__(self):
        return len(self.input_ids)
    def __getitem__(self, idx):
        return self.input_ids[idx], self.target_ids[idx]

class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(20, 8)
        self.drop = nn.Dropout(0.1)
        self.out = nn.Linear(8, 20)
    def forward(self, x):
        return self.out(self.drop(self.emb(x)))

def calc_loss_batch(input_batch, target_batch, model):
    logits = model(input_batch)
    return torch.nn.functional.cross_entropy(logits.flatten(0, 1), target_batch.flatten())

def calc_loss_loader(data_loader, model, num_batches=None):
    total_loss = 0.
    if len(data_loader) == 0:
        return float("nan")
    num_batches = len(data_loader) if num_batches is None else min(num_batches, len(data_loader))
    for i, (input_batch, target_batch) in enumerate(data_loader):
        if i < num_batches:
            total_loss += calc_loss_batch(input_batch, target_batch, model).item()
        else:
            break
    return total_loss / num_batches

torch.manual_seed(123)
ids = [(i * 7 + i // 3) % 20 for i in range(120)]
train_loader = DataLoader(TokDataset(ids[:96], 6, 6), batch_size=2, shuffle=True, drop_last=True)
val_loader = DataLoader(TokDataset(ids[96:], 6, 6), batch_size=2, shuffle=False, drop_last=False)
model = Tiny()
optimizer = torch.optim.AdamW(model.parameters(), lr=0.004, weight_decay=0.1)
global_step = -1
for epoch in range(3):
    model.train()
    for input_batch, target_batch in train_loader:
        optimizer.zero_grad()
        loss = calc_loss_batch(input_batch, target_batch, model)
        loss.backward()
        optimizer.step()
        global_step += 1
        if global_step % 5 == 0:
            model.eval()
            with torch.no_grad():
                tl = calc_loss_loader(train_loader, model, num_batches=2)
                vl = calc_loss_loader(val_loader, model, num_batches=2)
            model.train()
            print(f"Ep {epoch+1} (Step {global_step:06d}): Train loss {tl:.3f}, Val loss {vl:.3f}")
torch.save({"model_state_dict": model.state_dict(), "optimizer_state_dict": optimizer.state_dict()}, tmp + "/ckpt.pth")
checkpoint = torch.load(tmp + "/ckpt.pth", weights_only=True)
model2 = Tiny()
model2.load_state_dict(checkpoint["model_state_dict"])
optimizer2 = torch.optim.AdamW(model2.parameters(), lr=0.0005, weight_decay=0.1)
optimizer2.load_state_dict(checkpoint["optimizer_state_dict"])
print(optimizer2.param_groups[0]["lr"], torch.equal(model2.out.weight, model.out.weight))
'''

CASES["save_load"] = r'''
import torch
import torch.nn as nn
torch.manual_seed(0)
model = nn.Sequential(nn.Linear(3, 2), nn.Linear(2, 1))
opt = torch.optim.AdamW(model.parameters(), lr=0.01)
model(torch.randn(4, 3)).sum().backward()
opt.step()
torch.save(model.state_dict(), tmp + "/model.pth")
sd = torch.load(tmp + "/model.pth", weights_only=True)
print(list(sd.keys()))
print(sd["0.weight"])
ckpt = {"model_state_dict": model.state_dict(), "optimizer_state_dict": opt.state_dict(),
        "epoch": 3, "lr": 0.5, "name": "gpt", "flags": (True, None), "ids": [1, 2], "scores": {1: 2.5}}
torch.save(ckpt, tmp + "/ckpt.pth")
back = torch.load(tmp + "/ckpt.pth", map_location="cpu")
print(back["epoch"], back["lr"], back["name"], back["flags"], back["ids"], back["scores"])
print(back["optimizer_state_dict"]["param_groups"])
print(back["optimizer_state_dict"]["state"][0]["step"], back["optimizer_state_dict"]["state"][3]["exp_avg"])
model2 = nn.Sequential(nn.Linear(3, 2), nn.Linear(2, 1))
model2.load_state_dict(back["model_state_dict"])
opt2 = torch.optim.AdamW(model2.parameters(), lr=0.01)
opt2.load_state_dict(back["optimizer_state_dict"])
print(torch.equal(model2[0].weight, model[0].weight))
torch.save([torch.arange(3), (torch.ones(2, dtype=torch.bool), 7)], tmp + "/list.pth")
print(torch.load(tmp + "/list.pth"))
w = torch.ones(2)
torch.save({"a": w, "b": w, "c": torch.zeros(1)}, tmp + "/tied.pth")
tied = torch.load(tmp + "/tied.pth")
print(tied, tied["a"] is tied["b"])
try:
    torch.load(tmp + "/missing.pth")
except FileNotFoundError as e:
    print(type(e).__name__, str(e).replace(tmp, "TMP"))
'''

CASES["python_safetensors"] = r'''
import torch
from safetensors.torch import load_file, save_file
from safetensors import safe_open
tensors = load_file(tmp + "/from_python.safetensors")
print(list(tensors.keys()))
print(tensors["w"], tensors["b"], tensors["mask"])
print(torch.load(tmp + "/from_python.safetensors"))
with safe_open(tmp + "/from_python.safetensors", framework="pt") as f:
    print(f.keys(), sorted(f.metadata().items()), f.get_tensor("b"))
save_file({"x": torch.arange(4).reshape(2, 2).T.contiguous(), "y": torch.ones(1)}, tmp + "/again.safetensors", metadata={"format": "pt"})
print(load_file(tmp + "/again.safetensors"))
for bad in [lambda: load_file(tmp + "/nothere.safetensors"),
            lambda: save_file({"a": 1}, tmp + "/x.safetensors"),
            lambda: save_file([1], tmp + "/x.safetensors"),
            lambda: save_file({"t": torch.ones(2, 3).T}, tmp + "/x.safetensors")]:
    try:
        bad()
    except Exception as e:
        print(type(e).__name__, str(e).replace(tmp, "TMP"))
'''

CASES["backward_engine_order"] = r"""
import torch
import torch.nn as nn
# Gradients reaching one tensor along several paths are summed in the engine's order
# (latest-created node first), so the last bits match PyTorch's (chapter 4's shortcut demo).
class GELU(nn.Module):
    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(torch.sqrt(torch.tensor(2.0 / torch.pi)) * (x + 0.044715 * torch.pow(x, 3))))
class Deep(nn.Module):
    def __init__(self, sizes, shortcut):
        super().__init__()
        self.shortcut = shortcut
        self.layers = nn.ModuleList([nn.Sequential(nn.Linear(a, b), GELU()) for a, b in zip(sizes[:-1], sizes[1:])])
    def forward(self, x):
        for layer in self.layers:
            y = layer(x)
            x = x + y if self.shortcut and x.shape == y.shape else y
        return x
for shortcut in [False, True]:
    torch.manual_seed(123)
    model = Deep([3, 3, 3, 3, 3, 1], shortcut)
    out = model(torch.tensor([[1., 0., -1.], [0.5, 0., 2.]]))
    nn.MSELoss()(out, torch.tensor([[0.], [1.]])).backward()
    for name, p in model.named_parameters():
        print(name, p.grad.abs().mean().item())
# A zero input times a negative gradient is -0.0, as in PyTorch's mm.
layer = nn.Linear(3, 2)
(-layer(torch.tensor([[1., 0., -1.]]))).sum().backward()
print(layer.weight.grad, [v.hex() for v in layer.weight.grad.flatten().tolist()])
a = torch.tensor([0.5, -1.25, 2.0], requires_grad=True)
b = a * a + a.exp() * a
b.sum().backward()
print([v.hex() for v in a.grad.tolist()])
b = (a * 3).sum()
b.backward()
print([v.hex() for v in a.grad.tolist()])
"""

CASES["tqdm"] = r'''
from tqdm import tqdm, trange
total = 0
pbar = tqdm(range(30), desc="train")
for i in pbar:
    total += i
    pbar.set_postfix(loss=1.0 / (i + 1), step=i)
print(total, len(pbar))
with tqdm(total=5, desc="x") as p:
    for _ in range(5):
        p.update(1)
print(sum(j for j in trange(4)))
print(list(tqdm([1, 2, 3], leave=False)))
'''


def python_safetensors_file(path):
    save_file({"w": torch.arange(6, dtype=torch.float32).reshape(2, 3) / 4, "b": torch.tensor([1, -2]),
               "mask": torch.tensor([True, False, True])}, path, metadata={"format": "pt", "source": "python"})


def run(script, tmp):
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        exec(compile(f"tmp = {tmp!r}\n" + script, "<fixture>", "exec"), {"__name__": "__main__"})
    return out.getvalue()


def swift_string(s):
    # The newline before the closing delimiter is not part of a multi-line literal.
    return '"""\n' + s.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '\n"""'


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "BindingsTests", "BindingFixtures.swift")
    lines = [
        "// Generated by Tests/Fixtures/make_binding_fixtures.py from real torch/safetensors/tqdm: do not edit.",
        "// Scripts for the data, optim, serialization and tqdm bindings with the stdout Python printed.",
        "",
        "enum BindingFixtures {",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        python_safetensors_file(os.path.join(tmp, "from_python.safetensors"))
        with open(os.path.join(tmp, "from_python.safetensors"), "rb") as f:
            blob = base64.b64encode(f.read()).decode()
        lines.append(f"    /// `from_python.safetensors`, written by `safetensors.torch.save_file`.")
        lines.append(f"    static let pythonSafetensorsBase64 = \"{blob}\"")
        lines.append("")
        lines.append("    static let cases: [(name: String, script: String, expected: String)] = [")
        for name, script in CASES.items():
            expected = run(script, tmp)
            lines.append(f"        (\"{name}\",")
            lines.append("         " + swift_string(script.lstrip("\n")) + ",")
            lines.append("         " + swift_string(expected) + "),")
        lines.append("    ]")
    lines.append("}")
    with open(target, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", os.path.normpath(target), len(CASES), "cases")


if __name__ == "__main__":
    main()
