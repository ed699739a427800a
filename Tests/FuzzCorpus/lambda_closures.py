# expect: ok
adders = [lambda x, i=i: x + i for i in range(3)]
def outer():
    total = 0
    def inner(k):
        nonlocal total
        total += k
        return total
    return inner
acc = outer()
print([f(10) for f in adders], acc(1), acc(2), sorted([3, 1, 2], key=lambda v: -v))
