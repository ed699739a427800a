// The random draws of `DataLoader(dataset, batch_size, shuffle=True)`: the base-seed draw
// of every iter(loader), RandomSampler's seeded private generator and randperm.
// RNG_SPEC.md §9c; pretraining data loading (book chapter 2.6 and 5).

/// How `torch.utils.data.DataLoader` (num_workers=0, map-style dataset) consumes random
/// numbers, as pure functions a DataLoader implementation calls at the right moments.
///
/// With `generator=None` (the global generator `g`), each pass `for batch in loader` is:
/// 1. `iter(loader)`: `baseSeed(g)`: 2 draws, even with shuffle=False.
/// 2. first `next()`, shuffling: `order(n:, generator: g)`: 2 more draws from `g` for a
///    seed, then `randperm(n)` on a private generator seeded with it (the trailing
///    `randperm(n)[:0]` also runs on that private generator, so it changes nothing).
/// With `DataLoader(generator=lg)`: `baseSeed(lg)`, then `order(n:, loaderGenerator: lg)`
/// (randperm on `lg` itself), then `finishEpoch(n:, loaderGenerator: lg)` when the sampler
/// is exhausted. `epochOrder` does a whole global-generator pass in one call.
public enum RandomSampler {
    /// `_base_seed` of `_BaseDataLoaderIter`: `random64() mod 2^63` (2 draws).
    @discardableResult
    public static func baseSeed(_ generator: Generator = .default) -> Int64 {
        Int64(bitPattern: generator.random64() & 0x7FFF_FFFF_FFFF_FFFF)
    }

    /// `RandomSampler.__iter__` with `generator=None`: the order of one epoch.
    /// Draws `seed = random64() mod 2^63` from `generator`, then
    /// `randperm(n, generator=Generator().manual_seed(seed))`.
    public static func order(n: Int, generator: Generator = .default) throws -> [Int] {
        let seed = UInt64(bitPattern: baseSeed(generator))
        let local = Generator(seed: seed)
        return try Tensor.randperm(n, generator: local).int64Values().map { Int($0) }
    }

    /// `RandomSampler.__iter__` with the loader's own generator: `randperm(n)` on it.
    public static func order(n: Int, loaderGenerator: Generator) throws -> [Int] {
        try Tensor.randperm(n, generator: loaderGenerator).int64Values().map { Int($0) }
    }

    /// The trailing `randperm(n)[:0]` RandomSampler evaluates when an epoch ends: with the
    /// loader's own generator it costs n-1 more draws.
    public static func finishEpoch(n: Int, loaderGenerator: Generator) throws {
        _ = try Tensor.randperm(n, generator: loaderGenerator)
    }

    /// One full shuffled pass over the global generator (steps 1 and 2): 4 draws from
    /// `generator`. Returns the sample order; batches are consecutive slices of it.
    public static func epochOrder(n: Int, generator: Generator = .default) throws -> [Int] {
        baseSeed(generator)
        return try order(n: n, generator: generator)
    }
}
