// The random-number API beyond the torch vectors: error texts, state snapshots, draw
// counts, dropout autograd, the default generator and the nn.Linear init bounds.
import Foundation
import Testing
import Tensor

/// A generator seeded `seed` that has consumed `draws` words: the expected state after an op.
private func generatorAfter(seed: UInt64, draws: Int) -> Generator {
    let g = Generator(seed: seed)
    for _ in 0..<draws { _ = g.random() }
    return g
}

@Suite struct RandomEngineTests {
    @Test(arguments: [0, 1, 622, 623, 624, 625, 1247, 1248, 1249, 2000])
    func skipEqualsDiscardingDraws(count: Int) {
        for start in [0, 5, 623] {
            let skipped = generatorAfter(seed: 99, draws: start)
            skipped.skip(count)
            let drawn = generatorAfter(seed: 99, draws: start + count)
            #expect(skipped.getState() == drawn.getState(), "start \(start)")
            #expect((0..<3).map { _ in skipped.random() } == (0..<3).map { _ in drawn.random() })
        }
    }

    @Test func random64PutsTheFirstDrawInTheHighWord() {
        let a = Generator(seed: 123), b = Generator(seed: 123)
        let high = UInt64(b.random()), low = UInt64(b.random())
        #expect(a.random64() == high << 32 | low)
    }

    @Test func freshGeneratorUsesTorchDefaultSeed() {
        #expect(Generator().initialSeed == 67_280_421_310_721)
        #expect(Generator.defaultSeed == 67_280_421_310_721)
    }

    @Test func stateSnapshotRestoresTheStreamAndTheNormalCache() throws {
        let g = Generator(seed: 42)
        _ = try Tensor.randn([3], generator: g)      // leaves a cached normal
        let snapshot = g.getState()
        #expect(snapshot.nextDoubleNormal != nil)
        let first = try Tensor.randn([5], generator: g).floatValues()
        try g.setState(snapshot)
        #expect(try Tensor.randn([5], generator: g).floatValues() == first)
        let copy = g.copy()
        #expect(try Tensor.rand([4], generator: copy).floatValues() == Tensor.rand([4], generator: g).floatValues())
    }

    @Test func setStateRejectsAMalformedSnapshot() {
        var bad = Generator(seed: 1).getState()
        bad.words.removeLast()
        #expect(throws: TensorError.runtime("RNG state is wrong size")) { try Generator().setState(bad) }
    }

    @Test func torchSerializedStateMatchesGetRngState() throws {
        let fixture = try RNGFixture.load()
        let hex = fixture.state_after_seed5_randn1
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        let g = Generator(seed: 5)
        _ = try Tensor.randn([1], generator: g)
        #expect(g.getState().torchBytes == bytes)
        // Restoring torch's bytes continues torch's stream (rand(3) after it, from the fixture).
        let restored = Generator()
        let state = try #require(GeneratorState(torchBytes: bytes))
        try restored.setState(state)
        let expected = try #require(fixture.cases.first { $0.name.hasPrefix("torch: seed 5 randn(1) then rand(3)") })
        let want = expected.steps[1].expect?.values.compactMap { UInt32($0) }
        #expect(try Tensor.rand([3], generator: restored).floatValues().map(\.bitPattern) == want)
        #expect(GeneratorState(torchBytes: [0, 1, 2]) == nil)
    }

    /// The only test that touches the process-wide generator.
    @Test func defaultGeneratorIsTorchsGlobalOne() throws {
        Generator.manualSeed(0)
        #expect(Generator.default.initialSeed == 0)
        let values = try Tensor.rand([5]).floatValues().map(\.bitPattern)
        #expect(values == [0x3EFE_1558, 0x3F44_AA2F, 0x3DB5_33A8, 0x3E07_3300, 0x3E9D_6686])
        Generator.manualSeed(Int64(-1))
        #expect(Generator.default.initialSeed == UInt64.max)
    }
}

