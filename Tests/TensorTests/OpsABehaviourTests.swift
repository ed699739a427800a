// Behaviour of the ops-a layer beyond single values: gradients against finite
// differences, views sharing storage, in-place writes through views, autograd
// history of in-place ops, and the two-thread paths of big elementwise loops.
import Foundation
import Testing
import Tensor

/// Central-difference gradient of `sum(f(x) * weights)` at `values`, in float32.
private func numericGradient(_ values: [Float], shape: [Int], weights: Tensor,
                             _ f: (Tensor) throws -> Tensor) throws -> [Float] {
    let eps: Float = 1e-2
    return try values.indices.map { i in
        var plus = values, minus = values
        plus[i] += eps
        minus[i] -= eps
        let up = try f(Tensor(floats: plus, shape: shape)).mul(weights).floatValues().reduce(0, +)
        let down = try f(Tensor(floats: minus, shape: shape)).mul(weights).floatValues().reduce(0, +)
        return (up - down) / (2 * eps)
    }
}

private struct GradientCase: CustomStringConvertible, Sendable {
    let name: String
    let values: [Float]
    let f: @Sendable (Tensor) throws -> Tensor
    var description: String { name }
}

private let smoothValues: [Float] = [0.3, -1.2, 0.7, 1.9, -0.4, 0.05]
private let positiveValues: [Float] = [0.3, 1.2, 0.7, 1.9, 0.4, 2.5]

private let gradientCases: [GradientCase] = [
    GradientCase(name: "mul broadcast", values: smoothValues) { x in
        try x.mul(Tensor(floats: [2, -3, 0.5], shape: [3]))
    },
    GradientCase(name: "div by self", values: positiveValues) { x in try Tensor.full([2, 3], .float(1.5)).div(x) },
    GradientCase(name: "rdiv", values: positiveValues) { x in try x.rdiv(.float(2)) },
    GradientCase(name: "pow 3", values: smoothValues) { x in try x.pow(.int(3)) },
    GradientCase(name: "pow tensor", values: positiveValues) { x in try x.pow(x) },
    GradientCase(name: "2 ** x", values: smoothValues) { x in try Tensor.pow(.float(2), x) },
    GradientCase(name: "exp", values: smoothValues) { x in try x.exp() },
    GradientCase(name: "log", values: positiveValues) { x in try x.log() },
    GradientCase(name: "sqrt", values: positiveValues) { x in try x.sqrt() },
    GradientCase(name: "rsqrt", values: positiveValues) { x in try x.rsqrt() },
    GradientCase(name: "tanh", values: smoothValues) { x in try x.tanh() },
    GradientCase(name: "sigmoid", values: smoothValues) { x in try x.sigmoid() },
    GradientCase(name: "sin", values: smoothValues) { x in try x.sin() },
    GradientCase(name: "cos", values: smoothValues) { x in try x.cos() },
    GradientCase(name: "gelu", values: smoothValues) { x in try x.gelu() },
    GradientCase(name: "gelu tanh", values: smoothValues) { x in try x.gelu(approximate: "tanh") },
    GradientCase(name: "book GELU from ops", values: smoothValues) { x in
        // 0.5 * x * (1 + tanh(sqrt(2/pi) * (x + 0.044715 * x^3)))
        let inner = try x.add(x.pow(.int(3)).mul(.float(0.044715))).mul(.float((2.0 / Double.pi).squareRoot()))
        return try x.mul(.float(0.5)).mul(inner.tanh().add(.int(1)))
    },
    GradientCase(name: "view transpose chain", values: smoothValues) { x in
        try x.view([3, 2]).transpose(0, 1).mul(x.view([3, 2]).T)
    },
    GradientCase(name: "cat and stack", values: smoothValues) { x in
        try Tensor.stack([Tensor.cat([x, x.exp()], dim: 1), Tensor.cat([x.mul(x), x], dim: -1)], dim: 1)
    },
    GradientCase(name: "where and masked_fill", values: smoothValues) { x in
        let mask = try x.gt(.float(0))
        return try Tensor.where(mask, x.mul(x), x.neg()).maskedFill(mask.logicalNot().unsqueeze(0), .float(3))
    },
    GradientCase(name: "clamp, relu, abs, maximum", values: smoothValues) { x in
        try x.clamp(min: .float(-1), max: .float(1)).add(x.relu()).add(x.abs()).maximum(x.mul(.float(0.5)))
    },
]

