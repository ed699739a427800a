# expect: SyntaxError
print("\N{BULLET}")
