// Lower and upper triangles: `tril`/`triu`, which build chapter 3's causal mask
// (`torch.triu(torch.ones(n, n), diagonal=1)`).

extension Tensor {
    /// `tril(diagonal)`: keeps elements with `column - row <= diagonal` in the last two
    /// dims, zeroes the rest. d/dx = g.tril(diagonal).
    public func tril(_ diagonal: Int = 0) throws -> Tensor {
        try triangle(name: "tril", diagonal: diagonal) { row, column in column - row <= diagonal }
            .recordingGrad("TrilBackward0", inputs: [self]) { g in [try g.tril(diagonal)] }
    }

    /// `triu(diagonal)`: keeps elements with `column - row >= diagonal`.
    /// d/dx = g.triu(diagonal).
    public func triu(_ diagonal: Int = 0) throws -> Tensor {
        try triangle(name: "triu", diagonal: diagonal) { row, column in column - row >= diagonal }
            .recordingGrad("TriuBackward0", inputs: [self]) { g in [try g.triu(diagonal)] }
    }

    /// A row-major copy with the elements where `keep(row, column)` fails zeroed.
    private func triangle(name: String, diagonal: Int, _ keep: (Int, Int) -> Bool) throws -> Tensor {
        guard rank >= 2 else {
            throw TensorError.runtime("\(name): input tensor must have at least 2 dimensions")
        }
        let out = try copyData(as: dtype)
        let rows = shape[rank - 2], columns = shape[rank - 1]
        let matrices = rows * columns == 0 ? 0 : out.count / (rows * columns)
        let bytes = dtype.itemSize
        let base = out.storage.pointer
        for m in 0..<matrices {
            for r in 0..<rows {
                for c in 0..<columns where !keep(r, c) {
                    let index = (m * rows + r) * columns + c
                    (base + index * bytes).initializeMemory(as: UInt8.self, repeating: 0, count: bytes)
                }
            }
        }
        return out
    }
}
