// Properties of reductions, softmax, matmul and indexing that a fixture cannot show:
// views share storage, gradients agree with finite differences, no_grad records nothing.
import Foundation
import Testing
import Tensor

/// Deterministic pseudo-random floats in [-1, 1) for test inputs.
func opsBValues(_ count: Int, seed: UInt64) -> [Float] {
    var state = seed &* 6364136223846793005 &+ 1442695040888963407
    return (0..<count).map { _ in
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Float(Int64(bitPattern: state >> 11) % 2_000_000) / 1_000_000 - 1
    }
}

/// Checks d(sum(f(x) * w))/dx from backward against central differences.
func expectGradientMatchesFiniteDifferences(
    shape: [Int], seed: UInt64, epsilon: Float = 1e-2, tolerance: Float = 2e-2,
    sourceLocation: SourceLocation = #_sourceLocation, _ f: (Tensor) throws -> Tensor
) throws {
    let values = opsBValues(shape.reduce(1, *), seed: seed)
    let x = try Tensor(floats: values, shape: shape)
    try x.setRequiresGrad(true)
    let out = try f(x)
    let weights = try Tensor(floats: opsBValues(out.count, seed: seed + 1), shape: out.shape)
    try out.backward(gradient: weights)
    let analytic = x.grad?.floatValues() ?? []
    func objective(_ v: [Float]) throws -> Float {
        let y = try GradMode.withNoGrad { try f(try Tensor(floats: v, shape: shape)) }
        return zip(y.floatValues(), weights.floatValues()).reduce(0) { $0 + $1.0 * $1.1 }
    }
    for i in values.indices {
        var plus = values, minus = values
        plus[i] += epsilon
        minus[i] -= epsilon
        let numeric = (try objective(plus) - objective(minus)) / (2 * epsilon)
        #expect(abs(numeric - analytic[i]) <= tolerance * max(1, abs(numeric)),
                "element \(i): numeric \(numeric), backward \(analytic[i])", sourceLocation: sourceLocation)
    }
}

@Suite struct OpsBBehaviourTests {
    @Test func basicIndexingIsAViewSharingStorage() throws {
        let x = try Tensor(floats: [0, 1, 2, 3, 4, 5], shape: [2, 3])
        let row = try x.index([.int(1)])
        let column = try x.index([.slice(start: nil, stop: nil, step: nil), .int(2)])
        #expect(row.storage === x.storage && column.storage === x.storage)
        try x.indexPut([.int(1), .int(2)], try Tensor(scalar: 9))
        #expect(row.floatValues() == [3, 4, 9])
        #expect(column.floatValues() == [2, 9])
        // Writing through a view changes the base.
        try row.indexPut([.int(0)], try Tensor(scalar: -1))
        #expect(x.floatValues() == [0, 1, 2, -1, 4, 9])
    }

    @Test func advancedIndexingCopies() throws {
        let x = try Tensor(floats: [0, 1, 2, 3], shape: [4])
        let picked = try x.index([try .list([3, 3, 0])])
        #expect(picked.storage !== x.storage)
        #expect(picked.floatValues() == [3, 3, 0])
    }

    @Test func noGradRecordsNothing() throws {
        let x = try Tensor(floats: opsBValues(6, seed: 1), shape: [2, 3])
        try x.setRequiresGrad(true)
        let results = try GradMode.withNoGrad {
            [try x.sum(), try x.softmax(dim: -1), try x.matmul(try x.index([.int(0)])), try x.index([.int(0)])]
        }
        #expect(results.allSatisfy { $0.gradFn == nil && !$0.requiresGrad })
    }

    @Test func transposedOperandsMatchContiguousCopies() throws {
        // [3, 5]ᵀ @ [3, 4] read through strides equals the same product of copies.
        let base = try Tensor(floats: opsBValues(15, seed: 3), shape: [3, 5])
        let transposed = base.makeView(shape: [5, 3], strides: [1, 5], offset: 0)
        let other = try Tensor(floats: opsBValues(12, seed: 4), shape: [3, 4])
        let viaStrides = try transposed.matmul(other)
        let viaCopy = try transposed.copyData(as: .float32).matmul(other)
        #expect(viaStrides.shape == [5, 4])
        #expect(zip(viaStrides.floatValues(), viaCopy.floatValues()).allSatisfy { abs($0 - $1) <= 1e-6 })
    }

