// Python's `os` and `os.path` modules: paths, directories and the environment.
import Foundation

enum OSModule {
    /// A path argument: a str, or an os.PathLike object (pathlib.Path) through `__fspath__`.
    static func fsPath(_ value: Value, _ function: String) throws -> String {
        if case .str(let s) = value { return s }
        if case .object(let o) = value, o.pyClass.lookup("__fspath__") != nil,
           case .str(let s) = try callValue(try Python.getAttribute(value, "__fspath__")) { return s }
        throw PyException.typeError("\(function): path should be string, bytes or os.PathLike, not \(value.typeName)")
    }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "os")
        let path = makePath()
        m.add("path", .object(path))
        m.add("sep", .str("/"))
        m.add("linesep", .str("\n"))
        m.add("name", .str("posix"))
        m.addFunction("getcwd") { _ in .str(FileManager.default.currentDirectoryPath) }
        m.addFunction("listdir", signature: "path='.'") { args in
            let p = try fsPath(args["path"], "listdir")
            guard let items = try? FileManager.default.contentsOfDirectory(atPath: p) else { throw PyFile.osError(ENOENT, p) }
            return .list(items.sorted().map { .str($0) })
        }
        m.addFunction("makedirs", signature: "name, exist_ok=False") { args in
            let p = try fsPath(args["name"], "makedirs")
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory) {
                if try args.bool("exist_ok") && isDirectory.boolValue { return .none }
                throw PyFile.osError(EEXIST, p)
            }
            do { try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: true) } catch { throw PyFile.osError(EACCES, p) }
            return .none
        }
        m.addFunction("remove", signature: "path") { args in
            let p = try fsPath(args["path"], "remove")
            guard FileManager.default.fileExists(atPath: p) else { throw PyFile.osError(ENOENT, p) }
            do { try FileManager.default.removeItem(atPath: p) } catch { throw PyFile.osError(EACCES, p) }
            return .none
        }
        let environ = PyDict()
        for (k, v) in ProcessInfo.processInfo.environment.sorted(by: { $0.key < $1.key }) { environ.storage.set(.str(k), .str(v)) }
        m.add("environ", .object(environ))
        m.addFunction("fspath", signature: "path") { args in .str(try fsPath(args["path"], "fspath")) }
        m.addFunction("getenv", signature: "key, default=None") { args in
            if let v = ProcessInfo.processInfo.environment[try args.string("key")] { return .str(v) }
            return args["default"]
        }
        _ = interpreter
        return m.module
    }

    static func makePath() -> PyModule {
        let m = NativeModule(name: "os.path")
        func path(_ args: BoundArguments, _ name: String) throws -> String {
            if case .str(let s) = args[name] { return s }
            if case .object(let o) = args[name], o.pyClass.lookup("__fspath__") != nil { return try fsPath(args[name], name) }
            throw PyException.typeError("expected str, bytes or os.PathLike object, not \(args[name].typeName)")
        }
        m.addFunction("exists", signature: "path") { args in .bool(FileManager.default.fileExists(atPath: try path(args, "path"))) }
        m.addFunction("isfile", signature: "path") { args in
            var isDirectory: ObjCBool = false
            return .bool(FileManager.default.fileExists(atPath: try path(args, "path"), isDirectory: &isDirectory) && !isDirectory.boolValue)
        }
        m.addFunction("isdir", signature: "path") { args in
            var isDirectory: ObjCBool = false
            return .bool(FileManager.default.fileExists(atPath: try path(args, "path"), isDirectory: &isDirectory) && isDirectory.boolValue)
        }
        m.addFunction("join") { args in
            var result = ""
            for item in args.positional {
                var v = item
                if case .object(let o) = item, o.pyClass.lookup("__fspath__") != nil { v = .str(try fsPath(item, "join")) }
                guard case .str(let part) = v else {
                    throw PyException.typeError("join() argument must be str, bytes, or os.PathLike object, not '\(v.typeName)'")
                }
                if part.hasPrefix("/") { result = part } else if result.isEmpty || result.hasSuffix("/") { result += part } else { result += "/" + part }
            }
            return .str(result)
        }
        m.addFunction("basename", signature: "p") { args in
            let p = try path(args, "p")
            return .str(p.hasSuffix("/") ? "" : String(p.split(separator: "/", omittingEmptySubsequences: false).last ?? ""))
        }
        m.addFunction("dirname", signature: "p") { args in
            let p = try path(args, "p")
            guard let slash = p.lastIndex(of: "/") else { return .str("") }
            let head = String(p[..<slash])
            return .str(head.isEmpty ? "/" : head)
        }
        m.addFunction("splitext", signature: "p") { args in
            let p = try path(args, "p")
            let base = p.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? p
            if let dot = base.lastIndex(of: "."), dot != base.startIndex, base[..<dot].contains(where: { $0 != "." }) {
                let ext = String(base[dot...])
                return .tuple([.str(String(p.dropLast(ext.count))), .str(ext)])
            }
            return .tuple([.str(p), .str("")])
        }
        m.addFunction("abspath", signature: "p") { args in
            let p = try path(args, "p")
            let full = p.hasPrefix("/") ? p : FileManager.default.currentDirectoryPath + "/" + p
            return .str((full as NSString).standardizingPath)
        }
        m.addFunction("getsize", signature: "p") { args in
            let p = try path(args, "p")
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: p), let size = attributes[.size] as? NSNumber else {
                throw PyFile.osError(ENOENT, p)
            }
            return .int(size.intValue)
        }
        m.add("sep", .str("/"))
        return m.module
    }
}
