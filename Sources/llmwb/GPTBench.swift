// `llmwb bench train|generate`: the fast Swift GPT (GPT-2 124M, the book's config)
// timed beside PyTorch running the book's GPTModel in the same run.

import Foundation
import NN
import Tensor

/// The benchmarked model: GPT_CONFIG_124M with drop_rate 0 (the fast path trains without
/// dropout; PyTorch gets the same config).
private let gptBenchConfig: GPTConfig = {
    var config = GPTConfig.gpt2Small124M
    config.dropRate = 0
    return config
}()

/// One training step (zero grads, forward, cross-entropy, backward, AdamW) of GPT-2 124M on
/// batch 2 x 256 tokens: ms/step and tokens/s after a warm-up step, beside PyTorch's.
func trainBenchReport() throws -> String {
    let (batch, tokens, steps) = (2, 256, 3)
    let model = try GPTModel(config: gptBenchConfig, seed: 123)
    let optimizer = try AdamW(parameters: model.parameters(), lr: 4e-4, weightDecay: 0.1)
    let random = XorShiftRandom(seed: 7)
    let ids = (0..<(2 * batch * tokens)).map { _ in Int64(random.next() % UInt64(gptBenchConfig.vocabSize)) }
    let inputs = try Tensor(int64s: Array(ids.prefix(batch * tokens)), shape: [batch, tokens])
    let targets = try Tensor(int64s: Array(ids.suffix(batch * tokens)), shape: [batch, tokens])
    var forward = 0.0, backward = 0.0, update = 0.0, cpu = 0.0
    var loss: Float = 0
    for step in 0...steps {
        let c0 = gptBenchCPUSeconds()
        let t0 = gptBenchSeconds()
        model.zeroGradients()
        loss = try model.forwardForTraining(inputs, targets: targets) ?? .nan
        let t1 = gptBenchSeconds()
        try model.backward()
        let t2 = gptBenchSeconds()
        try optimizer.step()
        let t3 = gptBenchSeconds()
        if step > 0 { forward += t1 - t0; backward += t2 - t1; update += t3 - t2; cpu += gptBenchCPUSeconds() - c0 }
    }
    let ours = (forward + backward + update) / Double(steps)
    let tokensPerStep = Double(batch * tokens)
    var lines = [
        "train step: GPT-2 124M (book config, drop_rate 0), batch \(batch) x \(tokens) tokens, AdamW; "
            + "mean of \(steps) steps after 1 warm-up",
        String(format: "  llmwb fast GPT: %8.1f ms/step  %7.1f tokens/s  (CPU %.1f s/step; forward %.0f ms, "
               + "backward %.0f ms, AdamW %.0f ms; loss %.3f)",
               ours * 1000, tokensPerStep / ours, cpu / Double(steps), forward / Double(steps) * 1000,
               backward / Double(steps) * 1000, update / Double(steps) * 1000, loss),
    ]
    let script = gptTorchModelSource + gptTorchTrainSource
        .replacingOccurrences(of: "BATCH", with: "\(batch)")
        .replacingOccurrences(of: "TOKENS", with: "\(tokens)")
        .replacingOccurrences(of: "STEPS", with: "\(steps)")
    switch runGPTTorchBench(script) {
    case .unavailable(let reason):
        lines.append("  PyTorch: \(reason)")
    case .result(let values, let label):
        let torchSeconds = (values["ms"] ?? .nan) / 1000
        lines.append("  \(label): " + String(format: "%8.1f ms/step  %7.1f tokens/s  (CPU %.1f s/step)",
                                             torchSeconds * 1000, tokensPerStep / torchSeconds, values["cpu"] ?? .nan))
        lines.append(String(format: "  llmwb / PyTorch time: %.2fx (target <= 1.5x)", ours / torchSeconds))
    }
    return lines.joined(separator: "\n")
}

