// The tensor type's own invariants: geometry, storage, autograd bookkeeping.
import Testing
import Tensor

@Test func contiguousStridesAreRowMajor() throws {
    let t = try Tensor(zeros: [2, 3, 4])
    #expect(t.strides == [12, 4, 1])
    #expect(t.isContiguous)
    #expect(t.count == 24)
}

@Test func transposedViewIsNotContiguousAndCopiesInOrder() throws {
    let t = try Tensor(floats: [1, 2, 3, 4, 5, 6], shape: [2, 3])
    let v = t.makeView(shape: [3, 2], strides: [1, 3], offset: 0)
    #expect(!v.isContiguous)
    #expect(v.floatValues() == [1, 4, 2, 5, 3, 6])
    #expect(try v.contiguousData().floatValues() == [1, 4, 2, 5, 3, 6])
}

@Test func hugeAllocationIsRefusedWithItsSize() throws {
    #expect(throws: TensorError.self) { try Tensor(zeros: [100_000, 100_000, 100]) }
}

@Test func leafAccumulatesGradientAcrossBackwardCalls() throws {
    let x = try Tensor(floats: [2], shape: [])
    try x.setRequiresGrad(true)
    let y = try Tensor(floats: [0], shape: [])
    y.recordingGrad("MulBackward0", inputs: [x]) { g in
        [try Tensor(floats: [g.floatValues()[0] * 3], shape: [])]
    }
    try y.backward(retainGraph: true)
    try y.backward()
    #expect(x.grad?.floatValues() == [6])
    #expect(throws: TensorError.self) { try y.backward() }
}
