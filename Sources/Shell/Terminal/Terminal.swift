// What the output terminal can do: colours, width, height, whether it is a terminal at all.

import Foundation

/// The colour depth a terminal supports; `none` means plain text only.
public enum ColorSupport: Int, Comparable, Sendable {
    case none, ansi256, truecolor
    public static func < (a: ColorSupport, b: ColorSupport) -> Bool { a.rawValue < b.rawValue }
}

/// Facts about the output stream, read from the environment and the tty.
public struct Terminal: Sendable {
    public var isInteractive: Bool
    public var colors: ColorSupport
    public var width: Int
    /// Rows of the screen, when known (only for the real terminal: `current()`); the pager
    /// needs it, so output is never paged without it (pipes, tests).
    public var height: Int?

    public init(isInteractive: Bool, colors: ColorSupport, width: Int, height: Int? = nil) {
        (self.isInteractive, self.colors, self.width, self.height) = (isInteractive, colors, width, height)
    }

    /// Plain text, 80 columns: pipes, tests, NO_COLOR.
    public static let plain = Terminal(isInteractive: false, colors: .none, width: 80)

    /// The terminal on stdout, honouring `NO_COLOR`, `TERM=dumb`, `COLORTERM` and `COLUMNS`.
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Terminal {
        let interactive = isatty(STDOUT_FILENO) == 1
        let term = environment["TERM"] ?? ""
        var colors: ColorSupport = .none
        if interactive && environment["NO_COLOR"] == nil && term != "dumb" && !term.isEmpty {
            let colorterm = environment["COLORTERM"] ?? ""
            colors = colorterm == "truecolor" || colorterm == "24bit" ? .truecolor : .ansi256
        }
        return Terminal(isInteractive: interactive, colors: colors, width: currentWidth(environment: environment),
                        height: interactive ? currentHeight() : nil)
    }

    /// Reads the size again (the window may have been resized); only for a real terminal.
    public mutating func refreshSize() {
        guard isInteractive, isatty(STDOUT_FILENO) == 1 else { return }
        width = Terminal.currentWidth()
        if height != nil { height = Terminal.currentHeight() }
    }

    /// Rows of the tty on stdout, if it is one.
    public static func currentHeight() -> Int? {
        var size = winsize()
        guard isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_row > 0 else { return nil }
        return Int(size.ws_row)
    }

    /// Columns of the tty on stdout, else `COLUMNS`, else 80; never below 20.
    public static func currentWidth(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return max(20, Int(size.ws_col))
        }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return max(20, columns) }
        return 80
    }
}
