// `torch.optim.AdamW` (and Adam) and `torch.optim.SGD`: PyTorch's single-tensor CPU update
// rules, op for op in float32 (with its sqrt and fused multiply-adds), so a training run
// follows torch's bit for bit. Chapter 5.

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

/// `torch.optim.AdamW(params, lr=1e-3, betas=(0.9, 0.999), eps=1e-8, weight_decay=1e-2)`;
/// with `decoupledWeightDecay: false` it is `torch.optim.Adam` (weight decay added to the gradient).
public final class AdamW: Optimizer {
    /// What Adam keeps per parameter: `state[p]` = {"step", "exp_avg", "exp_avg_sq"}.
    public struct State {
        public var step: Int
        public var expAvg: Tensor
        public var expAvgSq: Tensor
        public init(step: Int, expAvg: Tensor, expAvgSq: Tensor) {
            (self.step, self.expAvg, self.expAvgSq) = (step, expAvg, expAvgSq)
        }
    }

    /// Hyperparameters of the group, changeable between steps like `param_groups[i][...]`.
    public var beta1: Double, beta2: Double, eps: Double, weightDecay: Double
    /// true: AdamW (`p *= 1 - lr*wd`); false: Adam (`g += wd*p`).
    public var decoupledWeightDecay: Bool
    private var states: [ObjectIdentifier: State] = [:]

    public init(parameters: [Tensor], lr: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999),
                eps: Double = 1e-8, weightDecay: Double = 1e-2, decoupledWeightDecay: Bool = true) throws {
        guard eps >= 0 else { throw TensorError.value("Invalid epsilon value: \(eps)") }
        guard (0..<1).contains(betas.0) else { throw TensorError.value("Invalid beta parameter at index 0: \(betas.0)") }
        guard (0..<1).contains(betas.1) else { throw TensorError.value("Invalid beta parameter at index 1: \(betas.1)") }
        guard weightDecay >= 0 else { throw TensorError.value("Invalid weight_decay value: \(weightDecay)") }
        (beta1, beta2, self.eps, self.weightDecay) = (betas.0, betas.1, eps, weightDecay)
        self.decoupledWeightDecay = decoupledWeightDecay
        try super.init(parameters: parameters, learningRate: lr)
    }

    /// The state of `p` (nil before its first update with a gradient).
    public func state(of p: Tensor) -> State? { states[ObjectIdentifier(p)] }

    /// Replaces the state of `p` (`load_state_dict`); the moments must have p's shape.
    public func setState(_ state: State?, of p: Tensor) throws {
        if let state {
            guard state.expAvg.shape == p.shape, state.expAvgSq.shape == p.shape,
                  state.expAvg.dtype == .float32, state.expAvgSq.dtype == .float32 else {
                throw TensorError.value("loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
            }
            states[ObjectIdentifier(p)] = State(step: state.step, expAvg: try state.expAvg.contiguousData(),
                                                expAvgSq: try state.expAvgSq.contiguousData())
        } else {
            states[ObjectIdentifier(p)] = nil
        }
    }

    /// One update of every parameter that has a gradient, t counted per parameter, as torch's
    /// single-tensor CPU path (the default on CPU) computes it in float32:
    /// p *= 1 - lr*wd (AdamW) or g = fma(p, wd, g) (Adam); m = fma(1-b1, g - m, m) (lerp_);
    /// v = fma((1-b2)*g, g, v*b2) (mul_, then addcmul_ as GCC contracts it);
    /// d = sqrt(v) / sqrt(1-b2^t) + eps with torch's sqrt (TorchSqrt); p += (-lr/(1-b1^t) * m) / d.
    public func step() throws {
        let decay = Float(1 - learningRate * weightDecay)
        let wd = Float(weightDecay)
        let weight1 = Float(1 - beta1)
        let b2 = Float(beta2), oneMinusB2 = Float(1 - beta2)
        let epsilon = Float(eps)
        for p in parameters {
            guard let g = try contiguousGrad(p) else { continue }
            let key = ObjectIdentifier(p)
            var state = try states[key] ?? State(step: 0, expAvg: Tensor(zeros: p.shape), expAvgSq: Tensor(zeros: p.shape))
            state.step += 1
            states[key] = state
            let biasCorrection1 = 1 - pow(beta1, Double(state.step))
            let biasCorrection2Sqrt = Float((1 - pow(beta2, Double(state.step))).squareRoot())
            let stepSize = Float(-(learningRate / biasCorrection1))
            let m = state.expAvg, v = state.expAvgSq
            let pp = p.floatPointer, gp = g.floatPointer, mp = m.floatPointer, vp = v.floatPointer
            let decoupled = decoupledWeightDecay, decays = weightDecay != 0
            for i in 0..<p.count {
                var grad = gp[i]
                if decays {
                    if decoupled { pp[i] *= decay } else { grad = grad.addingProduct(pp[i], wd) }
                }
                mp[i] = mp[i].addingProduct(weight1, grad - mp[i])                // lerp_, small weight
                vp[i] = (vp[i] * b2).addingProduct(oneMinusB2 * grad, grad)       // mul_, addcmul_
            }
            var roots = [Float](repeating: 0, count: p.count)
            roots.withUnsafeMutableBufferPointer { r in
                guard let base = r.baseAddress else { return }
                TorchSqrt.sqrt(UnsafePointer(vp), into: base, count: r.count)
                for i in 0..<r.count {
                    let denom = r[i] / biasCorrection2Sqrt + epsilon
                    pp[i] += (stepSize * mp[i]) / denom                           // addcdiv_
                }
            }
        }
    }
}

/// `torch.optim.SGD(params, lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)`.
public final class SGD: Optimizer {
    /// Hyperparameters of the group, changeable between steps like `param_groups[i][...]`.
    public var momentum: Double, dampening: Double, weightDecay: Double, nesterov: Bool
    private var buffers: [ObjectIdentifier: Tensor] = [:]

    /// `state[p]["momentum_buffer"]` (nil before the first momentum step).
    public func momentumBuffer(of p: Tensor) -> Tensor? { buffers[ObjectIdentifier(p)] }

    /// Replaces the momentum buffer of `p` (`load_state_dict`).
    public func setMomentumBuffer(_ buffer: Tensor?, of p: Tensor) throws {
        if let buffer, buffer.shape != p.shape || buffer.dtype != .float32 {
            throw TensorError.value("loaded state dict contains a parameter group that doesn't match the size of optimizer's group")
        }
        buffers[ObjectIdentifier(p)] = try buffer?.contiguousData()
    }

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
