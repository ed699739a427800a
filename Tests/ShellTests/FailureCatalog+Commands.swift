// The failure catalogue, part 4: shell commands used wrongly, parameters set out of
// range, and what a script may not do (start processes, reach the network).

extension FailureCatalog {
    static let commands: [BadInput] = [
        BadInput(#"opne 3"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 no command opne; did you mean open?
                 """#),
        BadInput(#"nexxt"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     nexxt
                 NameError: name 'nexxt' is not defined. Did you mean: 'next'?
                 """#),
        BadInput(#"heatmpa x"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 no command heatmpa; did you mean heatmap?
                 """#),
        BadInput(#"open 99"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 no lesson 99 (lessons: 01_tokenizer, 02_embeddings, 03_attention, 04_multi_head, 05_gpt_block, 06_gpt_model, 07_pretraining, 08_attention_at_scale)
                 """#),
        BadInput(#"open"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 open takes a lesson number or name, e.g. open 3
                 """#),
        BadInput(#"open attentoin"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 no lesson attentoin; did you mean attention?
                 """#),
        BadInput(#"goto 3"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 no lesson is open; type `lessons` to see them and `open 1` to start
                 """#),
        BadInput(#"next"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 no lesson is open; type `lessons` to see them and `open 1` to start
                 """#),
        BadInput(#"set d_out 4"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 no lesson is open; type `lessons` to see them and `open 1` to start
                 """#),
        BadInput(#"heatmap"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 expected an expression, e.g. attn_weights
                 """#),
        BadInput(#"heatmap undefined_thing"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     undefined_thing
                 NameError: name 'undefined_thing' is not defined
                 """#),
        BadInput(#"heatmap 5"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 `5` is an int, not a tensor
                 """#),
        BadInput(#"heatmap x --bogus"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 heatmap has no option --bogus (options: --labels EXPR, --xlabels EXPR, --values, --min N, --max N, --save FILE)
                 """#),
        BadInput(#"heatmap x --labels"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --labels takes a list of strings, e.g. --labels tokens
                 """#),
        BadInput(#"heatmap x --labels 5"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 --labels takes a list of strings, e.g. --labels tokens; `5` is an int
                 """#),
        BadInput(#"heatmap torch.ones(2, 2, 2)"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 heatmap draws 2-D tensors; torch.ones(2, 2, 2) has shape [2, 2, 2]. Pick a slice, e.g. heatmap torch.ones(2, 2, 2)[0]
                 """#),
        BadInput(#"plot"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 plot takes one or more series, e.g. plot train_losses val_losses
                 """#),
        BadInput(#"plot [1, "a"]"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 `[1, "a"]` is a list, not a tensor or a list of numbers
                 """#),
        BadInput(#"plot x"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 plot draws 1-D series; x has shape [2, 3]
                 """#),
        BadInput(#"stats"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 expected an expression, e.g. attn_weights
                 """#),
        BadInput(#"stats 5"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 `5` is an int, not a tensor
                 """#),
        BadInput(#"stats ["a"]"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 `["a"]` is a list, not a tensor or a list of numbers
                 """#),
        BadInput(#"show"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 expected an expression, e.g. attn_weights
                 """#),
        BadInput(#"trace"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 nothing traced yet; try `trace model(x)` with a model call
                 """#),
        BadInput(#"help nosuchcommand"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 no command nosuchcommand
                 """#),
        BadInput(#"code 3"#, after: [#"import torch"#, #"x = torch.ones(2, 3)"#],
                 #"""
                 no lesson is open; type `lessons` to see them and `open 1` to start
                 """#),
        BadInput(#"set d_out 0"#, after: [#"open 3"#],
                 #"""
                 d_out must be from 1 to 16; got 0
                 """#),
        BadInput(#"set d_out 9999999999999999999999"#, after: [#"open 3"#],
                 #"""
                 d_out takes a whole number from 1 to 16; got 9999999999999999999999
                 """#),
        BadInput(#"set d_out abc"#, after: [#"open 3"#],
                 #"""
                 d_out takes a whole number from 1 to 16; got abc
                 """#),
        BadInput(#"set d_out 2.5"#, after: [#"open 3"#],
                 #"""
                 d_out takes a whole number from 1 to 16; got 2.5
                 """#),
        BadInput(#"set nope 2"#, after: [#"open 3"#],
                 #"""
                 03_attention has no parameter nope (parameters: d_out, seed, dropout_rate, sentence)
                 """#),
        BadInput(#"set d_outt 2"#, after: [#"open 3"#],
                 #"""
                 03_attention has no parameter d_outt; did you mean d_out?
                 """#),
        BadInput(#"set d_out"#, after: [#"open 3"#],
                 #"""
                 set takes a name and a value, e.g. set d_out 4
                 """#),
        BadInput(#"set dropout_rate 1.5"#, after: [#"open 3"#],
                 #"""
                 dropout_rate must be from 0 to 0.9; got 1.5
                 """#),
        BadInput(#"set dropout_rate nan"#, after: [#"open 3"#],
                 #"""
                 dropout_rate takes a number from 0 to 0.9; got nan
                 """#),
        BadInput(#"set num_heads 3"#, after: [#"open 4"#],
                 #"""
                 num_heads must be one of 1, 2; got 3
                 """#),
        BadInput(#"goto 99"#, after: [#"open 3"#],
                 #"""
                 03_attention has steps 1 to 13
                 """#),
        BadInput(#"goto -1"#, after: [#"open 3"#],
                 #"""
                 03_attention has steps 1 to 13
                 """#),
        BadInput(#"goto abc"#, after: [#"open 3"#],
                 #"""
                 goto takes a step number, e.g. goto 3
                 """#),
        BadInput(#"code 99"#, after: [#"open 3"#],
                 #"""
                 03_attention has steps 1 to 13
                 """#),
        BadInput(#"code abc"#, after: [#"open 3"#],
                 #"""
                 code takes a step number, e.g. code 3
                 """#),
    ]

    static let sandbox: [BadInput] = [
        BadInput(#"import subprocess"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import subprocess
                 ModuleNotFoundError: No module named 'subprocess' (left out of the lesson language: scripts cannot start processes)
                 """#),
        BadInput(#"import socket"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import socket
                 ModuleNotFoundError: No module named 'socket' (left out of the lesson language: scripts cannot open sockets)
                 """#),
        BadInput(#"import os; os.system("ls")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import os; os.system("ls")
                                ^^^^^^^^^
                 AttributeError: module 'os' has no attribute 'system'
                 """#),
        BadInput(#"import os; os.popen("ls")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import os; os.popen("ls")
                                ^^^^^^^^
                 AttributeError: module 'os' has no attribute 'popen'
                 """#),
        BadInput(#"import requests; requests.get("http://example.com")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import requests; requests.get("http://example.com")
                                      ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                 ConnectionError: requests.get: the workbench has no network access; put the file in this folder instead
                 """#),
        BadInput(#"import urllib.request; urllib.request.urlopen("http://example.com")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import urllib.request; urllib.request.urlopen("http://example.com")
                                            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
                 ConnectionError: urllib.request.urlopen: the workbench has no network access; put the file in this folder instead
                 """#),
        BadInput(#"import os; os.fork()"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import os; os.fork()
                                ^^^^^^^
                 AttributeError: module 'os' has no attribute 'fork'
                 """#),
        BadInput(#"import os; os.execv("/bin/sh", [])"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import os; os.execv("/bin/sh", [])
                                ^^^^^^^^
                 AttributeError: module 'os' has no attribute 'execv'
                 """#),
        BadInput(#"eval("1")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     eval("1")
                 NotImplementedError: eval() is not supported in the lesson language: it runs code given as a string
                 """#),
        BadInput(#"exec("x = 1")"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     exec("x = 1")
                 NotImplementedError: exec() is not supported in the lesson language: it runs code given as a string
                 """#),
        BadInput(#"__import__("os")"#,
                 #"""
                 <module 'os' (built-in)>
                 """#),
        BadInput(#"import ctypes"#,
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     import ctypes
                 ModuleNotFoundError: No module named 'ctypes' (left out of the lesson language: scripts cannot load native code)
                 """#),
    ]
}
