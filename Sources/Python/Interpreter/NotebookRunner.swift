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
    /// `errorOutput`). Returns true when every cell succeeded.
    @discardableResult
    public func run(source: String, filename: String, interpreter: Interpreter) -> Bool {
        if !NotebookRunner.hasCells(source) {
            if cellMarkers { interpreter.output("# %% [1]\n") }
            do {
                try interpreter.run(source: source, filename: filename)
                return true
            } catch let e as ScriptError {
                report(e, interpreter)
                return e.isSystemExit && e.exitStatus == 0
            } catch {
                interpreter.errorOutput("\(error)\n")
                return false
            }
        }
        var success = true
        for cell in NotebookRunner.cells(source) where !cell.isMarkdown {
            defer { cellFinished() }
            if cellMarkers { interpreter.output("# %% [\(cell.number)]\n") }
            do {
                if let value = try interpreter.evaluate(cell.source, filename: filename) {
                    interpreter.output(interpreter.repr(value) + "\n")
                }
            } catch let e as ScriptError {
                report(e, interpreter)
                // sys.exit() ends the whole run, successfully for status 0.
                if e.isSystemExit { return success && e.exitStatus == 0 }
                success = false
                if !keepGoing { break }
            } catch {
                interpreter.errorOutput("\(error)\n")
                success = false
                if !keepGoing { break }
            }
        }
        return success
    }

    /// Prints a failure's report (nothing for `sys.exit()` with a status).
    private func report(_ e: ScriptError, _ interpreter: Interpreter) {
        let text = e.rendered
        if text.isEmpty { return }
        interpreter.errorOutput(text.hasSuffix("\n") ? text : text + "\n")
    }
}
