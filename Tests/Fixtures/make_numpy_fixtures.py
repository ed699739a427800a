# Generates Tests/BindingsTests/NumpyExpectations.swift: lesson-language scripts using the
# numpy binding, each with the stdout real numpy 2.4 (and torch, for the bridge) prints.
# Run by hand: python3 Tests/Fixtures/make_numpy_fixtures.py

import contextlib
import io
import os

CASES = {}

CASES["repr_basic"] = r'''
import numpy as np
print(repr(np.array([1., 2., 3.])))
print(repr(np.array([1, 2, 3])))
print(repr(np.array([True, False])))
print(repr(np.array([[0.5488135, 0.71518937], [1, 2]])))
print(np.array([[0.5488135, 0.71518937], [1, 2]]))
print(repr(np.array([1.5, 2, 3], dtype=np.float32)))
print(repr(np.array([0.1, 0.25], dtype=np.float32)))
print(repr(np.array(1.0)), repr(np.array(5)), repr(np.array(True)))
print(repr(np.array([], dtype=np.int64)), repr(np.zeros((2, 0))))
print(repr(np.array([-1, 20, 3])))
print(repr(np.array([1e-5, 1e-6])), repr(np.array([1e-5, 1.5])))
print(repr(np.array([1.5, np.nan, -np.inf])))
print(repr(np.array([1e7, 1.0])), repr(np.array([123456.5, 1.0])))
print(repr(np.array([1e6, 2.5], dtype=np.float32)))
print(repr(np.array([1 / 3, 2 / 3, 1e-9])))
print(np.array([[[1, 2], [3, 4]], [[5, 6], [7, 8]]]))
print(repr(np.array([[[1., 2], [3, 4]], [[5, 6], [7, 8]]])))
'''

CASES["repr_wrap_and_summary"] = r'''
import numpy as np
print(repr(np.arange(30) * 1.5))
print(np.arange(30) * 1.5)
print(repr(np.arange(2000)))
print(np.arange(2000))
print(repr(np.arange(2000.).reshape(2, 1000)))
print(repr(np.linspace(0, 1, 12)))
print(repr(np.arange(1100).reshape(100, 11)))
'''

CASES["scalars"] = r'''
import numpy as np
a = np.array([1.5, 2.5])
print(repr(a[0]), a[0], repr(a.sum()), a.sum())
print(repr(np.int64(3)), repr(np.True_), repr(np.bool_(False)), np.True_)
print(repr(np.float32(1.5)), repr(np.float32(0.1)), repr(np.float32(1e7)), np.float32(1e7))
print(repr(np.float64(1e16)), repr(np.float64(1e-5)), repr(np.float64(0.1) + 0.2))
x = np.float64(2.0)
print(repr(x * 3), repr(x + np.float32(1)), repr(np.float32(1) + 1.0), float(x), int(x))
print(f"{np.float64(3.14159):.2f}", f"{np.int64(42):5d}", "%.3f" % np.float64(1 / 3))
print(type(a[0]).__name__, type(np.array([1, 2])[0]).__name__, isinstance(a, np.ndarray))
print(repr(np.mean(np.array([1, 2, 3, 4]))), repr(np.array([1, 2]).dtype), np.array([1, 2]).dtype)
print(np.array([1.0]).dtype == np.float64, np.array([1.0], dtype=np.float32).dtype == np.float32, np.array([1]).dtype == np.int64)
print([1, 2, 3][np.int64(1)], {np.int64(1): "one"}[1])
'''