@Suite struct RandomDrawCountTests {
    /// (op, seed-0 draws it must consume).
    static let ops: [(String, Int, (Generator) throws -> Void)] = [
        ("randn(15) double path", 32, { g in _ = try Tensor.randn([15], generator: g) }),  // 8 pairs, 2 U53 each
        ("randn(16)", 16, { g in _ = try Tensor.randn([16], generator: g) }),
        ("randn(17)", 33, { g in _ = try Tensor.randn([17], generator: g) }),
        ("randn(100)", 116, { g in _ = try Tensor.randn([100], generator: g) }),
        ("rand(7)", 7, { g in _ = try Tensor.rand([7], generator: g) }),
        ("bernoulli_(0.5) x5", 10, { g in try Tensor(zeros: [5]).bernoulli_(0.5, generator: g) }),
        ("exponential_ x5", 10, { g in try Tensor(zeros: [5]).exponential_(1, generator: g) }),
        ("dropout x6", 12, { g in _ = try Tensor.dropout(Tensor(zeros: [6]), p: 0.2, generator: g) }),
        ("dropout eval", 0, { g in _ = try Tensor.dropout(Tensor(zeros: [6]), p: 0.2, training: false, generator: g) }),
        ("dropout p=1", 0, { g in _ = try Tensor.dropout(Tensor(zeros: [6]), p: 1, generator: g) }),
        ("randint below 2^28", 4, { g in _ = try Tensor.randint(high: (1 << 28) - 1, shape: [4], generator: g) }),
        ("randint at 2^28", 8, { g in _ = try Tensor.randint(high: 1 << 28, shape: [4], generator: g) }),
        ("randperm(1)", 0, { g in _ = try Tensor.randperm(1, generator: g) }),
        ("randperm(50)", 49, { g in _ = try Tensor.randperm(50, generator: g) }),
        ("multinomial [2,3]", 12, { g in
            _ = try Tensor.multinomial(Tensor(floats: [1, 2, 3, 4, 5, 6], shape: [2, 3]), numSamples: 1, generator: g)
        }),
        ("epochOrder", 4, { g in _ = try RandomSampler.epochOrder(n: 10, generator: g) }),
    ]

    @Test(arguments: 0..<ops.count)
    func consumesExactlyTheSpecifiedDraws(index: Int) throws {
        let (name, draws, op) = RandomDrawCountTests.ops[index]
        let g = Generator(seed: 0)
        try op(g)
        let expected = generatorAfter(seed: 0, draws: draws)
        #expect(g.random() == expected.random(), "\(name)")
    }
}

