// Imports: sibling .py modules next to the script, the built-in standard modules, and
// clean errors for constructs outside the subset.
import Foundation
import Testing
import Python

@Suite struct ModuleTests {
    func run(_ source: String, filename: String = "mod.py") -> String {
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        do {
            try interpreter.run(source: source, filename: filename)
        } catch let e as ScriptError {
            out += e.rendered
        } catch {
            out += "\(error)"
        }
        return out
    }

    @Test func importsSiblingFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("llmwb-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "GREETING = 'hi'\nclass GPTModel:\n    def __init__(self, cfg):\n        self.cfg = cfg\n    def __repr__(self):\n        return f'GPTModel({self.cfg})'\n"
            .write(to: directory.appendingPathComponent("previous_chapters.py"), atomically: true, encoding: .utf8)
        try "def broken(:\n".write(to: directory.appendingPathComponent("bad_module.py"), atomically: true, encoding: .utf8)
        let main = directory.appendingPathComponent("main.py").path
        #expect(run("from previous_chapters import GPTModel, GREETING\nimport previous_chapters as pc\nprint(GPTModel(3), GREETING, pc.GREETING, pc.__name__)\n",
                    filename: main) == "GPTModel(3) hi hi previous_chapters\n")
        let missing = run("from previous_chapters import Nope\n", filename: main)
        #expect(missing.hasSuffix("ImportError: cannot import name 'Nope' from 'previous_chapters' (\(directory.appendingPathComponent("previous_chapters.py").path))\n"))
        let bad = directory.appendingPathComponent("bad_module.py").path
        #expect(run("import bad_module\n", filename: main) == """
            Traceback (most recent call last):
              File "\(main)", line 1, in <module>
                import bad_module
              File "\(bad)", line 1
                def broken(:
                           ^
            SyntaxError: invalid syntax

            """)
    }

    @Test func standardModules() {
        let out = run("""
        import math, time, os, sys
        import os.path
        from importlib.metadata import version
        import importlib
        print(math.sqrt(9), os.path.join("a", "b"), type(time.time()).__name__, time.perf_counter() > 0)
        print(version("torch") == importlib.metadata.version("torch"), isinstance(version("tiktoken"), str))
        print(os.getcwd() == os.path.abspath("."), sys.version_info[0])
        sys.stdout.write("written\\n")
        try:
            version("not-a-package")
        except ModuleNotFoundError as e:
            print(type(e).__name__, e)
        """)
        #expect(out == """
        3.0 a/b float True
        True True
        True 3
        written
        PackageNotFoundError No package metadata was found for not-a-package

        """)
    }

    @Test func outsideTheSubsetIsNamed() {
        // Generators are part of the language now.
        let generator = run("def gen():\n    yield 1\nprint(list(gen()))\n")
        #expect(generator == "[1]\n")
        let subclass = run("class MyList(list):\n    pass\n")
        #expect(subclass.hasSuffix("NotImplementedError: subclassing the builtin type 'list' is not supported in the lesson language\n"))
        let overflow = run("x = 2 ** 63\n")
        #expect(overflow.hasSuffix("OverflowError: integer overflow: the lesson language's int is 64-bit\n"))
    }
}
