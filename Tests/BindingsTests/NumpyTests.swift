// Runs the numpy fixture scripts through the interpreter and compares their output with
// what real numpy 2.4 printed (Tests/Fixtures/make_numpy_fixtures.py), character for character.

import Foundation
import Testing
import Bindings
import Python

@Suite(.serialized) struct NumpyTests {
    /// Runs `script`; returns stdout and the error text if it raised.
    func run(_ script: String) -> (output: String, failure: String?) {
        Bindings.registerAll()
        var output = ""
        let interpreter = Interpreter(output: { output += $0 }, errorOutput: { output += $0 })
        do {
            try interpreter.run(source: script, filename: "<numpy fixture>")
            return (output, nil)
        } catch {
            return (output, "\(error)")
        }
    }

    @Test(arguments: NumpyExpectations.cases.map { $0.name })
    func scriptPrintsWhatNumpyPrints(_ name: String) throws {
        let fixture = try #require(NumpyExpectations.cases.first { $0.name == name })
        let result = run(fixture.script)
        #expect(result.failure == nil, "\(name) raised: \(result.failure ?? "")")
        #expect(result.output == fixture.expected, "\(name)\n--- got\n\(result.output)\n--- expected\n\(fixture.expected)")
    }

    @Test func importsAsNpAndReportsItsVersion() {
        let result = run("import numpy as np\nprint(np.__version__, np.ndarray.__name__)\n")
        #expect(result.failure == nil)
        #expect(result.output == "2.4.6 ndarray\n")
    }
}
