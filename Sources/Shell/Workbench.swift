// The workbench behind the prompt: the open lesson, the commands, and how each
// result is shown. The REPL loop (Shell.swift) feeds it lines; `llmwb run` drives
// it headless. Output goes through `write`, so tests can capture it.

import Foundation
import Lessons
import Bindings
import Python
import Tensor

public final class Workbench {
    public var terminal: Terminal
    let write: (String) -> Void
    let lessonsFolder: String?
    let state: StateStore?
    public private(set) var session: LessonSession?
    private var scratch: Interpreter?
    /// The expression last given to `heatmap --labels` (e.g. `tokens`), reused while it fits.
    var heatmapLabels: String?
    /// Runs the `(debug)` prompt at a breakpoint (the shell sets it); nil when headless.
    public var onStop: ((Stop) -> Void)?
    /// The function stopped at a breakpoint while its `(debug)` prompt runs.
    public internal(set) var stoppedIn: String?
    /// False when nobody types (`llmwb run`): no hints about commands to type.
    public var headless = false
    /// `break`'s list, given to every interpreter this workbench makes, so it outlives `reset`.
    lazy var breakpoints = Breakpoints { [weak self] stop in self?.stopped(stop) }
    /// The script error the last `next` ended with (for `llmwb run`'s exit status).
    public private(set) var lastStepError: ScriptError?

    /// `write` receives everything the workbench prints; `state` remembers progress.
    public init(terminal: Terminal, lessonsFolder: String?, state: StateStore?, write: @escaping (String) -> Void) {
        (self.terminal, self.lessonsFolder, self.state, self.write) = (terminal, lessonsFolder, state, write)
    }

    /// The scratch interpreter, if code has run without a lesson.
    var existingScratch: Interpreter? { scratch }

    /// The interpreter that code typed at the prompt runs in.
    public var interpreter: Interpreter {
        if let session { return session.interpreter }
        if let scratch { return scratch }
        Bindings.registerAll()
        let i = Interpreter(output: write, errorOutput: write)
        i.breakpoints = breakpoints
        // Code at the prompt imports from the current folder, then the lessons (`from gpt import GPTModel`).
        i.searchPaths = [FileManager.default.currentDirectoryPath] + (lessonsFolder.map { [$0] } ?? [])
        // The help's examples (`x = torch.ones(2, 3)`) assume these, as a notebook's first cell would.
        _ = try? i.run(source: "import torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n", filename: "<setup>")
        scratch = i
        return i
    }

    /// "1 step", "13 steps".
    static func steps(_ n: Int) -> String { n == 1 ? "1 step" : "\(n) steps" }

    func say(_ text: String) { write(text.hasSuffix("\n") ? text : text + "\n") }

    // MARK: input

