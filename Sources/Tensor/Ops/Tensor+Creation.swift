// Factories: zeros/ones/full/empty (and their *_like), arange, linspace, eye.
// arange and linspace reproduce PyTorch's CPU kernels value for value (chapter 2's
// position ids, chapter 5's plots).

import Foundation

extension Tensor {
    /// `torch.zeros(shape, dtype=...)`.
    public static func zeros(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        if shape.contains(where: { $0 < 0 }) {
            throw TensorError.runtime("zeros: Dimension size must be non-negative.")
        }
        return try Tensor(zeros: shape, dtype: dtype)
    }

    /// `torch.ones(shape, dtype=...)`.
    public static func ones(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try full(shape, .int(1), dtype: dtype)
    }

    /// `torch.empty(shape)`: zero-filled here (PyTorch leaves memory uninitialised).
    public static func empty(_ shape: [Int], dtype: DType = .float32) throws -> Tensor {
        try Tensor(zeros: shape, dtype: dtype)
    }

    /// `torch.full(shape, value, dtype=...)`: the dtype defaults to the value's
    /// (bool, int64, or float32).
    public static func full(_ shape: [Int], _ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        try filled(Tensor(zeros: shape, dtype: dtype ?? value.dtype), value)
    }

    /// `out` with every element set to `value`.
    private static func filled(_ out: Tensor, _ value: Scalar) -> Tensor {
        let n = out.count
        switch out.dtype {
        case .float32: out.floatPointer.update(repeating: value.floatValue, count: n)
        case .int64: out.int64Pointer.update(repeating: value.int64Value, count: n)
        case .bool: out.boolPointer.update(repeating: value.boolValue ? 1 : 0, count: n)
        case .float64: out.doublePointer.update(repeating: value.doubleValue, count: n)
        }
        return out
    }

    /// `torch.zeros_like(t, dtype=...)`.
    public static func zerosLike(_ t: Tensor, dtype: DType? = nil) throws -> Tensor {
        try Tensor(zerosShapedLike: t.shape, dtype: dtype ?? t.dtype)
    }

    /// `torch.ones_like(t, dtype=...)`.
    public static func onesLike(_ t: Tensor, dtype: DType? = nil) throws -> Tensor {
        filled(try Tensor(zerosShapedLike: t.shape, dtype: dtype ?? t.dtype), .int(1))
    }

    /// `torch.full_like(t, value, dtype=...)`: the dtype defaults to `t`'s.
    public static func fullLike(_ t: Tensor, _ value: Scalar, dtype: DType? = nil) throws -> Tensor {
        filled(try Tensor(zerosShapedLike: t.shape, dtype: dtype ?? t.dtype), value)
    }

    /// `torch.arange(end)`.
    public static func arange(_ end: Scalar) throws -> Tensor {
        try arange(.int(0), end, step: .int(1))
    }

    /// `torch.arange(start, end, step, dtype=...)`: int64 when all are integers, else
    /// float32, unless `dtype` says otherwise. Float values follow PyTorch's CPU kernel:
    /// `start + i * step` in double with a fused multiply-add, in blocks of 8 lanes based
    /// at a float-rounded block start (for up to 32768 elements, where PyTorch uses one
    /// thread). An int64 result from float arguments truncates start and step first, as
    /// PyTorch does, but counts elements with the float values.
    public static func arange(_ start: Scalar, _ end: Scalar, step: Scalar = .int(1),
                              dtype: DType? = nil) throws -> Tensor {
        let isFloat = [start, end, step].contains { $0.dtype == .float32 }
        let type = dtype ?? (isFloat ? .float32 : .int64)
        switch type {
        case .bool:
            throw TensorError.notImplemented("\"arange_cpu\" not implemented for 'Bool'")
        case .int64 where isFloat:
            let a = start.doubleValue, b = end.doubleValue, s = step.doubleValue
            try checkRange(a, b, s)
            let out = try Tensor(zeros: [try elementCount(a, b, s)], dtype: .int64)
            let first = start.int64Value, delta = step.int64Value
            let p = out.int64Pointer
            for i in 0..<out.count { p[i] = first &+ delta &* Int64(i) }
            return out
        case .int64:
            let a = start.int64Value, b = end.int64Value, s = step.int64Value
            try checkRange(Double(a), Double(b), Double(s))
            let (span, overflow) = b.subtractingReportingOverflow(a)
            if overflow { throw TensorError.runtime("invalid size, possible overflow?") }
            // span and step have the same sign here, so this is ceil(span / step).
            let n = span / s + (span % s != 0 ? 1 : 0)
            let out = try Tensor(zeros: [Int(n)], dtype: .int64)
            let p = out.int64Pointer
            for i in 0..<out.count { p[i] = a &+ s &* Int64(i) }
            return out
        case .float32:
            return try floatRange(start.doubleValue, end.doubleValue, step.doubleValue)
        case .float64:
            return try floatRange(start.doubleValue, end.doubleValue, step.doubleValue).to(.float64)
        }
    }

