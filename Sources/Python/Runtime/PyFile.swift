// File objects for `open()`: text and binary, read/write/append, line iteration and the
// with-statement; paths are relative to the current directory, as in Python. Writes go to
// the file in place; files left open are flushed at exit (OpenFiles).
import Foundation

// The system calls, under names the file object's own methods (open, write, close) do not hide.
private func posixOpen(_ path: String, _ flags: Int32) -> Int32 { open(path, flags, 0o666) }
private func posixWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int { write(fd, bytes, count) }
private func posixClose(_ fd: Int32) { _ = close(fd) }

/// `sys.stdout` / `sys.stderr`: writes go to the interpreter's sinks.
final class StandardStream: PyObject {
    let isError: Bool
    let sink: (String) -> Void
    init(isError: Bool, sink: @escaping (String) -> Void) {
        self.isError = isError
        self.sink = sink
    }
    override var pyClass: PyClass { PyFile.textIOType }
    override func getAttribute(_ name: String) throws -> Value? {
        switch name {
        case "write":
            return .object(PyBuiltinFunction(name: "write") { [sink] args in
                guard case .str(let s)? = args.positional.first else { throw PyException.typeError("write() argument must be str") }
                sink(s)
                return .int(s.unicodeScalars.count)
            })
        case "flush": return .object(PyBuiltinFunction(name: "flush") { _ in .none })
        case "isatty": return .object(PyBuiltinFunction(name: "isatty") { _ in .false })
        default: return nil
        }
    }
    override func repr() throws -> String {
        "<_io.TextIOWrapper name='<\(isError ? "stderr" : "stdout")>' mode='w' encoding='utf-8'>"
    }
}

/// An open file.
public final class PyFile: PyObject {
    static let textIOType: PyClass = {
        let c = PyClass(name: "TextIOWrapper", bases: [BuiltinTypes.object], moduleName: "_io")
        c.isBuiltinType = true
        return c
    }()
    static let bufferedType: PyClass = {
        let c = PyClass(name: "BufferedReader", bases: [BuiltinTypes.object], moduleName: "_io")
        c.isBuiltinType = true
        return c
    }()

    let path: String
    let mode: String
    let binary: Bool
    let writable: Bool
    var closed = false
    /// Read buffer (whole file, read at open) and position in it.
    var content: [UInt8] = []
    var position = 0
    var pending: [UInt8] = []
    let append: Bool
    /// The open file (writable modes), -1 otherwise or once closed.
    var descriptor: Int32 = -1
    /// Guards `pending` and `descriptor`: `flushAll` may run on another thread at exit.
    let lock = NSLock()

    init(path: String, mode: String) {
        self.path = path
        self.mode = mode
        binary = mode.contains("b")
        writable = mode.contains("w") || mode.contains("a") || mode.contains("+") || mode.contains("x")
        append = mode.contains("a")
    }

    public override var pyClass: PyClass { binary ? PyFile.bufferedType : PyFile.textIOType }

    public static func osError(_ errno: Int32, _ path: String) -> PyException {
        let cls: PyClass
        switch errno {
        case ENOENT: cls = BuiltinTypes.fileNotFoundError
        case EISDIR: cls = BuiltinTypes.exception("IsADirectoryError")
        case ENOTDIR: cls = BuiltinTypes.exception("NotADirectoryError")
        case EACCES, EPERM: cls = BuiltinTypes.exception("PermissionError")
        case EEXIST: cls = BuiltinTypes.exception("FileExistsError")
        default: cls = BuiltinTypes.osError
        }
        let message = String(cString: strerror(errno))
        let e = PyException(cls, args: [.int(Int(errno)), .str(message)])
        e.attributes["errno"] = .int(Int(errno))
        e.attributes["strerror"] = .str(message)
        e.attributes["filename"] = .str(path)
        e.customMessage = "[Errno \(errno)] \(message): \(stringRepr(path))"
        return e
    }

    /// The error of a call on two paths (os.rename): `[Errno 2] No such file or directory: 'a' -> 'b'`.
    public static func osError(_ errno: Int32, _ path: String, _ path2: String) -> PyException {
        let e = osError(errno, path)
        e.attributes["filename2"] = .str(path2)
        e.customMessage = (e.customMessage ?? "") + " -> \(stringRepr(path2))"
        return e
    }

