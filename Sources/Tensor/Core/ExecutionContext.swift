// The state PyTorch keeps per process or thread (the default random generator, the
// print options, grad mode), kept per script interpreter instead: each interpreter installs its own
// context on the thread that runs it, so two sessions (or two tests) never draw
// from, or print with, each other's state. Outside any context the process-wide
// defaults apply.

import Foundation

public final class ExecutionContext {
    /// `torch.manual_seed` and every draw without `generator=` use this one.
    public var generator: Generator
    /// `torch.set_printoptions` changes these.
    public var printOptions: PrintOptions
    /// Autograd recording (`torch.no_grad()`, `torch.set_grad_enabled`).
    public var gradEnabled = true

    public init(generator: Generator = Generator(seed: UInt64.random(in: .min ... .max)),
                printOptions: PrintOptions = PrintOptions()) {
        self.generator = generator
        self.printOptions = printOptions
    }

    private static let key: pthread_key_t = {
        var key = pthread_key_t()
        pthread_key_create(&key, nil)
        return key
    }()

    /// The context installed on this thread, if any.
    public static var current: ExecutionContext? {
        pthread_getspecific(key).map { Unmanaged<ExecutionContext>.fromOpaque($0).takeUnretainedValue() }
    }

    /// Runs `body` with this context installed on the current thread.
    public func run<T>(_ body: () throws -> T) rethrows -> T {
        let previous = pthread_getspecific(ExecutionContext.key)
        let retained = Unmanaged.passRetained(self)
        pthread_setspecific(ExecutionContext.key, retained.toOpaque())
        defer {
            pthread_setspecific(ExecutionContext.key, previous)
            retained.release()
        }
        return try body()
    }
}
