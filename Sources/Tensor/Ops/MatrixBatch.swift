// A batch of strided matrices in one storage, and the GEMM driver that multiplies
// batches without copying transposed operands. The engine under `@` (chapters 3-4).

import Foundation

/// Matrices `rows x cols` inside one tensor's storage: matrix `b` starts at
/// `offsets[b]` (elements, from the tensor's pointer); element (i, j) sits at
/// `offsets[b] + i * rowStride + j * colStride`. Offsets may repeat (broadcast batch).
struct MatrixBatch {
    let tensor: Tensor
    var offsets: [Int]
    var rows: Int, cols: Int
    var rowStride: Int, colStride: Int

    /// The same matrices transposed: no data moves.
    var transposed: MatrixBatch {
        MatrixBatch(tensor: tensor, offsets: offsets, rows: cols, cols: rows,
                    rowStride: colStride, colStride: rowStride)
    }

    /// The matrices of `t` (rank >= 2: `[batch..., rows, cols]`) with the batch dims
    /// broadcast to `batch`. Copies `t` only when its last two dims cannot be
    /// described to GEMM by a transpose flag and a leading dimension.
    static func of(_ t: Tensor, batch: [Int]) throws -> MatrixBatch {
        let r = t.shape[t.rank - 2], c = t.shape[t.rank - 1]
        var source = t
        if MatrixBatch.gemmLayout(rows: r, cols: c, rowStride: t.strides[t.rank - 2],
                                  colStride: t.strides[t.rank - 1]) == nil {
            source = try t.copyData(as: t.dtype)
        }
        let batchView = source.makeView(shape: Array(source.shape.dropLast(2)),
                                        strides: Array(source.strides.dropLast(2)), offset: 0)
        return MatrixBatch(tensor: source, offsets: batchView.broadcastView(to: batch).elementOffsets(),
                           rows: r, cols: c, rowStride: source.strides[source.rank - 2],
                           colStride: source.strides[source.rank - 1])
    }

    /// How GEMM reads a `rows x cols` matrix with these strides: as stored
    /// (`trans: false`, `ld` = row stride) or as the transpose of a row-major
    /// `cols x rows` matrix (`trans: true`, `ld` = column stride). Nil when neither fits.
    static func gemmLayout(rows r: Int, cols c: Int, rowStride rs: Int, colStride cs: Int) -> (trans: Bool, ld: Int)? {
        if (cs == 1 || c <= 1) && (r <= 1 || rs >= Swift.max(c, 1)) {
            return (false, r <= 1 ? Swift.max(c, 1) : rs)
        }
        if (rs == 1 || r <= 1) && (c <= 1 || cs >= Swift.max(r, 1)) {
            return (true, c <= 1 ? Swift.max(r, 1) : cs)
        }
        return nil
    }

    var layout: (trans: Bool, ld: Int)? {
        MatrixBatch.gemmLayout(rows: rows, cols: cols, rowStride: rowStride, colStride: colStride)
    }

    /// Whether `offsets[i] == offsets[0] + i * step` for all `i` in `range`; returns `step`.
    func uniformStep(_ range: Range<Int>) -> Int? {
        guard range.count > 1 else { return 0 }
        let step = offsets[range.lowerBound + 1] - offsets[range.lowerBound]
        for i in range.dropFirst() where offsets[i] - offsets[i - 1] != step { return nil }
        return step
    }
}