@Suite struct OpsABehaviourTests {
    @Test(arguments: gradientCases)
    fileprivate func gradientMatchesFiniteDifferences(_ c: GradientCase) throws {
        let shape = [2, 3]
        let x = try Tensor(floats: c.values, shape: shape)
        try x.setRequiresGrad(true)
        let y = try c.f(x)
        // Fixed, uneven weights so every output element counts differently.
        let w = try Tensor(floats: (0..<y.count).map { Float($0 % 5) * 0.5 - 0.75 }, shape: y.shape)
        let loss = try y.mul(w)
        try loss.backward(gradient: Tensor.onesLike(loss))
        let analytic = try #require(x.grad).floatValues()
        let numeric = try numericGradient(c.values, shape: shape, weights: w, c.f)
        for (a, n) in zip(analytic, numeric) {
            #expect(Swift.abs(a - n) <= 2e-2 * Swift.max(1, Swift.abs(n)), "\(c.name): \(analytic) vs \(numeric)")
        }
    }

    @Test func viewsShareStorage() throws {
        let x = try Tensor(floats: [1, 2, 3, 4, 5, 6], shape: [2, 3])
        let t = try x.transpose(0, 1)
        let v = try x.view([6])
        try t.mul_(.int(10))
        #expect(x.floatValues() == [10, 20, 30, 40, 50, 60])
        #expect(v.floatValues() == [10, 20, 30, 40, 50, 60])
        try x.view([3, 2]).maskedFill_(Tensor(bools: [true, false], shape: [2]), .float(-1))
        #expect(t.floatValues() == [-1, 40, 20, -1, -1, 60])
    }

    @Test func inPlaceOnNonLeafTakesOverHistory() throws {
        let x = try Tensor(floats: [1, -2, 3], shape: [3])
        try x.setRequiresGrad(true)
        let scores = try x.mul(.int(2))
        try scores.maskedFill_(Tensor(bools: [false, true, false], shape: [3]), .float(-Double.infinity))
        #expect(scores.gradFn?.name == "MaskedFillBackward0")
        #expect(scores.gradFn?.nextFunctions.first?.name == "MulBackward0")
        try scores.exp().backward(gradient: Tensor.onesLike(scores))
        let e = try Tensor(floats: [2, 6], shape: [2]).exp().floatValues()
        #expect(x.grad?.floatValues() == [2 * e[0], 0, 2 * e[1]])
    }

    @Test func inPlaceUnderNoGradIsAllowedOnLeaves() throws {
        let w = try Tensor(floats: [1, 2], shape: [2])
        try w.setRequiresGrad(true)
        try GradMode.withNoGrad { _ = try w.sub_(.float(0.5)) }
        #expect(w.floatValues() == [0.5, 1.5])
        #expect(w.isLeaf)
    }

    @Test func gradModeIsPerThread() throws {
        let x = try Tensor(floats: [1], shape: [1])
        try x.setRequiresGrad(true)
        GradMode.withNoGrad {
            #expect(!GradMode.isEnabled)
        }
        #expect(GradMode.isEnabled)
        #expect(try x.mul(.int(2)).gradFn?.name == "MulBackward0")
    }

    @Test func bigContiguousLoopsSplitAcrossThreadsCorrectly() throws {
        // exp is costly per element, so past 65536 elements it runs on two threads.
        let n = 70_001
        let x = try Tensor.linspace(.float(-5), .float(5), steps: n)
        let y = try x.exp().floatValues()
        let inputs = x.floatValues()
        #expect(y.count == n)
        #expect(zip(inputs, y).allSatisfy { Foundation.exp($0) == $1 })
        let sum = try Tensor.arange(.int(0), .int(Int64(n))).float().add(Tensor.full([n], .float(0.5)))
        #expect(sum.floatValues().enumerated().allSatisfy { $0.element == Float($0.offset) + 0.5 })
    }

    @Test func bigStridedLoopsSplitAcrossThreadsCorrectly() throws {
        let side = 300
        let x = try Tensor.arange(.int(0), .int(Int64(side * side))).float().view([side, side])
        let y = try x.T.add(x)  // y[i][j] = x[j][i] + x[i][j] = (j*side + i) + (i*side + j)
        let values = y.floatValues()
        var ok = true
        for i in 0..<side {
            for j in 0..<side where values[i * side + j] != Float(j * side + i + i * side + j) { ok = false }
        }
        #expect(ok)
        let scaled = try x.mul(.float(1e-4))
        let sines = try scaled.T.sin().floatValues(), plain = scaled.floatValues()
        var sinesOk = true
        for i in 0..<side {
            for j in 0..<side where sines[i * side + j] != Foundation.sin(plain[j * side + i]) { sinesOk = false }
        }
        #expect(sinesOk)
        #expect(try x.T.contiguous().floatValues()[1] == Float(side))
    }
}
