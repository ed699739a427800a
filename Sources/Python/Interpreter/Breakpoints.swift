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

/// The functions to stop in, for the whole process. The handler is called on the
/// interpreter's thread and returns when the function may go on; other interpreters
/// running meanwhile (tests) read the settings under a lock and can be told apart by `Stop.interpreter`.
public enum Breakpoints {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var functions: [String] = []
    nonisolated(unsafe) private static var handler: ((Stop) -> Void)?

    /// The names stopped in: qualified (`MultiHeadAttention.forward`) or plain (`forward`).
    public static var names: [String] {
        lock.lock()
        defer { lock.unlock() }
        return functions
    }

    /// Stops in the functions named, calling `handler` at each stop; no names clears them.
    public static func set(_ names: [String], handler: @escaping (Stop) -> Void) {
        lock.lock()
        (functions, self.handler) = (names, names.isEmpty ? nil : handler)
        lock.unlock()
        FrameObservers.breakpointsActive = !names.isEmpty
    }

    static func frameExited(_ code: FunctionCode, _ frame: Frame) {
        lock.lock()
        let (names, handler) = (functions, self.handler)
        lock.unlock()
        guard let handler, names.contains(code.qualifiedName) || names.contains(code.info.name) else { return }
        var variables: [(name: String, value: Value)] = []
        for (i, name) in code.positionalNames.enumerated() where i < frame.slotCount {
            if let value = frame.slots[i] { variables.append((name, unwrapCell(value))) }
        }
        for local in frame.assignedLocals where !variables.contains(where: { $0.name == local.name }) { variables.append(local) }
        let file = (code.info.filename as NSString).lastPathComponent
        handler(Stop(function: code.qualifiedName, location: "\(file):\(code.definitionRange.line)",
                     variables: variables, interpreter: code.info.interpreter))
    }

    private static func unwrapCell(_ value: Value) -> Value {
        if case .object(let o) = value, let cell = o as? PyCell { return cell.value ?? .none }
        return value
    }
}
