// `requests` and `urllib.request` exist so that code which only *might* download
// (the book's "fetch the file unless it is already here") imports and runs; any
// actual request raises a clear ConnectionError: scripts have no network access.
import Python

enum NetworkStubs {
    static func refuse(_ what: String) -> PyException {
        PyException(BuiltinTypes.exception("ConnectionError"),
                    "\(what): the workbench has no network access; put the file in this folder instead")
    }

    static func register() {
        let requests = NativeModule(name: "requests")
        for verb in ["get", "post", "head", "put", "delete", "request"] {
            requests.addFunction(verb) { _ in throw refuse("requests.\(verb)") }
        }
        requests.add("__version__", .str("0+llmwb"))
        Interpreter.registerNativeModule("requests") { _ in requests.module }

        let urllibRequest = NativeModule(name: "urllib.request")
        for name in ["urlretrieve", "urlopen"] {
            urllibRequest.addFunction(name) { _ in throw refuse("urllib.request.\(name)") }
        }
        let urllib = NativeModule(name: "urllib")
        urllib.addSubmodule(urllibRequest, as: "request")
        Interpreter.registerNativeModule("urllib") { _ in urllib.module }
        Interpreter.registerNativeModule("urllib.request") { _ in urllibRequest.module }
    }
}
