// AdamW and SGD follow PyTorch's updates step by step.
import Testing
import Tensor
import NN

private struct OptimCase: Decodable { let start: FixtureTensor; let grads, after: [FixtureTensor] }

@Test(arguments: ["adamw", "adamw_default", "sgd", "sgd_momentum", "sgd_nesterov"])
func optimizerStepsMatchTorch(name: String) throws {
    let c = try NNFixture.decode(OptimCase.self, "optim_\(name)")
    let p = try c.start.leaf()
    let step: () throws -> Void
    switch name {
    case "adamw": let o = try AdamW(parameters: [p], lr: 0.01, weightDecay: 0.1); step = o.step
    case "adamw_default": let o = try AdamW(parameters: [p]); step = o.step
    case "sgd": let o = try SGD(parameters: [p], lr: 0.1); step = o.step
    case "sgd_momentum": let o = try SGD(parameters: [p], lr: 0.1, momentum: 0.9, weightDecay: 0.01); step = o.step
    default: let o = try SGD(parameters: [p], lr: 0.05, momentum: 0.5, nesterov: true); step = o.step
    }
    for (i, (g, expected)) in zip(c.grads, c.after).enumerated() {
        p.grad = try g.tensor()
        try step()
        expectClose(p, expected, rtol: 2e-6, atol: 1e-7, "step \(i + 1)")
    }
}
