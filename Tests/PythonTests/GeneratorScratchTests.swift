// Scratch: runs the script at $GEN_SCRATCH and prints its output (development aid).
import Foundation
import Testing
import Python

@Suite struct GeneratorScratch {
    @Test func scratch() throws {
        guard let path = ProcessInfo.processInfo.environment["GEN_SCRATCH"],
              let data = FileManager.default.contents(atPath: path) else { return }
        print("=====OUT")
        print(runScript(String(decoding: data, as: UTF8.self)), terminator: "")
        print("=====END")
    }
}
