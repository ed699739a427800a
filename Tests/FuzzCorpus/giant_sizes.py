# expect: ok
# Sizes past Int64 or past memory (issue #14): each raises, none may crash.
import torch
cases = [
    lambda: torch.zeros(0, 2**62, 2**62),
    lambda: torch.empty(0).reshape(0, 2**62, 2**62).sum(1),
    lambda: torch.empty(0).reshape(2**62, 2**62, 0),
    lambda: torch.zeros(1, 1).expand(2**62, 2**62),
    lambda: torch.ones(2).repeat(2**62),
    lambda: torch.randn(10**6, 10**6),
    lambda: 'x'.ljust(10**11),
    lambda: f'{1:>100000000000}',
    lambda: '%100000000000d' % 1,
    lambda: bytes(10**11),
    lambda: [0] * 10**11,
    lambda: 'ab'.expandtabs(10**11),
    lambda: len(range(-2**62, 2**62)),
]
for case in cases:
    try:
        case()
    except (RuntimeError, MemoryError, OverflowError, ValueError) as e:
        print(type(e).__name__)
f = lambda: lambda: lambda: lambda: 1
print(f()()()())
