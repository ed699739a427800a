// `torch.Size` and Python tuple text for shapes: `torch.Size([2, 3])`, `(0, 3)`, `(5,)`.
// Serves `tensor.shape` / `tensor.size()` in every lesson, and the `size=` suffix of empty tensors.

/// `repr(torch.Size(shape))`: `torch.Size([2, 3])`, `torch.Size([])`.
public func sizeDescription(_ shape: [Int]) -> String {
    "torch.Size([" + shape.map(String.init).joined(separator: ", ") + "])"
}

/// `str(tuple(shape))`: `()`, `(5,)`, `(0, 3)`.
func tupleDescription(_ shape: [Int]) -> String {
    if shape.count == 1 { return "(\(shape[0]),)" }
    return "(" + shape.map(String.init).joined(separator: ", ") + ")"
}
