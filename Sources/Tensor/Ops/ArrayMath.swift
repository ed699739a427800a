// numpy's elementwise ufuncs over tensors of any dtype (float64, float32, int64, bool),
// computed in the dtype the caller chose, outside autograd. The numpy binding serves
// learners' `np.` code beside torch; torch's own ops are in Tensor+Elementwise.swift.

import Foundation

/// A two-operand numpy ufunc.
public enum ArrayBinaryOp: Sendable {
    case add, subtract, multiply, divide, floorDivide, remainder, power, maximum, minimum
    case bitwiseAnd, bitwiseOr, bitwiseXor
}

/// A numpy comparison ufunc (`np.equal`, `np.less`, ...).
public enum ArrayCompareOp: Sendable {
    case equal, notEqual, less, lessEqual, greater, greaterEqual
}

/// A one-operand numpy ufunc.
public enum ArrayUnaryOp: Sendable {
    case negative, absolute, exp, log, log2, log10, log1p, sqrt, tanh, square, floor, ceil, rint, sign
    case isnan, isinf, isfinite, logicalNot, sin, cos
}

extension Tensor {
    /// `a op b` broadcast, both operands converted to `type` first, result in `type`.
    /// int64 division by zero gives 0 (numpy warns and does the same).
    public static func arrayBinary(_ a: Tensor, _ b: Tensor, _ op: ArrayBinaryOp, as type: DType) throws -> Tensor {
        let shape = try broadcastShapes(a.shape, b.shape)
        let x = try a.converted(to: type), y = try b.converted(to: type)
        let out = try Tensor(zeros: shape, dtype: type)
        let g = geometry(out, [x, y])
        switch type {
        case .float64:
            let o = out.doublePointer, p = x.doublePointer, q = y.doublePointer
            // The common ops with literal closures, so the loops inline and vectorise.
            switch op {
            case .add: ElementwiseKernels.binary(g, o, p, q) { $0 + $1 }
            case .subtract: ElementwiseKernels.binary(g, o, p, q) { $0 - $1 }
            case .multiply: ElementwiseKernels.binary(g, o, p, q) { $0 * $1 }
            case .divide: ElementwiseKernels.binary(g, o, p, q) { $0 / $1 }
            default: ElementwiseKernels.binary(g, o, p, q, doubleOperation(op))
            }
        case .float32:
            let f = doubleOperation(op)
            let o = out.floatPointer, p = x.floatPointer, q = y.floatPointer
            switch op {
            case .add: ElementwiseKernels.binary(g, o, p, q) { $0 + $1 }
            case .subtract: ElementwiseKernels.binary(g, o, p, q) { $0 - $1 }
            case .multiply: ElementwiseKernels.binary(g, o, p, q) { $0 * $1 }
            case .divide: ElementwiseKernels.binary(g, o, p, q) { $0 / $1 }
            case .maximum, .minimum:
                ElementwiseKernels.binary(g, o, p, q) { Float(f(Double($0), Double($1))) }
            default:
                ElementwiseKernels.binary(g, out.floatPointer, x.floatPointer, y.floatPointer, floatOperation(op))
            }
        case .int64:
            if op == .power {
                let n = y.count
                if n > 0, y.int64Values().contains(where: { $0 < 0 }) {
                    throw TensorError.value("Integers to negative integer powers are not allowed.")
                }
            }
            ElementwiseKernels.binary(g, out.int64Pointer, x.int64Pointer, y.int64Pointer, integerOperation(op))
        case .bool:
            ElementwiseKernels.binary(g, out.boolPointer, x.boolPointer, y.boolPointer) { p, q in
                switch op {
                case .add, .maximum, .bitwiseOr: return p | q
                case .multiply, .minimum, .bitwiseAnd: return p & q
                case .bitwiseXor, .subtract: return p ^ q
                default: return p
                }
            }
        }
        return out
    }

    private static func doubleOperation(_ op: ArrayBinaryOp) -> (Double, Double) -> Double {
        switch op {
        case .add: return { $0 + $1 }
        case .subtract: return { $0 - $1 }
        case .multiply: return { $0 * $1 }
        case .divide: return { $0 / $1 }
        case .floorDivide: return numpyFloorDivide
        case .remainder: return numpyRemainder
        case .power: return { Foundation.pow($0, $1) }
        case .maximum: return { a, b in a.isNaN ? a : (b.isNaN ? b : (a >= b ? a : b)) }
        case .minimum: return { a, b in a.isNaN ? a : (b.isNaN ? b : (a <= b ? a : b)) }
        case .bitwiseAnd, .bitwiseOr, .bitwiseXor: return { a, _ in a }
        }
    }

