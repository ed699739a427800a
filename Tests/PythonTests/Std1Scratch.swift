import Testing
import Foundation
import Python

@Suite struct Std1Scratch {
    @Test func scratch() throws {
        guard let source = try? String(contentsOfFile: "/tmp/std1_scratch.py", encoding: .utf8) else { return }
        print("=====\n" + runScript(source) + "=====")
    }
}
