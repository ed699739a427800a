// One call that makes every Swift-implemented module importable from scripts.

public enum Bindings {
    /// Runs once, thread-safely (Swift initialises static lets exactly once).
    private static let registration: Void = {
        TorchBinding.register()
        NNBinding.register()
        TiktokenBinding.register()
        ReBinding.register()
        DataBinding.register()
        OptimBinding.register()
        SerializationBinding.register()
        TqdmBinding.register()
        NetworkStubs.register()
        WorkbenchBinding.register()
        StandardModules.packageVersions["torch"] = TorchBinding.version
    }()

    /// Registers torch (and its submodules), tiktoken, re, safetensors, tqdm and the
    /// workbench helpers with the interpreter. Safe to call more than once.
    public static func registerAll() { _ = registration }
}
