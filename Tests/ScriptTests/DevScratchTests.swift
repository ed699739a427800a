import Foundation
import Testing
import Script

@Test func devScratch() throws {
    guard let dir = ProcessInfo.processInfo.environment["SCRATCH"] else { return }
    let files = (try FileManager.default.contentsOfDirectory(atPath: dir)).filter { $0.hasSuffix(".py") }.sorted()
    for name in files {
        let path = dir + "/" + name
        guard let data = FileManager.default.contents(atPath: path) else { continue }
        var out = ""
        let interpreter = Interpreter(output: { out += $0 })
        _ = NotebookRunner(keepGoing: true).run(source: String(decoding: data, as: UTF8.self), filename: path, interpreter: interpreter)
        FileManager.default.createFile(atPath: path.replacingOccurrences(of: ".py", with: ".ours"), contents: Data(out.utf8))
    }
}
