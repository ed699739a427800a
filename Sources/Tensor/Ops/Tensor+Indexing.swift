// Subscripts: `x[...]` (basic indexing as views, advanced indexing as gathers),
// `x[...] = v`, and `item()`. Serves batching, row picks like the book's
// `probas[0, [0, 1, 2], targets[0]]` (chapter 5) and masks (chapter 3).

extension Tensor {
    /// `x[indices]`. Ints, slices, `None` and `...` make a view sharing storage
    /// (grad_fn of the last view op: `SelectBackward0`, `SliceBackward0`,
    /// `UnsqueezeBackward0`, or `AliasBackward0`); int64 tensors and bool masks then
    /// gather a copy (`IndexBackward0`, whose backward adds duplicates).
    ///
    /// Advanced dims follow PyTorch: the broadcast index shape replaces the indexed
    /// dims in place when they are adjacent, and goes first when they are separated.
    public func index(_ indices: [TensorIndex]) throws -> Tensor {
        let basic = try applyBasicIndexing(indices)
        if basic.advanced.isEmpty {
            return basic.view.recordingGrad(basic.viewName ?? "AliasBackward0", inputs: [self]) { [shape] g in
                let result = try Tensor(zeros: shape)
                let target = try result.applyBasicIndexing(indices).view
                let gc = try g.contiguousData()
                let r = target.floatPointer, gp = gc.floatPointer
                for (i, o) in target.elementOffsets().enumerated() { r[o] += gp[i] }
                return [result]
            }
        }
        let plan = try AdvancedIndexing(view: basic.view, advanced: basic.advanced)
        let (before, positions, after) = plan.offsets(in: basic.view)
        let out = try Tensor(zeros: plan.outputShape, dtype: dtype)
        switch dtype {
        case .float32: Tensor.gatherElements(basic.view.floatPointer, out.floatPointer, before, positions, after)
        case .int64, .float64: Tensor.gatherElements(basic.view.int64Pointer, out.int64Pointer, before, positions, after)
        case .bool: Tensor.gatherElements(basic.view.boolPointer, out.boolPointer, before, positions, after)
        }
        return out.recordingGrad("IndexBackward0", inputs: [self]) { [shape] g in
            let result = try Tensor(zeros: shape)
            let target = try result.applyBasicIndexing(indices).view
            let (b, p, a) = plan.offsets(in: target)
            let gc = try g.contiguousData()
            let r = target.floatPointer, gp = gc.floatPointer
            var i = 0
            for x in b { for y in p { for z in a { r[x + y + z] += gp[i]; i += 1 } } }
            return [result]
        }
    }

