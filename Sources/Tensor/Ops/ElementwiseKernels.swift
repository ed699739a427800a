// The loops under every pointwise op: a contiguous fast path the optimiser
// vectorises, a strided broadcasting path, and a two-way split for big tensors.

import Foundation

/// The iteration space of one elementwise op: the output shape and each operand's
/// strides over it (0 on broadcast dims), with mergeable dims merged.
struct LoopGeometry {
    var shape: [Int]
    /// `strides[k]` are operand k's strides; operand 0 is the output.
    var strides: [[Int]]
    let count: Int

    /// Builds the geometry and merges adjacent dims that every operand walks
    /// as one run (`stride[d] == stride[d+1] * shape[d+1]`), dropping size-1 dims.
    init(shape: [Int], strides: [[Int]]) {
        count = shape.reduce(1, *)
        var mergedShape: [Int] = []
        var merged: [[Int]] = Array(repeating: [], count: strides.count)
        for d in 0..<shape.count where shape[d] != 1 {
            if let last = mergedShape.last,
               strides.indices.allSatisfy({ merged[$0].last! == strides[$0][d] * shape[d] }) {
                mergedShape[mergedShape.count - 1] = last * shape[d]
                for k in strides.indices { merged[k][merged[k].count - 1] = strides[k][d] }
            } else {
                mergedShape.append(shape[d])
                for k in strides.indices { merged[k].append(strides[k][d]) }
            }
        }
        if mergedShape.isEmpty {
            mergedShape = [1]
            for k in strides.indices { merged[k] = [1] }
        }
        self.shape = mergedShape
        self.strides = merged
    }

    /// One dim, every operand read with stride 1: the plain-loop case.
    var isContiguous: Bool { shape.count == 1 && strides.allSatisfy { $0[0] == 1 } }

    /// Innermost stride of operand `k`.
    @inline(__always) func inner(_ k: Int) -> Int { strides[k][shape.count - 1] }
}

enum ElementwiseKernels {
    /// Element count from which a loop is split over two threads.
    static let parallelThreshold = 65_536

    /// Runs `body` over `0..<count`, in two concurrent halves when `count` is large.
    @inline(__always)
    static func parallelRanges(_ count: Int, _ body: (Range<Int>) -> Void) {
        if count < parallelThreshold {
            body(0..<count)
            return
        }
        let parts = 2
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            body((count * part / parts)..<(count * (part + 1) / parts))
        }
    }

    /// Calls `body(offsets, length)` for each run of consecutive innermost-dim elements
    /// in the row-major `range`; `offsets[k]` is operand k's element offset at the run start.
    @inline(__always)
    static func forEachRun(_ g: LoopGeometry, _ range: Range<Int>,
                           _ body: (UnsafeMutablePointer<Int>, Int) -> Void) {
        if range.isEmpty { return }
        let rank = g.shape.count, operands = g.strides.count
        withUnsafeTemporaryAllocation(of: Int.self, capacity: rank + operands) { buffer in
            let index = buffer.baseAddress!, offsets = index + rank
            // Row-major multi-index of range.lowerBound, and each operand's offset there.
            var rest = range.lowerBound
            for d in stride(from: rank - 1, through: 0, by: -1) {
                index[d] = rest % g.shape[d]
                rest /= g.shape[d]
            }
            for k in 0..<operands {
                var o = 0
                for d in 0..<rank { o += index[d] * g.strides[k][d] }
                offsets[k] = o
            }
            var remaining = range.count
            let last = rank - 1, innerSize = g.shape[last]
            while remaining > 0 {
                let length = min(innerSize - index[last], remaining)
                body(offsets, length)
                remaining -= length
                if remaining == 0 { break }
                // Advance the odometer past this run.
                for k in 0..<operands { offsets[k] += length * g.strides[k][last] }
                index[last] += length
                var d = last
                while d >= 0 && index[d] == g.shape[d] {
                    for k in 0..<operands { offsets[k] -= g.shape[d] * g.strides[k][d] }
                    index[d] = 0
                    if d == 0 { break }
                    d -= 1
                    index[d] += 1
                    for k in 0..<operands { offsets[k] += g.strides[k][d] }
                }
            }
        }
    }

    /// `out[i] = op(a[i])` over the geometry (operands: out, a).
    @inline(__always)
    static func unary<A, R>(_ g: LoopGeometry, _ out: UnsafeMutablePointer<R>, _ a: UnsafePointer<A>,
                            _ op: (A) -> R) {
        if g.isContiguous {
            parallelRanges(g.count) { range in
                for i in range { out[i] = op(a[i]) }
            }
            return
        }
        let so = g.inner(0), sa = g.inner(1)
        parallelRanges(g.count) { range in
            forEachRun(g, range) { offsets, length in
                let po = out + offsets[0], pa = a + offsets[1]
                if so == 1 && sa == 1 {
                    for j in 0..<length { po[j] = op(pa[j]) }
                } else {
                    for j in 0..<length { po[j * so] = op(pa[j * sa]) }
                }
            }
        }
    }

    /// `out[i] = op(a[i], b[i])` over the geometry (operands: out, a, b).
    @inline(__always)
    static func binary<A, B, R>(_ g: LoopGeometry, _ out: UnsafeMutablePointer<R>,
                                _ a: UnsafePointer<A>, _ b: UnsafePointer<B>, _ op: (A, B) -> R) {
        if g.isContiguous {
            parallelRanges(g.count) { range in
                for i in range { out[i] = op(a[i], b[i]) }
            }
            return
        }
        let so = g.inner(0), sa = g.inner(1), sb = g.inner(2)
        parallelRanges(g.count) { range in
            forEachRun(g, range) { offsets, length in
                let po = out + offsets[0], pa = a + offsets[1], pb = b + offsets[2]
                if so == 1 && sa == 1 && sb == 1 {
                    for j in 0..<length { po[j] = op(pa[j], pb[j]) }
                } else if so == 1 && sa == 1 && sb == 0 {
                    let bv = pb[0]
                    for j in 0..<length { po[j] = op(pa[j], bv) }
                } else if so == 1 && sa == 0 && sb == 1 {
                    let av = pa[0]
                    for j in 0..<length { po[j] = op(av, pb[j]) }
                } else {
                    for j in 0..<length { po[j * so] = op(pa[j * sa], pb[j * sb]) }
                }
            }
        }
    }

    /// `out[i] = op(a[i], b[i], c[i])` over the geometry (operands: out, a, b, c).
    @inline(__always)
    static func ternary<A, B, C, R>(_ g: LoopGeometry, _ out: UnsafeMutablePointer<R>,
                                    _ a: UnsafePointer<A>, _ b: UnsafePointer<B>, _ c: UnsafePointer<C>,
                                    _ op: (A, B, C) -> R) {
        if g.isContiguous {
            parallelRanges(g.count) { range in
                for i in range { out[i] = op(a[i], b[i], c[i]) }
            }
            return
        }
        let so = g.inner(0), sa = g.inner(1), sb = g.inner(2), sc = g.inner(3)
        parallelRanges(g.count) { range in
            forEachRun(g, range) { offsets, length in
                let po = out + offsets[0], pa = a + offsets[1], pb = b + offsets[2], pc = c + offsets[3]
                for j in 0..<length { po[j * so] = op(pa[j * sa], pb[j * sb], pc[j * sc]) }
            }
        }
    }
}
