// Dtype dispatch for pointwise ops: promote the operands, broadcast them, and run
// the typed loop of ElementwiseKernels. The public ops in Tensor+Elementwise,
// Tensor+Compare and Tensor+Unary are one line of math on top of these.

extension Tensor {
    /// This tensor converted to `type`: itself when it already has that dtype, else a
    /// row-major copy (floats truncate toward zero into int64; nonzero is true).
    func converted(to type: DType) throws -> Tensor {
        if dtype == type { return self }
        let out = try Tensor(zeros: shape, dtype: type)
        let g = Tensor.geometry(out, [self])
        switch (dtype, type) {
        case (.int64, .float32): ElementwiseKernels.unary(g, out.floatPointer, int64Pointer) { Float($0) }
        case (.bool, .float32): ElementwiseKernels.unary(g, out.floatPointer, boolPointer) { Float($0) }
        case (.bool, .int64): ElementwiseKernels.unary(g, out.int64Pointer, boolPointer) { Int64($0) }
        case (.float32, .bool): ElementwiseKernels.unary(g, out.boolPointer, floatPointer) { $0 != 0 ? 1 : 0 }
        case (.int64, .bool): ElementwiseKernels.unary(g, out.boolPointer, int64Pointer) { $0 != 0 ? 1 : 0 }
        case (.float32, .int64):
            // Out-of-range and non-finite values become Int64.min, as on x86.
            ElementwiseKernels.unary(g, out.int64Pointer, floatPointer) { v in
                v.isFinite && v > -9.223372e18 && v < 9.223372e18 ? Int64(v.rounded(.towardZero)) : Int64.min
            }
        default:
            if dtype == .float64 || type == .float64 { convertFloat64(into: out, g) }  // Tensor+Float64.swift
        }
        return out
    }

    /// Loop geometry writing `out` from `inputs` broadcast to `out.shape`.
    static func geometry(_ out: Tensor, _ inputs: [Tensor]) -> LoopGeometry {
        LoopGeometry(shape: out.shape,
                     strides: [out.strides] + inputs.map { $0.broadcastStrides(to: out.shape) })
    }

    /// `op(a, b)` elementwise in dtype `type` (operands converted to it), broadcast.
    /// `bool` is nil for ops PyTorch does not implement on bools; `boolError` is its message.
    @inline(__always)
    static func arithmetic(_ a: Tensor, _ b: Tensor, _ type: DType, threading: Threading = .serial,
                           float: (Float, Float) -> Float,
                           int: (Int64, Int64) -> Int64,
                           bool: ((UInt8, UInt8) -> UInt8)?,
                           boolError: String = "") throws -> Tensor {
        let shape = try broadcastShapes(a.shape, b.shape)
        if type == .bool && bool == nil { throw TensorError.notImplemented(boolError) }
        let x = try a.converted(to: type), y = try b.converted(to: type)
        let out = try Tensor(zeros: shape, dtype: type)
        let g = geometry(out, [x, y])
        switch type {
        case .float32: ElementwiseKernels.binary(g, out.floatPointer, x.floatPointer, y.floatPointer, threading: threading, float)
        case .int64: ElementwiseKernels.binary(g, out.int64Pointer, x.int64Pointer, y.int64Pointer, threading: threading, int)
        case .bool:
            if let bool { ElementwiseKernels.binary(g, out.boolPointer, x.boolPointer, y.boolPointer, bool) }
        case .float64: throw Tensor.float64Refusal
        }
        return out
    }

    /// A bool tensor of `test(a, b)`, compared in the promoted dtype, broadcast.
    @inline(__always)
    static func comparison(_ a: Tensor, _ b: Tensor,
                           float: (Float, Float) -> Bool,
                           int: (Int64, Int64) -> Bool) throws -> Tensor {
        let shape = try broadcastShapes(a.shape, b.shape)
        // Bools compare as integers 0/1, exactly as PyTorch does.
        let type = max(DType.promote(a.dtype, b.dtype), .int64)
        let x = try a.converted(to: type), y = try b.converted(to: type)
        let out = try Tensor(zeros: shape, dtype: .bool)
        let g = geometry(out, [x, y])
        switch type {
        case .float32:
            ElementwiseKernels.binary(g, out.boolPointer, x.floatPointer, y.floatPointer) { float($0, $1) ? 1 : 0 }
        case .float64:
            throw Tensor.float64Refusal
        default:
            ElementwiseKernels.binary(g, out.boolPointer, x.int64Pointer, y.int64Pointer) { int($0, $1) ? 1 : 0 }
        }
        return out
    }

    /// `op(x)` elementwise on float32 (ints and bools converted first), as for exp/log/tanh.
    @inline(__always)
    func mapFloat(_ threading: Threading = .serial, _ op: (Float) -> Float) throws -> Tensor {
        if dtype == .float64 { throw Tensor.float64Refusal }
        let x = try converted(to: .float32)
        let out = try Tensor(zeros: shape, dtype: .float32)
        ElementwiseKernels.unary(Tensor.geometry(out, [x]), out.floatPointer, x.floatPointer, threading: threading, op)
        return out
    }

    /// `op(x)` elementwise keeping the dtype (float or int64); bools throw `boolError`.
    @inline(__always)
    func mapNumeric(boolError: String, float: (Float) -> Float, int: (Int64) -> Int64) throws -> Tensor {
        let out = try Tensor(zeros: shape, dtype: dtype)
        let g = Tensor.geometry(out, [self])
        switch dtype {
        case .float32: ElementwiseKernels.unary(g, out.floatPointer, floatPointer, float)
        case .int64: ElementwiseKernels.unary(g, out.int64Pointer, int64Pointer, int)
        case .bool: throw TensorError.notImplemented(boolError)
        case .float64: throw Tensor.float64Refusal
        }
        return out
    }

    /// `op(x, y)` on two float tensors of one shape (gradient formulas), contiguous result.
    @inline(__always)
    static func zipFloat(_ a: Tensor, _ b: Tensor, _ threading: Threading = .serial,
                         _ op: (Float, Float) -> Float) throws -> Tensor {
        try arithmetic(a, b, .float32, threading: threading, float: op, int: { _, _ in 0 }, bool: nil)
    }

    /// `op(x, y, z)` on three float tensors broadcast together (gradient formulas).
    @inline(__always)
    static func zip3Float(_ a: Tensor, _ b: Tensor, _ c: Tensor,
                          _ op: (Float, Float, Float) -> Float) throws -> Tensor {
        let shape = try broadcastShapes(broadcastShapes(a.shape, b.shape), c.shape)
        let x = try a.converted(to: .float32), y = try b.converted(to: .float32)
        let z = try c.converted(to: .float32)
        let out = try Tensor(zeros: shape, dtype: .float32)
        ElementwiseKernels.ternary(geometry(out, [x, y, z]), out.floatPointer,
                                   x.floatPointer, y.floatPointer, z.floatPointer, op)
        return out
    }
}
