// The fuzz corpus (Tests/FuzzCorpus/*.py, the seeds `llmwb-fuzz` starts from, and
// every input it ever crashed on) as regression tests: each file's first line,
// `# expect: ok` or `# expect: ErrorType`, says how it must end.
import Foundation
import Bindings
import Python
import Testing

enum FuzzCorpus {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("FuzzCorpus").path

    static var files: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".py") }.sorted()
    }
}

@Test(arguments: FuzzCorpus.files)
func fuzzCorpusFileEndsAsItSays(_ name: String) throws {
    let path = FuzzCorpus.folder + "/" + name
    let source = try String(contentsOfFile: path, encoding: .utf8)
    let firstLine = source.prefix { $0 != "\n" }
    let expected = try #require(firstLine.hasPrefix("# expect: ") ? String(firstLine.dropFirst(10)) : nil,
                                "\(name) should start with `# expect: ok` or `# expect: ErrorType`")
    Bindings.registerAll()
    let interpreter = Interpreter(output: { _ in })
    var outcome = "ok"
    do {
        try interpreter.run(source: source, filename: path)
    } catch let e as ScriptError {
        outcome = e.typeName
    }
    #expect(outcome == expected, "\(name)")
}

@Test func fuzzCorpusIsThere() {
    #expect(FuzzCorpus.files.count >= 16)
}