CASES["arithmetic_promotion"] = r'''
import numpy as np
i = np.array([1, 2, 3])
f = np.array([0.5, 1.5, 2.5])
h = np.array([0.5, 1.5, 2.5], dtype=np.float32)
b = np.array([True, False, True])
print(repr(i + f), repr(i + 1), repr(i + 1.5), repr(i / 2), repr(i // 2), repr(i % 2), repr(i ** 2))
print(repr(h + 1.5), repr(h * 2), repr(h + f), repr(h + i), repr(b + b), repr(b * 3), repr(b + 1.0))
print(repr(-f), repr(-i), repr(~b), repr(abs(np.array([-1, 2]))), repr(2 - f), repr(1 / f), repr(2 ** i))
print(repr(np.array([-7, 7]) // 2), repr(np.array([-7, 7]) % 3), repr(np.array([-7.5, 7.5]) % 2), repr(np.array([-7.5, 7.5]) // 2))
m = np.array([[1., 2.], [3., 4.]])
print(repr(m + np.array([10., 20.])), repr(m * np.array([[1.], [2.]])))
print(repr(i == 2), repr(f > 1), repr(i <= f), repr(i != 3), repr((i > 1) & (i < 3)), repr((i < 2) | (i > 2)))
try:
    np.array([1, 2, 3]) + np.array([1, 2])
except ValueError as e:
    print("ValueError:", e)
try:
    b - b
except TypeError as e:
    print("TypeError:", e)
a = np.array([1.0, 2.0])
a += 1
a *= np.array([2.0, 3.0])
print(repr(a))
k = np.array([1, 2])
try:
    k += 1.5
except Exception as e:
    print(type(e).__name__ + ":", e)
'''

CASES["matmul_dot"] = r'''
import numpy as np
a = np.array([[1., 2.], [3., 4.]])
b = np.array([[5., 6.], [7., 8.]])
v = np.array([1., -1.])
print(repr(a @ b), repr(a @ v), repr(v @ a), repr(v @ v), repr(np.dot(a, b)), repr(np.matmul(a, v)))
print(repr(np.arange(6).reshape(2, 3) @ np.arange(6).reshape(3, 2)))
print(repr(np.outer(np.array([1, 2]), np.array([3., 4., 5.]))), repr(np.dot(2, a)), repr(a.dot(v)))
x = np.arange(24.).reshape(2, 3, 4)
w = np.arange(8.).reshape(4, 2)
print(repr(x @ w))
try:
    a @ np.ones((3, 2))
except ValueError as e:
    print("ValueError:", e)
'''

CASES["reductions"] = r'''
import numpy as np
m = np.array([[1., 2., 3.], [4., 5., 7.]])
i = np.array([[3, 1, 2], [9, 7, 8]])
print(repr(m.sum()), repr(m.sum(axis=0)), repr(m.sum(axis=1)), repr(m.sum(axis=1, keepdims=True)), repr(np.sum(i)))
print(repr(m.mean()), repr(m.mean(axis=0)), repr(np.mean(i, axis=1)), repr(i.mean()))
print(repr(m.std()), repr(m.std(axis=0)), repr(np.var(i)), repr(np.std(i, axis=1, ddof=1)))
print(repr(m.max()), repr(m.min(axis=1)), repr(i.max(axis=0)), repr(np.max(i)), repr(np.min(m, axis=0, keepdims=True)))
print(repr(m.argmax()), repr(i.argmax(axis=1)), repr(np.argmin(i, axis=0)), repr(np.argmax(np.array([1, 5, 5, 2]))))
print(repr(np.prod(i)), repr(np.prod(m, axis=0)), repr(np.cumsum(i)), repr(np.cumsum(m, axis=1)), repr(i.cumsum(axis=0)))
print(repr(np.sum(np.array([True, True, False]))), repr(np.mean(np.array([True, False]))), repr(np.array([1.5], dtype=np.float32).sum()))
print(repr(np.any(i > 8)), repr(np.all(i > 0)), repr((m > 2).any(axis=0)))
r = np.arange(200) * 0.1
print(repr(r.sum()), repr(np.sum(r * r)), repr(np.mean(r)), repr(np.std(r)))
try:
    m.sum(axis=2)
except Exception as e:
    print(type(e).__name__ + ":", e)
try:
    np.array([]).max()
except ValueError as e:
    print("ValueError:", e)
'''