    /// `x[indices] = value`, in place. `value` broadcasts to the indexed shape (its
    /// leading size-1 dims dropped first, as PyTorch does) and converts to this
    /// tensor's dtype; a 0-d value is treated as a Python number.
    /// Autograd: `CopySlices` (basic) or `IndexPutBackward0` (advanced).
    public func indexPut(_ indices: [TensorIndex], _ value: Tensor) throws {
        let basic = try applyBasicIndexing(indices)
        if GradMode.isEnabled && requiresGrad && isLeaf {
            throw TensorError.runtime(
                (basic.advanced.isEmpty ? "a view of a leaf Variable" : "a leaf Variable")
                + " that requires grad is being used in an in-place operation.")
        }
        // PyTorch strips the value's leading size-1 dims before broadcasting it.
        var valueShape = value.shape, valueStrides = value.strides
        while valueShape.first == 1 { valueShape.removeFirst(); valueStrides.removeFirst() }
        let stripped = value.makeView(shape: valueShape, strides: valueStrides, offset: value.offset)
        let target = basic.view
        var plan: AdvancedIndexing?
        let resultShape: [Int]
        if basic.advanced.isEmpty {
            resultShape = target.shape
            try Tensor.checkExpandable(stripped, to: resultShape)
        } else {
            let advanced = try AdvancedIndexing(view: target, advanced: basic.advanced)
            plan = advanced
            resultShape = advanced.outputShape
            if value.rank > 0 && value.dtype != dtype {
                throw TensorError.runtime(
                    "Index put requires the source and destination dtypes match, got \(scalarTypeName) for the "
                    + "destination and \(value.scalarTypeName) for the source.")
            }
            let fits = (try? Tensor.broadcastShapes(valueShape, resultShape)) == resultShape
            guard fits else {
                throw TensorError.runtime(
                    "shape mismatch: value tensor of shape \(valueShape) cannot be broadcast to indexing result "
                    + "of shape \(resultShape)")
            }
        }
        let source = try stripped.broadcastView(to: resultShape).copyData(as: dtype)
        let destination = plan.map { $0.offsets(in: target) }
            ?? ([0], target.elementOffsets(), [0])
        switch dtype {
        case .float32: Tensor.scatterElements(source.floatPointer, target.floatPointer, destination)
        case .int64, .float64: Tensor.scatterElements(source.int64Pointer, target.int64Pointer, destination)
        case .bool: Tensor.scatterElements(source.boolPointer, target.boolPointer, destination)
        }
        guard GradMode.isEnabled, requiresGrad || value.requiresGrad else { return }
        // In place: the old history moves to a stand-in, and this tensor gets the new node.
        let previous = makeView(shape: shape, strides: strides, offset: offset)
        previous.requiresGrad = requiresGrad
        previous.gradFn = gradFn
        gradFn = nil
        // index_put_ on the tensor itself, or on a view of it (then autograd wraps it in CopySlices).
        let isAdvanced = plan != nil
        let name = isAdvanced && basic.viewName == nil ? "IndexPutBackward0" : "CopySlices"
        recordingGrad(name, inputs: [previous, value]) {
            [valueShape, valueDims = value.shape] g in
            // The overwritten elements pass no gradient back; the value gets what they received.
            let gradPrevious = try g.copyData(as: .float32)
            let written = try gradPrevious.applyBasicIndexing(indices)
            let (b, p, a) = isAdvanced
                ? try AdvancedIndexing(view: written.view, advanced: written.advanced).offsets(in: written.view)
                : ([0], written.view.elementOffsets(), [0])
            let gradValue = try Tensor(zeros: resultShape)
            let w = written.view.floatPointer, v = gradValue.floatPointer
            var i = 0
            for x in b { for y in p { for z in a { v[i] = w[x + y + z]; w[x + y + z] = 0; i += 1 } } }
            let summed = try gradValue.sumToShape(valueShape)
            return [gradPrevious, summed.makeView(shape: valueDims, strides: Tensor.contiguousStrides(valueDims),
                                                  offset: summed.offset)]
        }
    }

    /// `x.item()`: the single element as a Python number.
    public func item() throws -> TensorScalar {
        guard count == 1 else {
            throw TensorError.runtime("a Tensor with \(count) elements cannot be converted to Scalar")
        }
        switch dtype {
        case .float32: return .float(Double(floatPointer[0]))
        case .int64: return .int(int64Pointer[0])
        case .bool: return .bool(boolPointer[0] != 0)
        case .float64: return .float(doublePointer[0])
        }
    }

    /// `x.item()` as a Double (ints and bools convert).
    public func itemDouble() throws -> Double {
        switch try item() {
        case .float(let v): return v
        case .int(let v): return Double(v)
        case .bool(let v): return v ? 1 : 0
        }
    }

    /// `x.item()` as an Int64 (floats truncate toward zero, as `int(x.item())`).
    public func itemInt64() throws -> Int64 {
        switch try item() {
        case .float(let v):
            guard v.isFinite else { throw TensorError.value("cannot convert float \(v) to integer") }
            guard Swift.abs(v) < 9.2e18 else { throw TensorError.runtime("value cannot be converted to type int64 without overflow") }
            return Int64(v.rounded(.towardZero))
        case .int(let v): return v
        case .bool(let v): return v ? 1 : 0
        }
    }

    // MARK: basic indexing

    /// The view part of a subscript and the advanced indices left for a gather.
    struct BasicIndexing {
        var view: Tensor
        /// (dim of `view`, int64 index tensor) for each advanced index, in order.
        var advanced: [(dim: Int, index: Tensor)]
        /// grad_fn name of the last view op applied; nil when none was (an alias).
        var viewName: String?
    }

