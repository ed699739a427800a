// The one error type of the tensor layer. Each case maps to the Python exception
// PyTorch raises for the same mistake; the text is PyTorch's where it has one.

/// An error from a tensor operation, carrying the Python exception type it becomes.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    /// `RuntimeError`: shape mismatches, invalid views, autograd misuse.
    case runtime(String)
    /// `IndexError`: an index out of range.
    case index(String)
    /// `TypeError`: an argument of the wrong kind.
    case type(String)
    /// `ValueError`: an argument of the right kind but a wrong value.
    case value(String)
    /// `MemoryError`: an allocation the machine cannot hold.
    case outOfMemory(String)
    /// `NotImplementedError`: an op PyTorch does not define for this dtype.
    case notImplemented(String)

    /// The Python exception class name this error is raised as.
    public var pythonType: String {
        switch self {
        case .runtime: return "RuntimeError"
        case .index: return "IndexError"
        case .type: return "TypeError"
        case .value: return "ValueError"
        case .outOfMemory: return "MemoryError"
        case .notImplemented: return "NotImplementedError"
        }
    }

    public var message: String {
        switch self {
        case .runtime(let m), .index(let m), .type(let m), .value(let m), .outOfMemory(let m),
             .notImplemented(let m):
            return m
        }
    }

    public var description: String { "\(pythonType): \(message)" }
}
