// Runs the torch-surface snippets (nanoGPT, minGPT, the book's appendices A and D) and
// compares their output with what real PyTorch printed (TorchSurfaceExpectations.swift).

import Foundation
import Testing
import Bindings
import Python

@Suite(.serialized) struct TorchSurfaceTests {
    @Test(arguments: TorchSurfaceExpectations.cases.map { $0.name })
    func snippetMatchesPyTorch(_ name: String) throws {
        let fixture = try #require(TorchSurfaceExpectations.cases.first { $0.name == name })
        let result = try runBindingScript(fixture.script)
        #expect(result.failure == nil, "\(name) raised: \(result.failure ?? "")")
        #expect(result.output == fixture.expected,
                "\(name)\n--- got\n\(result.output)\n--- expected\n\(fixture.expected)")
    }
}
