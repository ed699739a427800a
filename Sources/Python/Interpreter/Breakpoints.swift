// Breakpoints: `break MultiHeadAttention.forward` stops a script function as it returns,
// with its parameters and locals, so the shell can let the learner look (lessons 03-06).

import Foundation

/// A script function stopped as it returns (or raises), its frame still alive.
public struct Stop {
    /// The function, qualified: `MultiHeadAttention.forward`.
    public let function: String
    /// Where it is defined: `gpt.py:32`.
    public let location: String
    /// Parameters, then the locals in the order the body first assigns them, as they are now.
    public let variables: [(name: String, value: Value)]
    /// The interpreter running it.
    public let interpreter: Interpreter
}

/// The functions to stop in, for one session: the shell gives each interpreter it makes the
/// same list (`Interpreter.breakpoints`), so it outlives `reset`, and other sessions (tests)
/// never stop. The handler is called on the interpreter's thread and returns when the
/// function may go on.
public final class Breakpoints {
    private let lock = NSLock()
    private var functions: [String] = []
    private let handler: (Stop) -> Void

    public init(handler: @escaping (Stop) -> Void) { self.handler = handler }

    deinit { if !functions.isEmpty { FrameObservers.breakpointListChanged(active: -1) } }

    /// The names stopped in: qualified (`MultiHeadAttention.forward`) or plain (`forward`);
    /// no names clears them.
    public var names: [String] {
        get {
            lock.lock()
            defer { lock.unlock() }
            return functions
        }
        set {
            lock.lock()
            let (was, now) = (!functions.isEmpty, !newValue.isEmpty)
            functions = newValue
            lock.unlock()
            if was != now { FrameObservers.breakpointListChanged(active: now ? 1 : -1) }
        }
    }

    func frameExited(_ code: FunctionCode, _ frame: Frame) {
        let names = self.names
        guard names.contains(code.qualifiedName) || names.contains(code.info.name) else { return }
        var variables: [(name: String, value: Value)] = []
        for (i, name) in code.positionalNames.enumerated() where i < frame.slotCount {
            if let value = frame.slots[i] { variables.append((name, unwrapCell(value))) }
        }
        for local in frame.assignedLocals where !variables.contains(where: { $0.name == local.name }) { variables.append(local) }
        let file = (code.info.filename as NSString).lastPathComponent
        handler(Stop(function: code.qualifiedName, location: "\(file):\(code.definitionRange.line)",
                     variables: variables, interpreter: code.info.interpreter))
    }

    private func unwrapCell(_ value: Value) -> Value {
        if case .object(let o) = value, let cell = o as? PyCell { return cell.value ?? .none }
        return value
    }
}
