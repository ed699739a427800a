// `llmwb exec`: runs a script, treating `# %%` cells like notebook cells (IPython-style
// echo of each cell's final bare expression, optional cell markers, keep-going).

/// One cell of a percent-format script.
public struct NotebookCell: Equatable {
    /// 1-based number among code cells.
    public var number: Int
    /// The cell's source with every other line blanked, so line numbers match the file.
    public var source: String
    public var isMarkdown: Bool
    /// 1-based first line (the `# %%` marker line, or 1).
    public var firstLine: Int
}

/// Runs percent-format scripts (`# %%` cells) as `llmwb exec` does.
public struct NotebookRunner {
    public var keepGoing: Bool
    public var cellMarkers: Bool
    /// Called after each cell (e.g. to flush buffered output, so a killed or long run
    /// still shows every finished cell).
    public var cellFinished: () -> Void

    public init(keepGoing: Bool = false, cellMarkers: Bool = false, cellFinished: @escaping () -> Void = {}) {
        self.keepGoing = keepGoing
        self.cellMarkers = cellMarkers
        self.cellFinished = cellFinished
    }

    /// Whether the source uses `# %%` cell markers.
    public static func hasCells(_ source: String) -> Bool {
        source.split(separator: "\n", omittingEmptySubsequences: false).contains { isMarker(Substring($0)) }
    }

    static func isMarker(_ line: Substring) -> Bool {
        line.hasPrefix("# %%") || line.hasPrefix("#%%")
    }

    /// Splits a script into cells. Text before the first marker is a cell if not blank;
    /// `# %% [markdown]` cells are marked so callers skip them.
    public static func cells(_ source: String) -> [NotebookCell] {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        var starts: [(Int, Bool)] = []
        for (i, line) in lines.enumerated() where isMarker(line) {
            starts.append((i, line.contains("[markdown]") || line.contains("[md]")))
        }
        var ranges: [(Range<Int>, Bool, Int)] = []
        let firstStart = starts.first?.0 ?? lines.count
        if lines[0..<firstStart].contains(where: { !String($0).trimmingWhitespace().isEmpty }) {
            ranges.append((0..<firstStart, false, 1))
        }
        for (k, (start, markdown)) in starts.enumerated() {
            let end = k + 1 < starts.count ? starts[k + 1].0 : lines.count
            ranges.append((start..<end, markdown, start + 1))
        }
        var number = 0
        return ranges.map { range, markdown, firstLine in
            if !markdown { number += 1 }
            var text: [Substring] = []
            text.reserveCapacity(lines.count)
            for (i, line) in lines.enumerated() { text.append(range.contains(i) ? line : "") }
            // Drop trailing blank lines so the file's tail does not bloat every cell.
            while let last = text.last, last.isEmpty, text.count > range.upperBound { text.removeLast() }
            return NotebookCell(number: markdown ? 0 : number, source: text.joined(separator: "\n"),
                                isMarkdown: markdown, firstLine: firstLine)
        }
    }

    /// Runs `source`; output and tracebacks go to the interpreter's sinks (tracebacks to
    /// `errorOutput`, or to `output` with cell markers). Returns true when every cell succeeded.
    @discardableResult
    public func run(source: String, filename: String, interpreter: Interpreter) -> Bool {
        runForExitStatus(source: source, filename: filename, interpreter: interpreter) == 0
    }

    /// Runs `source` like `run` and returns the process exit status Python would have: 0,
    /// 1 after an uncaught error, or what `sys.exit(code)` asked for (SystemExit ends the run;
    /// a non-int code is printed to `errorOutput` and gives 1, as CPython does).
    public func runForExitStatus(source: String, filename: String, interpreter: Interpreter) -> Int32 {
        switch runToEnd(source: source, filename: filename, interpreter: interpreter) {
        case .status(let status): return status
        case .keyboardInterrupt: return 1
        }
    }

    /// How a run ended: with an exit status, or with an uncaught KeyboardInterrupt (after
    /// which CPython ends its process by SIGINT).
    public enum Ending: Equatable {
        case status(Int32)
        case keyboardInterrupt
    }

    /// Runs `source` like `runForExitStatus`; an uncaught KeyboardInterrupt (Ctrl-C) ends the
    /// run even with `keepGoing`, its traceback reported like any other error.
    public func runToEnd(source: String, filename: String, interpreter: Interpreter) -> Ending {
        if !NotebookRunner.hasCells(source) {
            if cellMarkers { interpreter.output("# %% [1]\n") }
            do {
                try interpreter.run(source: source, filename: filename)
                return .status(0)
            } catch {
                if let e = error as? ScriptError, let status = NotebookRunner.exitStatus(e, interpreter) { return .status(status) }
                report(error, to: interpreter)
                return NotebookRunner.isKeyboardInterrupt(error) ? .keyboardInterrupt : .status(1)
            }
        }
        var status: Int32 = 0
        for cell in NotebookRunner.cells(source) where !cell.isMarkdown {
            defer { cellFinished() }
            if cellMarkers { interpreter.output("# %% [\(cell.number)]\n") }
            do {
                if let value = try interpreter.evaluate(cell.source, filename: filename) {
                    interpreter.output(interpreter.repr(value) + "\n")
                }
            } catch {
                if let e = error as? ScriptError, let exit = NotebookRunner.exitStatus(e, interpreter) { return .status(exit) }
                report(error, to: interpreter)
                if NotebookRunner.isKeyboardInterrupt(error) { return .keyboardInterrupt }
                status = 1
                if !keepGoing { break }
            }
        }
        return .status(status)
    }

    private static func isKeyboardInterrupt(_ error: Error) -> Bool {
        guard case .exception(let e)? = error as? ScriptError else { return false }
        return e.cls.isSubclass(of: BuiltinTypes.keyboardInterrupt)
    }

    /// The exit status of an uncaught `SystemExit` (nil for other errors): None → 0, an int →
    /// itself, anything else is printed to stderr and gives 1.
    static func exitStatus(_ error: ScriptError, _ interpreter: Interpreter) -> Int32? {
        guard case .exception(let e) = error, e.cls.isSubclass(of: BuiltinTypes.exception("SystemExit")) else { return nil }
        let code = (try? e.getAttribute("code")).flatMap { $0 } ?? .none
        switch code {
        case .none: return 0
        case .int(let i): return Int32(truncatingIfNeeded: i)
        case .bool(let b): return b ? 1 : 0
        default:
            interpreter.errorOutput(interpreter.str(code) + "\n")
            return 1
        }
    }

    /// A failing cell's traceback: with cell markers it is part of the cell's output on stdout,
    /// where Jupyter shows it; otherwise it goes to stderr, as `python script.py` prints it.
    private func report(_ error: Error, to interpreter: Interpreter) {
        var text = (error as? ScriptError)?.rendered ?? "\(error)"
        if !text.hasSuffix("\n") { text += "\n" }
        if cellMarkers { interpreter.output(text) } else { interpreter.errorOutput(text) }
    }
}
