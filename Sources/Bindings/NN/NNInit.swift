// `torch.nn.init`: the weight initialisers of torch/nn/init.py, drawing from the generator
// in the same order with the same bounds (computed in Python doubles), so weights match
// PyTorch's to the bit. nanoGPT's `_init_weights`, minGPT's, RNG_SPEC.md §7.
import Foundation
import Python
import Tensor

extension NNBinding {
    static let initModule: NativeModule = {
        let m = NativeModule(name: "torch.nn.init")
        // The tensor attribute each one touches first in init.py (the AttributeError a non-tensor raises).
        let firstAttribute = ["normal_": "normal_", "uniform_": "uniform_", "constant_": "fill_", "zeros_": "zero_", "ones_": "fill_",
                              "xavier_uniform_": "dim", "xavier_normal_": "dim", "kaiming_uniform_": "shape", "kaiming_normal_": "shape",
                              "trunc_normal_": "is_meta", "orthogonal_": "ndimension"]
        func initializer(_ name: String, _ signature: String, _ body: @escaping (Tensor, BoundArguments) throws -> Void) {
            m.addFunction(name, signature: "tensor" + (signature.isEmpty ? "" : ", " + signature)) { args in
                guard let t = args["tensor"].tensorValue else {
                    throw PyException(BuiltinTypes.exception("AttributeError"),
                                      "'\(args["tensor"].typeName)' object has no attribute '\(firstAttribute[name] ?? name)'")
                }
                try GradMode.withNoGrad { try body(t, args) }
                return .tensor(t)
            }
        }
        initializer("normal_", "mean=0.0, std=1.0, generator=None") { t, args in
            _ = try t.normal_(mean: args.double("mean"), std: args.double("std"), generator: args.generator())
        }
        initializer("uniform_", "a=0.0, b=1.0, generator=None") { t, args in
            _ = try t.uniform_(from: args.double("a"), to: args.double("b"), generator: args.generator())
        }
        initializer("constant_", "val") { t, args in
            guard let value = TensorSlots.scalar(args["val"]) else { throw PyException.typeError("fill_(): argument 'value' must be Number, not \(args["val"].typeName)") }
            _ = try t.fill_(value)
        }
        initializer("zeros_", "") { t, _ in _ = try t.zero_() }
        initializer("ones_", "") { t, _ in _ = try t.fill_(.int(1)) }
        initializer("xavier_uniform_", "gain=1.0, generator=None") { t, args in
            let (fanIn, fanOut) = try fans(t)
            let std = try args.double("gain") * (2.0 / Double(fanIn + fanOut)).squareRoot()
            let a = 3.0.squareRoot() * std
            _ = try t.uniform_(from: -a, to: a, generator: args.generator())
        }
        initializer("xavier_normal_", "gain=1.0, generator=None") { t, args in
            let (fanIn, fanOut) = try fans(t)
            let std = try args.double("gain") * (2.0 / Double(fanIn + fanOut)).squareRoot()
            _ = try t.normal_(mean: 0, std: std, generator: args.generator())
        }
        initializer("kaiming_uniform_", "a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None") { t, args in
            if t.shape.contains(0) { return }
            let fan = try correctFan(t, args.string("mode"))
            let std = try gain(args.string("nonlinearity"), args["a"]) / Double(fan).squareRoot()
            let bound = 3.0.squareRoot() * std
            _ = try t.uniform_(from: -bound, to: bound, generator: args.generator())
        }
        initializer("kaiming_normal_", "a=0, mode='fan_in', nonlinearity='leaky_relu', generator=None") { t, args in
            if t.shape.contains(0) { return }
            let fan = try correctFan(t, args.string("mode"))
            let std = try gain(args.string("nonlinearity"), args["a"]) / Double(fan).squareRoot()
            _ = try t.normal_(mean: 0, std: std, generator: args.generator())
        }
        initializer("trunc_normal_", "mean=0.0, std=1.0, a=-2.0, b=2.0, generator=None") { t, args in
            try truncNormal(t, mean: args.double("mean"), std: args.double("std"), a: args.double("a"), b: args.double("b"),
                            generator: args.generator())
        }
        initializer("orthogonal_", "gain=1, generator=None") { t, _ in
            if t.rank < 2 { throw PyException.valueError("Only tensors with 2 or more dimensions are supported") }
            throw PyException.notImplemented("nn.init.orthogonal_ needs a QR factorisation, which the workbench does not have")
        }
        m.addFunction("calculate_gain", signature: "nonlinearity, param=None") { args in
            let name = try args.string("nonlinearity")
            if ["linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid"].contains(name) {
                return .int(1)
            }
            return .float(try gain(name, args["param"]))
        }
        return m
    }()

    /// `_calculate_fan_in_and_fan_out`: (size(1) * receptive field, size(0) * receptive field).
    static func fans(_ t: Tensor) throws -> (Int, Int) {
        guard t.rank >= 2 else {
            throw PyException.valueError("Fan in and fan out can not be computed for tensor with fewer than 2 dimensions")
        }
        let receptive = t.shape.dropFirst(2).reduce(1, *)
        return (t.shape[1] * receptive, t.shape[0] * receptive)
    }

    static func correctFan(_ t: Tensor, _ mode: String) throws -> Int {
        let lowered = mode.lowercased()
        guard lowered == "fan_in" || lowered == "fan_out" else {
            throw PyException.valueError("Mode \(lowered) not supported, please use one of ['fan_in', 'fan_out']")
        }
        let (fanIn, fanOut) = try fans(t)
        return lowered == "fan_in" ? fanIn : fanOut
    }

    /// `calculate_gain(nonlinearity, param)` as a double.
    static func gain(_ nonlinearity: String, _ param: Value) throws -> Double {
        switch nonlinearity {
        case "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "sigmoid": return 1
        case "tanh": return 5.0 / 3
        case "relu": return 2.0.squareRoot()
        case "selu": return 3.0 / 4
        case "leaky_relu":
            let slope: Double
            switch param {
            case .none: slope = 0.01
            case .int(let i): slope = Double(i)
            case .float(let d): slope = d
            default: throw PyException.valueError("negative_slope \(try Python.str(param)) not a valid number")
            }
            return (2.0 / (1 + pow(slope, 2))).squareRoot()
        default: throw PyException.valueError("Unsupported nonlinearity \(nonlinearity)")
        }
    }

    /// `trunc_normal_` (torch 2.15): when most of the mass lies inside [a, b] (p > 0.3), draw
    /// normals and redraw a whole tensor of them for the positions outside, until none are.
    static func truncNormal(_ t: Tensor, mean: Double, std: Double, a: Double, b: Double, generator: Generator) throws {
        func cdf(_ x: Double) -> Double { (1.0 + erf(x / 2.0.squareRoot())) / 2.0 }
        let p = cdf((b - mean) / std) - cdf((a - mean) / std)
        guard p > 0.3 else {
            throw PyException.notImplemented("nn.init.trunc_normal_ with bounds this narrow (rejection from a uniform) is not supported by the workbench")
        }
        let lo = Float(a), hi = Float(b)
        var result = try t.normal_(mean: mean, std: std, generator: generator)
        while true {
            let mask = try result.lt(.float(Double(lo))).bitwiseOr(result.gt(.float(Double(hi))))
            if !(try mask.any().boolValues().first ?? false) { break }
            let fresh = try Tensor.zerosLike(result).normal_(mean: mean, std: std, generator: generator)
            result = try Tensor.where(mask, fresh, result)
        }
        if result !== t { _ = try t.copy_(result) }
    }
}
