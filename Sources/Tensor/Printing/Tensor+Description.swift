// `repr(tensor)` / `print(tensor)`: PyTorch's text, character for character.
// Port of `_str_intern`, `_tensor_str` and `_vector_str` from `torch/_tensor_str.py`; every lesson prints tensors.

extension Tensor: CustomStringConvertible {
    /// Exactly `repr(t)` (what Python's `print(t)` prints) under `PrintOptions.current`.
    public var description: String { formatTensor(self, options: PrintOptions.current) }
}

/// `repr(t)` under `options`: `tensor([[1., 2.],\n        [3., 4.]], requires_grad=True)`.
///
/// Suffixes in PyTorch's order: `size=` (empty tensors not 1-d, or `edgeitems == 0`),
/// `dtype=` (empty non-float32 tensors), then `grad_fn=<Name>` or `requires_grad=True`.
/// Parameters get PyTorch's `Parameter containing:` line first.
public func formatTensor(_ t: Tensor, options: PrintOptions) -> String {
    let prefix = "tensor("
    let indent = prefix.utf8.count
    var suffixes: [String] = []
    let body: String
    if t.count == 0 {
        // Explicitly print the shape if it is not (0,), to match NumPy.
        if t.rank != 1 { suffixes.append("size=" + tupleDescription(t.shape)) }
        // No elements to tell an int64 tensor from a float one: say the dtype.
        if t.dtype != .float32 { suffixes.append("dtype=" + t.dtype.name) }
        body = "[]"
    } else {
        if options.edgeitems == 0 { suffixes.append("size=" + tupleDescription(t.shape)) }
        // float32, int64 and bool are all default dtypes, so no `dtype=` suffix here.
        body = TensorPrinter(t, options: options).tensorString(indent: indent)
        if t.dtype == .float64 { suffixes.append("dtype=" + t.dtype.name) }
    }
    if let gradFn = t.gradFn {
        suffixes.append("grad_fn=<\(gradFn.name)>")
    } else if t.requiresGrad {
        suffixes.append("requires_grad=True")
    }
    let text = addSuffixes(prefix + body, suffixes, indent: indent, linewidth: options.linewidth)
    return t.isParameter ? "Parameter containing:\n" + text : text
}

/// `_add_suffixes`: `, suffix` on the last line while it fits in `linewidth`, else on a new
/// line indented under the opening bracket. (PyTorch's last-line length counts two extra.)
private func addSuffixes(_ tensorString: String, _ suffixes: [String], indent: Int,
                         linewidth: Int) -> String {
    var result = tensorString
    let utf8 = tensorString.utf8
    var lastLineLength: Int
    if let newline = utf8.lastIndex(of: UInt8(ascii: "\n")) {
        lastLineLength = utf8.distance(from: newline, to: utf8.endIndex) + 1
    } else {
        lastLineLength = utf8.count + 2
    }
    for suffix in suffixes {
        let length = suffix.utf8.count
        if lastLineLength + length + 2 > linewidth {
            result += ",\n" + String(repeating: " ", count: indent) + suffix
            lastLineLength = indent + length
        } else {
            result += ", " + suffix
            lastLineLength += length + 2
        }
    }
    return result + ")"
}

/// Walks a non-empty tensor's elements by strides, summarising as `_tensor_str` does.
/// A sub-tensor is named by its `level` (how many leading dimensions are fixed) and the
/// storage offset of its first element; only printed elements are ever read.
private struct TensorPrinter {
    let tensor: Tensor
    let options: PrintOptions
    let shape: [Int]
    let strides: [Int]
    /// Items kept at each end of a summarised dimension (negative values act as 0).
    let edgeitems: Int

    init(_ tensor: Tensor, options: PrintOptions) {
        self.tensor = tensor
        self.options = options
        self.shape = tensor.shape
        self.strides = tensor.strides
        self.edgeitems = max(options.edgeitems, 0)
    }

    func element(at offset: Int) -> PrintedElement {
        switch tensor.dtype {
        case .float32: return .float(Double(tensor.floatPointer[offset]))
        case .int64: return .int(tensor.int64Pointer[offset])
        case .bool: return .bool(tensor.boolPointer[offset] != 0)
        case .float64: return .float(tensor.doublePointer[offset])
        }
    }

