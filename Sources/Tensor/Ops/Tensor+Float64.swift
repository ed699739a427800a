// float64 (numpy's default float) in the tensor module: typed access, construction and
// conversion to and from the other dtypes. The numpy binding computes in it; torch ops
// other than conversions (`.float()`, `.to()`, copies, views, indexing) do not.

extension Tensor {
    /// Storage pointer at this tensor's offset, as doubles (float64 tensors only).
    public var doublePointer: UnsafeMutablePointer<Double> {
        storage.pointer.assumingMemoryBound(to: Double.self) + offset
    }

    /// A float64 tensor holding `values` in row-major order.
    public convenience init(doubles values: [Double], shape: [Int]) throws {
        try self.init(zeros: shape, dtype: .float64)
        let expected = Tensor.elementCount(shape)
        guard values.count == expected else {
            throw TensorError.value("\(values.count) values cannot fill a tensor of shape \(shape) (\(expected) elements)")
        }
        values.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { doublePointer.update(from: base, count: values.count) }
        }
    }

    /// The elements as Double, row-major, converting any dtype exactly.
    public func doubleValues() -> [Double] {
        let offsets = elementOffsets()
        switch dtype {
        case .float64: let p = doublePointer; return offsets.map { p[$0] }
        case .float32: let p = floatPointer; return offsets.map { Double(p[$0]) }
        case .int64: let p = int64Pointer; return offsets.map { Double(p[$0]) }
        case .bool: let p = boolPointer; return offsets.map { p[$0] != 0 ? 1 : 0 }
        }
    }

    /// What torch ops without a float64 kernel raise.
    static var float64Refusal: TensorError {
        .notImplemented("this op does not support float64 (torch.double) tensors in the workbench; "
                        + "convert with .float() first")
    }

    /// `double()`: a float64 copy (or `self` when already float64).
    public func double() throws -> Tensor { try to(.float64) }

    /// The conversions `converted(to:)` delegates when either side is float64.
    /// Floats to int64 truncate toward zero; out-of-range and non-finite give Int64.min (x86).
    func convertFloat64(into out: Tensor, _ g: LoopGeometry) {
        switch (dtype, out.dtype) {
        case (.float32, .float64): ElementwiseKernels.unary(g, out.doublePointer, floatPointer) { Double($0) }
        case (.int64, .float64): ElementwiseKernels.unary(g, out.doublePointer, int64Pointer) { Double($0) }
        case (.bool, .float64): ElementwiseKernels.unary(g, out.doublePointer, boolPointer) { Double($0) }
        case (.float64, .float32): ElementwiseKernels.unary(g, out.floatPointer, doublePointer) { Float($0) }
        case (.float64, .bool): ElementwiseKernels.unary(g, out.boolPointer, doublePointer) { $0 != 0 ? 1 : 0 }
        case (.float64, .int64):
            ElementwiseKernels.unary(g, out.int64Pointer, doublePointer) { v in
                v.isFinite && v > -9.2233720368547758e18 && v < 9.2233720368547758e18
                    ? Int64(v.rounded(.towardZero)) : Int64.min
            }
        default: break
        }
    }
}
