// The loops under every pointwise op: a contiguous fast path the optimiser
// vectorises, a strided broadcasting path, and a two-way split for big tensors
// of ops that are costly per element.

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
        count = Tensor.elementCount(shape)
        // Nothing to walk: an empty shape's other dims may multiply past Int.
        if count == 0 {
            self.shape = [0]
            self.strides = Array(repeating: [1], count: strides.count)
            return
        }
        var mergedShape: [Int] = []
        var merged: [[Int]] = Array(repeating: [], count: strides.count)
        for d in 0..<shape.count where shape[d] != 1 {
            if let last = mergedShape.last,
               strides.indices.allSatisfy({ merged[$0][merged[$0].count - 1] == strides[$0][d] * shape[d] }) {
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

/// How a loop may use threads. Splitting costs inlining: inside the closure handed to
/// `DispatchQueue.concurrentPerform` the element op becomes an indirect call, which
/// stops vectorisation (measured here: a 1M-element add went from 0.75 ms serial to
/// 2-3 ms split). So only ops costly per element (exp, tanh, pow, ...) ask for threads;
/// cheap ones are memory-bound, where one vectorised thread already saturates bandwidth.
enum Threading {
    case serial
    /// Two threads once the loop has `ElementwiseKernels.parallelThreshold` elements.
    case parallel
}

enum ElementwiseKernels {
    /// Element count from which a `.parallel` loop is split over two threads.
    static let parallelThreshold = 65_536

    /// Runs `body` over `0..<count`: directly, or in two concurrent halves when
    /// `threading` allows it and `count` is large.
    @inline(__always)
    static func split(_ count: Int, _ threading: Threading, _ body: (Range<Int>) -> Void) {
        if threading == .serial || count < parallelThreshold {
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
            guard let index = buffer.baseAddress else { return }
            let offsets = index + rank
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
                            threading: Threading = .serial, _ op: (A) -> R) {
        let so = g.inner(0), sa = g.inner(1)
        let contiguous = g.isContiguous
        split(g.count, threading) { range in
            // Local copies: the loop reads registers rather than a closure context, so the
            // optimiser can tell the stores do not move the pointers, and vectorise.
            let o = out, x = a
            if contiguous {
                for i in range { o[i] = op(x[i]) }
                return
            }
            forEachRun(g, range) { offsets, length in
                let po = o + offsets[0], pa = x + offsets[1]
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
                                _ a: UnsafePointer<A>, _ b: UnsafePointer<B>,
                                threading: Threading = .serial, _ op: (A, B) -> R) {
        let so = g.inner(0), sa = g.inner(1), sb = g.inner(2)
        let contiguous = g.isContiguous
        split(g.count, threading) { range in
            let o = out, x = a, y = b  // see `unary`
            if contiguous {
                for i in range { o[i] = op(x[i], y[i]) }
                return
            }
            forEachRun(g, range) { offsets, length in
                let po = o + offsets[0], pa = x + offsets[1], pb = y + offsets[2]
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
                                    threading: Threading = .serial, _ op: (A, B, C) -> R) {
        let so = g.inner(0), sa = g.inner(1), sb = g.inner(2), sc = g.inner(3)
        let contiguous = g.isContiguous
        split(g.count, threading) { range in
            let o = out, x = a, y = b, z = c  // see `unary`
            if contiguous {
                for i in range { o[i] = op(x[i], y[i], z[i]) }
                return
            }
            forEachRun(g, range) { offsets, length in
                let po = o + offsets[0], pa = x + offsets[1], pb = y + offsets[2], pc = z + offsets[3]
                if so == 1 && sa == 1 && sb == 1 && sc == 1 {
                    for j in 0..<length { po[j] = op(pa[j], pb[j], pc[j]) }
                } else if so == 1 && sa == 1 && sb == 0 && sc == 1 {
                    // masked_fill: where(mask, value, x)
                    let bv = pb[0]
                    for j in 0..<length { po[j] = op(pa[j], bv, pc[j]) }
                } else if so == 1 && sa == 1 && sb == 1 && sc == 0 {
                    // where(mask, x, value)
                    let cv = pc[0]
                    for j in 0..<length { po[j] = op(pa[j], pb[j], cv) }
                } else {
                    for j in 0..<length { po[j * so] = op(pa[j * sa], pb[j * sb], pc[j * sc]) }
                }
            }
        }
    }
}
