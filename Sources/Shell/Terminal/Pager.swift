// Output taller than the screen, a screenful at a time: through $PAGER when it is set,
// else a small pager of our own (space: next page, enter: next line, q: quit). Only
// when both stdin and stdout are a terminal, so `llmwb run` and pipes never page.
// Also how the workbench prints a sentence of its own to fit the width.

import Foundation
import Python

enum Pager {
    /// Whether `text` should be paged on `terminal`: an interactive terminal of known
    /// height, stdin a terminal too, and more rows than fit above the prompt.
    static func wanted(_ text: String, terminal: Terminal) -> Bool {
        guard terminal.isInteractive, let height = terminal.height,
              isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { return false }
        return rows(of: text, width: terminal.width) > height - 1
    }

    /// Screen rows `text` takes: a line wider than the terminal wraps.
    static func rows(of text: String, width: Int) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).reduce(0) { total, line in
            total + max(1, (visibleWidth(line) + width - 1) / max(width, 1))
        }
    }

    /// Columns a line takes on screen: escape sequences take none.
    static func visibleWidth<S: StringProtocol>(_ line: S) -> Int {
        var count = 0, escaping = false
        for c in line {
            if escaping { if c.isLetter { escaping = false }; continue }
            if c == "\u{1B}" { escaping = true; continue }
            count += 1
        }
        return count
    }

    /// Shows `text` through `$PAGER`, or the built-in pager if it is unset or fails to start.
    static func show(_ text: String, terminal: Terminal, environment: [String: String] = ProcessInfo.processInfo.environment) {
        fflush(stdout)
        defer { Interpreter.interruptRequested = false }   // Ctrl-C inside the pager only left it
        if let command = environment["PAGER"]?.trimmingCharacters(in: .whitespaces), !command.isEmpty,
           external(command, text, environment: environment) { return }
        builtIn(text, terminal: terminal)
    }

    /// Pipes `text` into `sh -c COMMAND`; false if it could not start. The pager runs in
    /// the shell's own process group (posix_spawn), so it can read keys from the terminal.
    private static func external(_ command: String, _ text: String, environment: [String: String]) -> Bool {
        var childEnvironment = environment
        if childEnvironment["LESS"] == nil { childEnvironment["LESS"] = "FRX" }  // colours; quit if it fits
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { return false }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, readEnd, STDIN_FILENO)
        posix_spawn_file_actions_addclose(&actions, readEnd)
        posix_spawn_file_actions_addclose(&actions, writeEnd)
        let words: [String] = ["sh", "-c", command]
        let arguments: [UnsafeMutablePointer<CChar>?] = words.map { strdup($0) } + [nil]
        let variables: [UnsafeMutablePointer<CChar>?] = childEnvironment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (arguments + variables).forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, "/bin/sh", &actions, nil, arguments, variables)
        close(readEnd)
        guard spawned == 0 else { close(writeEnd); return false }
        let previous = signal(SIGPIPE, SIG_IGN)   // the pager may quit before reading it all
        defer { signal(SIGPIPE, previous) }
        var bytes = Array(text.utf8)
        if bytes.last != 10 { bytes.append(10) }
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            offset += written
        }
        close(writeEnd)
        var status: Int32 = 0
        while waitpid(child, &status, 0) < 0 && errno == EINTR {}
        return true
    }

    /// The built-in pager: a screenful, then a prompt line; space shows the next page,
    /// enter (or ↓) the next line, q (or Ctrl-C, Esc) stops.
    private static func builtIn(_ text: String, terminal: Terminal) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let page = max((terminal.height ?? 24) - 1, 1)
        var next = 0
        func show(rows: Int) {
            var used = 0
            while next < lines.count && used < rows {
                let line = lines[next]
                let height = max(1, (visibleWidth(line) + terminal.width - 1) / max(terminal.width, 1))
                if used > 0 && used + height > rows { break }
                fputs(String(line) + "\n", stdout)
                used += height
                next += 1
            }
            fflush(stdout)
        }
        show(rows: page)
        while next < lines.count {
            let percent = next * 100 / max(lines.count, 1)
            let prompt = "-- \(percent)% -- space: next page, enter: next line, q: quit"
            let shown = String(prompt.prefix(max(terminal.width - 1, 1)))
            fputs(terminal.colors == .none ? shown : "\u{1B}[7m\(shown)\u{1B}[0m", stdout)
            fflush(stdout)
            let key = readKey()
            fputs("\r\u{1B}[K", stdout)   // the prompt line is erased before going on
            switch key {
            case .page: show(rows: page)
            case .line: show(rows: 1)
            case .quit: fflush(stdout); return
            }
        }
    }

    enum Key { case page, line, quit }

    /// One key press from the terminal, read without echo or waiting for enter.
    private static func readKey() -> Key {
        var saved = termios()
        guard tcgetattr(STDIN_FILENO, &saved) == 0 else { return .quit }
        var raw = saved
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        tcsetattr(STDIN_FILENO, TCSANOW, &raw)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
        while true {
            // Waits in short slices: Ctrl-C sets the interpreter's flag, and may land on another thread.
            if Interpreter.interruptRequested { return .quit }
            var request = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
            let ready = poll(&request, 1, 100)
            if ready < 0 && errno != EINTR { return .quit }
            guard ready > 0 else { continue }
            var byte: UInt8 = 0
            let count = read(STDIN_FILENO, &byte, 1)
            if count < 0 && errno == EINTR { continue }
            guard count == 1 else { return .quit }
            switch byte {
            case 32, UInt8(ascii: "f"): return .page
            case 10, 13, UInt8(ascii: "j"): return .line
            case UInt8(ascii: "q"), UInt8(ascii: "Q"), 3, 4: return .quit
            case 27:
                // An arrow or page key sends ESC [ ...; Esc alone quits.
                var sequence: [UInt8] = []
                var request = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
                while poll(&request, 1, 30) > 0, sequence.count < 4 {
                    var more: UInt8 = 0
                    guard read(STDIN_FILENO, &more, 1) == 1 else { break }
                    sequence.append(more)
                }
                if sequence == Array("[B".utf8) { return .line }
                if sequence == Array("[6~".utf8) { return .page }
                if sequence.isEmpty { return .quit }
            default: continue
            }
        }
    }
}

extension Workbench {
    /// Prints `text`, through the pager when it is taller than the screen (see Pager).
    func page(_ text: String) {
        if Pager.wanted(text, terminal: terminal) { Pager.show(text, terminal: terminal) } else { say(text) }
    }

    /// Prints a sentence of our own broken between words to fit the terminal's width.
    func sayFitted(_ text: String) {
        say(StyledText(text).wrapped(width: terminal.width).map(\.plain).joined(separator: "\n"))
    }
}
