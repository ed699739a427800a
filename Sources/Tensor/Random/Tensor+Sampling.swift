// Sampling: torch.randperm (forward Fisher-Yates) and torch.multinomial (the exponential
// trick). RNG_SPEC.md §6 and §9b; text generation (chapter 5) and data shuffling.

extension Tensor {
    /// n at which `randperm` switches to the 64-bit inside-out shuffle: floor((2^32 - 1) / 20).
    static let randpermSmallLimit = 214_748_364

    /// `torch.randperm(n, dtype=)`: a random permutation of 0..<n (int64 or float32 values).
    ///
    /// n < 214748364: `for i in 0..<n-1 { z = random() mod (n-i); swap(r[i], r[i+z]) }`
    /// (n-1 draws). Larger n: `for i in 0..<n { z = random64() mod (i+1); r[i] = r[z]; r[z] = i }`.
    public static func randperm(_ n: Int, dtype: DType = .int64, generator: Generator = .default) throws -> Tensor {
        switch dtype {
        case .float32:
            guard n <= (1 << 24) + 1 else {
                throw TensorError.runtime("n cannot be greater than 2^24+1 for Float type.")
            }
        case .bool:
            throw TensorError.runtime("\"randperm\" not implemented for 'Bool'")
        case .float64:
            throw Tensor.float64Refusal
        case .int64:
            break
        }
        let permutation = try Tensor(zeros: [n], dtype: .int64)
        let r = permutation.int64Pointer
        if n < randpermSmallLimit {
            for i in 0..<n { r[i] = Int64(i) }
            let draws = max(n - 1, 0)
            generator.withWords(draws) { words in
                for i in 0..<draws {
                    let z = Int(words.next() % UInt32(n - i))
                    let swapped = r[i]
                    r[i] = r[i + z]
                    r[i + z] = swapped
                }
            }
        } else {
            generator.withWords(2 * n) { words in
                for i in 0..<n {
                    let z = Int(words.next64() % UInt64(i + 1))
                    r[i] = r[z]
                    r[z] = Int64(i)
                }
            }
        }
        return dtype == .int64 ? permutation : try permutation.copyData(as: dtype)
    }

    /// `torch.multinomial(probs, num_samples, replacement)` for 1-D `[V]` or 2-D `[B, V]`
    /// float32 weights (need not sum to 1). Returns int64 `[num_samples]` or `[B, num_samples]`.
    ///
    /// One sample (either replacement), or several without replacement:
    ///
    ///     q = empty_like(probs).exponential_(1)     (whole tensor, memory order; 2 draws each)
    ///     r = f32(probs / q)
    ///     one sample: argmax(r, -1)  (first maximum);   k samples: topk(r, k) indices
    ///
    /// Ties in topk (zero weights) come out in PyTorch's order (`TopKOrder`). Several
    /// samples with replacement walk a CDF instead (`multinomialWithReplacement`).
    public static func multinomial(_ probs: Tensor, numSamples: Int, replacement: Bool = false,
                                   generator: Generator = .default) throws -> Tensor {
        guard probs.rank == 1 || probs.rank == 2 else {
            throw TensorError.runtime("prob_dist must be 1 or 2 dim")
        }
        guard probs.dtype == .float32 else {
            throw TensorError.runtime(
                "multinomial only supports floating-point dtypes for input, got: \(probs.dtype.scalarTypeName)")
        }
        guard numSamples > 0 else { throw TensorError.runtime("cannot sample n_sample <= 0 samples") }
        let categories = probs.shape[probs.rank - 1]
        guard replacement || numSamples <= categories else {
            throw TensorError.runtime("cannot sample n_sample > prob_dist.size(-1) samples without replacement")
        }
        guard categories <= 1 << 24 else {
            throw TensorError.runtime("number of categories cannot exceed 2^24")
        }
        let rows = probs.rank == 1 ? 1 : probs.shape[0]
        let result = try Tensor(zeros: probs.rank == 1 ? [numSamples] : [rows, numSamples], dtype: .int64)
        if result.count == 0 { return result }
        let weights = probs.floatValues()
        if replacement && numSamples > 1 {
            try multinomialWithReplacement(weights, rows: rows, categories: categories, numSamples: numSamples,
                                           into: result.int64Pointer, generator: generator)
            return result
        }
        // Validity checks on the weights, as PyTorch makes them before drawing.
        for w in weights where !(w >= 0 && w < Float.infinity) {
            throw TensorError.runtime("probability tensor contains either `inf`, `nan` or element < 0")
        }
        for row in 0..<rows where !weights[(row * categories)..<((row + 1) * categories)].contains(where: { $0 > 0 }) {
            throw TensorError.runtime("invalid multinomial distribution (sum of probabilities <= 0)")
        }
        // q ~ Exp(1), laid out like probs (empty_like), so it is drawn in probs' memory order.
        let q = try probs.emptyLike()
        try q.exponential_(1, generator: generator)
        let exponentials = q.floatValues()
        let out = result.int64Pointer
        var ratios = [Float](repeating: 0, count: categories)
        for row in 0..<rows {
            let base = row * categories
            for i in 0..<categories { ratios[i] = weights[base + i] / exponentials[base + i] }
            if numSamples == 1 {
                out[row] = Int64(Tensor.firstArgmax(ratios))
            } else {
                let order = TopKOrder.largest(ratios, k: numSamples)
                for k in 0..<numSamples { out[row * numSamples + k] = Int64(order[k]) }
            }
        }
        return result
    }

