import Foundation
import Testing
import Script

@Test func devScratch() throws {
    guard let path = ProcessInfo.processInfo.environment["SCRATCH"],
          let data = FileManager.default.contents(atPath: path) else { return }
    var out = ""
    let interpreter = Interpreter(output: { out += $0 })
    let ok = NotebookRunner(keepGoing: true).run(source: String(decoding: data, as: UTF8.self), filename: path, interpreter: interpreter)
    FileManager.default.createFile(atPath: path + ".out", contents: Data((out + (ok ? "" : "[failed]\n")).utf8))
}
