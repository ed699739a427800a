// `split`, `chunk`, `unbind` and `unique`, as `torch.f(t, ...)` and `t.f(...)`: the
// pieces nanoGPT's attention takes apart (`q, k, v = self.c_attn(x).split(n_embd, dim=2)`).
import Python
import Tensor

extension TensorOperation {
    /// The view of `t` along `dim` from `start` (length `length`): `t[:, ..., start:start+length]`,
    /// its backward node named `node` as PyTorch names it (`SplitBackward0`, ...).
    static func narrow(_ t: Tensor, dim: Int, start: Int, length: Int, node: String = "SplitBackward0") throws -> Tensor {
        let indices = Array(repeating: TensorIndex.slice(start: nil, stop: nil, step: nil), count: dim)
            + [.slice(start: start, stop: start + length, step: 1)]
        return try piece(t, indices, node: node)
    }

    /// MemoryError when `count` pieces (a tensor object each) could not be held: an empty
    /// tensor's dims may be 2**62 long (`torch.empty(0).reshape(0, 2**62, 2**62).unbind(1)`).
    static func checkPieceCount(_ count: Int) throws {
        if let refusal = Storage.refusal(bytes: Double(count) * 256) { throw PyException(BuiltinTypes.memoryError, refusal) }
    }

    /// `t[indices]` as a view whose gradient goes back into those positions of `t`.
    static func piece(_ t: Tensor, _ indices: [TensorIndex], node: String) throws -> Tensor {
        let view = try GradMode.withNoGrad { try t.index(indices) }
        return view.recordingGrad(node, inputs: [t]) { gradOut in
            let full = try Tensor.zeros(t.shape)
            try full.indexPut(indices, gradOut)
            return [full]
        }
    }

    /// `torch.flip(t, dims)`: a copy with the order reversed along each of `dims`.
    static func flip(_ t: Tensor, _ dims: [Int]) throws -> Tensor {
        var out = t
        try GradMode.withNoGrad {
            // An empty tensor has nothing to reverse (and its dims may be 2**62 long).
            for dim in dims where t.count > 0 {
                let d = try wrapDimension(dim, t.rank)
                let reversed = try Tensor(int64s: (0..<Int64(t.shape[d])).reversed(), shape: [t.shape[d]])
                out = try out.index(Array(repeating: .slice(start: nil, stop: nil, step: nil), count: d) + [.tensor(reversed)])
            }
        }
        if dims.isEmpty || t.count == 0 { out = try t.clone().detach() }
        return out.recordingGrad("FlipBackward0", inputs: [t]) { gradOut in [try flip(gradOut, dims)] }
    }

    /// `dim` wrapped into `0..<rank`, or PyTorch's IndexError.
    static func wrapDimension(_ dim: Int, _ rank: Int) throws -> Int {
        let r = max(rank, 1)
        guard dim >= -r && dim < r else {
            throw PyException.indexError("Dimension out of range (expected to be in range of [\(-r), \(r - 1)], but got \(dim))")
        }
        return dim < 0 ? dim + r : dim
    }

    /// `t.split(split_size_or_sections, dim=0)`: equal pieces of `size` (the last may be
    /// shorter), or pieces of the listed sizes.
    static func split(_ t: Tensor, _ sizes: Value, dim: Int) throws -> Value {
        guard t.rank > 0 else { throw PyException.runtimeError("split expects at least a 1-dimensional tensor") }
        let d = try wrapDimension(dim, t.rank)
        let length = t.shape[d]
        var pieces: [Int] = []
        if let size = try indexValue(sizes) {
            if size < 0 { throw PyException.runtimeError("split expects split_size be non-negative, but got split_size=\(size)") }
            if size == 0 {
                guard length == 0 else {
                    throw PyException.runtimeError("split_size can only be 0 if dimension size is 0, but got dimension size of \(length)")
                }
                pieces = [0]
            } else {
                try checkPieceCount(length / size + 1)
                var start = 0
                repeat { pieces.append(min(size, length - start)); start = start &+ size } while start < length && start > 0
            }
        } else {
            pieces = try iterateToArray(sizes).map { try $0.asInt("split_size") }
            guard pieces.reduce(0, +) == length, pieces.allSatisfy({ $0 >= 0 }) else {
                throw PyException.runtimeError(
                    "split_with_sizes expects split_sizes to sum exactly to \(length) (input tensor's size at dimension \(d)), but got split_sizes=\(pieces)")
            }
        }
        var start = 0
        var out: [Value] = []
        let node = try indexValue(sizes) == nil ? "SplitWithSizesBackward0" : "SplitBackward0"
        for size in pieces {
            out.append(.tensor(try narrow(t, dim: d, start: start, length: size, node: node)))
            start += size
        }
        return .tuple(out)
    }