    private static func floatOperation(_ op: ArrayBinaryOp) -> (Float, Float) -> Float {
        switch op {
        case .floorDivide: return { Float(numpyFloorDivide(Double($0), Double($1))) }
        case .remainder: return { a, b in
            var mod = fmodf(a, b)
            if b == 0 { return mod }
            if mod != 0 { if (b < 0) != (mod < 0) { mod += b } } else { mod = copysignf(0, b) }
            return mod
        }
        case .power: return { powf($0, $1) }
        default: let f = doubleOperation(op); return { Float(f(Double($0), Double($1))) }
        }
    }

    /// `npy_floor_divide`: floor(a / b) computed through fmod, as numpy does.
    static func numpyFloorDivide(_ a: Double, _ b: Double) -> Double {
        if b == 0 { return a / b }
        let mod = fmod(a, b)
        var div = (a - mod) / b
        if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
        if div != 0 {
            var floorDiv = div.rounded(.down)
            if div - floorDiv > 0.5 { floorDiv += 1 }
            return floorDiv
        }
        return copysign(0, a / b)
    }

    /// `npy_remainder`: the remainder with the divisor's sign.
    static func numpyRemainder(_ a: Double, _ b: Double) -> Double {
        var mod = fmod(a, b)
        if b == 0 { return mod }
        if mod != 0 { if (b < 0) != (mod < 0) { mod += b } } else { mod = copysign(0, b) }
        return mod
    }

    private static func integerOperation(_ op: ArrayBinaryOp) -> (Int64, Int64) -> Int64 {
        switch op {
        case .add: return { $0 &+ $1 }
        case .subtract: return { $0 &- $1 }
        case .multiply: return { $0 &* $1 }
        case .divide, .floorDivide: return { a, b in
            if b == 0 { return 0 }
            if b == -1 { return 0 &- a }
            let q = a / b
            return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
        }
        case .remainder: return { a, b in
            if b == 0 || b == -1 { return 0 }
            let r = a % b
            return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
        }
        case .power: return { base, exponent in integerPower(base, exponent) }
        case .maximum: return { Swift.max($0, $1) }
        case .minimum: return { Swift.min($0, $1) }
        case .bitwiseAnd: return { $0 & $1 }
        case .bitwiseOr: return { $0 | $1 }
        case .bitwiseXor: return { $0 ^ $1 }
        }
    }

    /// `a op b` broadcast, compared in `type` (both converted to it); a bool tensor.
    public static func arrayCompare(_ a: Tensor, _ b: Tensor, _ op: ArrayCompareOp, in type: DType) throws -> Tensor {
        let shape = try broadcastShapes(a.shape, b.shape)
        let x = try a.converted(to: type), y = try b.converted(to: type)
        let out = try Tensor(zeros: shape, dtype: .bool)
        let g = geometry(out, [x, y])
        @inline(__always) func test<T: Comparable>(_ p: T, _ q: T) -> UInt8 {
            let r: Bool
            switch op {
            case .equal: r = p == q
            case .notEqual: r = p != q
            case .less: r = p < q
            case .lessEqual: r = p <= q
            case .greater: r = p > q
            case .greaterEqual: r = p >= q
            }
            return r ? 1 : 0
        }
        switch type {
        case .float64: ElementwiseKernels.binary(g, out.boolPointer, x.doublePointer, y.doublePointer) { test($0, $1) }
        case .float32: ElementwiseKernels.binary(g, out.boolPointer, x.floatPointer, y.floatPointer) { test($0, $1) }
        case .int64: ElementwiseKernels.binary(g, out.boolPointer, x.int64Pointer, y.int64Pointer) { test($0, $1) }
        case .bool: ElementwiseKernels.binary(g, out.boolPointer, x.boolPointer, y.boolPointer) { test($0, $1) }
        }
        return out
    }

