// The failure catalogue, part 3: files. Missing files, folders, binary and Latin-1 text,
// broken safetensors and vocabularies, and lesson files with mistakes in them.

extension FailureCatalog {
    static let files: [BadInput] = [
        BadInput(#"open("\#(CatalogueFiles.folder)/nope.txt")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(CatalogueFiles.folder)/nope.txt")
                 FileNotFoundError: [Errno 2] No such file or directory: '\#(CatalogueFiles.folder)/nope.txt'
                 """#),
        BadInput(#"open("\#(CatalogueFiles.folder)/adir")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(CatalogueFiles.folder)/adir")
                 IsADirectoryError: [Errno 21] Is a directory: '\#(CatalogueFiles.folder)/adir'
                 """#),
        BadInput(#"open("\#(CatalogueFiles.folder)/binary.bin").read()"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(CatalogueFiles.folder)/binary.bin").read()
                 UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 6: invalid start byte
                 """#),
        BadInput(#"open("\#(CatalogueFiles.folder)/latin1.txt").read()"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(CatalogueFiles.folder)/latin1.txt").read()
                 UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 3: invalid continuation byte
                 """#),
        BadInput(#"open("\#(CatalogueFiles.folder)/cut.txt").read()"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(CatalogueFiles.folder)/cut.txt").read()
                 UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 3: unexpected end of data
                 """#),
        BadInput(#"open("\#(CatalogueFiles.folder)/latin1.txt").readlines()"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(CatalogueFiles.folder)/latin1.txt").readlines()
                 UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe9 in position 3: invalid continuation byte
                 """#),
        BadInput(#"open("\#(CatalogueFiles.folder)/binary.bin", "q")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(CatalogueFiles.folder)/binary.bin", "q")
                 ValueError: invalid mode: 'q'
                 """#),
        BadInput(#"open("\#(CatalogueFiles.folder)/nope/x.txt", "w")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(CatalogueFiles.folder)/nope/x.txt", "w")
                 FileNotFoundError: [Errno 2] No such file or directory: '\#(CatalogueFiles.folder)/nope/x.txt'
                 """#),
        BadInput(#"load_file("\#(CatalogueFiles.folder)/short-header.safetensors")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     load_file("\#(CatalogueFiles.folder)/short-header.safetensors")
                 safetensors_rust.SafetensorError: \#(CatalogueFiles.folder)/short-header.safetensors: not a valid safetensors file: the header claims 8 bytes but the file has 6 after the length
                 """#),
        BadInput(#"load_file("\#(CatalogueFiles.folder)/garbage.safetensors")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     load_file("\#(CatalogueFiles.folder)/garbage.safetensors")
                 safetensors_rust.SafetensorError: \#(CatalogueFiles.folder)/garbage.safetensors: not a valid safetensors file: the header claims 2334385649822622055 bytes but the file has 9 after the length
                 """#),
        BadInput(#"load_file("\#(CatalogueFiles.folder)/empty.safetensors")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     load_file("\#(CatalogueFiles.folder)/empty.safetensors")
                 safetensors_rust.SafetensorError: \#(CatalogueFiles.folder)/empty.safetensors: not a valid safetensors file: the file is 0 bytes, too short for a header
                 """#),
        BadInput(#"load_file("\#(CatalogueFiles.folder)/cut.safetensors")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     load_file("\#(CatalogueFiles.folder)/cut.safetensors")
                 safetensors_rust.SafetensorError: \#(CatalogueFiles.folder)/cut.safetensors: not a valid safetensors file: 'w' spans bytes 0..<64, past the 54 bytes of data
                 """#),
        BadInput(#"load_file("\#(CatalogueFiles.folder)/badjson.safetensors")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     load_file("\#(CatalogueFiles.folder)/badjson.safetensors")
                 safetensors_rust.SafetensorError: \#(CatalogueFiles.folder)/badjson.safetensors: not a valid safetensors file: the header is not a JSON object
                 """#),
        BadInput(#"load_file("\#(CatalogueFiles.folder)/nope.safetensors")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     load_file("\#(CatalogueFiles.folder)/nope.safetensors")
                 FileNotFoundError: No such file or directory: \#(CatalogueFiles.folder)/nope.safetensors
                 """#),
        BadInput(#"load_file("\#(CatalogueFiles.folder)/adir")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     load_file("\#(CatalogueFiles.folder)/adir")
                 IsADirectoryError: [Errno 21] Is a directory: '\#(CatalogueFiles.folder)/adir'
                 """#),
        BadInput(#"torch.load("\#(CatalogueFiles.folder)/garbage.safetensors")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.load("\#(CatalogueFiles.folder)/garbage.safetensors")
                 safetensors_rust.SafetensorError: \#(CatalogueFiles.folder)/garbage.safetensors: not a valid safetensors file: the header claims 2334385649822622055 bytes but the file has 9 after the length
                 """#),
        BadInput(#"torch.load("\#(CatalogueFiles.folder)/binary.bin")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.load("\#(CatalogueFiles.folder)/binary.bin")
                 safetensors_rust.SafetensorError: \#(CatalogueFiles.folder)/binary.bin: not a valid safetensors file: the header claims 18374405483255326056 bytes but the file has 7 after the length
                 """#),
        BadInput(#"torch.load("\#(CatalogueFiles.folder)/nope.pth")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.load("\#(CatalogueFiles.folder)/nope.pth")
                 FileNotFoundError: [Errno 2] No such file or directory: '\#(CatalogueFiles.folder)/nope.pth'
                 """#),
        BadInput(#"b"\xff".decode()"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     b"\xff".decode()
                 UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in position 0: invalid start byte
                 """#),
        BadInput(#"b"caf\xc3\xa9\xc3".decode("utf-8")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     b"caf\xc3\xa9\xc3".decode("utf-8")
                 UnicodeDecodeError: 'utf-8' codec can't decode byte 0xc3 in position 5: unexpected end of data
                 """#),
        BadInput(#"tiktoken.get_encoding("gpt3")"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     tiktoken.get_encoding("gpt3")
                 ValueError: Unknown encoding gpt3.
                 Plugins found: ['tiktoken_ext.openai_public']
                 tiktoken version: 0.14.0 (are you on latest?)
                 """#),
        BadInput(#"tiktoken.get_encoding("gpt2").decode([99999999])"#, after: [#"import torch"#, #"from safetensors.torch import load_file"#, #"import tiktoken"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     tiktoken.get_encoding("gpt2").decode([99999999])
                 KeyError: 'Invalid token for decoding: 99999999'
                 """#),
    ]

    static let lessonFiles: [BadInput] = [
        BadInput([#"open 1"#, #"next"#], lessons: CatalogueFiles.lessons,
                 #"""
                 Lesson 1: Broken
                 1 step. Type `next` to run the first one, `help` for commands.

                 ── 01_broken · step 1 of 1 · Broken ────────────────────────────────────────────
                 Broken

                   │ x = 1
                   │ def f(:
                   │     pass
                   File "\#(CatalogueFiles.folder)/lessons/01_broken.py", line 6
                     def f(:
                           ^
                 SyntaxError: invalid syntax
                 """#),
        BadInput(#"open 2"#, lessons: CatalogueFiles.lessons,
                 #"""
                 \#(CatalogueFiles.folder)/lessons/02_badparam.py:2:8: error: unknown @param type "integr"; did you mean "integer"?
                 """#),
        BadInput([#"open 3"#, #"params"#], lessons: CatalogueFiles.lessons,
                 #"""
                 Lesson 3: 03_huge
                 1 step. Type `next` to run the first one, `help` for commands.
                   n = 5  integer 1e+300…1e+308  (step 1)
                 change one with `set NAME VALUE`, then `rerun`
                 """#),
        BadInput([#"open 3"#, #"set n 5"#], lessons: CatalogueFiles.lessons,
                 #"""
                 Lesson 3: 03_huge
                 1 step. Type `next` to run the first one, `help` for commands.
                 n must be from 1e+300 to 1e+308; got 5
                 """#),
        BadInput(#"open 4"#, lessons: CatalogueFiles.lessons,
                 #"""
                 \#(CatalogueFiles.folder)/lessons/04_latin.py is not UTF-8 text
                 """#),
        BadInput(#"open 5"#, lessons: CatalogueFiles.lessons,
                 #"""
                 \#(CatalogueFiles.folder)/lessons/05_twice.py:3:1: error: parameter d is declared twice (lines 2 and 3)
                 """#),
        BadInput(#"open 6"#, lessons: CatalogueFiles.lessons,
                 #"""
                 \#(CatalogueFiles.folder)/lessons/06_field.py:2:8: error: unknown @param field mn; did you mean min?
                 """#),
        BadInput(#"lessons"#, lessons: CatalogueFiles.lessons,
                 #"""
                    1  01_broken              Broken (1 step)
                   02_badparam.py: \#(CatalogueFiles.folder)/lessons/02_badparam.py:2:8: error: unknown @param type "integr"; did you mean "integer"?
                    3  03_huge                03_huge (1 step)
                   04_latin.py: \#(CatalogueFiles.folder)/lessons/04_latin.py is not UTF-8 text
                   05_twice.py: \#(CatalogueFiles.folder)/lessons/05_twice.py:3:1: error: parameter d is declared twice (lines 2 and 3)
                   06_field.py: \#(CatalogueFiles.folder)/lessons/06_field.py:2:8: error: unknown @param field mn; did you mean min?
                    7  07_loop                07_loop (2 steps)
                 """#),
    ]
}