    /// Applies ints, slices, `None` and `...` as views (PyTorch's `applySlicing`) and
    /// turns bool masks into int64 indices. Error texts are PyTorch's.
    func applyBasicIndexing(_ indices: [TensorIndex]) throws -> BasicIndexing {
        var specified = 0
        for entry in indices {
            switch entry {
            case .int, .slice: specified += 1
            case .tensor(let t): specified += t.dtype == .bool ? t.rank : 1
            case .ellipsis, .none: break
            }
        }
        if rank == 0 && indices.count == 1 {
            if case .int = indices[0] {
                throw TensorError.index(
                    "invalid index of a 0-dim tensor. Use `tensor.item()` in Python or `tensor.item<T>()` in C++ "
                    + "to convert a 0-dim tensor to a number")
            }
            if case .slice = indices[0] { throw TensorError.index("slice() cannot be applied to a 0-dim tensor.") }
        }
        if specified > rank { throw TensorError.index("too many indices for tensor of dimension \(rank)") }

        var shape = self.shape, strides = self.strides, offset = self.offset
        var advanced: [(dim: Int, index: Tensor)] = []
        var name: String?
        var dim = 0
        func select(_ k: Int, position: Int) throws {
            let size = shape[dim]
            guard k >= -size && k < size else {
                throw TensorError.index("index \(k) is out of bounds for dimension \(position) with size \(size)")
            }
            // Wrapping: only an empty tensor's strides can overflow, and it reads nothing.
            offset = offset &+ (k < 0 ? k + size : k) &* strides[dim]
            shape.remove(at: dim)
            strides.remove(at: dim)
            name = "SelectBackward0"
        }
        func unsqueeze() {
            let stride = dim < shape.count ? shape[dim] &* strides[dim] : 1
            shape.insert(1, at: dim)
            strides.insert(stride, at: dim)
        }
        for (position, entry) in indices.enumerated() {
            switch entry {
            case .int(let k):
                try select(k, position: position)
            case .slice(let start, let stop, let step):
                let step = step ?? 1
                if step == 0 { throw TensorError.value("slice step cannot be zero") }
                if step < 0 { throw TensorError.value("step must be greater than zero") }
                let size = shape[dim]
                let (s, e) = Tensor.clampedSlice(start: start, stop: stop, size: size)
                let length = e > s ? (e - s + step - 1) / step : 0
                // PyTorch skips full slices inside a tuple; a lone `x[:]` still slices.
                if indices.count == 1 || !(s == 0 && length == size && step == 1) {
                    offset = offset &+ s &* strides[dim]
                    shape[dim] = length
                    strides[dim] = strides[dim] &* step
                    name = "SliceBackward0"
                }
                dim += 1
            case .none:
                unsqueeze()
                name = "UnsqueezeBackward0"
                dim += 1
            case .ellipsis:
                dim += rank - specified
            case .tensor(let t):
                switch t.dtype {
                case .float32, .float64:
                    throw TensorError.index("tensors used as indices must be long, int, byte or bool tensors")
                case .int64 where t.rank == 0:
                    try select(Int(t.int64Pointer[0]), position: position)
                case .int64:
                    advanced.append((dim, t))
                    dim += 1
                case .bool where t.rank == 0:
                    // x[True] adds a dim of size 1 and keeps it (or none of it, for False).
                    unsqueeze()
                    let keep: [Int64] = t.boolPointer[0] != 0 ? [0] : []
                    advanced.append((dim, try Tensor(int64s: keep, shape: [keep.count])))
                    dim += 1
                case .bool:
                    for j in 0..<t.rank where dim + j >= shape.count || shape[dim + j] != t.shape[j] {
                        throw TensorError.index(
                            "The shape of the mask \(t.shape) at index \(j) does not match the shape of the "
                            + "indexed tensor \(shape) at index \(dim + j)")
                    }
                    for (j, column) in try Tensor.nonzeroColumns(t).enumerated() { advanced.append((dim + j, column)) }
                    dim += t.rank
                }
            }
        }
        return BasicIndexing(view: makeView(shape: shape, strides: strides, offset: offset),
                             advanced: advanced, viewName: name)
    }

    /// Python's slice bounds for a positive step: defaults, negatives counted from
    /// the end, then clamped to `0...size`.
    static func clampedSlice(start: Int?, stop: Int?, size: Int) -> (Int, Int) {
        func clamp(_ v: Int) -> Int { Swift.min(Swift.max(v < 0 ? v + size : v, 0), size) }
        return (start.map(clamp) ?? 0, stop.map(clamp) ?? size)
    }

    /// The coordinates of a mask's true elements, one int64 tensor per mask dim
    /// (what `mask.nonzero()` holds in its columns), in row-major order.
    static func nonzeroColumns(_ mask: Tensor) throws -> [Tensor] {
        let values = mask.boolValues()
        let strides = Tensor.contiguousStrides(mask.shape)
        var columns = [[Int64]](repeating: [], count: mask.rank)
        for (i, v) in values.enumerated() where v {
            for d in 0..<mask.rank { columns[d].append(Int64((i / strides[d]) % mask.shape[d])) }
        }
        return try columns.map { try Tensor(int64s: $0, shape: [$0.count]) }
    }