enum BatchedGEMM {
    /// `c[b] (+)= a[b] · b[b]` for every matrix of the batch, float32. `a` is `m x k`,
    /// `b` is `k x n`, `c` is `m x n` with unit column stride, zero-filled by the caller.
    /// Matrices of `c` that repeat an offset receive the sum of their products.
    static func multiply(_ a: MatrixBatch, _ b: MatrixBatch, into c: MatrixBatch) {
        let m = a.rows, k = a.cols, n = b.cols
        let count = c.offsets.count
        guard m > 0, n > 0, k > 0, count > 0 else { return }
        let ap = UnsafePointer(a.tensor.floatPointer), bp = UnsafePointer(b.tensor.floatPointer)
        let cp = c.tensor.floatPointer
        let whole = 0..<count

        // One GEMM with the batch folded into the rows: b is shared, a and c step by whole matrices.
        if count > 1, b.uniformStep(whole) == 0, a.uniformStep(whole) == m * a.rowStride,
           c.uniformStep(whole) == m * c.rowStride,
           let la = MatrixBatch.gemmLayout(rows: m * count, cols: k, rowStride: a.rowStride, colStride: a.colStride),
           let lb = b.layout {
            GEMM.sgemm(transA: la.trans, transB: lb.trans, m: m * count, n: n, k: k,
                       a: ap + a.offsets[0], lda: la.ld, b: bp + b.offsets[0], ldb: lb.ld,
                       c: cp + c.offsets[0], ldc: c.rowStride)
            return
        }
        // One GEMM with the batch folded into k: every product lands in the same c.
        if count > 1, c.uniformStep(whole) == 0, a.uniformStep(whole) == k * a.colStride,
           b.uniformStep(whole) == k * b.rowStride,
           let la = MatrixBatch.gemmLayout(rows: m, cols: k * count, rowStride: a.rowStride, colStride: a.colStride),
           let lb = MatrixBatch.gemmLayout(rows: k * count, cols: n, rowStride: b.rowStride, colStride: b.colStride) {
            GEMM.sgemm(transA: la.trans, transB: lb.trans, m: m, n: n, k: k * count,
                       a: ap + a.offsets[0], lda: la.ld, b: bp + b.offsets[0], ldb: lb.ld,
                       c: cp + c.offsets[0], ldc: c.rowStride)
            return
        }
        guard let la = a.layout, let lb = b.layout else { return }
        let distinct = Set(c.offsets).count == count
        if distinct {
            // Runs of matrices whose offsets step uniformly go to sgemmBatched together.
            let run = runLength(a, b, c)
            let runs = count / run
            let body = { (r: Int) in
                let range = (r * run)..<(r * run + run)
                let sa = a.uniformStep(range) ?? 0, sb = b.uniformStep(range) ?? 0, sc = c.uniformStep(range) ?? 0
                let first = range.lowerBound
                GEMM.sgemmBatched(batch: run, transA: la.trans, transB: lb.trans, m: m, n: n, k: k,
                                  a: ap + a.offsets[first], lda: la.ld, strideA: sa,
                                  b: bp + b.offsets[first], ldb: lb.ld, strideB: sb,
                                  c: cp + c.offsets[first], ldc: c.rowStride, strideC: sc)
            }
            if runs > 1 && m * n * k * count >= 1 << 16 {
                DispatchQueue.concurrentPerform(iterations: runs, execute: body)
            } else {
                for r in 0..<runs { body(r) }
            }
            return
        }
        // Repeated outputs (gradients of broadcast operands): sum each group in order.
        var groups: [Int: [Int]] = [:]
        var order: [Int] = []
        for (i, o) in c.offsets.enumerated() {
            if groups[o] == nil { order.append(o) }
            groups[o, default: []].append(i)
        }
        let body = { (g: Int) in
            for (j, i) in (groups[order[g]] ?? []).enumerated() {
                GEMM.sgemm(transA: la.trans, transB: lb.trans, m: m, n: n, k: k,
                           a: ap + a.offsets[i], lda: la.ld, b: bp + b.offsets[i], ldb: lb.ld,
                           beta: j == 0 ? 0 : 1, c: cp + c.offsets[i], ldc: c.rowStride)
            }
        }
        if order.count > 1 && m * n * k * count >= 1 << 16 {
            DispatchQueue.concurrentPerform(iterations: order.count, execute: body)
        } else {
            for g in 0..<order.count { body(g) }
        }
    }

    /// The longest run length (the whole batch, else a divisor of it) over which the
    /// offsets of `a`, `b` and `c` all step uniformly.
    private static func runLength(_ a: MatrixBatch, _ b: MatrixBatch, _ c: MatrixBatch) -> Int {
        let count = c.offsets.count
        for run in (1...count).reversed() where count % run == 0 {
            guard let sa = a.uniformStep(0..<run), let sb = b.uniformStep(0..<run),
                  let sc = c.uniformStep(0..<run) else { continue }
            // Every run must step like the first, so one call's strides describe it.
            let fits = stride(from: run, to: count, by: run).allSatisfy { s in
                let range = s..<(s + run)
                return a.uniformStep(range) == sa && b.uniformStep(range) == sb && c.uniformStep(range) == sc
            }
            if fits { return run }
        }
        return 1
    }

    /// The product as PyTorch's small-`bmm` kernel computes it: each element a float
    /// sum of `a * b` in order of `k`, starting from zero, no fused multiply-add.
    /// Matrices of `c` that repeat an offset receive the sum of their products.
    static func multiplyInOrder(_ a: MatrixBatch, _ b: MatrixBatch, into c: MatrixBatch) {
        let m = a.rows, k = a.cols, n = b.cols
        let ap = a.tensor.floatPointer, bp = b.tensor.floatPointer, cp = c.tensor.floatPointer
        var written = Set<Int>()
        for batch in 0..<c.offsets.count {
            let ao = a.offsets[batch], bo = b.offsets[batch], co = c.offsets[batch]
            let first = written.insert(co).inserted
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Float = 0
                    for p in 0..<k { sum += ap[ao + i * a.rowStride + p * a.colStride] * bp[bo + p * b.rowStride + j * b.colStride] }
                    let o = co + i * c.rowStride + j * c.colStride
                    cp[o] = first ? sum : cp[o] + sum
                }
            }
        }
    }

    /// The same product for int64 matrices (PyTorch multiplies integer tensors too).
    static func multiplyIntegers(_ a: MatrixBatch, _ b: MatrixBatch, into c: MatrixBatch) {
        let m = a.rows, k = a.cols, n = b.cols
        let ap = a.tensor.int64Pointer, bp = b.tensor.int64Pointer, cp = c.tensor.int64Pointer
        for batch in 0..<c.offsets.count {
            let ao = a.offsets[batch], bo = b.offsets[batch], co = c.offsets[batch]
            for i in 0..<m {
                for j in 0..<n {
                    var sum: Int64 = 0
                    for p in 0..<k {
                        sum = sum &+ ap[ao + i * a.rowStride + p * a.colStride] &* bp[bo + p * b.rowStride + j * b.colStride]
                    }
                    cp[co + i * c.rowStride + j * c.colStride] = cp[co + i * c.rowStride + j * c.colStride] &+ sum
                }
            }
        }
    }
}
