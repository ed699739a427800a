// One call that makes every Swift-implemented module importable from scripts.
import PyRegex
import Python
import Tensor

extension ExecutionContext: InterpreterScope {
    public func enter<T>(_ body: () throws -> T) rethrows -> T { try run(body) }
}

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
        NumpyBinding.register()
        TensorCopy.register()
        BindingSnapshots.register()
        // The installed distribution's version has no local part (`torch.__version__` has one).
        Interpreter.setPackageVersion("torch", String(TorchBinding.version.prefix { $0 != "+" }))
        // Ctrl-C stops a long regex match too.
        PyRegexInterrupt.defaultCheck = { Interpreter.interruptRequested }
        // Each interpreter draws from its own generator and prints with its own options.
        Interpreter.onCreate { $0.scopes.append(ExecutionContext()) }
        // ... and keeps the bindings' per-process state (numpy's options, sinks) to itself.
        Interpreter.onCreate { $0.scopes.append(BindingsContext(interpreter: $0)) }
        // Lists and strings are refused past the same limit as tensors, in the same words.
        AllocationLimit.refusal = { bytes in Storage.refusal(bytes: bytes) }
    }()

    /// Registers torch (and its submodules), tiktoken, re, safetensors, tqdm and the
    /// workbench helpers with the interpreter. Safe to call more than once.
    public static func registerAll() { _ = registration }
}
