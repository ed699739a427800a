// `llmwb exec [--keep-going] [--cell-markers] FILE`: runs a script, as a notebook
// when it has `# %%` cells (DESIGN.md, the command-line contract).

import ArgumentParser
import Foundation
import Bindings
import Python

struct Exec: ParsableCommand {
    @OptionGroup var sandbox: SandboxOptions

    static let configuration = CommandConfiguration(
        abstract: "Run a lesson-language script (`-` reads standard input).")

    @Flag(help: "After a failing cell, report its error and go on with the next.")
    var keepGoing = false

    @Flag(help: "Print a line `# %% [N]` before each cell's output.")
    var cellMarkers = false

    @Option(help: "Stop the script (KeyboardInterrupt, as Ctrl-C) after this many seconds.")
    var timeout: Double?

    @ArgumentParser.Argument(help: "The script to run, or - for standard input.")
    var file: String

    @ArgumentParser.Argument(parsing: .captureForPassthrough, help: "Arguments for the script (its sys.argv[1:]).")
    var arguments: [String] = []

    func validate() throws { try Timeout.validate(timeout) }

    func run() throws {
        let source: String
        let filename: String
        if file == "-" {
            source = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
            filename = "<stdin>"
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                throw ValidationError("cannot read \(file): no such file")
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw ValidationError("\(file) is not UTF-8 text")
            }
            source = text
            filename = file
        }
        Bindings.registerAll()
        // Past the timeout, the interrupted cell's traceback is the last thing printed.
        let interpreter = Interpreter(output: { Output.write($0) }, errorOutput: { text in
            Output.writeError(text)
            if Timeout.expired { Timeout.stop() }
        })
        let folder = file == "-" ? FileManager.default.currentDirectoryPath : (file as NSString).deletingLastPathComponent
        interpreter.searchPaths = [folder.isEmpty ? "." : folder]
        interpreter.argv = [file] + arguments
        let runner = NotebookRunner(keepGoing: keepGoing, cellMarkers: cellMarkers, cellFinished: Output.flush)
        Timeout.start(timeout)
        // 0, 1 after an uncaught error, or the code of `sys.exit(code)`.
        let status = runner.runForExitStatus(source: source, filename: filename, interpreter: interpreter)
        Output.flush()
        if status != 0 { throw ExitCode(status) }
    }
}

/// Buffered writes to stdout/stderr (stdout flushed before anything goes to stderr,
/// so the two interleave in order on a terminal).
enum Output {
    static func write(_ text: String) { fputs(text, stdout) }
    static func writeError(_ text: String) {
        fflush(stdout)
        fputs(text, stderr)
    }
    static func flush() { fflush(stdout) }
}
