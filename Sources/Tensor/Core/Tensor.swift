// The tensor: a strided view onto shared storage, with autograd bookkeeping.
// Every op in the Tensor module builds on this type; scripts see it as `torch.Tensor`.

/// An n-dimensional array of `dtype` elements, a strided view of a `Storage`.
///
/// Reference semantics, like PyTorch: views share storage, in-place ops are
/// visible through every view, and autograd tracks tensors by identity.
public final class Tensor {
    public internal(set) var storage: Storage
    public internal(set) var dtype: DType
    public internal(set) var shape: [Int]
    /// Strides in elements (not bytes), as `tensor.stride()` reports them.
    public internal(set) var strides: [Int]
    /// Offset of element [0, 0, ...] in storage, in elements.
    public internal(set) var offset: Int

    // MARK: autograd state (see Autograd/)

    /// Whether gradients flow to this tensor. Settable only on leaves.
    public internal(set) var requiresGrad: Bool = false
    /// The accumulated gradient of a leaf (or of a non-leaf that called `retainGrad()`).
    public var grad: Tensor?
    /// The node that produced this tensor; nil for leaves.
    public internal(set) var gradFn: GradFn?
    /// Set by `retainGrad()` on a non-leaf.
    public internal(set) var retainsGrad: Bool = false
    /// Marks an `nn.Parameter`, so printing says "Parameter containing:".
    public var isParameter: Bool = false
    /// The script-level object wrapping this tensor, kept so that identity (`is`, `id`)
    /// survives a round trip through Swift. The tensor layer never reads it.
    public weak var wrapper: AnyObject?

    /// A view of `storage`; no copy.
    public init(storage: Storage, dtype: DType, shape: [Int], strides: [Int], offset: Int) {
        self.storage = storage
        self.dtype = dtype
        self.shape = shape
        self.strides = strides
        self.offset = offset
    }

    /// A new contiguous tensor of zeros. Refuses, as PyTorch's `empty` does and in its words,
    /// negative sizes, a byte count past Int64 ("Storage size calculation overflowed"),
    /// strides past Int64 (`[0, 2**62, 2**62]`: "Stride calculation overflowed") and an
    /// allocation the memory left cannot hold.
    public convenience init(zeros shape: [Int], dtype: DType = .float32) throws {
        let bytes = try Tensor.storageBytes(shape, itemSize: dtype.itemSize)
        let strides = try Tensor.checkedContiguousStrides(shape)
        let storage = try Storage(byteCount: bytes)
        self.init(storage: storage, dtype: dtype, shape: shape, strides: strides, offset: 0)
    }

    /// A new contiguous tensor of zeros shaped like an existing tensor (`clone`, `zeros_like`):
    /// as `init(zeros:)`, except that an empty shape keeps the wrapped strides its views have,
    /// as PyTorch's `*_like` do (`torch.zeros_like(torch.empty(0).reshape(0, 2**62, 2**62))`).
    convenience init(zerosShapedLike shape: [Int], dtype: DType) throws {
        guard Tensor.elementCount(shape) == 0, shape.allSatisfy({ $0 >= 0 }) else {
            try self.init(zeros: shape, dtype: dtype)
            return
        }
        self.init(storage: try Storage(byteCount: 0), dtype: dtype, shape: shape,
                  strides: Tensor.contiguousStrides(shape), offset: 0)
    }

    /// A float32 tensor holding `values` in row-major order.
    public convenience init(floats values: [Float], shape: [Int]) throws {
        try self.init(zeros: shape, dtype: .float32)
        try Tensor.checkCount(values.count, shape)
        values.withUnsafeBufferPointer { src in
            floatPointer.update(from: src.baseAddress!, count: values.count)
        }
    }

    /// An int64 tensor holding `values` in row-major order.
    public convenience init(int64s values: [Int64], shape: [Int]) throws {
        try self.init(zeros: shape, dtype: .int64)
        try Tensor.checkCount(values.count, shape)
        values.withUnsafeBufferPointer { src in
            int64Pointer.update(from: src.baseAddress!, count: values.count)
        }
    }

    /// A bool tensor holding `values` in row-major order.
    public convenience init(bools values: [Bool], shape: [Int]) throws {
        try self.init(zeros: shape, dtype: .bool)
        try Tensor.checkCount(values.count, shape)
        let p = boolPointer
        for (i, v) in values.enumerated() { p[i] = v ? 1 : 0 }
    }

    /// A 0-d float32 tensor.
    public convenience init(scalar: Float) throws { try self.init(floats: [scalar], shape: []) }

