// Arithmetic between tensors and numbers with broadcasting: + - * / // % **,
// maximum and minimum, each with its backward beside it. Chapters 2-5 throughout.

import Foundation

extension Tensor {
    /// The gradient for input `t` (summed back over broadcast dims), or nil when it needs none.
    @inline(__always)
    static func gradient(for t: Tensor, _ make: () throws -> Tensor) throws -> Tensor? {
        t.requiresGrad ? try make().sumToShape(t.shape) : nil
    }

    /// A number as a 0-d tensor of the dtype it meets `self` at.
    func wrapped(_ value: Scalar) throws -> Tensor {
        try Tensor.scalarTensor(value, dtype: Tensor.resultType(dtype, value))
    }

    // MARK: + - * /

    /// `self + other`, broadcast. Bools add as logical or. d/da = d/db = 1.
    public func add(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(self, other, DType.promote(dtype, other.dtype),
                                        float: { $0 + $1 }, int: { $0 &+ $1 }, bool: { $0 | $1 })
        return out.recordingGrad("AddBackward0", inputs: [self, other]) { [self] g in
            [try Tensor.gradient(for: self) { g }, try Tensor.gradient(for: other) { g }]
        }
    }
    public func add(_ other: Scalar) throws -> Tensor { try add(wrapped(other)) }

    /// `self - other`, broadcast. d/da = 1, d/db = -1.
    public func sub(_ other: Tensor) throws -> Tensor {
        try Tensor.checkSubtraction(dtype == .bool, other.dtype == .bool)
        let out = try Tensor.arithmetic(self, other, DType.promote(dtype, other.dtype),
                                        float: { $0 - $1 }, int: { $0 &- $1 }, bool: nil)
        return out.recordingGrad("SubBackward0", inputs: [self, other]) { [self] g in
            [try Tensor.gradient(for: self) { g }, try Tensor.gradient(for: other) { try g.neg() }]
        }
    }
    public func sub(_ other: Scalar) throws -> Tensor {
        try Tensor.checkSubtraction(dtype == .bool, other.dtype == .bool)
        return try sub(wrapped(other))
    }

    /// PyTorch refuses `-` when either side is bool.
    static func checkSubtraction(_ aIsBool: Bool, _ bIsBool: Bool) throws {
        if aIsBool && bIsBool {
            throw TensorError.notImplemented("Subtraction, the `-` operator, with two bool tensors is not supported. "
                                      + "Use the `^` or `logical_xor()` operator instead.")
        }
        if aIsBool || bIsBool {
            throw TensorError.notImplemented("Subtraction, the `-` operator, with a bool tensor is not supported. "
                                      + "If you are trying to invert a mask, use the `~` or `logical_not()` "
                                      + "operator instead.")
        }
    }

    /// `number - self` (Python's `2 - x`), recorded as PyTorch's `rsub`.
    public func rsub(_ number: Scalar) throws -> Tensor {
        try Tensor.checkSubtraction(number.dtype == .bool, dtype == .bool)
        let other = try wrapped(number)
        let out = try GradMode.withNoGrad { try other.sub(self) }
        return out.recordingGrad("RsubBackward1", inputs: [self]) { g in [try g.neg()] }
    }

    /// `self * other`, broadcast. Bools multiply as logical and. d/da = b, d/db = a.
    public func mul(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(self, other, DType.promote(dtype, other.dtype),
                                        float: { $0 * $1 }, int: { $0 &* $1 }, bool: { $0 & $1 })
        return out.recordingGrad("MulBackward0", inputs: [self, other]) { [self] g in
            [try Tensor.gradient(for: self) { try g.mul(other) },
             try Tensor.gradient(for: other) { try g.mul(self) }]
        }
    }
    public func mul(_ other: Scalar) throws -> Tensor { try mul(wrapped(other)) }

    /// `self / other`: true division, always float32. d/da = 1/b, d/db = -(a/b)/b.
    public func div(_ other: Tensor) throws -> Tensor {
        let out = try Tensor.arithmetic(self, other, .float32, float: { $0 / $1 }, int: { $0 / $1 }, bool: nil)
        return out.recordingGrad("DivBackward0", inputs: [self, other]) { [self] g in
            [try Tensor.gradient(for: self) { try g.div(other) },
             try Tensor.gradient(for: other) { try g.neg().mul(self.div(other).div(other)) }]
        }
    }
    public func div(_ other: Scalar) throws -> Tensor { try div(wrapped(other)) }

    /// `1 / self` (float32). d/dx = -y².
    public func reciprocal() throws -> Tensor {
        let out = try mapFloat { 1 / $0 }
        let saved = out.detach()
        return out.recordingGrad("ReciprocalBackward0", inputs: [self]) { g in
            [try Tensor.zipFloat(g, saved) { g, y in g * -(y * y) }]
        }
    }

    /// `number / self` (Python's `2 / x`): PyTorch computes `self.reciprocal() * number`.
    public func rdiv(_ number: Scalar) throws -> Tensor { try reciprocal().mul(number) }

    // MARK: // %