    static func open(_ args: Arguments) throws -> Value {
        guard let fileArg = args.positional.first ?? args.keyword("file") else {
            throw PyException.typeError("open() missing required argument 'file' (pos 1)")
        }
        var pathValue = fileArg
        // os.PathLike (pathlib.Path): its `__fspath__()` text.
        if case .object(let o) = fileArg, o.pyClass.lookup("__fspath__") != nil { pathValue = try callValue(try Python.getAttribute(fileArg, "__fspath__")) }
        guard case .str(let path) = pathValue else {
            throw PyException.typeError("expected str, bytes or os.PathLike object, not \(fileArg.typeName)")
        }
        var mode = "r"
        if args.count > 1, case .str(let m) = args[1] { mode = m }
        if case .str(let m)? = args.keyword("mode") { mode = m }
        let valid = Set("rwxabt+")
        if mode.isEmpty || !mode.allSatisfy({ valid.contains($0) }) { throw PyException.valueError("invalid mode: '\(mode)'") }
        if let enc = args.keyword("encoding"), case .str(let e) = enc,
           !["utf-8", "utf8", "UTF-8", "ascii", "latin-1"].contains(e) {
            throw PyException(BuiltinTypes.exception("LookupError"), "unknown encoding: \(e)")
        }
        let file = PyFile(path: path, mode: mode)
        try Sandbox.check(path, file.writable ? .write : .read)
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && isDirectory.boolValue { throw osError(EISDIR, path) }
        if mode.contains("r") {
            guard exists else { throw osError(ENOENT, path) }
            guard let data = FileManager.default.contents(atPath: path) else { throw osError(EACCES, path) }
            file.content = [UInt8](data)
        }
        if file.writable {
            // The file itself, opened in place as CPython does: a read-only file refuses,
            // a symlink is followed, the permissions stay.
            var flags = mode.contains("r") ? O_RDWR : O_WRONLY
            flags |= O_CLOEXEC
            if mode.contains("w") { flags |= O_CREAT | O_TRUNC }
            if mode.contains("a") { flags |= O_CREAT | O_APPEND }
            if mode.contains("x") { flags |= O_CREAT | O_EXCL }
            let fd = posixOpen(path, flags)
            guard fd >= 0 else { throw osError(errno, path) }
            file.descriptor = fd
            OpenFiles.shared.add(file)
        }
        return .object(file)
    }

    func checkOpen() throws {
        if closed { throw PyException.valueError("I/O operation on closed file.") }
    }

    func write(_ text: String) throws {
        try writeBytes(Array(text.utf8))
    }

    func writeBytes(_ bytes: [UInt8]) throws {
        try checkOpen()
        guard writable else { throw PyException(BuiltinTypes.exception("UnsupportedOperation"), "not writable") }
        lock.lock()
        pending.append(contentsOf: bytes)
        let full = pending.count > 1 << 16
        lock.unlock()
        if full { try flush() }
    }

    /// Writes what is buffered to the file (safe from any thread: `OpenFiles.flushAll` at exit).
    func flush() throws {
        lock.lock()
        defer { lock.unlock() }
        guard !pending.isEmpty, descriptor >= 0 else { return }
        if mode.contains("+") && !append { lseek(descriptor, 0, SEEK_END) }
        var written = 0
        while written < pending.count {
            let n = pending.withUnsafeBytes { buffer in buffer.baseAddress.map { posixWrite(descriptor, $0 + written, buffer.count - written) } ?? 0 }
            if n < 0 {
                if errno == EINTR { continue }
                let code = errno
                pending = []
                throw PyFile.osError(code, path)
            }
            written += n
        }
        pending = []
    }

    func close() throws {
        if closed { return }
        defer { closeDescriptor() }
        try flush()
    }

    private func closeDescriptor() {
        lock.lock()
        defer { lock.unlock() }
        closed = true
        if descriptor >= 0 {
            posixClose(descriptor)
            descriptor = -1
            OpenFiles.shared.remove(self)
        }
    }

