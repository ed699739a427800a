// The operations that exist both as `torch.f(t, ...)` and as `t.f(...)`, declared
// once with PyTorch's signatures (minus the tensor) and registered both ways.
import Python
import Tensor

/// One operation: its name, its Python signature after the tensor, and its body.
struct TensorOperation {
    let name: String
    let signature: String
    let body: (Tensor, BoundArguments) throws -> Value

    init(_ name: String, _ signature: String = "", _ body: @escaping (Tensor, BoundArguments) throws -> Value) {
        (self.name, self.signature, self.body) = (name, signature, body)
    }
}

extension TensorOperation {
    private static func unary(_ name: String, _ f: @escaping (Tensor) throws -> Tensor) -> TensorOperation {
        TensorOperation(name) { t, _ in .tensor(try f(t)) }
    }

    /// A binary op taking a tensor or a Python number, with an optional `alpha` for add/sub.
    private static func binary(_ name: String, tensor: @escaping (Tensor, Tensor) throws -> Tensor,
                               scalar: @escaping (Tensor, Scalar) throws -> Tensor) -> TensorOperation {
        TensorOperation(name, "other, *, alpha=1") { t, args in
            var other = args["other"]
            if case .int(1) = args["alpha"] {} else if let alpha = TensorSlots.scalar(args["alpha"]) {
                if let o = other.tensorValue { other = .tensor(try o.mul(alpha)) }
                else if let s = TensorSlots.scalar(other) { other = .float(s.doubleValue * alpha.doubleValue) }
            }
            if let o = other.tensorValue { return .tensor(try tensor(t, o)) }
            if let s = TensorSlots.scalar(other) { return .tensor(try scalar(t, s)) }
            throw PyException.typeError("\(name)(): argument 'other' must be Tensor or Number, not \(other.typeName)")
        }
    }

    private static func reduction(_ name: String, _ f: @escaping (Tensor, [Int]?, Bool) throws -> Tensor) -> TensorOperation {
        TensorOperation(name, "dim=None, keepdim=False, *, dtype=None") { t, args in
            var input = t
            if let d = try TensorConversion.dtype(args["dtype"]) { input = try t.to(d) }
            return .tensor(try f(input, TensorConversion.dims(args["dim"]), args.bool("keepdim")))
        }
    }

    /// `var`/`std`: `unbiased=True` or `correction=1`.
    private static func spread(_ name: String, _ f: @escaping (Tensor, [Int]?, Double, Bool) throws -> Tensor) -> TensorOperation {
        TensorOperation(name, "dim=None, unbiased=None, keepdim=False, *, correction=None") { t, args in
            var dimValue = args["dim"]
            var unbiased = args["unbiased"]
            if case .bool = dimValue { unbiased = dimValue; dimValue = .none }  // var(False)
            let correction = try args.optionalDouble("correction") ?? (unbiased.isNone ? 1 : (try isTruthy(unbiased) ? 1 : 0))
            return .tensor(try f(t, TensorConversion.dims(dimValue), correction, args.bool("keepdim")))
        }
    }

    /// `max()` of all elements, `max(dim)` as (values, indices), or `max(other)` elementwise.
    private static func extreme(_ name: String, largest: Bool) -> TensorOperation {
        TensorOperation(name, "dim=None, keepdim=False") { t, args in
            if let other = args["dim"].tensorValue { return .tensor(try largest ? t.maximum(other) : t.minimum(other)) }
            guard let dim = try args.optionalInt("dim") else {
                return .tensor(try largest ? t.maxElement() : t.minElement())
            }
            let r = try largest ? t.maxAlong(dim: dim, keepdim: args.bool("keepdim")) : t.minAlong(dim: dim, keepdim: args.bool("keepdim"))
            return .object(ReturnTypeObject(name, r.values, r.indices))
        }
    }

