# expect: ValueError
def f(n):
    try:
        return 1 / n
    except ZeroDivisionError as e:
        raise ValueError("n must not be zero") from e
    finally:
        pass
print(f(2))
f(0)
