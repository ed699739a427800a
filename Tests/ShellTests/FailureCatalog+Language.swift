// The failure catalogue, part 1: the lesson language. Syntax errors from the lexer and
// parser, and the exceptions of running code, each with CPython's own text.

extension FailureCatalog {
    static let syntax: [BadInput] = [
        // Found by llmwb-fuzz: an import naming no module.
        BadInput(#"from import x"#,
                 #"""
                   File "<stdin>", line 1
                     from import x
                          ^^^^^^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"__import__("")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     __import__("")
                 ValueError: Empty module name
                 """#),
        BadInput(#"x = 1 +"#,
                 #"""
                   File "<stdin>", line 1
                     x = 1 +
                            ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"def f(:"#,
                 #"""
                   File "<stdin>", line 1
                     def f(:
                           ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"if True"#,
                 #"""
                   File "<stdin>", line 1
                     if True
                            ^
                 SyntaxError: expected ':'
                 """#),
        BadInput(#"  x = 1"#,
                 #"""
                   File "<stdin>", line 1
                     x = 1
                 IndentationError: unexpected indent
                 """#),
        BadInput(#")"#,
                 #"""
                   File "<stdin>", line 1
                     )
                     ^
                 SyntaxError: unmatched ')'
                 """#),
        BadInput(#"[1, 2"#,
                 #"""
                   File "<stdin>", line 1
                     [1, 2
                          ^
                 SyntaxError: invalid syntax. Perhaps you forgot a comma?
                 """#),
        BadInput(#""abc"#,
                 #"""
                   File "<stdin>", line 1
                     "abc
                     ^
                 SyntaxError: unterminated string literal (detected at line 1)
                 """#),
        BadInput(#"'''abc"#,
                 #"""
                   File "<stdin>", line 1
                     '''abc
                     ^
                 SyntaxError: unterminated triple-quoted string literal (detected at line 1)
                 """#),
        BadInput(#"x = = 2"#,
                 #"""
                   File "<stdin>", line 1
                     x = = 2
                         ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"1 = x"#,
                 #"""
                   File "<stdin>", line 1
                     1 = x
                     ^
                 SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
                 """#),
        BadInput(#"f() = 3"#,
                 #"""
                   File "<stdin>", line 1
                     f() = 3
                     ^^^
                 SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
                 """#),
        BadInput(#"del 1"#,
                 #"""
                   File "<stdin>", line 1
                     del 1
                         ^
                 SyntaxError: cannot delete literal
                 """#),
        BadInput(#"return 5"#,
                 #"""
                   File "<stdin>", line 1
                     return 5
                     ^^^^^^^^
                 SyntaxError: 'return' outside function
                 """#),
        BadInput(#"if True: break"#,
                 #"""
                   File "<stdin>", line 1
                     if True: break
                              ^^^^^
                 SyntaxError: 'break' outside loop
                 """#),
        BadInput(#"continue"#,
                 #"""
                   File "<stdin>", line 1
                     continue
                     ^^^^^^^^
                 SyntaxError: 'continue' not properly in loop
                 """#),
        BadInput(#"yield 1"#,
                 #"""
                   File "<stdin>", line 1
                     yield 1
                     ^^^^^^^
                 SyntaxError: 'yield' outside function
                 """#),
        BadInput(#"x := 3"#,
                 #"""
                   File "<stdin>", line 1
                     x := 3
                       ^^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"class:"#,
                 #"""
                   File "<stdin>", line 1
                     class:
                          ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"for in range(3): pass"#,
                 #"""
                   File "<stdin>", line 1
                     for in range(3): pass
                         ^^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"import"#,
                 #"""
                   File "<stdin>", line 1
                     import
                           ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"from torch import"#,
                 #"""
                   File "<stdin>", line 1
                     from torch import
                                      ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"a b c"#,
                 #"""
                   File "<stdin>", line 1
                     a b c
                       ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"0x"#,
                 #"""
                   File "<stdin>", line 1
                     0x
                       ^
                 SyntaxError: invalid hexadecimal literal
                 """#),
        BadInput(#"1_000_"#,
                 #"""
                   File "<stdin>", line 1
                     1_000_
                         ^
                 SyntaxError: invalid decimal literal
                 """#),
        BadInput(#"@@@"#,
                 #"""
                   File "<stdin>", line 1
                     @@@
                      ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"$"#,
                 #"""
                   File "<stdin>", line 1
                     $
                     ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"?x"#,
                 #"""
                   File "<stdin>", line 1
                     ?x
                     ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"x = 08"#,
                 #"""
                   File "<stdin>", line 1
                     x = 08
                         ^
                 SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
                 """#),
        BadInput(#"f"{""#,
                 #"""
                   File "<stdin>", line 1
                     f"{"
                        ^
                 SyntaxError: f-string: expecting '}'
                 """#),
        BadInput(#"f"{x!z}""#,
                 #"""
                   File "<stdin>", line 1
                     f"{x!z}"
                          ^
                 SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'
                 """#),
        BadInput(#"f"{}""#,
                 #"""
                   File "<stdin>", line 1
                     f"{}"
                        ^
                 SyntaxError: f-string: empty expression not allowed
                 """#),
        BadInput(#"async def g(): pass"#,
                 #"""
                   File "<stdin>", line 1
                     async def g(): pass
                     ^^^^^
                 SyntaxError: 'async' (asynchronous code) is not supported in the lesson language
                 """#),
        BadInput(#"nonlocal q"#,
                 #"""
                   File "<stdin>", line 1
                     nonlocal q
                     ^^^^^^^^^^
                 SyntaxError: nonlocal declaration not allowed at module level
                 """#),
        BadInput(#"def g(a, a): pass"#,
                 #"""
                   File "<stdin>", line 1
                     def g(a, a): pass
                              ^
                 SyntaxError: duplicate argument 'a' in function definition
                 """#),
        BadInput(#"def g(a=1, b): pass"#,
                 #"""
                   File "<stdin>", line 1
                     def g(a=1, b): pass
                                ^
                 SyntaxError: non-default argument follows default argument
                 """#),
        BadInput(#"x = [i for i in]"#,
                 #"""
                   File "<stdin>", line 1
                     x = [i for i in]
                                    ^
                 SyntaxError: unmatched ']'
                 """#),
        BadInput(#"print(1,,2)"#,
                 #"""
                   File "<stdin>", line 1
                     print(1,,2)
                             ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"{1: 2, 3}"#,
                 #"""
                   File "<stdin>", line 1
                     {1: 2, 3}
                             ^
                 SyntaxError: expected ':'
                 """#),
        BadInput([#"try:"#, #"    pass"#],
                 #"""
                   File "<stdin>", line 2
                     pass
                         ^
                 SyntaxError: expected 'except' or 'finally' block
                 """#),
        BadInput(#"else: pass"#,
                 #"""
                   File "<stdin>", line 1
                     else: pass
                     ^^^^
                 SyntaxError: invalid syntax
                 """#),
        BadInput([#"if True:"#, #"        x = 1"#, "\ty = 2"],
                 #"""
                   File "<stdin>", line 3
                     y = 2
                 TabError: inconsistent use of tabs and spaces in indentation
                 """#),
        BadInput(#"x = 'a' 'b' 1"#,
                 #"""
                   File "<stdin>", line 1
                     x = 'a' 'b' 1
                                 ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput([#"def f():"#, #"return 1"#],
                 #"""
                   File "<stdin>", line 2
                     return 1
                     ^
                 IndentationError: expected an indented block after function definition on line 1
                 """#),
        BadInput(#"with open('x') as: pass"#,
                 #"""
                   File "<stdin>", line 1
                     with open('x') as: pass
                                      ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"a.1"#,
                 #"""
                   File "<stdin>", line 1
                     a.1
                      ^^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"x = ~"#,
                 #"""
                   File "<stdin>", line 1
                     x = ~
                          ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"(1 for x in y) = 2"#,
                 #"""
                   File "<stdin>", line 1
                     (1 for x in y) = 2
                     ^^^^^^^^^^^^^^
                 SyntaxError: cannot assign to generator expression here. Maybe you meant '==' instead of '='?
                 """#),
    ]

    static let runtime: [BadInput] = [
        BadInput(#"undefined_name"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     undefined_name
                 NameError: name 'undefined_name' is not defined
                 """#),
        BadInput(#"unknown.attr"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     unknown.attr
                     ^^^^^^^
                 NameError: name 'unknown' is not defined
                 """#),
        BadInput(#"1 / 0"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     1 / 0
                     ^^^^^
                 ZeroDivisionError: division by zero
                 """#),
        BadInput(#"1 // 0"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     1 // 0
                     ^^^^^^
                 ZeroDivisionError: integer division or modulo by zero
                 """#),
        BadInput(#"1 % 0"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     1 % 0
                     ^^^^^
                 ZeroDivisionError: integer modulo by zero
                 """#),
        BadInput(#"[1, 2][5]"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     [1, 2][5]
                     ^^^^^^^^^
                 IndexError: list index out of range
                 """#),
        BadInput(#"{"a": 1}["b"]"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     {"a": 1}["b"]
                     ^^^^^^^^^^^^^
                 KeyError: 'b'
                 """#),
        BadInput(#"(1, 2)[1.5]"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     (1, 2)[1.5]
                     ^^^^^^^^^^^
                 TypeError: tuple indices must be integers or slices, not float
                 """#),
        BadInput(#""abc" + 1"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     "abc" + 1
                     ^^^^^^^^^
                 TypeError: can only concatenate str (not "int") to str
                 """#),
        BadInput(#"1 + "abc""#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     1 + "abc"
                     ^^^^^^^^^
                 TypeError: unsupported operand type(s) for +: 'int' and 'str'
                 """#),
        BadInput(#"None + 1"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     None + 1
                     ^^^^^^^^
                 TypeError: unsupported operand type(s) for +: 'NoneType' and 'int'
                 """#),
        BadInput(#"len(5)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     len(5)
                 TypeError: object of type 'int' has no len()
                 """#),
        BadInput(#"int("abc")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     int("abc")
                 ValueError: invalid literal for int() with base 10: 'abc'
                 """#),
        BadInput(#"float("x")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     float("x")
                 ValueError: could not convert string to float: 'x'
                 """#),
        BadInput(#"int(None)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     int(None)
                 TypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'
                 """#),
        BadInput(#"[].pop()"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     [].pop()
                 IndexError: pop from empty list
                 """#),
        BadInput(#"{}.popitem()"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     {}.popitem()
                 KeyError: 'popitem(): dictionary is empty'
                 """#),
        BadInput(#""abc".index("z")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     "abc".index("z")
                 ValueError: substring not found
                 """#),
        BadInput(#"x, y = 1, 2, 3"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     x, y = 1, 2, 3
                     ^^^^
                 ValueError: too many values to unpack (expected 2)
                 """#),
        BadInput(#"a, b, c = [1, 2]"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     a, b, c = [1, 2]
                     ^^^^^^^
                 ValueError: not enough values to unpack (expected 3, got 2)
                 """#),
        BadInput(#"iter(5)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     iter(5)
                 TypeError: 'int' object is not iterable
                 """#),
        BadInput(#"next(iter([]))"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     next(iter([]))
                 StopIteration
                 """#),
        BadInput(#"None()"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     None()
                 TypeError: 'NoneType' object is not callable
                 """#),
        BadInput(#""abc"()"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     "abc"()
                 TypeError: 'str' object is not callable
                 """#),
        BadInput(#"5[0]"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     5[0]
                     ^^^^
                 TypeError: 'int' object is not subscriptable
                 """#),
        BadInput(#"object().x"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     object().x
                 AttributeError: 'object' object has no attribute 'x'
                 """#),
        BadInput(#""a".nope"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     "a".nope
                 AttributeError: 'str' object has no attribute 'nope'
                 """#),
        BadInput(#"assert False, "boom""#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     assert False, "boom"
                 AssertionError: boom
                 """#),
        BadInput(#"raise ValueError("custom")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     raise ValueError("custom")
                 ValueError: custom
                 """#),
        BadInput(#"raise 5"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     raise 5
                 TypeError: exceptions must derive from BaseException
                 """#),
        BadInput(#"sorted([1, 'a'])"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     sorted([1, 'a'])
                 TypeError: '<' not supported between instances of 'str' and 'int'
                 """#),
        BadInput(#"max([])"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     max([])
                 ValueError: max() arg is an empty sequence
                 """#),
        BadInput(#"min()"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     min()
                 TypeError: min expected at least 1 argument, got 0
                 """#),
        BadInput(#"sum(["a", "b"])"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     sum(["a", "b"])
                 TypeError: unsupported operand type(s) for +: 'int' and 'str'
                 """#),
        BadInput(#"range(1, 2, 0)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     range(1, 2, 0)
                 ValueError: range() arg 3 must not be zero
                 """#),
        BadInput(#"set([[1]])"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     set([[1]])
                 TypeError: unhashable type: 'list'
                 """#),
        BadInput(#"{[1]: 2}"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     {[1]: 2}
                      ^^^
                 TypeError: unhashable type: 'list'
                 """#),
        BadInput(#"isinstance(1, 5)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     isinstance(1, 5)
                 TypeError: isinstance() arg 2 must be a type, a tuple of types, or a union
                 """#),
        BadInput(#"super()"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     super()
                 RuntimeError: super(): __class__ cell not found
                 """#),
        BadInput(#"zip(1)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     zip(1)
                 TypeError: 'int' object is not iterable
                 """#),
        BadInput(#"chr(-1)"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     chr(-1)
                 ValueError: chr() arg not in range(0x110000)
                 """#),
        BadInput(#""{}".format()"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     "{}".format()
                 IndexError: Replacement index 0 out of range for positional args tuple
                 """#),
        BadInput(#""%d" % "a""#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     "%d" % "a"
                     ^^^^^^^^^^
                 TypeError: %d format: a real number is required, not str
                 """#),
        BadInput(#"f"{1:q}""#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     f"{1:q}"
                 ValueError: Unknown format code 'q' for object of type 'int'
                 """#),
        BadInput(#"int(float('inf'))"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     int(float('inf'))
                 OverflowError: cannot convert float infinity to integer
                 """#),
        BadInput(#"int(float('nan'))"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     int(float('nan'))
                 ValueError: cannot convert float NaN to integer
                 """#),
        BadInput(#"2 ** 10000"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     2 ** 10000
                     ^^^^^^^^^^
                 OverflowError: integer overflow: the lesson language's int is 64-bit
                 """#),
        BadInput(#"[1][10**30]"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     [1][10**30]
                         ^^^^^^
                 OverflowError: integer overflow: the lesson language's int is 64-bit
                 """#),
        BadInput(#""abc"[::0]"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     "abc"[::0]
                     ^^^^^^^^^^
                 ValueError: slice step cannot be zero
                 """#),
        BadInput(#"import nonexistent_module"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import nonexistent_module
                 ModuleNotFoundError: No module named 'nonexistent_module'
                 """#),
        BadInput(#"from math import nope"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     from math import nope
                 ImportError: cannot import name 'nope' from 'math' (unknown location)
                 """#),
        BadInput(#"import re; re.compile('(')"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import re; re.compile('(')
                                ^^^^^^^^^^^^^^^
                 re.error: missing ), unterminated subpattern at position 0
                 """#),
        BadInput([#"def f(a): pass"#, #"f(1, 2)"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     f(1, 2)
                 TypeError: f() takes 1 positional argument but 2 were given
                 """#),
        BadInput([#"def f(a): pass"#, #"f()"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     f()
                 TypeError: f() missing 1 required positional argument: 'a'
                 """#),
        BadInput([#"def f(a): pass"#, #"f(b=1)"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     f(b=1)
                 TypeError: f() got an unexpected keyword argument 'b'
                 """#),
        BadInput([#"class A:"#, #"    def __init__(self, n):"#, #"        self.n = n"#, #"A()"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 4, in <module>
                     A()
                 TypeError: A.__init__() missing 1 required positional argument: 'n'
                 """#),
        BadInput([#"x = 5"#, #"x.append(1)"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     x.append(1)
                     ^^^^^^^^
                 AttributeError: 'int' object has no attribute 'append'
                 """#),
        BadInput(#"del undefined_name"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     del undefined_name
                         ^^^^^^^^^^^^^^
                 NameError: name 'undefined_name' is not defined
                 """#),
        BadInput([#"def f():"#, #"    y += 1"#, #"f()"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 3, in <module>
                     f()
                   File "<stdin>", line 2, in f
                     y += 1
                 UnboundLocalError: cannot access local variable 'y' where it is not associated with a value
                 """#),
    ]
}
