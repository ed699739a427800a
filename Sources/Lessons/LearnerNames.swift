// What the learner defined at the prompt (`total = 0`, `def sq(x): ...`): noticed by comparing
// the globals with what the lesson left, and put back after `back`, `goto` and `rerun`.

import Python

final class LearnerNames {
    /// The learner's names and values, in the order first defined.
    private(set) var names: [String] = []
    private var values: [String: Value] = [:]
    /// The globals as the lesson's own code (or a restore) last left them.
    private var lessonState: [String: Value] = [:]

    /// Remembers the globals as they are, as the lesson's doing.
    func noteLessonState(of interpreter: Interpreter) {
        lessonState = Dictionary(interpreter.mainModule.globals.items(), uniquingKeysWith: { _, last in last })
    }

    /// Records names bound (or rebound) since the lesson last ran: the learner's.
    func noteDefinitions(in interpreter: Interpreter) {
        for (name, value) in interpreter.mainModule.globals.items() where LearnerNames.isUserName(name) {
            if let lesson = lessonState[name], lesson.isIdentical(to: value) { continue }
            if values[name] == nil { names.append(name) }
            values[name] = value
        }
    }

    /// After a step, or a restore of a snapshot that had `restored` as the learner's names:
    /// the learner's names the lesson now binds to values of its own are given up (and
    /// returned); the others are bound to the learner's values again.
    func settle(in interpreter: Interpreter, restored: Set<String>? = nil) -> [String] {
        var redefined: [String] = []
        for name in names {
            guard let mine = values[name] else { continue }
            if let current = interpreter.mainModule.globals[name], !current.isIdentical(to: mine),
               !(restored?.contains(name) ?? false) {
                redefined.append(name)
            } else if restored != nil {
                interpreter.mainModule.globals[name] = mine
            }
        }
        for name in redefined { values[name] = nil }
        names.removeAll { values[$0] == nil }
        noteLessonState(of: interpreter)
        return redefined
    }

    /// `total`, `sq`: not `_`, not dunders.
    static func isUserName(_ name: String) -> Bool { !name.hasPrefix("_") }
}
