// One call that makes every Swift-implemented module importable from scripts.

public enum Bindings {
    nonisolated(unsafe) private static var registered = false

    /// Registers torch (and its submodules), tiktoken, re, safetensors and the
    /// workbench helpers with the interpreter. Safe to call more than once.
    public static func registerAll() {
        guard !registered else { return }
        registered = true
        TorchBinding.register()
        NNBinding.register()
        TiktokenBinding.register()
        DataBinding.register()
        OptimBinding.register()
        SerializationBinding.register()
        TqdmBinding.register()
    }
}
