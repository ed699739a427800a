// Activations and clamping: relu, GELU (exact and tanh approximation, as
// nn.GELU / the book's chapter-4 GELU), clamp. Formulas follow PyTorch's CPU kernels
// operation for operation so float32 results agree.

import Foundation

extension Tensor {
    /// `max(x, 0)` (NaN and -0 pass through, as in PyTorch). d/dx = 1 where y > 0.
    public func relu() throws -> Tensor {
        let out = try mapNumeric(boolError: "Boolean inputs not supported for relu",
                                 float: { $0 < 0 ? 0 : $0 }, int: { $0 < 0 ? 0 : $0 })
        let saved = out.detach()
        return out.recordingGrad("ReluBackward0", inputs: [self]) { g in
            [try Tensor.zipFloat(g, saved) { g, y in y <= 0 ? 0 : g }]
        }
    }

    /// `clamp(x, min, max)` with Python numbers (either may be nil, not both).
    /// d/dx = 1 where min < x < max.
    public func clamp(min low: Scalar? = nil, max high: Scalar? = nil) throws -> Tensor {
        guard low != nil || high != nil else {
            throw TensorError.runtime("torch.clamp: At least one of 'min' or 'max' must not be None")
        }
        var type = dtype
        if let low { type = Tensor.resultType(type, low) }
        if let high { type = Tensor.resultType(type, high) }
        if type == .bool { type = .int64 }
        let x = try converted(to: type)
        let out: Tensor
        switch type {
        case .float32:
            let lo = low?.floatValue ?? -.infinity, hi = high?.floatValue ?? .infinity
            let hasLow = low != nil, hasHigh = high != nil
            out = try x.mapNumeric(boolError: "", float: { v in
                let t = hasLow && v < lo ? lo : v
                return hasHigh && hi < t ? hi : t
            }, int: { $0 })
        default:
            let lo = low?.int64Value ?? .min, hi = high?.int64Value ?? .max
            out = try x.mapNumeric(boolError: "", float: { $0 }, int: { Swift.min(Swift.max($0, lo), hi) })
        }
        // PyTorch passes the gradient only strictly inside the bounds (0 at x == min or max).
        return out.recordingGrad("ClampBackward1", inputs: [self]) { [self] g in
            let lo = low?.floatValue ?? -.infinity, hi = high?.floatValue ?? .infinity
            let hasLow = low != nil, hasHigh = high != nil
            return [try Tensor.zipFloat(g, self) { g, x in
                (!hasLow || x > lo) && (!hasHigh || x < hi) ? g : 0
            }]
        }
    }

    /// `torch.clamp(x, min=...)`.
    public func clampMin(_ low: Scalar) throws -> Tensor { try clamp(min: low) }
    /// `torch.clamp(x, max=...)`.
    public func clampMax(_ high: Scalar) throws -> Tensor { try clamp(max: high) }

    /// `F.gelu(x, approximate=...)`: "none" is `x/2 * (1 + erf(x/√2))`, "tanh" is
    /// `x/2 * (1 + tanh(√(2/π) * (x + 0.044715 x³)))`. Float tensors only.
    public func gelu(approximate: String = "none") throws -> Tensor {
        guard approximate == "none" || approximate == "tanh" else {
            throw TensorError.runtime("approximate argument must be either none or tanh.")
        }
        guard dtype == .float32 else {
            throw TensorError.notImplemented("\"GeluKernelImpl\" not implemented for '\(dtype.typeName)'")
        }
        let useTanh = approximate == "tanh"
        // torch hands contiguous float tensors of 2+ elements to oneDNN (erf form only).
        let viaOneDNN = !useTanh && isContiguous && count > 1
        let out: Tensor
        if useTanh && isContiguous {
            // ATen's vectorised kernel, bit for bit (Sources/CKernels/exact_tanh.c).
            let source = try contiguousData()
            out = try Tensor(zeros: shape)
            ExactRowKernels.geluTanh(UnsafePointer(source.floatPointer), out.floatPointer, count: count)
        } else if useTanh { out = try mapFloat(.parallel, Tensor.geluTanh) }
        else if viaOneDNN { out = try mapFloat(.parallel, OneDNNGelu.forward) }
        else { out = try mapFloat(.parallel, Tensor.geluExact) }
        return out.recordingGrad("GeluBackward0", inputs: [self]) { [self] g in
            if useTanh { return [try Tensor.zipFloat(g, self, .parallel, Tensor.geluTanhBackward)] }
            if viaOneDNN { return [try Tensor.zipFloat(g, self, .parallel, OneDNNGelu.backward)] }
            return [try Tensor.zipFloat(g, self, .parallel, Tensor.geluExactBackward)]
        }
    }

    // PyTorch's constants, computed in double and rounded once, as its kernels do.
    static let sqrtHalf = Float(0.70710678118654752440)                       // M_SQRT1_2
    static let geluBeta = Float(1.41421356237309504880 * 1.12837916709551257390 * 0.5) // √2 * 2/√π / 2
    static let geluPdfBeta = Float(1.12837916709551257390 * 0.70710678118654752440 * 0.5)
    static let geluKappa = Float(0.044715)

    @inline(__always)
    static func geluExact(_ x: Float) -> Float { x * 0.5 * (1 + erf(x * sqrtHalf)) }

    @inline(__always)
    static func geluTanh(_ x: Float) -> Float {
        let cube = x * x * x
        let inner = geluBeta * (x + geluKappa * cube)
        return 0.5 * x * (1 + roundedTanh(inner))
    }

    @inline(__always)
    static func geluExactBackward(_ dy: Float, _ x: Float) -> Float {
        let cdf = 0.5 * (1 + erf(x * sqrtHalf))
        let pdf = geluPdfBeta * Foundation.exp(x * x * -0.5)
        return dy * (cdf + x * pdf)
    }

    @inline(__always)
    static func geluTanhBackward(_ dy: Float, _ x: Float) -> Float {
        let square = x * x, cube = square * x
        let inner = geluBeta * (x + geluKappa * cube)
        let t = roundedTanh(inner)
        let left = 0.5 * x, right = 1 + t
        let leftDerivative = 0.5 * right
        let tanhDerivative = 1 - t * t
        let innerDerivative = geluBeta * (1 + 3 * geluKappa * square)
        let rightDerivative = left * tanhDerivative * innerDerivative
        return dy * (leftDerivative + rightDerivative)
    }
}
