// Ctrl-C for `llmwb exec` and `llmwb run`: the script gets a KeyboardInterrupt (its
// traceback printed, its output flushed) and the process ends as CPython's does, by SIGINT.

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

    /// After the KeyboardInterrupt's traceback: flushes stdout and ends the process the way
    /// CPython does after an uncaught KeyboardInterrupt, killed by SIGINT, so a shell sees
    /// status 130 and a shell loop running it stops too.
    static func exitBySignal() -> Never {
        Output.flush()
        fflush(stderr)
        signal(SIGINT, SIG_DFL)
        var interrupt = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        kill(getpid(), SIGINT)
        exit(130)
    }
}