    /// `self // other`: division rounded toward minus infinity (PyTorch's float algorithm).
    /// Not differentiable: backward raises, as PyTorch does.
    public func floorDivide(_ other: Tensor) throws -> Tensor {
        let type = DType.promote(dtype, other.dtype)
        if type == .int64 { try other.checkNoZeroDivisor() }
        let out = try Tensor.arithmetic(self, other, type, float: Tensor.floorDivide, int: Tensor.floorDivide,
                                        bool: nil, boolError: "\"div_floor_cpu\" not implemented for 'Bool'")
        return out.recordingGrad("NotImplemented", inputs: [self, other]) { _ in
            throw TensorError.runtime("derivative for aten::floor_divide is not implemented")
        }
    }
    public func floorDivide(_ other: Scalar) throws -> Tensor { try floorDivide(wrapped(other)) }
    /// `number // self`.
    public func rfloorDivide(_ number: Scalar) throws -> Tensor { try wrapped(number).floorDivide(self) }

    /// `self % other`: the remainder with the divisor's sign (Python's `%`).
    /// d/da = 1, d/db = -floor(a / b).
    public func remainder(_ other: Tensor) throws -> Tensor {
        let out = try remainderValues(other)
        return out.recordingGrad("RemainderBackward1", inputs: [self, other]) { [self] g in
            [try Tensor.gradient(for: self) { g },
             try Tensor.gradient(for: other) { try g.neg().mul(self.floorDivide(other)) }]
        }
    }
    public func remainder(_ other: Scalar) throws -> Tensor {
        let out = try remainderValues(wrapped(other))
        return out.recordingGrad("RemainderBackward0", inputs: [self]) { g in [g] }
    }
    /// `number % self`.
    public func rremainder(_ number: Scalar) throws -> Tensor { try wrapped(number).remainder(self) }

    private func remainderValues(_ other: Tensor) throws -> Tensor {
        let type = DType.promote(dtype, other.dtype)
        if type == .int64 { try other.checkNoZeroDivisor() }
        return try Tensor.arithmetic(self, other, type, float: Tensor.remainder, int: Tensor.remainder,
                                     bool: nil, boolError: "\"remainder_cpu\" not implemented for 'Bool'")
    }

    /// Integer `//` and `%` by zero raise, as in PyTorch.
    private func checkNoZeroDivisor() throws {
        if int64Values().contains(0) { throw TensorError.runtime("ZeroDivisionError") }
    }

    /// PyTorch's `div_floor_floating`: fmod-based, so `-7 // 2 == -4` and `1 // 0 == inf`.
    @inline(__always)
    static func floorDivide(_ a: Float, _ b: Float) -> Float {
        if b == 0 { return a / b }
        let mod = fmodf(a, b)
        var div = (a - mod) / b
        if mod != 0 && (b < 0) != (mod < 0) { div -= 1 }
        if div == 0 { return Float(signOf: a / b, magnitudeOf: 0) }
        var floored = div.rounded(.down)
        if div - floored > 0.5 { floored += 1 }
        return floored
    }

    @inline(__always)
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
        if b == 0 { return 0 }
        if b == -1 { return 0 &- a }
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    @inline(__always)
    static func remainder(_ a: Float, _ b: Float) -> Float {
        var mod = fmodf(a, b)
        if mod != 0 && (b < 0) != (mod < 0) { mod += b }
        return mod
    }

    @inline(__always)
    static func remainder(_ a: Int64, _ b: Int64) -> Int64 {
        if b == 0 || b == -1 { return 0 }
        let r = a % b
        return (r != 0 && (r < 0) != (b < 0)) ? r + b : r
    }

    // MARK: maximum, minimum

    /// Elementwise larger value (NaN wins). Ties split the gradient in half.
    public func maximum(_ other: Tensor) throws -> Tensor {
        try extremum(other, name: "MaximumBackward0", larger: true)
    }

    /// Elementwise smaller value (NaN wins). Ties split the gradient in half.
    public func minimum(_ other: Tensor) throws -> Tensor {
        try extremum(other, name: "MinimumBackward0", larger: false)
    }

    private func extremum(_ other: Tensor, name: String, larger: Bool) throws -> Tensor {
        let out = try Tensor.arithmetic(
            self, other, DType.promote(dtype, other.dtype),
            float: { a, b in a.isNaN || b.isNaN ? .nan : (larger ? Swift.max(a, b) : Swift.min(a, b)) },
            int: { a, b in larger ? Swift.max(a, b) : Swift.min(a, b) },
            bool: { a, b in larger ? (a | b) : (a & b) })
        // d/da = 1 where a wins, 1/2 on ties, 0 where b wins; symmetric for b.
        return out.recordingGrad(name, inputs: [self, other]) { [self] g in
            let share = { (x: Tensor, y: Tensor) in
                try Tensor.zip3Float(g, x, y) { g, x, y in
                    x == y ? g / 2 : ((larger ? x > y : x < y) ? g : 0)
                }
            }
            return [try Tensor.gradient(for: self) { try share(self, other) },
                    try Tensor.gradient(for: other) { try share(other, self) }]
        }
    }
}
