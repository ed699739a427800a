// A lesson being worked through: its interpreter, the step reached, the parameter values
// the learner set, a snapshot after each step (for `back`), and replaying with what changed.

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
    /// Ctrl-C stopped the step.
    public var interrupted = false
    /// Names the learner had defined that the step bound to values of its own.
    public var redefined: [String] = []
}

/// Every variable's content at one moment (see `LessonSession.contents()`).
public struct VariableContents {
    let order: [String]
    let values: [String: Content]
}

/// A short description of a variable, for `vars` and for reporting changes.
public struct VariableSummary: Equatable, Sendable {
    public let name: String
    public let type: String
    /// Shape and dtype for tensors, length for containers, the repr for small values.
    public let detail: String
}

public final class LessonSession {
    private static let directoryLock = NSLock()
    public let lesson: LessonFile
    /// Parameter values the learner set, as Python literals, by name.
    public private(set) var overrides: [String: String] = [:]
    /// Steps run so far (0 = none).
    public private(set) var position = 0
    /// One interpreter for the whole session: replays and restores reuse it, so functions
    /// typed at the prompt keep their globals.
    public let interpreter: Interpreter
    private let output: (String) -> Void
    /// Called with the session's interpreter (the shell gives it the session's breakpoints).
    public var prepare: (Interpreter) -> Void = { _ in } {
        didSet { prepare(interpreter) }
    }
    /// Snapshots by the step after which they were taken (0: before the first step).
    private var snapshots: [Int: SessionSnapshot] = [:]
    /// Why a step has no snapshot (what could not be saved, or the memory limit).
    public private(set) var unsavedReasons: [Int: String] = [:]
    /// What the learner defined at the prompt, kept across `back`, `goto` and `rerun`.
    let learner = LearnerNames()

    /// Opens `lesson` with a fresh interpreter. Output (prints, echoes, tracebacks) goes to `output`.
    public init(lesson: LessonFile, overrides: [String: String] = [:], output: @escaping (String) -> Void) {
        self.lesson = lesson
        self.overrides = overrides
        self.output = output
        Bindings.registerAll()
        interpreter = Interpreter(output: output, errorOutput: output)
        // Absolute: steps run in the work folder, not where a relative lessons path starts.
        interpreter.searchPaths = [Sandbox.resolve((lesson.path as NSString).deletingLastPathComponent)]
        takeSnapshot()
        learner.noteLessonState(of: interpreter)
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

    /// The step (1-based) whose cell assigns `parameter`.
    public func step(of parameter: LessonParameter) -> Int {
        lesson.steps.lastIndex { $0.firstLine <= parameter.line }.map { $0 + 1 } ?? 1
    }

    /// The values of the parameters steps 1...`step` use: what a snapshot of `step` depends on.
    func parameterValues(through step: Int) -> [String: String] {
        var values: [String: String] = [:]
        for p in lesson.parameters where self.step(of: p) <= step { values[p.name] = value(of: p) }
        return values
    }

    /// A step's code as it will run: parameter lines rewritten with the overrides.
    public func code(of step: LessonStep) -> String {
        guard !overrides.isEmpty else { return step.code }
        return step.code.components(separatedBy: "\n").enumerated().map { offset, line in
            let lineNumber = step.firstLine + offset
            guard let p = lesson.parameters.first(where: { $0.line == lineNumber }), let literal = overrides[p.name] else { return line }
            return LessonParameter.rewrite(line, literal: literal)
        }.joined(separator: "\n")
    }

    /// Runs the next step and saves a snapshot after it. Returns nil when the lesson is finished.
    @discardableResult
    public func runNext() -> StepResult? {
        guard position < lesson.steps.count else { return nil }
        learner.noteDefinitions(in: interpreter)
        let step = lesson.steps[position]
        position += 1
        var result = run(step)
        result.redefined = learner.settle(in: interpreter)
        takeSnapshot()
        return result
    }

    private func run(_ step: LessonStep) -> StepResult {
        let source = code(of: step)
        // Leading newlines keep traceback line numbers equal to the file's.
        let padded = String(repeating: "\n", count: max(step.firstLine - 1, 0)) + source
        var failure: String?
        var scriptError: ScriptError?
        var interrupted = false
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
            interrupted = e.typeName == "KeyboardInterrupt"
        } catch {
            failure = "\(error)"
        }
        let directives = source.components(separatedBy: "\n").enumerated().compactMap { offset, line -> ShowDirective? in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("# @show ") else { return nil }
            return ShowDirective(command: String(trimmed.dropFirst(8)).trimmingCharacters(in: .whitespaces),
                                 line: step.firstLine + offset)
        }
        return StepResult(step: step, error: failure, directives: failure == nil ? directives : [], scriptError: scriptError, interrupted: interrupted)
    }

