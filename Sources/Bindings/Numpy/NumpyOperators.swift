// Python's operators on ndarrays and numpy scalars: `a + b` with broadcasting and NEP 50
// promotion (Python numbers are weak), `a @ b`, `-a`, `a == b` giving arrays, `a += b`.
import Python
import Tensor

/// One operand of a ufunc: its tensor, and for a Python number the kind it lifts to.
struct UfuncOperand {
    let tensor: Tensor
    /// Set for Python numbers: bool, int64 or float64 standing for their kind.
    let weakKind: DType?

    /// An ndarray, numpy scalar, Python number, list/tuple or torch tensor as an operand.
    static func from(_ value: Value) throws -> UfuncOperand? {
        switch value {
        case .bool(let b): return UfuncOperand(tensor: try Tensor(bools: [b], shape: []), weakKind: .bool)
        case .int(let i): return UfuncOperand(tensor: try Tensor(int64s: [Int64(i)], shape: []), weakKind: .int64)
        case .float(let d): return UfuncOperand(tensor: try Tensor(doubles: [d], shape: []), weakKind: .float64)
        case .object(let o):
            if let a = o as? NDArrayObject { return UfuncOperand(tensor: a.array, weakKind: nil) }
            if o is PyList || o is PyTuple { return UfuncOperand(tensor: try NumpyConversion.array(value, dtype: nil), weakKind: nil) }
            return nil
        default: return nil
        }
    }

    /// Like `from`, but a TypeError for values that are not array-like.
    static func required(_ value: Value) throws -> UfuncOperand {
        if let operand = try from(value) { return operand }
        if let t = value.tensorValue { return UfuncOperand(tensor: t, weakKind: nil) }
        return UfuncOperand(tensor: try NumpyConversion.array(value, dtype: nil), weakKind: nil)
    }
}

enum NumpyOperators {
    /// The dtype two operands compute in.
    static func resultType(_ a: UfuncOperand, _ b: UfuncOperand) -> DType {
        switch (a.weakKind, b.weakKind) {
        case (nil, nil): return NumpyDType.promote(a.tensor.dtype, b.tensor.dtype)
        case (nil, let k?): return NumpyDType.promote(a.tensor.dtype, weak: k)
        case (let k?, nil): return NumpyDType.promote(b.tensor.dtype, weak: k)
        case (let j?, let k?): return max(j, k)
        }
    }

    static let ufuncNames: [BinaryOperator: String] = [
        .add: "add", .subtract: "subtract", .multiply: "multiply", .divide: "divide",
        .floorDivide: "floor_divide", .modulo: "remainder", .power: "power",
        .bitAnd: "bitwise_and", .bitOr: "bitwise_or", .bitXor: "bitwise_xor", .matrixMultiply: "matmul",
    ]

    /// `a op b` as a tensor (no scalar unwrapping).
    static func apply(_ a: UfuncOperand, _ op: BinaryOperator, _ b: UfuncOperand) throws -> Tensor {
        var type = resultType(a, b)
        let arrayOp: ArrayBinaryOp
        switch op {
        case .add: arrayOp = .add
        case .subtract:
            if type == .bool {
                throw PyException.typeError("numpy boolean subtract, the `-` operator, is not supported, use the "
                    + "bitwise_xor, the `^` operator, or the logical_xor function instead.")
            }
            arrayOp = .subtract
        case .multiply: arrayOp = .multiply
        case .divide:
            if type == .int64 || type == .bool { type = .float64 }
            arrayOp = .divide
        case .floorDivide: if type == .bool { type = .int64 }; arrayOp = .floorDivide
        case .modulo: if type == .bool { type = .int64 }; arrayOp = .remainder
        case .power:
            if type == .bool { type = .int64 }
            if type.isFloatingPoint, a.tensor.dtype.isFloatingPoint, b.tensor.rank == 0,
               let fast = try fastScalarPower(a.tensor, b.tensor.doubleValues()[0], as: type) {
                return fast
            }
            arrayOp = .power
        case .bitAnd, .bitOr, .bitXor:
            if type.isFloatingPoint {
                throw PyException.typeError("ufunc '\(ufuncNames[op] ?? "")' not supported for the input types, and the "
                    + "inputs could not be safely coerced to any supported types according to the casting rule ''safe''")
            }
            arrayOp = op == .bitAnd ? .bitwiseAnd : (op == .bitOr ? .bitwiseOr : .bitwiseXor)
        case .matrixMultiply:
            return try matmul(a.tensor, b.tensor, as: type)
        default:
            throw PyException.typeError("unsupported operand type(s) for \(op.rawValue): 'numpy.ndarray' and 'numpy.ndarray'")
        }
        do {
            return try Tensor.arrayBinary(a.tensor, b.tensor, arrayOp, as: type)
        } catch TensorError.runtime(let message) where message.contains("must match") || message.contains("broadcast") {
            throw broadcastError(a.tensor.shape, b.tensor.shape)
        }
    }