CASES["creation"] = r'''
import numpy as np
print(repr(np.zeros(3)), repr(np.ones((2, 2))), repr(np.zeros((2,), dtype=int)), repr(np.ones(2, dtype=np.float32)))
print(repr(np.full((2, 2), 7)), repr(np.full(3, 0.5)), repr(np.zeros_like(np.array([1, 2]))), repr(np.ones_like(np.array([1.5]))))
print(repr(np.arange(5)), repr(np.arange(1, 3, 0.5)), repr(np.arange(0, 1, 0.1)), repr(np.arange(5.0)), repr(np.arange(10, 0, -3)))
print(repr(np.linspace(0, 1, 5)), repr(np.linspace(-1, 1, 4)), repr(np.linspace(0, 10, 4, endpoint=False)))
print(repr(np.eye(3)), repr(np.eye(2, 3, k=1, dtype=int)), repr(np.empty((0,))))
print(repr(np.array([[1, 2], [3, 4]], dtype=float)), repr(np.array([1, 2.5, True])), repr(np.asarray([1, 2])))
print(repr(np.array([1.7, -1.7]).astype(int)), repr(np.array([0, 1, 2]).astype(bool)), repr(np.array([1, 2]).astype(np.float32)))
print(np.pi, np.e, np.inf, -np.inf, np.nan)
'''

CASES["unary_math"] = r'''
import numpy as np
x = np.array([0.5, 1.0, 2.0])
print(repr(np.exp(x)), repr(np.log(x)), repr(np.sqrt(x)), repr(np.tanh(x)), repr(np.log2(x)))
print(repr(np.exp(np.array([1, 2]))), repr(np.abs(np.array([-1.5, 2.0]))), repr(np.abs(np.array([-3, 2]))))
print(repr(np.exp(np.array([0.5], dtype=np.float32))), repr(np.sqrt(np.array([2.0], dtype=np.float32))))
print(repr(np.maximum(np.array([1, 5]), np.array([3, 2]))), repr(np.minimum(x, 1.0)), repr(np.maximum(x, 0)))
print(repr(np.round(np.array([1.234, 2.5, 3.5, -0.5]))), repr(np.round(np.array([1.23456, 9.87654]), 2)), repr(np.round(2.675, 2)))
print(repr(np.clip(np.array([-2, 0, 5]), -1, 3)), repr(np.clip(x, 0.7, 1.5)))
print(repr(np.isnan(np.array([1.0, np.nan]))), repr(np.exp(1.0)), repr(np.sqrt(4)), repr(np.log(np.e)))
print(repr(np.where(x > 0.7, x, 0.0)), repr(np.where(np.array([True, False]), 1, 2)), np.where(np.array([0, 3, 0, 4]) > 0))
print(np.allclose(x, x + 1e-9), np.allclose(x, x + 1e-3), repr(np.isclose(x, np.array([0.5, 1.1, 2.0]))))
print(np.array_equal(x, x.copy()), np.array_equal(x, x[:2]), np.array_equal(np.array([1, 2]), np.array([1.0, 2.0])))
'''

CASES["indexing"] = r'''
import numpy as np
a = np.arange(12).reshape(3, 4)
print(repr(a[0]), repr(a[-1]), repr(a[1, 2]), repr(a[:, 1]), repr(a[1:, ::2]), repr(a[::-1]), repr(a[:, ::-2]))
print(repr(a[..., 0]), repr(a[None, 0]), repr(a[:, None, 0].shape), repr(a[np.newaxis].shape), repr(a[1][2]))
print(repr(a[a > 5]), repr(a[[0, 2]]), repr(a[[0, 2], [1, 3]]), repr(a[:, [0, 0, 3]]), repr(a[np.array([2, 0])]))
print(repr(a[np.array([True, False, True])]), repr(a[-2:, -1]), repr(a[5:]))
b = a.copy()
b[0] = 100
b[1, 1:3] = [7, 8]
b[b > 8] = -1
b[:, 0] *= 2
print(repr(b))
f = np.zeros(5)
f[1:4] = 2.5
f[[0, 4]] = np.array([1, 9])
f[f > 2] += 1
print(repr(f))
v = a[1]
v[0] = 99
print(repr(a))
try:
    a[3]
except IndexError as e:
    print("IndexError:", e)
try:
    a[0, 0, 0]
except IndexError as e:
    print("IndexError:", e)
'''

