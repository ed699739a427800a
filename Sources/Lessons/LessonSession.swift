// A lesson being worked through: its interpreter, the step reached, the parameter
// values the learner set, and replaying ("rerun") with what changed reported.

import Foundation
import Bindings
import Python
import Tensor

/// A line `# @show COMMAND` in a cell: a shell command to run after the cell
/// (`heatmap attn_weights --labels tokens`). Python reads it as a comment.
public struct ShowDirective: Equatable, Sendable {
    public let command: String
    public let line: Int
}

/// What running one step produced.
public struct StepResult {
    public let step: LessonStep
    /// The error, rendered as Python's traceback, if the step failed.
    public let error: String?
    public let directives: [ShowDirective]
    /// The script's error itself (nil when the step succeeded or failed outside the script),
    /// so a headless run can end as Python would (`sys.exit(n)`, KeyboardInterrupt).
    public var scriptError: ScriptError? = nil
}

/// A short description of a variable, for `vars` and for reporting changes.
public struct VariableSummary: Equatable, Sendable {
    public let name: String
    public let type: String
    /// Shape and dtype for tensors, length for containers, the repr for small values.
    public let detail: String
    /// A fingerprint of the value, to tell whether it changed.
    public let fingerprint: String
}

public final class LessonSession {
    private static let directoryLock = NSLock()
    public let lesson: LessonFile
    /// Parameter values the learner set, as Python literals, by name.
    public private(set) var overrides: [String: String] = [:]
    /// Steps run so far (0 = none).
    public private(set) var position = 0
    public private(set) var interpreter: Interpreter
    private let output: (String) -> Void
    /// Called with each interpreter the session makes, now and after a rerun (the shell
    /// gives it the session's breakpoints).
    public var prepare: (Interpreter) -> Void = { _ in } {
        didSet { prepare(interpreter) }
    }

    /// Opens `lesson` with a fresh interpreter. Output (prints, echoes, tracebacks) goes to `output`.
    public init(lesson: LessonFile, overrides: [String: String] = [:], output: @escaping (String) -> Void) {
        self.lesson = lesson
        self.overrides = overrides
        self.output = output
        self.interpreter = LessonSession.makeInterpreter(lesson: lesson, output: output)
    }

    private static func makeInterpreter(lesson: LessonFile, output: @escaping (String) -> Void) -> Interpreter {
        PyFile.flushAll()  // what the interpreter being replaced left open reaches its files
        Bindings.registerAll()
        let interpreter = Interpreter(output: output, errorOutput: output)
        // Absolute: steps run in the work folder, not where a relative lessons path starts.
        interpreter.searchPaths = [Sandbox.resolve((lesson.path as NSString).deletingLastPathComponent)]
        return interpreter
    }

    public var isFinished: Bool { position >= lesson.steps.count }

    /// Sets a parameter for the next run of its cell; the value is checked first.
    public func set(_ name: String, to input: String) throws {
        guard let parameter = lesson.parameters.first(where: { $0.name == name }) else {
            let names = lesson.parameters.map(\.name)
            var message = "\(lesson.name) has no parameter \(name)"
            if let s = Suggest.closest(to: name, among: names) { message += "; did you mean \(s)?" }
            else if !names.isEmpty { message += " (parameters: \(names.joined(separator: ", ")))" }
            throw LessonError(message: message)
        }
        overrides[name] = try parameter.literal(for: input)
    }

    /// Forgets every override.
    public func resetParameters() { overrides = [:] }

    /// The value a parameter has now (an override, or the lesson's default).
    public func value(of parameter: LessonParameter) -> String { overrides[parameter.name] ?? parameter.defaultLiteral }

    /// A step's code as it will run: parameter lines rewritten with the overrides.
    public func code(of step: LessonStep) -> String {
        guard !overrides.isEmpty else { return step.code }
        return step.code.components(separatedBy: "\n").enumerated().map { offset, line in
            let lineNumber = step.firstLine + offset
            guard let p = lesson.parameters.first(where: { $0.line == lineNumber }), let literal = overrides[p.name] else { return line }
            return LessonParameter.rewrite(line, literal: literal)
        }.joined(separator: "\n")
    }

    /// Runs the next step. Returns nil when the lesson is finished.
    @discardableResult
    public func runNext() -> StepResult? {
        guard position < lesson.steps.count else { return nil }
        let step = lesson.steps[position]
        position += 1
        return run(step)
    }

