// The public interpreter API: IPython-style evaluation, globals inspection, notebook
// cells (`llmwb exec`), recursion limits, and native modules written against the binding API.
import Testing
import Python

@Suite struct InterpreterTests {
    @Test func evaluateEchoesLikeIPython() throws {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        #expect(try interpreter.evaluate("x = 21") == nil)
        let value = try interpreter.evaluate("x * 2")
        #expect(value.map(interpreter.repr) == "42")
        #expect(try interpreter.evaluate("x * 2;") == nil)
        #expect(try interpreter.evaluate("print('hi')") == nil)
        #expect(try interpreter.evaluate("None") == nil)
        #expect(try interpreter.evaluate("'text'").map(interpreter.repr) == "'text'")
        #expect(out == "hi\n")
        #expect(interpreter.globalNames == ["x", "_"])
        #expect(interpreter.global("x").map(interpreter.repr) == "21")
        interpreter.setGlobal("d_out", .int(4))
        #expect(try interpreter.evaluate("d_out + 1").map(interpreter.repr) == "5")
    }

    @Test func errorsAreScriptErrors() throws {
        let interpreter = Interpreter()
        do {
            try interpreter.evaluate("undefined_thing", filename: "<stdin>")
            Issue.record("expected an error")
        } catch let e as ScriptError {
            #expect(e.typeName == "NameError")
            #expect(e.rendered == "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n    undefined_thing\nNameError: name 'undefined_thing' is not defined\n")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func deepRecursionRaisesRecursionError() throws {
        let interpreter = Interpreter()
        do {
            try interpreter.run(source: "def f(n):\n    return f(n + 1) + 1\nf(0)\n", filename: "deep.py")
            Issue.record("expected RecursionError")
        } catch let e as ScriptError {
            #expect(e.typeName == "RecursionError")
            #expect(e.rendered.hasSuffix("  [Previous line repeated 996 more times]\nRecursionError: maximum recursion depth exceeded\n"))
        } catch {
            Issue.record("unexpected \(error)")
        }
        // The interpreter stays usable.
        #expect(try interpreter.evaluate("1 + 1").map(interpreter.repr) == "2")
    }

    @Test func notebookCellsEchoAndMark() {
        let source = """
        # %% [markdown]
        # # Title
        # %%
        x = 2
        x + 1
        # %%
        y = x * 10;
        y
        # %%
        print("done")
        """
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        let ok = NotebookRunner(keepGoing: false, cellMarkers: true).run(source: source, filename: "nb.py", interpreter: interpreter)
        #expect(ok)
        #expect(out == "# %% [1]\n3\n# %% [2]\n20\n# %% [3]\ndone\n")
    }

    @Test func notebookKeepGoingReportsAndContinues() {
        let source = "# %%\nprint('a')\n# %%\n1 / 0\n# %%\nprint('c')\n"
        var out = ""
        var errors = ""
        let interpreter = Interpreter(output: { out += $0 }, errorOutput: { errors += $0 })
        let ok = NotebookRunner(keepGoing: true).run(source: source, filename: "nb.py", interpreter: interpreter)
        #expect(!ok)
        #expect(out == "a\nc\n")
        #expect(errors == "Traceback (most recent call last):\n  File \"nb.py\", line 4, in <module>\n    1 / 0\n    ^^^^^\nZeroDivisionError: division by zero\n")
        var stopped = ""
        let second = Interpreter(output: { stopped += $0 }, errorOutput: { _ in })
        #expect(!NotebookRunner().run(source: source, filename: "nb.py", interpreter: second))
        #expect(stopped == "a\n")
    }

    @Test func cellMarkersPutTheTracebackInTheCellsOutput() {
        let source = "# %%\nprint('a')\n# %%\n1 / 0\n# %%\nprint('c')\n"
        var out = ""
        var errors = ""
        let interpreter = Interpreter(output: { out += $0 }, errorOutput: { errors += $0 })
        let ok = NotebookRunner(keepGoing: true, cellMarkers: true).run(source: source, filename: "nb.py", interpreter: interpreter)
        #expect(!ok)
        #expect(errors == "")
        #expect(out == "# %% [1]\na\n# %% [2]\nTraceback (most recent call last):\n  File \"nb.py\", line 4, in <module>\n    1 / 0\n    ^^^^^\nZeroDivisionError: division by zero\n# %% [3]\nc\n")
    }

    @Test func scriptsWithoutCellsRunPlain() {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        #expect(NotebookRunner().run(source: "x = 5\nx\nprint(x)\n", filename: "plain.py", interpreter: interpreter))
        #expect(out == "5\n")
    }

    @Test func cellsSplitWithFileLineNumbers() {
        let cells = NotebookRunner.cells("a = 1\n# %%\nb = 2\n# %% [markdown]\n# text\n# %%\nc = 3\n")
        #expect(cells.map(\.isMarkdown) == [false, false, true, false])
        #expect(cells.map(\.number) == [1, 2, 0, 3])
        #expect(cells[3].source.split(separator: "\n", omittingEmptySubsequences: false)[6] == "c = 3")
    }
}
