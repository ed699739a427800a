// Powers: `x ** 2`, `x ** y`, `2 ** x`, with PyTorch's fast paths for common
// exponents (so values match bit for bit) and its three backward nodes.
// Used by the book's GELU (`torch.pow(x, 3)`) and LayerNorm variance.

import Foundation

extension Tensor {
    /// `self ** exponent` for a Python number. Float exponents 2, 3, -2, 0.5, -0.5, -1
    /// take PyTorch's exact special cases (x*x, x*x*x, 1/(x*x), TorchSqrt, 1/sqrt, 1/x).
    /// d/dx = e * x^(e-1) (0 when e == 0).
    public func pow(_ exponent: Scalar) throws -> Tensor {
        let type = Tensor.resultType(dtype, exponent)
        let out: Tensor
        switch type {
        case .bool:
            throw TensorError.notImplemented("\"pow\" not implemented for 'Bool'")
        case .float64:
            throw Tensor.float64Refusal
        case .int64:
            let e = exponent.int64Value
            if e < 0 { throw TensorError.runtime("Integers to negative integer powers are not allowed.") }
            out = try converted(to: .int64).mapNumeric(boolError: "", float: { $0 }, int: { Tensor.integerPower($0, e) })
        case .float32:
            let e = exponent.doubleValue
            let x = try converted(to: .float32)
            switch e {
            case 0: out = try x.mapFloat { _ in 1 }
            case 1: out = try x.mapFloat { $0 }
            case 2: out = try x.mapFloat { $0 * $0 }
            case 3: out = try x.mapFloat { $0 * $0 * $0 }
            case -2: out = try x.mapFloat { 1 / ($0 * $0) }
            case 0.5: out = try x.mapFloat { TorchSqrt.sqrt($0) }
            case -0.5: out = try x.mapFloat { 1 / $0.squareRoot() }
            case -1: out = try x.mapFloat { 1 / $0 }
            default:
                let f = Float(e)
                out = try x.mapFloat(.parallel) { Foundation.pow($0, f) }
            }
        }
        return out.recordingGrad("PowBackward0", inputs: [self]) { [self] g in
            let e = exponent.doubleValue
            if e == 0 { return [try Tensor(zeros: self.shape)] }
            return [try g.mul(self.pow(.float(e - 1)).mul(.float(e)))]
        }
    }

    /// `self ** exponent`, broadcast. d/da = b * a^(b-1) (0 where b == 0);
    /// d/db = a^b * log(a) (0 where a == 0 and b >= 0).
    public func pow(_ exponent: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(self, exponent, DType.promote(dtype, exponent.dtype), threading: .parallel,
                                        float: { Foundation.pow($0, $1) }, int: Tensor.integerPower,
                                        bool: nil, boolError: "\"pow\" not implemented for 'Bool'")
        let saved = out.detach()
        return out.recordingGrad("PowBackward1", inputs: [self, exponent]) { [self] g in
            [try Tensor.gradient(for: self) {
                let power = try self.pow(exponent.sub(.int(1)))
                return try Tensor.zip3Float(g, exponent, power) { g, e, p in e == 0 ? 0 : g * (e * p) }
             },
             try Tensor.gradient(for: exponent) {
                let slope = try Tensor.zip3Float(saved, self, exponent) { y, a, e in
                    a == 0 && e >= 0 ? 0 : y * Float(Foundation.log(Double(a)))
                }
                return try g.mul(slope)
             }]
        }
    }

    /// `base ** exponent` for a Python number base (`2 ** x`). d/dx = base^x * log(base).
    public static func pow(_ base: Scalar, _ exponent: Tensor) throws -> Tensor {
        let type = resultType(exponent.dtype, base)
        let b = try scalarTensor(base, dtype: type)
        let out = try GradMode.withNoGrad { try b.pow(exponent) }
        let saved = out.detach()
        let logBase = Float(Foundation.log(base.doubleValue))
        return out.recordingGrad("PowBackward2", inputs: [exponent]) { g in
            let slope = try Tensor.zipFloat(saved, exponent) { y, e in
                base.doubleValue == 0 && e >= 0 ? 0 : y * logBase
            }
            return [try g.mul(slope)]
        }
    }

    /// Integer power by squaring; negative exponents give 0 except for bases 1 and -1.
    @inline(__always)
    static func integerPower(_ base: Int64, _ exponent: Int64) -> Int64 {
        if exponent < 0 {
            if base == 1 { return 1 }
            if base == -1 { return exponent & 1 == 0 ? 1 : -1 }
            return 0
        }
        var result: Int64 = 1, b = base, e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result &* b }
            b = b &* b
            e >>= 1
        }
        return result
    }
}
