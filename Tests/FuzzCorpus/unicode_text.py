# expect: ok
café = "naïve 😀 日本語"
print(len(café), café.upper(), café[::-1], café.encode("utf-8")[:4])
s = "\u00e9\u2022\x41\t|"
print(repr(s))
