// `torch.optim.AdamW` and `torch.optim.SGD`: PyTorch's single-tensor CPU update
// rules, op for op in float32, so a training run follows torch's. Chapter 5.

import Foundation
import Tensor

/// What every optimizer shares: the parameters it updates and `zero_grad()`.
public class Optimizer {
    public let parameters: [Tensor]
    /// `param_groups[0]["lr"]`, changeable between steps (learning-rate schedules).
    public var learningRate: Double

    init(parameters: [Tensor], learningRate: Double) throws {
        guard !parameters.isEmpty else { throw TensorError.value("optimizer got an empty parameter list") }
        guard learningRate >= 0 else { throw TensorError.value("Invalid learning rate: \(learningRate)") }
        self.parameters = parameters
        self.learningRate = learningRate
    }

    /// `zero_grad()` (PyTorch 2 default `set_to_none=True`).
    public func zeroGrad() { for p in parameters { p.grad = nil } }

    /// The gradient of `p` as a contiguous float buffer, or nil when it has none.
    func contiguousGrad(_ p: Tensor) throws -> Tensor? {
        guard let g = p.grad else { return nil }
        guard p.isContiguous else { throw TensorError.runtime("optimizer step needs contiguous parameters") }
        return try g.contiguousData()
    }
}

/// `torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2)`.
public final class AdamW: Optimizer {
    public let beta1: Double, beta2: Double, eps: Double, weightDecay: Double
    private var stepCount = 0
    private var expAvg: [ObjectIdentifier: Tensor] = [:]
    private var expAvgSq: [ObjectIdentifier: Tensor] = [:]

    public init(parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 1e-2) throws {
        guard eps >= 0 else { throw TensorError.value("Invalid epsilon value: \(eps)") }
        guard (0..<1).contains(betas.0) else { throw TensorError.value("Invalid beta parameter at index 0: \(betas.0)") }
        guard (0..<1).contains(betas.1) else { throw TensorError.value("Invalid beta parameter at index 1: \(betas.1)") }
        guard weightDecay >= 0 else { throw TensorError.value("Invalid weight_decay value: \(weightDecay)") }
        (beta1, beta2, self.eps, self.weightDecay) = (betas.0, betas.1, eps, weightDecay)
        try super.init(parameters: parameters, learningRate: lr)
    }

    /// One update of every parameter that has a gradient:
    /// p *= 1 - lr*wd; m = lerp(m, g, 1-b1); v = v*b2 + (1-b2)*g*g;
    /// p += -lr/(1-b1^t) * m / (sqrt(v)/sqrt(1-b2^t) + eps).
    public func step() throws {
        stepCount += 1
        let decay = Float(1 - learningRate * weightDecay)
        let weight1 = Float(1 - beta1)
        let b2 = Float(beta2), oneMinusB2 = Float(1 - beta2)
        let biasCorrection1 = 1 - pow(beta1, Double(stepCount))
        let biasCorrection2Sqrt = Float((1 - pow(beta2, Double(stepCount))).squareRoot())
        let stepSize = Float(-(learningRate / biasCorrection1))
        let epsilon = Float(eps)
        for p in parameters {
            guard let g = try contiguousGrad(p) else { continue }
            let key = ObjectIdentifier(p)
            let m = try expAvg[key] ?? Tensor(zeros: p.shape)
            let v = try expAvgSq[key] ?? Tensor(zeros: p.shape)
            expAvg[key] = m; expAvgSq[key] = v
            let pp = p.floatPointer, gp = g.floatPointer, mp = m.floatPointer, vp = v.floatPointer
            for i in 0..<p.count {
                if weightDecay != 0 { pp[i] *= decay }
                let grad = gp[i]
                mp[i] = mp[i].addingProduct(weight1, grad - mp[i])      // lerp, small weight
                vp[i] = vp[i] * b2 + oneMinusB2 * grad * grad            // mul_ then addcmul_
                let denom = vp[i].squareRoot() / biasCorrection2Sqrt + epsilon
                pp[i] += stepSize * (mp[i] / denom)                       // addcdiv_
            }
        }
    }
}

/// `torch.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)`.
public final class SGD: Optimizer {
    public let momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool
    private var buffers: [ObjectIdentifier: Tensor] = [:]

    public init(parameters: [Tensor], lr: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
                weightDecay: Double = 0, nesterov: Bool = false) throws {
        guard momentum >= 0 else { throw TensorError.value("Invalid momentum value: \(momentum)") }
        guard weightDecay >= 0 else { throw TensorError.value("Invalid weight_decay value: \(weightDecay)") }
        if nesterov && (momentum <= 0 || dampening != 0) {
            throw TensorError.value("Nesterov momentum requires a momentum and zero dampening")
        }
        (self.momentum, self.dampening, self.weightDecay, self.nesterov) = (momentum, dampening, weightDecay, nesterov)
        try super.init(parameters: parameters, learningRate: lr)
    }

    /// d = g + wd*p; b = momentum*b + (1-dampening)*d (b = d on the first step);
    /// d = nesterov ? d + momentum*b : b; p -= lr*d.
    public func step() throws {
        let wd = Float(weightDecay), mu = Float(momentum), damp = Float(1 - dampening)
        let alpha = Float(-learningRate)
        for p in parameters {
            guard let g = try contiguousGrad(p) else { continue }
            let pp = p.floatPointer, gp = g.floatPointer
            var direction = [Float](repeating: 0, count: p.count)
            for i in 0..<p.count { direction[i] = wd == 0 ? gp[i] : gp[i].addingProduct(pp[i], wd) }
            if momentum != 0 {
                let key = ObjectIdentifier(p)
                let buffer: Tensor
                if let existing = buffers[key] {
                    buffer = existing
                    let bp = buffer.floatPointer
                    for i in 0..<p.count { bp[i] = (bp[i] * mu).addingProduct(direction[i], damp) }
                } else {
                    buffer = try Tensor(floats: direction, shape: p.shape)
                    buffers[key] = buffer
                }
                let bp = buffer.floatPointer
                for i in 0..<p.count { direction[i] = nesterov ? direction[i].addingProduct(bp[i], mu) : bp[i] }
            }
            for i in 0..<p.count { pp[i] = pp[i].addingProduct(direction[i], alpha) }
        }
    }
}
