// `trace model(x)`: while a call runs, every module's output is recorded under
// its path in the model (`trf_blocks.0.att`, `trf_blocks.0.ff.layers.1`), in the
// order computed, so the learner can list, print and heatmap each one afterwards.

import NN
import Tensor

public final class TraceRecorder {
    /// The recording in progress; nil when not tracing. One trace at a time.
    nonisolated(unsafe) static var current: TraceRecorder?

    private var paths: [ObjectIdentifier: String] = [:]
    public private(set) var records: [(name: String, value: Value)] = []

    /// Records inside every module reachable from the given roots (the modules among
    /// the script's variables); their paths are taken from the first root holding them.
    init(roots: [(String, NNModule)]) {
        for (rootName, root) in roots {
            for (path, module) in root.namedModules() where paths[ObjectIdentifier(module)] == nil {
                paths[ObjectIdentifier(module)] = path.isEmpty ? rootName : path
            }
        }
        if roots.count == 1 { paths[ObjectIdentifier(roots[0].1)] = "output" }
    }

    func record(_ module: NNModule, _ output: Value) {
        guard let path = paths[ObjectIdentifier(module)] else { return }
        if output.tensorValue != nil {
            records.append((path, output))
        } else if let items = try? iterateToArray(output) {
            for (i, item) in items.enumerated() where item.tensorValue != nil { records.append(("\(path).\(i)", item)) }
        }
    }

    /// Evaluates `expression` with recording on; returns the recorded dict.
    /// `roots` are the modules to name paths from (all module variables by default).
    public static func run(_ expression: String, in interpreter: Interpreter) throws -> (result: Value?, records: PyDict) {
        var roots: [(String, NNModule)] = []
        for name in interpreter.globalNames.sorted() {
            if let m = interpreter.global(name)?.asObject as? ModuleObject { roots.append((name, m.module)) }
        }
        // Prefer the module the expression calls: `model(x)` names paths from `model`.
        let callee = String(expression.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        if let i = roots.firstIndex(where: { $0.0 == callee }) { roots = [roots[i]] + roots.filter { $0.0 != callee } }
        let recorder = TraceRecorder(roots: roots.count > 1 && roots[0].0 == callee ? [roots[0]] : roots)
        current = recorder
        NNModule.childOutputObserver = { module, output in
            // Script modules record themselves through their forward; others here.
            if !(module is ScriptModule) { recorder.record(module, .tensor(output)) }
        }
        defer { current = nil; NNModule.childOutputObserver = nil }
        let result = try interpreter.evaluate(expression, filename: "<trace>")
        let dict = PyDict()
        var seen: [String: Int] = [:]
        for (name, value) in recorder.records {
            // A module called twice records `name`, then `name#2`, ...
            seen[name, default: 0] += 1
            let key = seen[name]! == 1 ? name : "\(name)#\(seen[name]!)"
            try dict.set(.str(key), value)
        }
        return (result, dict)
    }
}
