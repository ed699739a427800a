# expect: StopIteration
def count(n):
    i = 0
    while i < n:
        yield i
        i += 1
it = count(2)
print(next(it), next(it), list(count(3)))
next(it)
