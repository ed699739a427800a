// `break FUNCTION`: stop a lesson function (a model's forward) as it returns and look at
// its locals at a `(debug)` prompt; the Shell runs that prompt (lessons 03-06).

import Python

extension Workbench {
    /// `break` lists the breakpoints, `break NAME` adds one, `break off` clears them.
    func setBreakpoint(_ argument: String) throws {
        var names = breakpoints.names
        switch argument {
        case "":
            say(names.isEmpty ? "no breakpoints; `break MultiHeadAttention.forward` stops there as it returns"
                              : "stops in: " + names.joined(separator: ", "))
            return
        case "off":
            names = []
            say("breakpoints cleared")
        default:
            guard argument.split(separator: ".").allSatisfy({ part in
                part.first.map { $0.isLetter || $0 == "_" } == true && part.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
            }) else { throw WorkbenchError("break takes a function name, e.g. break MultiHeadAttention.forward") }
            guard onStop != nil else { throw WorkbenchError("breakpoints need the interactive shell") }
            if !names.contains(argument) { names.append(argument) }
            say("will stop in \(argument) as it returns; there, its variables can be looked at, then `continue`")
        }
        breakpoints.names = names
    }

    /// At a breakpoint: only for this workbench's interpreter, and not again while stopped.
    func stopped(_ stop: Stop) {
        guard stoppedIn == nil, !Shell.interruptedSinceInput, let onStop,
              stop.interpreter === (session?.interpreter ?? existingScratch) else { return }
        stoppedIn = stop.function
        defer { stoppedIn = nil }
        let restore = expose(stop.variables, in: stop.interpreter)
        defer { restore() }
        say("stopped in \(stop.function) (\(stop.location)) as it returns; its variables:")
        say("  " + stop.variables.map(\.name).joined(separator: ", "))
        say("look at them as usual (show, stats, heatmap, any expression); `continue` goes on, `abort` stops the call")
        onStop(stop)
    }

    /// Makes `variables` globals for a while; the returned closure puts the old ones back.
    private func expose(_ variables: [(name: String, value: Value)], in interpreter: Interpreter) -> () -> Void {
        let previous = variables.map { ($0.name, interpreter.global($0.name)) }
        for (name, value) in variables { interpreter.setGlobal(name, value) }
        return {
            for (name, old) in previous.reversed() {
                if let old { interpreter.setGlobal(name, old) } else { _ = try? interpreter.evaluate("del \(name)", filename: "<debug>") }
            }
        }
    }
}
