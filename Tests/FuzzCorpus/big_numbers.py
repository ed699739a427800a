# expect: OverflowError
print(1e308 * 10, -1e308 * 10, 2**62, 0x7fffffffffffffff, float("nan") == float("nan"))
print(2**63)