    /// PyTorch's CPU kernel for several samples with replacement, row by row: a float32
    /// running sum as the CDF, divided by the total, the last entry forced to 1; then per
    /// sample one `U53()` (2 draws) and a binary search for the first entry `>= u`.
    static func multinomialWithReplacement(_ weights: [Float], rows: Int, categories: Int, numSamples: Int,
                                           into out: UnsafeMutablePointer<Int64>,
                                           generator: Generator) throws {
        var cumulative = [Float](repeating: 0, count: categories)
        for row in 0..<rows {
            var sum: Float = 0
            for j in 0..<categories {
                let w = weights[row * categories + j]
                guard w >= 0 else {
                    throw TensorError.runtime("invalid multinomial distribution (encountering probability entry < 0)")
                }
                guard w.isFinite else {
                    throw TensorError.runtime(
                        "invalid multinomial distribution (encountering probability entry = infinity or NaN)")
                }
                sum += w
                cumulative[j] = sum
            }
            guard sum > 0 else {
                throw TensorError.runtime("invalid multinomial distribution (sum of probabilities <= 0)")
            }
            for j in 0..<categories { cumulative[j] /= sum }
            cumulative[categories - 1] = 1
            generator.withWords(2 * numSamples) { words in
                for k in 0..<numSamples {
                    let u = words.uniformDouble()
                    var low = 0, high = categories
                    while high - low > 0 {
                        let mid = low + (high - low) / 2
                        if Double(cumulative[mid]) < u { low = mid + 1 } else { high = mid }
                    }
                    out[row * numSamples + k] = Int64(low)
                }
            }
        }
    }

    /// `tensor.multinomial(num_samples, replacement)`.
    public func multinomial(_ numSamples: Int, replacement: Bool = false,
                            generator: Generator = .default) throws -> Tensor {
        try Tensor.multinomial(self, numSamples: numSamples, replacement: replacement, generator: generator)
    }

    /// Index of the first maximum, NaN counting as the largest (`argmax`).
    static func firstArgmax(_ values: [Float]) -> Int {
        var best = 0
        for i in 1..<max(values.count, 1) where ranksBefore(values[i], i, values[best], best) {
            best = i
        }
        return best
    }

    /// Descending order with NaN first and ties by lower index.
    static func ranksBefore(_ x: Float, _ i: Int, _ y: Float, _ j: Int) -> Bool {
        if x.isNaN != y.isNaN { return x.isNaN }
        if x.isNaN || x == y { return i < j }
        return x > y
    }

    /// `empty_like(self)`: same strides when the layout is dense (a permutation of a
    /// contiguous one, as for a transpose), else contiguous. Zero-filled.
    func emptyLike(dtype newType: DType? = nil) throws -> Tensor {
        let type = newType ?? dtype
        let fresh = try Tensor(zeros: shape, dtype: type)
        if isContiguous || count == 0 { return fresh }
        let dims = (0..<rank).filter { shape[$0] != 1 }.sorted { strides[$0] < strides[$1] }
        var expected = 1
        for d in dims {
            if strides[d] != expected { return fresh }
            expected *= shape[d]
        }
        return fresh.makeView(shape: shape, strides: strides, offset: 0)
    }
}