@Suite struct RandomErrorTests {
    static let cases: [(String, TensorError, () throws -> Void)] = [
        ("uniform_ reversed", .runtime("uniform_ expects to return a [from, to) range, but found from=3 > to=1"),
         { _ = try Tensor(zeros: [2]).uniform_(from: 3, to: 1, generator: Generator()) }),
        ("normal_ negative std", .runtime("normal expects std >= 0.0, but found std -1"),
         { _ = try Tensor(zeros: [2]).normal_(mean: 0, std: -1, generator: Generator()) }),
        ("normal_ on int64", .runtime("\"normal_kernel_cpu\" not implemented for 'Long'"),
         { _ = try Tensor(zeros: [2], dtype: .int64).normal_(generator: Generator()) }),
        ("uniform_ on int64", .runtime("\"check_uniform_bounds\" not implemented for 'Long'"),
         { _ = try Tensor(zeros: [2], dtype: .int64).uniform_(generator: Generator()) }),
        ("bernoulli_ p > 1", .runtime("bernoulli_ expects p to be in [0, 1], but got p=1.5"),
         { _ = try Tensor(zeros: [2]).bernoulli_(1.5, generator: Generator()) }),
        ("exponential_ negative", .runtime("exponential_ expects lambda > 0.0, but found lambda=-1"),
         { _ = try Tensor(zeros: [2]).exponential_(-1, generator: Generator()) }),
        ("dropout p > 1", .value("dropout probability has to be between 0 and 1, but got 1.5"),
         { _ = try Tensor.dropout(Tensor(zeros: [2]), p: 1.5, generator: Generator()) }),
        ("dropout on int64", .runtime("result type Float can't be cast to the desired output type Long"),
         { _ = try Tensor.dropout(Tensor(zeros: [2], dtype: .int64), p: 0.5, generator: Generator()) }),
        ("randint empty range", .runtime("random_ expects 'from' to be less than 'to', but got from=5 >= to=3"),
         { _ = try Tensor.randint(low: 5, high: 3, shape: [2], generator: Generator()) }),
        ("randint bool high", .runtime("to - 1 is out of bounds for bool"),
         { _ = try Tensor.randint(high: 3, shape: [2], dtype: .bool, generator: Generator()) }),
        ("random_ bool from", .runtime("from is out of bounds for bool"),
         { _ = try Tensor(zeros: [3], dtype: .bool).random_(from: -1, to: 1, generator: Generator()) }),
        ("random_ bool full range", .runtime("\"random_full_64_bits_range_kernel_cpu\" not implemented for 'Bool'"),
         { _ = try Tensor(zeros: [3], dtype: .bool).random_(from: Int64.min, to: nil, generator: Generator()) }),
        ("randperm negative", .runtime("Trying to create tensor with negative dimension -3: [-3]"),
         { _ = try Tensor.randperm(-3, generator: Generator()) }),
        ("randperm float too long", .runtime("n cannot be greater than 2^24+1 for Float type."),
         { _ = try Tensor.randperm((1 << 24) + 2, dtype: .float32, generator: Generator()) }),
        ("multinomial 0 samples", .runtime("cannot sample n_sample <= 0 samples"),
         { _ = try Tensor.multinomial(Tensor(floats: [0.1, 0.2], shape: [2]), numSamples: 0, generator: Generator()) }),
        ("multinomial too many", .runtime("cannot sample n_sample > prob_dist.size(-1) samples without replacement"),
         { _ = try Tensor.multinomial(Tensor(floats: [0.1, 0.2], shape: [2]), numSamples: 3, generator: Generator()) }),
        ("multinomial negative", .runtime("probability tensor contains either `inf`, `nan` or element < 0"),
         { _ = try Tensor.multinomial(Tensor(floats: [0.1, -0.2], shape: [2]), numSamples: 1, generator: Generator()) }),
        ("multinomial nan", .runtime("probability tensor contains either `inf`, `nan` or element < 0"),
         { _ = try Tensor.multinomial(Tensor(floats: [0.1, .nan], shape: [2]), numSamples: 1, generator: Generator()) }),
        ("multinomial zeros", .runtime("invalid multinomial distribution (sum of probabilities <= 0)"),
         { _ = try Tensor.multinomial(Tensor(floats: [1, 1, 0, 0], shape: [2, 2]), numSamples: 1, generator: Generator()) }),
        ("multinomial 3-D", .runtime("prob_dist must be 1 or 2 dim"),
         { _ = try Tensor.multinomial(Tensor(zeros: [2, 2, 2]), numSamples: 1, generator: Generator()) }),
        ("multinomial replacement negative", .runtime("invalid multinomial distribution (encountering probability entry < 0)"),
         { _ = try Tensor.multinomial(Tensor(floats: [0.5, -1], shape: [2]), numSamples: 3, replacement: true,
                                      generator: Generator()) }),
        ("multinomial replacement inf", .runtime(
            "invalid multinomial distribution (encountering probability entry = infinity or NaN)"),
         { _ = try Tensor.multinomial(Tensor(floats: [0.5, .infinity], shape: [2]), numSamples: 3, replacement: true,
                                      generator: Generator()) }),
        ("multinomial replacement zeros", .runtime("invalid multinomial distribution (sum of probabilities <= 0)"),
         { _ = try Tensor.multinomial(Tensor(floats: [0, 0], shape: [2]), numSamples: 3, replacement: true,
                                      generator: Generator()) }),
        ("bernoulli probs > 1", .runtime(
            "Expected p_in >= 0 && p_in <= 1 to be true, but got false.  (Could this error message be improved?  "
            + "If so, please report an enhancement request to PyTorch.)"),
         { _ = try Tensor.bernoulli(Tensor(floats: [0.5, 1.5], shape: [2]), generator: Generator()) }),
        ("bernoulli int64 probs", .runtime("\"bernoulli_tensor_cpu_p_\" not implemented for 'Long'"),
         { _ = try Tensor.bernoulli(Tensor(int64s: [1, 0], shape: [2]), generator: Generator()) }),
        ("multinomial int64", .runtime("multinomial only supports floating-point dtypes for input, got: Long"),
         { _ = try Tensor.multinomial(Tensor(int64s: [1, 2], shape: [2]), numSamples: 1, generator: Generator()) }),
    ]

    @Test(arguments: 0..<cases.count)
    func throwsPyTorchsMessage(index: Int) {
        let (name, error, body) = RandomErrorTests.cases[index]
        #expect(throws: error, "\(name)") { try body() }
    }
}

@Suite struct RandomLayerAndDropoutTests {
    @Test func linearBoundsMatchTorchInDoubles() {
        // RNG_SPEC.md §7: fan_in 768 gives 0x1.279a74590331cp-5 (weight), 0x1.279a74590331dp-5 (bias).
        let weight = LayerInit.kaimingUniformBound(fanIn: 768)
        let bias = LayerInit.biasBound(fanIn: 768)
        #expect(weight == 0x1.279a74590331cp-5)
        #expect(bias == 0x1.279a74590331dp-5)
        #expect(Float(weight).bitPattern == 0x3D13_CD3A && Float(bias).bitPattern == 0x3D13_CD3A)
        #expect(Float(weight) - Float(-weight) == Float(0.07216878235340118))
        #expect(Float(LayerInit.kaimingUniformBound(fanIn: 3072)).bitPattern == 0x3C93_CD3A)
        #expect(LayerInit.kaimingUniformBound(fanIn: 0) == 0 && LayerInit.biasBound(fanIn: 0) == 0)
    }

