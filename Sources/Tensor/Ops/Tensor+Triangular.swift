// Lower and upper triangles: `tril`/`triu`, which build chapter 3's causal mask
// (`torch.triu(torch.ones(n, n), diagonal=1)`).

import Foundation

extension Tensor {
    /// `tril(diagonal)`: keeps elements with `column - row <= diagonal` in the last two
    /// dims, zeroes the rest. d/dx = g.tril(diagonal).
    public func tril(_ diagonal: Int = 0) throws -> Tensor {
        // Row r keeps columns 0...r+diagonal: zero the columns after.
        try triangle(name: "tril") { row, columns in
            Swift.min(Swift.max(row + diagonal + 1, 0), columns)..<columns
        }
        .recordingGrad("TrilBackward0", inputs: [self]) { g in [try g.tril(diagonal)] }
    }

    /// `triu(diagonal)`: keeps elements with `column - row >= diagonal`.
    /// d/dx = g.triu(diagonal).
    public func triu(_ diagonal: Int = 0) throws -> Tensor {
        // Row r keeps columns r+diagonal...: zero the columns before.
        try triangle(name: "triu") { row, columns in
            0..<Swift.min(Swift.max(row + diagonal, 0), columns)
        }
        .recordingGrad("TriuBackward0", inputs: [self]) { g in [try g.triu(diagonal)] }
    }

    /// A row-major copy with, in each row of each matrix (last two dims), the
    /// columns `zeroed(row, columnCount)` set to zero.
    private func triangle(name: String, zeroed: (Int, Int) -> Range<Int>) throws -> Tensor {
        guard rank >= 2 else {
            throw TensorError.runtime("\(name): input tensor must have at least 2 dimensions")
        }
        let out = try rowMajorCopy()
        let rows = shape[rank - 2], columns = shape[rank - 1]
        let matrices = out.count == 0 ? 0 : out.count / (rows * columns)
        let bytes = dtype.itemSize
        let base = out.storage.pointer
        for m in 0..<matrices {
            for r in 0..<rows {
                let span = zeroed(r, columns)
                if span.isEmpty { continue }
                let start = (m * rows + r) * columns + span.lowerBound
                memset(base + start * bytes, 0, span.count * bytes)
            }
        }
        return out
    }
}
