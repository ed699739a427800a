// Matrix products: matmul (`@`) for every rank combination, mm, mv, bmm, dot.
// Serves attention scores and context vectors (chapter 3) and every Linear layer.

extension Tensor {
    /// `a @ b` / `torch.matmul`, with PyTorch's rules: 1-D·1-D is a dot product,
    /// 2-D·2-D `mm`, a 1-D operand is promoted to a row (left) or column (right)
    /// and the added dim removed, and higher ranks multiply the last two dims with
    /// the batch dims broadcast: `[*batchA, n, k] @ [*batchB, k, p] -> [*batch, n, p]`.
    ///
    /// The grad_fn name and the error text follow the path PyTorch's `matmul` takes
    /// (`MmBackward0`, `MvBackward0`, `SqueezeBackward4`, `UnsafeViewBackward0`, ...).
    /// Transposed operands are handed to GEMM as transposes, without a copy.
    public func matmul(_ other: Tensor) throws -> Tensor {
        try matmul(other, owners: (self, other))
    }

    /// `matmul` of `self` and `other`, which may be views (a squeezed batch) of the
    /// autograd inputs `owners`; gradients go to the owners in their shapes.
    private func matmul(_ other: Tensor, owners: (Tensor, Tensor)) throws -> Tensor {
        let dimA = rank, dimB = other.rank
        guard dimA > 0, dimB > 0 else {
            throw TensorError.runtime(
                "both arguments to matmul need to be at least 1D, but they are \(dimA)D and \(dimB)D")
        }
        if dimA == 2 && dimB == 2 {
            try checkMatmulDtypes(other)
            guard shape[1] == other.shape[0] else {
                throw Tensor.mmShapeError(shape[0], shape[1], other.shape[0], other.shape[1])
            }
            return try product(other, owners, left: self, right: other, batch: [],
                               outShape: [shape[0], other.shape[1]], name: "MmBackward0")
        }
        if dimA == 1 && dimB == 1 { return try dot(other) }
        if dimA == 2 && dimB == 1 { return try mv(other) }
        try checkMatmulDtypes(other)
        if dimA == 1 && dimB == 2 {
            // [k] -> [1, k], mm, then squeeze the 1 away.
            guard shape[0] == other.shape[0] else {
                throw Tensor.mmShapeError(1, shape[0], other.shape[0], other.shape[1])
            }
            return try product(other, owners, left: rowMatrix(), right: other, batch: [], outShape: [other.shape[1]],
                               name: "SqueezeBackward4")
        }
        if shouldFold(other, owners: owners) {
            if dimA > dimB {
                // [*batch, n, k] folded to [batch*n, k], then mm or mv with other.
                let folded = Tensor.elementCount(shape.dropLast()), k = shape[dimA - 1]
                let batch = Array(shape.dropLast(2))
                if dimB == 2 {
                    guard k == other.shape[0] else {
                        throw Tensor.mmShapeError(folded, k, other.shape[0], other.shape[1])
                    }
                    return try product(other, owners, left: self, right: other, batch: batch,
                                       outShape: shape.dropLast() + [other.shape[1]], name: "UnsafeViewBackward0")
                }
                guard k == other.shape[0] else {
                    throw TensorError.runtime(
                        "size mismatch, got input (\(folded)), mat (\(folded)x\(k)), vec (\(other.shape[0]))")
                }
                return try product(other, owners, left: self, right: other.columnMatrix(), batch: batch,
                                   outShape: Array(shape.dropLast()), name: "UnsafeViewBackward0")
            }
            // PyTorch folds other.mT instead: [*batch, p, m2] against self (transposed).
            let batch = Array(other.shape.dropLast(2))
            let m2 = other.shape[dimB - 2], p = other.shape[dimB - 1]
            let folded = Tensor.elementCount(batch) &* p
            if dimA == 2 {
                let n = shape[0], m1 = shape[1]
                guard m2 == m1 else { throw Tensor.mmShapeError(folded, m2, m1, n) }
                // The folded product is [*batch, p, n]; PyTorch returns its .mT.contiguous().
                let name = n == 1 || p == 1 ? "TransposeBackward0" : "CloneBackward0"
                return try product(other, owners, left: self, right: other, batch: batch, outShape: batch + [n, p], name: name)
            }
            guard m2 == shape[0] else {
                throw TensorError.runtime(
                    "size mismatch, got input (\(folded)), mat (\(folded)x\(m2)), vec (\(shape[0]))")
            }
            return try product(other, owners, left: rowMatrix(), right: other, batch: batch, outShape: batch + [p],
                               name: "UnsafeViewBackward0")
        }
        // A 3-D operand with a batch of 1 that requires grad is squeezed to 2-D first.
        if dimA == 3 && dimB == 3 && shape[0] != other.shape[0] {
            if shape[0] == 1 && owners.0.requiresGrad {
                return try squeezedBatch().matmul(other, owners: owners)
            }
            if other.shape[0] == 1 && owners.1.requiresGrad {
                return try matmul(other.squeezedBatch(), owners: owners)
            }
        }
        // General case: expand the batch dims to their broadcast and run bmm.
        let batchA = Array(shape.dropLast(2)), batchB = Array(other.shape.dropLast(2))
        let batch = try Tensor.broadcastShapes(batchA, batchB)
        let n = dimA > 1 ? shape[dimA - 2] : 1, m1 = shape[dimA - 1]
        let m2 = dimB > 1 ? other.shape[dimB - 2] : other.shape[0], p = dimB > 1 ? other.shape[dimB - 1] : 1
        guard m1 == m2 else {
            let b = Tensor.elementCount(batch)
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(b), \(m1)] but got: [\(b), \(m2)].")
        }
        let outShape = batch + (dimA > 1 ? [n] : []) + (dimB > 1 ? [p] : [])
        return try product(other, owners, left: dimA > 1 ? self : rowMatrix(), right: dimB > 1 ? other : other.columnMatrix(),
                           batch: batch, outShape: outShape, name: "UnsafeViewBackward0", viaBmm: true)
    }

    /// `torch.mm(a, b)`: `[n, k] @ [k, p] -> [n, p]`. Backward `MmBackward0`.
    public func mm(_ other: Tensor) throws -> Tensor {
        guard rank == 2 else { throw TensorError.runtime("mm: self must be a matrix, got \(rank)-D tensor") }
        guard other.rank == 2 else { throw TensorError.runtime("mm: mat2 must be a matrix, got \(other.rank)-D tensor") }
        try checkMatmulDtypes(other)
        guard shape[1] == other.shape[0] else {
            throw Tensor.mmShapeError(shape[0], shape[1], other.shape[0], other.shape[1])
        }
        return try product(other, left: self, right: other, batch: [], outShape: [shape[0], other.shape[1]],
                           name: "MmBackward0")
    }

    /// `torch.mv(a, v)`: `[n, k] @ [k] -> [n]`. Backward `MvBackward0`.
    public func mv(_ other: Tensor) throws -> Tensor {
        guard rank == 2, other.rank == 1 else {
            throw TensorError.runtime("vector + matrix @ vector expected, got 1, \(rank), \(other.rank)")
        }
        try checkMatmulDtypes(other)
        guard shape[1] == other.shape[0] else {
            throw TensorError.runtime(
                "size mismatch, got input (\(shape[0])), mat (\(shape[0])x\(shape[1])), vec (\(other.shape[0]))")
        }
        return try product(other, left: self, right: other.columnMatrix(), batch: [], outShape: [shape[0]],
                           name: "MvBackward0")
    }

    /// `torch.bmm(a, b)`: `[b, n, k] @ [b, k, p] -> [b, n, p]`, no broadcasting.
    /// Backward `BmmBackward0`.
    public func bmm(_ other: Tensor) throws -> Tensor {
        guard rank == 3 else { throw TensorError.runtime("batch1 must be a 3D tensor") }
        guard other.rank == 3 else { throw TensorError.runtime("batch2 must be a 3D tensor") }
        try checkMatmulDtypes(other)
        guard other.shape[0] == shape[0], other.shape[1] == shape[2] else {
            throw TensorError.runtime(
                "Expected size for first two dimensions of batch2 tensor to be: [\(shape[0]), \(shape[2])] "
                + "but got: [\(other.shape[0]), \(other.shape[1])].")
        }
        return try product(other, left: self, right: other, batch: [shape[0]],
                           outShape: [shape[0], shape[1], other.shape[2]], name: "BmmBackward0", viaBmm: true)
    }

    /// `torch.dot(a, b)`: the 0-d sum of products of two 1-D tensors. Backward `DotBackward0`.
    public func dot(_ other: Tensor) throws -> Tensor {
        guard rank == 1, other.rank == 1 else {
            throw TensorError.runtime("1D tensors expected, but got \(rank)D and \(other.rank)D tensors")
        }
        guard dtype == other.dtype else {
            throw TensorError.runtime(
                "dot : expected both vectors to have same dtype, but found \(scalarTypeName) and \(other.scalarTypeName)")
        }
        guard shape[0] == other.shape[0] else {
            throw TensorError.runtime(
                "inconsistent tensor size, expected tensor [\(shape[0])] and src [\(other.shape[0])] to have the "
                + "same number of elements, but got \(shape[0]) and \(other.shape[0]) elements respectively")
        }
        let result = try product(other, left: rowMatrix(), right: other.columnMatrix(), batch: [], outShape: [],
                                 name: "DotBackward0")
        if dtype == .float32 {
            // PyTorch's dot is BLAS sdot, which adds in another order than its matrix product.
            result.floatPointer[0] = Tensor.sdot(floatPointer, strides[0], other.floatPointer, other.strides[0],
                                                 count: shape[0])
        }
        return result
    }

    // MARK: forward and backward

    /// `sum(a[i] * b[i])` in the order PyTorch's `torch.dot` (MKL's sdot) adds, as far as
    /// measured: 4-float vectors dealt round-robin to 8 accumulators (the tail into the
    /// first), the accumulators folded in halves, then the lanes as `(l0 + l1) + (l2 + l3)`.
    /// Bit-identical to torch 2.15 for contiguous vectors of up to 12 elements (the
    /// book's 3-dimensional dot products; measured over 40 draws per length); longer
    /// or strided vectors agree to float rounding (a few ulps).
    static func sdot(_ a: UnsafePointer<Float>, _ strideA: Int, _ b: UnsafePointer<Float>, _ strideB: Int,
                     count n: Int) -> Float {
        var acc = [Float](repeating: 0, count: 32)  // [accumulator * 4 + lane]
        var i = 0, vector = 0
        while i + 4 <= n {
            let base = (vector % 8) * 4
            for lane in 0..<4 { acc[base + lane] += a[(i + lane) * strideA] * b[(i + lane) * strideB] }
            i += 4
            vector += 1
        }
        for lane in 0..<(n - i) { acc[lane] += a[(i + lane) * strideA] * b[(i + lane) * strideB] }
        var accumulators = 8
        while accumulators > 1 {
            let half = accumulators / 2
            for q in 0..<half { for lane in 0..<4 { acc[q * 4 + lane] += acc[(q + half) * 4 + lane] } }
            accumulators = half
        }
        return (acc[0] + acc[1]) + (acc[2] + acc[3])
    }

    /// `left @ right` over `batch` (left `[*bl, n, k]`, right `[*br, k, p]`, views of
    /// `self` and `other`), reshaped to `outShape`. Gradients:
    /// `dLeft = g @ right^T` and `dRight = left^T @ g`, summed over broadcast batch dims.
    ///
    /// `viaBmm`: PyTorch computes this product (and its gradients) with `bmm`, whose CPU
    /// kernel for `k * n * p < 400` is a plain loop adding `a * b` in order from zero;
    /// we then do the same so small attention products print PyTorch's digits.
    private func product(_ other: Tensor, _ owners: (Tensor, Tensor)? = nil, left: Tensor, right: Tensor,
                         batch: [Int], outShape: [Int], name: String, viaBmm: Bool = false) throws -> Tensor {
        if dtype == .float64 { throw Tensor.float64Refusal }
        let (ownerA, ownerB) = owners ?? (self, other)
        let n = left.shape[left.rank - 2], p = right.shape[right.rank - 1]
        let out = try Tensor(zeros: batch + [n, p], dtype: dtype)
        let a = try MatrixBatch.of(left, batch: batch), b = try MatrixBatch.of(right, batch: batch)
        let c = try MatrixBatch.of(out, batch: batch)
        let k = left.shape[left.rank - 1]
        let naive = viaBmm && k * n * p < 400
        let multiply = naive ? BatchedGEMM.multiplyInOrder : BatchedGEMM.multiply
        if dtype == .float32 { multiply(a, b, c) } else { BatchedGEMM.multiplyIntegers(a, b, into: c) }
        let result = out.makeView(shape: outShape, strides: Tensor.contiguousStrides(outShape), offset: 0)
        guard dtype == .float32 else { return result }
        return result.recordingGrad(name, inputs: [ownerA, ownerB]) { [leftShape = left.shape,
                                                                       rightShape = right.shape] g in
            let gc = try g.contiguousData()
            let gm = MatrixBatch(tensor: gc, offsets: c.offsets, rows: n, cols: p, rowStride: p, colStride: 1)
            var grads: [Tensor?] = [nil, nil]
            if ownerA.requiresGrad {
                let da = try Tensor(zeros: leftShape)
                multiply(gm, b.transposed, try MatrixBatch.of(da, batch: batch))
                grads[0] = da.makeView(shape: ownerA.shape, strides: Tensor.contiguousStrides(ownerA.shape), offset: 0)
            }
            if ownerB.requiresGrad {
                let db = try Tensor(zeros: rightShape)
                multiply(a.transposed, gm, try MatrixBatch.of(db, batch: batch))
                grads[1] = db.makeView(shape: ownerB.shape, strides: Tensor.contiguousStrides(ownerB.shape), offset: 0)
            }
            return grads
        }
    }

    /// A `[1, r, c]` tensor seen as `[r, c]` (a view).
    private func squeezedBatch() -> Tensor {
        makeView(shape: Array(shape.dropFirst()), strides: Array(strides.dropFirst()), offset: offset)
    }

    /// A 1-D `[k]` tensor seen as the row `[1, k]` (a view).
    private func rowMatrix() -> Tensor {
        makeView(shape: [1, shape[0]], strides: [shape[0] * strides[0], strides[0]], offset: offset)
    }

    /// A 1-D `[k]` tensor seen as the column `[k, 1]` (a view).
    private func columnMatrix() -> Tensor {
        makeView(shape: [shape[0], 1], strides: [strides[0], 1], offset: offset)
    }

    /// PyTorch's `should_fold`: whether `matmul` folds the larger operand's batch into
    /// its rows and calls mm/mv (it decides the grad_fn name and the error text).
    private func shouldFold(_ other: Tensor, owners: (Tensor, Tensor)) -> Bool {
        let selfLarger = rank >= other.rank
        let larger = selfLarger ? self : other
        let largerDims = larger.rank, smallerDims = selfLarger ? other.rank : rank
        guard largerDims >= 3 && smallerDims <= 2 else { return false }
        if (selfLarger ? owners.1 : owners.0).requiresGrad { return true }
        if rank == 2 { return false }
        if larger.count == 0 { return true }
        // larger.mT when other is the larger one: swap the last two dims' geometry.
        var shape = larger.shape, strides = larger.strides
        if !selfLarger {
            shape.swapAt(largerDims - 1, largerDims - 2)
            strides.swapAt(largerDims - 1, largerDims - 2)
        }
        for i in 0..<(largerDims - 2) where strides[i] != strides[i + 1] * shape[i + 1] { return false }
        return true
    }

    private func checkMatmulDtypes(_ other: Tensor) throws {
        guard dtype == other.dtype else {
            throw TensorError.runtime(
                "expected m1 and m2 to have the same dtype, but got: \(cTypeName) != \(other.cTypeName)")
        }
        if dtype == .bool {
            throw TensorError.notImplemented("\"addmm_impl_cpu_\" not implemented for 'Bool'")
        }
    }

    /// The C type name PyTorch's dtype errors use ("float", "long int", "bool").
    private var cTypeName: String {
        switch dtype {
        case .float32: return "float"
        case .int64: return "long int"
        case .bool: return "bool"
        case .float64: return "double"
        }
    }

    private static func mmShapeError(_ r1: Int, _ c1: Int, _ r2: Int, _ c2: Int) -> TensorError {
        .runtime("mm: mat1 and mat2 shapes cannot be multiplied (\(r1)x\(c1) and \(r2)x\(c2))")
    }
}