    /// `t.chunk(chunks, dim=0)`: `split(ceil(size / chunks))`.
    static func chunk(_ t: Tensor, _ chunks: Int, dim: Int) throws -> Value {
        guard t.rank > 0 else { throw PyException.runtimeError("chunk expects at least a 1-dimensional tensor") }
        guard chunks > 0 else { throw PyException.runtimeError("chunk expects `chunks` to be greater than 0, got: \(chunks)") }
        let d = try wrapDimension(dim, t.rank)
        let length = t.shape[d]
        let size = length / chunks + (length % chunks == 0 ? 0 : 1)
        if size == 0 {
            try checkPieceCount(chunks)
            return .tuple(try (0..<chunks).map { _ in .tensor(try narrow(t, dim: d, start: 0, length: 0)) })
        }
        return try split(t, .int(size), dim: d)
    }

    /// `t.unbind(dim=0)`: the slices along `dim`, that dimension removed.
    static func unbind(_ t: Tensor, dim: Int) throws -> Value {
        guard t.rank > 0 else { throw PyException.indexError("Dimension specified as 0 but tensor has no dimensions") }
        let d = try wrapDimension(dim, t.rank)
        let lead = Array(repeating: TensorIndex.slice(start: nil, stop: nil, step: nil), count: d)
        try checkPieceCount(t.shape[d])
        return .tuple(try (0..<t.shape[d]).map { .tensor(try piece(t, lead + [.int($0)], node: "UnbindBackward0")) })
    }

    /// `torch.unique(t, sorted=True, return_inverse=False, return_counts=False)`: the distinct
    /// values in ascending order, and optionally where each element went and how many there were.
    static func unique(_ t: Tensor, inverse: Bool, counts: Bool) throws -> Value {
        let n = t.count
        var keys: [Double] = []
        switch t.dtype {
        case .float32: keys = t.floatValues().map(Double.init)
        case .int64: keys = t.int64Values().map(Double.init)
        case .bool: keys = t.boolValues().map { $0 ? 1 : 0 }
        case .float64: keys = t.doubleValues()
        }
        let order = (0..<n).sorted { keys[$0] < keys[$1] || (keys[$0] == keys[$1] && $0 < $1) }
        var distinct: [Int] = []   // positions of the first of each run
        var inverseIndex = [Int64](repeating: 0, count: n)
        var tally: [Int64] = []
        for position in order {
            if let last = distinct.last, keys[last] == keys[position] {
                tally[tally.count - 1] += 1
            } else {
                distinct.append(position)
                tally.append(1)
            }
            inverseIndex[position] = Int64(distinct.count - 1)
        }
        let flat = try t.reshape([-1])
        let values = try flat.index([.tensor(try Tensor(int64s: distinct.map(Int64.init), shape: [distinct.count]))]).detach()
        var out: [Value] = [.tensor(values)]
        if inverse { out.append(.tensor(try Tensor(int64s: inverseIndex, shape: t.shape))) }
        if counts { out.append(.tensor(try Tensor(int64s: tally, shape: [tally.count]))) }
        return out.count == 1 ? out[0] : .tuple(out)
    }

    /// The operations of this file, registered with `shared`.
    static let splitting: [TensorOperation] = [
        TensorOperation("split", "split_size_or_sections, dim=0") { t, args in
            try split(t, args["split_size_or_sections"], dim: args.int("dim"))
        },
        TensorOperation("chunk", "chunks, dim=0") { t, args in try chunk(t, args.int("chunks"), dim: args.int("dim")) },
        TensorOperation("flip", "dims") { t, args in
            .tensor(try flip(t, try TensorConversion.dims(args["dims"]) ?? []))
        },
        TensorOperation("unbind", "dim=0") { t, args in try unbind(t, dim: args.int("dim")) },
        TensorOperation("unique", "sorted=True, return_inverse=False, return_counts=False, dim=None") { t, args in
            guard args.isNone("dim") else { throw PyException.notImplemented("unique(dim=...) is not supported by the workbench") }
            return try unique(t, inverse: args.bool("return_inverse"), counts: args.bool("return_counts"))
        },
    ]
}
