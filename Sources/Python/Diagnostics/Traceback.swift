// Renders uncaught exceptions as CPython 3.11 does: "Traceback (most recent call last):",
// one entry per frame with the source line and carets under the failing expression.

/// The full report for an uncaught exception, including chained causes and contexts.
public func renderTraceback(_ exception: PyException) -> String {
    var seen: [ObjectIdentifier] = []
    return render(exception, &seen)
}

private func render(_ e: PyException, _ seen: inout [ObjectIdentifier]) -> String {
    seen.append(ObjectIdentifier(e))
    var out = ""
    if let cause = e.cause, !seen.contains(ObjectIdentifier(cause)) {
        out += render(cause, &seen)
        out += "\nThe above exception was the direct cause of the following exception:\n\n"
    } else if let context = e.context, !e.suppressContext, !seen.contains(ObjectIdentifier(context)) {
        out += render(context, &seen)
        out += "\nDuring handling of the above exception, another exception occurred:\n\n"
    }
    let entries = Array(e.traceback.reversed())
    if !entries.isEmpty { out += "Traceback (most recent call last):\n" }
    var i = 0
    while i < entries.count {
        let entry = entries[i]
        var repeats = 0
        while i + repeats + 1 < entries.count, entries[i + repeats + 1] == entry { repeats += 1 }
        let shown = min(repeats + 1, 3)
        for _ in 0..<shown { out += renderEntry(entry) }
        if repeats + 1 > 3 {
            let more = repeats + 1 - 3
            out += "  [Previous line repeated \(more) more time\(more == 1 ? "" : "s")]\n"
        }
        i += repeats + 1
    }
    if let details = e.syntaxDetails { return out + details.rendered + "\n" }
    var message = e.message
    if let suggestion = e.suggestion { message += ". Did you mean: '\(suggestion)'?" }
    out += message.isEmpty ? e.typeDisplayName : "\(e.typeDisplayName): \(message)"
    // PEP 678 notes (`add_note`), one a line after the message, as CPython 3.11 prints them.
    for note in (e.attributes["__notes__"]?.asObject as? PyList)?.items ?? [] {
        out += "\n" + ((try? Python.str(note)) ?? "")
    }
    return out + "\n"
}

/// One `File "...", line N, in name` entry with its source line and carets.
func renderEntry(_ entry: TracebackEntry) -> String {
    var out = "  File \"\(entry.filename)\", line \(entry.range.line), in \(entry.functionName)\n"
    guard let source = entry.source, let line = source.line(entry.range.line) else { return out }
    let scalars = Array(line.unicodeScalars)
    var start = 0
    while start < scalars.count, scalars[start] == " " || scalars[start] == "\t" { start += 1 }
    var end = scalars.count
    while end > start, scalars[end - 1] == " " || scalars[end - 1] == "\t" { end -= 1 }
    if start >= end { return out }
    var stripped = String.UnicodeScalarView()
    stripped.append(contentsOf: scalars[start..<end])
    out += "    " + String(stripped) + "\n"
    let column = max(entry.range.column, start)
    let endColumn = entry.range.endLine == entry.range.line ? min(entry.range.endColumn, end) : end
    // CPython omits the carets when they would underline the whole line.
    if endColumn > column && (entry.anchored || !(column == start && endColumn >= end)) {
        out += "    " + String(repeating: " ", count: column - start) + String(repeating: "^", count: endColumn - column) + "\n"
    }
    return out
}
