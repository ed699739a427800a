// Packages on disk: `import pkg.sub`, `from pkg.sub import name`, `__init__.py`, folders
// without one (namespace packages) and relative imports, as CPython resolves them.
import Foundation
import Python
import Testing

@Suite struct PackageImportTests {
    /// Writes `files` (relative path → text) into a fresh folder and runs `main` there.
    func run(_ files: [String: String], main: String) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("llmwb-pkg-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        interpreter.searchPaths = [folder.path]
        do { try interpreter.run(source: main, filename: "main.py") } catch let e as ScriptError { out += e.rendered }
        return out
    }

    @Test func packagesSubmodulesAndRelativeImports() throws {
        let out = try run([
            "shapes/__init__.py": "from .square import area\nNAME = 'shapes'\n",
            "shapes/square.py": "from . import units\ndef area(x):\n    return f'{x * x} {units.UNIT}'\n",
            "shapes/units.py": "UNIT = 'cm2'\n",
            "shapes/deep/__init__.py": "",
            "shapes/deep/inner.py": "from ..units import UNIT\nVALUE = UNIT.upper()\n",
            "loose/helper.py": "X = 42\n",
        ], main: """
            import shapes
            print(shapes.NAME, shapes.area(3), shapes.__package__)
            from shapes.square import area as a
            print(a(2), shapes.square.__name__, shapes.square.__package__)
            import shapes.deep.inner
            print(shapes.deep.inner.VALUE)
            from loose.helper import X
            print(X)
            from .nothing import y
            """)
        #expect(out == """
            shapes 9 cm2 shapes
            4 cm2 shapes.square shapes
            CM2
            42
            Traceback (most recent call last):
              File "main.py", line 9, in <module>
                from .nothing import y
            ImportError: attempted relative import with no known parent package

            """)
    }
}
