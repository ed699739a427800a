// The element types a tensor can hold, and PyTorch's promotion between them.
// Serves every lesson: token ids are int64, masks are bool, everything else float32.

/// A tensor's element type. The names match PyTorch's (`torch.float32`, ...).
public enum DType: Int, Sendable, CaseIterable, Comparable {
    case bool = 0
    case int64 = 1
    case float32 = 2
    /// numpy's default float; torch ops other than conversion refuse it (see Tensor+Float64.swift).
    case float64 = 3

    /// Bytes one element takes in storage (bool is one byte, as in PyTorch).
    public var itemSize: Int {
        switch self {
        case .bool: return 1
        case .int64: return 8
        case .float32: return 4
        case .float64: return 8
        }
    }

    public var isFloatingPoint: Bool { self == .float32 || self == .float64 }

    /// `torch.float32`, `torch.int64`, `torch.bool`.
    public var name: String {
        switch self {
        case .bool: return "torch.bool"
        case .int64: return "torch.int64"
        case .float32: return "torch.float32"
        case .float64: return "torch.float64"
        }
    }

    /// PyTorch's result type for two tensor operands of these dtypes
    /// (bool < int64 < float32 < float64).
    public static func promote(_ a: DType, _ b: DType) -> DType { max(a, b) }

    public static func < (a: DType, b: DType) -> Bool { a.rawValue < b.rawValue }
}