    /// numpy's `fast_scalar_power`: a float array to the power 2, 0.5, -1, 1 or 0 is
    /// square, sqrt, reciprocal, a copy or ones (same values as numpy, not libm's pow).
    static func fastScalarPower(_ base: Tensor, _ exponent: Double, as type: DType) throws -> Tensor? {
        switch exponent {
        case 2: return try base.arrayUnary(.square, as: type)
        case 0.5: return try base.arrayUnary(.sqrt, as: type)
        case 1: return try base.copyData(as: type)
        case 0: return try Tensor.full(base.shape, .float(1), dtype: type)
        case -1: return try Tensor.arrayBinary(Tensor(doubles: [1], shape: []), base, .divide, as: type)
        default: return nil
        }
    }

    /// numpy's broadcasting error.
    static func broadcastError(_ shapes: [Int]...) -> PyException {
        PyException.valueError("operands could not be broadcast together with shapes "
            + shapes.map { NumpyFormatter.shapeText($0).replacingOccurrences(of: " ", with: "") }.joined(separator: " ") + " ")
    }

    /// The slot behind `a op b` and `b op a` (`reflected`).
    static func binary(_ this: Value, _ op: BinaryOperator, _ other: Value, reflected: Bool) throws -> Value? {
        if other.tensorValue != nil, let me = this.ndarray {
            // A torch tensor wins (its __array_priority__): scalars join as Python numbers,
            // arrays as tensors.
            let mine = me.rank == 0 ? try NumpyConversion.pythonScalar(me) : .tensor(try me.copyData(as: me.dtype))
            return reflected ? try binaryOp(op, other, mine) : try binaryOp(op, mine, other)
        }
        guard let me = try UfuncOperand.from(this), let you = try UfuncOperand.from(other) else { return nil }
        let (a, b) = reflected ? (you, me) : (me, you)
        return try NDArrayObject.result(apply(a, op, b))
    }

    /// `a op= b`: computed, then cast back into `a` under numpy's same_kind rule.
    static func inPlace(_ target: NDArrayObject, _ op: BinaryOperator, _ other: Value) throws -> Value? {
        guard let you = try UfuncOperand.from(other) else { return nil }
        let me = UfuncOperand(tensor: target.array, weakKind: nil)
        let result = try apply(me, op, you)
        let from = result.dtype, to = target.array.dtype
        if from.isFloatingPoint && !to.isFloatingPoint || (from == .int64 && to == .bool) {
            throw PyException(NumpyBinding.ufuncTypeError, "Cannot cast ufunc '\(ufuncNames[op] ?? "")' output "
                + "from dtype('\(NumpyDType.name(from))') to dtype('\(NumpyDType.name(to))') with casting rule 'same_kind'")
        }
        guard result.shape == target.array.shape else {
            throw PyException.valueError("non-broadcastable output operand with shape \(NumpyFormatter.shapeText(target.array.shape).replacingOccurrences(of: " ", with: "")) "
                + "doesn't match the broadcast shape \(NumpyFormatter.shapeText(result.shape).replacingOccurrences(of: " ", with: ""))")
        }
        try target.array.copy_(result)
        return .object(target)
    }

    static func unary(_ this: NDArrayObject, _ op: UnaryOperator) throws -> Value? {
        let t = this.array
        switch op {
        case .minus:
            if t.dtype == .bool {
                throw PyException.typeError("The numpy boolean negative, the `-` operator, is not supported, "
                    + "use the `~` operator or the logical_not function instead.")
            }
            return try NDArrayObject.result(t.arrayUnary(.negative, as: t.dtype))
        case .plus: return try NDArrayObject.result(t.copyData(as: t.dtype))
        case .invert:
            switch t.dtype {
            case .bool: return try NDArrayObject.result(t.arrayUnary(.logicalNot, as: .bool))
            case .int64:
                let minusOne = try Tensor(int64s: [-1], shape: [])
                return try NDArrayObject.result(Tensor.arrayBinary(t, minusOne, .bitwiseXor, as: .int64))
            default:
                throw PyException.typeError("ufunc 'invert' not supported for the input types, and the inputs could not "
                    + "be safely coerced to any supported types according to the casting rule ''safe''")
            }
        default: return nil
        }
    }

