# expect: ok
def f(a,
      b=2,
        *args, **kwargs):
    if a:
            return [a,
        b]
    else:
     return None
print(f(1), f(0))
