// Ctrl-C for `llmwb exec` and `llmwb run`: the script gets a KeyboardInterrupt (its
// traceback printed, its output flushed) and the process exits with 130, as a shell reports CPython's.

import Foundation
import Python

enum Interrupt {
    /// How many SIGINTs have arrived (written only by the signal handler).
    @exclusivity(unchecked) nonisolated(unsafe) private static var received = 0

    /// Whether Ctrl-C (SIGINT) has been pressed since `install`.
    static var wasReceived: Bool { received > 0 }

    /// The first Ctrl-C asks the interpreter for a KeyboardInterrupt. Another one while
    /// that is still pending (a long native op that does not look at the flag) ends the
    /// process at once, as an unhandled SIGINT would.
    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupt.received += 1
            if Interpreter.interruptRequested && Interrupt.received > 1 {
                // Async-signal-safe calls only: default action, unblocked, delivered.
                signal(SIGINT, SIG_DFL)
                var interrupt = sigset_t()
                sigemptyset(&interrupt)
                sigaddset(&interrupt, SIGINT)
                pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
                raise(SIGINT)
                _exit(130)
            }
            Interpreter.interruptRequested = true
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = Int32(SA_RESTART)
        sigaction(SIGINT, &action, nil)
        // A parent may have blocked SIGINT; threads made from here on inherit this mask.
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
    }

    /// After the KeyboardInterrupt's traceback: flushes stdout and stderr and exits with
    /// 130, the status a shell reports for CPython after an uncaught KeyboardInterrupt.
    static func exitAfterInterrupt() -> Never {
        Output.flush()
        fflush(stderr)
        exit(130)
    }
}
