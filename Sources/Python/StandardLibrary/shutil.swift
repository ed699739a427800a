// Python's `shutil`: copying, moving and removing whole trees, inside the sandbox, with
// CPython's errors (rmtree refuses a symlink, copyfile a folder as its destination).
import Foundation

enum ShutilModule {
    static func make(_ interpreter: Interpreter) -> PyModule {
        let m = NativeModule(name: "shutil")
        let error = PyClass(name: "Error", bases: [BuiltinTypes.osError], moduleName: "shutil")
        let sameFileError = PyClass(name: "SameFileError", bases: [error], moduleName: "shutil")
        m.add("Error", .object(error))
        m.add("SameFileError", .object(sameFileError))
        func path(_ args: BoundArguments, _ name: String, _ function: String) throws -> String { try OSModule.fsPath(args[name], function) }

        m.addFunction("rmtree", signature: "path, ignore_errors=False, onerror=None") { args in
            let p = try path(args, "path", "rmtree")
            try Sandbox.check(p, .write)
            let ignore = try args.bool("ignore_errors")
            var info = stat()
            if lstat(p, &info) == 0, info.st_mode & S_IFMT == S_IFLNK {
                if ignore { return .none }
                throw PyException(BuiltinTypes.osError, "Cannot call rmtree on a symbolic link")
            }
            do { try removeTree(p) } catch where ignore { return .none }
            return .none
        }
        m.addFunction("copyfile", signature: "src, dst, *, follow_symlinks=True") { args in
            let source = try path(args, "src", "copyfile"), target = try path(args, "dst", "copyfile")
            try copyFile(source, target, sameFileError)
            return args["dst"]
        }
        for name in ["copy", "copy2"] {
            m.addFunction(name, signature: "src, dst, *, follow_symlinks=True") { args in
                let source = try path(args, "src", name)
                var target = try path(args, "dst", name)
                if isDirectory(target) { target = join(target, (source as NSString).lastPathComponent) }
                try copyFile(source, target, sameFileError)
                var info = stat()
                if stat(source, &info) == 0 { _ = chmod(target, info.st_mode & 0o7777) }
                return .str(target)
            }
        }
        m.addFunction("move", signature: "src, dst") { args in
            let source = try path(args, "src", "move")
            var target = try path(args, "dst", "move")
            if isDirectory(target) {
                let base = source.hasSuffix("/") ? String(source.dropLast()) : source
                target = join(target, (base as NSString).lastPathComponent)
                if FileManager.default.fileExists(atPath: target) {
                    throw PyException(error, "Destination path '\(target)' already exists")
                }
            }
            try Sandbox.check(source, .write)
            try Sandbox.check(target, .write)
            if rename(source, target) != 0 {
                let code = errno
                // Another file system: copy the file over, then remove the original.
                guard code == EXDEV, !isDirectory(source) else { throw PyFile.osError(code, source) }
                try copyFile(source, target, sameFileError)
                if unlink(source) != 0 { throw PyFile.osError(errno, source) }
            }
            return .str(target)
        }
        _ = interpreter
        return m.module
    }

    static func isDirectory(_ p: String) -> Bool {
        var info = stat()
        return Sandbox.permits(p, .read) && stat(p, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    static func join(_ folder: String, _ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }

    /// Removes `p` and everything under it, without following links inside it.
    static func removeTree(_ p: String) throws {
        for name in try OSModule.names(in: p) {
            let child = join(p, name)
            var info = stat()
            if lstat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                try removeTree(child)
            } else if unlink(child) != 0 {
                throw PyFile.osError(errno, child)
            }
        }
        if rmdir(p) != 0 { throw PyFile.osError(errno, p) }
    }

    /// The bytes of `source` into `target` (created or truncated in place).
    static func copyFile(_ source: String, _ target: String, _ sameFileError: PyClass) throws {
        try Sandbox.check(source, .read)
        try Sandbox.check(target, .write)
        if Sandbox.resolve(source) == Sandbox.resolve(target) {
            throw PyException(sameFileError, "\(stringRepr(source)) and \(stringRepr(target)) are the same file")
        }
        if isDirectory(source) { throw PyFile.osError(EISDIR, source) }
        guard let data = FileManager.default.contents(atPath: source) else {
            throw PyFile.osError(FileManager.default.fileExists(atPath: source) ? EACCES : ENOENT, source)
        }
        let fd = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw PyFile.osError(errno, target) }
        defer { close(fd) }
        var written = 0
        let bytes = [UInt8](data)
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { buffer in buffer.baseAddress.map { write(fd, $0 + written, buffer.count - written) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                throw PyFile.osError(errno, target)
            }
            written += n
        }
    }
}
