// The standard library's table of contents: each Python module name and the function that
// builds it for one interpreter. One module a file in this folder, named after the module.

enum StandardLibrary {
    typealias Loader = (Interpreter) throws -> PyModule

    /// Python module name → builder. Submodules (`os.path`) are listed by their dotted name.
    static let modules: [String: Loader] = [
        "math": MathModule.make,
        "time": TimeModule.make,
        "os": OSModule.make,
        "os.path": { interpreter in
            if case .object(let o)? = try interpreter.importModule("os").globals["path"], let path = o as? PyModule { return path }
            return OSModule.makePath()
        },
        "sys": SysModule.make,
        "importlib": ImportlibModule.make,
        "importlib.metadata": ImportlibModule.makeMetadata,
        "random": RandomModule.make,
        "collections": CollectionsModule.make,
        "itertools": ItertoolsModule.make,
        "functools": FunctoolsModule.make,
        "operator": OperatorModule.make,
        "heapq": HeapqModule.make,
        "bisect": BisectModule.make,
        "copy": CopyModule.make,
        "typing": TypingModule.make,
        "json": JSONModule.make,
        "dataclasses": DataclassesModule.make,
        "inspect": InspectModule.make,
        "io": IOModule.make,
        "contextlib": ContextlibModule.make,
        "abc": ABCModule.make,
        "enum": EnumModule.make,
        "string": StringModule.make,
        "textwrap": TextwrapModule.make,
        "warnings": WarningsModule.make,
        "ast": ASTModule.make,
        "pathlib": PathlibModule.make,
        "shutil": ShutilModule.make,
        "statistics": StatisticsModule.make,
        "__future__": FutureModule.make,
    ]
}