    /// Checks that `value` expands to `target`, with the text of PyTorch's `expand`.
    static func checkExpandable(_ value: Tensor, to target: [Int]) throws {
        guard value.rank <= target.count else {
            let typeName = "torch.\(value.scalarTypeName)Tensor"
            throw TensorError.runtime(
                "expand(\(typeName){\(value.shape)}, size=\(target)): the number of sizes provided "
                + "(\(target.count)) must be greater or equal to the number of dimensions in the tensor (\(value.rank))")
        }
        let lead = target.count - value.rank
        for (j, size) in value.shape.enumerated() where size != 1 && size != target[lead + j] {
            throw TensorError.runtime(
                "The expanded size of the tensor (\(target[lead + j])) must match the existing size (\(size)) at "
                + "non-singleton dimension \(lead + j).  Target sizes: \(target).  Tensor sizes: \(value.shape)")
        }
    }

    static func gatherElements<T>(_ source: UnsafeMutablePointer<T>, _ destination: UnsafeMutablePointer<T>,
                                  _ before: [Int], _ positions: [Int], _ after: [Int]) {
        var i = 0
        for x in before { for y in positions { for z in after { destination[i] = source[x + y + z]; i += 1 } } }
    }

    static func scatterElements<T>(_ source: UnsafeMutablePointer<T>, _ destination: UnsafeMutablePointer<T>,
                                   _ offsets: ([Int], [Int], [Int])) {
        var i = 0
        for x in offsets.0 { for y in offsets.1 { for z in offsets.2 { destination[x + y + z] = source[i]; i += 1 } } }
    }
}

/// The gather an advanced subscript performs on the view left by basic indexing.
struct AdvancedIndexing {
    /// View dims indexed by tensors, in order.
    let dims: [Int]
    /// Per indexed dim, the broadcast indices (wrapped to non-negative), row-major.
    let positions: [[Int]]
    /// Non-indexed dims placed before and after the index block in the result.
    let beforeDims: [Int], afterDims: [Int]
    let outputShape: [Int]

    init(view: Tensor, advanced: [(dim: Int, index: Tensor)]) throws {
        var indexShape: [Int] = []
        for (_, index) in advanced {
            guard let shape = try? Tensor.broadcastShapes(indexShape, index.shape) else {
                let shapes = advanced.map { "\($0.index.shape)" }.joined(separator: ", ")
                throw TensorError.index("shape mismatch: indexing tensors could not be broadcast together with shapes \(shapes)")
            }
            indexShape = shape
        }
        let indexedDims = advanced.map { $0.dim }
        dims = indexedDims
        var positions: [[Int]] = []
        for (j, (dim, index)) in advanced.enumerated() {
            let size = view.shape[dim]
            positions.append(try index.broadcastView(to: indexShape).int64Values().map { k in
                guard k >= -Int64(size) && k < Int64(size) else {
                    throw TensorError.index("index \(k) is out of bounds for dimension \(j) with size \(size)")
                }
                return Int(k < 0 ? k + Int64(size) : k)
            })
        }
        self.positions = positions
        let rest = (0..<view.rank).filter { !indexedDims.contains($0) }
        let adjacent = zip(indexedDims, indexedDims.dropFirst()).allSatisfy { $1 == $0 + 1 }
        if adjacent, let first = indexedDims.first {
            beforeDims = rest.filter { $0 < first }
            afterDims = rest.filter { $0 > first }
        } else {
            beforeDims = []
            afterDims = rest
        }
        outputShape = beforeDims.map { view.shape[$0] } + indexShape + afterDims.map { view.shape[$0] }
    }

    /// Element offsets in `v` (a tensor of the view's shape) of the before-block,
    /// the index block and the after-block; element (x, y, z) sits at their sum.
    func offsets(in v: Tensor) -> ([Int], [Int], [Int]) {
        func block(_ ds: [Int]) -> [Int] {
            v.makeView(shape: ds.map { v.shape[$0] }, strides: ds.map { v.strides[$0] }, offset: 0).elementOffsets()
        }
        let count = positions.first?.count ?? 0
        var index = [Int](repeating: 0, count: count)
        for (j, dim) in dims.enumerated() {
            let stride = v.strides[dim]
            for i in 0..<count { index[i] += positions[j][i] * stride }
        }
        return (block(beforeDims), index, block(afterDims))
    }
}