    /// Writes out every file scripts have open, in every interpreter: at exit (it runs from
    /// `atexit`, so also after an error, `--timeout`, Ctrl-C and the end of a piped
    /// session), and when a host replaces an interpreter whose files may never be freed.
    public static func flushAll() { OpenFiles.shared.flushAll() }

    deinit {
        guard descriptor >= 0 else { return }
        try? flush()
        posixClose(descriptor)
        OpenFiles.shared.remove(self)
    }

    /// Bytes in binary mode; in text mode strict UTF-8 (UnicodeDecodeError otherwise, as
    /// Python raises for a binary or Latin-1 file opened as text).
    func decode(_ bytes: ArraySlice<UInt8>) throws -> Value {
        binary ? .object(PyBytes(Array(bytes))) : .str(try UTF8Decoding.decode(bytes).replacingOccurrences(of: "\r\n", with: "\n"))
    }

    func readLine() -> ArraySlice<UInt8>? {
        guard position < content.count else { return nil }
        var end = position
        while end < content.count, content[end] != 0x0A { end += 1 }
        if end < content.count { end += 1 }
        defer { position = end }
        return content[position..<end]
    }

    public override func makeIterator() throws -> PyIterator? {
        try checkOpen()
        return ClosureIterator(BuiltinTypes.iterator) { [self] in try readLine().map(decode) }
    }

    public override func repr() throws -> String {
        binary ? "<_io.BufferedReader name=\(stringRepr(path))>" : "<_io.TextIOWrapper name=\(stringRepr(path)) mode=\(stringRepr(mode)) encoding='UTF-8'>"
    }

    public override func getAttribute(_ name: String) throws -> Value? {
        func method(_ body: @escaping (Arguments) throws -> Value) -> Value {
            .object(PyBuiltinFunction(name: name, body))
        }
        switch name {
        case "name": return .str(path)
        case "mode": return .str(mode)
        case "closed": return .bool(closed)
        case "read":
            return method { [self] args in
                try checkOpen()
                var size = -1
                if let v = args.positional.first, let n = numericInt(v) { size = n }
                if binary || size < 0 {
                    let end = size < 0 ? content.count : min(content.count, position + size)
                    defer { position = end }
                    return try decode(content[position..<end])
                }
                // Text mode: size counts characters.
                let text = try UTF8Decoding.decode(content[position...])
                let prefix = String(text.unicodeScalars.prefix(size))
                position += prefix.utf8.count
                return .str(prefix)
            }
        case "readline":
            return method { [self] _ in
                try checkOpen()
                return try readLine().map(decode) ?? (binary ? .object(PyBytes([])) : .str(""))
            }
        case "readlines":
            return method { [self] _ in
                try checkOpen()
                var lines: [Value] = []
                while let l = readLine() { lines.append(try decode(l)) }
                return .list(lines)
            }
        case "write":
            return method { [self] args in
                guard let v = args.positional.first else { throw PyException.typeError("write() takes exactly one argument (0 given)") }
                if binary {
                    guard case .object(let o) = v, let b = o as? PyBytes else {
                        throw PyException.typeError("a bytes-like object is required, not '\(v.typeName)'")
                    }
                    try writeBytes(b.bytes)
                    return .int(b.bytes.count)
                }
                guard case .str(let s) = v else { throw PyException.typeError("write() argument must be str, not \(v.typeName)") }
                try write(s)
                return .int(s.unicodeScalars.count)
            }
        case "writelines":
            return method { [self] args in
                try forEach(args.positional.first ?? .list([])) { line in
                    guard case .str(let s) = line else { throw PyException.typeError("write() argument must be str, not \(line.typeName)") }
                    try write(s)
                }
                return .none
            }
        case "flush": return method { [self] _ in try flush(); return .none }
        case "close": return method { [self] _ in try close(); return .none }
        case "__enter__": return method { [self] _ in try checkOpen(); return .object(self) }
        case "__exit__": return method { [self] _ in try close(); return .false }
        case "seek":
            return method { [self] args in
                position = max(0, min(content.count, numericInt(args.positional.first ?? .int(0)) ?? 0))
                return .int(position)
            }
        case "tell": return method { [self] _ in .int(position) }
        default: return nil
        }
    }
}