    /// Operations shared by `torch.*` and `Tensor.*`.
    static let shared: [TensorOperation] = [
        binary("add", tensor: { try $0.add($1) }, scalar: { try $0.add($1) }),
        binary("sub", tensor: { try $0.sub($1) }, scalar: { try $0.sub($1) }),
        binary("mul", tensor: { try $0.mul($1) }, scalar: { try $0.mul($1) }),
        binary("div", tensor: { try $0.div($1) }, scalar: { try $0.div($1) }),
        binary("remainder", tensor: { try $0.remainder($1) }, scalar: { try $0.remainder($1) }),
        binary("floor_divide", tensor: { try $0.floorDivide($1) }, scalar: { try $0.floorDivide($1) }),
        binary("eq", tensor: { try $0.eq($1) }, scalar: { try $0.eq($1) }),
        binary("ne", tensor: { try $0.ne($1) }, scalar: { try $0.ne($1) }),
        binary("lt", tensor: { try $0.lt($1) }, scalar: { try $0.lt($1) }),
        binary("le", tensor: { try $0.le($1) }, scalar: { try $0.le($1) }),
        binary("gt", tensor: { try $0.gt($1) }, scalar: { try $0.gt($1) }),
        binary("ge", tensor: { try $0.ge($1) }, scalar: { try $0.ge($1) }),
        TensorOperation("pow", "exponent") { t, args in
            if let e = args["exponent"].tensorValue { return .tensor(try t.pow(e)) }
            guard let s = TensorSlots.scalar(args["exponent"]) else { throw PyException.typeError("pow(): exponent must be Tensor or Number") }
            return .tensor(try t.pow(s))
        },
        TensorOperation("maximum", "other") { t, args in .tensor(try t.maximum(args.tensor("other"))) },
        TensorOperation("minimum", "other") { t, args in .tensor(try t.minimum(args.tensor("other"))) },
        unary("neg", { try $0.neg() }), unary("abs", { try $0.abs() }), unary("exp", { try $0.exp() }),
        unary("log", { try $0.log() }), unary("sqrt", { try $0.sqrt() }), unary("rsqrt", { try $0.rsqrt() }),
        unary("tanh", { try $0.tanh() }), unary("sigmoid", { try $0.sigmoid() }), unary("relu", { try $0.relu() }),
        unary("sin", { try $0.sin() }), unary("cos", { try $0.cos() }), unary("reciprocal", { try $0.reciprocal() }),
        unary("square", { try $0.mul($0) }), unary("logical_not", { try $0.logicalNot() }),
        TensorOperation("clamp", "min=None, max=None") { t, args in
            .tensor(try t.clamp(min: TensorSlots.scalar(args["min"]), max: TensorSlots.scalar(args["max"])))
        },
        TensorOperation("clip", "min=None, max=None") { t, args in
            .tensor(try t.clamp(min: TensorSlots.scalar(args["min"]), max: TensorSlots.scalar(args["max"])))
        },
        reduction("sum") { try $0.sum(dims: $1, keepdim: $2) },
        reduction("mean") { try $0.mean(dims: $1, keepdim: $2) },
        reduction("amax") { try $0.amax(dims: $1, keepdim: $2) },
        reduction("amin") { try $0.amin(dims: $1, keepdim: $2) },
        TensorOperation("all", "dim=None, keepdim=False") { t, args in .tensor(try t.all(dims: TensorConversion.dims(args["dim"]), keepdim: args.bool("keepdim"))) },
        TensorOperation("any", "dim=None, keepdim=False") { t, args in .tensor(try t.any(dims: TensorConversion.dims(args["dim"]), keepdim: args.bool("keepdim"))) },
        TensorOperation("prod", "dim=None, keepdim=False") { t, args in .tensor(try t.prod(dim: args.optionalInt("dim"), keepdim: args.bool("keepdim"))) },
        spread("var") { try $0.variance(dims: $1, correction: $2, keepdim: $3) },
        spread("std") { try $0.std(dims: $1, correction: $2, keepdim: $3) },
        extreme("max", largest: true),
        extreme("min", largest: false),
        TensorOperation("argmax", "dim=None, keepdim=False") { t, args in .tensor(try t.argmax(dim: args.optionalInt("dim"), keepdim: args.bool("keepdim"))) },
        TensorOperation("argmin", "dim=None, keepdim=False") { t, args in .tensor(try t.argmin(dim: args.optionalInt("dim"), keepdim: args.bool("keepdim"))) },
        TensorOperation("topk", "k, dim=-1, largest=True, sorted=True") { t, args in
            let r = try t.topk(args.int("k"), dim: args.int("dim"), largest: args.bool("largest"), sorted: args.bool("sorted"))
            return .object(ReturnTypeObject("topk", r.values, r.indices))
        },
        TensorOperation("sort", "dim=-1, descending=False, stable=False") { t, args in
            let r = try t.sort(dim: args.int("dim"), descending: args.bool("descending"))
            return .object(ReturnTypeObject("sort", r.values, r.indices))
        },
        TensorOperation("argsort", "dim=-1, descending=False") { t, args in .tensor(try t.argsort(dim: args.int("dim"), descending: args.bool("descending"))) },
        TensorOperation("softmax", "dim, dtype=None") { t, args in .tensor(try t.softmax(dim: args.int("dim"))) },
        TensorOperation("log_softmax", "dim, dtype=None") { t, args in .tensor(try t.logSoftmax(dim: args.int("dim"))) },
        TensorOperation("matmul", "other") { t, args in .tensor(try t.matmul(args.tensor("other"))) },
        TensorOperation("mm", "mat2") { t, args in .tensor(try t.mm(args.tensor("mat2"))) },
        TensorOperation("bmm", "mat2") { t, args in .tensor(try t.bmm(args.tensor("mat2"))) },
        TensorOperation("mv", "vec") { t, args in .tensor(try t.mv(args.tensor("vec"))) },
        TensorOperation("dot", "other") { t, args in .tensor(try t.dot(args.tensor("other"))) },
        TensorOperation("tril", "diagonal=0") { t, args in .tensor(try t.tril(args.int("diagonal"))) },
        TensorOperation("triu", "diagonal=0") { t, args in .tensor(try t.triu(args.int("diagonal"))) },
        TensorOperation("masked_fill", "mask, value") { t, args in
            let mask = try args.tensor("mask")
            if let v = args["value"].tensorValue { return .tensor(try t.maskedFill(mask, v)) }
            guard let s = TensorSlots.scalar(args["value"]) else { throw PyException.typeError("masked_fill(): value must be a Number or a 0-d Tensor") }
            return .tensor(try t.maskedFill(mask, s))
        },
        TensorOperation("reshape", "*shape") { t, args in .tensor(try t.reshape(args.intList("shape"))) },
        TensorOperation("flatten", "start_dim=0, end_dim=-1") { t, args in .tensor(try t.flatten(args.int("start_dim"), args.int("end_dim"))) },
        TensorOperation("transpose", "dim0, dim1") { t, args in .tensor(try t.transpose(args.int("dim0"), args.int("dim1"))) },
        TensorOperation("permute", "*dims") { t, args in .tensor(try t.permute(args.intList("dims"))) },
        TensorOperation("unsqueeze", "dim") { t, args in .tensor(try t.unsqueeze(args.int("dim"))) },
        TensorOperation("squeeze", "dim=None") { t, args in
            if let d = try args.optionalInt("dim") { return .tensor(try t.squeeze(d)) }
            return .tensor(try t.squeeze())
        },
        TensorOperation("t") { t, _ in .tensor(try t.t()) },
        TensorOperation("bincount", "weights=None, minlength=0") { t, args in .tensor(try t.bincount(minlength: args.int("minlength"))) },
        TensorOperation("numel") { t, _ in .int(t.count) },
        TensorOperation("clone", "*, memory_format=None") { t, _ in .tensor(try t.clone()) },
        TensorOperation("detach") { t, _ in .tensor(t.detach()) },
        TensorOperation("equal", "other") { t, args in
            let o = try args.tensor("other")
            guard t.shape == o.shape else { return .false }
            return .bool(try t.eq(o).all().boolValues().first ?? true)
        },
        TensorOperation("allclose", "other, rtol=1e-05, atol=1e-08, equal_nan=False") { t, args in
            let o = try args.tensor("other")
            let (rtol, atol) = (try args.double("rtol"), try args.double("atol"))
            let shape = try Tensor.broadcastShapes(t.shape, o.shape)
            let a = t.broadcastView(to: shape).floatValues(), b = o.broadcastView(to: shape).floatValues()
            return .bool(zip(a, b).allSatisfy { x, y in
                (x.isNaN && y.isNaN && (try? args.bool("equal_nan")) == true) || abs(Double(x) - Double(y)) <= atol + rtol * abs(Double(y))
            })
        },
        TensorOperation("multinomial", "num_samples, replacement=False, *, generator=None") { t, args in
            .tensor(try Tensor.multinomial(t, numSamples: args.int("num_samples"), replacement: args.bool("replacement"),
                                           generator: args.generator()))
        },
    ] + splitting + searching
}
