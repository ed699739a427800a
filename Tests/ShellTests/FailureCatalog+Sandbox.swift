// The failure catalogue, part 5: the file-system sandbox and Python's file semantics
// (issue #14): paths outside the sandbox, links and `..` that lead out, the environment,
// os.remove on a folder, rmdir and rmtree, `~` in torch.save and open().
import Foundation
import Python

/// A folder of its own for these cases, which scripts may use (as `--allow-path` would allow it).
enum SandboxFiles {
    static let folder: String = {
        let folder = NSTemporaryDirectory() + "llmwb-sandbox-\(getpid())"
        let files = FileManager.default
        try? files.createDirectory(atPath: folder + "/full/sub", withIntermediateDirectories: true)
        try? files.createDirectory(atPath: folder + "/adir", withIntermediateDirectories: true)
        _ = files.createFile(atPath: folder + "/full/f.txt", contents: Data("x\n".utf8))
        _ = files.createFile(atPath: folder + "/file.txt", contents: Data("s\n".utf8))
        try? files.createSymbolicLink(atPath: folder + "/escape-link", withDestinationPath: "/etc/passwd")
        try? files.createSymbolicLink(atPath: folder + "/dirlink", withDestinationPath: folder + "/full")
        Sandbox.allow(folder)
        // One variable scripts must not see, one they may (LLMWB_*).
        setenv("HIDDEN_TOKEN_TEST", "secret", 1)
        setenv("LLMWB_VISIBLE_TEST", "2", 1)
        return folder
    }()
}

