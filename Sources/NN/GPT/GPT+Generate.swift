// Text generation with the fast GPT: prefill the prompt into the KV cache, then
// decode a token at a time (chapter 5's generate(): greedy, temperature, top-k).

import Foundation
import Tensor

/// How the next token is chosen from the last position's logits.
public enum GPTSampling {
    /// `argmax` (the first largest logit), as `generate_text_simple`.
    case greedy
    /// The book's `generate(..., temperature, top_k)`: logits outside the top k (all kept when
    /// nil) become -inf; temperature 0 takes the argmax, otherwise softmax(logits / temperature)
    /// is sampled by inverse CDF with `uniform()` in [0, 1).
    case sample(temperature: Float, topK: Int?, uniform: () -> Double)
}

extension GPTModel {
    /// Continues `prompt` by `maxNewTokens` tokens; returns prompt + new tokens.
    ///
    /// With `useCache` the prompt (its last `contextLength` tokens) is run once and every new
    /// token adds one row of keys/values per layer; when the context is full the window
    /// slides (the last `contextLength` tokens are run again, positions from 0), exactly what
    /// recomputing `idx[:, -context_size:]` each step gives. Without the cache every step
    /// recomputes the window (the reference the cache is tested against).
    public func generate(prompt: [Int], maxNewTokens: Int, sampling: GPTSampling = .greedy,
                         useCache: Bool = true) throws -> [Int] {
        guard !prompt.isEmpty else { throw TensorError.value("generate needs at least one prompt token") }
        guard maxNewTokens >= 0 else { throw TensorError.value("max_new_tokens must be >= 0, got \(maxNewTokens)") }
        if let bad = prompt.first(where: { $0 < 0 || $0 >= config.vocabSize }) {
            throw TensorError.index("index out of range in self (token id \(bad), vocabulary \(config.vocabSize))")
        }
        if case .sample(let temperature, let topK, _) = sampling {
            guard temperature >= 0, temperature.isFinite else { throw TensorError.value("temperature must be >= 0, got \(temperature)") }
            if let topK, !(1...config.vocabSize).contains(topK) { throw TensorError.runtime("selected index k out of range") }
        }
        var tokens = prompt
        tokens.reserveCapacity(prompt.count + maxNewTokens)
        guard maxNewTokens > 0 else { return tokens }
        let context = config.contextLength
        let cache = try makeKVCache(batch: 1, capacity: context)
        func runWindow() throws -> UnsafeMutablePointer<Float> {
            cache.reset()
            let start = max(0, tokens.count - context)
            for i in start..<tokens.count { cache.ids[i - start] = Int32(tokens[i]) }
            return try runCached(cache, newTokens: tokens.count - start, allPositions: false)
        }
        var logits = try runWindow()
        for step in 0..<maxNewTokens {
            let next = nextToken(logits, sampling: sampling, scratch: cache.probabilities)
            tokens.append(next)
            if step == maxNewTokens - 1 { break }
            if !useCache || cache.length == context {
                logits = try runWindow()
            } else {
                cache.ids[0] = Int32(next)
                logits = try runCached(cache, newTokens: 1, allPositions: false)
            }
        }
        return tokens
    }

    /// Picks a token from logits [V]; `scratch` [V] holds the top-k copy and the weights.
    func nextToken(_ logits: UnsafePointer<Float>, sampling: GPTSampling, scratch: UnsafeMutablePointer<Float>) -> Int {
        let V = config.vocabSize
        guard case .sample(let temperature, let topK, let uniform) = sampling else { return GPTModel.argmax(logits, V) }
        var threshold = -Float.infinity
        if let topK, topK < V {
            scratch.update(from: logits, count: V)
            threshold = GPTModel.kthLargest(scratch, V, topK)
        }
        // masking below the threshold never moves the argmax
        if temperature == 0 { return GPTModel.argmax(logits, V) }
        var maximum = -Float.infinity
        for j in 0..<V where logits[j] >= threshold { maximum = max(maximum, logits[j]) }
        var sum: Double = 0
        for j in 0..<V {
            let w: Float = logits[j] >= threshold ? expf((logits[j] - maximum) / temperature) : 0
            scratch[j] = w
            sum += Double(w)
        }
        let target = uniform() * sum
        var cumulative: Double = 0
        var last = 0
        for j in 0..<V where scratch[j] > 0 {
            cumulative += Double(scratch[j])
            last = j
            if cumulative > target { return j }
        }
        return last
    }

    /// The index of the first largest value of `values[0..<count]`.
    static func argmax(_ values: UnsafePointer<Float>, _ count: Int) -> Int {
        var best = 0
        for j in 1..<max(count, 1) where values[j] > values[best] { best = j }
        return best
    }

    /// The k-th largest of `values[0..<count]` (1 <= k <= count), by Hoare selection (reorders them).
    static func kthLargest(_ values: UnsafeMutablePointer<Float>, _ count: Int, _ k: Int) -> Float {
        let target = k - 1
        var low = 0, high = count - 1
        while low < high {
            let pivot = values[(low + high) / 2]
            var i = low, j = high
            while i <= j {
                while values[i] > pivot { i += 1 }
                while values[j] < pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if target <= j { high = j } else if target >= i { low = i } else { return values[target] }
        }
        return values[target]
    }
}

extension UnsafeMutablePointer where Pointee == Float {
    fileprivate func swapAt(_ i: Int, _ j: Int) { let t = self[i]; self[i] = self[j]; self[j] = t }
}
