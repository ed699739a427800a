# expect: SyntaxError
values = [1, 2,
    3, {"a": (4,
print(values)
