// Python's `io`: in-memory text and byte streams (StringIO, BytesIO), usable with
// print(file=...), redirect_stdout and the with-statement; `io.open` is the builtin open().

enum IOModule {
    static let make = SourceModule.make("io", source)

    static let source = #"""
class StringIO:
    def __init__(self, initial_value='', newline='\n'):
        if initial_value is None:
            initial_value = ''
        if not isinstance(initial_value, str):
            raise TypeError(f"initial_value must be str or None, not {type(initial_value).__name__}")
        self._value = initial_value
        self._tail = []
        self._pos = 0
        self.closed = False
    def _check(self):
        if self.closed:
            raise ValueError('I/O operation on closed file.')
        if self._tail:
            self._value = self._value + ''.join(self._tail)
            self._tail = []
    def write(self, s):
        if self.closed:
            raise ValueError('I/O operation on closed file.')
        if not isinstance(s, str):
            raise TypeError(f"string argument expected, got '{type(s).__name__}'")
        end = len(self._value) + sum(len(t) for t in self._tail) if self._tail else len(self._value)
        if self._pos == end:
            self._tail.append(s)
        else:
            self._check()
            v = self._value
            if self._pos > len(v):
                v = v + '\0' * (self._pos - len(v))
            self._value = v[:self._pos] + s + v[self._pos + len(s):]
        self._pos += len(s)
        return len(s)
    def writelines(self, lines):
        for line in lines:
            self.write(line)
    def getvalue(self):
        self._check()
        return self._value
    def read(self, size=-1):
        self._check()
        if size is None or size < 0:
            end = len(self._value)
        else:
            end = min(len(self._value), self._pos + size)
        result = self._value[self._pos:end]
        self._pos = max(self._pos, end)
        return result
    def readline(self, size=-1):
        self._check()
        end = self._value.find('\n', self._pos)
        end = len(self._value) if end < 0 else end + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        result = self._value[self._pos:end]
        self._pos = max(self._pos, end)
        return result
    def readlines(self, hint=-1):
        lines = []
        while True:
            line = self.readline()
            if not line:
                return lines
            lines.append(line)
    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError(f'Negative seek position {pos}')
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise OSError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise OSError("Can't do nonzero end-relative seeks")
            self._pos = len(self._value)
        else:
            raise ValueError(f'Invalid whence ({whence}, should be 0, 1 or 2)')
        return self._pos
    def tell(self):
        self._check()
        return self._pos
    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        self._value = self._value[:size]
        return size
    def flush(self):
        pass
    def close(self):
        self.closed = True
    def readable(self):
        return True
    def writable(self):
        return True
    def seekable(self):
        return True
    def isatty(self):
        return False
    def __iter__(self):
        return self
    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line
    def __enter__(self):
        return self
    def __exit__(self, *args):
        self.close()
StringIO.__module__ = '_io'

class BytesIO:
    def __init__(self, initial_bytes=b''):
        self._value = bytes(initial_bytes)
        self._pos = 0
        self.closed = False
    def _check(self):
        if self.closed:
            raise ValueError('I/O operation on closed file.')
    def write(self, b):
        self._check()
        b = bytes(b)
        v = self._value
        self._value = v[:self._pos] + b + v[self._pos + len(b):]
        self._pos += len(b)
        return len(b)
    def getvalue(self):
        self._check()
        return self._value
    def read(self, size=-1):
        self._check()
        end = len(self._value) if size is None or size < 0 else min(len(self._value), self._pos + size)
        result = self._value[self._pos:end]
        self._pos = max(self._pos, end)
        return result
    def readline(self, size=-1):
        self._check()
        end = self._value.find(b'\n', self._pos)
        end = len(self._value) if end < 0 else end + 1
        result = self._value[self._pos:end]
        self._pos = max(self._pos, end)
        return result
    def seek(self, pos, whence=0):
        self._check()
        self._pos = pos if whence == 0 else self._pos + pos if whence == 1 else len(self._value) + pos
        return self._pos
    def tell(self):
        return self._pos
    def flush(self):
        pass
    def close(self):
        self.closed = True
    def __enter__(self):
        return self
    def __exit__(self, *args):
        self.close()
BytesIO.__module__ = '_io'

class TextIOWrapper:
    pass

# io.open is the builtin open(), with its sandbox check.
open = open

SEEK_SET = 0
SEEK_CUR = 1
SEEK_END = 2
"""#
}
