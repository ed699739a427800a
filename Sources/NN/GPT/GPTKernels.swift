// The fast GPT's layer kernels on raw float buffers, llm.c style: each forward
// with its backward beside it, shapes in a comment above. Chapters 3-5.
//
// Conventions: row-major buffers; B batch, T tokens, C channels (emb_dim), V vocab,
// H heads, hs = C / H. Backward kernels ADD into parameter gradients (PyTorch's
// accumulation) and say for each activation gradient whether they add or overwrite.

import Foundation
import Tensor

/// Splits loops over threads when the work pays for waking them.
enum Parallel {
    static let threadCount = max(1, ProcessInfo.processInfo.activeProcessorCount)

    /// How many chunks `forEach` uses for `count` items costing `work` element-steps in all.
    static func chunkCount(_ count: Int, work: Int) -> Int {
        min(count, threadCount, max(1, work / (1 << 15)))
    }

    /// Calls `body(chunk, range)` for `chunkCount` contiguous slices of `0..<count`.
    static func forEach(_ count: Int, work: Int, _ body: (Int, Range<Int>) -> Void) {
        let chunks = chunkCount(count, work: work)
        if chunks <= 1 { if count > 0 { body(0, 0..<count) }; return }
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            body(c, (count * c / chunks)..<(count * (c + 1) / chunks))
        }
    }
}

enum GPTKernels {
    typealias Pointer = UnsafeMutablePointer<Float>
    typealias ConstPointer = UnsafePointer<Float>

    // MARK: embeddings

    /// out[r, :] = wte[ids[r], :] + wpe[positionOffset + r % T, :].
    /// ids [B*T], wte [V, C], wpe [maxT, C] -> out [B*T, C].
    static func encoderForward(_ out: Pointer, ids: UnsafePointer<Int32>, wte: ConstPointer, wpe: ConstPointer,
                               rows: Int, T: Int, C: Int, positionOffset: Int = 0) {
        for r in 0..<rows {
            let o = out + r * C, e = wte + Int(ids[r]) * C, p = wpe + (positionOffset + r % T) * C
            for i in 0..<C { o[i] = e[i] + p[i] }
        }
    }

    /// dwte[ids[r]] += dout[r]; dwpe[r % T] += dout[r]. dout [B*T, C].
    static func encoderBackward(dwte: Pointer, dwpe: Pointer, dout: ConstPointer, ids: UnsafePointer<Int32>,
                                rows: Int, T: Int, C: Int) {
        for r in 0..<rows {
            let d = dout + r * C, e = dwte + Int(ids[r]) * C, p = dwpe + (r % T) * C
            for i in 0..<C { e[i] += d[i]; p[i] += d[i] }
        }
    }

    // MARK: layer norm (the book's LayerNorm: biased variance, eps 1e-5, scale and shift)

    /// out = (x - mean) / sqrt(var + eps) * scale + shift, per row.
    /// inp [N, C] -> out [N, C]; mean, rstd [N] kept for the backward when given.
    static func layerNormForward(_ out: Pointer, mean: Pointer?, rstd: Pointer?, inp: ConstPointer,
                                 scale: ConstPointer, shift: ConstPointer, rows: Int, C: Int, eps: Float = 1e-5) {
        Parallel.forEach(rows, work: rows * C * 4) { _, range in
            for r in range {
                let x = inp + r * C, y = out + r * C
                var sum: Float = 0
                for i in 0..<C { sum += x[i] }
                let m = sum / Float(C)
                var squares: Float = 0
                for i in 0..<C { let d = x[i] - m; squares += d * d }
                let s = 1 / (squares / Float(C) + eps).squareRoot()
                for i in 0..<C { y[i] = scale[i] * ((x[i] - m) * s) + shift[i] }
                mean?[r] = m; rstd?[r] = s
            }
        }
    }

