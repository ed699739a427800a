// float64 in the tensor module (what the numpy binding computes in): storage, conversions,
// views, the numpy-style ufuncs and reductions, and torch ops refusing it cleanly.
import Testing
import Tensor

@Test func float64StoresDoublesExactlyAndConverts() throws {
    let t = try Tensor(doubles: [0.1, -2.5, 3e300], shape: [3])
    #expect(t.dtype == .float64)
    #expect(t.dtype.itemSize == 8)
    #expect(t.doubleValues() == [0.1, -2.5, 3e300])
    #expect(try t.float().dtype == .float32)
    #expect(try t.float().floatValues() == [Float(0.1), -2.5, .infinity])
    #expect(try t.to(.int64).int64Values() == [0, -2, Int64.min])
    #expect(try t.to(.bool).boolValues() == [true, true, true])
    #expect(try Tensor(floats: [1.5], shape: [1]).double().doubleValues() == [1.5])
    #expect(DType.promote(.float32, .float64) == .float64)
}

@Test func float64ViewsIndexingAndPrinting() throws {
    let t = try Tensor(doubles: [1, 2, 3, 4, 5, 6], shape: [2, 3])
    #expect(try t.t().contiguousData().doubleValues() == [1, 4, 2, 5, 3, 6])
    #expect(try t.index([.int(1)]).doubleValues() == [4, 5, 6])
    #expect(try t.index([.slice(start: nil, stop: nil, step: nil), .tensor(Tensor(int64s: [2, 0], shape: [2]))]).doubleValues()
            == [3, 1, 6, 4])
    #expect(try Tensor.cat([t, t], dim: 0).doubleValues() == [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6])
    #expect(t.description == "tensor([[1., 2., 3.],\n        [4., 5., 6.]], dtype=torch.float64)")
}

@Test func arrayUfuncsComputeInTheChosenDtype() throws {
    let a = try Tensor(doubles: [1, 2, 3], shape: [3])
    let b = try Tensor(int64s: [2], shape: [])
    #expect(try Tensor.arrayBinary(a, b, .divide, as: .float64).doubleValues() == [0.5, 1, 1.5])
    #expect(try Tensor.arrayBinary(a, b, .power, as: .float64).doubleValues() == [1, 4, 9])
    let n = try Tensor(int64s: [-7, 7], shape: [2])
    #expect(try Tensor.arrayBinary(n, b, .floorDivide, as: .int64).int64Values() == [-4, 3])
    #expect(try Tensor.arrayBinary(n, try Tensor(int64s: [3], shape: []), .remainder, as: .int64).int64Values() == [2, 1])
    #expect(try Tensor.arrayCompare(a, b, .greaterEqual, in: .float64).boolValues() == [false, true, true])
    #expect(try a.arrayUnary(.sqrt, as: .float64).doubleValues() == [1, 2.0.squareRoot(), 3.0.squareRoot()])
    #expect(try a.arrayUnary(.isnan, as: .float64).boolValues() == [false, false, false])
}

@Test func arrayReductionsFollowNumpysOrder() throws {
    let values = (0..<200).map { Double($0) * 0.1 }
    let t = try Tensor(doubles: values, shape: [200])
    // numpy: np.sum(np.arange(200) * 0.1) == 1990.0 (pairwise); a sequential sum gives 1990.0000000000002.
    #expect(try t.arraySum(axes: nil, keepdims: false, as: .float64).doubleValues() == [1990.0])
    let m = try Tensor(doubles: [1, 5, 3, 4, 2, 6], shape: [2, 3])
    #expect(try m.arraySum(axes: [0], keepdims: false, as: .float64).doubleValues() == [5, 7, 9])
    #expect(try m.arrayExtreme(axes: [1], keepdims: false, largest: true).doubleValues() == [5, 6])
    #expect(try m.arrayExtremePosition(axis: nil, keepdims: false, largest: true).int64Values() == [5])
    #expect(try m.arrayScan(axis: 1, multiply: false, as: .float64).doubleValues() == [1, 6, 9, 4, 6, 12])
    #expect(try m.arrayArgsort(axis: 1).int64Values() == [0, 2, 1, 1, 0, 2])
    let product = try Tensor.arrayMatmul(m, m.t(), as: .float64)
    #expect(product.shape == [2, 2])
    #expect(product.doubleValues() == [35, 32, 32, 56])
}

@Test func torchOpsWithoutAFloat64KernelRefuseIt() throws {
    let t = try Tensor(doubles: [1, 2], shape: [2])
    #expect(throws: TensorError.self) { try t.add(t) }
    #expect(throws: TensorError.self) { try t.exp() }
    #expect(try t.sum().doubleValues() == [3])
}
