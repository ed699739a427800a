// The file-system sandbox (DESIGN.md, "Sandbox"): every file a script opens, lists,
// creates or removes, in the language and in the bindings, is checked here first.
import Foundation

/// Where scripts may read and write, and which environment variables they see.
///
/// A script may read and write under the current folder (for `llmwb exec` the folder it
/// was started in, for a lesson the work folder `~/.llmwb/work`), the workbench's cache
/// (`~/.cache/llmwb`) and state folder (`~/.llmwb`), and every folder given with
/// `--allow-path`, and /dev/null; it may read the lessons (`allowReading`). Paths are made absolute and
/// their symlinks resolved before the check, so neither `..` nor a link leads out.
public enum Sandbox {
    public enum Access { case read, write }

    private static let lock = NSLock()
    // Behind `lock`: the host adds folders while sessions may be checking paths.
    nonisolated(unsafe) private static var allowed: [String] = []
    nonisolated(unsafe) private static var readable: [String] = []

    /// `--allow-path PATH` / the shell's `allow-path PATH`: reading and writing under PATH.
    public static func allow(_ path: String) {
        let root = resolve(path)
        lock.lock()
        defer { lock.unlock() }
        if !allowed.contains(root) { allowed.append(root) }
    }

    /// A folder scripts may read but not change (the lessons).
    public static func allowReading(_ path: String) {
        let root = resolve(path)
        lock.lock()
        defer { lock.unlock() }
        if !readable.contains(root) { readable.append(root) }
    }

    /// The folders added with `allow`, resolved.
    public static var allowedPaths: [String] {
        lock.lock()
        defer { lock.unlock() }
        return allowed
    }

    /// The user's home folder ($HOME), nil when unset.
    static var home: String? {
        guard let home = ProcessInfo.processInfo.environment["HOME"], !home.isEmpty else { return nil }
        return home
    }

    /// `~/.llmwb`: the workbench's state (progress, history) and the work folder.
    public static var stateFolder: String? { home.map { $0 + "/.llmwb" } }

    /// `~/.cache/llmwb`: downloaded weights.
    public static var cacheFolder: String? { home.map { $0 + "/.cache/llmwb" } }

    /// Where lessons run and write (checkpoints): `~/.llmwb/work`, or a folder under the
    /// temporary directory when there is no home.
    public static var workFolder: String { (stateFolder ?? NSTemporaryDirectory() + "llmwb") + "/work" }

    /// Checks that a script may use `path` for `access`; throws Python's PermissionError
    /// with a note on `--allow-path` when it may not.
    public static func check(_ path: String, _ access: Access) throws {
        if permitsResolved(resolve(path), access) { return }
        // The path as written, made absolute: what `--allow-path` takes (it resolves links itself).
        let full = lexical(path)
        let kept = access == .read ? "read only their folder, the lessons" : "write only in their folder"
        let e = PyFile.osError(EACCES, path)
        e.attributes["__notes__"] = .list([.str(
            "\(full) is outside the sandbox (scripts \(kept) and the workbench's cache and state); "
                + "allow it with `llmwb --allow-path \(full)`, or `allow-path \(full)` in the shell")])
        throw e
    }

    /// Whether `check` would pass (os.path.exists and friends answer False instead of raising).
    public static func permits(_ path: String, _ access: Access) -> Bool { permitsResolved(resolve(path), access) }

    private static func permitsResolved(_ full: String, _ access: Access) -> Bool {
        if full == "/dev/null" { return true }  // os.devnull: nothing to read, nowhere to write
        // A current folder that is gone (a script removed it) gives "": no folder, not "/".
        let current = FileManager.default.currentDirectoryPath
        var roots = current.hasPrefix("/") ? [resolve(current)] : []
        roots += [stateFolder, cacheFolder].compactMap { $0.map(resolve) }
        lock.lock()
        roots += allowed
        if access == .read { roots += readable }
        lock.unlock()
        return roots.contains { root in full == root || full.hasPrefix(root == "/" ? "/" : root + "/") }
    }

    /// `path` made absolute, with `.`, `..` and every symlink of its longest existing
    /// prefix resolved; the part that does not exist yet is appended as written.
    public static func resolve(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var resolved = "/"
        var exists = true
        for component in absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init) {
            if component == "." { continue }
            if component == ".." {
                resolved = parent(of: resolved)
                continue
            }
            let candidate = resolved == "/" ? "/" + component : resolved + "/" + component
            if exists, let real = realPath(candidate) {
                resolved = real
            } else {
                exists = false
                resolved = candidate
            }
        }
        return resolved
    }

    /// `path` made absolute with `.` and `..` removed, links left as they are.
    static func lexical(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var parts: [Substring] = []
        for component in absolute.split(separator: "/") where component != "." {
            if component == ".." { _ = parts.popLast() } else { parts.append(component) }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }

    /// realpath(3) of a path that exists (a dangling link counts as not existing).
    private static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    // MARK: environment

    /// The environment variables scripts see (`os.environ`, `os.getenv`): these names and
    /// every `LLMWB_*`; the rest (tokens, keys, paths of other programs) stays hidden.
    public static let environmentNames: Set<String> = [
        "HOME", "USER", "LOGNAME", "LANG", "LC_ALL", "LC_CTYPE", "TERM", "PATH", "PWD", "TMPDIR", "NO_COLOR", "COLUMNS", "LINES",
    ]

    /// The visible part of the process environment.
    public static var environment: [String: String] {
        ProcessInfo.processInfo.environment.filter { environmentNames.contains($0.key) || $0.key.hasPrefix("LLMWB_") }
    }
}
