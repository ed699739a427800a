# expect: ok
x = 3.14159
n = 1234567
name = "attn"
print(f"{x:.2f} {n:,} {name!r:>10} {x:{'>'}{12}} {{literal}} {f'{n:_}'}")
print(f"{'a' if x > 3 else 'b'}{[1, 2][-1]}{ {'k': 1}['k'] }")
