// Python's `warnings`: warn() with the filters CPython knows ("default" shows a warning once
// per message and category, "error" raises it, "ignore"/"always"/"once"), printed to stderr.

enum WarningsModule {
    static let make = SourceModule.make("warnings", source)

    static let source = #"""
import sys

filters = []
_seen = set()

def filterwarnings(action, message="", category=Warning, module="", lineno=0, append=False):
    if action not in ('error', 'ignore', 'always', 'default', 'module', 'once'):
        raise ValueError(f'invalid action: {action!r}')
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
    if issubclass(category, DeprecationWarning):
        return 'ignore'
    return 'default'

def warn(message, category=None, stacklevel=1, source=None):
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
    key = (text, category)
    if action != 'always' and key in _seen:
        return
    _seen.add(key)
    filename = getattr(sys.modules.get('__main__'), '__file__', None) or 'sys'
    sys.stderr.write(formatwarning(text, category, filename, 1))

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
