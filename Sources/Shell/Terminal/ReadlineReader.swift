// The readline bridge: line editing, history appended to ~/.llmwb_history, tab completion.
// GNU readline keeps global state, so this bridge is the one place with global
// mutable state in the shell (the completion callback cannot capture context).

@preconcurrency internal import CReadline
import Foundation
import Python

/// Completion candidates for the word being typed: `complete(line, wordStart, word)`.
public typealias Completer = (_ line: String, _ wordStart: Int, _ word: String) -> [String]

/// Reads lines with GNU readline. Only one instance should exist per process.
public final class ReadlineReader: LineReader {
    nonisolated(unsafe) private static var completer: Completer?
    nonisolated(unsafe) private static var matches: [String] = []
    private let historyPath: String
    private static let historyLimit: Int32 = 2000

    public init(historyPath: String, completer: @escaping Completer) {
        self.historyPath = historyPath
        ReadlineReader.completer = completer
        rl_readline_name = UnsafePointer(strdup("llmwb"))
        // Break words at spaces and brackets, but keep dots and quotes so that
        // `model.trf_blocks` and `trace["...` complete as one word.
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n=+-*/%<>(,[{}]);:"))
        rl_completion_word_break_hook = { ReadlineReader.wordBreaks() }
        rl_attempted_completion_function = { text, start, _ in
            ReadlineReader.complete(text: text, start: start)
        }
        rl_getc_function = { stream in ReadlineReader.readKey(stream) }
        rl_catch_signals = 0  // Ctrl-C reaches the shell's handler; see readKey
        using_history()
        read_history(historyPath)
        stifle_history(ReadlineReader.historyLimit)
    }

    public func readLine(prompt: String) -> String? {
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    /// Adds the line to the history and appends it to the file, never rewriting it, so two
    /// shells on one home both keep their lines; the file is cut back to the newest
    /// `historyLimit` lines when it grows past them.
    public func addHistory(_ line: String) {
        guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(line)
        if !FileManager.default.fileExists(atPath: historyPath) {  // readline appends only to a file that exists
            FileManager.default.createFile(atPath: historyPath, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        append_history(1, historyPath)
        history_truncate_file(historyPath, ReadlineReader.historyLimit)
    }

    /// Set when Ctrl-C ended the line being typed (see `readKey`).
    nonisolated(unsafe) private static var lineInterrupted = false

    public func takeInterrupt() -> Bool {
        defer { ReadlineReader.lineInterrupted = false }
        return ReadlineReader.lineInterrupted
    }

    /// readline's key source. readline leaves Ctrl-C to the shell's handler (which sets
    /// `Interpreter.interruptRequested`), so this waits in short slices and looks at that
    /// flag: on Ctrl-C it echoes `^C`, empties the line and ends it, for a fresh prompt.
    /// That works on any thread (the `(debug)` prompt runs on the interpreter's thread,
    /// while the signal may land on the main one). A resize is handled at once.
    private static func readKey(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
        let fd = stream.map(fileno) ?? STDIN_FILENO
        while true {
            if Interpreter.interruptRequested {
                Interpreter.interruptRequested = false
                lineInterrupted = true
                rl_echo_signal_char(SIGINT)
                rl_replace_line("", 0)
                return 10  // Enter
            }
            var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 100)
            if rl_pending_signal() != 0 { rl_check_signals() }  // SIGWINCH: readline redraws
            if ready < 0 && errno != EINTR { return EOF }
            guard ready > 0 else { continue }
            var byte: UInt8 = 0
            let count = read(fd, &byte, 1)
            if count == 1 { return Int32(byte) }
            if count < 0 && errno == EINTR { continue }
            return EOF
        }
    }

    /// Word breaks while a flag is being typed (`heatmap x --la`): spaces only, so that
    /// `--la` is the word completed and the matches keep their dashes; otherwise the usual ones.
    nonisolated(unsafe) private static let flagBreaks = strdup(" \t\n")

    private static func wordBreaks() -> UnsafeMutablePointer<CChar>? {
        guard let buffer = rl_line_buffer else { return nil }
        let line = Array(String(cString: buffer).utf8.prefix(Int(rl_point)))
        let word = line.reversed().prefix { $0 != UInt8(ascii: " ") }
        return word.reversed().starts(with: Array("--".utf8)) ? flagBreaks : nil
    }

    /// readline's completion hook: computes all matches once, then hands them out.
    private static func complete(text: UnsafePointer<CChar>?, start: Int32) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
        rl_attempted_completion_over = 1  // never fall back to file names
        let word = text.map { String(cString: $0) } ?? ""
        let line = rl_line_buffer.map { String(cString: $0) } ?? ""
        matches = completer?(line, Int(start), word) ?? []
        guard !matches.isEmpty else { return nil }
        // `trace["name"]` is complete as it is; anything else gets the usual space.
        rl_completion_append_character = matches.allSatisfy { $0.hasSuffix("]") } ? 0 : 32
        return rl_completion_matches(text) { _, state in
            let index = Int(state)
            guard index < ReadlineReader.matches.count else { return nil }
            return strdup(ReadlineReader.matches[index])
        }
    }
}