/// Generating 100 tokens greedily after a 16-token prompt with the KV cache (GPT-2 124M):
/// tokens/s including the prefill, beside PyTorch running the book's model with a simple
/// KV-cache loop of its own.
func generateBenchReport() throws -> String {
    let (promptLength, newTokens) = (16, 100)
    let model = try GPTModel(config: gptBenchConfig, seed: 123)
    model.eval()
    let random = XorShiftRandom(seed: 11)
    let prompt = (0..<promptLength).map { _ in Int(random.next() % UInt64(gptBenchConfig.vocabSize)) }
    _ = try model.generate(prompt: prompt, maxNewTokens: 5)  // warm-up
    let c0 = gptBenchCPUSeconds()
    let t0 = gptBenchSeconds()
    let generated = try model.generate(prompt: prompt, maxNewTokens: newTokens)
    let ours = gptBenchSeconds() - t0
    let oursCPU = gptBenchCPUSeconds() - c0
    let t1 = gptBenchSeconds()
    _ = try model.generate(prompt: prompt, maxNewTokens: 10, useCache: false)
    let recompute = gptBenchSeconds() - t1
    var lines = [
        "generate: GPT-2 124M (book config), greedy, \(newTokens) new tokens after a \(promptLength)-token prompt, "
            + "batch 1; time includes the prefill",
        String(format: "  llmwb fast GPT, KV cache:   %7.1f tokens/s  (%.0f ms for %d tokens, CPU %.1f s)",
               Double(generated.count - promptLength) / ours, ours * 1000, generated.count - promptLength, oursCPU),
        String(format: "  llmwb fast GPT, recompute:  %7.1f tokens/s  (10 tokens, whole window each step)",
               10 / recompute),
    ]
    // PyTorch with its default threads (the target), then pinned to one thread: on a busy
    // machine its OpenMP workers wait for each other at every small op of a decoding step.
    for threads in ["", "torch.set_num_threads(1)\n"] {
        let script = threads + gptTorchModelSource + gptTorchGenerateSource
            .replacingOccurrences(of: "PROMPT", with: "\(prompt)")
            .replacingOccurrences(of: "NEW_TOKENS", with: "\(newTokens)")
        switch runGPTTorchBench(threads.isEmpty ? script : "import torch\n" + script) {
        case .unavailable(let reason):
            lines.append("  PyTorch: \(reason)")
            return lines.joined(separator: "\n")
        case .result(let values, let label):
            let rate = values["tokens_per_s"] ?? .nan
            lines.append("  \(label), KV cache loop: "
                + String(format: "%7.1f tokens/s  (CPU %.1f s)", rate, values["cpu"] ?? .nan))
            lines.append(String(format: "    llmwb / PyTorch tokens/s: %.2fx", Double(generated.count - promptLength) / ours / rate)
                + (threads.isEmpty ? " (target >= 1x)" : ""))
        }
    }
    return lines.joined(separator: "\n")
}

private func gptBenchSeconds() -> Double { Date().timeIntervalSinceReferenceDate }

/// CPU seconds this process has used, all threads (wall time alone misleads on a busy machine).
private func gptBenchCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) * 1e-9
}

private enum GPTTorchRun {
    case unavailable(String)
    /// The numbers of the script's `RESULT {json}` line and "PyTorch <version> (<n> threads)".
    case result([String: Double], String)
}

/// Runs `python3 -c script`, first checking that torch imports.
private func runGPTTorchBench(_ script: String) -> GPTTorchRun {
    guard let check = runGPTBenchPython("import torch"), check.status == 0 else { return .unavailable("torch not installed") }
    guard let run = runGPTBenchPython(script) else { return .unavailable("python3 could not be started") }
    guard run.status == 0,
          let line = run.output.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }),
          let object = try? JSONSerialization.jsonObject(with: Data(line.dropFirst("RESULT ".count).utf8)) as? [String: Any]
    else {
        let tail = run.output.split(separator: "\n").suffix(3).joined(separator: " | ")
        return .unavailable("the PyTorch script failed (exit \(run.status)): \(tail)")
    }
    var values: [String: Double] = [:]
    for (key, value) in object { if let number = value as? NSNumber { values[key] = number.doubleValue } }
    let version = object["version"] as? String ?? "?"
    let threads = values["threads"].map { String(Int($0)) } ?? "?"
    return .result(values, "PyTorch \(version) (\(threads) threads)")
}

