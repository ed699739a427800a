// Python's `sys` module: standard streams, argv, loaded modules, float facts, the recursion
// limit and exit (`llmwb exec` turns an uncaught SystemExit into the process's exit status).
import Foundation

enum SysModule {
    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "sys")
        let stdout = Value.object(StandardStream(isError: false) { interpreter.output($0) })
        let stderr = Value.object(StandardStream(isError: true) { interpreter.errorOutput($0) })
        m.add("stdout", stdout)
        m.add("stderr", stderr)
        m.add("__stdout__", stdout)
        m.add("__stderr__", stderr)
        m.add("argv", .list(interpreter.argv.map { .str($0) }))
        m.add("version", .str("3.11.7 (llmwb lesson language)"))
        m.add("version_info", .tuple([.int(3), .int(11), .int(7), .str("final"), .int(0)]))
        m.add("platform", .str("linux"))
        m.add("byteorder", .str("little"))
        m.add("maxsize", .int(Int.max))
        m.add("executable", .str(""))
        m.add("path", .list(interpreter.searchPaths.map { .str($0) }))
        let modules = PyDict()
        for (name, module) in interpreter.modules.sorted(by: { $0.key < $1.key }) { modules.storage.set(.str(name), .object(module)) }
        modules.storage.set(.str("sys"), .object(m.module))
        m.add("modules", .object(modules))
        m.add("float_info", .object(FloatInfo()))
        m.addFunction("getrecursionlimit") { _ in .int(interpreter.recursionLimit) }
        m.addFunction("setrecursionlimit", signature: "limit") { args in
            let limit = try args.int("limit")
            if limit < 1 { throw PyException.valueError("recursion limit must be greater or equal than 1") }
            interpreter.recursionLimit = min(limit, 20000)
            return .none
        }
        m.addFunction("exit", signature: "status=None") { args in
            throw PyException(BuiltinTypes.exception("SystemExit"), args: args.isNone("status") ? [] : [args["status"]])
        }
        m.addFunction("getsizeof", signature: "object, default=None") { _ in .int(64) }
        m.addFunction("intern", signature: "string") { args in args["string"] }
        return m.module
    }

    /// Keeps `sys.modules` in step with the interpreter's imports.
    static func recordImport(_ name: String, _ module: PyModule, _ interpreter: Interpreter) {
        guard case .object(let o)? = interpreter.modules["sys"]?.globals["modules"], let d = o as? PyDict else { return }
        d.storage.set(.str(name), .object(module))
    }
}

/// `sys.float_info`: the facts of IEEE 754 binary64, printed as CPython's struct sequence.
final class FloatInfo: PyObject {
    static let fields: [(String, Value)] = [
        ("max", .float(Double.greatestFiniteMagnitude)), ("max_exp", .int(1024)), ("max_10_exp", .int(308)),
        ("min", .float(Double.leastNormalMagnitude)), ("min_exp", .int(-1021)), ("min_10_exp", .int(-307)),
        ("dig", .int(15)), ("mant_dig", .int(53)), ("epsilon", .float(Double.ulpOfOne)), ("radix", .int(2)), ("rounds", .int(1)),
    ]
    static let typeObject = PyClass(name: "float_info", bases: [BuiltinTypes.object], moduleName: "sys")
    override var pyClass: PyClass { FloatInfo.typeObject }
    override func getAttribute(_ name: String) throws -> Value? { FloatInfo.fields.first { $0.0 == name }?.1 }
    override func getItem(_ key: Value) throws -> Value? { try PyTuple(FloatInfo.fields.map(\.1)).getItem(key) }
    override func length() throws -> Int? { FloatInfo.fields.count }
    override func makeIterator() throws -> PyIterator? { try PyTuple(FloatInfo.fields.map(\.1)).makeIterator() }
    override func repr() throws -> String {
        "sys.float_info(" + (try FloatInfo.fields.map { "\($0.0)=\(try Python.repr($0.1))" }.joined(separator: ", ")) + ")"
    }
}