    /// Handles one (possibly multi-line) input; returns false when the user quits.
    @discardableResult
    public func handle(_ input: String) -> Bool {
        let trimmed = input.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return true }
        let word = String(trimmed.prefix { !$0.isWhitespace })
        let rest = trimmed.dropFirst(word.count).trimmingCharacters(in: .whitespaces)
        if let command = CommandCatalog.command(word), looksLikeCommand(word: word, rest: rest) {
            do { return try run(command.name, rest) } catch { report(error) }
            return true
        }
        // Python's own way out, typed at the prompt, leaves like `quit`.
        if trimmed == "quit()" || trimmed == "exit()" { return false }
        evaluate(input)
        return true
    }

    /// `help` is a command, but `help = 3` or `next(it)` is code.
    private func looksLikeCommand(word: String, rest: String) -> Bool {
        // Look in the interpreter only if one exists: `quit` or `open 3` need none.
        // `trace` alone lists the record the command itself stored in the variable `trace`.
        if rest.isEmpty, CommandCatalog.command(word)?.ownsVariable == true { return true }
        // `allow-path`: not a Python name, so never code.
        if word.contains("-") { return true }
        let isVariable = (session?.interpreter ?? scratch)?.global(word) != nil
        if isVariable && !rest.isEmpty && !rest.hasPrefix("-") {
            return !(rest.first.map { "=([.,+-*/%<>!&|^@:".contains($0) } ?? false)
        }
        guard let first = rest.first else { return !isVariable }
        // `plot [1, 2]` subscripts nothing: `plot` is not a variable here.
        if first == "[" { return !isVariable }
        return !"=([.,+*/%<>!&|^@:".contains(first) || rest.hasPrefix("--")
    }

    /// `opne 3` is not code: a word close to a command's name, then a syntax error right
    /// after it. Answers like `help` does for an unknown command.
    private func mistypedCommand(_ code: String, _ error: ScriptError) -> String? {
        guard case .syntax(let syntax) = error, syntax.line == 1, !code.contains("\n") else { return nil }
        let word = String(code.prefix { !$0.isWhitespace })
        let restStart = word.count + code.dropFirst(word.count).prefix { $0 == " " }.count
        guard word.count >= 3, word.allSatisfy(\.isLetter), restStart > word.count, syntax.column == restStart,
              !Workbench.keywords.contains(word), interpreter.global(word) == nil,
              let name = Suggest.closest(to: word, among: CommandCatalog.commands.map(\.name)) else { return nil }
        return "no command \(word); did you mean \(name)?"
    }

    private static let keywords: Set<String> = [
        "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else", "except",
        "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass",
        "raise", "return", "try", "while", "with", "yield", "match", "case",
    ]

    /// Runs code like IPython: statements run, a final bare expression is echoed.
    public func evaluate(_ code: String) {
        do {
            if let value = try interpreter.evaluate(code, filename: "<stdin>") {
                say(echo(value))
            }
        } catch let e as ScriptError {
            if let mistyped = mistypedCommand(code, e) { say(mistyped) } else { report(e) }
        } catch {
            report(error)
        }
    }

    /// The most characters an echoed value shows; `print` and `show` still show all of it.
    public static let echoLimit = 4_000

    /// A value's repr for the prompt, cut short for a giant value (a million-element list,
    /// a 100 MB string) with a note of how much was left out.
    func echo(_ value: Value) -> String {
        let limit = Workbench.echoLimit
        if case .str(let s) = value, s.utf8.count > limit * 4 {
            // Cut before quoting: the repr of 100 MB would take as long to make as to print.
            let total = s.unicodeScalars.count
            guard total > limit else { return interpreter.repr(value) }
            var head = ""
            head.unicodeScalars.append(contentsOf: s.unicodeScalars.prefix(limit))
            return String(interpreter.repr(.str(head)).dropLast()) + "…\n" + Workbench.cutNote(shown: limit, of: total, "characters")
        }
        let text = interpreter.repr(value)
        guard text.count > limit else { return text }
        return String(text.prefix(limit)) + "…\n" + Workbench.cutNote(shown: limit, of: text.count, "characters of its repr")
    }

    private static func cutNote(shown: Int, of total: Int, _ what: String) -> String {
        func grouped(_ n: Int) -> String {
            let digits = Array(String(n))
            return String(digits.enumerated().flatMap { i, d in (i > 0 && (digits.count - i) % 3 == 0 ? [","] : []) + [d] })
        }
        return "(showing \(grouped(shown)) of \(grouped(total)) \(what); print() or show prints it all)"
    }

    func report(_ error: Error) {
        if let e = error as? ScriptError {
            if !e.rendered.isEmpty { say(e.rendered) }    // an uncaught sys.exit() prints nothing
            if let hint = laterStepHint(for: e) { say(hint) }
            return
        }
        // An exception from a command's own use of a value (`heatmap x --labels 5`).
        if let e = error as? PyException { say(renderTraceback(e)); return }
        if let e = error as? LessonError { say(e.description); return }
        if let e = error as? WorkbenchError { say(e.message); return }
        say("\(error)")
    }

    // MARK: commands

    private func run(_ name: String, _ rest: String) throws -> Bool {
        // The terminal may have been resized since the last command: draw to its width now.
        terminal.refreshSize()
        if let stoppedIn, Workbench.runsCode.contains(name) {
            throw WorkbenchError("\(stoppedIn) is stopped; `continue` or `abort` it before `\(name)`")
        }
        switch name {
        case "help": page(rest.isEmpty ? CommandCatalog.overview(width: terminal.width) : CommandCatalog.help(rest, width: terminal.width))
        case "quit": return false
        case "lessons": try listLessons()
        case "open": try open(rest)
        case "next": try next()
        case "back": try goto(max(try current().position - 1, 0))
        case "goto":
            guard let n = Int(rest) else { throw WorkbenchError("goto takes a step number, e.g. goto 3") }
            try goto(n)
        case "run":
            let s = try current()
            while !s.isFinished { if !(try next()) { break } }
        case "rerun": try rerun()
        case "reset":
            let s = try current()
            s.resetParameters()
            say("parameters restored to the lesson's values")
            try rerun()
        case "params": try showParameters()
        case "set":
            let parts = rest.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw WorkbenchError("set takes a name and a value, e.g. set d_out 4") }
            let s = try current()
            try s.set(parts[0], to: parts[1])
            saveState()
            let value = s.overrides[parts[0]] ?? parts[1]
            if let p = s.lesson.parameters.first(where: { $0.name == parts[0] }), stepNumber(of: p, in: s.lesson) > s.position {
                let step = stepNumber(of: p, in: s.lesson)
                say("\(parts[0]) = \(value)  (step \(step) uses it: `goto \(step)` runs up to it)")
            } else {
                say("\(parts[0]) = \(value)  (type `rerun` to replay with it)")
            }
        case "code": try showCode(rest)
        case "vars": showVariables()
        case "show": try show(rest)
        case "stats": try stats(rest)
        case "heatmap": try heatmap(rest)
        case "plot": try plot(rest)
        case "trace": try trace(rest)
        case "break": try setBreakpoint(rest)
        case "allow-path":
            guard !rest.isEmpty else { throw WorkbenchError("allow-path takes a folder or file, e.g. allow-path ~/datasets") }
            let home = ProcessInfo.processInfo.environment["HOME"] ?? "~"
            let path = rest == "~" || rest.hasPrefix("~/") ? home + rest.dropFirst() : rest
            Sandbox.allow(path)
            say("scripts may now read and write \(Sandbox.resolve(path))")
        case "source":
            let text = try SourceBrowser(files: SourceBrowser.bundled ?? [], lessonsFolder: lessonsFolder).show(rest)
            page(terminal.isInteractive ? StepView.fitted(text, terminal: terminal) : text)  // piped: as written
        default: say(CommandCatalog.help(name))
        }
        return true
    }

    /// Commands that run lesson code or replace the interpreter: not while a call is stopped.
    private static let runsCode: Set<String> = ["open", "next", "back", "goto", "run", "rerun", "reset", "set", "trace", "break"]

    func current() throws -> LessonSession {
        guard let session else { throw WorkbenchError("no lesson is open; type `lessons` to see them and `open 1` to start") }
        return session
    }

    func catalog() throws -> LessonCatalog {
        guard let lessonsFolder else {
            throw WorkbenchError("no lessons folder found: run llmwb from the workbench's folder, or set LLMWB_LESSONS")
        }
        return try LessonCatalog(folder: lessonsFolder)
    }

    private func listLessons() throws {
        for path in try catalog().paths {
            do {
                let l = try LessonFile.load(path: path)
                let name = l.name + String(repeating: " ", count: max(0, 22 - l.name.count))
                let start = String(format: "  %2d  ", l.number) + "\(name) ", steps = " (\(Workbench.steps(l.steps.count)))"
                // On a narrow terminal the title is cut, never the step count; piped, it is whole.
                let room = terminal.isInteractive ? max(terminal.width - start.count - steps.count, 8) : Int.max
                say(start + StyledText(l.title).truncated(to: room).plain + steps)
            } catch {
                say("  \((path as NSString).lastPathComponent): \(error)")
            }
        }
    }

    /// Opens a lesson; resumes at the remembered step unless `--restart` is given.
    public func open(_ argument: String) throws {
        let restart = argument.contains("--restart")
        let name = argument.replacingOccurrences(of: "--restart", with: "").trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw WorkbenchError("open takes a lesson number or name, e.g. open 3") }
        let lesson = try LessonFile.load(path: try catalog().path(for: name))
        let saved = restart ? nil : state?.load(lesson: lesson.name)
        let s = LessonSession(lesson: lesson, overrides: [:], output: { [weak self] in self?.emit($0) })
        s.prepare = { [weak self] interpreter in interpreter.breakpoints = self?.breakpoints }
        s.keepsSnapshots = !headless
        for (k, v) in saved?.overrides ?? [:] { try? s.set(k, to: v) }
        session = s
        say(StepView.banner(lesson, terminal: terminal))
        if let saved, saved.step > 0 {
            try replaySilently(to: saved.step)
            say("resumed at step \(saved.step) of \(lesson.steps.count) (`open \(lesson.number) --restart` starts over)")
        } else {
            sayFitted(headless ? "\(Workbench.steps(lesson.steps.count))."
                : "\(Workbench.steps(lesson.steps.count)). Type `next` to run the first one, `help` for commands.")
        }
        saveState()
    }

    /// Runs the next step, showing its title, prose and code, then its output.
    @discardableResult
    public func next() throws -> Bool {
        lastStepError = nil
        let s = try current()
        guard !s.isFinished else {
            say("that was the last step of \(s.lesson.name). `lessons` lists the others.")
            return false
        }
        let step = s.lesson.steps[s.position]
        say(StepView.header(s.lesson, step, terminal: terminal))
        if !step.prose.isEmpty { say(StepView.prose(s.liveProse(step.prose, before: step), terminal: terminal)) }
        say(StepView.code(s.code(of: step), terminal: terminal))
        guard let result = s.runNext() else { return false }
        saveState()
        lastStepError = result.scriptError
        if let error = result.error {
            say(error)
            return false
        }
        for directive in result.directives { handle(directive.command) }
        if !step.commentary.isEmpty { say("\n" + StepView.prose(s.liveProse(step.commentary), terminal: terminal)) }
        sayRedefined(result.redefined, by: "step \(step.number)")
        return true
    }

    /// One line when the lesson bound names the learner had defined at the prompt.
    private func sayRedefined(_ names: [String], by whom: String) {
        guard !names.isEmpty else { return }
        let list = names.map { "`\($0)`" }.joined(separator: ", ")
        say("\(whom) redefines \(list): the lesson's \(names.count == 1 ? "value replaces" : "values replace") yours")
    }

    private func replaySilently(to step: Int) throws {
        guard let s = session else { return }
        let outcome = restore(s, to: step, reason: "to resume")
        if let failed = outcome.failure {
            say("step \(failed.step.number) failed while replaying:")
            say(failed.error ?? "")
        }
    }

    /// Puts `s` after step `target` (see `LessonSession.restore`): instant from a snapshot;
    /// otherwise the steps replayed are named on a progress line, which Ctrl-C stops.
    private func restore(_ s: LessonSession, to target: Int, reason: String? = nil) -> LessonSession.Restored {
        let plan = s.replayPlan(to: target).map { (steps: $0.steps, reason: reason ?? $0.reason) }
        let live = terminal.isInteractive
        if let plan {
            let steps = plan.steps.count == 1 ? "step \(plan.steps.lowerBound)" : "steps \(plan.steps.lowerBound)–\(plan.steps.upperBound)"
            let line = "replaying \(steps) (\(plan.reason))…"
            write(live ? String(line.prefix(max(terminal.width - 1, 1))) : line + "\n")
            if live { fflush(stdout) }
        }
        let outcome = withOutput(suppressed: true) {
            s.restore(to: target) { step in
                guard live, let plan else { return }
                let title = s.lesson.steps[step - 1].title
                let line = "replaying steps \(plan.steps.lowerBound)–\(plan.steps.upperBound)… step \(step): \(title)"
                self.write("\r\u{1B}[K" + String(line.prefix(max(self.terminal.width - 1, 1))))
                fflush(stdout)
            }
        }
        if live && plan != nil { write("\r\u{1B}[K") }
        if let plan, live, !outcome.interrupted {
            say(fitted("replayed " + (plan.steps.count == 1 ? "step \(plan.steps.lowerBound)" : "steps \(plan.steps.lowerBound)–\(plan.steps.upperBound)")
                + " (\(plan.reason))"))
        }
        if outcome.interrupted {
            say("replay stopped: you are after step \(s.position)" + (s.position > 0 ? " (\(s.lesson.steps[s.position - 1].title))" : ""))
        }
        sayRedefined(outcome.redefined, by: "the lesson")
        saveState()
        return outcome
    }

    /// Moves to just after step `n`: forward runs the steps in between, backward restores
    /// the snapshot taken after step `n`.
    private func goto(_ n: Int) throws {
        let s = try current()
        guard n >= 0 && n <= s.lesson.steps.count else {
            throw WorkbenchError("\(s.lesson.name) has steps 1 to \(s.lesson.steps.count)")
        }
        if n < s.position {
            let outcome = restore(s, to: n)
            if let failed = outcome.failure {
                say("step \(failed.step.number) failed while replaying:")
                say(failed.error ?? "")
                return
            }
            if outcome.interrupted { return }
            say(n == 0 ? "back at the start of \(s.lesson.name)" : "back after step \(n): \(s.lesson.steps[n - 1].title)")
        } else {
            while s.position < n { if !(try next()) { break } }
        }
    }

    /// Runs the current step again with the parameters as they are now (restoring or
    /// replaying the steps before it), shows it, then lists what changed, by content.
    private func rerun() throws {
        let s = try current()
        let target = s.position
        guard target > 0 else {
            _ = restore(s, to: 0)  // modules as they were, what the prompt assigned to them undone
            say("no step has run yet; `next` runs the first")
            return
        }
        let before = s.contents()
        let settings = s.overrides.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ")
        say("rerunning step \(target) of \(s.lesson.name)" + (settings.isEmpty ? "" : " with \(settings)"))
        let outcome = restore(s, to: target - 1)
        if let failed = outcome.failure {
            say("step \(failed.step.number) failed:")
            say(failed.error ?? "")
            return
        }
        if outcome.interrupted { return }
        try next()
        let changes = LessonSession.changes(from: before, to: s.contents(), width: terminal.width)
        if changes.isEmpty { say("nothing changed"); return }
        say("changed:")
        let shown = changes.count > Workbench.changesShown + 1 ? Array(changes.prefix(Workbench.changesShown)) : changes
        for change in shown { say(fitted("  " + change)) }
        if shown.count < changes.count { say("  … and \(changes.count - shown.count) more (`vars` lists them all)") }
    }

    /// How many lines of "changed:" `rerun` shows before summing up the rest.
    static let changesShown = 12

    /// A line cut to the terminal's width.
    private func fitted(_ line: String) -> String {
        line.count < terminal.width ? line : String(line.prefix(max(terminal.width - 2, 1))) + "…"
    }

    private var suppressOutput = false

    /// Where a lesson's own output goes: to the user, except while replaying quietly.
    private func emit(_ text: String) { if !suppressOutput { write(text) } }
    private func withOutput<T>(suppressed: Bool, _ body: () throws -> T) rethrows -> T {
        let previous = suppressOutput
        suppressOutput = suppressed
        defer { suppressOutput = previous }
        return try body()
    }

    func saveState() {
        guard let s = session else { return }
        state?.save(SavedProgress(lesson: s.lesson.name, step: s.position, overrides: s.overrides))
    }
}