    @Test func largeReductionsTakeTheParallelPathConsistently() throws {
        // 64 rows of 1024: big enough to split over threads; each row must equal its own sum.
        let values = opsBValues(64 * 1024, seed: 7)
        let x = try Tensor(floats: values, shape: [64, 1024])
        let rows = try x.sum(dims: [1]).floatValues()
        for r in [0, 31, 63] {
            let single = try Tensor(floats: Array(values[(r * 1024)..<((r + 1) * 1024)]), shape: [1024])
            #expect(rows[r] == (try single.sum().floatValues()[0]))
        }
        let softmax = try x.softmax(dim: -1)
        let totals = try softmax.sum(dims: [-1]).floatValues()
        #expect(totals.allSatisfy { abs($0 - 1) < 1e-5 })
    }

    @Test func itemConvertsOneElement() throws {
        #expect(try Tensor(floats: [2.75], shape: [1, 1]).itemDouble() == 2.75)
        #expect(try Tensor(int64s: [-7], shape: []).itemInt64() == -7)
        #expect(try Tensor(floats: [-2.75], shape: []).itemInt64() == -2)
        #expect(try Tensor(bools: [true], shape: [1]).item() == .bool(true))
    }

    // MARK: gradients against finite differences

    @Test func matmulGradientsMatchFiniteDifferences() throws {
        let weight = try Tensor(floats: opsBValues(12, seed: 11), shape: [4, 3])
        try expectGradientMatchesFiniteDifferences(shape: [2, 3, 4], seed: 10) { try $0.matmul(weight) }
        let batch = try Tensor(floats: opsBValues(24, seed: 12), shape: [2, 3, 4])
        try expectGradientMatchesFiniteDifferences(shape: [4, 2], seed: 13) { try batch.matmul($0) }
        try expectGradientMatchesFiniteDifferences(shape: [4], seed: 14) { try batch.matmul($0.index([.none, .ellipsis]).index([.int(0)])) }
    }

    @Test func softmaxAndStatisticsGradientsMatchFiniteDifferences() throws {
        try expectGradientMatchesFiniteDifferences(shape: [2, 5], seed: 20) { try $0.softmax(dim: -1) }
        try expectGradientMatchesFiniteDifferences(shape: [3, 4], seed: 21) { try $0.logSoftmax(dim: 0) }
        try expectGradientMatchesFiniteDifferences(shape: [3, 4], seed: 22) { try $0.variance(dims: [1]) }
        try expectGradientMatchesFiniteDifferences(shape: [3, 4], seed: 23) { try $0.std(dims: [0], correction: 0) }
        try expectGradientMatchesFiniteDifferences(shape: [2, 3], seed: 24) { try $0.prod(dim: 1) }
        try expectGradientMatchesFiniteDifferences(shape: [2, 3], seed: 25) { try $0.mean(dims: [0], keepdim: true) }
    }

    @Test func indexingGradientsMatchFiniteDifferences() throws {
        try expectGradientMatchesFiniteDifferences(shape: [3, 4], seed: 30) {
            try $0.index([try .list([2, 0, 2]), .slice(start: 1, stop: nil, step: 2)])
        }
        let mask = try Tensor(bools: [true, false, true, true], shape: [4])
        try expectGradientMatchesFiniteDifferences(shape: [2, 4], seed: 31) { try $0.index([.ellipsis, .tensor(mask)]) }
        let value = try Tensor(floats: [0.5, -0.25], shape: [2])
        try expectGradientMatchesFiniteDifferences(shape: [3, 2], seed: 32) { x in
            let y = try x.index([try .list([0, 1, 2])])
            try y.indexPut([.int(1)], value)
            return y
        }
    }
}
