// Integer draws on tensors: random_(), random_(from, to) and torch.randint, with PyTorch's
// bound adjustments for float dtypes and its 1-or-2-draw switch. RNG_SPEC.md §9a.

extension Tensor {
    /// `tensor.random_()` without bounds (memory order):
    /// int64 `random64() mod 2^63` (2 draws), float32 `random() mod (2^24 + 1)`,
    /// bool `random() mod 2` (1 draw each).
    @discardableResult
    public func random_(generator: Generator = .default) throws -> Tensor {
        switch dtype {
        case .int64:
            fillIntegers(generator, wordsEach: 2) { Int64(bitPattern: $0.next64() & 0x7FFF_FFFF_FFFF_FFFF) }
        case .float32:
            fillIntegers(generator, wordsEach: 1) { Int64($0.next() % ((1 << 24) + 1)) }
        case .bool:
            fillIntegers(generator, wordsEach: 1) { Int64($0.next() % 2) }
        case .float64:
            throw Tensor.float64Refusal
        }
        return self
    }

    /// `tensor.random_(to)`: `random_(0, to)`.
    @discardableResult
    public func random_(to: Int64, generator: Generator = .default) throws -> Tensor {
        try random_(from: 0, to: to, generator: generator)
    }

    /// `tensor.random_(from, to)`: integers in [from, to) (`to == nil`: up to the dtype's
    /// maximum, 2^24 for float32; `from == Int64.min, to == nil`: the full 64-bit range).
    ///
    ///     v = range >= 2^28 ? random64() : random()      (uint64)
    ///     out = cast(int64((v mod range) + from))         (wrapping, no rejection)
    ///
    /// For float32 the bounds are first pulled inward to values float32 can hold
    /// (`update_from` / `update_to`), which changes nothing while |bound| <= 2^24.
    @discardableResult
    public func random_(from: Int64, to: Int64?, generator: Generator = .default) throws -> Tensor {
        var from = from
        let range: UInt64
        if let to {
            guard from < to else {
                throw TensorError.runtime(
                    "random_ expects 'from' to be less than 'to', but got from=\(from) >= to=\(to)")
            }
            var to = to
            switch dtype {
            case .float32:
                from = Tensor.floatUpdateFrom(from)
                to = Tensor.floatUpdateTo(to)
                guard from < to else {
                    throw TensorError.runtime(
                        "random_ expects 'from' casted to dtype to be less than 'to' casted to dtype, "
                        + "but got from=\(from) >= to=\(to)")
                }
            case .bool:
                try Tensor.checkBoolBound(from, "from")
                try Tensor.checkBoolBound(to &- 1, "to - 1")
            case .int64:
                break
            case .float64:
                throw Tensor.float64Refusal
            }
            range = UInt64(bitPattern: to &- from)
        } else if from != Int64.min {
            let toInclusive: Int64
            switch dtype {
            case .float32:
                toInclusive = 1 << 24
                from = Tensor.floatUpdateFrom(from)
            case .int64:
                toInclusive = Int64.max
            case .bool:
                try Tensor.checkBoolBound(from, "from")
                toInclusive = 1
            case .float64:
                throw Tensor.float64Refusal
            }
            guard from <= toInclusive else {
                throw TensorError.runtime(
                    "random_ expects 'from' casted to dtype to be less than or equal to 'to_inc' casted to "
                    + "dtype, but got from=\(from) > to_inc=\(toInclusive)")
            }
            range = UInt64(bitPattern: toInclusive &- from) &+ 1
        } else {
            // The full 64-bit path: int64(random64()), two's complement.
            guard dtype != .bool else {
                throw TensorError.runtime("\"random_full_64_bits_range_kernel_cpu\" not implemented for 'Bool'")
            }
            fillIntegers(generator, wordsEach: 2) { Int64(bitPattern: $0.next64()) }
            return self
        }
        let base = UInt64(bitPattern: from)
        if range >= 1 << 28 {
            fillIntegers(generator, wordsEach: 2) { Int64(bitPattern: $0.next64() % range &+ base) }
        } else {
            fillIntegers(generator, wordsEach: 1) { Int64(bitPattern: UInt64($0.next()) % range &+ base) }
        }
        return self
    }

    /// `torch.randint(low, high, size, dtype=)`: `empty(size).random_(low, high)`.
    public static func randint(low: Int64 = 0, high: Int64, shape: [Int], dtype: DType = .int64,
                               generator: Generator = .default) throws -> Tensor {
        let out = try Tensor(zeros: shape, dtype: dtype)
        try out.random_(from: low, to: high, generator: generator)
        return out
    }

    // MARK: helpers

    /// Writes `next(words)` (an int64, cast to the dtype) to every element in memory order,
    /// each element taking `wordsEach` draws. float32 takes the nearest float in one
    /// rounding; bool is `value != 0`.
    @inline(__always)
    func fillIntegers(_ generator: Generator, wordsEach: Int, _ next: (inout WordReader) -> Int64) {
        let offsets = iterationOffsets()
        let n = count
        generator.withWords(wordsEach * n) { words in
            switch dtype {
            case .int64:
                let d = int64Pointer
                if let offsets {
                    for o in offsets { d[o] = next(&words) }
                } else {
                    for i in 0..<n { d[i] = next(&words) }
                }
            case .float32:
                let d = floatPointer
                if let offsets {
                    for o in offsets { d[o] = Float(next(&words)) }
                } else {
                    for i in 0..<n { d[i] = Float(next(&words)) }
                }
            case .bool:
                let d = boolPointer
                if let offsets {
                    for o in offsets { d[o] = next(&words) != 0 ? 1 : 0 }
                } else {
                    for i in 0..<n { d[i] = next(&words) != 0 ? 1 : 0 }
                }
            case .float64:
                let d = doublePointer
                if let offsets {
                    for o in offsets { d[o] = Double(next(&words)) }
                } else {
                    for i in 0..<n { d[i] = Double(next(&words)) }
                }
            }
        }
    }

    /// `static_cast<int64_t>(static_cast<float>(x))` as x86-64 computes it
    /// (out-of-range results become Int64.min, the `cvttss2si` indefinite value).
    static func roundTripThroughFloat(_ x: Int64) -> Int64 {
        let f = Float(x)
        return f >= 0x1p63 || f < -0x1p63 ? Int64.min : Int64(f)
    }

    /// `floor(log2(|x|))` as torch computes it (shift count), 0 for |x| <= 1.
    static func floorLog2Magnitude(_ x: Int64) -> Int64 {
        let magnitude = x.magnitude
        return magnitude == 0 ? 0 : Int64(63 - magnitude.leadingZeroBitCount)
    }

    /// `update_to<float>`: pulls `to` down so that `to - 1` survives the cast to float32.
    static func floatUpdateTo(_ to: Int64) -> Int64 {
        let toMinus1 = roundTripThroughFloat(to &- 1)
        guard toMinus1 >= to else { return to }
        let n = floorLog2Magnitude(to &- 1)
        return toMinus1 &- (1 << (n - 24 + 1))
    }

    /// `update_from<float>`: pulls `from` up so that `from + 1` survives the cast to float32.
    static func floatUpdateFrom(_ from: Int64) -> Int64 {
        let fromPlus1 = roundTripThroughFloat(from &+ 1)
        guard fromPlus1 < from else { return from }
        let n = floorLog2Magnitude(from &+ 1)
        return fromPlus1 &+ (1 << (n - 24 + 1))
    }

    static func checkBoolBound(_ value: Int64, _ name: String) throws {
        guard value == 0 || value == 1 else {
            throw TensorError.runtime("\(name) is out of bounds for bool")
        }
    }
}
