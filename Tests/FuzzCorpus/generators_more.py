# expect: RuntimeError
# Seeds for the fuzzer: generator functions, yield expressions, yield from, send/throw/close,
# lazy generator expressions; ends with PEP 479's RuntimeError.
def count(n):
    i = 0
    while i < n:
        received = yield i
        if received is not None:
            i = received
        i += 1
    return "done"
def pipeline(xs):
    evens = (x for x in xs if x % 2 == 0)
    squares = (x * x for x in evens)
    total = yield from squares
    return total
def relay():
    result = yield from count(5)
    try:
        yield result
    except ValueError as e:
        yield repr(e)
    finally:
        print("relay closed")
g = count(10)
print(next(g), g.send(5), list(g))
print(list(pipeline(range(10))), sum(x for x in range(100) if x % 3), max((len(w), w) for w in "a bb ccc".split()))
r = relay()
print([next(r) for _ in range(6)], r.throw(ValueError("v")))
r.close()
a, *b = (i * i for i in range(4))
print(a, b, dict((k, k + 1) for k in range(3)), "-".join(str(v) for v in count(3)))
def bad():
    yield 1
    raise StopIteration
print(list(bad()))