    static func compare(_ this: NDArrayObject, _ op: CompareOperator, _ other: Value) throws -> Value? {
        let arrayOp: ArrayCompareOp
        switch op {
        case .equal: arrayOp = .equal
        case .notEqual: arrayOp = .notEqual
        case .less: arrayOp = .less
        case .lessEqual: arrayOp = .lessEqual
        case .greater: arrayOp = .greater
        case .greaterEqual: arrayOp = .greaterEqual
        default: return nil
        }
        guard let you = try UfuncOperand.from(other) else {
            if op == .equal || op == .notEqual {
                let t = try Tensor.full(this.array.shape, .bool(op == .notEqual), dtype: .bool)
                return try NDArrayObject.result(t)
            }
            return nil
        }
        let me = UfuncOperand(tensor: this.array, weakKind: nil)
        do {
            return try NDArrayObject.result(Tensor.arrayCompare(me.tensor, you.tensor, arrayOp, in: resultType(me, you)))
        } catch is TensorError {
            throw broadcastError(me.tensor.shape, you.tensor.shape)
        }
    }

    /// `np.matmul(a, b)`: 1-d operands gain and lose a dim; batch dims broadcast.
    static func matmul(_ a: Tensor, _ b: Tensor, as type: DType) throws -> Tensor {
        if a.rank == 0 || b.rank == 0 {
            throw PyException.valueError("matmul: Input operand \(a.rank == 0 ? 0 : 1) does not have enough dimensions "
                + "(has 0, gufunc core with signature (n?,k),(k,m?)->(n?,m?) requires 1)")
        }
        if a.rank == 1 && b.rank == 1 && a.count == b.count && type == .float64 {
            return try Tensor.arrayDot(a, b)  // numpy calls BLAS ddot here
        }
        if a.rank == 2 && b.rank == 1 && a.shape[1] == b.count && type == .float64 {
            // numpy calls BLAS: ddot for a single row, dgemv otherwise.
            if a.shape[0] == 1 { return try Tensor.arrayDot(a.makeView(shape: [b.count], strides: [a.strides[1]], offset: a.offset), b).reshape([1]) }
            return try Tensor.arrayMatrixVector(a, b)
        }
        if a.rank == 1 && b.rank == 2 && b.shape[0] == a.count && type == .float64 {
            // numpy calls BLAS: ddot for a single column, dgemv otherwise.
            if b.shape[1] == 1 { return try Tensor.arrayDot(a, b.makeView(shape: [a.count], strides: [b.strides[0]], offset: b.offset)).reshape([1]) }
            return try Tensor.arrayVectorMatrix(a, b)
        }
        let x = a.rank == 1 ? a.makeView(shape: [1] + a.shape, strides: [0] + a.strides, offset: a.offset) : a
        let y = b.rank == 1 ? b.makeView(shape: b.shape + [1], strides: b.strides + [0], offset: b.offset) : b
        let k = x.shape[x.rank - 1], k2 = y.shape[y.rank - 2]
        guard k == k2 else {
            throw PyException.valueError("matmul: Input operand 1 has a mismatch in its core dimension 0, with gufunc "
                + "signature (n?,k),(k,m?)->(n?,m?) (size \(k2) is different from \(k))")
        }
        let computeType = type == .bool ? DType.int64 : type
        var out: Tensor
        do { out = try Tensor.arrayMatmul(x, y, as: computeType) } catch is TensorError {
            throw broadcastError(a.shape, b.shape)
        }
        var shape = out.shape
        if b.rank == 1 { shape.removeLast() }
        if a.rank == 1 { shape.remove(at: shape.count - (b.rank == 1 ? 1 : 2)) }
        out = try out.reshape(shape)
        return type == .bool ? try out.arrayCompare0() : out
    }
}

extension Tensor {
    /// Nonzero as bool (a bool matmul's result).
    fileprivate func arrayCompare0() throws -> Tensor {
        try Tensor.arrayCompare(self, Tensor(int64s: [0], shape: []), .notEqual, in: .int64)
    }
}