    // MARK: shape facts

    public var rank: Int { shape.count }
    /// Number of elements (`numel()`). Never traps: every tensor with elements had its count
    /// checked when its shape was made, so a product that wraps belongs to an empty shape
    /// such as `[0, 2**62, 2**62]`, whose count is 0.
    public var count: Int { Tensor.elementCount(shape) }
    public var isLeaf: Bool { gradFn == nil }

    /// The product of `dims`, 0 when any is 0, without trapping (see `count`).
    @inlinable public static func elementCount<C: Collection>(_ dims: C) -> Int where C.Element == Int {
        var n = 1
        for s in dims {
            if s == 0 { return 0 }
            n = n &* s
        }
        return n
    }

    /// Row-major strides for `shape`, wrapping on overflow as PyTorch's view strides do
    /// (`torch.empty(0).reshape(0, 2**62, 2**62).stride()` is `(0, 2**62, 1)`).
    public static func contiguousStrides(_ shape: [Int]) -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[d] = running
            running = running &* max(shape[d], 1)
        }
        return strides
    }

    /// Row-major strides for a new tensor of `shape`, or PyTorch's error when one overflows.
    static func checkedContiguousStrides(_ shape: [Int]) throws -> [Int] {
        var strides = [Int](repeating: 1, count: shape.count)
        var running = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) {
            strides[d] = running
            guard d > 0 else { break }
            let (next, overflow) = running.multipliedReportingOverflow(by: max(shape[d], 1))
            if overflow { throw TensorError.runtime("Stride calculation overflowed") }
            running = next
        }
        return strides
    }

    /// Bytes of a contiguous tensor of `shape`, refusing negative sizes and, as PyTorch's
    /// `computeStorageNbytesContiguous` does, any overflow along the product (even one a
    /// later zero would cancel: `[2**40, 2**40, 0]`).
    public static func storageBytes(_ shape: [Int], itemSize: Int) throws -> Int {
        var n: UInt64 = 1
        var overflowed = false
        for s in shape {
            if s < 0 {
                throw TensorError.runtime("Trying to create tensor with negative dimension \(s): \(shape)")
            }
            let (m, overflow) = n.multipliedReportingOverflow(by: UInt64(s))
            overflowed = overflowed || overflow
            n = m
        }
        let (bytes, overflow) = n.multipliedReportingOverflow(by: UInt64(itemSize))
        guard !overflowed, !overflow, bytes <= UInt64(Int64.max) else {
            throw TensorError.runtime("Storage size calculation overflowed with sizes=\(shape)")
        }
        return Int(bytes)
    }

    /// The element count of a view's `shape`, or PyTorch's error when the product overflows
    /// (left to right, so `[0, 2**62, 2**62]` is fine and `[2**62, 2**62, 0]` is not).
    static func checkedViewCount(_ shape: [Int]) throws -> Int {
        var n = 1
        for s in shape {
            let (m, overflow) = n.multipliedReportingOverflow(by: s)
            if overflow { throw TensorError.runtime("numel: integer multiplication overflow") }
            n = m
        }
        return n
    }

    /// Whether the elements are laid out row-major without gaps (`is_contiguous()`).
    /// Dimensions of size 1 may have any stride, as in PyTorch.
    public var isContiguous: Bool {
        var expected = 1
        for d in stride(from: shape.count - 1, through: 0, by: -1) where shape[d] != 1 {
            if strides[d] != expected { return false }
            expected = expected &* shape[d]
        }
        return true
    }

    private static func checkCount(_ count: Int, _ shape: [Int]) throws {
        let expected = elementCount(shape)
        if count != expected {
            throw TensorError.value("\(count) values cannot fill a tensor of shape \(shape) (\(expected) elements)")
        }
    }

    // MARK: raw element access

    /// Storage pointer at this tensor's offset, typed. Valid while the tensor is alive;
    /// index it with `strides` (or linearly when `isContiguous`).
    public var floatPointer: UnsafeMutablePointer<Float> {
        storage.pointer.assumingMemoryBound(to: Float.self) + offset
    }
    public var int64Pointer: UnsafeMutablePointer<Int64> {
        storage.pointer.assumingMemoryBound(to: Int64.self) + offset
    }
    public var boolPointer: UnsafeMutablePointer<UInt8> {
        storage.pointer.assumingMemoryBound(to: UInt8.self) + offset
    }

    /// Storage offsets (relative to `offset`) of every element, in row-major order.
    /// For contiguous tensors prefer linear indexing; this is the general path.
    public func elementOffsets() -> [Int] {
        let n = count
        var result = [Int](repeating: 0, count: n)
        if n == 0 { return result }
        if isContiguous {
            for i in 0..<n { result[i] = i }
            return result
        }
        var index = [Int](repeating: 0, count: rank)
        var position = 0
        for i in 0..<n {
            result[i] = position
            var d = rank - 1
            while d >= 0 {
                index[d] += 1
                position += strides[d]
                if index[d] < shape[d] { break }
                position -= strides[d] * shape[d]
                index[d] = 0
                d -= 1
            }
        }
        return result
    }

    /// The elements as Float, row-major, converting int64/bool. For tests and printing.
    public func floatValues() -> [Float] {
        let offsets = elementOffsets()
        switch dtype {
        case .float32: let p = floatPointer; return offsets.map { p[$0] }
        case .int64: let p = int64Pointer; return offsets.map { Float(p[$0]) }
        case .bool: let p = boolPointer; return offsets.map { p[$0] != 0 ? 1 : 0 }
        case .float64: let p = doublePointer; return offsets.map { Float(p[$0]) }
        }
    }

    /// The elements as Int64, row-major (floats truncate toward zero, as `.long()` does).
    public func int64Values() -> [Int64] {
        let offsets = elementOffsets()
        switch dtype {
        case .float32:
            let p = floatPointer
            return offsets.map { p[$0].isFinite ? Int64(p[$0].rounded(.towardZero)) : Int64.min }
        case .int64: let p = int64Pointer; return offsets.map { p[$0] }
        case .bool: let p = boolPointer; return offsets.map { Int64(p[$0]) }
        case .float64:
            let p = doublePointer
            return offsets.map { p[$0].isFinite && Swift.abs(p[$0]) < 9.2e18 ? Int64(p[$0].rounded(.towardZero)) : Int64.min }
        }
    }

    /// The elements as Bool, row-major (nonzero is true).
    public func boolValues() -> [Bool] {
        let offsets = elementOffsets()
        switch dtype {
        case .float32: let p = floatPointer; return offsets.map { p[$0] != 0 }
        case .int64: let p = int64Pointer; return offsets.map { p[$0] != 0 }
        case .bool: let p = boolPointer; return offsets.map { p[$0] != 0 }
        case .float64: let p = doublePointer; return offsets.map { p[$0] != 0 }
        }
    }

    /// A contiguous tensor with the same elements, outside autograd: `self` when
    /// already contiguous, else a copy. (`contiguous()` with autograd is in Ops/.)
    public func contiguousData() throws -> Tensor {
        if isContiguous { return self }
        return try copyData(as: dtype)
    }

    /// A fresh contiguous copy converted to `dtype`, outside autograd.
    public func copyData(as newType: DType) throws -> Tensor {
        let out = try Tensor(zeros: shape, dtype: newType)
        let offsets = elementOffsets()
        switch (dtype, newType) {
        case (.float32, .float32):
            let s = floatPointer, d = out.floatPointer
            if isContiguous { d.update(from: s, count: offsets.count) } else {
                for (i, o) in offsets.enumerated() { d[i] = s[o] }
            }
        case (.int64, .int64):
            let s = int64Pointer, d = out.int64Pointer
            for (i, o) in offsets.enumerated() { d[i] = s[o] }
        case (.bool, .bool):
            let s = boolPointer, d = out.boolPointer
            for (i, o) in offsets.enumerated() { d[i] = s[o] }
        case (_, .float32):
            let d = out.floatPointer
            for (i, v) in floatValues().enumerated() { d[i] = v }
        case (_, .int64):
            let d = out.int64Pointer
            for (i, v) in int64Values().enumerated() { d[i] = v }
        case (_, .bool):
            let d = out.boolPointer
            for (i, v) in boolValues().enumerated() { d[i] = v ? 1 : 0 }
        case (_, .float64):
            let d = out.doublePointer
            for (i, v) in doubleValues().enumerated() { d[i] = v }
        }
        return out
    }

    /// `t.data = other`: this tensor now views `other`'s storage, keeping its own
    /// identity and autograd flags (what `nn.Parameter` loading relies on).
    public func replaceData(with other: Tensor) {
        storage = other.storage
        dtype = other.dtype
        shape = other.shape
        strides = other.strides
        offset = other.offset
    }

    /// A view sharing storage with new geometry; autograd state is not carried.
    public func makeView(shape: [Int], strides: [Int], offset: Int) -> Tensor {
        Tensor(storage: storage, dtype: dtype, shape: shape, strides: strides, offset: offset)
    }
}