    // MARK: snapshots, back and replay

    /// The most bytes all snapshots may hold (copies of tensor bytes, and tensors kept alive only
    /// by snapshots): a quarter of the machine's memory, at most 4 GiB, or `LLMWB_SNAPSHOT_MEMORY`
    /// bytes. A step that changed more than that gets no snapshot; otherwise the oldest go first.
    public static let snapshotMemoryLimit: Int = {
        if let text = ProcessInfo.processInfo.environment["LLMWB_SNAPSHOT_MEMORY"], let bytes = Int(text) { return max(bytes, 0) }
        return min(4 << 30, Int(ProcessInfo.processInfo.physicalMemory / 4))
    }()

    /// The memory limit this session keeps to (tests lower it).
    public var memoryLimit = LessonSession.snapshotMemoryLimit

    /// False when nobody will go back (`llmwb run`): only the empty state before step 1 is kept.
    public var keepsSnapshots = true

    /// Saves the state after `position`, dropping older snapshots past the memory limit.
    private func takeSnapshot() {
        guard keepsSnapshots || position == 0 else { return }
        let previous = snapshots.filter { $0.key < position }.max { $0.key < $1.key }?.value
        do {
            let snapshot = try SessionSnapshot(step: position, parameters: parameterValues(through: position),
                                               learnerNames: Set(learner.names), interpreter: interpreter, previous: previous,
                                               limit: memoryLimit)
            snapshots[position] = snapshot
            unsavedReasons[position] = nil
        } catch {
            snapshots[position] = nil
            unsavedReasons[position] = "\(error)"
        }
        enforceMemoryLimit()
    }

    /// Bytes the snapshots hold: each distinct copy, plus the storages they keep alive that the
    /// newest snapshot (the state now) no longer has.
    public var snapshotBytes: Int {
        var copies = Set<ObjectIdentifier>(), kept = Set<ObjectIdentifier>(), bytes = 0
        let live = snapshots.max { $0.key < $1.key }?.value.copies ?? [:]
        for snapshot in snapshots.values {
            for (storage, copy) in snapshot.copies {
                if copies.insert(ObjectIdentifier(copy)).inserted { bytes += copy.byteCount }
                if live[storage] == nil, kept.insert(storage).inserted { bytes += copy.byteCount }
            }
        }
        return bytes
    }

    /// Steps with a snapshot, in order.
    public var snapshotSteps: [Int] { snapshots.keys.sorted() }

    /// The snapshot taken after `step`, if kept.
    func snapshot(after step: Int) -> SessionSnapshot? { snapshots[step] }

    /// Bytes the snapshot taken after `step` copied itself, not sharing them with the one before.
    public func snapshotNewBytes(after step: Int) -> Int? { snapshots[step]?.newBytes }

    private func enforceMemoryLimit() {
        let limit = memoryLimit, text = Storage.formatBytes(limit)
        while snapshotBytes > limit, let oldest = snapshots.keys.filter({ $0 > 0 && $0 != position }).min() {
            snapshots[oldest] = nil
            unsavedReasons[oldest] = "older snapshots were dropped at the \(text) limit"
        }
    }

    /// How going back (or replaying) went.
    public struct Restored {
        /// Steps run again because no snapshot of `target` could be used (nil: none ran).
        public let replayed: ClosedRange<Int>?
        /// Why the nearest snapshot was not used, when steps were replayed.
        public let reason: String?
        /// A replayed step that failed.
        public let failure: StepResult?
        /// Ctrl-C stopped the replay; the session is at `position`, the last step completed.
        public let interrupted: Bool
        /// Names the learner defined that the lesson's state now binds to its own values.
        public let redefined: [String]
    }

