// Python's `sys` module: standard streams, argv, the recursion limit and exit.
import Foundation

enum SysModule {
    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "sys")
        m.add("stdout", .object(StandardStream(isError: false) { interpreter.output($0) }))
        m.add("stderr", .object(StandardStream(isError: true) { interpreter.errorOutput($0) }))
        m.add("argv", .list([.str("")]))
        m.add("version", .str("3.11.7 (llmwb lesson language)"))
        m.add("version_info", .tuple([.int(3), .int(11), .int(7), .str("final"), .int(0)]))
        m.add("platform", .str("linux"))
        m.add("maxsize", .int(Int.max))
        m.add("path", .list(interpreter.searchPaths.map { .str($0) }))
        m.add("modules", .object(PyDict()))
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
        return m.module
    }
}
