// The failure catalogue's sizes (issue #14): giant dimensions, widths and counts, and
// nesting past CPython's limits, each with the whole message PyTorch or CPython 3.11 gives.
// Texts checked with torch 2.15 and python3 3.11.7; language sizes use 10**13 so that the
// refusal reads the same on any machine with less than 9 TiB of memory.
import Foundation

extension FailureCatalog {
    static let sizes: [BadInput] = tensorSizes + emptyGiants + arraySizes + languageSizes + nesting

    /// Shapes whose strides, byte counts or element counts pass Int64, or the memory.
    static let tensorSizes: [BadInput] = [
        BadInput(#"torch.zeros(0, 2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.zeros(0, 2**62, 2**62)
                 RuntimeError: Stride calculation overflowed
                 """#),
        BadInput(#"torch.empty(0, 2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.empty(0, 2**62, 2**62)
                 RuntimeError: Stride calculation overflowed
                 """#),
        BadInput(#"torch.ones(0, 2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(0, 2**62, 2**62)
                 RuntimeError: Stride calculation overflowed
                 """#),
        BadInput(#"torch.randn(0, 2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.randn(0, 2**62, 2**62)
                 RuntimeError: Stride calculation overflowed
                 """#),
        BadInput(#"torch.rand(0, 2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.rand(0, 2**62, 2**62)
                 RuntimeError: Stride calculation overflowed
                 """#),
        BadInput(#"torch.full((0, 2**62, 2**62), 1.0)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.full((0, 2**62, 2**62), 1.0)
                 RuntimeError: Stride calculation overflowed
                 """#),
        BadInput(#"torch.randint(0, 5, (0, 2**62, 2**62))"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.randint(0, 5, (0, 2**62, 2**62))
                 RuntimeError: Stride calculation overflowed
                 """#),
        BadInput(#"torch.empty(0).reshape(0, 2**62, 2**62).shape"#, after: [#"import torch"#],
                 #"""
                 torch.Size([0, 4611686018427387904, 4611686018427387904])
                 """#),
        BadInput(#"torch.empty(0).view(0, 2**62, 2**62).stride()"#, after: [#"import torch"#],
                 #"""
                 (0, 4611686018427387904, 1)
                 """#),
        BadInput(#"torch.empty(0).reshape(0, 2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 tensor([], size=(0, 4611686018427387904, 4611686018427387904))
                 """#),
        BadInput(#"torch.empty(0).reshape(0, 2**62, 2**62).sum(1)"#, after: [#"import torch"#],
                 #"""
                 tensor([], size=(0, 4611686018427387904))
                 """#),
        BadInput(#"torch.empty(0).reshape(0, 2**62, 2**62) + 1"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.empty(0).reshape(0, 2**62, 2**62) + 1
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                 RuntimeError: Stride calculation overflowed
                 """#),
        BadInput(#"torch.empty(0).reshape(2**62, 2**62, 0)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.empty(0).reshape(2**62, 2**62, 0)
                 RuntimeError: numel: integer multiplication overflow
                 """#),
        BadInput(#"torch.empty(0).reshape(0, 2**62, 2**62).permute(2, 1, 0)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.empty(0).reshape(0, 2**62, 2**62).permute(2, 1, 0)
                 RuntimeError: numel: integer multiplication overflow
                 """#),
        BadInput(#"torch.empty(0).reshape(-1, 2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.empty(0).reshape(-1, 2**62, 2**62)
                 RuntimeError: cannot reshape tensor of 0 elements into shape [-1, 4611686018427387904, 4611686018427387904] because the unspecified dimension size -1 can be any value and is ambiguous
                 """#),
        BadInput(#"torch.zeros(1, 1).expand(2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.zeros(1, 1).expand(2**62, 2**62)
                 RuntimeError: numel: integer multiplication overflow
                 """#),
        BadInput(#"torch.zeros(0, 1).expand(0, 2**62).shape"#, after: [#"import torch"#],
                 #"""
                 torch.Size([0, 4611686018427387904])
                 """#),
        BadInput(#"torch.ones(2).reshape(2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2).reshape(2**62, 2**62)
                 RuntimeError: shape '[4611686018427387904, 4611686018427387904]' is invalid for input of size 2
                 """#),
        BadInput(#"torch.ones(2).view(-1, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2).view(-1, 2**62)
                 RuntimeError: shape '[-1, 4611686018427387904]' is invalid for input of size 2
                 """#),
        BadInput(#"torch.zeros(2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.zeros(2**62)
                 RuntimeError: Storage size calculation overflowed with sizes=[4611686018427387904]
                 """#),
        BadInput(#"torch.zeros(2**40, 2**40, 0)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.zeros(2**40, 2**40, 0)
                 RuntimeError: Storage size calculation overflowed with sizes=[1099511627776, 1099511627776, 0]
                 """#),
        BadInput(#"torch.zeros(2**61, 2)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.zeros(2**61, 2)
                 RuntimeError: Storage size calculation overflowed with sizes=[2305843009213693952, 2]
                 """#),
        BadInput(#"torch.ones(2, 2).repeat(2**31, 2**31)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2, 2).repeat(2**31, 2**31)
                 RuntimeError: Storage size calculation overflowed with sizes=[4294967296, 4294967296]
                 """#),
        BadInput(#"torch.ones(2).repeat(2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.ones(2).repeat(2**62)
                 RuntimeError: IntArrayRef contains an int that cannot be represented as a SymInt: -9223372036854775808
                 """#),
        BadInput(#"torch.ones(0).repeat(2**62, 2**62).shape"#, after: [#"import torch"#],
                 #"""
                 torch.Size([4611686018427387904, 0])
                 """#),
        BadInput(#"torch.zeros(10**12)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.zeros(10**12)
                 RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)
                 """#),
        BadInput(#"torch.arange(10**12)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.arange(10**12)
                 RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 8000000000000 bytes. Error code 12 (Cannot allocate memory)
                 """#),
        BadInput(#"torch.nn.Embedding(10**6, 10**6)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.nn.Embedding(10**6, 10**6)
                 RuntimeError: [enforce fail at alloc_cpu.cpp:127] err == 0. DefaultCPUAllocator: can't allocate memory: you tried to allocate 4000000000000 bytes. Error code 12 (Cannot allocate memory)
                 """#),
        BadInput(#"torch.nn.Linear(2**62, 2**62)"#, after: [#"import torch"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.nn.Linear(2**62, 2**62)
                 RuntimeError: Storage size calculation overflowed with sizes=[4611686018427387904, 4611686018427387904]
                 """#),
    ]

    /// numpy arrays past int64 or past memory, in numpy's words.
    static let arraySizes: [BadInput] = [
        BadInput(#"np.zeros(10**12)"#, after: [#"import numpy as np"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     np.zeros(10**12)
                 numpy._core._exceptions._ArrayMemoryError: Unable to allocate 7.28 TiB for an array with shape (1000000000000,) and data type float64
                 """#),
        BadInput(#"np.zeros((10**6, 10**6), dtype=np.float32)"#, after: [#"import numpy as np"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     np.zeros((10**6, 10**6), dtype=np.float32)
                 numpy._core._exceptions._ArrayMemoryError: Unable to allocate 3.64 TiB for an array with shape (1000000, 1000000) and data type float32
                 """#),
        BadInput(#"np.arange(10**12)"#, after: [#"import numpy as np"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     np.arange(10**12)
                 numpy._core._exceptions._ArrayMemoryError: Unable to allocate 7.28 TiB for an array with shape (1000000000000,) and data type int64
                 """#),
        BadInput(#"np.zeros((0, 2**62, 2**62))"#, after: [#"import numpy as np"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     np.zeros((0, 2**62, 2**62))
                 ValueError: array is too big; `arr.size * arr.dtype.itemsize` is larger than the maximum possible size.
                 """#),
    ]

    /// Empty tensors with 2**62-long dims are real tensors: copied, filled, joined, loaded.
    static let emptyGiants: [BadInput] = {
        let t = "torch.empty(0).reshape(0, 2**62, 2**62)"
        let after = ["import torch", "from safetensors.torch import load_file"]
        let folder = SizesFiles.folder
        return [
            BadInput("\(t).clone().stride(), torch.zeros_like(\(t)).stride()", after: after,
                     "((0, 4611686018427387904, 1), (0, 4611686018427387904, 1))"),
            BadInput("\(t).tril()", after: after, "tensor([], size=(0, 4611686018427387904, 4611686018427387904))"),
            BadInput("torch.cat([\(t), \(t)], 1)", after: after, """
                Traceback (most recent call last):
                  File "<stdin>", line 1, in <module>
                    torch.cat([\(t), \(t)], 1)
                RuntimeError: Trying to create tensor with negative dimension -9223372036854775808: [0, -9223372036854775808, 4611686018427387904]
                """),
            BadInput("load_file('\(folder)/empty-giant.safetensors')['w'].shape", after: after,
                     "torch.Size([0, 4611686018427387904, 4611686018427387904])"),
            BadInput("load_file('\(folder)/giant-shape.safetensors')", after: after, """
                Traceback (most recent call last):
                  File "<stdin>", line 1, in <module>
                    load_file('\(folder)/giant-shape.safetensors')
                safetensors_rust.SafetensorError: \(folder)/giant-shape.safetensors: not a valid safetensors file: 'w' has shape \
                [4611686018427387904, 4611686018427387904, 4]: overflow computing buffer size from shape and/or element type
                """),
        ]
    }()

    /// Widths, counts and repetitions past memory: MemoryError (or CPython's Overflow/ValueError).
    static let languageSizes: [BadInput] = [
        BadInput(#"'x'.ljust(10**13)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     'x'.ljust(10**13)
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"'x'.rjust(10**13)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     'x'.rjust(10**13)
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"'x'.center(10**13, '*')"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     'x'.center(10**13, '*')
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"'x'.zfill(10**13)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     'x'.zfill(10**13)
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"f'{1:>10000000000000}'"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     f'{1:>10000000000000}'
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"format(1, '>10000000000000')"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     format(1, '>10000000000000')
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"'{:>10000000000000}'.format(1)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     '{:>10000000000000}'.format(1)
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"format(1, '010000000000000,')"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     format(1, '010000000000000,')
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"'%10000000000000d' % 1"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     '%10000000000000d' % 1
                     ^^^^^^^^^^^^^^^^^^^^^^
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"'%*d' % (10**13, 1)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     '%*d' % (10**13, 1)
                     ^^^^^^^^^^^^^^^^^^^
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"'%-10000000000000s' % 'a'"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     '%-10000000000000s' % 'a'
                     ^^^^^^^^^^^^^^^^^^^^^^^^^
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"format(1, '>10000000000000000000000')"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     format(1, '>10000000000000000000000')
                 ValueError: Too many decimal digits in format string
                 """#),
        BadInput(#"'%10000000000000000000000d' % 1"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     '%10000000000000000000000d' % 1
                     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                 ValueError: width too big
                 """#),
        BadInput(#"format(1.5, '.100000000000f')"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     format(1.5, '.100000000000f')
                 ValueError: precision too big
                 """#),
        BadInput(#"'%.100000000000f' % 1.5"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     '%.100000000000f' % 1.5
                     ^^^^^^^^^^^^^^^^^^^^^^^
                 ValueError: precision too big
                 """#),
        BadInput(#"bytes(10**13)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     bytes(10**13)
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"bytearray(10**13)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     bytearray(10**13)
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"(0,) * 10**13"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     (0,) * 10**13
                     ^^^^^^^^^^^^^
                 MemoryError: cannot allocate 218.3 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
        BadInput(#"'ab'.expandtabs(10**11)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     'ab'.expandtabs(10**11)
                 OverflowError: Python int too large to convert to C int
                 """#),
        BadInput(#"len(range(-2**62, 2**62))"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     len(range(-2**62, 2**62))
                 OverflowError: Python int too large to convert to C ssize_t
                 """#),
        BadInput(#"''.join(['x' * 10**7] * 10**6)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     ''.join(['x' * 10**7] * 10**6)
                 MemoryError: cannot allocate 9.1 TiB: this machine has \#(CatalogueFiles.machineMemory) of memory
                 """#),
    ]

    /// Nesting past CPython's limits: 200 brackets, 100 indents, its parser stack (a bare
    /// MemoryError) and its compiler's recursion limit; memory stays linear in the depth.
    static let nesting: [BadInput] = {
        let lambdas = "f = " + String(repeating: "lambda: ", count: 8000) + "1"
        let minuses = "x = " + String(repeating: "-", count: 4000) + "1"
        let sums = "x = " + String(repeating: "1 + ", count: 3000) + "1"
        let parentheses = "x = " + String(repeating: "(", count: 201) + String(repeating: ")", count: 201)
        let ifs = (0..<100).map { String(repeating: " ", count: $0) + "if 1:" } + [String(repeating: " ", count: 100) + "pass", ""]
        return [
            BadInput(lambdas, "MemoryError"),
            BadInput(minuses, "RecursionError: maximum recursion depth exceeded during compilation"),
            BadInput(sums, "RecursionError: maximum recursion depth exceeded during compilation"),
            // Deep but within the limits: it runs, and the innermost name is CPython's.
            BadInput(["f = " + String(repeating: "lambda: ", count: 2900) + "1", "for _ in range(2899): f = f()", "",
                      "f.__qualname__ == '.<locals>.'.join(['<lambda>'] * 2900), f()"],
                     "(True, 1)"),
            // Data nested a hundred thousand deep: repr counts against the recursion limit.
            BadInput(["x = []", "for i in range(10**5): x = [x]", "", "print(x)"], """
                Traceback (most recent call last):
                  File "<stdin>", line 1, in <module>
                    print(x)
                RecursionError: maximum recursion depth exceeded while getting the repr of an object
                """),
            BadInput(["x = []", "y = []", "for i in range(10**5): x = [x]; y = [y]", "", "x == y"], """
                Traceback (most recent call last):
                  File "<stdin>", line 1, in <module>
                    x == y
                RecursionError: maximum recursion depth exceeded in comparison
                """),
            BadInput(parentheses, """
                  File "<stdin>", line 1
                    \(parentheses)
                    \(String(repeating: " ", count: 204))^
                SyntaxError: too many nested parentheses
                """),
            BadInput(ifs, """
                  File "<stdin>", line 101
                    pass
                IndentationError: too many levels of indentation
                """),
        ]
    }()
}

/// Safetensors files whose headers give shapes past Int64: one empty, one not.
enum SizesFiles {
    static let folder: String = {
        let folder = CatalogueFiles.folder
        func write(_ name: String, shape: String) {
            let header = Array(#"{"w":{"dtype":"F32","shape":\#(shape),"data_offsets":[0,0]}}"#.utf8)
            let length = (0..<8).map { UInt8(truncatingIfNeeded: header.count >> (8 * $0)) }
            _ = FileManager.default.createFile(atPath: folder + "/" + name, contents: Data(length + header))
        }
        write("empty-giant.safetensors", shape: "[0,4611686018427387904,4611686018427387904]")
        write("giant-shape.safetensors", shape: "[4611686018427387904,4611686018427387904,4]")
        return folder
    }()
}