    /// dinp += rstd * (dnorm - mean(dnorm) - norm * mean(dnorm * norm)) with dnorm = dout * scale;
    /// dscale += sum_rows dout * norm; dshift += sum_rows dout. Shapes as the forward.
    static func layerNormBackward(dinp: Pointer, dscale: Pointer, dshift: Pointer, dout: ConstPointer,
                                  inp: ConstPointer, scale: ConstPointer, mean: ConstPointer, rstd: ConstPointer,
                                  rows: Int, C: Int) {
        let chunks = Parallel.chunkCount(rows, work: rows * C * 6)
        let partial = Pointer.allocate(capacity: chunks * 2 * C)
        partial.initialize(repeating: 0, count: chunks * 2 * C)
        defer { partial.deallocate() }
        Parallel.forEach(rows, work: rows * C * 6) { chunk, range in
            let pscale = partial + chunk * 2 * C, pshift = pscale + C
            for r in range {
                let x = inp + r * C, g = dout + r * C, dx = dinp + r * C
                let m = mean[r], s = rstd[r]
                var meanD: Float = 0, meanDN: Float = 0
                for i in 0..<C {
                    let norm = (x[i] - m) * s, d = scale[i] * g[i]
                    meanD += d; meanDN += d * norm
                }
                meanD /= Float(C); meanDN /= Float(C)
                for i in 0..<C {
                    let norm = (x[i] - m) * s, d = scale[i] * g[i]
                    pshift[i] += g[i]
                    pscale[i] += norm * g[i]
                    dx[i] += s * (d - meanD - norm * meanDN)
                }
            }
        }
        for chunk in 0..<chunks {
            let pscale = partial + chunk * 2 * C, pshift = pscale + C
            for i in 0..<C { dscale[i] += pscale[i]; dshift[i] += pshift[i] }
        }
    }

    // MARK: linear layers (GEMM with transpose flags, no transposed copies)

    /// out = inp · weight^T + bias, or out += ... when `accumulate` (a residual add).
    /// inp [N, IN], weight [OUT, IN], bias [OUT] -> out [N, OUT].
    /// A few rows (decoding) against a big weight split the output columns over threads.
    static func matmulForward(_ out: Pointer, inp: ConstPointer, weight: ConstPointer, bias: ConstPointer?,
                              rows: Int, inFeatures: Int, outFeatures: Int, accumulate: Bool = false) {
        if let bias {
            for r in 0..<rows {
                let o = out + r * outFeatures
                if accumulate { for j in 0..<outFeatures { o[j] += bias[j] } } else { o.update(from: bias, count: outFeatures) }
            }
        }
        let beta: Float = (accumulate || bias != nil) ? 1 : 0
        if rows <= 4 {
            fewRowsTimesWeight(out, inp: inp, weight: weight, rows: rows, inFeatures: inFeatures,
                               outFeatures: outFeatures, beta: beta)
            return
        }
        // [N, IN] x [OUT, IN]^T -> [N, OUT]
        GEMM.sgemm(transA: false, transB: true, m: rows, n: outFeatures, k: inFeatures,
                   a: inp, lda: inFeatures, b: weight, ldb: inFeatures, beta: beta, c: out, ldc: outFeatures)
    }

    /// out[r, j] = beta * out[r, j] + dot(inp[r, :], weight[j, :]) for a few rows (decoding one
    /// token): a matrix-vector product that streams each weight row once, SIMD over `inFeatures`,
    /// output columns split over threads. GEMM's packing pays only from a handful of rows up.
    static func fewRowsTimesWeight(_ out: Pointer, inp: ConstPointer, weight: ConstPointer, rows: Int,
                                   inFeatures: Int, outFeatures: Int, beta: Float) {
        let blocks = inFeatures / 32
        Parallel.forEach(outFeatures, work: outFeatures * inFeatures * rows / 8) { _, columns in
            for j in columns {
                let w = UnsafeRawPointer(weight + j * inFeatures)
                for r in 0..<rows {
                    let x = UnsafeRawPointer(inp + r * inFeatures)
                    var a0 = SIMD16<Float>(), a1 = SIMD16<Float>()
                    for b in 0..<blocks {
                        let o = b * 128
                        a0 += w.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
                            * x.loadUnaligned(fromByteOffset: o, as: SIMD16<Float>.self)
                        a1 += w.loadUnaligned(fromByteOffset: o + 64, as: SIMD16<Float>.self)
                            * x.loadUnaligned(fromByteOffset: o + 64, as: SIMD16<Float>.self)
                    }
                    var sum = (a0 + a1).sum()
                    let wf = weight + j * inFeatures, xf = inp + r * inFeatures
                    for i in (blocks * 32)..<inFeatures { sum += wf[i] * xf[i] }
                    let o = out + r * outFeatures + j
                    o.pointee = beta == 0 ? sum : beta * o.pointee + sum
                }
            }
        }
    }

