# expect: FileNotFoundError
with open("no-such-file-for-the-fuzz-corpus.txt") as f:
    print(f.read())
