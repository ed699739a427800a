// The llmwb executable: the workbench's command line (DESIGN.md, "The command line").
// Each subcommand lives in its own file; adding one is one entry in `subcommands`.
import ArgumentParser

struct Llmwb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "llmwb",
        abstract: "LLM Workbench: learn how a GPT works by running it, one matrix at a time.",
        discussion: """
            With no subcommand, llmwb opens the shell: `lessons` lists the lessons, `open 3` opens one, \
            `next` runs its next step, and anything that is not a command runs as Python, with torch, \
            torch.nn as nn and torch.nn.functional as F already imported. `help` lists the commands.
            Scripts read and write only under their folder, ~/.cache/llmwb and ~/.llmwb, and read the lessons; \
            `--allow-path PATH` (here or after any subcommand, repeatable) lets them use PATH too.
            """,
        subcommands: [
            Lessons.self,
            Run.self,
            Exec.self,
            Bench.self,
            Download.self,
        ])

    /// With no subcommand: the interactive shell.
    func run() throws { runShell() }
}

Llmwb.main(SandboxOptions.hoisted(Array(CommandLine.arguments.dropFirst())))
