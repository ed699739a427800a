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
        let bytes: [UInt8]
        let filename: String
        if file == "-" {
            bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
            filename = "<stdin>"
        } else {
            guard let data = FileManager.default.contents(atPath: file) else {
                // As `python3 FILE` answers, with its status 2 (no usage text: the command was right).
                var isDirectory: ObjCBool = false
                let exists = FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory)
                let reason = !exists ? "[Errno 2] No such file or directory"
                    : isDirectory.boolValue ? "[Errno 21] Is a directory" : "[Errno 13] Permission denied"
                Output.writeError("llmwb: can't open file '\(file)': \(reason)\n")
                throw ExitCode(2)
            }
            bytes = [UInt8](data)
            filename = file
        }
        // Not UTF-8 (and no Latin-1 declaration): CPython's one-line SyntaxError, status 1.
        let source: String
        do {
            source = try SourceDecoding.decode(bytes, filename: filename)
        } catch let error as ScriptError {
            Output.writeError(error.rendered + "\n")
            throw ExitCode(1)
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
        Interrupt.install()
        Timeout.start(timeout)
        // 0, 1 after an uncaught error, or the code of `sys.exit(code)`; Ctrl-C ends the
        // process with status 130 after the KeyboardInterrupt's traceback.
        switch runner.runToEnd(source: source, filename: filename, interpreter: interpreter) {
        case .keyboardInterrupt: Interrupt.exitAfterInterrupt()
        case .status(let status):
            Output.flush()
            if let note = Exec.skippedShowNote(source) { Output.writeError(note) }
            if status != 0 { throw ExitCode(status) }
        }
    }

    /// A lesson's `# @show COMMAND` lines are shell commands (a heatmap, a plot): Python reads
    /// them as comments, and so does exec, saying so on stderr (stdout stays Python's output).
    static func skippedShowNote(_ source: String) -> String? {
        let shows = source.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, line -> String? in
            let text = line.trimmingCharacters(in: .whitespaces)
            return text.hasPrefix("# @show ") ? "  line \(i + 1): \(text.dropFirst(8))\n" : nil
        }
        guard !shows.isEmpty else { return nil }
        return "llmwb exec: skipped \(shows.count == 1 ? "a `# @show` line" : "\(shows.count) `# @show` lines") "
            + "(shell commands, drawn by `llmwb run` and the shell):\n" + shows.joined()
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
