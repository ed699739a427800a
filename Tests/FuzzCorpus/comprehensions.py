# expect: ok
pairs = {k: [v * i for i in range(3) if i % 2 == 0] for k, v in zip("abc", range(3))}
flat = [x for row in [[1, 2], [3]] for x in row]
gen = sum(x * x for x in range(10))
print(pairs, flat, gen, {x % 3 for x in range(10)})
