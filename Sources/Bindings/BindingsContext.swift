// What the bindings keep per interpreter: state numpy and PyTorch keep per process
// (`np.set_printoptions`, the legacy `np.random` state, matmul precision), the trace being
// recorded, and where tqdm bars and torch's notes go. Entered on the interpreter's thread
// around everything it runs (Interpreter.scopes), so two sessions never see each other's.
import Foundation
import Python

final class BindingsContext: InterpreterScope {
    /// `np.set_printoptions`.
    var numpyPrintOptions = NumpyPrintOptions()
    /// The global RandomState behind `np.random.*`, seeded nondeterministically as numpy's.
    var numpyRandom = RandomState(seed: UInt32.random(in: .min ... .max))
    /// `torch.set_float32_matmul_precision`.
    var matmulPrecision = "highest"
    /// The `trace` recording in progress in this interpreter.
    var trace: TraceRecorder?
    private weak var interpreter: Interpreter?

    init(interpreter: Interpreter?) { self.interpreter = interpreter }

    /// For interpreters made before `Bindings.registerAll` (which have no context of their
    /// own) and Swift callers outside any interpreter: numpy's state as one process has it.
    private static let unscoped = BindingsContext(interpreter: nil)

    /// Text for the interpreter's output (`tqdm.write`).
    func write(_ text: String) { interpreter?.output(text) }

    /// Text for the interpreter's error stream (tqdm bars, torch.compile's note).
    func writeError(_ text: String) { interpreter?.errorOutput(text) }

    /// The context of the interpreter running on this thread (`unscoped` outside any).
    static var current: BindingsContext {
        pthread_getspecific(key).map { Unmanaged<BindingsContext>.fromOpaque($0).takeUnretainedValue() } ?? unscoped
    }

    /// The context `interpreter` enters (for work started from outside it, like `trace`).
    static func of(_ interpreter: Interpreter) -> BindingsContext? {
        interpreter.scopes.lazy.compactMap { $0 as? BindingsContext }.first
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    func enter<T>(_ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(BindingsContext.key)
        let retained = Unmanaged.passRetained(self)
        pthread_setspecific(BindingsContext.key, retained.toOpaque())
        defer {
            pthread_setspecific(BindingsContext.key, previous)
            retained.release()
        }
        return try body()
    }
}
