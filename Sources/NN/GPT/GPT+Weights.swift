// Loading OpenAI's GPT-2 weights as Hugging Face stores them (model.safetensors)
// into the book's names: chapter 5's load_weights_into_gpt, done by name.

import Foundation
import Tensor

extension GPTModel {
    /// Renames (and re-lays-out) Hugging Face GPT-2 tensors to the book's parameter names.
    ///
    /// `wte`/`wpe` -> `tok_emb`/`pos_emb`; `h.i.ln_1/ln_2` -> `norm1/norm2` (`weight`/`bias` ->
    /// `scale`/`shift`); `h.i.attn.c_attn` [C, 3C] (Conv1D: y = x · W + b, a transposed Linear)
    /// split into `W_query/W_key/W_value` [C, C] each; `attn.c_proj` -> `out_proj`;
    /// `mlp.c_fc`/`mlp.c_proj` -> `ff.layers.0`/`ff.layers.2`; `ln_f` -> `final_norm`;
    /// `out_head.weight` = `lm_head.weight` when present, else a copy of `wte` (GPT-2 ties them).
    /// An optional `transformer.` prefix is dropped; the causal-mask buffers `attn.bias` and
    /// `attn.masked_bias` are skipped. Unknown names are an error.
    public static func bookWeights(fromHuggingFace tensors: [(name: String, tensor: Tensor)]) throws -> [String: Tensor] {
        var out: [String: Tensor] = [:]
        var lmHead: Tensor?
        for (fullName, tensor) in tensors {
            let name = fullName.hasPrefix("transformer.") ? String(fullName.dropFirst("transformer.".count)) : fullName
            let parts = name.split(separator: ".").map(String.init)
            func fail() -> TensorError { TensorError.runtime("GPT-2 weights: unexpected tensor \"\(fullName)\" \(tensor.shape)") }
            switch name {
            case "wte.weight": out["tok_emb.weight"] = tensor
            case "wpe.weight": out["pos_emb.weight"] = tensor
            case "ln_f.weight": out["final_norm.scale"] = tensor
            case "ln_f.bias": out["final_norm.shift"] = tensor
            case "lm_head.weight": lmHead = tensor
            default:
                guard parts.count >= 4, parts[0] == "h", let layer = Int(parts[1]) else { throw fail() }
                let p = "trf_blocks.\(layer)."
                let kind = parts[parts.count - 1] == "weight" ? "weight" : parts[parts.count - 1] == "bias" ? "bias" : ""
                switch parts[2...].joined(separator: ".") {
                case "ln_1.weight": out[p + "norm1.scale"] = tensor
                case "ln_1.bias": out[p + "norm1.shift"] = tensor
                case "ln_2.weight": out[p + "norm2.scale"] = tensor
                case "ln_2.bias": out[p + "norm2.shift"] = tensor
                case "attn.bias", "attn.masked_bias": continue
                case "attn.c_attn.weight", "attn.c_attn.bias":
                    let columns = tensor.shape.last ?? 0
                    guard columns % 3 == 0, tensor.rank == (kind == "weight" ? 2 : 1) else { throw fail() }
                    let C = columns / 3
                    for (i, projection) in ["W_query", "W_key", "W_value"].enumerated() {
                        out[p + "att.\(projection).\(kind)"] = kind == "weight"
                            ? try transposedColumns(tensor, from: i * C, count: C)
                            : try Tensor(floats: Array(tensor.floatValues()[(i * C)..<((i + 1) * C)]), shape: [C])
                    }
                case "attn.c_proj.weight": out[p + "att.out_proj.weight"] = try transposed(tensor)
                case "attn.c_proj.bias": out[p + "att.out_proj.bias"] = tensor
                case "mlp.c_fc.weight": out[p + "ff.layers.0.weight"] = try transposed(tensor)
                case "mlp.c_fc.bias": out[p + "ff.layers.0.bias"] = tensor
                case "mlp.c_proj.weight": out[p + "ff.layers.2.weight"] = try transposed(tensor)
                case "mlp.c_proj.bias": out[p + "ff.layers.2.bias"] = tensor
                default: throw fail()
                }
            }
        }
        if let lmHead {
            out["out_head.weight"] = lmHead
        } else if let wte = out["tok_emb.weight"] {
            out["out_head.weight"] = try wte.copyData(as: .float32)
        }
        return out
    }

    /// A model from Hugging Face GPT-2 tensors (see `bookWeights(fromHuggingFace:)`). GPT-2 has
    /// query/key/value biases, so `config.qkvBias` must be true.
    public convenience init(config: GPTConfig, huggingFace tensors: [(name: String, tensor: Tensor)]) throws {
        guard config.qkvBias else {
            throw TensorError.value("GPT-2 checkpoints have query/key/value biases: use a config with qkvBias true")
        }
        try self.init(config: config, weights: GPTModel.bookWeights(fromHuggingFace: tensors))
    }

    /// Loads a Hugging Face GPT-2 `model.safetensors`.
    public static func loadHuggingFace(path: String, config: GPTConfig) throws -> GPTModel {
        try GPTModel(config: config, huggingFace: Safetensors.load(path: path))
    }

    /// [rows, cols] -> [cols, rows], contiguous float32.
    private static func transposed(_ t: Tensor) throws -> Tensor {
        guard t.rank == 2 else { throw TensorError.runtime("GPT-2 weights: expected a matrix, got \(t.shape)") }
        return try transposedColumns(t, from: 0, count: t.shape[1])
    }

    /// Columns first..<first+count of a [rows, cols] matrix, transposed to [count, rows].
    private static func transposedColumns(_ t: Tensor, from first: Int, count: Int) throws -> Tensor {
        let source = try t.contiguousData()
        let (rows, cols) = (t.shape[0], t.shape[1])
        let out = try Tensor(zeros: [count, rows])
        let s = source.floatPointer, d = out.floatPointer
        for r in 0..<rows { for c in 0..<count { d[c * rows + r] = s[r * cols + first + c] } }
        return out
    }
}
