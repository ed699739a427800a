// Where shell input comes from: GNU readline on a terminal (editing, history,
// completion), or plain lines from a pipe or a test.

import Foundation

/// A source of input lines for the shell.
public protocol LineReader: AnyObject {
    /// The next line without its newline, or nil at end of input (Ctrl-D).
    func readLine(prompt: String) -> String?
    /// Records an entered line in history (no-op where there is none).
    func addHistory(_ line: String)
    /// Whether Ctrl-C ended the last line read (then the input being gathered is dropped).
    func takeInterrupt() -> Bool
}

extension LineReader {
    public func takeInterrupt() -> Bool { false }
}

/// Lines from a file handle (stdin when it is not a terminal), with no prompt
/// decoration, so sessions can be scripted and tested.
public final class PlainLineReader: LineReader {
    private var lines: [String]
    private var position = 0
    private let stream: UnsafeMutablePointer<FILE>?

    /// Reads `stdin` lazily, a line at a time.
    public init() { lines = []; stream = stdin }

    /// Serves the given lines, then end of input. For tests.
    public init(lines: [String]) { self.lines = lines; stream = nil }

    public func readLine(prompt: String) -> String? {
        if stream != nil { return Swift.readLine(strippingNewline: true) }
        guard position < lines.count else { return nil }
        defer { position += 1 }
        return lines[position]
    }

    public func addHistory(_ line: String) {}
}
