// `F.linear` and `F.embedding`: the two lookups/products every GPT layer starts
// with, as fused GEMM/gather kernels with their backward. Chapters 2-4.

import Tensor

public enum Functional {}

extension Functional {
    /// `F.linear(x, weight, bias)`: `y = x @ weight.T + bias`.
    ///
    /// Shapes: x [..., in], weight [out, in], bias [out] → y [..., out].
    /// grad_fn as PyTorch names it: `AddmmBackward0` (2-D with bias), `MmBackward0`
    /// (2-D without); other ranks with a bias: `ViewBackward0` for a contiguous input, as
    /// the PyTorch the book printed with (2.4) flattens, multiplies and views back (later
    /// releases say `UnsafeViewBackward0`), `AddBackward0` otherwise; without a bias
    /// `SqueezeBackward4` (1-D) or `UnsafeViewBackward0`, as `matmul` names them.
    public static func linear(_ x: Tensor, weight: Tensor, bias: Tensor?) throws -> Tensor {
        guard x.dtype == .float32, weight.dtype == .float32 else {
            throw TensorError.runtime("expected m1 and m2 to have the same dtype, but got: \(x.dtype.name.dropFirst(6)) != \(weight.dtype.name.dropFirst(6))")
        }
        guard weight.rank == 2, x.rank >= 1 else {
            throw TensorError.runtime("linear: weight must be 2-D, got shape \(weight.shape)")
        }
        let (outFeatures, inFeatures) = (weight.shape[0], weight.shape[1])
        let rows = x.count / max(x.shape.last ?? 1, 1)
        guard x.shape.last == inFeatures else {
            let leading = x.rank == 1 ? "1" : "\(rows)"
            throw TensorError.runtime(
                "mat1 and mat2 shapes cannot be multiplied (\(leading)x\(x.shape.last ?? 0) and \(inFeatures)x\(outFeatures))")
        }
        if let bias, bias.shape != [outFeatures] && bias.count != 1 {
            throw TensorError.runtime("linear: bias of shape \(bias.shape) does not match \(outFeatures) output features")
        }
        let input = try x.contiguousData()
        let w = try weight.contiguousData()
        let outShape = Array(x.shape.dropLast()) + [outFeatures]
        let out = try Tensor(zeros: outShape)
        let y = out.floatPointer
        if let bias {
            let b = try bias.contiguousData().floatValues()
            for r in 0..<rows {
                for j in 0..<outFeatures { y[r * outFeatures + j] = b.count == 1 ? b[0] : b[j] }
            }
        }
        // [rows, in] x [out, in]^T -> [rows, out]
        GEMM.sgemm(transA: false, transB: true, m: rows, n: outFeatures, k: inFeatures,
                   a: input.floatPointer, lda: inFeatures, b: w.floatPointer, ldb: inFeatures,
                   beta: bias == nil ? 0 : 1, c: y, ldc: outFeatures)
        let name: String
        switch (x.rank, bias != nil) {
        case (2, true): name = "AddmmBackward0"
        case (2, false): name = "MmBackward0"
        case (_, true): name = x.isContiguous ? "ViewBackward0" : "AddBackward0"
        case (1, false): name = "SqueezeBackward4"
        default: name = "UnsafeViewBackward0"
        }
        var inputs = [x, weight]
        if let bias { inputs.append(bias) }
        return out.recordingGrad(name, inputs: inputs) { gradOut in
            let g = try gradOut.contiguousData()
            var grads: [Tensor?] = []
            if x.requiresGrad {
                // [rows, out] x [out, in] -> [rows, in]
                let gx = try Tensor(zeros: x.shape)
                GEMM.sgemm(transA: false, transB: false, m: rows, n: inFeatures, k: outFeatures,
                           a: g.floatPointer, lda: outFeatures, b: w.floatPointer, ldb: inFeatures,
                           c: gx.floatPointer, ldc: inFeatures)
                grads.append(gx)
            } else { grads.append(nil) }
            if weight.requiresGrad {
                // [rows, out]^T x [rows, in] -> [out, in]
                let gw = try Tensor(zeros: weight.shape)
                GEMM.sgemm(transA: true, transB: false, m: outFeatures, n: inFeatures, k: rows,
                           a: g.floatPointer, lda: outFeatures, b: input.floatPointer, ldb: inFeatures,
                           c: gw.floatPointer, ldc: inFeatures)
                grads.append(gw)
            } else { grads.append(nil) }
            if let bias {
                // sum over rows as PyTorch's sum(0) orders it (AddmmBackward0's bias gradient)
                let columns = try g.reshape([rows, outFeatures]).sum(dims: [0])
                let gb = bias.count == 1 && outFeatures != 1
                    ? try columns.sum().reshape(bias.shape) : try columns.reshape(bias.shape)
                grads.append(gb)
            }
            return grads
        }
    }

    /// `F.embedding(ids, weight)`: rows of `weight` picked by integer `ids`.
    ///
    /// Shapes: ids [...] (int64), weight [num, dim] → [..., dim]. grad_fn `EmbeddingBackward0`;
    /// the backward adds each output row's gradient into the row it came from.
    public static func embedding(_ ids: Tensor, weight: Tensor) throws -> Tensor {
        guard ids.dtype == .int64 else {
            throw TensorError.runtime(
                "Expected tensor for argument #1 'indices' to have one of the following scalar types: Long, Int; "
                + "but got torch.FloatTensor instead (while checking arguments for embedding)")
        }
        guard weight.rank == 2 else { throw TensorError.runtime("'weight' must be 2-D") }
        let (num, dim) = (weight.shape[0], weight.shape[1])
        let index = ids.int64Values()
        for i in index where i < 0 || i >= Int64(num) {
            throw TensorError.index("index out of range in self")
        }
        let w = try weight.contiguousData()
        let out = try Tensor(zeros: ids.shape + [dim])
        let src = w.floatPointer, dst = out.floatPointer
        for (row, id) in index.enumerated() {
            (dst + row * dim).update(from: src + Int(id) * dim, count: dim)
        }
        return out.recordingGrad("EmbeddingBackward0", inputs: [weight]) { gradOut in
            let g = try gradOut.contiguousData()
            let gw = try Tensor(zeros: [num, dim])
            let gp = g.floatPointer, wp = gw.floatPointer
            for (row, id) in index.enumerated() {
                let target = wp + Int(id) * dim, source = gp + row * dim
                for j in 0..<dim { target[j] += source[j] }
            }
            return [gw]
        }
    }
}
