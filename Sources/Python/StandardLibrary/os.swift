// Python's `os` and `os.path` modules: paths, directories and the environment, each file
// access checked by the sandbox, each error CPython's errno and text.
import Foundation

enum OSModule {
    /// A path argument: a str, or an os.PathLike object (pathlib.Path) through `__fspath__`.
    static func fsPath(_ value: Value, _ function: String) throws -> String {
        if case .str(let s) = value { return s }
        if case .object(let o) = value, o.pyClass.lookup("__fspath__") != nil,
           case .str(let s) = try callValue(try Python.getAttribute(value, "__fspath__")) { return s }
        throw PyException.typeError("\(function): path should be string, bytes or os.PathLike, not \(value.typeName)")
    }

    /// The entries of a folder (without `.` and `..`), or its errno as CPython's OSError.
    static func names(in p: String) throws -> [String] {
        guard let directory = opendir(p) else { throw PyFile.osError(errno, p) }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }

    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "os")
        let path = makePath()
        m.add("path", .object(path))
        m.add("sep", .str("/"))
        m.add("linesep", .str("\n"))
        m.add("name", .str("posix"))
        m.addFunction("getcwd") { _ in
            let current = FileManager.default.currentDirectoryPath
            guard current.isEmpty else { return .str(current) }
            // The folder was removed: CPython's error, which names no file.
            let e = PyFile.osError(ENOENT, "")
            e.attributes["filename"] = Value.none
            e.customMessage = "[Errno \(ENOENT)] \(String(cString: strerror(ENOENT)))"
            throw e
        }
        m.addFunction("listdir", signature: "path='.'") { args in
            let p = try fsPath(args["path"], "listdir")
            try Sandbox.check(p, .read)
            return .list(try names(in: p).sorted().map { .str($0) })
        }
        m.addFunction("mkdir", signature: "path, mode=511") { args in
            let p = try fsPath(args["path"], "mkdir")
            try Sandbox.check(p, .write)
            if mkdir(p, mode_t(truncatingIfNeeded: try args.int("mode"))) != 0 { throw PyFile.osError(errno, p) }
            return .none
        }
        m.addFunction("makedirs", signature: "name, mode=511, exist_ok=False") { args in
            let p = try fsPath(args["name"], "makedirs")
            try Sandbox.check(p, .write)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory) {
                if try args.bool("exist_ok") && isDirectory.boolValue { return .none }
                throw PyFile.osError(EEXIST, p)
            }
            // Each missing folder from the top, as CPython's makedirs: its error names the whole path.
            var prefix = p.hasPrefix("/") ? "/" : ""
            for part in p.split(separator: "/") {
                prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
                if mkdir(prefix, mode_t(truncatingIfNeeded: try args.int("mode"))) != 0 && errno != EEXIST { throw PyFile.osError(errno, p) }
            }
            guard FileManager.default.fileExists(atPath: p, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw PyFile.osError(ENOTDIR, p)
            }
            return .none
        }
        // remove/unlink refuse folders (unlink(2) says EISDIR), rmdir refuses files and full folders.
        for name in ["remove", "unlink"] {
            m.addFunction(name, signature: "path") { args in
                let p = try fsPath(args["path"], name)
                try Sandbox.check(p, .write)
                if unlink(p) != 0 { throw PyFile.osError(errno, p) }
                return .none
            }
        }
        m.addFunction("rmdir", signature: "path") { args in
            let p = try fsPath(args["path"], "rmdir")
            try Sandbox.check(p, .write)
            if rmdir(p) != 0 { throw PyFile.osError(errno, p) }
            return .none
        }
        for name in ["rename", "replace"] {
            m.addFunction(name, signature: "src, dst") { args in
                let source = try fsPath(args["src"], name), target = try fsPath(args["dst"], name)
                try Sandbox.check(source, .write)
                try Sandbox.check(target, .write)
                if rename(source, target) != 0 { throw PyFile.osError(errno, source, target) }
                return .none
            }
        }
        let environ = PyDict()
        for (k, v) in Sandbox.environment.sorted(by: { $0.key < $1.key }) { environ.storage.set(.str(k), .str(v)) }
        m.add("environ", .object(environ))
        m.add("devnull", .str("/dev/null"))
        m.addFunction("fspath", signature: "path") { args in .str(try fsPath(args["path"], "fspath")) }
        m.addFunction("getenv", signature: "key, default=None") { args in
            let key = try args.string("key")
            return try environ.get(.str(key)) ?? args["default"]
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
        /// stat(2) of a path the sandbox lets scripts read; nil when it is missing or outside
        /// (os.path.exists is False for both, as CPython's is for a path it may not stat).
        func status(_ p: String) -> stat? {
            guard Sandbox.permits(p, .read) else { return nil }
            var info = stat()
            return stat(p, &info) == 0 ? info : nil
        }
        m.addFunction("exists", signature: "path") { args in .bool(status(try path(args, "path")) != nil) }
        m.addFunction("isfile", signature: "path") { args in
            .bool(status(try path(args, "path")).map { $0.st_mode & S_IFMT == S_IFREG } ?? false)
        }
        m.addFunction("isdir", signature: "path") { args in
            .bool(status(try path(args, "path")).map { $0.st_mode & S_IFMT == S_IFDIR } ?? false)
        }
        m.addFunction("expanduser", signature: "path") { args in
            let p = try path(args, "path")
            // `~` and `~/...` only ($HOME); `~name` stays as written.
            guard p == "~" || p.hasPrefix("~/"), let home = ProcessInfo.processInfo.environment["HOME"] else { return .str(p) }
            let rest = p.dropFirst()
            return .str(home.hasSuffix("/") && !rest.isEmpty ? String(home.dropLast()) + rest : home + rest)
        }
        m.addFunction("realpath", signature: "path") { args in .str(Sandbox.resolve(try path(args, "path"))) }
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
            try Sandbox.check(p, .read)
            var info = stat()
            if stat(p, &info) != 0 { throw PyFile.osError(errno, p) }
            return .int(Int(info.st_size))
        }
        m.add("sep", .str("/"))
        return m.module
    }
}
