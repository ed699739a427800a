// Standard-library modules (or parts of them) written in the lesson language itself: the
// Python source is compiled and run into the module's namespace when it is first imported.

enum SourceModule {
    /// Runs `source` in `module` (already holding any native names the source uses).
    static func run(_ source: String, name: String, in module: PyModule, interpreter: Interpreter) throws -> PyModule {
        // `_object_new(cls)`: a bare instance, `object.__new__(cls)` (enum members are made with it).
        module.globals["_object_new"] = .object(PyBuiltinFunction(name: "_object_new") { args in
            guard case .object(let o) = args[0], let cls = o as? PyClass else { throw PyException.typeError("_object_new(cls): cls must be a class") }
            return .object(cls.effectiveFactory?(cls) ?? PyInstance(cls: cls))
        })
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
