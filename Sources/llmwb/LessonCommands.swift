// `llmwb` (the shell), `llmwb lessons` and `llmwb run LESSON`: the workbench from
// the command line (DESIGN.md, the command-line contract).

import ArgumentParser
import Foundation
import Lessons
import Python
import Shell

/// The workbench for this process: lessons found, progress remembered.
func makeWorkbench(terminal: Terminal, remember: Bool) -> Workbench {
    Workbench(terminal: terminal, lessonsFolder: LessonCatalog.locate(), state: remember ? StateStore.standard() : nil,
              write: { Output.write($0) })
}

/// Runs the interactive shell: readline on a terminal, plain lines from a pipe.
func runShell() {
    let interactive = isatty(STDIN_FILENO) == 1
    let workbench = makeWorkbench(terminal: interactive ? .current() : .plain, remember: interactive)
    let reader: LineReader
    var shell: Shell!
    if interactive {
        let home = ProcessInfo.processInfo.environment["HOME"] ?? "."
        reader = ReadlineReader(historyPath: home + "/.llmwb_history") { line, start, word in
            shell?.complete(line: line, wordStart: start, word: word) ?? []
        }
    } else {
        reader = PlainLineReader()
    }
    shell = Shell(workbench: workbench, reader: reader, interactive: interactive)
    Shell.installInterruptHandler(interactive: interactive)
    shell.run()
    Output.flush()
}

struct Lessons: ParsableCommand {
    @OptionGroup var sandbox: SandboxOptions

    static let configuration = CommandConfiguration(abstract: "List the lessons: number, name, title, steps.")

    func run() throws {
        let workbench = makeWorkbench(terminal: .plain, remember: false)
        workbench.handle("lessons")
        Output.flush()
    }
}

struct Run: ParsableCommand {
    @OptionGroup var sandbox: SandboxOptions

    static let configuration = CommandConfiguration(
        abstract: "Run a lesson headless: its prose and outputs, as the shell shows them.")

    @ArgumentParser.Argument(help: "The lesson: a number (3), a file name (03_attention) or a name (attention).")
    var lesson: String

    @Option(name: .customLong("set"), help: "Set a parameter before running, as NAME=VALUE (repeatable).")
    var settings: [String] = []

    @Option(name: .customLong("to"), help: "Stop after this step (cell) number.")
    var to: Int?

    @Option(help: "Stop the lesson (KeyboardInterrupt, as Ctrl-C) after this many seconds.")
    var timeout: Double?

    func validate() throws { try Timeout.validate(timeout) }

    func run() throws {
        let workbench = makeWorkbench(terminal: .plain, remember: false)
        workbench.headless = true
        do {
            try workbench.open(lesson + " --restart")
            guard let session = workbench.session else { throw ExitCode(1) }
            for setting in settings {
                guard let eq = setting.firstIndex(of: "=") else {
                    throw ValidationError("--set takes NAME=VALUE, got \(setting)")
                }
                try session.set(String(setting[..<eq]), to: String(setting[setting.index(after: eq)...]))
            }
            let last = min(to ?? session.lesson.steps.count, session.lesson.steps.count)
            Interrupt.install()
            Timeout.start(timeout)
            while session.position < last {
                if !(try workbench.next()) {
                    if Timeout.expired { Timeout.stop() }
                    Output.flush()
                    // As `python lesson.py` would end: Ctrl-C by SIGINT, `sys.exit(n)` with n.
                    if let error = workbench.lastStepError {
                        if error.typeName == "KeyboardInterrupt" { Interrupt.exitAfterInterrupt() }
                        if error.isSystemExit { throw ExitCode(error.exitStatus) }
                    }
                    throw ExitCode(1)
                }
                Output.flush()  // each step shows as it finishes, even when piped
            }
        } catch let error as LessonError {
            Output.flush()
            FileHandle.standardError.write(Data("llmwb: \(error)\n".utf8))
            throw ExitCode(1)
        } catch let error as WorkbenchError {
            Output.flush()
            FileHandle.standardError.write(Data("llmwb: \(error)\n".utf8))
            throw ExitCode(1)
        }
        Output.flush()
    }
}