CASES["shapes"] = r'''
import numpy as np
a = np.arange(6)
m = a.reshape(2, 3)
print(repr(m), repr(a.reshape(3, -1)), repr(m.T), repr(m.flatten()), repr(m.T.ravel()), repr(np.transpose(m)))
print(m.shape, m.ndim, m.size, len(m), m.T.shape, repr(m.tolist()), repr(np.array(2.5).item()), repr(m[0, 1].item()))
print(repr(np.concatenate([m, m])), repr(np.concatenate([m, m], axis=1)), repr(np.stack([a, a])), repr(np.stack([a, a], axis=1)))
print(repr(np.vstack([a, a])), repr(np.hstack([a, a])), repr(np.hstack([m, m])))
print(np.split(a, 3), np.array_split(np.arange(7), 3), np.split(a, [1, 4]))
print(repr(np.squeeze(np.zeros((1, 3, 1)))), repr(np.expand_dims(a, 0).shape), repr(np.expand_dims(a, -1).shape))
print(repr(np.concatenate([np.array([1, 2]), np.array([0.5])])))
for row in m:
    print(row, row.sum())
for x in np.array([1.5, 2.5]):
    print(x, repr(x))
try:
    a.reshape(4, 2)
except ValueError as e:
    print("ValueError:", e)
'''

CASES["ordering"] = r'''
import numpy as np
x = np.array([3, 1, 2, 1, 5])
print(repr(np.sort(x)), repr(np.argsort(x)), repr(np.argsort(np.array([0.3, 0.1, 0.2]))), repr(np.sort(np.array([[3, 1], [0, 2]]))))
print(repr(np.unique(x)), np.unique(np.array([2, 2, 1]), return_counts=True), repr(np.bincount(x)), repr(np.bincount(np.array([0, 2]), minlength=4)))
y = np.array([2.5, -1.0, 0.0])
y.sort()
print(repr(y), repr(np.argsort(-np.array([1, 3, 2]))))
'''

CASES["random_legacy"] = r'''
import numpy as np
np.random.seed(0)
print(np.random.rand(3))
print(repr(np.random.rand(2, 2)))
print(np.random.randn(5))
print(np.random.randn())
print(np.random.randint(0, 10, size=5), np.random.randint(5), np.random.randint(3, 1000, (2, 2)))
print(np.random.random(3), np.random.random_sample((1, 2)), np.random.random())
print(np.random.normal(0, 1, 3), np.random.normal(5.0, 0.1), np.random.uniform(-1, 1, size=4))
np.random.seed(42)
print(np.random.choice(5, 3), np.random.choice(10, 4, replace=False), np.random.choice([10, 20, 30], size=5, p=[0.1, 0.3, 0.6]))
print(np.random.choice(5), repr(np.random.choice(np.array([1.5, 2.5]))))
print(np.random.choice(6, 3, replace=False, p=[0.1, 0.2, 0.3, 0.1, 0.2, 0.1]))
a = np.arange(10)
np.random.shuffle(a)
print(a, np.random.permutation(6), np.random.permutation(np.array([1.5, 2.5, 3.5])))
lst = [1, 2, 3, 4, 5]
np.random.shuffle(lst)
print(lst)
m = np.arange(8).reshape(4, 2)
np.random.shuffle(m)
print(m)
rs = np.random.RandomState(123)
print(rs.rand(2), rs.randn(2), rs.randint(0, 100, 3), rs.normal(size=2))
np.random.seed(2**32 - 1)
print(np.random.randint(-5, 5, 6), np.random.randint(0, 2**40, 2), np.random.rand())
'''

