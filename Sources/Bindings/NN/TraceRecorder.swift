// `trace model(x)`: while a call runs, every module's output is recorded under its
// path in the model (`trf_blocks.0.att.out`, `trf_blocks.0.ff.layers.1.out`), and so is every
// tensor a script-defined `forward` keeps in a local (`trf_blocks.0.att.attn_weights`),
// so the learner can list, print and heatmap each one afterwards (lesson 06).
import Foundation
import NN
import Python
import Tensor

public final class TraceRecorder {
    /// The running interpreter's recording (its BindingsContext's); nil when it is not tracing.
    static var current: TraceRecorder? { BindingsContext.current.trace }

    /// How many interpreters are tracing: the hooks in NN and the interpreter (which capture
    /// nothing and find the recorder through the running interpreter) are on while any is,
    /// so code that is not traced pays one check.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var tracingInterpreters = 0

    private static func activate(_ recorder: TraceRecorder?, in context: BindingsContext) {
        lock.lock()
        defer { lock.unlock() }
        if (context.trace == nil) != (recorder == nil) { tracingInterpreters += recorder == nil ? -1 : 1 }
        context.trace = recorder
        NNModule.childOutputObserver = tracingInterpreters == 0 ? nil : childOutput
        FrameObservers.traceObserver = tracingInterpreters == 0 ? nil : frameExited
    }

    /// Outputs of the children of Swift containers (Sequential); script modules record
    /// themselves through their forward.
    private static func childOutput(_ module: NNModule, _ output: Tensor) {
        if !(module is ScriptModule) { current?.record(module, .tensor(output)) }
    }

    static func frameExited(_ code: FunctionCode, _ frame: Frame) {
        current?.recordLocals(code, frame)
    }

    private var paths: [ObjectIdentifier: String] = [:]
    /// The module the traced expression calls: its output is `output`, its locals are top-level names.
    private var root: ObjectIdentifier?
    private var records: [(name: String, value: Value)] = []

    /// Records inside every module reachable from the given roots (the modules among
    /// the script's variables); their paths are taken from the first root holding them.
    init(roots: [(String, NNModule)]) {
        for (rootName, module) in roots {
            for (path, module) in module.namedModules() where paths[ObjectIdentifier(module)] == nil {
                paths[ObjectIdentifier(module)] = path.isEmpty ? rootName : path
            }
        }
        if roots.count == 1 {
            root = ObjectIdentifier(roots[0].1)
            paths[ObjectIdentifier(roots[0].1)] = "output"
        }
    }

    /// A module's output, under its path and `.out` (`trf_blocks.0.att.W_query.out`, never
    /// just `W_query`, which is the layer and its weight); a tuple or list of tensors as
    /// `path.out.0`, `path.out.1`, ... The called module's own output is `output`.
    func record(_ module: NNModule, _ output: Value) {
        guard let modulePath = paths[ObjectIdentifier(module)] else { return }
        let path = ObjectIdentifier(module) == root ? modulePath : modulePath + ".out"
        if output.tensorValue != nil {
            records.append((path, output))
        } else if let items = try? iterateToArray(output) {
            for (i, item) in items.enumerated() where item.tensorValue != nil { records.append(("\(path).\(i)", item)) }
        }
    }

    /// When a script-defined `forward` of a traced module finishes: its tensor locals, each
    /// with the last value it held, under `path.name` (top-level names for the called module).
    func recordLocals(_ code: FunctionCode, _ frame: Frame) {
        guard !code.info.assignedLocals.isEmpty, code.info.name == "forward", frame.slotCount > 0,
              case .object(let o)? = frame.slots[0], let object = o as? ModuleObject else { return }
        let id = ObjectIdentifier(object.module)
        guard let path = id == root ? "" : paths[id] else { return }
        for (name, value) in frame.assignedLocals {
            let key = path.isEmpty ? name : path + "." + name
            if value.tensorValue != nil {
                records.append((key, value))
            } else if case .object(let container) = value, container is PyList || container is PyTuple,
                      let items = try? iterateToArray(value) {
                for (i, item) in items.enumerated() where item.tensorValue != nil { records.append(("\(key).\(i)", item)) }
            }
        }
    }

    /// The records as a dict, in the order computed; a name recorded again (a module
    /// called twice) becomes `name#2`, `name#3`, ...
    func dictionary() throws -> PyDict {
        let dict = PyDict()
        var seen: [String: Int] = [:]
        for (name, value) in records {
            let count = (seen[name] ?? 0) + 1
            seen[name] = count
            try dict.set(.str(count == 1 ? name : "\(name)#\(count)"), value)
        }
        return dict
    }

    /// Evaluates `expression` with recording on. Returns the call's value and the recorded
    /// dict; when the call raises, the tensors recorded before the error, and the error.
    public static func run(_ expression: String, in interpreter: Interpreter) throws
        -> (result: Value?, records: PyDict, error: Error?) {
        var roots: [(String, NNModule)] = []
        for name in interpreter.globalNames.sorted() {
            if let m = interpreter.global(name)?.asObject as? ModuleObject { roots.append((name, m.module)) }
        }
        // Prefer the module the expression calls: `model(x)` names paths from `model`.
        let callee = String(expression.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        if let i = roots.firstIndex(where: { $0.0 == callee }) { roots = [roots[i]] + roots.filter { $0.0 != callee } }
        let recorder = TraceRecorder(roots: roots.count > 1 && roots[0].0 == callee ? [roots[0]] : roots)
        guard let context = BindingsContext.of(interpreter) else {
            return (nil, PyDict(), PyException.runtimeError("trace needs an interpreter with the bindings registered"))
        }
        let previous = context.trace
        activate(recorder, in: context)
        defer { activate(previous, in: context) }
        do {
            let result = try interpreter.evaluate(expression, filename: "<trace>")
            return (result, try recorder.dictionary(), nil)
        } catch {
            return (nil, try recorder.dictionary(), error)
        }
    }
}