extension Workbench {
    /// For `NameError: name 'attn_weights' is not defined` when a later step of the open
    /// lesson makes `attn_weights`: which step, and how to get there.
    func laterStepHint(for error: ScriptError) -> String? {
        guard error.typeName == "NameError", let s = session,
              let start = error.rendered.range(of: "name '", options: .backwards),
              let end = error.rendered[start.upperBound...].range(of: "' is not defined") else { return nil }
        let name = String(error.rendered[start.upperBound..<end.lowerBound])
        guard let step = s.lesson.steps.dropFirst(s.position).first(where: { Workbench.defines($0.code, name) }) else { return nil }
        return "\(name) is made in step \(step.number) of \(s.lesson.name) (you are after step \(s.position)): `goto \(step.number)` runs up to it"
    }

    /// Whether top-level code assigns, defines or imports `name` (`a, name = ...`, `def name(`).
    static func defines(_ code: String, _ name: String) -> Bool {
        for line in code.split(separator: "\n") where !(line.first?.isWhitespace ?? true) {
            let words = line.split(separator: " ")
            if ["def", "class"].contains(words.first ?? ""), words.count > 1,
               words[1].prefix(while: { $0.isLetter || $0.isNumber || $0 == "_" }) == name { return true }
            if words.first == "import" || words.first == "from",
               words.contains(where: { $0.trimmingCharacters(in: CharacterSet(charactersIn: ",")) == name }) { return true }
            guard let equals = line.firstIndex(of: "="), line[equals...].dropFirst().first != "=",
                  !"!<>+-*/".contains(line[..<equals].last ?? " ") else { continue }
            let targets = line[..<equals].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if targets.contains(name) { return true }
        }
        return false
    }
}

/// A problem with a command the user typed: one plain sentence.
public struct WorkbenchError: Error, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
