// The failure catalogue, part 2: tensors (shapes, dimensions, values) and resource
// limits (huge allocations, deep recursion, giant values at the prompt).

extension FailureCatalog {
    static let tensors: [BadInput] = [
        BadInput(#"torch.ones(2, 3) @ torch.ones(2, 3)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 3) @ torch.ones(2, 3)
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                 RuntimeError: mm: mat1 and mat2 shapes cannot be multiplied (2x3 and 2x3)
                 """#),
        BadInput(#"torch.ones(2, 3) + torch.ones(4, 5)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 3) + torch.ones(4, 5)
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                 RuntimeError: The size of tensor a (2) must match the size of tensor b (4) at non-singleton dimension 0
                 """#),
        BadInput(#"torch.ones(6).view(4, 2)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(6).view(4, 2)
                 RuntimeError: shape '[4, 2]' is invalid for input of size 6
                 """#),
        BadInput(#"torch.ones(2, 3).reshape(7)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 3).reshape(7)
                 RuntimeError: shape '[7]' is invalid for input of size 6
                 """#),
        BadInput(#"torch.ones(2, 3)[5]"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 3)[5]
                     ^^^^^^^^^^^^^^^^^^^
                 IndexError: index 5 is out of bounds for dimension 0 with size 2
                 """#),
        BadInput(#"torch.ones(2, 3)[:, 7]"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 3)[:, 7]
                     ^^^^^^^^^^^^^^^^^^^^^^
                 IndexError: index 7 is out of bounds for dimension 1 with size 3
                 """#),
        BadInput(#"torch.cat([torch.ones(2, 3), torch.ones(2, 4)])"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.cat([torch.ones(2, 3), torch.ones(2, 4)])
                 RuntimeError: Sizes of tensors must match except in dimension 0. Expected size 3 but got size 4 for tensor number 1 in the list.
                 """#),
        BadInput(#"torch.stack([torch.ones(2), torch.ones(3)])"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.stack([torch.ones(2), torch.ones(3)])
                 RuntimeError: stack expects each tensor to be equal size, but got [2] at entry 0 and [3] at entry 1
                 """#),
        BadInput(#"torch.ones(2, 3).transpose(0, 5)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 3).transpose(0, 5)
                 IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 5)
                 """#),
        BadInput(#"torch.softmax(torch.ones(2, 3), dim=4)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.softmax(torch.ones(2, 3), dim=4)
                 IndexError: Dimension out of range (expected to be in range of [-2, 1], but got 4)
                 """#),
        BadInput(#"torch.tensor([[1, 2], [3]])"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.tensor([[1, 2], [3]])
                 ValueError: expected sequence of length 2 at dim 1 (got 1)
                 """#),
        BadInput(#"torch.tensor("abc")"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.tensor("abc")
                 TypeError: new(): invalid data type 'str'
                 """#),
        BadInput(#"torch.nn.Linear(3, 4)(torch.ones(2, 5))"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.nn.Linear(3, 4)(torch.ones(2, 5))
                 RuntimeError: mat1 and mat2 shapes cannot be multiplied (2x5 and 3x4)
                 """#),
        BadInput(#"torch.nn.Embedding(10, 3)(torch.tensor([11]))"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.nn.Embedding(10, 3)(torch.tensor([11]))
                 IndexError: index out of range in self
                 """#),
        BadInput(#"torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0, 5]))"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.nn.functional.cross_entropy(torch.ones(2, 3), torch.tensor([0, 5]))
                 IndexError: Target 5 is out of bounds.
                 """#),
        BadInput(#"torch.ones(2).backward()"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2).backward()
                 RuntimeError: element 0 of tensors does not require grad and does not have a grad_fn
                 """#),
        BadInput(#"torch.dot(torch.ones(3), torch.ones(4))"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.dot(torch.ones(3), torch.ones(4))
                 RuntimeError: inconsistent tensor size, expected tensor [3] and src [4] to have the same number of elements, but got 3 and 4 elements respectively
                 """#),
        BadInput(#"torch.tril(torch.ones(3))"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.tril(torch.ones(3))
                 RuntimeError: tril: input tensor must have at least 2 dimensions
                 """#),
        BadInput(#"torch.multinomial(torch.tensor([-1.0, 1.0]), 1)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.multinomial(torch.tensor([-1.0, 1.0]), 1)
                 RuntimeError: probability tensor contains either `inf`, `nan` or element < 0
                 """#),
        BadInput(#"torch.arange(0, 10, 0)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.arange(0, 10, 0)
                 RuntimeError: step must be nonzero
                 """#),
        BadInput(#"torch.ones(2, 3).view(-1, -1)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 3).view(-1, -1)
                 RuntimeError: only one dimension can be inferred
                 """#),
        BadInput(#"torch.ones(-1)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(-1)
                 RuntimeError: Trying to create tensor with negative dimension -1: [-1]
                 """#),
        BadInput(#"torch.nonexistent"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.nonexistent
                 AttributeError: module 'torch' has no attribute 'nonexistent'
                 """#),
        BadInput(#"torch.ones(2, 3).nope()"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 3).nope()
                     ^^^^^^^^^^^^^^^^^^^^^
                 AttributeError: 'Tensor' object has no attribute 'nope'
                 """#),
        BadInput(#"torch.ones(3)[torch.tensor([5])]"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(3)[torch.tensor([5])]
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                 IndexError: index 5 is out of bounds for dimension 0 with size 3
                 """#),
        BadInput(#"torch.ones(2, 2).item()"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 2).item()
                 RuntimeError: a Tensor with 4 elements cannot be converted to Scalar
                 """#),
    ]

    static let limits: [BadInput] = [
        BadInput(#"torch.zeros(2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.zeros(2**62, 2**62)
                 RuntimeError: Storage size calculation overflowed with sizes=[4611686018427387904, 4611686018427387904]
                 """#),
        BadInput(#"torch.randn(10**6, 10**6)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.randn(10**6, 10**6)
                 RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)
                 """#),
        BadInput(#"torch.empty(10**12)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.empty(10**12)
                 RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)
                 """#),
        BadInput(#"torch.ones(2**20, 2**20)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2**20, 2**20)
                 RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4398046511104 bytes. Error code 12 (Cannot allocate memory)
                 """#),
        BadInput(#"[0] * 10**12"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     [0] * 10**12
                     ^^^^^^^^^^^^
                 MemoryError: cannot allocate 21.8 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#""a" * 10**13"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     "a" * 10**13
                     ^^^^^^^^^^^^
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"[1, 2] * 2**62"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     [1, 2] * 2**62
                     ^^^^^^^^^^^^^^
                 MemoryError: cannot allocate more than 4096.0 PiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"b'ab' * 10**13"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     b'ab' * 10**13
                     ^^^^^^^^^^^^^^
                 MemoryError: cannot allocate 18.2 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"list(range(10**12))"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     list(range(10**12))
                 MemoryError: cannot allocate 21.8 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"tuple(range(10**13))"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     tuple(range(10**13))
                 MemoryError: cannot allocate 218.3 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput([#"def r(n): return r(n + 1)"#, #""#, #"r(0)"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     r(0)
                   File "<stdin>", line 1, in r
                     def r(n): return r(n + 1)
                                      ^^^^^^^^
                   File "<stdin>", line 1, in r
                     def r(n): return r(n + 1)
                                      ^^^^^^^^
                   File "<stdin>", line 1, in r
                     def r(n): return r(n + 1)
                                      ^^^^^^^^
                   [Previous line repeated 996 more times]
                 RecursionError: maximum recursion depth exceeded
                 """#),
        BadInput(#"import sys; sys.setrecursionlimit(0)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import sys; sys.setrecursionlimit(0)
                                 ^^^^^^^^^^^^^^^^^^^^^^^^
                 ValueError: recursion limit must be greater or equal than 1
                 """#),
    ]
}