    /// Which steps a restore of `target` would replay (nil when a snapshot serves), and why.
    public func replayPlan(to target: Int) -> (steps: ClosedRange<Int>, reason: String)? {
        let goal = min(max(target, 0), lesson.steps.count)
        let base = usableSnapshot(atOrBefore: goal)
        guard base < goal else { return nil }
        let reason: String
        if let why = unsavedReasons[goal] { reason = why }
        else if let s = snapshots[goal], s.parameters != parameterValues(through: goal) { reason = "parameters changed" }
        else { reason = "step \(goal) has not run yet" }
        return (base + 1...goal, reason)
    }

    private func usableSnapshot(atOrBefore step: Int) -> Int {
        var s = step
        while s > 0 {
            if let snapshot = snapshots[s], snapshot.parameters == parameterValues(through: s) { return s }
            s -= 1
        }
        return 0
    }

    /// Puts the session where it was after step `target`: from its snapshot when there is a
    /// usable one, else from the nearest earlier snapshot by running the steps in between
    /// quietly, calling `progress` before each. Ctrl-C stops between (or inside) steps,
    /// leaving the session after the last step completed.
    public func restore(to target: Int, progress: (Int) -> Void = { _ in }) -> Restored {
        let goal = min(max(target, 0), lesson.steps.count)
        PyFile.flushAll()  // what the state being left wrote to files it left open reaches them
        learner.noteDefinitions(in: interpreter)
        let plan = replayPlan(to: goal)
        let base = usableSnapshot(atOrBefore: goal)
        let learnerNames = snapshots[base]?.learnerNames ?? []
        restoreSnapshot(base)
        var failure: StepResult?
        var interrupted = false
        while position < goal {
            if Interpreter.interruptRequested {
                Interpreter.interruptRequested = false
                interrupted = true
                break
            }
            progress(position + 1)
            let step = lesson.steps[position]
            position += 1
            let result = run(step)
            if result.interrupted {
                Interpreter.interruptRequested = false
                restoreSnapshot(usableSnapshot(atOrBefore: position - 1))
                interrupted = true
                break
            }
            takeSnapshot()
            if result.error != nil { failure = result; break }
        }
        for step in snapshots.keys where step > position { snapshots[step] = nil }
        let redefined = learner.settle(in: interpreter, restored: learnerNames)
        return Restored(replayed: plan?.steps, reason: plan?.reason, failure: failure, interrupted: interrupted, redefined: redefined)
    }

    private func restoreSnapshot(_ step: Int) {
        guard let snapshot = snapshots[step] else { return }
        snapshot.restore(into: interpreter)
        position = step
    }

    // MARK: what changed

    /// The content of every variable now, to compare with after a rerun.
    public func contents() -> VariableContents {
        var reader = ContentReader(interpreter: interpreter)
        var values: [String: Content] = [:]
        var order: [String] = []
        for name in interpreter.globalNames.sorted() {
            guard !name.hasPrefix("_"), let value = interpreter.global(name),
                  LessonSession.summary(name, value, interpreter) != nil else { continue }
            values[name] = reader.read(value)
            order.append(name)
        }
        return VariableContents(order: order, values: values)
    }

    /// What differs between two readings: one line per variable, by content, each about
    /// `width` characters at most (values are shortened to fit both sides of the arrow).
    public static func changes(from before: VariableContents, to after: VariableContents, width: Int = 80) -> [String] {
        var lines: [String] = []
        for name in after.order {
            guard let new = after.values[name] else { continue }
            guard let old = before.values[name] else { lines.append("\(name): new"); continue }
            let limit = max((width - name.count - 9) / 2, 12)
            if let d = ChangeDescription.describe(old, new, limit: limit) { lines.append("\(name): \(d)") }
        }
        for name in before.order where after.values[name] == nil { lines.append("\(name): no longer defined") }
        return lines
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
            return VariableSummary(name: name, type: t.isParameter ? "Parameter" : "Tensor", detail: detail)
        }
        let text = interpreter.repr(value)
        let detail = text.count <= 60 ? text : String(text.prefix(57)) + "..."
        return VariableSummary(name: name, type: type, detail: detail)
    }
}
