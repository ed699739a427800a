// `--allow-path PATH` (repeatable), accepted by llmwb and every subcommand: widens the
// sandbox (Sandbox.swift, DESIGN.md "Sandbox") to PATH for this run.

import ArgumentParser
import Python

struct SandboxOptions: ParsableArguments {
    @Option(name: .customLong("allow-path"),
            help: ArgumentHelp("Let scripts read and write under PATH too (repeatable).", valueName: "PATH"))
    var allowPath: [String] = []

    /// ArgumentParser validates every option group before `run()`: the paths are added here,
    /// so each subcommand gets them with one `@OptionGroup` line.
    func validate() throws {
        for path in allowPath {
            guard !path.isEmpty else { throw ValidationError("--allow-path takes a folder or file, not an empty string") }
            Sandbox.allow(path)
        }
    }
}

extension SandboxOptions {
    /// The command line with `--allow-path` accepted before the subcommand too
    /// (`llmwb --allow-path P exec f.py`): ArgumentParser reads a subcommand's options only
    /// after its name, so leading ones move there; with no subcommand (the shell) they are
    /// applied at once and removed.
    static func hoisted(_ arguments: [String]) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            if first == "--allow-path", rest.count >= 2 {
                leading += rest.prefix(2)
                rest = rest.dropFirst(2)
            } else if first.hasPrefix("--allow-path=") {
                leading.append(first)
                rest = rest.dropFirst()
            } else {
                break
            }
        }
        guard !leading.isEmpty else { return arguments }
        if let subcommand = rest.first, !subcommand.hasPrefix("-") {
            return [subcommand] + leading + rest.dropFirst()
        }
        do { _ = try SandboxOptions.parse(leading) } catch { SandboxOptions.exit(withError: error) }
        return Array(rest)
    }
}