CASES["torch_bridge"] = r'''
import numpy as np
import torch
a = np.array([[1.0, 2.0], [3.0, 4.0]])
t = torch.from_numpy(a)
print(t, t.dtype)
print(t.float(), t.float().dtype)
a[0, 0] = 10
print(t)
x = torch.tensor([[1.5, 2.5]])
n = x.numpy()
print(repr(n), n.dtype)
n[0, 1] = 7
print(x)
print(repr(np.array(torch.tensor([1, 2]))), repr(torch.tensor(np.array([1, 2])).dtype), torch.tensor(np.array([0.5], dtype=np.float32)))
print(torch.tensor(np.arange(3)), torch.from_numpy(np.array([True, False])), repr(torch.arange(3).numpy()))
print(torch.tensor(np.float64(2.5)).dtype, repr(torch.ones(2).numpy().sum()))
'''

CASES["printoptions"] = r'''
import numpy as np
x = np.array([1.123456789, 2e-10, 3.0])
print(x)
np.set_printoptions(precision=3)
print(x, repr(np.array([0.5, 1 / 3])))
np.set_printoptions(suppress=True)
print(x)
np.set_printoptions(precision=8, suppress=False)
print(x)
'''

CASES["printing_edges"] = r'''
import numpy as np
print(repr(np.array([-1.5, 2.25])), repr(np.array([-0.0, 1.0])), repr(np.array([np.nan, np.nan])), repr(np.array([np.inf, 1.0])))
print(repr(np.arange(40) * 1000), repr(np.array([[True, False], [False, True]])))
print(repr(np.arange(3000, dtype=np.float32) / 7))
print(repr(np.zeros((10, 10, 12))))
print(np.array(3.5), np.array([1e20, 1.0]), np.array([1e-3, 1.0]))
print([np.array([1, 2]), np.array([3.0])])
print(repr(np.int64(3) + 1), repr(np.int64(3) / 2), repr(np.float32(1) * 2.5), repr(np.float64(1) == 1), np.float64(1) == 1)
a = np.array([3.0, 1.0, 2.0])
print(len(a), 2.0 in a, 5 in a, list(a), sum(a), max(a), sorted(a), a.shape == (3,))
print(repr(np.array([1, 2], dtype=np.float32).mean()), repr(np.array([[1, 2], [3, 4]], dtype=np.float32).std(axis=0)))
print(repr(np.array([0.1, 0.2], dtype=np.float32) + np.float64(0.1)), repr(np.array([1, 2]) * np.float32(0.5)))
print(repr(np.array([[1.5, 2.5], [3.5, 4.5]])[:, 1].sum()), np.array([1, 2, 3])[1:].tolist())
np.random.seed(1)
print(np.random.randn(3))
np.random.seed(1)
print(np.random.randn(1), np.random.randn(1), np.random.rand(1))
print(repr(np.array([100.0, 0.001])), repr(np.array([123.456, 0.5])), repr(np.array([1e8, 1.0])), repr(np.array([99999999.0, 1.0])))
print(repr(np.linspace(0, 2 * np.pi, 7)), repr(np.exp(np.linspace(-5, 5, 6))))
x = np.array([[1, 2], [3, 4]])
print(x[0][1], x[1, :], x.sum(axis=0).tolist(), repr(x.T @ x), x.dtype.name, x.itemsize, x.nbytes)
print(repr(np.float64(-1.5)), repr(abs(np.float64(-1.5))), round(np.float64(2.5)), repr(round(np.float64(2.675), 2)))
print(np.array([[0.1, 0.22], [3.333, 44.4444]]))
print(repr(np.array([1.0, 2.0]) / 0), repr(np.array([0.0]) / 0))
print(repr(np.array([[1, 2, 3]]) * np.array([[1], [2]])))
'''

