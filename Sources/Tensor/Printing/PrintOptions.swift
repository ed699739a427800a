// `torch.set_printoptions`: precision, summarisation and line width of printed tensors.
// Serves every lesson that prints a tensor (chapter 2 onwards); port of `torch/_tensor_str.py`.

/// The options PyTorch keeps in `torch._tensor_str.PRINT_OPTS`.
///
/// `PrintOptions.current` is what `Tensor.description` (Python's `repr`/`print`)
/// uses; `set(...)` has `torch.set_printoptions` semantics.
public struct PrintOptions: Sendable, Equatable {
    /// Digits after the decimal point (`{:.4f}` / `{:.4e}`).
    public var precision: Int
    /// Tensors with more elements than this are summarised with `...`
    /// (`.infinity` under the "full" profile).
    public var threshold: Double
    /// Items kept at each end of a summarised dimension.
    public var edgeitems: Int
    /// Characters per line before a row wraps.
    public var linewidth: Int
    /// Scientific notation forced on (`true`), off (`false`), or chosen per tensor (`nil`).
    public var sciMode: Bool?

    public init(precision: Int = 4, threshold: Double = 1000, edgeitems: Int = 3,
                linewidth: Int = 80, sciMode: Bool? = nil) {
        self.precision = precision
        self.threshold = threshold
        self.edgeitems = edgeitems
        self.linewidth = linewidth
        self.sciMode = sciMode
    }

    /// The options in effect for `print(tensor)`.
    ///
    /// Process-wide in PyTorch (`PRINT_OPTS`); here per interpreter, see `ExecutionContext`.
    /// Per interpreter: the installed `ExecutionContext`'s options when there is one.
    public static var current: PrintOptions {
        get { ExecutionContext.current?.printOptions ?? processDefault }
        set {
            if let context = ExecutionContext.current { context.printOptions = newValue } else { processDefault = newValue }
        }
    }
    nonisolated(unsafe) private static var processDefault = PrintOptions()

    /// `torch.set_printoptions(precision=, threshold=, edgeitems=, linewidth=, profile=, sci_mode=)`.
    ///
    /// A profile ("default", "short", "full") resets precision, threshold, edgeitems and
    /// linewidth first (an unknown profile is ignored, as in PyTorch); explicit values
    /// then override it. `sciMode` is always assigned, so leaving it out resets it to nil.
    public mutating func set(precision: Int? = nil, threshold: Double? = nil, edgeitems: Int? = nil,
                             linewidth: Int? = nil, profile: String? = nil, sciMode: Bool? = nil) {
        if let profile {
            switch profile {
            case "default":
                self.precision = 4; self.threshold = 1000; self.edgeitems = 3; self.linewidth = 80
            case "short":
                self.precision = 2; self.threshold = 1000; self.edgeitems = 2; self.linewidth = 80
            case "full":
                self.precision = 4; self.threshold = .infinity; self.edgeitems = 3; self.linewidth = 80
            default:
                break
            }
        }
        if let precision { self.precision = precision }
        if let threshold { self.threshold = threshold }
        if let edgeitems { self.edgeitems = edgeitems }
        if let linewidth { self.linewidth = linewidth }
        self.sciMode = sciMode
    }
}
