// More ops reference code calls, as `torch.f(t, ...)` and `t.f(...)`: `nonzero` (the book's
// instruction-data collate masks padding with it), `isin`, `cumsum` (top-p sampling),
// `round`, `repeat`, `logsumexp`. Values follow ATen's kernels (cumsum accumulates in double).
import Foundation
import Python
import Tensor

extension TensorOperation {
    /// `nonzero(t)`: the int64 coordinates [n, rank] of the non-zero elements, in row-major order.
    static func nonzeroCoordinates(_ t: Tensor) throws -> [[Int64]] {
        let flags: [Bool]
        switch t.dtype {
        case .float32: flags = t.floatValues().map { $0 != 0 }
        case .int64: flags = t.int64Values().map { $0 != 0 }
        case .bool: flags = t.boolValues()
        case .float64: flags = t.doubleValues().map { $0 != 0 }
        }
        var result: [[Int64]] = []
        for (flat, on) in flags.enumerated() where on {
            var rest = flat
            var coordinate = [Int64](repeating: 0, count: t.rank)
            for d in stride(from: t.rank - 1, through: 0, by: -1) {
                coordinate[d] = Int64(rest % t.shape[d])
                rest /= t.shape[d]
            }
            result.append(coordinate)
        }
        return result
    }

    static func nonzero(_ t: Tensor, asTuple: Bool) throws -> Value {
        let coordinates = try nonzeroCoordinates(t)
        if asTuple {
            if t.rank == 0 { return .tuple([.tensor(try Tensor(int64s: coordinates.isEmpty ? [] : [0], shape: [coordinates.count]))]) }
            return .tuple(try (0..<t.rank).map { d in .tensor(try Tensor(int64s: coordinates.map { $0[d] }, shape: [coordinates.count])) })
        }
        return .tensor(try Tensor(int64s: coordinates.flatMap { $0 }, shape: [coordinates.count, t.rank]))
    }

    /// `cumsum(t, dim)`: running sums along `dim`, accumulated in double for float32 (ATen's acc type).
    static func cumsum(_ t: Tensor, dim: Int) throws -> Tensor {
        let d = try wrapDimension(dim, t.rank)
        let shape = t.shape
        if t.count == 0 { return try t.clone() }
        let inner = shape.dropFirst(d + 1).reduce(1, *), length = t.rank == 0 ? 1 : shape[d]
        let outer = t.count / max(inner * length, 1)
        func scan<T>(_ values: [T], _ zero: T, _ add: (T, T) -> T) -> [T] {
            var out = values
            for o in 0..<outer {
                for i in 0..<inner {
                    var running = zero
                    for k in 0..<length {
                        let index = (o * length + k) * inner + i
                        running = add(running, values[index])
                        out[index] = running
                    }
                }
            }
            return out
        }
        let result: Tensor
        switch t.dtype {
        case .float32:
            let sums = scan(t.floatValues().map(Double.init), 0.0, +)
            result = try Tensor(floats: sums.map { Float($0) }, shape: shape)
        case .int64, .bool:
            result = try Tensor(int64s: scan(try t.long().int64Values(), 0, &+), shape: shape)
        case .float64:
            result = try Tensor(doubles: scan(t.doubleValues(), 0.0, +), shape: shape)
        }
        return result.recordingGrad("CumsumBackward0", inputs: [t]) { gradOut in
            [try flip(cumsum(flip(gradOut, [d]), dim: d), [d])]
        }
    }

    /// `repeat(*sizes)`: tiles `t`; as `[1, d0, 1, d1] -> expand [r0, d0, r1, d1] -> reshape`.
    static func repeatTiles(_ t: Tensor, _ sizes: [Int]) throws -> Tensor {
        guard sizes.count >= t.rank else {
            throw PyException.runtimeError("Number of dimensions of repeat dims can not be smaller than number of dimensions of tensor")
        }
        let shape = Array(repeating: 1, count: sizes.count - t.rank) + t.shape
        // The result's sizes wrap as int64 in PyTorch; a wrapped size is refused in its words,
        // and the result is checked as a new tensor before any view of it is made.
        let target = zip(sizes, shape).map { $0 &* $1 }
        if let bad = target.first(where: { $0 < 0 }), sizes.allSatisfy({ $0 >= 0 }) {
            throw PyException.runtimeError("IntArrayRef contains an int that cannot be represented as a SymInt: \(bad)")
        }
        _ = try Tensor.storageBytes(target, itemSize: t.dtype.itemSize)
        if Tensor.elementCount(target) == 0 { return try Tensor.zeros(target, dtype: t.dtype) }
        var interleaved: [Int] = [], expanded: [Int] = []
        for (r, d) in zip(sizes, shape) { interleaved += [1, d]; expanded += [r, d] }
        let out = try t.reshape(interleaved).expand(expanded).reshape(target)
        return try out.contiguous()
    }

    /// `logsumexp(t, dim, keepdim)`: `log(sum(exp(t - m))) + m` with `m = amax` (infinite m taken as 0).
    static func logsumexp(_ t: Tensor, dims: [Int], keepdim: Bool) throws -> Tensor {
        let source = t.dtype == .float32 ? t : try t.float()
        let maxes = try GradMode.withNoGrad { try source.amax(dims: dims, keepdim: true) }
        _ = try maxes.maskedFill_(try maxes.abs().eq(.float(.infinity)), .float(0))
        var out = try source.sub(maxes).exp().sum(dims: dims, keepdim: true).log().add(maxes)
        if !keepdim {
            for d in dims.map({ $0 < 0 ? $0 + t.rank : $0 }).sorted(by: >) { out = try out.squeeze(d) }
        }
        return out
    }

    static let searching: [TensorOperation] = [
        TensorOperation("nonzero", "*, as_tuple=False") { t, args in try nonzero(t, asTuple: args.bool("as_tuple")) },
        TensorOperation("isin", "test_elements, *, assume_unique=False, invert=False") { t, args in
            let test: [Double]
            if let other = args["test_elements"].tensorValue { test = try other.float().floatValues().map(Double.init) }
            else if let s = TensorSlots.scalar(args["test_elements"]) { test = [s.doubleValue] }
            else { throw PyException.typeError("isin(): argument 'test_elements' must be Tensor or Number") }
            let lookup = Set(test), invert = try args.bool("invert")
            let values: [Double] = t.dtype == .int64 ? t.int64Values().map(Double.init) : try t.float().floatValues().map(Double.init)
            return .tensor(try Tensor(bools: values.map { lookup.contains($0) != invert }, shape: t.shape))
        },
        TensorOperation("cumsum", "dim, *, dtype=None") { t, args in
            var input = t
            if let d = try TensorConversion.dtype(args["dtype"]) { input = try t.to(d) }
            return .tensor(try cumsum(input, dim: args.int("dim")))
        },
        TensorOperation("round", "*, decimals=0") { t, args in
            guard t.dtype == .float32 else { return .tensor(t) }
            let scale = pow(10.0, Double(try args.int("decimals")))
            let values = t.floatValues().map { scale == 1 ? $0.rounded(.toNearestOrEven) : Float((Double($0) * scale).rounded(.toNearestOrEven) / scale) }
            return .tensor(try Tensor(floats: values, shape: t.shape))
        },
        TensorOperation("repeat", "*sizes") { t, args in .tensor(try repeatTiles(t, args.intList("sizes"))) },
        TensorOperation("logsumexp", "dim, keepdim=False") { t, args in
            .tensor(try logsumexp(t, dims: TensorConversion.dims(args["dim"]) ?? [], keepdim: args.bool("keepdim")))
        },
    ]
}
