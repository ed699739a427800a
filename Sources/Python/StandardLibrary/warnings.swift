// Python's `warnings`: warn() with the filters CPython knows ("default" shows a warning once
// per message and category, "error" raises it, "ignore"/"always"/"once"), printed to stderr.

enum WarningsModule {
    static func make(_ interpreter: Interpreter) throws -> PyModule {
        let module = PyModule(name: "warnings")
        // warn() is native so it knows where it was called: file, line and that line's text.
        let warn = PyBuiltinFunction(name: "warn") { args in
            var filename = "sys", line = 1, text = Value.none
            if let site = interpreter.callSite {
                filename = site.file.filename
                line = site.range.line
                if let source = site.file.line(line) { text = .str(source) }
            }
            interpreter.callSite = nil
            guard let explicit = module.globals["_warn_at"] else { return .none }
            return try callValue(explicit, Arguments(args.positional, args.keywords + [("_site", .tuple([.str(filename), .int(line), text]))]))
        }
        warn.recordsCallSite = true
        warn.signature = Signature(name: "warn", "message, category=None, stacklevel=1, source=None")
        module.globals["warn"] = .object(warn)
        return try SourceModule.run(source, name: "warnings", in: module, interpreter: interpreter)
    }

    static let source = #"""
import sys

filters = []
_seen = set()

def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    if action not in ('error', 'ignore', 'always', 'default', 'module', 'once'):
        raise AssertionError(f'invalid action: {action!r}')
    item = (action, message, category, module, lineno)
    if append:
        filters.append(item)
    else:
        filters.insert(0, item)

def simplefilter(action, category=Warning, lineno=0, append=False):
    filterwarnings(action, "", category, "", lineno, append)

def resetwarnings():
    filters.clear()

def formatwarning(message, category, filename, lineno, line=None):
    s = f"{filename}:{lineno}: {category.__name__}: {message}\n"
    if line:
        s += f"  {line.strip()}\n"
    return s

def _action_for(text, category):
    for action, message, cat, module, lineno in filters:
        if issubclass(category, cat) and text.lower().startswith(message.lower()):
            return action
    return 'default'

def _warn_at(message, category=None, stacklevel=1, source=None, *, _site):
    filename, lineno, line = _site
    if isinstance(message, Warning):
        category = type(message)
    if category is None:
        category = UserWarning
    if not (isinstance(category, type) and issubclass(category, Warning)):
        raise TypeError(f"category must be a Warning subclass, not '{type(category).__name__}'")
    text = str(message)
    action = _action_for(text, category)
    if action == 'ignore':
        return
    if action == 'error':
        raise message if isinstance(message, Warning) else category(message)
    key = (text, category) if action == 'once' else (text, category, filename, lineno)
    if action != 'always' and key in _seen:
        return
    _seen.add(key)
    sys.stderr.write(formatwarning(text, category, filename, lineno, line))

class catch_warnings:
    def __init__(self, *, record=False, action=None, category=Warning):
        self._record = record
        self._action = action
        self._category = category
    def __enter__(self):
        self._saved = list(filters)
        if self._action is not None:
            simplefilter(self._action, self._category)
        return [] if self._record else None
    def __exit__(self, *exc_info):
        filters[:] = self._saved
"""#
}
