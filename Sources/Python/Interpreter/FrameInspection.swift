// Debugger hooks: a function's locals by name, and an observer told when a call
// finishes, so `trace model(x)` can record what each `forward` computed (lesson 06).

import Foundation

extension FunctionCode {
    /// Told when a call of a script function finishes (returns or raises), while the
    /// frame still holds its locals. nil when nothing observes: the call path then
    /// pays one load and compare. Set by `FrameObservers`, to a function that captures
    /// nothing, so other threads never read half a closure.
    nonisolated(unsafe) static var exitObserver: ((FunctionCode, Frame) -> Void)?
}

/// Who watches frames finish: a trace (installed by the bindings, which know modules and
/// tensors), breakpoints, or both. Switches `exitObserver` between nil and `dispatch`, a
/// process-wide switch (one check per call when off); what a call finds is its own
/// interpreter's (`Interpreter.breakpoints`, the bindings' trace).
public enum FrameObservers {
    /// The trace's observer, told of every finished call while a trace records.
    nonisolated(unsafe) public static var traceObserver: ((FunctionCode, Frame) -> Void)? { didSet { update() } }
    /// How many breakpoint lists name functions (behind `lock`).
    nonisolated(unsafe) private static var activeBreakpointLists = 0
    private static let lock = NSLock()

    static func breakpointListChanged(active change: Int) {
        lock.lock()
        activeBreakpointLists += change
        lock.unlock()
        update()
    }

    private static func update() {
        lock.lock()
        let breakpoints = activeBreakpointLists > 0
        lock.unlock()
        FunctionCode.exitObserver = traceObserver != nil || breakpoints ? dispatch : nil
    }

    private static func dispatch(_ code: FunctionCode, _ frame: Frame) {
        let raised = frame.raised
        frame.raised = false
        traceObserver?(code, frame)
        // An error or Ctrl-C on its way out is not the place to stop.
        if !raised, let breakpoints = code.info.interpreter.breakpoints { breakpoints.frameExited(code, frame) }
    }
}

extension CompileContext {
    /// Remembers that the function being compiled assigns `name`, keeping the order of
    /// first assignment (`queries`, `keys`, ... as the body reads), for `Frame.assignedLocals`.
    /// Comprehension variables, globals and nonlocals are not the function's own locals.
    func noteAssignment(_ name: String) {
        guard scope.kind == .function, let slot = slots[name], !scope.free.contains(name),
              !info.assignedLocals.contains(where: { $0.name == name }) else { return }
        info.assignedLocals.append((name, slot))
    }
}

extension Frame {
    /// The locals the body has assigned so far, in the order the source first assigns
    /// them, with the value each holds now (closure cells unwrapped). Parameters appear
    /// only when the body assigns them again (`x = x + shortcut`).
    public var assignedLocals: [(name: String, value: Value)] {
        code.assignedLocals.compactMap { local in
            guard let value = slots[local.slot] else { return nil }
            if case .object(let o) = value, let cell = o as? PyCell { return cell.value.map { (local.name, $0) } }
            return (local.name, value)
        }
    }
}
