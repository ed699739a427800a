// `F.scaled_dot_product_attention(..., dropout_p > 0)`: PyTorch's CPU flash kernel takes no
// dropout, so torch falls back to `_scaled_dot_product_attention_math` (attention.cpp); this is
// that composition, op for op, so values and dropout draws match. nanoGPT trains with it
// (`dropout_p=self.dropout if self.training else 0`, e.g. dropout=0.2 on shakespeare_char).
import Foundation
import NN
import Python
import Tensor

extension NNBinding {
    static func attentionMath(query: Tensor, key: Tensor, value: Tensor, mask: Tensor?, dropoutP: Double,
                              isCausal: Bool, scale: Double?) throws -> Tensor {
        guard let headDimension = query.shape.last, query.rank >= 2, key.rank >= 2 else {
            throw PyException.runtimeError("scaled_dot_product_attention: query and key need at least 2 dimensions")
        }
        let negative = (scale ?? 1) < 0
        let scalingFactor = (negative ? abs(scale ?? 1) : (scale ?? 1.0 / Double(headDimension).squareRoot())).squareRoot()
        let q = try query.mul(.float(negative ? -scalingFactor : scalingFactor))
        var additive: Tensor?
        if isCausal {
            guard mask == nil else {
                throw PyException.runtimeError("_scaled_dot_product_attention: Explicit attn_mask should not be set when is_causal=True")
            }
            let (l, s) = (query.shape[query.rank - 2], key.shape[key.rank - 2])
            additive = try booleanMask(try Tensor.ones([l, s], dtype: .bool).tril())
        } else if let mask {
            additive = mask.dtype == .bool ? try booleanMask(mask) : mask
        }
        var attention = try q.matmul(key.transpose(-2, -1).mul(.float(scalingFactor)))
        if let additive { attention = try attention.add(additive) }
        attention = try attention.softmax(dim: -1)
        // _safe_softmax: rows that were all -inf give 0, not NaN.
        if let additive, try additive.eq(.float(-.infinity)).all(dims: [-1], keepdim: true).any().boolValues().first == true {
            let dead = try attention.isnanMask()
            attention = try attention.maskedFill(dead, .float(0))
        }
        attention = try Tensor.dropout(attention, p: dropoutP, training: true)
        return try attention.matmul(value)
    }

    /// `convert_boolean_attn_mask`: True keeps (0), False masks (-inf).
    private static func booleanMask(_ mask: Tensor) throws -> Tensor {
        try Tensor.where(mask.logicalNot(), Scalar.float(-.infinity), Scalar.float(0))
    }
}

private extension Tensor {
    func isnanMask() throws -> Tensor { try ne(self) }
}