    private func run(_ step: LessonStep) -> StepResult {
        let source = code(of: step)
        // Leading newlines keep traceback line numbers equal to the file's.
        let padded = String(repeating: "\n", count: max(step.firstLine - 1, 0)) + source
        var failure: String?
        var scriptError: ScriptError?
        // Lessons run in the work folder (WorkFolder.swift), where `data/` reads the lessons'
        // data. The working directory is process-wide, so steps of different sessions take turns.
        LessonSession.directoryLock.lock()
        let previousDirectory = FileManager.default.currentDirectoryPath
        let folder = (lesson.path as NSString).deletingLastPathComponent
        FileManager.default.changeCurrentDirectoryPath(WorkFolder.prepare(lessonsFolder: folder) ?? (folder.isEmpty ? "." : folder))
        defer {
            FileManager.default.changeCurrentDirectoryPath(previousDirectory)
            LessonSession.directoryLock.unlock()
        }
        do {
            if let value = try interpreter.evaluate(padded, filename: lesson.path) {
                output(interpreter.repr(value) + "\n")
            }
        } catch let e as ScriptError {
            failure = e.rendered
            scriptError = e
        } catch {
            failure = "\(error)"
        }
        let directives = source.components(separatedBy: "\n").enumerated().compactMap { offset, line -> ShowDirective? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("# @show ") else { return nil }
            return ShowDirective(command: String(trimmed.dropFirst(8)).trimmingCharacters(in: .whitespaces),
                                 line: step.firstLine + offset)
        }
        return StepResult(step: step, error: failure, directives: failure == nil ? directives : [], scriptError: scriptError)
    }

    /// Starts over with a fresh interpreter and replays steps 1...`upTo` (default: as far
    /// as the learner had got), with the current parameter values. Returns each step's
    /// result and which variables changed compared with before.
    public func rerun(upTo target: Int? = nil) -> (results: [StepResult], changes: [String]) {
        let before = variables()
        let goal = min(target ?? position, lesson.steps.count)
        interpreter = LessonSession.makeInterpreter(lesson: lesson, output: output)
        prepare(interpreter)
        position = 0
        var results: [StepResult] = []
        while position < goal, let r = runNext() {
            results.append(r)
            if r.error != nil { break }
        }
        return (results, LessonSession.describeChanges(from: before, to: variables()))
    }

    /// Goes back to before step `number` (1-based) by replaying the steps before it.
    public func rewind(to number: Int) -> [StepResult] {
        rerun(upTo: max(number - 1, 0)).results
    }

    /// The script's variables (not modules, functions or classes), sorted by name.
    public func variables() -> [VariableSummary] { LessonSession.variables(of: interpreter) }

    /// An interpreter's script variables (not modules, functions, classes or `_` names), by name.
    public static func variables(of interpreter: Interpreter) -> [VariableSummary] {
        interpreter.globalNames.sorted().compactMap { name in
            guard !name.hasPrefix("_"), let value = interpreter.global(name) else { return nil }
            return summary(name, value, interpreter)
        }
    }

    public static func summary(_ name: String, _ value: Value, _ interpreter: Interpreter) -> VariableSummary? {
        let type = value.typeName
        if ["module", "function", "type", "builtin_function_or_method"].contains(type) { return nil }
        if case .object(let o) = value, o is PyClass { return nil }
        if let t = value.tensorValue {
            let detail = "\(sizeDescription(t.shape)) \(t.dtype.name)"
            return VariableSummary(name: name, type: t.isParameter ? "Parameter" : "Tensor", detail: detail,
                                   fingerprint: detail + " " + LessonSession.checksum(t))
        }
        let text = interpreter.repr(value)
        let detail = text.count <= 60 ? text : String(text.prefix(57)) + "..."
        return VariableSummary(name: name, type: type, detail: detail, fingerprint: text)
    }

    /// A cheap digest of a tensor's values, to notice changes.
    private static func checksum(_ t: Tensor) -> String {
        if t.count > 1_000_000 { return "n=\(t.count)" }
        var h = 0.0
        for (i, v) in t.floatValues().enumerated() where v.isFinite { h += Double(v) * Double(i % 97 + 1) }
        return String(h)
    }

    static func describeChanges(from before: [VariableSummary], to after: [VariableSummary]) -> [String] {
        let old = Dictionary(before.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [String] = []
        for v in after {
            guard let o = old[v.name] else { changes.append("\(v.name): new, \(v.detail)"); continue }
            if o.detail != v.detail { changes.append("\(v.name): \(o.detail) → \(v.detail)") }
            else if o.fingerprint != v.fingerprint { changes.append("\(v.name): values changed") }
        }
        let now = Set(after.map(\.name))
        for v in before where !now.contains(v.name) { changes.append("\(v.name): no longer defined") }
        return changes
    }
}