extension FailureCatalog {
    static let fileSandbox: [BadInput] = [
        BadInput(#"open("/etc/passwd")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("/etc/passwd")
                 PermissionError: [Errno 13] Permission denied: '/etc/passwd'
                 /etc/passwd is outside the sandbox (scripts read only their folder, the lessons and the workbench's cache and state); allow it with `llmwb --allow-path /etc/passwd`, or `allow-path /etc/passwd` in the shell
                 """#),
        BadInput(#"open("/etc/llmwb-sandbox.txt", "w")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("/etc/llmwb-sandbox.txt", "w")
                 PermissionError: [Errno 13] Permission denied: '/etc/llmwb-sandbox.txt'
                 /etc/llmwb-sandbox.txt is outside the sandbox (scripts write only in their folder and the workbench's cache and state); allow it with `llmwb --allow-path /etc/llmwb-sandbox.txt`, or `allow-path /etc/llmwb-sandbox.txt` in the shell
                 """#),
        BadInput(#"open("/proc/self/environ")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("/proc/self/environ")
                 PermissionError: [Errno 13] Permission denied: '/proc/self/environ'
                 /proc/self/environ is outside the sandbox (scripts read only their folder, the lessons and the workbench's cache and state); allow it with `llmwb --allow-path /proc/self/environ`, or `allow-path /proc/self/environ` in the shell
                 """#),
        BadInput(#"open("\#(SandboxFiles.folder)/escape-link")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(SandboxFiles.folder)/escape-link")
                 PermissionError: [Errno 13] Permission denied: '\#(SandboxFiles.folder)/escape-link'
                 \#(SandboxFiles.folder)/escape-link is outside the sandbox (scripts read only their folder, the lessons and the workbench's cache and state); allow it with `llmwb --allow-path \#(SandboxFiles.folder)/escape-link`, or `allow-path \#(SandboxFiles.folder)/escape-link` in the shell
                 """#),
        BadInput(#"open("\#(SandboxFiles.folder)/../../../../../../../../etc/passwd")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(SandboxFiles.folder)/../../../../../../../../etc/passwd")
                 PermissionError: [Errno 13] Permission denied: '\#(SandboxFiles.folder)/../../../../../../../../etc/passwd'
                 /etc/passwd is outside the sandbox (scripts read only their folder, the lessons and the workbench's cache and state); allow it with `llmwb --allow-path /etc/passwd`, or `allow-path /etc/passwd` in the shell
                 """#),
        BadInput(#"os.listdir("/")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     os.listdir("/")
                 PermissionError: [Errno 13] Permission denied: '/'
                 / is outside the sandbox (scripts read only their folder, the lessons and the workbench's cache and state); allow it with `llmwb --allow-path /`, or `allow-path /` in the shell
                 """#),
        BadInput(#"shutil.rmtree("/etc")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     shutil.rmtree("/etc")
                 PermissionError: [Errno 13] Permission denied: '/etc'
                 /etc is outside the sandbox (scripts write only in their folder and the workbench's cache and state); allow it with `llmwb --allow-path /etc`, or `allow-path /etc` in the shell
                 """#),
        BadInput(#"torch.load("/etc/passwd")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.load("/etc/passwd")
                 PermissionError: [Errno 13] Permission denied: '/etc/passwd'
                 /etc/passwd is outside the sandbox (scripts read only their folder, the lessons and the workbench's cache and state); allow it with `llmwb --allow-path /etc/passwd`, or `allow-path /etc/passwd` in the shell
                 """#),
        BadInput(#"load_file("/etc/passwd")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     load_file("/etc/passwd")
                 PermissionError: [Errno 13] Permission denied: '/etc/passwd'
                 /etc/passwd is outside the sandbox (scripts read only their folder, the lessons and the workbench's cache and state); allow it with `llmwb --allow-path /etc/passwd`, or `allow-path /etc/passwd` in the shell
                 """#),
        BadInput(#"save_file({"a": torch.zeros(1)}, "/etc/x.safetensors")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     save_file({"a": torch.zeros(1)}, "/etc/x.safetensors")
                 PermissionError: [Errno 13] Permission denied: '/etc/x.safetensors'
                 /etc/x.safetensors is outside the sandbox (scripts write only in their folder and the workbench's cache and state); allow it with `llmwb --allow-path /etc/x.safetensors`, or `allow-path /etc/x.safetensors` in the shell
                 """#),
        BadInput(#"torch.save({}, "/etc/x.pt")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.save({}, "/etc/x.pt")
                 PermissionError: [Errno 13] Permission denied: '/etc/x.pt'
                 /etc/x.pt is outside the sandbox (scripts write only in their folder and the workbench's cache and state); allow it with `llmwb --allow-path /etc/x.pt`, or `allow-path /etc/x.pt` in the shell
                 """#),
        BadInput(#"os.path.exists("/etc/passwd"), os.path.isfile("/etc/passwd"), os.path.isdir("/etc")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 (False, False, False)
                 """#),
        BadInput(#"os.getenv("LLMWB_VISIBLE_TEST"), os.getenv("HIDDEN_TOKEN_TEST"), "HIDDEN_TOKEN_TEST" in os.environ"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 ('2', None, False)
                 """#),
        BadInput(#"os.remove("\#(SandboxFiles.folder)/adir")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     os.remove("\#(SandboxFiles.folder)/adir")
                 IsADirectoryError: [Errno 21] Is a directory: '\#(SandboxFiles.folder)/adir'
                 """#),
        BadInput(#"os.unlink("\#(SandboxFiles.folder)/adir")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     os.unlink("\#(SandboxFiles.folder)/adir")
                 IsADirectoryError: [Errno 21] Is a directory: '\#(SandboxFiles.folder)/adir'
                 """#),
        BadInput(#"os.rmdir("\#(SandboxFiles.folder)/full")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     os.rmdir("\#(SandboxFiles.folder)/full")
                 OSError: [Errno 39] Directory not empty: '\#(SandboxFiles.folder)/full'
                 """#),
        BadInput(#"os.rmdir("\#(SandboxFiles.folder)/file.txt")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     os.rmdir("\#(SandboxFiles.folder)/file.txt")
                 NotADirectoryError: [Errno 20] Not a directory: '\#(SandboxFiles.folder)/file.txt'
                 """#),
        BadInput(#"os.mkdir("\#(SandboxFiles.folder)/adir")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     os.mkdir("\#(SandboxFiles.folder)/adir")
                 FileExistsError: [Errno 17] File exists: '\#(SandboxFiles.folder)/adir'
                 """#),
        BadInput(#"os.rename("\#(SandboxFiles.folder)/nope", "\#(SandboxFiles.folder)/other")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     os.rename("\#(SandboxFiles.folder)/nope", "\#(SandboxFiles.folder)/other")
                 FileNotFoundError: [Errno 2] No such file or directory: '\#(SandboxFiles.folder)/nope' -> '\#(SandboxFiles.folder)/other'
                 """#),
        BadInput(#"shutil.rmtree("\#(SandboxFiles.folder)/dirlink")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     shutil.rmtree("\#(SandboxFiles.folder)/dirlink")
                 OSError: Cannot call rmtree on a symbolic link
                 """#),
        BadInput(#"shutil.rmtree("\#(SandboxFiles.folder)/nope")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     shutil.rmtree("\#(SandboxFiles.folder)/nope")
                 FileNotFoundError: [Errno 2] No such file or directory: '\#(SandboxFiles.folder)/nope'
                 """#),
        BadInput(#"shutil.rmtree("\#(SandboxFiles.folder)/file.txt")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     shutil.rmtree("\#(SandboxFiles.folder)/file.txt")
                 NotADirectoryError: [Errno 20] Not a directory: '\#(SandboxFiles.folder)/file.txt'
                 """#),
        BadInput(#"shutil.copyfile("\#(SandboxFiles.folder)/file.txt", "\#(SandboxFiles.folder)/adir")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     shutil.copyfile("\#(SandboxFiles.folder)/file.txt", "\#(SandboxFiles.folder)/adir")
                 IsADirectoryError: [Errno 21] Is a directory: '\#(SandboxFiles.folder)/adir'
                 """#),
        BadInput(#"shutil.copyfile("\#(SandboxFiles.folder)/file.txt", "\#(SandboxFiles.folder)/file.txt")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     shutil.copyfile("\#(SandboxFiles.folder)/file.txt", "\#(SandboxFiles.folder)/file.txt")
                 shutil.SameFileError: '\#(SandboxFiles.folder)/file.txt' and '\#(SandboxFiles.folder)/file.txt' are the same file
                 """#),
        BadInput(#"torch.save({}, "~/x.pt")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.save({}, "~/x.pt")
                 RuntimeError: Parent directory ~ does not exist.
                 """#),
        BadInput(#"torch.save({}, "\#(SandboxFiles.folder)/nope/x.pt")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.save({}, "\#(SandboxFiles.folder)/nope/x.pt")
                 RuntimeError: Parent directory \#(SandboxFiles.folder)/nope does not exist.
                 """#),
        BadInput(#"torch.load("~/x.pt")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     torch.load("~/x.pt")
                 FileNotFoundError: [Errno 2] No such file or directory: '~/x.pt'
                 """#),
        BadInput(#"open("~/x.txt", "w")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("~/x.txt", "w")
                 FileNotFoundError: [Errno 2] No such file or directory: '~/x.txt'
                 """#),
        BadInput(#"open("\#(SandboxFiles.folder)/adir", "w")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(SandboxFiles.folder)/adir", "w")
                 IsADirectoryError: [Errno 21] Is a directory: '\#(SandboxFiles.folder)/adir'
                 """#),
        BadInput(#"open("\#(SandboxFiles.folder)/file.txt", "x")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     open("\#(SandboxFiles.folder)/file.txt", "x")
                 FileExistsError: [Errno 17] File exists: '\#(SandboxFiles.folder)/file.txt'
                 """#),
        BadInput(#"os.path.expanduser("~/data") == os.environ["HOME"] + "/data", os.path.expanduser("a/~")"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 (True, 'a/~')
                 """#),
        BadInput(#"allow-path"#, after: [#"import os, shutil, torch"#, #"from safetensors.torch import save_file, load_file"#],
                 #"""
                 allow-path takes a folder or file, e.g. allow-path ~/datasets
                 """#),
    ]
}
