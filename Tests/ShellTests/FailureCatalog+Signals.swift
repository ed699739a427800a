// The failure catalogue, part 6: state that must not outlive a session (issue #14) —
// native modules a learner assigned to, SystemExit and KeyboardInterrupt at the prompt.
// Ctrl-C and exit codes of `llmwb exec`/`run` are process tests (SignalExitTests.swift).

extension FailureCatalog {
    static let signals: [BadInput] = [
        // A module attribute assigned at the prompt lasts until `reset`, `rerun` or `--restart`.
        BadInput(["import torch", "torch.manual_seed = 123", "reset", "import torch", "torch.manual_seed"],
                 after: ["open 7", "next"], lessons: CatalogueFiles.lessons,
                 """
                 parameters restored to the lesson's values
                 rerunning step 1 of 07_loop

                 ── 07_loop · step 1 of 2 · 07_loop ─────────────────────────────────────────────

                   │ x = 1
                 nothing changed
                 <built-in function manual_seed>
                 """),
        BadInput(["import torch", "torch.manual_seed = 123", "rerun", "import torch", "torch.manual_seed(5).initial_seed()"],
                 after: ["open 7", "next"], lessons: CatalogueFiles.lessons,
                 """
                 rerunning step 1 of 07_loop

                 ── 07_loop · step 1 of 2 · 07_loop ─────────────────────────────────────────────

                   │ x = 1
                 nothing changed
                 5
                 """),
        // Before any step, `reset` still undoes what the prompt assigned to a module.
        BadInput(["import torch", "torch.manual_seed = None", "reset", "import torch", "torch.manual_seed(7).initial_seed()"],
                 after: ["open 7"], lessons: CatalogueFiles.lessons,
                 """
                 parameters restored to the lesson's values
                 no step has run yet; `next` runs the first
                 7
                 """),
        BadInput(["import numpy as np", "np.random.seed = None", "open 1 --restart", "import numpy as np", "np.random.seed(1)", "np.random.randint(10)"],
                 """
                 Lesson 1: Tokenizing text
                 10 steps. Type `next` to run the first one, `help` for commands.
                 5
                 """),
        BadInput(["import tiktoken", "tiktoken.get_encoding = len", "open 1 --restart", "import tiktoken", #"tiktoken.get_encoding("gpt2").encode("hi")"#],
                 """
                 Lesson 1: Tokenizing text
                 10 steps. Type `next` to run the first one, `help` for commands.
                 [5303]
                 """),
        // The copies stay one object per module: attribute, `import a.b` and sys.modules agree.
        BadInput(["import torch", "import torch.nn.functional as G", "G is torch.nn.functional", "import sys", #"sys.modules["torch.nn"] is torch.nn"#],
                 """
                 True
                 True
                 """),
        // KeyboardInterrupt and SystemExit at the prompt: the traceback, or the exit message; the shell goes on.
        BadInput(["def wait():", "    raise KeyboardInterrupt", "", "wait()"],
                 """
                 Traceback (most recent call last):
                   File "<stdin>", line 1, in <module>
                     wait()
                   File "<stdin>", line 2, in wait
                     raise KeyboardInterrupt
                 KeyboardInterrupt
                 """),
        BadInput(#"raise SystemExit("bye")"#, "bye"),
    ]
}