CASES["learner_snippets"] = r'''
import numpy as np
np.random.seed(123)
x = np.random.randn(4, 3)
W = np.random.randn(3, 2) * 0.1
b = np.zeros(2)
h = x @ W + b
print(h)
def softmax(z):
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)
p = softmax(h)
print(p, p.sum(axis=1))
y = np.array([0, 1, 1, 0])
loss = -np.log(p[np.arange(4), y]).mean()
print(loss, f"{loss:.4f}")
onehot = np.eye(2)[y]
print(onehot)
grad = (p - onehot) / 4
print(grad.T @ x)
relu = np.maximum(0, x)
print(relu)
print((x > 0).astype(np.float32).mean(), np.argmax(p, axis=1), (np.argmax(p, axis=1) == y).mean())
vocab = {"a": 0, "b": 1}
ids = np.array([vocab[c] for c in "abba"])
print(ids, ids.shape, ids.dtype)
counts = np.zeros((2, 2), dtype=int)
for a, bb in zip(ids, ids[1:]):
    counts[a, bb] += 1
print(counts)
probs = (counts + 1) / (counts + 1).sum(axis=1, keepdims=True)
print(probs)
print(np.random.choice(2, p=probs[0]))
t = np.linspace(-3, 3, 7)
print(np.tanh(t), 1 / (1 + np.exp(-t)))
print(np.round(np.array([0.12345, 5.6789]), 3), np.sqrt(np.mean(t ** 2)))
print(np.array([[1, 2], [3, 4]]).reshape(-1), np.arange(6).reshape(2, 3).sum(1))
print(np.array([1, 2, 3]) @ np.array([4, 5, 6]), np.dot(np.array([1., 2.]), np.array([3., 4.])))
print(np.zeros((2, 3)).shape, np.ones((2, 3), dtype=np.int64))
'''

CASES["printing_floats"] = r'''
import numpy as np
print(repr(np.array([12345678.9, 1.5])), repr(np.array([1e-300, 1.0])), repr(np.array([1e200, -1e-200])))
print(repr(np.array([0.1, 0.2, 0.3], dtype=np.float32) * 3), np.array(0.1, dtype=np.float32), repr(np.array(0.1, dtype=np.float32)))
print(repr(np.arange(1500) % 3 == 0))
print(repr(np.array([[1e-5, 2.0], [3.0, 4e5]])))
print(np.array([-5, 3, 100000]), repr(np.array([[-1.0, 0.0], [0.5, -0.25]])))
print(repr(np.array([0.5, 1.0]) * 1e-4), repr(np.array([5e-5, 1.0])))
print(repr(np.full((2, 3), np.nan)), repr(np.array([np.inf, -np.inf, np.nan, 1.25])))
print(repr(np.random.RandomState(0).rand(3, 3, 3)))
print(repr(np.array([1.0, 2.0], dtype=np.float32) / 3), repr(np.array([3.14159265358979], dtype=np.float32)))
print(repr(np.array([1, 2, 3], dtype=np.float32).sum()), repr(np.float32(3.0) / np.float32(7.0)), str(np.float32(1 / 3)))
print(np.float64(1e-7), np.float64(123456789.123), np.float64(-0.5), np.int64(-7), np.float64(np.inf), repr(np.float64(np.nan)))
'''

CASES["float32_exp_log"] = r'''
import numpy as np
x = (np.random.RandomState(0).randn(300) * 5).astype(np.float32)
print(np.exp(x)[:6], np.log(np.abs(x))[:6])
print(np.exp(np.array([0.5, 1.0, -100.0, 88.0, 89.0, -104.0, 0.0], dtype=np.float32)))
print(np.log(np.array([1.0, 2.0, 1e-40, 0.0, 3e38, 0.7071067], dtype=np.float32)))
print([v for v in np.exp(x).tolist()] == [float(v) for v in np.exp(x)], np.exp(x).tolist()[::10])
print(np.log(np.abs(x)).tolist()[::10])
'''