    /// `_tensor_str`: the bracketed body, summarised past `threshold` elements.
    func tensorString(indent: Int) -> String {
        let summarize = Double(tensor.count) > options.threshold
        var elements: [PrintedElement] = []
        if summarize {
            collectSummarized(level: 0, offset: 0, into: &elements)
        } else {
            collectAll(level: 0, offset: 0, into: &elements)
        }
        let formatter = TensorFormatter(floatingDtype: tensor.dtype.isFloatingPoint,
                                        elements: elements, options: options)
        return string(level: 0, offset: 0, indent: indent, summarize: summarize, formatter: formatter)
    }

    // MARK: which elements the formatter sees

    private func collectAll(level: Int, offset: Int, into elements: inout [PrintedElement]) {
        if level == shape.count { elements.append(element(at: offset)); return }
        for i in 0..<shape[level] {
            collectAll(level: level + 1, offset: offset + i * strides[level], into: &elements)
        }
    }

    /// `get_summarized_data`: the edge items of every dimension. For a 1-d tensor with
    /// `edgeitems == 0` PyTorch's `self[:0]` + `self[-0:]` is the whole row; a higher-rank
    /// one gives nothing.
    private func collectSummarized(level: Int, offset: Int, into elements: inout [PrintedElement]) {
        let dim = shape.count - level
        if dim == 0 { elements.append(element(at: offset)); return }
        let size = shape[level]
        let indices: [Int]
        if dim == 1 {
            indices = size > 2 * edgeitems && edgeitems > 0
                ? Array(0..<edgeitems) + Array(size - edgeitems..<size) : Array(0..<size)
        } else if edgeitems == 0 {
            return
        } else {
            indices = size > 2 * edgeitems
                ? Array(0..<edgeitems) + Array(size - edgeitems..<size) : Array(0..<size)
        }
        for i in indices {
            let at = offset + i * strides[level]
            if dim == 1 { elements.append(element(at: at)) } else {
                collectSummarized(level: level + 1, offset: at, into: &elements)
            }
        }
    }

    // MARK: text

    /// `_tensor_str_with_formatter`: a scalar, a row, or slices joined by `,` and
    /// `dim - 1` newlines (so 3-d slices are separated by a blank line).
    private func string(level: Int, offset: Int, indent: Int, summarize: Bool,
                        formatter: TensorFormatter) -> String {
        let dim = shape.count - level
        if dim == 0 { return formatter.format(element(at: offset)) }
        if dim == 1 {
            return vectorString(offset: offset, stride: strides[level], size: shape[level],
                                indent: indent, summarize: summarize, formatter: formatter)
        }
        let size = shape[level]
        func slice(_ i: Int) -> String {
            string(level: level + 1, offset: offset + i * strides[level], indent: indent + 1,
                   summarize: summarize, formatter: formatter)
        }
        var slices: [String]
        if summarize && size > 2 * edgeitems {
            slices = (0..<edgeitems).map(slice) + ["..."] + (size - edgeitems..<size).map(slice)
        } else {
            slices = (0..<size).map(slice)
        }
        let separator = "," + String(repeating: "\n", count: dim - 1)
            + String(repeating: " ", count: indent + 1)
        return "[" + slices.joined(separator: separator) + "]"
    }

    /// `_vector_str`: one row, `elements_per_line` items a line, continuation lines
    /// indented one past the opening bracket.
    private func vectorString(offset: Int, stride: Int, size: Int, indent: Int, summarize: Bool,
                              formatter: TensorFormatter) -> String {
        let elementLength = formatter.width + 2  // ", " between items
        let perLine = max(1, Int((Double(options.linewidth - indent) / Double(elementLength)).rounded(.down)))
        func item(_ i: Int) -> String { formatter.format(element(at: offset + i * stride)) }
        let data: [String]
        if summarize && edgeitems == 0 {
            data = ["..."]
        } else if summarize && size > 2 * edgeitems {
            data = (0..<edgeitems).map(item) + [" ..."] + (size - edgeitems..<size).map(item)
        } else {
            data = (0..<size).map(item)
        }
        var lines: [String] = []
        var start = 0
        while start < data.count {
            let end = min(start + perLine, data.count)
            lines.append(data[start..<end].joined(separator: ", "))
            start = end
        }
        return "[" + lines.joined(separator: ",\n" + String(repeating: " ", count: indent + 1)) + "]"
    }
}