    @Test(arguments: [0.1, 0.5, 0.021])
    func dropoutKeepsWithFloat32Scale(p: Double) throws {
        let y = try Tensor.dropout(Tensor(floats: [Float](repeating: 1, count: 64), shape: [64]), p: p,
                                   generator: Generator(seed: 3))
        let scale = Float(1) / Float(1 - p)
        #expect(y.floatValues().allSatisfy { $0 == 0 || $0 == scale })
        #expect(y.floatValues().contains(scale))
        if p == 0.021 { #expect(scale != Float(1 / (1 - p))) }   // the spec's example of the difference
        if p == 0.1 { #expect(scale.bitPattern == 0x3F8E_38E4) }
    }

    @Test func dropoutRecordsMulBackwardAndScalesTheGradient() throws {
        let x = try Tensor(floats: [Float](repeating: 1, count: 8), shape: [2, 4])
        try x.setRequiresGrad(true)
        let y = try Tensor.dropout(x, p: 0.5, generator: Generator(seed: 0))
        #expect(y.gradFn?.name == "MulBackward0")
        try y.backward(gradient: Tensor(floats: [Float](repeating: 1, count: 8), shape: [2, 4]))
        #expect(x.grad?.floatValues() == y.floatValues())   // mask * scale, since x is ones
    }

    @Test func dropoutWithoutDrawsReturnsTheInputItself() throws {
        let x = try Tensor(floats: [1, 2, 3], shape: [3])
        try x.setRequiresGrad(true)
        #expect(try Tensor.dropout(x, p: 0, generator: Generator()) === x)
        #expect(try Tensor.dropout(x, p: 0.5, training: false, generator: Generator()) === x)
        let zeroed = try Tensor.dropout(x, p: 1, generator: Generator())
        #expect(zeroed.floatValues() == [0, 0, 0])
        #expect(zeroed.gradFn?.name == "MulBackward0")
        try zeroed.backward(gradient: Tensor(floats: [1, 1, 1], shape: [3]))
        #expect(x.grad?.floatValues() == [0, 0, 0])
    }

    @Test func emptyShapesDrawNothing() throws {
        let g = Generator(seed: 8)
        #expect(try Tensor.randn([0], generator: g).count == 0)
        #expect(try Tensor.rand([2, 0], generator: g).shape == [2, 0])
        #expect(try Tensor.multinomial(Tensor(zeros: [0, 4]), numSamples: 1, generator: g).shape == [0, 1])
        #expect(try Tensor.randperm(0, generator: g).shape == [0])
        #expect(g.random() == Generator(seed: 8).random())
    }

    @Test func multinomialInstanceMethodAndShapes() throws {
        let probs = try Tensor(floats: [0, 0, 1, 0, 1, 0, 0, 0], shape: [2, 4])
        let sample = try probs.multinomial(1, generator: Generator(seed: 1))
        #expect(sample.shape == [2, 1] && sample.dtype == .int64)
        #expect(sample.int64Values() == [2, 0])
        let all = try probs.multinomial(1, replacement: true, generator: Generator(seed: 1))
        #expect(all.int64Values() == [2, 0])
    }
}

/// Serialized: the tests flip the process-wide `RandomKernels.useAVX2`.
@Suite(.serialized) struct RandomKernelTests {
    /// The C AVX2 kernel (when this CPU has it) and the portable Swift lanes agree bit for bit.
    @Test(arguments: [16, 33, 1000, 4099])
    func portableNormalLanesMatchTheVectorKernel(count: Int) throws {
        func draw(_ vector: Bool) throws -> [UInt32] {
            let previous = RandomKernels.useAVX2
            RandomKernels.useAVX2 = vector
            defer { RandomKernels.useAVX2 = previous }
            let t = try Tensor(zeros: [count])
            try t.normal_(mean: 0.25, std: 1.5, generator: Generator(seed: UInt64(count)))
            return t.floatValues().map(\.bitPattern)
        }
        let portable = try draw(false)
        #expect(portable.count == count)
        if RandomKernels.avx2Available { #expect(try draw(true) == portable) }
    }

    /// Bounds a few ulp apart exercise the `value == to ? from` rule in both kernels.
    @Test(arguments: [(-0.3, 2.7), (0.25, 0.2500001), (100.0, 100.00002), (0, 1)])
    func portableUniformMatchesTheVectorKernel(bounds: (Double, Double)) throws {
        func draw(_ vector: Bool) throws -> [UInt32] {
            let previous = RandomKernels.useAVX2
            RandomKernels.useAVX2 = vector
            defer { RandomKernels.useAVX2 = previous }
            let t = try Tensor(zeros: [1003])
            try t.uniform_(from: bounds.0, to: bounds.1, generator: Generator(seed: 77))
            return t.floatValues().map(\.bitPattern)
        }
        let portable = try draw(false)
        #expect(portable.allSatisfy { Float(bitPattern: $0) < Float(bounds.1) })
        if RandomKernels.avx2Available { #expect(try draw(true) == portable) }
    }
}