    /// `op(self)` with the input converted to `type`; the result is `type`, except the
    /// predicates (isnan, isinf, isfinite, logical_not), which give bool.
    public func arrayUnary(_ op: ArrayUnaryOp, as type: DType) throws -> Tensor {
        let x = try converted(to: type)
        let predicate = op == .isnan || op == .isinf || op == .isfinite || op == .logicalNot
        let out = try Tensor(zeros: shape, dtype: predicate ? .bool : type)
        let g = Tensor.geometry(out, [x])
        if predicate {
            let d = try x.converted(to: .float64)
            ElementwiseKernels.unary(Tensor.geometry(out, [d]), out.boolPointer, d.doublePointer) { v in
                switch op {
                case .isnan: return v.isNaN ? 1 : 0
                case .isinf: return v.isInfinite ? 1 : 0
                case .isfinite: return v.isFinite ? 1 : 0
                default: return v == 0 ? 1 : 0
                }
            }
            return out
        }
        switch type {
        case .float64:
            ElementwiseKernels.unary(g, out.doublePointer, x.doublePointer, Tensor.doubleFunction(op))
        case .float32:
            ElementwiseKernels.unary(g, out.floatPointer, x.floatPointer, Tensor.floatFunction(op))
        case .int64:
            ElementwiseKernels.unary(g, out.int64Pointer, x.int64Pointer) { v in
                switch op {
                case .negative: return 0 &- v
                case .absolute: return v < 0 ? 0 &- v : v
                case .square: return v &* v
                case .sign: return v > 0 ? 1 : (v < 0 ? -1 : 0)
                default: return v
                }
            }
        case .bool:
            ElementwiseKernels.unary(g, out.boolPointer, x.boolPointer) { $0 }
        }
        return out
    }

    private static func doubleFunction(_ op: ArrayUnaryOp) -> (Double) -> Double {
        switch op {
        case .negative: return { -$0 }
        case .absolute: return { Swift.abs($0) }
        case .exp: return { Foundation.exp($0) }
        case .log: return { Foundation.log($0) }
        case .log2: return { Foundation.log2($0) }
        case .log10: return { Foundation.log10($0) }
        case .log1p: return { Foundation.log1p($0) }
        case .sqrt: return { $0.squareRoot() }
        case .tanh: return { Foundation.tanh($0) }
        case .sin: return { Foundation.sin($0) }
        case .cos: return { Foundation.cos($0) }
        case .square: return { $0 * $0 }
        case .floor: return { $0.rounded(.down) }
        case .ceil: return { $0.rounded(.up) }
        case .rint: return { $0.rounded(.toNearestOrEven) }
        case .sign: return { $0 > 0 ? 1 : ($0 < 0 ? -1 : ($0.isNaN ? $0 : 0)) }
        default: return { $0 }
        }
    }

    private static func floatFunction(_ op: ArrayUnaryOp) -> (Float) -> Float {
        switch op {
        case .exp: return { NumpyFloat32Math.exp($0) }
        case .log: return { NumpyFloat32Math.log($0) }
        case .log2: return { log2f($0) }
        case .log10: return { log10f($0) }
        case .log1p: return { log1pf($0) }
        case .tanh: return { tanhf($0) }
        case .sin: return { sinf($0) }
        case .cos: return { cosf($0) }
        default: let f = doubleFunction(op); return { Float(f(Double($0))) }
        }
    }

    /// `np.round(x, decimals)`: numpy's `rint(x * 10^d) / 10^d` (negative d divides first).
    public func arrayRound(decimals: Int) throws -> Tensor {
        if dtype == .int64 || dtype == .bool {
            guard decimals < 0 else { return try copyData(as: dtype) }
            let f = Foundation.pow(10.0, Double(-decimals))
            let x = try converted(to: .float64)
            let out = try Tensor(zeros: shape, dtype: dtype)
            ElementwiseKernels.unary(Tensor.geometry(out, [x]), out.int64Pointer, x.doublePointer) {
                Int64(($0 / f).rounded(.toNearestOrEven) * f)
            }
            return out
        }
        let f = Foundation.pow(10.0, Double(Swift.abs(decimals)))
        let positive = decimals >= 0
        let round: (Double) -> Double = positive ? { ($0 * f).rounded(.toNearestOrEven) / f }
                                                 : { ($0 / f).rounded(.toNearestOrEven) * f }
        let out = try Tensor(zeros: shape, dtype: dtype)
        let g = Tensor.geometry(out, [self])
        if dtype == .float64 {
            ElementwiseKernels.unary(g, out.doublePointer, doublePointer, round)
        } else {
            let ff = Float(f)
            ElementwiseKernels.unary(g, out.floatPointer, floatPointer) {
                positive ? ($0 * ff).rounded(.toNearestOrEven) / ff : ($0 / ff).rounded(.toNearestOrEven) * ff
            }
        }
        return out
    }
}
