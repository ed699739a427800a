// GELU (tanh) through the SIMD kernel (ExactRowKernels.geluTanh, exact_tanh.c) against torch:
// Fixtures/gelu_tanh_chunks.json (made by Tests/Fixtures/make_gelu_tanh_chunk_fixtures.py)
// says which outputs torch makes with its vector formula and which with its scalar tails.
import Foundation
import Testing
import Tensor

private struct ChunkCase: Decodable {
    let n, threads: Int
    let scalar_ranges: [[Int]]
}

private struct ChunkFile: Decodable {
    let pool, vector, scalar: [UInt32]
    let cases: [ChunkCase]
}

private let chunkFile: ChunkFile? = {
    guard let url = Bundle.module.url(forResource: "gelu_tanh_chunks", withExtension: "json", subdirectory: "Fixtures"),
          let data = try? Data(contentsOf: url) else { return nil }
    return try? JSONDecoder().decode(ChunkFile.self, from: data)
}()

@Suite struct GeluExactTanhKernelTests {
    /// Inputs that tile the pool; each output must be torch's vector or scalar result for
    /// its value, as torch chose (the fixture came from torch's AVX-512 kernels: 32 floats a step).
    @Test(arguments: 0..<6)
    func kernelMatchesTorchPathByPath(index: Int) throws {
        let file = try #require(chunkFile, "fixture gelu_tanh_chunks.json missing")
        let c = try #require(index < file.cases.count ? file.cases[index] : nil)
        let pool = file.pool.map(Float.init(bitPattern:)), k = pool.count
        let x = (0..<c.n).map { pool[$0 % k] }
        var expected = (0..<c.n).map { file.vector[$0 % k] }
        for r in c.scalar_ranges where r.count == 2 {
            for i in r[0]..<r[1] { expected[i] = file.scalar[i % k] }
        }
        var y = [Float](repeating: 0, count: c.n)
        x.withUnsafeBufferPointer { xp in
            y.withUnsafeMutableBufferPointer { yp in
                ExactRowKernels.geluTanh(xp.baseAddress!, yp.baseAddress!, count: c.n, threads: c.threads, lanes: 16)
            }
        }
        let wrong = y.indices.filter { y[$0].bitPattern != expected[$0] }
        #expect(wrong.isEmpty, "n \(c.n) threads \(c.threads): \(wrong.count) differ, first \(wrong.prefix(5))")
    }

    /// ATen's split of an elementwise loop over threads.
    @Test func chunksFollowParallelFor() {
        #expect(ExactRowKernels.geluChunks(0, threads: 2) == [])
        #expect(ExactRowKernels.geluChunks(16384, threads: 2) == [0..<16384])
        #expect(ExactRowKernels.geluChunks(16385, threads: 2) == [0..<8193, 8193..<16385])
        #expect(ExactRowKernels.geluChunks(16385, threads: 3) == [0..<5462, 5462..<10924, 10924..<16385])
        #expect(ExactRowKernels.geluChunks(20000, threads: 1) == [0..<20000])
    }

    /// Special values through the tensor API: NaN, infinities, signed zeros, past tanh's 1.
    @Test func specialValues() throws {
        let values: [Float] = [.nan, .infinity, -.infinity, 0, -0.0, 1e-30, -1e-30, 9, -8.6, 100, -100, 1e20, -1e20, 3e38]
        let y = try Tensor(floats: values + values + values, shape: [42]).gelu(approximate: "tanh").floatValues()
        let want: [Float] = [.nan, .infinity, .nan, 0, -0.0, 5e-31, -5e-31, 9, -0.0, 100, -0.0, 1e20, -0.0, 3e38]
        for (i, v) in y.enumerated() {
            let w = want[i % want.count]
            #expect(w.isNaN ? v.isNaN : v.bitPattern == w.bitPattern, "element \(i): \(v) vs \(w)")
        }
    }
}
