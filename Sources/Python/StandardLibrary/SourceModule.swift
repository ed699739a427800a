// Standard-library modules (or parts of them) written in the lesson language itself: the
// Python source is compiled and run into the module's namespace when it is first imported.

enum SourceModule {
    /// Runs `source` in `module` (already holding any native names the source uses).
    static func run(_ source: String, name: String, in module: PyModule, interpreter: Interpreter) throws -> PyModule {
        let savedDepth = interpreter.depth
        let savedHandling = interpreter.handling
        defer {
            interpreter.depth = savedDepth
            interpreter.handling = savedHandling
        }
        do {
            _ = try interpreter.executeInModule(source: source, filename: "<frozen \(name)>", module: module, echo: false)
        } catch let error as ScriptError {
            switch error {
            case .exception(let e): throw e
            case .syntax(let s): throw PyException(BuiltinTypes.exception(s.kind), "\(name): \(s.message) (line \(s.line))")
            }
        }
        return module
    }

    /// A module made only of Python source.
    static func make(_ name: String, _ source: String) -> (Interpreter) throws -> PyModule {
        { interpreter in try run(source, name: name, in: PyModule(name: name), interpreter: interpreter) }
    }
}