/// `python3 -c code` with stdout and stderr together; nil when python3 cannot start.
private func runGPTBenchPython(_ code: String) -> (status: Int32, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", code]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    do { try process.run() } catch { return nil }
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
}

/// The book's model (lessons/gpt.py), GPT_CONFIG_124M with drop_rate 0.
private let gptTorchModelSource = #"""
import json, time
import torch
import torch.nn as nn

class MultiHeadAttention(nn.Module):
    def __init__(self, d_in, d_out, context_length, dropout, num_heads, qkv_bias=False):
        super().__init__()
        self.d_out = d_out
        self.num_heads = num_heads
        self.head_dim = d_out // num_heads
        self.W_query = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_key = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.W_value = nn.Linear(d_in, d_out, bias=qkv_bias)
        self.out_proj = nn.Linear(d_out, d_out)
        self.dropout = nn.Dropout(dropout)
        self.register_buffer("mask", torch.triu(torch.ones(context_length, context_length), diagonal=1))

    def forward(self, x):
        b, num_tokens, d_in = x.shape
        queries = self.W_query(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        keys = self.W_key(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        values = self.W_value(x).view(b, num_tokens, self.num_heads, self.head_dim).transpose(1, 2)
        attn_scores = queries @ keys.transpose(2, 3)
        attn_scores.masked_fill_(self.mask.bool()[:num_tokens, :num_tokens], -torch.inf)
        attn_weights = torch.softmax(attn_scores / keys.shape[-1]**0.5, dim=-1)
        attn_weights = self.dropout(attn_weights)
        context_vec = (attn_weights @ values).transpose(1, 2).contiguous().view(b, num_tokens, self.d_out)
        return self.out_proj(context_vec)

class LayerNorm(nn.Module):
    def __init__(self, emb_dim):
        super().__init__()
        self.eps = 1e-5
        self.scale = nn.Parameter(torch.ones(emb_dim))
        self.shift = nn.Parameter(torch.zeros(emb_dim))

    def forward(self, x):
        mean = x.mean(dim=-1, keepdim=True)
        var = x.var(dim=-1, keepdim=True, unbiased=False)
        norm_x = (x - mean) / torch.sqrt(var + self.eps)
        return self.scale * norm_x + self.shift

class GELU(nn.Module):
    def forward(self, x):
        return 0.5 * x * (1 + torch.tanh(torch.sqrt(torch.tensor(2.0 / torch.pi)) * (x + 0.044715 * torch.pow(x, 3))))

class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.layers = nn.Sequential(nn.Linear(cfg["emb_dim"], 4 * cfg["emb_dim"]), GELU(),
                                    nn.Linear(4 * cfg["emb_dim"], cfg["emb_dim"]))

    def forward(self, x):
        return self.layers(x)

class TransformerBlock(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.att = MultiHeadAttention(d_in=cfg["emb_dim"], d_out=cfg["emb_dim"], context_length=cfg["context_length"],
                                      num_heads=cfg["n_heads"], dropout=cfg["drop_rate"], qkv_bias=cfg["qkv_bias"])
        self.ff = FeedForward(cfg)
        self.norm1 = LayerNorm(cfg["emb_dim"])
        self.norm2 = LayerNorm(cfg["emb_dim"])
        self.drop_shortcut = nn.Dropout(cfg["drop_rate"])

    def forward(self, x):
        shortcut = x
        x = self.drop_shortcut(self.att(self.norm1(x)))
        x = x + shortcut
        shortcut = x
        x = self.drop_shortcut(self.ff(self.norm2(x)))
        return x + shortcut

class GPTModel(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.tok_emb = nn.Embedding(cfg["vocab_size"], cfg["emb_dim"])
        self.pos_emb = nn.Embedding(cfg["context_length"], cfg["emb_dim"])
        self.drop_emb = nn.Dropout(cfg["drop_rate"])
        self.trf_blocks = nn.Sequential(*[TransformerBlock(cfg) for _ in range(cfg["n_layers"])])
        self.final_norm = LayerNorm(cfg["emb_dim"])
        self.out_head = nn.Linear(cfg["emb_dim"], cfg["vocab_size"], bias=False)

    def forward(self, in_idx):
        batch_size, seq_len = in_idx.shape
        tok_embeds = self.tok_emb(in_idx)
        pos_embeds = self.pos_emb(torch.arange(seq_len))
        x = self.drop_emb(tok_embeds + pos_embeds)
        x = self.trf_blocks(x)
        x = self.final_norm(x)
        return self.out_head(x)

cfg = {"vocab_size": 50257, "context_length": 1024, "emb_dim": 768, "n_heads": 12,
       "n_layers": 12, "drop_rate": 0.0, "qkv_bias": False}
torch.manual_seed(123)
model = GPTModel(cfg)

"""#

/// A training step as chapter 5's train_model_simple does it.
private let gptTorchTrainSource = #"""
model.train()
optimizer = torch.optim.AdamW(model.parameters(), lr=0.0004, weight_decay=0.1)
x = torch.randint(0, cfg["vocab_size"], (BATCH, TOKENS))
y = torch.randint(0, cfg["vocab_size"], (BATCH, TOKENS))

def step():
    optimizer.zero_grad()
    logits = model(x)
    loss = torch.nn.functional.cross_entropy(logits.flatten(0, 1), y.flatten())
    loss.backward()
    optimizer.step()

step()
times = []
cpu_start = time.process_time()
for _ in range(STEPS):
    start = time.perf_counter()
    step()
    times.append(time.perf_counter() - start)
print("RESULT " + json.dumps({"ms": 1000 * sum(times) / len(times), "threads": torch.get_num_threads(),
                              "cpu": (time.process_time() - cpu_start) / STEPS, "version": torch.__version__}))
"""#

/// Greedy generation with a simple KV cache built from the book model's own layers.
private let gptTorchGenerateSource = #"""
model.eval()
H, C = cfg["n_heads"], cfg["emb_dim"]
hd, context = C // H, cfg["context_length"]

def run(ids, caches, pos):
    b, n = ids.shape
    x = model.tok_emb(ids) + model.pos_emb(torch.arange(pos, pos + n))
    for block, (K, V) in zip(model.trf_blocks, caches):
        att = block.att
        h = block.norm1(x)
        q = att.W_query(h).view(b, n, H, hd).transpose(1, 2)
        K[:, :, pos:pos + n] = att.W_key(h).view(b, n, H, hd).transpose(1, 2)
        V[:, :, pos:pos + n] = att.W_value(h).view(b, n, H, hd).transpose(1, 2)
        scores = q @ K[:, :, :pos + n].transpose(2, 3)
        if n > 1:
            scores.masked_fill_(att.mask.bool()[pos:pos + n, :pos + n], -torch.inf)
        weights = torch.softmax(scores / hd**0.5, dim=-1)
        x = x + att.out_proj((weights @ V[:, :, :pos + n]).transpose(1, 2).contiguous().view(b, n, C))
        x = x + block.ff(block.norm2(x))
    return model.out_head(model.final_norm(x[:, -1, :]))

def generate(prompt, new_tokens):
    caches = [(torch.zeros(1, H, context, hd), torch.zeros(1, H, context, hd)) for _ in model.trf_blocks]
    logits = run(prompt, caches, 0)
    pos, out = prompt.shape[1], []
    for i in range(new_tokens):
        next_id = torch.argmax(logits, dim=-1, keepdim=True)
        out.append(next_id)
        if i == new_tokens - 1:
            break
        logits = run(next_id, caches, pos)
        pos += 1
    return out

prompt = torch.tensor([PROMPT])
with torch.no_grad():
    generate(prompt, 5)
    cpu_start, start = time.process_time(), time.perf_counter()
    generate(prompt, NEW_TOKENS)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu_start
print("RESULT " + json.dumps({"tokens_per_s": NEW_TOKENS / elapsed, "threads": torch.get_num_threads(),
                              "cpu": cpu, "version": torch.__version__}))
"""#