    /// dinp = dout · weight (+= when `accumulateInput`); dweight += dout^T · inp; dbias += sum_rows dout.
    /// dout [N, OUT], inp [N, IN], weight [OUT, IN].
    static func matmulBackward(dinp: Pointer?, dweight: Pointer, dbias: Pointer?, dout: ConstPointer,
                               inp: ConstPointer, weight: ConstPointer, rows: Int, inFeatures: Int, outFeatures: Int,
                               accumulateInput: Bool) {
        if let dinp {
            // [N, OUT] x [OUT, IN] -> [N, IN]
            GEMM.sgemm(transA: false, transB: false, m: rows, n: inFeatures, k: outFeatures,
                       a: dout, lda: outFeatures, b: weight, ldb: inFeatures,
                       beta: accumulateInput ? 1 : 0, c: dinp, ldc: inFeatures)
        }
        // [N, OUT]^T x [N, IN] -> [OUT, IN]
        GEMM.sgemm(transA: true, transB: false, m: outFeatures, n: inFeatures, k: rows,
                   a: dout, lda: outFeatures, b: inp, ldb: inFeatures, beta: 1, c: dweight, ldc: inFeatures)
        if let dbias {
            Parallel.forEach(outFeatures, work: rows * outFeatures) { _, columns in
                for r in 0..<rows {
                    let g = dout + r * outFeatures
                    for j in columns { dbias[j] += g[j] }
                }
            }
        }
    }

    // MARK: elementwise helpers (dropout masks)

    /// x *= mask, elementwise.
    static func multiply(_ x: Pointer, by mask: ConstPointer, count: Int) {
        Parallel.forEach(count, work: count) { _, range in for i in range { x[i] *= mask[i] } }
    }

    /// out += x * mask, elementwise (a shortcut around a dropout).
    static func multiplyAdd(_ out: Pointer, _ x: ConstPointer, _ mask: ConstPointer, count: Int) {
        Parallel.forEach(count, work: count) { _, range in for i in range { out[i] += x[i] * mask[i] } }
    }

    // MARK: GELU (the book's tanh approximation)

    static let geluScale = Float(2.0 / Double.pi).squareRoot()

    /// out = 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3))), elementwise over `count`.
    static func geluForward(_ out: Pointer, inp: ConstPointer, count: Int) {
        Parallel.forEach(count, work: count * 8) { _, range in
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let x = load(inp + i)
                let cube: Lanes = 0.044715 * (x * x * x)
                let t = tanh(geluScale * (x + cube))
                store(0.5 * x * (1 + t), out + i)
                i += 8
            }
            for i in i..<range.upperBound {
                let x = inp[i]
                out[i] = 0.5 * x * (1 + tanhf(geluScale * (x + 0.044715 * (x * x * x))))
            }
        }
    }

    /// dinp = gelu'(inp) * dout (overwrites; `dinp` may be `dout`).
    static func geluBackward(dinp: Pointer, inp: ConstPointer, dout: ConstPointer, count: Int) {
        Parallel.forEach(count, work: count * 10) { _, range in
            var i = range.lowerBound
            while i + 8 <= range.upperBound {
                let x = load(inp + i)
                let cube: Lanes = 0.044715 * (x * x * x)
                let t = tanh(geluScale * (x + cube))
                let slope: Lanes = geluScale * (1 + 3 * 0.044715 * (x * x))
                let local: Lanes = 0.5 * (1 + t) + (0.5 * x) * (1 - t * t) * slope
                store(local * load(dout + i), dinp + i)
                i += 8
            }
            for i in i..<range.upperBound {
                let x = inp[i]
                let t = tanhf(geluScale * (x + 0.044715 * (x * x * x)))
                let sech2 = 1 - t * t
                let local = 0.5 * (1 + t) + 0.5 * x * sech2 * geluScale * (1 + 3 * 0.044715 * x * x)
                dinp[i] = local * dout[i]
            }
        }
    }
}
