// Standard-library modules the lesson language leaves out on purpose, and why: importing
// one names the module and the reason instead of failing as if it were a typo.

enum LeftOut {
    /// Module name → why it is not there.
    static let modules: [String: String] = [
        "pickle": "unpickling runs code; use json, or torch.save and torch.load for tensors",
        "subprocess": "scripts cannot start processes",
        "multiprocessing": "scripts cannot start processes",
        "threading": "scripts run on one thread",
        "asyncio": "async and await are not part of it",
        "socket": "scripts cannot open sockets",
        "ctypes": "scripts cannot load native code",
        "shelve": "it is built on pickle, which runs code",
    ]

    /// CPython's "No module named 'x'", plus the reason when the module is left out on purpose.
    static func message(for name: String) -> String {
        let top = String(name.split(separator: ".").first ?? Substring(name))
        guard let reason = modules[top] else { return "No module named '\(name)'" }
        return "No module named '\(name)' (left out of the lesson language: \(reason))"
    }
}
