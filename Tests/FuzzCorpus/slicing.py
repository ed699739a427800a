# expect: IndexError
import torch
t = torch.arange(24).view(2, 3, 4)
print(t[..., -1], t[:, None, 1:, ::2].shape, t[0, [0, 2]], t[t > 20])
print([1, 2, 3][::-1][5:], "abc"[-10:10])
t[2]
