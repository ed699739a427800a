// Python's `pathlib`: PosixPath for the common cases (joining, parts, reading and writing,
// mkdir, iterdir, simple glob). Every file access goes through open() and os, so the
// sandbox's checks and CPython's errors there apply here too.
import Foundation

enum PathlibModule {
    static func make(_ interpreter: Interpreter) throws -> PyModule {
        let m = NativeModule(name: "pathlib")
        return try SourceModule.run(source, name: "pathlib", in: m.module, interpreter: interpreter)
    }

    static let source = #"""
import os

def _normalize(text):
    if text == '':
        return '.'
    absolute = text.startswith('/')
    parts = [p for p in text.split('/') if p and p != '.']
    if absolute:
        return '/' + '/'.join(parts)
    return '/'.join(parts) or '.'

def _fnmatch(name, pattern):
    if not pattern:
        return not name
    c = pattern[0]
    if c == '*':
        return any(_fnmatch(name[i:], pattern[1:]) for i in range(len(name) + 1))
    if not name:
        return False
    if c == '?':
        return _fnmatch(name[1:], pattern[1:])
    if c == '[':
        end = pattern.find(']', 2)
        if end > 0:
            chars = pattern[1:end]
            negate = chars.startswith('!')
            if negate:
                chars = chars[1:]
            hit = False
            i = 0
            while i < len(chars):
                if i + 2 < len(chars) and chars[i + 1] == '-':
                    hit = hit or chars[i] <= name[0] <= chars[i + 2]
                    i += 3
                else:
                    hit = hit or chars[i] == name[0]
                    i += 1
            return hit != negate and _fnmatch(name[1:], pattern[end + 1:])
    return c == name[0] and _fnmatch(name[1:], pattern[1:])

class PurePath:
    def __new__(cls, *args):
        # PurePath(...) and Path(...) make the POSIX flavour, as on Linux.
        return _object_new(PurePosixPath if cls is PurePath else PosixPath if cls is Path else cls)

    def __init__(self, *args):
        parts = []
        for a in args:
            if isinstance(a, PurePath):
                a = a._path
            elif hasattr(a, '__fspath__'):
                a = a.__fspath__()
            if not isinstance(a, str):
                raise TypeError(f"expected str, bytes or os.PathLike object, not {type(a).__name__}")
            if a.startswith('/'):
                parts = [a]
            elif a:
                parts.append(a)
        self._path = _normalize('/'.join(parts))

    def __str__(self):
        return self._path
    def __fspath__(self):
        return self._path
    def __repr__(self):
        return f"{type(self).__name__}({self._path!r})"
    def __eq__(self, other):
        return isinstance(other, PurePath) and self._path == other._path
    def __hash__(self):
        return hash(self._path)
    def __lt__(self, other):
        return self.parts < other.parts
    def __truediv__(self, other):
        try:
            return type(self)(self, other)
        except TypeError:
            return NotImplemented
    def __rtruediv__(self, other):
        return type(self)(other, self)
    def as_posix(self):
        return self._path
    def joinpath(self, *others):
        return type(self)(self, *others)
    @property
    def parts(self):
        if self._path == '.':
            return ()
        if self._path.startswith('/'):
            return ('/',) + tuple(p for p in self._path[1:].split('/') if p)
        return tuple(self._path.split('/'))
    @property
    def anchor(self):
        return '/' if self._path.startswith('/') else ''
    @property
    def root(self):
        return self.anchor
    @property
    def drive(self):
        return ''
    @property
    def name(self):
        if self._path in ('.', '/'):
            return ''
        return self._path.rsplit('/', 1)[-1]
    @property
    def suffix(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[i:]
        return ''
    @property
    def suffixes(self):
        name = self.name
        if name.endswith('.'):
            return []
        name = name.lstrip('.')
        return ['.' + s for s in name.split('.')[1:]]
    @property
    def stem(self):
        name = self.name
        suffix = self.suffix
        return name[:len(name) - len(suffix)] if suffix else name
    @property
    def parent(self):
        if self._path in ('.', '/'):
            return self
        if '/' not in self._path:
            return type(self)('.')
        head = self._path.rsplit('/', 1)[0]
        return type(self)(head or '/')
    @property
    def parents(self):
        result = []
        p = self
        while p.parent != p:
            p = p.parent
            result.append(p)
        return tuple(result)
    def with_name(self, name):
        if not self.name:
            raise ValueError(f"{self!r} has an empty name")
        return self.parent / name
    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)
    def with_suffix(self, suffix):
        if suffix and (not suffix.startswith('.') or suffix == '.'):
            raise ValueError(f"Invalid suffix {suffix!r}")
        if not self.name:
            raise ValueError(f"{self!r} has an empty name")
        return self.with_name(self.stem + suffix)
    def is_absolute(self):
        return self._path.startswith('/')
    def relative_to(self, *other):
        base = type(self)(*other)
        if base._path == '.':
            return self
        if self._path == base._path:
            return type(self)('.')
        prefix = base._path if base._path.endswith('/') else base._path + '/'
        if not self._path.startswith(prefix):
            raise ValueError(f"{str(self)!r} is not in the subpath of {str(base)!r} OR one path is relative and the other is absolute.")
        return type(self)(self._path[len(prefix):])
    def is_relative_to(self, *other):
        try:
            self.relative_to(*other)
            return True
        except ValueError:
            return False
    def match(self, pattern):
        pat = pattern.split('/')
        parts = self.parts
        if len(pat) > len(parts):
            return False
        return all(_fnmatch(p, q) for p, q in zip(parts[len(parts) - len(pat):], pat))

class Path(PurePath):
    def __init__(self, *args):
        PurePath.__init__(self, *args)

