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
