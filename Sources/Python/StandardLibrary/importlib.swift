// Python's `importlib` and `importlib.metadata`: the versions of the packages we implement.
import Foundation

enum ImportlibModule {
    /// Versions reported by `importlib.metadata.version` for the packages we implement.
    nonisolated(unsafe) static var packageVersions: [String: String] = ["torch": "2.5.1", "tiktoken": "0.8.0"]

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "importlib")
        m.add("metadata", .object(makeMetadata(interpreter)))
        return m.module
    }

    static func makeMetadata(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "importlib.metadata")
        let notFound = PyClass(name: "PackageNotFoundError", bases: [BuiltinTypes.moduleNotFoundError], moduleName: "importlib.metadata")
        m.add("PackageNotFoundError", .object(notFound))
        m.addFunction("version", signature: "distribution_name") { args in
            let name = try args.string("distribution_name")
            if let v = packageVersions[name] { return .str(v) }
            throw PyException(notFound, "No package metadata was found for \(name)")
        }
        return m.module
    }
}

extension Interpreter {
    /// Sets the version string `importlib.metadata.version(package)` returns.
    public static func setPackageVersion(_ package: String, _ version: String) {
        ImportlibModule.packageVersions[package] = version
    }
}
