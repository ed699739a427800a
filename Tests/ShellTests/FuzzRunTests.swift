// The bounded fuzz run of CI (issue #9): `llmwb-fuzz` feeds mutated lessons and corpus
// scripts to the lexer, parser and interpreter for 90 s. It runs as its own process,
// beside the other tests: its time budget raises the process-wide Ctrl-C flag.
import Foundation
import Testing

@Test func ninetySecondsOfFuzzingFindNoCrashOrHang() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let child = try #require(Child(["--seconds", "90", root.appendingPathComponent("lessons").path,
                                    root.appendingPathComponent("Tests/FuzzCorpus").path],
                                   executable: builtExecutable("llmwb-fuzz")),
                             "the llmwb-fuzz executable should be built beside the tests")
    let (status, out, err) = child.finish(within: 300)
    // A crash or hang prints the input as a Swift string literal: paste it into Tests/FuzzCorpus.
    #expect(status == 0, "\(err)")
    #expect(out.hasPrefix("llmwb-fuzz: ") && out.contains(" s, no crash or hang: "), "\(out)")
}