CASES["matrices"] = r'''
import numpy as np
print(repr(np.median(np.array([3,1,2]))), repr(np.median(np.array([[1.,4],[2,3]]), axis=0)), repr(np.median(np.array([1,2,3,4]))))
print(repr(np.triu(np.ones((3,3)))), repr(np.tril(np.arange(9).reshape(3,3), -1)), repr(np.diag(np.array([1,2]))), repr(np.diag(np.arange(9).reshape(3,3))))
print(repr(np.count_nonzero(np.array([0,1,2]))), repr(np.log1p(np.array([0., 1e-10]))), repr(np.flip(np.arange(3))), repr(np.trace(np.arange(9).reshape(3,3))))
print(repr(np.diag(np.array([1, 2]), 1)), repr(np.diag(np.arange(12).reshape(3, 4), -1)), repr(np.flip(np.arange(6).reshape(2, 3), axis=1)))
mask = np.triu(np.ones((4, 4), dtype=bool), k=1)
scores = np.arange(16.).reshape(4, 4)
scores[mask] = -np.inf
print(scores)
'''

CASES["matmul_exact"] = r'''
import numpy as np
rs = np.random.RandomState(3)
for k in [3, 16, 17, 33, 70]:
    a = rs.randn(4, k)
    b = rs.randn(k, 5)
    print(k, (a @ b).tolist())
    print(k, repr(a[0] @ a[1]), repr(np.dot(a[2], a[3])))
for rows in [1, 2, 3, 5, 6]:
    A = rs.randn(rows, 23)
    x = rs.randn(23)
    print(rows, (A @ x).tolist(), np.dot(A, x).tolist())
for cols in [1, 2, 3, 4, 7]:
    B = rs.randn(22, cols)
    v = rs.randn(22)
    print(cols, (v @ B).tolist(), np.dot(v, B).tolist())
f = rs.randn(3, 20).astype(np.float32)
g = rs.randn(20, 2).astype(np.float32)
print((f @ g).tolist())
'''

CASES["types_and_format"] = r'''
import numpy as np
print(np.float32, type(np.zeros(2)), type(np.float64(1)), np.dtype("float32"), repr(np.dtype(float)))
print(np.zeros(2).dtype.name, np.zeros(2).dtype.itemsize, isinstance(np.zeros(2), np.ndarray), np.zeros(2).dtype == "float64")
x = np.arange(6).reshape(2, 3)
print(x.ndim, x.size, x.shape, x.T.shape, x.dtype, x.astype(np.float32).dtype, x.astype("float").dtype)
print(f"{np.float32(0.1)}", f"{np.float32(0.1):.3f}", f"{np.array([1.5, 2.0])}", [np.float64(1.5), np.int64(2)], {"a": np.float32(0.5)})
'''

CASES["power_fast_paths"] = r'''
import numpy as np
x = np.random.RandomState(4).rand(300) * 10
print(np.array_equal(x ** 2, x * x), (x ** 0.5).tolist()[:5], (x ** -1).tolist()[:3], (x ** 3).tolist()[:3], (x ** 2.5).tolist()[:3])
s = 0
for a, b in zip((x ** 0.5).tolist(), np.sqrt(x).tolist()): s += a != b
print(s, repr((x ** 0.5).sum()), repr((x ** -1).sum()), repr((x.astype(np.float32) ** 0.5).sum()), repr((x ** 2).sum()))
'''


def run(script):
    import numpy as np
    np.set_printoptions(precision=8, suppress=False, threshold=1000, edgeitems=3, linewidth=75)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(script, "<fixture>", "exec"), {"__name__": "__main__"})
    return out.getvalue()


def swift_string(s):
    return '"""\n' + s.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '\n"""'


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    target = os.path.join(here, "..", "BindingsTests", "NumpyExpectations.swift")
    lines = [
        "// Generated by Tests/Fixtures/make_numpy_fixtures.py from real numpy 2.4 (and torch): do not edit.",
        "// Scripts for the numpy binding with the stdout Python printed.",
        "",
        "enum NumpyExpectations {",
        "    static let cases: [(name: String, script: String, expected: String)] = [",
    ]
    for name, script in CASES.items():
        expected = run(script)
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
