// `F.layer_norm`: normalise each row to mean 0, variance 1, then scale and shift.
// Chapter 4's LayerNorm; the book writes it by hand too, and the lesson compares.

import Tensor

extension Functional {
    /// `F.layer_norm(x, normalized_shape, weight, bias, eps)` over the last
    /// `normalizedShape.count` dims: `y = (x - mean) / sqrt(var + eps) * weight + bias`,
    /// with the biased variance. grad_fn `NativeLayerNormBackward0`.
    public static func layerNorm(_ x: Tensor, normalizedShape: [Int], weight: Tensor?, bias: Tensor?,
                                 eps: Double = 1e-5) throws -> Tensor {
        guard x.dtype == .float32, x.shape.suffix(normalizedShape.count).elementsEqual(normalizedShape) else {
            throw TensorError.runtime(
                "Given normalized_shape=\(normalizedShape), expected input with shape [*, "
                + "\(normalizedShape.map(String.init).joined(separator: ", "))], but got input of size\(x.shape)")
        }
        let n = normalizedShape.reduce(1, *)
        let rows = n == 0 ? 0 : x.count / n
        let input = try x.contiguousData()
        let gamma = try weight.map { try $0.contiguousData() }
        let beta = try bias.map { try $0.contiguousData() }
        let out = try Tensor(zeros: x.shape)
        var means = [Float](repeating: 0, count: rows), rstds = [Float](repeating: 0, count: rows)
        let xp = input.floatPointer, yp = out.floatPointer
        // ATen's LayerNormKernel (SIMD rows; LayerNormKernel.moments is the scalar reference).
        let gp = gamma?.floatPointer, bp = beta?.floatPointer
        let epsilon = Float(eps)
        means.withUnsafeMutableBufferPointer { m in
            rstds.withUnsafeMutableBufferPointer { r in
                guard let mp = m.baseAddress, let rp = r.baseAddress else { return }
                ExactRowKernels.layerNormRows(xp, yp, rows: rows, n: n, gamma: gp, beta: bp, eps: epsilon,
                                          means: mp, rstds: rp)
            }
        }
        var inputs = [x]
        if let weight { inputs.append(weight) }
        if let bias { inputs.append(bias) }
        return out.recordingGrad("NativeLayerNormBackward0", inputs: inputs) { gradOut in
            let g = try gradOut.contiguousData()
            let gp = g.floatPointer, xp = input.floatPointer
            let gx = try Tensor(zeros: x.shape)
            let gw = try Tensor(zeros: normalizedShape), gb = try Tensor(zeros: normalizedShape)
            LayerNormKernel.backward(rows: rows, n: n, dy: gp, x: xp, means: means, rstds: rstds,
                                     gamma: gamma?.floatPointer, dx: gx.floatPointer,
                                     dgamma: gw.floatPointer, dbeta: gb.floatPointer)
            var grads: [Tensor?] = [gx]
            if weight != nil { grads.append(gw) }
            if bias != nil { grads.append(gb) }
            return grads
        }
    }
}
