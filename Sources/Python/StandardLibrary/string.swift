// Python's `string`: the character-class constants, capwords and Template.

enum StringModule {
    static let make = SourceModule.make("string", source)

    static let source = #"""
whitespace = ' \t\n\r\v\f'
ascii_lowercase = 'abcdefghijklmnopqrstuvwxyz'
ascii_uppercase = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'
ascii_letters = ascii_lowercase + ascii_uppercase
digits = '0123456789'
hexdigits = digits + 'abcdef' + 'ABCDEF'
octdigits = '01234567'
punctuation = r"""!"#$%&'()*+,-./:;<=>?@[\]^_`{|}~"""
printable = digits + ascii_letters + punctuation + whitespace

def capwords(s, sep=None):
    return (sep or ' ').join(map(str.capitalize, s.split(sep)))

def _is_identifier_start(c):
    return c == '_' or c.isalpha() and c.isascii()

class Template:
    delimiter = '$'

    def __init__(self, template):
        self.template = template

    def _substitute(self, mapping, safe):
        t = self.template
        d = self.delimiter
        out = []
        i = 0
        n = len(t)
        while i < n:
            c = t[i]
            if not t.startswith(d, i):
                out.append(c)
                i += 1
                continue
            j = i + len(d)
            if t.startswith(d, j):
                out.append(d)
                i = j + len(d)
                continue
            braced = j < n and t[j] == '{'
            k = j + 1 if braced else j
            start = k
            if k < n and _is_identifier_start(t[k]):
                k += 1
                while k < n and (t[k] == '_' or t[k].isalnum() and t[k].isascii()):
                    k += 1
            name = t[start:k]
            if braced and (k >= n or t[k] != '}' or not name):
                name = ''
            if not name:
                if safe:
                    out.append(d)
                    i = j
                    continue
                lineno = t.count('\n', 0, i) + 1
                colno = i - t.rfind('\n', 0, i)
                raise ValueError(f'Invalid placeholder in string: line {lineno}, col {colno}')
            end = k + 1 if braced else k
            if name in mapping:
                out.append(str(mapping[name]))
            elif safe:
                out.append(t[i:end])
            else:
                raise KeyError(name)
            i = end
        return ''.join(out)

    def substitute(self, mapping=None, /, **kws):
        values = {} if mapping is None else dict(mapping)
        values.update(kws)
        return self._substitute(values, False)

    def safe_substitute(self, mapping=None, /, **kws):
        values = {} if mapping is None else dict(mapping)
        values.update(kws)
        return self._substitute(values, True)

    def get_identifiers(self):
        ids = []
        t = self.template
        i = 0
        while True:
            i = t.find(self.delimiter, i)
            if i < 0:
                return ids
            j = i + 1
            if t[j:j + 1] == '{':
                j += 1
            k = j
            while k < len(t) and (t[k] == '_' or t[k].isalnum()):
                k += 1
            if k > j and t[j:k] not in ids:
                ids.append(t[j:k])
            i = k if k > i else i + 1
"""#
}
