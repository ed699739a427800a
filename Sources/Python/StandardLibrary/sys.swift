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
        m.add("version_info", .object(StructSequence.versionInfo()))
        m.add("platform", .str("linux"))
        m.add("byteorder", .str("little"))
        m.add("maxsize", .int(Int.max))
        m.add("executable", .str(""))
        m.add("path", .list(interpreter.searchPaths.map { .str($0) }))
        let modules = PyDict()
        for (name, module) in interpreter.modules.sorted(by: { $0.key < $1.key }) { modules.storage.set(.str(name), .object(module)) }
        modules.storage.set(.str("sys"), .object(m.module))
        m.add("modules", .object(modules))
        m.add("float_info", .object(StructSequence.floatInfo()))
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

/// A struct sequence (`sys.float_info`, `sys.version_info`): a tuple whose items are also
/// attributes, printed as `sys.float_info(max=..., ...)`.
final class StructSequence: PyObject {
    let typeObject: PyClass
    let fields: [(String, Value)]
    let tuple: PyTuple

    init(name: String, _ fields: [(String, Value)]) {
        typeObject = PyClass(name: name, bases: [BuiltinTypes.object], moduleName: "sys")
        self.fields = fields
        tuple = PyTuple(fields.map(\.1))
    }

    static func floatInfo() -> StructSequence {
        StructSequence(name: "float_info", [
            ("max", .float(Double.greatestFiniteMagnitude)), ("max_exp", .int(1024)), ("max_10_exp", .int(308)),
            ("min", .float(Double.leastNormalMagnitude)), ("min_exp", .int(-1021)), ("min_10_exp", .int(-307)),
            ("dig", .int(15)), ("mant_dig", .int(53)), ("epsilon", .float(Double.ulpOfOne)), ("radix", .int(2)), ("rounds", .int(1)),
        ])
    }

    static func versionInfo() -> StructSequence {
        StructSequence(name: "version_info", [("major", .int(3)), ("minor", .int(11)), ("micro", .int(7)),
                                              ("releaselevel", .str("final")), ("serial", .int(0))])
    }

    override var pyClass: PyClass { typeObject }
    override func getAttribute(_ name: String) throws -> Value? { fields.first { $0.0 == name }?.1 }
    override func getItem(_ key: Value) throws -> Value? { try tuple.getItem(key) }
    override func length() throws -> Int? { fields.count }
    override func makeIterator() throws -> PyIterator? { try tuple.makeIterator() }
    override func hashValue() throws -> Int? { try tuple.hashValue() }
    override func compare(_ op: CompareOperator, _ other: Value) throws -> Value? {
        try compareValues(.object(tuple), op, (other.asObject as? StructSequence).map { .object($0.tuple) } ?? other)
    }
    override func repr() throws -> String {
        "sys.\(typeObject.name)(" + (try fields.map { "\($0.0)=\(try Python.repr($0.1))" }.joined(separator: ", ")) + ")"
    }
}