    /// ceil((end - start) / step), refusing sizes no tensor could have.
    private static func elementCount(_ start: Double, _ end: Double, _ step: Double) throws -> Int {
        let size = ((end - start) / step).rounded(.up)
        guard size.isFinite, size < Double(Int.max) else {
            throw TensorError.runtime("invalid size, possible overflow?")
        }
        return Swift.max(Int(size), 0)
    }

    /// PyTorch's float arange kernel (see `arange`).
    private static func floatRange(_ a: Double, _ b: Double, _ s: Double) throws -> Tensor {
        try checkRange(a, b, s)
        let n = try elementCount(a, b, s)
        let out = try Tensor(zeros: [n], dtype: .float32)
        let p = out.floatPointer
        let lanes = 8
        var i = 0
        // Vector blocks: two 8-lane vectors per step, as PyTorch's vectorized_loop.
        while i + 2 * lanes <= n {
            for block in stride(from: i, to: i + 2 * lanes, by: lanes) {
                let base = Double(Float(a.addingProduct(Double(block), s)))
                for l in 0..<lanes { p[block + l] = Float(base.addingProduct(Double(l), s)) }
            }
            i += 2 * lanes
        }
        while i < n {
            p[i] = Float(a.addingProduct(Double(i), s))
            i += 1
        }
        return out
    }

    private static func checkRange(_ start: Double, _ end: Double, _ step: Double) throws {
        guard step != 0 else { throw TensorError.runtime("step must be nonzero") }
        guard start.isFinite && end.isFinite else {
            throw TensorError.runtime("unsupported range: \(start) -> \(end)")
        }
        guard (step > 0 && end >= start) || (step < 0 && end <= start) else {
            throw TensorError.runtime("upper bound and lower bound inconsistent with step sign")
        }
    }

    /// `torch.linspace(start, end, steps)` (float32). PyTorch computes the first half
    /// from `start` and the second half from `end`: `start + step*i` and
    /// `end - step*(steps-1-i)`, each a float fused multiply-add.
    public static func linspace(_ start: Scalar, _ end: Scalar, steps: Int) throws -> Tensor {
        guard steps >= 0 else { throw TensorError.runtime("number of steps must be non-negative") }
        let out = try Tensor(zeros: [steps], dtype: .float32)
        let p = out.floatPointer
        let a = start.floatValue, b = end.floatValue
        if steps == 1 { p[0] = a }
        if steps <= 1 { return out }
        let step = (b - a) / Float(steps - 1)
        let halfway = steps / 2
        for i in 0..<steps {
            p[i] = i < halfway ? a.addingProduct(step, Float(i)) : b.addingProduct(-step, Float(steps - i - 1))
        }
        return out
    }

    /// `torch.eye(n, m)`: ones on the diagonal of an n×m float32 matrix.
    public static func eye(_ n: Int, _ m: Int? = nil) throws -> Tensor {
        guard n >= 0 else { throw TensorError.runtime("n must be greater or equal to 0, got \(n)") }
        let columns = m ?? n
        guard columns >= 0 else { throw TensorError.runtime("m must be greater or equal to 0, got \(columns)") }
        let out = try Tensor(zeros: [n, columns], dtype: .float32)
        for i in 0..<Swift.min(n, columns) { out.floatPointer[i * columns + i] = 1 }
        return out
    }
}
