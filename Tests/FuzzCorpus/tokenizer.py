# expect: ok
import re
import tiktoken
enc = tiktoken.get_encoding("gpt2")
ids = enc.encode("Hello, do you like tea? <|endoftext|> In the sunlit", allowed_special={"<|endoftext|>"})
print(ids, enc.decode(ids))
print(re.split(r'([,.:;?_!"()\']|--|\s)', "Hello, world. Is this-- a test?"))