    @classmethod
    def cwd(cls):
        return cls(os.getcwd())
    @classmethod
    def home(cls):
        return cls(os.path.expanduser('~'))
    def exists(self):
        return os.path.exists(self._path)
    def is_file(self):
        return os.path.isfile(self._path)
    def is_dir(self):
        return os.path.isdir(self._path)
    def absolute(self):
        if self.is_absolute():
            return self
        return type(self)(os.getcwd(), self._path)
    def resolve(self, strict=False):
        return type(self)(os.path.realpath(self._path))
    def expanduser(self):
        if self._path == '~' or self._path.startswith('~/'):
            return type(self)(os.path.expanduser('~') + self._path[1:])
        return self
    def mkdir(self, mode=0o777, parents=False, exist_ok=False):
        if self.exists():
            if exist_ok and self.is_dir():
                return
            os.mkdir(self._path)
        if parents and not self.parent.exists():
            self.parent.mkdir(parents=True, exist_ok=True)
        os.mkdir(self._path)
    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        return open(self._path, mode)
    def read_text(self, encoding=None, errors=None):
        with open(self._path) as f:
            return f.read()
    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError(f"data must be str, not {type(data).__name__}")
        with open(self._path, 'w') as f:
            return f.write(data)
    def read_bytes(self):
        with open(self._path, 'rb') as f:
            return f.read()
    def write_bytes(self, data):
        with open(self._path, 'wb') as f:
            return f.write(data)
    def touch(self, mode=0o666, exist_ok=True):
        if self.exists():
            if not exist_ok:
                os.mkdir(self._path)
            return
        with open(self._path, 'a'):
            pass
    def unlink(self, missing_ok=False):
        if missing_ok and not self.exists():
            return
        os.unlink(self._path)
    def rmdir(self):
        os.rmdir(self._path)
    def rename(self, target):
        os.rename(self._path, os.fspath(target))
        return type(self)(target)
    def replace(self, target):
        os.replace(self._path, os.fspath(target))
        return type(self)(target)
    def iterdir(self):
        names = os.listdir(self._path)
        return iter([self / n for n in names])
    def stat(self):
        return _Stat(os.path.getsize(self._path))
    def glob(self, pattern):
        parts = pattern.split('/')
        found = self._glob(parts)
        return iter(found)
    def rglob(self, pattern):
        return self.glob('**/' + pattern)
    def _glob(self, parts):
        if not parts:
            return [self]
        head, rest = parts[0], parts[1:]
        if not self.is_dir():
            return []
        results = []
        if head == '**':
            results.extend(self._glob(rest))
            for child in sorted(os.listdir(self._path)):
                p = self / child
                if p.is_dir():
                    results.extend(p._glob(parts))
            return results
        for child in sorted(os.listdir(self._path)):
            if _fnmatch(child, head) and (not child.startswith('.') or head.startswith('.')):
                p = self / child
                if rest:
                    results.extend(p._glob(rest))
                else:
                    results.append(p)
        return results

class PurePosixPath(PurePath):
    pass

class PosixPath(Path):
    pass

class _Stat:
    def __init__(self, size):
        self.st_size = size

"""#
}
